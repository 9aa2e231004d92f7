"""The consoles the command prints to: whatever text they render, control characters shown."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.text import Text

from evidence_graph.display import visible

__all__ = ["TerminalConsole"]


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
