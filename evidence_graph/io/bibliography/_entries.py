"""Entries read from a bibliography, before they become works: fields, authors, problems."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evidence_graph.display import quoted
from evidence_graph.ids import check_slug, slugify
from evidence_graph.io.text_files import read_utf8
from evidence_graph.models import WorkType

__all__ = [
    "CSL_START",
    "Author",
    "Record",
    "first_text",
    "key_id",
    "leave_out_unread",
    "read_text",
    "set_date",
    "set_date_parts",
    "set_first",
    "set_issn",
    "unique",
]

_ISSN = re.compile(r"(\d{4})-?(\d{3}[\dXx])")
_YEAR = re.compile(r"\d{4}")
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
CSL_START = re.compile(rb"\[\s*\{")


@dataclass(slots=True)
class Author:
    """An author as an entry names them."""

    name: str
    given: str | None = None
    family: str | None = None
    orcid: str | None = None


@dataclass(slots=True)
class Record:
    """One entry of a bibliography, mapped to the fields of a Work but not yet validated."""

    key: str | None
    line: int | None
    type: WorkType
    fields: dict[str, Any] = field(default_factory=dict)
    places: dict[str, tuple[str, int | None]] = field(default_factory=dict)
    """For each Work field: the field of the file it came from, and that field's line."""
    authors: list[Author] = field(default_factory=list)
    cites: list[str] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)
    """(field of the file, what was expected) for values that cannot be mapped."""
    dropped: list[tuple[str, int | None]] = field(default_factory=list)
    """The fields of the file that no Work field holds, e.g. ``editor``, named as the file has
    them, with their lines; a month is named ``the month of <field>``."""

    def set(self, name: str, value: Any, source: str, line: int | None = None) -> None:
        """Set a Work field from a field of the file, unless the value is empty."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return
        self.fields[name] = value.strip() if isinstance(value, str) else value
        self.places[name] = (source, line if line is not None else self.line)

    def place(self, name: str) -> tuple[str, int | None]:
        """Return the field of the file and the line that a Work field came from."""
        return self.places.get(name, (name, self.line))


def set_first(
    result: Record, name: str, candidates: Iterable[tuple[str, str | None, int | None]]
) -> None:
    """Set a Work field from the first field of the file that holds text.

    Each of the other candidates that holds other text (a ``journaltitle`` beside a
    ``journal`` of another name, say) is named as left out.

    Args:
        result: The entry being read.
        name: The Work field, e.g. ``container_title``.
        candidates: The fields of the file that may give it, in order: name, text, line.
    """
    chosen: str | None = None
    for source, text, line in candidates:
        if text is None or not text.strip():
            continue
        if chosen is None:
            result.set(name, text, source, line)
            chosen = " ".join(text.split())
        elif " ".join(text.split()) != chosen:
            result.dropped.append((source, line))


def leave_out_unread(
    result: Record, fields: Iterable[tuple[str, Any, int | None]], read: Container[str]
) -> None:
    """Name as left out each field of the file that holds a value and that was not read.

    Args:
        result: The entry being read.
        fields: Each field of the entry as the file has it: its name, value and line.
        read: The names of the fields that the reader reads.
    """
    for name, value, line in fields:
        empty = value in (None, [], {}) or (isinstance(value, str) and not value.strip())
        if name not in read and not empty:
            result.dropped.append((name, line))


def read_text(path: Path) -> str:
    """Return a bibliography's text, every line break made a line feed."""
    text = read_utf8(path, "a bibliography file")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(" ".join(value.split()) for value in values if value.strip()))


def set_issn(
    result: Record, text: str, source: str, line: int | None, *, strict: bool = True
) -> None:
    first = re.split(r"[,;\s]+", text.strip())[0]
    if match := _ISSN.fullmatch(first):
        result.set("issn", f"{match[1]}-{match[2].upper()}", source, line)
    elif strict:
        result.set("issn", first, source, line)  # the model says what an ISSN looks like


def set_date(result: Record, text: str, source: str, line: int | None) -> None:
    match = _ISO_DATE.fullmatch(text.strip())
    if match is None:
        expected = (
            f"expected a year such as '2019' or a date such as '2019-02-28' (got {quoted(text)})"
        )
        result.problems.append((source, expected))
        result.places.setdefault(f"problem:{source}", (source, line))
        return
    set_date_parts(result, [part for part in match.groups() if part], source, line)


def set_date_parts(result: Record, parts: Sequence[str], source: str, line: int | None) -> None:
    """Set ``issued`` from a year, month and day, or ``year`` from a year (and month)."""
    parts = [part.strip() for part in parts]
    if not parts or not _YEAR.fullmatch(parts[0]):
        shown = "/".join(parts)
        result.problems.append((source, f"expected a four-digit year first (got {quoted(shown)})"))
        result.places.setdefault(f"problem:{source}", (source, line))
        return
    numbers = [int(part) for part in parts if part.isdigit()]
    if len(numbers) == 2:  # noqa: PLR2004 - a year and a month, which a work holds no place for
        result.dropped.append((f"the month of {source}", line))
    if len(numbers) >= 3 and len(parts) >= 3:  # noqa: PLR2004 - year, month and day
        try:
            issued = dt.date(*numbers[:3])
        except ValueError as error:
            result.problems.append((source, f"expected a real date (got {parts}: {error})"))
            result.places.setdefault(f"problem:{source}", (source, line))
            return
        if "issued" not in result.fields:
            result.set("issued", issued.isoformat(), source, line)
            result.fields.pop("year", None)
        return
    if "issued" not in result.fields and "year" not in result.fields:
        result.set("year", numbers[0], source, line)


def key_id(key: str) -> str:
    """Return the id of an entry's key: the key itself if it is a valid id, else its slug."""
    try:
        return check_slug(key)
    except ValueError:
        return slugify(key, lower=False)


def first_text(value: Any) -> str | None:
    """Return text as CSL-JSON gives it: a string, a number, or a list of them (Crossref)."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, bool) or value is None:
        return None
    return str(value) if isinstance(value, str | int | float) else None
