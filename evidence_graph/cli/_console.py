"""The consoles the command prints to: control characters shown, long text drawn line by line."""

from __future__ import annotations

from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text
from rich.tree import Tree

from evidence_graph.display import visible

__all__ = ["LineByLine", "TerminalConsole", "line_by_line"]


class TerminalConsole(Console):
    r"""A rich console that shows control characters of the text it prints, never obeys them.

    Every string it renders (a message, a table's title and cells, a tree's labels) passes
    through :func:`~evidence_graph.display.visible` before rich reads its markup, so an escape
    sequence or a right-to-left override from the data reaches the terminal as ``\x1b`` or
    ``\u202e``. Rich's own styles are added after, and work. What the command writes to
    ``file`` directly (JSON, CSV, RDF) is not rendered, and keeps the data exactly.
    """

    def render_str(self, text: str, **options: Any) -> Text:
        return super().render_str(visible(text), **options)


class LineByLine:
    """A label or a cell, drawn with each line break a segment of its own.

    rich cuts the text of a label into lines by partitioning what is left of it at each break,
    which takes time quadratic in a label of many lines (a long quote, wrapped). Given its lines
    apart, it cuts each once, and a tree is drawn in time linear in its text.
    """

    def __init__(self, label: RenderableType) -> None:
        self.label = label

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self.label, options):
            text, style, control = segment
            if control or "\n" not in text:
                yield segment
                continue
            *lines, last = text.split("\n")
            for line in lines:
                if line:
                    yield Segment(line, style)
                yield Segment.line()
            if last:
                yield Segment(last, style)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.label)


def line_by_line(tree: Tree) -> Tree:
    """Return ``tree`` with every label drawn line by line (see :class:`LineByLine`)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        node.label = LineByLine(node.label)
        stack.extend(node.children)
    return tree
