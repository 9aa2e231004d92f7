"""Entries into a study document: work and person ids, and problems named as the file has them."""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from evidence_graph.exceptions import DroppedFieldsWarning, Problem, format_path
from evidence_graph.ids import SLUG_EXPECTED, slugify
from evidence_graph.io.bibliography._entries import (
    Author,
    Record,
    key_id,
)
from evidence_graph.io.study_files import ParsedFile, problems_from_validation
from evidence_graph.models import StudyDocument

__all__ = ["study_document"]


@dataclass(slots=True)
class _Bibliography(ParsedFile):
    """A bibliography read as a study document, whose problems name its entries and lines.

    Problems found later, when files are put together (a DOI or an id that another file has
    too, a cited key that names nothing), are named by the entry's key, the field of the
    file and its line, as problems found on reading are.
    """

    entries: list[Record] = field(default_factory=list, repr=False)
    ids: list[str] = field(default_factory=list, repr=False)
    origins: list[tuple[int, int]] = field(default_factory=list, repr=False)

    def problem(self, path: Sequence[str | int], message: str, value: str | None = None) -> Problem:
        """Return a problem at ``path`` of the study document, named as the file has it."""
        found = ParsedFile.problem(self, path, message, value)
        return _relocate(found, self.entries, self.ids, self.origins)

    def describe(self, path: Sequence[str | int]) -> str:
        """Name a place by its entry's key and line, e.g. ``the entry 'lieb2004' (line 3)``."""
        found = _relocate(Problem(tuple(path), ""), self.entries, self.ids, self.origins)
        key, *rest = found.path or ("",)
        where = f", {format_path(rest)}" if path[:1] == ("people",) else ""
        line = f" (line {found.line})" if found.line is not None else ""
        return f"the entry {key!r}{where}{line}"


def study_document(path: Path, entries: list[Record]) -> ParsedFile:
    """Give entries and authors their ids, validate them, and return the study document."""
    problems: list[Problem] = []
    ids: list[str] = []
    taken: dict[str, Record] = {}
    generated = _generated_ids(entries)
    for index, entry in enumerate(entries):
        label = entry.key or generated[index]
        for source, expected in entry.problems:
            line = entry.places.get(f"problem:{source}", (source, entry.line))[1]
            problems.append(Problem((label, source), expected, line, None, path))
        work_id = key_id(entry.key) if entry.key else generated[index]
        if not work_id:
            message = f"the key {entry.key!r} cannot be made an id: expected {SLUG_EXPECTED}"
            problems.append(Problem((label,), message, entry.line, None, path))
            work_id = f"entry-{index + 1}"
        if (other := taken.get(work_id)) is not None:
            message = (
                f"the key {entry.key!r} gives the id {work_id!r}, as the entry of line "
                f"{other.line} does; expected each entry to have its own key"
            )
            problems.append(Problem((label,), message, entry.line, None, path))
        taken[work_id] = entry
        ids.append(work_id)
    people, person_ids, origins = _people(entries, set(ids))
    key_ids = {entry.key: work_id for entry, work_id in zip(entries, ids, strict=True) if entry.key}
    works: list[dict[str, Any]] = []
    for entry, work_id, authors in zip(entries, ids, person_ids, strict=True):
        work: dict[str, Any] = {"id": work_id, "type": entry.type.value, **entry.fields}
        if authors:
            work["authors"] = authors
        if entry.cites:
            work["cites"] = [
                {"work": key_ids.get(key) or key_id(key) or key, "intents": ["cites"]}
                for key in entry.cites
            ]
        works.append(work)
    data: dict[str, Any] = {"works": works}
    if people:
        data["people"] = people
    parsed = _Bibliography(path, data, entries=entries, ids=ids, origins=origins)
    try:
        StudyDocument.model_validate(data)
    except ValidationError as error:
        problems.extend(problems_from_validation(error, parsed))
    if problems:
        raise parsed.error(problems)
    if dropped := _dropped(entries, ids):
        warnings.warn(_dropped_message(path, dropped), DroppedFieldsWarning, stacklevel=4)
    return parsed


def _dropped(entries: list[Record], ids: list[str]) -> dict[str, list[tuple[str, int | None]]]:
    """Return each field left out, in the order first found, with the entries and lines."""
    found: dict[str, list[tuple[str, int | None]]] = {}
    for entry, work_id in zip(entries, ids, strict=True):
        dated = "issued" in entry.fields  # a full date holds the month
        first: dict[str, int | None] = {}
        for name, line in sorted(entry.dropped, key=lambda item: item[1] or 0):
            first.setdefault(name, line)
        for name, line in first.items():
            if not (dated and (name == "month" or name.startswith("the month of "))):
                found.setdefault(name, []).append((entry.key or work_id, line))
    return found


def _dropped_message(path: Path, dropped: dict[str, list[tuple[str, int | None]]]) -> str:
    """Say which fields a file's works hold no place for: each, where first found, and how often.

    Examples:
        >>> print(_dropped_message(Path("refs.bib"), {"file": [("a", 3), ("b", 9)]}))
        refs.bib: 1 field left out, as a work holds no place for it:
          file: line 3: a, and 1 more entry
    """
    count = f"{len(dropped)} field" + ("s" if len(dropped) > 1 else "")
    them = "them" if len(dropped) > 1 else "it"
    lines = [f"{path}: {count} left out, as a work holds no place for {them}:"]
    for name, places in dropped.items():
        key, line = places[0]
        where = f"line {line}: " if line is not None else ""
        more = len(places) - 1
        also = f", and {more:,} more entr{'ies' if more > 1 else 'y'}" if more else ""
        lines.append(f"  {name}: {where}{key}{also}")
    return "\n".join(lines)


def _generated_ids(entries: list[Record]) -> dict[int, str]:
    """Ids for entries without a key: first author's family name and year, then a letter."""
    bases: dict[int, str] = {}
    for index, entry in enumerate(entries):
        if entry.key:
            continue
        author = entry.authors[0] if entry.authors else None
        name = slugify(author.family or author.name, lower=True) if author else ""
        year = entry.fields.get("year") or str(entry.fields.get("issued", "nd"))[:4]
        bases[index] = f"{name or 'anonymous'}{year}"
    counts: dict[str, int] = {}
    for base in bases.values():
        counts[base] = counts.get(base, 0) + 1
    letters: dict[str, int] = {}
    result: dict[int, str] = {}
    for index, base in bases.items():
        if counts[base] == 1:
            result[index] = base
            continue
        letters[base] = letters.get(base, 0) + 1
        result[index] = base + _letter(letters[base])
    return result


def _letter(number: int) -> str:
    """Return 'a' for 1, ..., 'z' for 26, 'aa' for 27, and so on."""
    text = ""
    while number:
        number, rest = divmod(number - 1, 26)
        text = chr(ord("a") + rest) + text
    return text


def _people(
    entries: list[Record], work_ids: set[str]
) -> tuple[list[dict[str, Any]], list[list[str]], list[tuple[int, int]]]:
    """Return the people (one per name), each entry's author ids, and where each person is."""
    people: list[dict[str, Any]] = []
    origins: list[tuple[int, int]] = []
    by_name: dict[tuple[str, str | None, str | None], list[int]] = {}
    used = set(work_ids)
    authors_of: list[list[str]] = []
    for entry_index, entry in enumerate(entries):
        ids: list[str] = []
        for author_index, author in enumerate(entry.authors):
            name = (author.name, author.given, author.family)
            person = _same_person(people, by_name.get(name, []), author.orcid)
            if person is None:
                person = len(people)
                people.append(_person(author, _person_id(author, used)))
                origins.append((entry_index, author_index))
                by_name.setdefault(name, []).append(person)
            elif author.orcid and "orcid" not in people[person]:
                people[person]["orcid"] = author.orcid
            ids.append(people[person]["id"])
        authors_of.append(ids)
    return people, authors_of, origins


def _same_person(
    people: list[dict[str, Any]], candidates: list[int], orcid: str | None
) -> int | None:
    """Return the person of the same name, unless their ORCID iDs say they are two."""
    for index in candidates:
        known = people[index].get("orcid")
        if not orcid or not known or known == orcid:
            return index
    return None


def _person(author: Author, person_id: str) -> dict[str, Any]:
    person: dict[str, Any] = {"id": person_id, "name": author.name}
    if author.given:
        person["given_name"] = author.given
    if author.family:
        person["family_name"] = author.family
    if author.orcid:
        person["orcid"] = author.orcid
    return person


def _person_id(author: Author, used: set[str]) -> str:
    """Return a new id made from the family and given names, e.g. 'kverme-britt'."""
    words = f"{author.family} {author.given or ''}" if author.family else author.name
    base = slugify(words, lower=True)
    if not base:  # a name in a script without a transliteration here
        base = "person-" + hashlib.sha256(author.name.encode("utf-8")).hexdigest()[:8]
    person_id, number = base, 1
    while person_id in used:
        number += 1
        person_id = f"{base}-{number}"
    used.add(person_id)
    return person_id


def _relocate(
    problem: Problem, entries: list[Record], ids: list[str], origins: list[tuple[int, int]]
) -> Problem:
    """Name a problem of the study document by the entry, the field and the line of the file."""
    collection, index, *rest = problem.path or ("", 0)
    if collection == "people" and isinstance(index, int):
        entry_index, author_index = origins[index]
        entry = entries[entry_index]
        source, line = entry.place("authors")
        field_name = [{"orcid": "ORCID"}.get(str(part), part) for part in rest]
        path = (entry.key or ids[entry_index], source, author_index, *field_name)
    elif collection == "works" and isinstance(index, int):
        entry = entries[index]
        line = entry.line
        path = (entry.key or ids[index],)
        if rest and rest[0] != "id":  # the id is the entry's key, which the path names
            source, line = entry.place(str(rest[0]))
            path = (*path, source, *rest[1:])
    else:  # pragma: no cover - a study document of works and people has no other place
        return problem
    return Problem(path, problem.message, line, None, problem.file, problem.value)
