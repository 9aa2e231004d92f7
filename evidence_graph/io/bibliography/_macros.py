"""BibTeX values as BibTeX reads them: ``@string`` macros, ``#`` concatenation and months.

A value is one part or several joined by ``#``: text in braces or quotes, a number, or the
name of a macro that an ``@string`` before it defines (or a month, ``jan`` to ``dec``, which
BibTeX's styles define). ``@string{j = "Journal of"}`` then ``journal = j # " Things"`` gives
"Journal of Things".

Macros can multiply text: ``@string{s1 = s0 # s0}``, ``@string{s2 = s1 # s1}`` and so on
double it at each line, so that forty lines make a value of a trillion characters. A file's
values, once their macros are expanded, are therefore held to a :class:`Budget`: ten times the
file's length, or :data:`MIN_BUDGET` characters if that is more. A value without macros is never
longer than its file, and a macro used in every entry (a journal's name, say) expands a file by
a few times at most, so no honest bibliography comes near it; a value that would pass it is
refused before it is built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["BUDGET_FACTOR", "MIN_BUDGET", "MONTHS", "Budget", "ValueTooLongError", "evaluate"]

MIN_BUDGET = 1_000_000
"""The characters that a file's values may have in all, whatever the file's length."""

BUDGET_FACTOR = 10
"""How many times its own length a file's values may have in all, macros expanded."""

MONTHS: dict[str, str] = {
    "jan": "January",
    "feb": "February",
    "mar": "March",
    "apr": "April",
    "may": "May",
    "jun": "June",
    "jul": "July",
    "aug": "August",
    "sep": "September",
    "oct": "October",
    "nov": "November",
    "dec": "December",
}
"""The month macros that BibTeX's standard styles define, with their values."""

_SPACE = re.compile(r"\s*")
_NUMBER = re.compile(r"\d+")
_NAME = re.compile(r"[^\s\d#{}\"',=()%][^\s#{}\"',=()%]*")
_BRACE = re.compile(r"(?<!\\)[{}]")
_BRACE_OR_QUOTE = re.compile(r"(?<!\\)[{}\"]")
_EXPECTED = "expected text in braces or quotes, a number or an @string's name"


class ValueTooLongError(ValueError):
    """A value whose macros would make the file's values longer than its :class:`Budget`."""


@dataclass(slots=True)
class Budget:
    """How many characters a file's values may have in all, and how many they have so far.

    Examples:
        >>> Budget.for_text("@string{j = {Journal}}").limit
        1000000
        >>> Budget.for_text("x" * 200_000).limit
        2000000
    """

    limit: int
    used: int = 0

    @classmethod
    def for_text(cls, text: str) -> Budget:
        """Return the budget of a file: ten times its length, or 1,000,000 if that is more."""
        return cls(max(MIN_BUDGET, BUDGET_FACTOR * len(text)))

    def refusal(self) -> str:
        """Say why a value that would pass the budget is refused."""
        return (
            f"its @string macros would make the file's values longer than {self.limit:,} "
            f"characters in all ({BUDGET_FACTOR} times the file's length, or {MIN_BUDGET:,} "
            "if more); expected macros that do not multiply the text, such as an @string "
            "made of another twice over"
        )


def evaluate(raw: str, macros: dict[str, str], budget: Budget) -> str:
    """Return the text of a value as written in a BibTeX file, its parts joined.

    Args:
        raw: The value as the file has it, e.g. ``j # " Things"`` or ``{Title}``.
        macros: The values of the ``@string`` macros defined so far, by lower-case name.
        budget: The characters left for the file's values; the value's length is taken
            from it.

    Raises:
        ValueTooLongError: If the value would pass the budget; it is not built.
        ValueError: If a part is not a value, a macro is not defined, or two parts are not
            joined by ``#``; the message says what was expected.

    Examples:
        >>> evaluate('j # " Things, " # 20 # {19}', {"j": "Journal of"}, Budget(100))
        'Journal of Things, 2019'
        >>> evaluate("mar", {}, Budget(100))
        'March'
        >>> evaluate("j # j # j", {"j": "Journal of"}, Budget(25))
        Traceback (most recent call last):
        ...
        evidence_graph.io.bibliography._macros.ValueTooLongError: its @string macros would ...
    """
    parts: list[str] = []
    length = 0
    index = _SPACE.match(raw).end()  # type: ignore[union-attr]
    while True:
        if index >= len(raw):
            raise ValueError(f"a value ends after '#'; {_EXPECTED}" if parts else _EXPECTED)
        part, index = _part(raw, index, macros)
        length += len(part)
        if budget.used + length > budget.limit:
            raise ValueTooLongError(budget.refusal())
        parts.append(part)
        index = _SPACE.match(raw, index).end()  # type: ignore[union-attr]
        if index >= len(raw):
            budget.used += length
            return "".join(parts)
        if raw[index] != "#":
            shown = raw[index : index + 20]
            raise ValueError(f"expected '#' between the parts of a value (got {shown!r})")
        index = _SPACE.match(raw, index + 1).end()  # type: ignore[union-attr]


def _part(raw: str, index: int, macros: dict[str, str]) -> tuple[str, int]:
    """Return the text of the part of a value at ``index``, and where the part ends."""
    char = raw[index]
    if char in '{"':
        end = _closing(raw, index)
        return raw[index + 1 : end], end + 1
    if number := _NUMBER.match(raw, index):
        return number[0], number.end()
    name = _NAME.match(raw, index)
    if name is None:
        raise ValueError(f"{_EXPECTED} (got {raw[index : index + 20]!r})")
    key = name[0].lower()
    if key in macros:
        return macros[key], name.end()
    if key in MONTHS:
        return MONTHS[key], name.end()
    raise ValueError(
        f"the @string {name[0]!r} is not defined; expected an @string that defines it before "
        "it is used, or the text in braces"
    )


def _closing(raw: str, start: int) -> int:
    """Return where the braces or quotes opened at ``start`` close."""
    quoted = raw[start] == '"'
    depth = 0 if quoted else 1
    for mark in (_BRACE_OR_QUOTE if quoted else _BRACE).finditer(raw, start + 1):
        char = mark[0]
        if char == '"':
            if depth == 0:
                return mark.start()
            continue
        depth += 1 if char == "{" else -1
        if depth == 0 and not quoted:
            return mark.start()
        depth = max(depth, 0)
    closer = "quote" if quoted else "brace"
    raise ValueError(f"the {closer} opened at {raw[start : start + 20]!r} is not closed")
