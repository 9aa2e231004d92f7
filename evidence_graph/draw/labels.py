"""The words of a drawing: wrapped, escaped into Graphviz HTML-like labels, and coloured.

Every text a drawing shows passes :func:`lines`: control characters become visible escapes
(Graphviz would refuse them, or a terminal obey them), and the text is wrapped to a width so
that no label runs wide. :func:`cell` and :func:`table` build the HTML-like labels Graphviz
lays out, escaping each line; nothing from the data is ever pasted into a label unescaped.

The colours are Okabe and Ito's palette, told apart by people with any common colour
blindness; every colour a drawing uses also comes with words (``admits``, ``excludes``,
``unknown``) or a line style, so nothing is said by colour alone.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import cast

from evidence_graph.display import visible

__all__ = [
    "FONT",
    "INK",
    "PALETTE",
    "Cell",
    "cell",
    "lines",
    "numbered",
    "plain",
    "short",
    "table",
]

FONT = "DejaVu Sans"
"""The typeface of every drawing (Debian's Graphviz brings it); others fall back to sans-serif."""

INK = "#1a1a1a"
"""The colour of text and lines."""

PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
}
"""Okabe and Ito's colours, safe for colour-blind readers (with black for text)."""

TINTS = {
    "blue": "#D4E6F2",
    "orange": "#FAEBCC",
    "sky": "#DDEFFA",
    "green": "#CCEBE2",
    "yellow": "#FBF8D9",
    "vermillion": "#F5DCCC",
    "purple": "#F4E4EE",
    "grey": "#EBEBEB",
}
"""Light tints of :data:`PALETTE`, for fills under black text (contrast above 12:1)."""

WIDTH = 36
"""The characters of a label's line, at most (a word longer than that is cut)."""

LONGEST = 60
"""The characters of the longest word a label keeps whole."""

_INVALID = re.compile("[\ufffe\uffff\ud800-\udfff]")
"""What XML cannot hold even as a character reference: non-characters and lone surrogates."""


def lines(text: str, width: int = WIDTH) -> list[str]:
    r"""Return ``text`` wrapped to ``width`` characters a line, control characters made visible.

    Line breaks in the text are kept (a tab becomes spaces). A word
    longer than ``width`` (a DOI, say) widens the lines to hold it whole, up to
    :data:`LONGEST` characters; a longer one is cut.

    Examples:
        >>> lines("Needing Honesty and Genuine Mutuality", 20)
        ['Needing Honesty and', 'Genuine Mutuality']
        >>> lines("Lancet doi:10.1016/s0140-6736(04)16770-6", 20)
        ['Lancet', 'doi:10.1016/s0140-6736(04)16770-6']
        >>> lines("a\x1b[31mb")
        ['a\\x1b[31mb']
        >>> lines("")
        ['']
    """
    shown = _shown(text)
    longest = max((len(word) for word in shown.split()), default=0)
    width = max(width, min(longest, LONGEST))
    wrapped: list[str] = []
    for paragraph in shown.split("\n"):
        wrapped.extend(
            textwrap.wrap(paragraph, width, break_long_words=True, break_on_hyphens=False) or [""]
        )
    return wrapped


def plain(text: str) -> str:
    r"""Return ``text`` for a plain attribute of Graphviz (a tooltip, a link): shown, not obeyed.

    Control characters become visible escapes. Graphviz reads its escapes (``\N``, the
    node's name; ``\G``, the graph's) into such an attribute twice, so each backslash is
    written as four; a text in ``<>`` stays text, not an HTML-like label.

    Examples:
        >>> print(plain("a \\N b\x07"))
        a \\\\N b\\\\x07
    """
    import graphviz  # noqa: PLC0415 - imported when a drawing is made, not at start-up

    return cast(str, graphviz.nohtml(_shown(text).replace("\\", "\\" * 4)))


def _shown(text: str) -> str:
    """Return ``text`` with its control characters, and what XML cannot hold, as escapes."""
    return _INVALID.sub(lambda match: f"\\u{ord(match.group()):04x}", visible(text))


def numbered(number: int | None, label: str) -> str:
    """Return a theme's label led by its number in the report, if it has one.

    Examples:
        >>> numbered(3, "Daring to Belong"), numbered(None, "Stages")
        ('3. Daring to Belong', 'Stages')
    """
    return label if number is None else f"{number}. {label}"


def short(text: str, limit: int) -> str:
    """Return ``text`` cut to ``limit`` characters, with an ellipsis where it was cut.

    Examples:
        >>> short("Moving Toward Connectedness", 12)
        'Moving Towa…'
        >>> short("Daring", 12)
        'Daring'
    """
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell of an HTML-like label: its lines of text and how they look."""

    text: Sequence[str]
    """The lines, as :func:`lines` gives them (escaped when the label is built)."""
    bold: bool = False
    italic: bool = False
    size: float | None = None
    """The font size in points; the drawing's own when ``None``."""
    fill: str | None = None
    """The background colour, ``#RRGGBB``."""
    align: str = "LEFT"
    port: str | None = None
    """A name edges may attach to."""
    span: int = 1
    """How many columns the cell spans."""


def cell(
    text: str,
    *,
    width: int = WIDTH,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    fill: str | None = None,
    align: str = "LEFT",
    port: str | None = None,
    span: int = 1,
) -> Cell:
    """Return a cell of ``text`` wrapped to ``width`` characters a line."""
    return Cell(lines(text, width), bold, italic, size, fill, align, port, span)


def table(
    rows: Iterable[Sequence[Cell]], *, border: int = 0, cellborder: int = 0, padding: int = 3
) -> str:
    r"""Return a Graphviz HTML-like label: a table of ``rows`` of cells, each line escaped.

    Examples:
        >>> table([[cell("Daring to <Belong> \\N", bold=True)]])
        '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3"><TR><TD ALIGN="LEFT" BALIGN="LEFT"><B>Daring to &lt;Belong&gt; \\\\N</B></TD></TR></TABLE>>'
    """  # noqa: E501 - a doctest's output is one line
    body = "".join("<TR>" + "".join(_td(item) for item in row) + "</TR>" for row in rows)
    return (
        f'<<TABLE BORDER="{border}" CELLBORDER="{cellborder}" CELLSPACING="0" '
        f'CELLPADDING="{padding}">'
        f"{body}</TABLE>>"
    )


def _td(item: Cell) -> str:
    attributes = [f'ALIGN="{item.align}"', f'BALIGN="{item.align}"']
    if item.fill is not None:
        attributes.append(f'BGCOLOR="{item.fill}"')
    if item.port is not None:
        attributes.append(f'PORT="{item.port}"')
    if item.span > 1:
        attributes.append(f'COLSPAN="{item.span}"')
    text = "<BR/>".join(html.escape(line, quote=True).replace("\\", "\\\\") for line in item.text)
    if item.bold:
        text = f"<B>{text}</B>"
    if item.italic:
        text = f"<I>{text}</I>"
    if item.size is not None:
        text = f'<FONT POINT-SIZE="{item.size:g}">{text}</FONT>'
    return f"<TD {' '.join(attributes)}>{text or ' '}</TD>"
