"""Offsets into a source's text: code points or UTF-16 code units, and what each tool counts.

NVivo counts UTF-16 code units, so that a character outside the Basic Multilingual Plane (an
emoji, say) counts twice; the other tools count code points, as Python does. A selection's
offsets are read in the project's unit and turned into code points, refusing one that falls
outside the text or inside a character.
"""

from __future__ import annotations

import bisect
from enum import StrEnum

from evidence_graph.display import quoted

__all__ = ["OffsetUnit", "SourceText", "unit_of_origin"]

_LAST_OF_THE_PLANE = 0xFFFF  # past it, a character takes two UTF-16 code units


class OffsetUnit(StrEnum):
    """What a project's character offsets count."""

    CODE_POINTS = "code-points"
    """Unicode code points, as MAXQDA, ATLAS.ti, QualCoder and Python count characters."""
    UTF_16 = "utf-16"
    """UTF-16 code units, as NVivo counts: a character past U+FFFF counts twice."""


def unit_of_origin(origin: str | None) -> OffsetUnit:
    """Return the unit that the tool a project's ``origin`` names counts in.

    Examples:
        >>> unit_of_origin("NVivo 14").value, unit_of_origin("MAXQDA 2022").value
        ('utf-16', 'code-points')
    """
    if origin is not None and "nvivo" in origin.casefold():
        return OffsetUnit.UTF_16
    return OffsetUnit.CODE_POINTS


class SourceText:
    """A source's text, and the offsets into it that a unit gives, as code points.

    Examples:
        >>> text = SourceText("😀 abc", "Interview 1", OffsetUnit.UTF_16)
        >>> text.span(3, 6)
        (2, 5)
        >>> text.span(1, 3)
        Traceback (most recent call last):
        ...
        ValueError: startPosition 1 falls inside the character '😀' (two UTF-16 code units) ...
    """

    def __init__(self, text: str, name: str, unit: OffsetUnit) -> None:
        self.text = text
        self.name = name
        self.unit = unit
        self._wide: list[int] = []
        """For each character past U+FFFF, its offset in UTF-16 code units."""
        if unit is OffsetUnit.UTF_16:
            self._wide = [
                index + count
                for count, index in enumerate(
                    index for index, char in enumerate(text) if ord(char) > _LAST_OF_THE_PLANE
                )
            ]
        self.length = len(text) + len(self._wide)
        """The text's length in the unit."""

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Return the code-point offsets of the selection from ``start`` to ``end`` (the unit's).

        Raises:
            ValueError: If an offset is negative, past the end, or inside a character, or if
                ``start`` is not before ``end``.
        """
        units = "characters" if self.unit is OffsetUnit.CODE_POINTS else "UTF-16 code units"
        if start < 0:
            raise ValueError(f"startPosition {start} is negative; expected an offset from 0")
        if end <= start:
            raise ValueError(
                f"endPosition {end} is not after startPosition {start}; expected start < end"
            )
        if end > self.length:
            raise ValueError(
                f"endPosition {end} is past the end of the text of {quoted(self.name)} "
                f"({self.length} {units})"
            )
        return self._point(start, "startPosition"), self._point(end, "endPosition")

    def _point(self, offset: int, attribute: str) -> int:
        """Return the code-point offset of a unit offset, refusing one inside a character."""
        if not self._wide:
            return offset
        before = bisect.bisect_left(self._wide, offset)
        if before and self._wide[before - 1] + 1 == offset:
            char = self.text[offset - before]
            raise ValueError(
                f"{attribute} {offset} falls inside the character {quoted(char)} (two UTF-16 "
                f"code units) of {quoted(self.name)}; expected an offset between characters"
            )
        return offset - before
