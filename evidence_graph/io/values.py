"""How two values of one field compare: their words, a journal's abbreviation, the fuller one.

Bibliographies, databases and papers spell one title, journal or page range in many ways:
Zotero keeps a title's capitals, PubMed abbreviates the journal, Crossref writes HTML in titles,
BibTeX wraps words in braces. Values are compared by their words once :func:`strip_markup` has
taken LaTeX and HTML away, and where two differ, :func:`fullness` says which one to keep.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from enum import Enum
from typing import Any

from evidence_graph.folding import fold

__all__ = ["abbreviates", "fullness", "same_pages", "same_words", "strip_markup", "words"]

_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_HTML_ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
_LATEX = re.compile(r"[\\{}]")
# LaTeX accents (\"o, \'{e}, \c c) and the combining marks they stand for.
_ACCENTS = {'"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303"}
_ACCENTS |= {"=": "\u0304", ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b"}
_ACCENTS |= {"c": "\u0327", "k": "\u0328", "r": "\u030a"}
_ACCENT = re.compile(r"\\([\"'`^~=.]|[uvHckr](?![A-Za-z]))\s*\{?\s*(\\?[A-Za-z])\}?")
_LETTERS = {"o": "ø", "O": "Ø", "ss": "ß", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ"}
_LETTERS |= {
    "aa": "å",
    "AA": "Å",
    "l": "ł",
    "L": "Ł",
    "i": "\u0131",
    "j": "\u0237",
}  # \i, \j: dotless
_LETTER = re.compile(r"\\(" + "|".join(sorted(_LETTERS, key=len, reverse=True)) + r")(?![A-Za-z])")
_ESCAPED = re.compile(r"\\([&%$#_{}])")
_COMMAND = re.compile(r"\\[A-Za-z]+\*?\s*")
_NOT_A_WORD = re.compile(r"[^\w\s]|_")
_SPACES = re.compile(r"\s+")

STOP_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "a", "an", "de", "la", "der"})
"""Words that an ISO 4 abbreviation of a journal's name leaves out (``&`` is punctuation)."""


def strip_markup(text: str) -> str:
    r"""Return ``text`` without LaTeX or HTML markup: the text a reader sees.

    HTML tags go and entities are decoded; LaTeX accents are decoded, braces and formatting
    commands go. Text without a backslash, a brace, a tag or an entity is returned as it is.

    Examples:
        >>> strip_markup(r"Living with {BPD}: F{\"o}rde's \textit{hope}")
        "Living with BPD: Förde's hope"
        >>> strip_markup("A <i>qualitative</i> study of hope &amp; recovery")
        'A qualitative study of hope & recovery'
        >>> strip_markup("50% of 3 < 4")
        '50% of 3 < 4'
    """
    found = text
    if _HTML_TAG.search(found) or _HTML_ENTITY.search(found):
        found = html.unescape(_HTML_TAG.sub("", found))
    if _LATEX.search(found):
        found = _latex_text(found)
    return _SPACES.sub(" ", found).strip() if found != text else text


def _accented(match: re.Match[str]) -> str:
    r"""An accented letter: ``\"o`` is o and a diaeresis, ``\'{\i}`` i and an acute."""
    letter = match[2]
    if letter.startswith("\\"):  # a dotless i or j takes an accent; \o is ø
        letter = letter[1] if letter[1] in "ij" else _LETTERS.get(letter[1], letter[1])
    return letter + _ACCENTS[match[1]]


def _latex_text(text: str) -> str:
    """Return LaTeX as the text it prints: accents decoded, commands and braces dropped."""
    found = _ACCENT.sub(_accented, text)
    found = _LETTER.sub(lambda match: _LETTERS[match[1]], found)
    found = _ESCAPED.sub(lambda match: f"\x00{ord(match[1])}\x00", found)
    found = _COMMAND.sub("", found).replace("{", "").replace("}", "").replace("~", " ")
    found = found.replace("---", "—").replace("--", "–")
    found = re.sub("\x00(\\d+)\x00", lambda match: chr(int(match[1])), found)
    return unicodedata.normalize("NFC", found)


def words(text: str) -> tuple[str, ...]:
    """Return the words of a text without markup, folded, apostrophes dropped, dashes as spaces.

    Two values with the same words differ only in case, accents, punctuation, dashes,
    whitespace or markup.

    Examples:
        >>> words("Moving Toward Connectedness – A <i>Qualitative</i> Study")
        ('moving', 'toward', 'connectedness', 'a', 'qualitative', 'study')
        >>> words("553–564") == words("553-564")
        True
    """
    return tuple(_NOT_A_WORD.sub(" ", fold(strip_markup(text)).replace("'", "")).split())


def same_words(first: str, second: str) -> bool:
    """Return whether two texts have the same words, whatever their case, accents and punctuation.

    Both texts lose their markup, are folded (:func:`~evidence_graph.folding.fold`),
    apostrophes dropped, other punctuation read as a space, and the words compared.

    Examples:
        >>> same_words(
        ...     "Moving Toward Connectedness – A Qualitative Study",
        ...     "Moving toward connectedness: a <i>qualitative</i> study.",
        ... )
        True
        >>> same_words("Søren O’Neil", "soren oneil")
        True
        >>> same_words("Borderline personality disorder", "Borderline personality")
        False
    """
    return words(first) == words(second)


_PAGE_RANGE = re.compile(r"\s*(\d+)\s*[-\u2010-\u2015]+\s*(\d+)\s*")


def same_pages(first: str, second: str) -> bool:
    """Return whether two page ranges are one, the end page written in full or shortened.

    PubMed shortens the last page to the digits that change: ``553-64`` is ``553–564``.

    Examples:
        >>> same_pages("553-64", "553–564"), same_pages("553-64", "553-664")
        (True, False)
    """
    return _pages(first) == _pages(second) is not None


def _pages(text: str) -> tuple[int, int] | None:
    found = _PAGE_RANGE.fullmatch(text)
    if found is None:
        return None
    start, end = found.groups()
    if len(end) < len(start) and int(end) < int(start):
        end = start[: len(start) - len(end)] + end
    return int(start), int(end)


def abbreviates(short: str, full: str) -> bool:
    """Return whether ``short`` is ``full`` or an abbreviation of it, ISO 4 style.

    Stop words (of, the, and, for, in, ...) and punctuation are left out of both; then each
    word of ``short`` must begin the word of ``full`` in its place, and both must have as many
    words.

    Examples:
        >>> abbreviates("Br J Psychiatry", "British Journal of Psychiatry")
        True
        >>> abbreviates("J. Pers. Disord.", "Journal of Personality Disorders")
        True
        >>> abbreviates("Lancet", "The Lancet")
        True
        >>> abbreviates("Front Psychol", "Frontiers in Psychiatry")
        False
    """
    mine = [word for word in words(short) if word not in STOP_WORDS]
    theirs = [word for word in words(full) if word not in STOP_WORDS]
    return (
        bool(mine)
        and len(mine) == len(theirs)
        and all(word.startswith(part) for part, word in zip(mine, theirs, strict=True))
    )


def fullness(value: Any) -> tuple[Any, ...]:
    """Return how full a value is: of two values of one field, the greater is kept.

    A text is measured on what it reads without markup (:func:`strip_markup`), by, in turn:

    1. its words (:func:`words`), more is fuller;
    2. its letters and digits, more is fuller (a page range ``553–564`` over ``553–64``);
    3. its capitals;
    4. its letters outside ASCII (``ö`` over ``o``);
    5. its characters outside ASCII (a dash ``–`` over ``-``, a curly quote over a straight one);
    6. no markup over markup, so that of two values that read alike the one without is kept;
    7. the text without markup, the later in code point order, then the text as given.

    The last step tells any two different texts apart, so the value kept never depends on the
    order in which the sources were loaded. Numbers and dates are measured as their text, names
    of a closed set (enums) as their value, ``True`` is fuller than ``False``, and a list is
    fuller with more items, then by its items in order.

    Examples:
        >>> max(["Br J Psychiatry", "British Journal of Psychiatry"], key=fullness)
        'British Journal of Psychiatry'
        >>> max(["553-564", "553–564"], key=fullness)
        '553–564'
        >>> max(["A <i>qualitative</i> study", "A qualitative study"], key=fullness)
        'A qualitative study'
        >>> max(["moving toward hope", "Moving Toward Hope"], key=fullness)
        'Moving Toward Hope'
    """
    if isinstance(value, bool):
        return (0, int(value))
    if isinstance(value, tuple | list):
        return (3, len(value), tuple(fullness(item) for item in value))
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, dt.date | int | float):
        value = value.isoformat() if isinstance(value, dt.date) else str(value)
    if not isinstance(value, str):
        return (4, repr(value))
    clean = strip_markup(value)
    return (
        2,
        len(words(clean)),
        sum(char.isalnum() for char in clean),
        sum(char.isupper() for char in clean),
        sum(char.isalpha() and not char.isascii() for char in clean),
        sum(not char.isascii() for char in clean),
        clean == value,
        clean,
        value,
    )
