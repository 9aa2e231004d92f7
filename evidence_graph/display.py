r"""Values from the data as a person reads them: control characters shown, long values cut.

A value read from a file may hold characters a terminal obeys rather than shows (an escape
sequence that recolours it, moves the cursor or sets its title; a right-to-left override that
reorders what follows), and may be a hundred thousand characters long. What the command line
prints passes through :func:`visible`, and what an error message echoes of an input passes
through :func:`quoted` (or :func:`shorten`). Files written and machine formats keep the data
exactly; these are for people.

Both show such a character in the form Python's ``repr`` gives it: ``\x1b`` for ESC,
``\r`` for a carriage return, ``\x9b`` for a C1 control, ``\u202e`` for a right-to-left
override.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

__all__ = [
    "CELL_LIMIT",
    "LIMIT",
    "SHOWN_ROWS",
    "SHOWN_STUDIES",
    "SHOWN_THEMES",
    "counted",
    "html_table",
    "html_text",
    "quoted",
    "shorten",
    "visible",
]

SHOWN_ROWS = 50
"""The rows an HTML table shows in a notebook before it says how many more there are."""

SHOWN_STUDIES = 20
"""The studies a graph shows in a notebook before it says how many more there are."""

SHOWN_THEMES = 200
"""The themes of one study a graph shows in a notebook before it says how many there are."""

CELL_LIMIT = 1000
"""The characters of a cell an HTML table shows before it cuts the rest (saying how many)."""

LIMIT = 200
"""The characters of a value an error message shows before it cuts the rest."""

_BITS_PER_DIGIT = 3.3219280948873626  # log2(10): a decimal digit holds this many bits

_HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 controls but tab and line feed, DEL, C1 controls
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"  # bidirectional marks and controls
)


def _escape(match: re.Match[str]) -> str:
    return repr(match.group())[1:-1]


def visible(text: str) -> str:
    r"""Return ``text`` with every control character a terminal would obey shown as an escape.

    C0 controls (except tab and line feed), DEL, C1 controls and the bidirectional marks,
    embeddings, overrides and isolates (U+061C, U+200E, U+200F, U+202A–U+202E,
    U+2066–U+2069) become escapes as ``repr`` writes them (``\r``, ``\xNN``, ``\uNNNN``);
    everything else is kept as it is.

    Examples:
        >>> visible("\x1b]0;pwned\x07Daring to Belong")
        '\\x1b]0;pwned\\x07Daring to Belong'
        >>> print(visible("abc\u202edef\r\n"))
        abc\u202edef\r
        <BLANKLINE>
        >>> visible("Førde\tis\nkept")
        'Førde\tis\nkept'
    """
    return _HIDDEN.sub(_escape, text)


def shorten(text: str, limit: int = LIMIT) -> str:
    """Return ``text`` cut after ``limit`` characters, saying how many more there were.

    Examples:
        >>> shorten("a" * 1000, 5)
        'aaaaa… (995 more characters)'
        >>> shorten("short")
        'short'
    """
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit:,} more characters)"


def quoted(value: object, limit: int = LIMIT) -> str:
    """Return a value as an error message echoes it: its ``repr``, cut after ``limit`` characters.

    The ``repr`` shows control characters as escapes; text that is cut keeps its closing quote,
    and says how many characters were left out.

    Examples:
        >>> quoted("Daring to Belong")
        "'Daring to Belong'"
        >>> quoted("x" * 100_000, 3)
        "'xxx…' (99,997 more characters)"
        >>> quoted(10**5000)
        'a whole number of about 5,001 digits'
        >>> quoted(list(range(100)), 10)
        '[0, 1, 2, … (380 more characters)'
    """
    if isinstance(value, int) and value.bit_length() > limit * _BITS_PER_DIGIT:
        digits = int(abs(value).bit_length() / _BITS_PER_DIGIT) + 1
        return f"a whole number of about {digits:,} digits"  # too long to write out, or to repr
    if isinstance(value, str):
        if len(value) <= limit:
            return repr(value)
        head = repr(value[:limit])
        return f"{head[:-1]}…{head[-1]} ({len(value) - limit:,} more characters)"
    return shorten(repr(value), limit)


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """Say how many of ``noun`` there are, the noun plural (``plural``, else with s) but for one.

    Examples:
        >>> counted(1, "quote"), counted(3, "quote"), counted(2, "study", "studies")
        ('1 quote', '3 quotes', '2 studies')
    """
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def html_text(text: str) -> str:
    r"""Return ``text`` for an HTML page: control characters shown (:func:`visible`), escaped.

    Examples:
        >>> print(html_text('<script>alert("x")</script> & \u202e'))
        &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; \u202e
    """
    return html.escape(visible(text), quote=True)


def html_table(
    columns: Sequence[str], rows: Iterable[Sequence[str]], *, total: int | None = None
) -> str:
    """Return an HTML table of text cells, every name and cell escaped.

    Args:
        columns: The column names.
        rows: The cells of each row, as text.
        total: How many rows there are in all, where ``rows`` holds only the first of them;
            a line under the table then says how many are not shown.

    Examples:
        >>> print(html_table(["a", "b"], [["1", "<2>"]], total=3))
        <table><thead><tr><th>a</th><th>b</th></tr></thead><tbody>
        <tr><td>1</td><td>&lt;2&gt;</td></tr>
        </tbody></table>
        <p>… and 2 more rows (3 in all)</p>
    """
    head = "".join(f"<th>{html_text(name)}</th>" for name in columns)
    body = [
        "<tr>"
        + "".join(f"<td>{html_text(shorten(cell, CELL_LIMIT))}</td>" for cell in row)
        + "</tr>"
        for row in rows
    ]
    lines = [f"<table><thead><tr>{head}</tr></thead><tbody>", *body, "</tbody></table>"]
    if total is not None and total > len(body):
        more = total - len(body)
        lines.append(f"<p>… and {counted(more, 'more row')} ({total} in all)</p>")
    elif not body:
        lines.append("<p>no rows</p>")
    return "\n".join(lines)
