"""RIS records, parsed by rispy."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import rispy

from evidence_graph.io.bibliography._entries import (
    Author,
    Record,
    first_text,
    leave_out_unread,
    set_date_parts,
    set_first,
    set_issn,
    unique,
)
from evidence_graph.io.text_files import file_error
from evidence_graph.models import WorkType

__all__ = ["ris_entries"]

_EXPECTED_RIS = "expected RIS records, each from a 'TY  - ' line to an 'ER  - ' line"
_RIS_TYPES = {
    "JOUR": WorkType.JOURNAL_ARTICLE,
    "MGZN": WorkType.MAGAZINE_ARTICLE,
    "BOOK": WorkType.BOOK,
    "CHAP": WorkType.BOOK_CHAPTER,
    "RPRT": WorkType.REPORT,
    "ELEC": WorkType.WEB_PAGE,
    "WEB": WorkType.WEB_PAGE,
    "DATA": WorkType.DATASET,
}
_RIS_TAG = re.compile(r"[A-Z][A-Z0-9]  -")
_RIS_FIELDS = {key: tag for tag, key in rispy.TAG_KEY_MAPPING.items()}
_ISBN = re.compile(r"(?:97[89][- ]?)?\d{1,5}[- ]?\d+[- ]?\d+[- ]?[\dXx]")
_RIS_SOURCES = (
    ("title", ("title", "primary_title")),
    (
        "container_title",
        ("secondary_title", "alternate_title3", "journal_name", "alternate_title2"),
    ),
    ("publisher", ("publisher",)),
    ("volume", ("volume",)),
    ("issue", ("number",)),
    ("doi", ("doi",)),
    ("url", ("urls",)),
    ("article_number", ("custom7",)),  # C7, the article number of RIS's specification
    ("abstract", ("abstract", "notes_abstract")),
)
"""Each Work field read as it is written, and rispy's keys of the tags that give it."""
# Every key read; the others (editors, C1, LA, ...) are named by their tags as left out.
_RIS_READ = frozenset(
    {key for _, keys in _RIS_SOURCES for key in keys}
    | {"type_of_reference", "id", "start_page", "end_page", "notes", "issn", "keywords"}
    | {"date", "year", "publication_year", "authors"}
)


def ris_entries(path: Path, text: str) -> list[Record]:
    starts, tag_lines = _ris_structure(path, text)
    records = rispy.loads(text)
    if not records:
        raise file_error(path, f"holds no records; {_EXPECTED_RIS}")
    return [
        _ris_entry(record, start, tags)
        for record, start, tags in zip(records, starts, tag_lines, strict=True)
    ]


def _ris_structure(path: Path, text: str) -> tuple[list[int], list[dict[str, int]]]:
    """Check that records start and end as rispy reads them; return their lines and tags'."""
    starts: list[int] = []
    tag_lines: list[dict[str, int]] = []
    current: int | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        if current is None:
            if line.startswith("TY"):
                current = number
                starts.append(number)
                tag_lines.append({"TY": number})
            continue
        if not _RIS_TAG.match(line):
            continue
        tag = line[:2]
        if tag == "TY":
            message = (
                f"a record starts before the record of line {current} ends; "
                "expected an 'ER  - ' line between them"
            )
            raise file_error(path, message, number)
        if tag == "ER":
            current = None
        tag_lines[-1].setdefault(tag, number)
    if current is not None:
        message = f"the record has no end; {_EXPECTED_RIS}"
        raise file_error(path, message, current)
    return starts, tag_lines


def _ris_entry(record: dict[str, Any], start: int, tags: dict[str, int]) -> Record:
    kind = str(record.get("type_of_reference", "")).strip().upper()
    result = Record(first_text(record.get("id")), start, _RIS_TYPES.get(kind, WorkType.OTHER))

    def value(key: str) -> str | None:
        return first_text(record.get(key))

    for target, keys in _RIS_SOURCES:
        candidates = [(_RIS_FIELDS[key], value(key), tags.get(_RIS_FIELDS[key])) for key in keys]
        set_first(result, target, candidates)
    if start_page := value("start_page"):
        end_page = value("end_page")
        pages = f"{start_page}–{end_page}" if end_page else start_page
        result.set("pages", pages, "SP", tags.get("SP"))
    if notes := record.get("notes"):
        result.set("note", "\n".join(str(note) for note in notes), "N1", tags.get("N1"))
    if issn := value("issn"):
        set_issn(result, issn, "SN", tags.get("SN"), strict=False)  # SN holds ISBNs too
        if "issn" not in result.fields and _ISBN.fullmatch(issn.strip()):
            result.set("isbn", issn, "SN", tags.get("SN"))
    if keywords := record.get("keywords"):
        result.set("keywords", unique(keywords), "KW", tags.get("KW"))
    for key in ("date", "year", "publication_year"):
        if found := value(key):
            tag = _RIS_FIELDS[key]
            set_date_parts(result, found.split("/")[:3], tag, tags.get(tag))
    _leave_out_unread(result, record, tags)
    authors = record.get("authors") or record.get("first_authors") or []
    tag = "AU" if record.get("authors") else "A1"
    result.authors = [author for name in authors if (author := _ris_author(name))]
    result.places["authors"] = (tag, tags.get(tag))
    return result


def _leave_out_unread(result: Record, record: dict[str, Any], tags: dict[str, int]) -> None:
    """Name by its tag each field of a record that is not read, e.g. ``ED`` or ``C1``."""
    read = _RIS_READ if record.get("authors") else _RIS_READ | {"first_authors"}
    if not first_text(record.get("start_page")):
        read = read - {"end_page"}  # a last page is read with the first
    fields = dict(record.get("unknown_tag") or {})  # the tags that rispy has no key for
    fields.update(
        (_RIS_FIELDS.get(key, key), found)
        for key, found in record.items()
        if key not in read and key != "unknown_tag"
    )
    leave_out_unread(result, [(tag, found, tags.get(tag)) for tag, found in fields.items()], ())


def _ris_author(text: str) -> Author | None:
    family, comma, rest = (part.strip() for part in text.partition(","))
    given, _, suffix = (part.strip() for part in rest.partition(","))
    if not family:
        return None
    if not given:  # 'Castillo,' is a family name; without a comma, an organisation or a
        return Author(family, None, family) if comma else Author(family)  # display-order name
    name = f"{given} {family}" + (f", {suffix}" if suffix else "")
    return Author(name, given, family)
