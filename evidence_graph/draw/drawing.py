"""A drawing: its Graphviz source, rendered to SVG, PNG, PDF or a page of HTML on demand.

The format of a file comes from its suffix (:data:`SUFFIXES`). ``.dot`` is the source itself
and needs no program; the others are laid out by Graphviz's ``dot``
(:mod:`evidence_graph.draw.render`). The same drawing gives the same bytes each time.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, cast, get_args

from evidence_graph.display import html_text, shorten
from evidence_graph.draw.render import run_dot
from evidence_graph.exceptions import MissingProgramError, UsageError
from evidence_graph.io import write_atomic

__all__ = ["SUFFIXES", "Drawing", "DrawingFormat", "format_of"]

DrawingFormat = Literal["svg", "png", "pdf", "dot", "html"]
"""What a drawing is written as."""

SUFFIXES: dict[str, DrawingFormat] = {f".{name}": name for name in get_args(DrawingFormat)}
"""The format of each file suffix a drawing may be written to."""

_PROLOGUE = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)
"""What precedes the ``<svg>`` element in Graphviz's SVG: the XML declaration, the doctype
and a comment naming the Graphviz version."""

_COMMENT = re.compile(r"<!--.*?-->\n?", re.DOTALL)

_STYLE = (
    "body{margin:0;padding:1rem;font-family:'DejaVu Sans',sans-serif;color:#1a1a1a;"
    "background:#fff}h1{font-size:1.25rem;margin:0 0 1rem}"
    "figure{margin:0;overflow:auto}svg{max-width:100%;height:auto}"
)


@dataclass(frozen=True, slots=True)
class Drawing:
    """A drawing of the evidence graph, as Graphviz source.

    Jupyter shows it as SVG (:meth:`_repr_svg_`), which needs Graphviz's ``dot`` program.

    Attributes:
        name: What it draws: ``themes``, ``evidence``, ``mappings``, ``citations`` or
            ``eligibility``.
        title: What it shows, in words (the title of its SVG and of its page).
        source: Its Graphviz DOT source.

    Examples:
        >>> import evidence_graph as eg
        >>> drawing = eg.draw.themes(eg.load_graph("kverme2019"))
        >>> drawing.title
        'Themes of kverme2019: Recovery processes for people with borderline personality disorder'
        >>> drawing.render("dot").startswith(b"digraph themes {")
        True
    """

    name: str
    title: str
    source: str

    def render(self, output: DrawingFormat) -> bytes:
        """Return the drawing as ``output``: ``svg``, ``png``, ``pdf``, ``dot`` or ``html``.

        Raises:
            ValueError: If ``output`` is none of those.
            MissingProgramError: If the format needs Graphviz's ``dot`` and it is missing.
            EvidenceGraphError: If ``dot`` fails, or takes too long.

        Warns:
            DrawingWarning: If Graphviz had to scale a PNG down to fit a bitmap's bounds.
        """
        output = cast(DrawingFormat, str(output).lower())
        if output not in get_args(DrawingFormat):
            expected = ", ".join(get_args(DrawingFormat))
            raise ValueError(f"a drawing is rendered as one of {expected}, not {output!r}")
        if output == "dot":
            return self.source.encode("utf-8")
        if output == "html":
            return self._page().encode("utf-8")
        return run_dot(self.source, output)

    def save(self, path: str | os.PathLike[str], output: DrawingFormat | None = None) -> Path:
        """Write the drawing to ``path``, whole or not at all, in the format its suffix names.

        ``output`` names the format whatever the suffix (to write to ``/dev/stdout``, say).

        Raises:
            UsageError: If ``output`` is not given and the suffix names no format.
            OutputError: If the file cannot be written.
        """
        return write_atomic(path, self.render(output or format_of(path)))

    def svg(self) -> str:
        """Return the drawing as an SVG element, without the XML prologue, to put in a page."""
        text = self.render("svg").decode("utf-8")
        return _COMMENT.sub("", _PROLOGUE.sub("", text, count=1))

    def __repr__(self) -> str:
        return (
            f"Drawing(name={self.name!r}, title={shorten(self.title)!r}, "
            f"source=<{len(self.source):,} characters of DOT>)"
        )

    def _repr_svg_(self) -> str | None:
        """The SVG Jupyter shows; ``None`` (its text instead) where Graphviz is missing."""
        try:
            return self.svg()
        except MissingProgramError:
            return None

    def _page(self) -> str:
        """Return a page of HTML holding the drawing: one file, requesting nothing."""
        digest = base64.b64encode(hashlib.sha256(_STYLE.encode()).digest()).decode()
        policy = f"default-src 'none'; style-src 'sha256-{digest}'"
        title = html_text(self.title)
        return (
            "<!DOCTYPE html>\n"
            '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{title}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n<main>\n"
            f"<h1>{title}</h1>\n<figure>\n{self.svg()}</figure>\n</main>\n</body>\n</html>\n"
        )


def format_of(path: str | os.PathLike[str]) -> DrawingFormat:
    """Return the format a file's suffix names.

    Raises:
        UsageError: If the suffix is none of :data:`SUFFIXES`.

    Examples:
        >>> format_of("themes.SVG")
        'svg'
        >>> format_of("themes.jpg")
        Traceback (most recent call last):
        ...
        evidence_graph.exceptions.UsageError: themes.jpg: a drawing is written as .svg, .png, .pdf, .dot or .html; the suffix '.jpg' names none of them
    """  # noqa: E501 - a doctest's output is one line
    suffix = Path(path).suffix
    found = SUFFIXES.get(suffix.lower())
    if found is None:
        *first, last = SUFFIXES
        said = f"the suffix {suffix!r} names" if suffix else "it has no suffix, naming"
        raise UsageError(
            f"{os.fspath(path)}: a drawing is written as {', '.join(first)} or {last}; "
            f"{said} none of them"
        )
    return found
