"""Writing the works of a corpus as RIS, with rispy, which reads back as the same works.

Each work becomes one record, in the order of the works' ids, with its id as ``ID``; every
record is read back with this package's RIS reader as it is written, and a value that RIS
cannot carry as it is raises a :class:`~evidence_graph.exceptions.NotWritableError` naming
the work and the field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import rispy

from evidence_graph.exceptions import NotWritableError, StudyFileError
from evidence_graph.graph import EvidenceGraph
from evidence_graph.io.bibliography._ris import ris_entries
from evidence_graph.io.bibliography._write import SPACED, check_read_back, works_of
from evidence_graph.models import Corpus, Person, Work, WorkType

__all__ = ["RIS_NOT_WRITTEN", "to_ris"]

RIS_NOT_WRITTEN: tuple[str, ...] = ("cites", "pmcid", "pmid")
"""The Work fields that RIS as written here does not carry, beside those of ``NOT_WRITTEN``.

RIS has no tag for citations, PubMed ids or ORCID iDs. It has one ``SN`` for an ISSN or an
ISBN, so a work with both cannot be written.
"""

_NOT_CARRIED = frozenset(RIS_NOT_WRITTEN)
_RIS_TYPES = {
    WorkType.JOURNAL_ARTICLE: "JOUR",
    WorkType.MAGAZINE_ARTICLE: "MGZN",
    WorkType.BOOK: "BOOK",
    WorkType.BOOK_CHAPTER: "CHAP",
    WorkType.REPORT: "RPRT",
    WorkType.WEB_PAGE: "ELEC",
    WorkType.DATASET: "DATA",
    WorkType.OTHER: "GEN",
}


class _RisWriter(rispy.RisWriter):  # type: ignore[misc]
    """rispy's RIS writer, without the numbered line it puts before each record."""

    def set_header(self, count: int) -> str:  # noqa: ARG002 - no header, whatever the count
        return ""


def _dumps(records: list[dict[str, Any]]) -> str:
    return str(rispy.dumps(records, implementation=_RisWriter))


def to_ris(source: Corpus | EvidenceGraph) -> str:
    """Return the works of a corpus (or an evidence graph) as RIS, UTF-8 text.

    Raises:
        ValueError: If a work holds a value that RIS cannot carry as it is (e.g. a line
            break in a title, or both an ISSN and an ISBN), naming the work and the field.

    Examples:
        >>> from evidence_graph import load
        >>> print(to_ris(load("kverme2019")).splitlines()[:3])
        ['TY  - JOUR', 'ID  - kverme2019-paper', 'AU  - Kverme, Britt']
    """
    records = [_checked(work, authors) for work, authors, _ in works_of(source)]
    return _dumps(records) if records else ""


def _name(person: Person) -> str:
    """Return a name as RIS gives it: 'Family, Given', 'Family,' or a name alone."""
    if person.family_name:
        return f"{person.family_name}, {person.given_name or ''}".rstrip()
    return person.name


def _pages(pages: str) -> dict[str, str]:
    """Return a page range as RIS's start and end pages, or whole as the start page."""
    start, dash, end = pages.partition("–")
    if dash and start and end and "–" not in end:
        return {"start_page": start, "end_page": end}
    return {"start_page": pages}


def _record(work: Work, authors: list[Person]) -> dict[str, Any]:
    """Return a work as a record of rispy's keys, in the order RIS lists them."""
    record: dict[str, Any] = {"type_of_reference": _RIS_TYPES[work.type], "id": work.id}
    if authors:
        record["authors"] = [_name(person) for person in authors]
    texts = (
        ("title", work.title),
        ("secondary_title", work.container_title),
        ("publisher", work.publisher),
        ("volume", work.volume),
        ("number", work.issue),
        ("custom7", work.article_number),
    )
    record.update((key, value) for key, value in texts if value is not None)
    if work.pages:
        record.update(_pages(work.pages))
    if work.issued:
        record["date"] = work.issued.strftime("%Y/%m/%d/")
    year = work.issued.year if work.issued else work.year
    if year is not None:
        record["year"] = str(year)
    if work.doi:
        record["doi"] = work.doi
    if work.url:
        record["urls"] = [work.url]
    if serial := work.issn or work.isbn:
        record["issn"] = serial
    if work.keywords:
        record["keywords"] = list(work.keywords)
    if work.abstract:
        record["abstract"] = " ".join(work.abstract.split())
    if work.note:
        record["notes"] = [" ".join(work.note.split())]
    return record


def _checked(work: Work, authors: list[Person]) -> dict[str, Any]:
    record = _record(work, authors)
    place = Path(f"<RIS of {work.id}>")
    try:
        (entry,) = ris_entries(place, _dumps([record]))
    except StudyFileError as error:
        raise NotWritableError(f"work {work.id!r}: cannot be written as RIS: {error}") from None
    check_read_back(
        work, authors, [], entry, orcid=False, form="RIS", spaced=SPACED, skipped=_NOT_CARRIED
    )
    return record
