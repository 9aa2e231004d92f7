"""The merge report: every value that merging files dropped for a fuller one, and where each was.

When files give one entity (one DOI, ORCID iD, concept IRI or id) with different values of a
field that does not identify it, the fuller value is kept
(:func:`~evidence_graph.io.values.fullness`) and each other value is a
:class:`MergeDifference`. Each says how the values differ (:class:`DifferenceKind`): only in
spelling, as a journal's abbreviation, as forms of one person's name, as a list cut short, or
really. Only real
differences are refused by a strict load.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum, StrEnum
from pathlib import Path
from typing import Any

from evidence_graph.display import quoted
from evidence_graph.exceptions import Problem
from evidence_graph.io.combine import show
from evidence_graph.io.names import compatible_names, parse_name
from evidence_graph.io.values import abbreviates, fullness, same_pages, same_words
from evidence_graph.models import Entity, Person, Work, private_fields, public_iri

__all__ = [
    "COLUMNS",
    "DifferenceKind",
    "MergeDifference",
    "MergeReport",
    "Place",
    "as_text",
    "kind_of",
    "rule_of",
]


class DifferenceKind(StrEnum):
    """How two values of one field differ."""

    @property
    def real(self) -> bool:
        """Whether the values really differ: other words, not another form of the same."""
        return self is DifferenceKind.DIFFERENT

    SPELLING = "spelling"
    """The same words, in another case, punctuation, dash, spacing, accents or markup."""
    ABBREVIATION = "abbreviation"
    """A journal's name and its abbreviation (each word of one begins the other's), or a page
    range and its shortened form (``553–64`` for ``553–564``)."""
    NAME_FORM = "name-form"
    """Two forms of one person's name: one family name, compatible given names or initials."""
    TRUNCATED = "truncated"
    """A list that the other continues, such as a byline cut short after its first authors."""
    DIFFERENT = "different"
    """Different words: a real difference, which a strict load refuses."""


@dataclass(frozen=True, slots=True)
class Place:
    """Where a file gives a value: the file, the entry and field, and the line where known.

    Attributes:
        file: The file.
        entry: The entry and field as the file names them, e.g. ``works[3].title``, or a
            bibliography's ``kverme2019.journal``.
        line: The line (1-based), where the reader knows it.
    """

    file: Path
    entry: str
    line: int | None = None

    @classmethod
    def of(cls, problem: Problem) -> Place:
        """Return the place a problem names (files name their own places; see ParsedFile)."""
        assert problem.file is not None  # noqa: S101 - merged problems always name their file
        return cls(problem.file, problem.location, problem.line)

    def __str__(self) -> str:
        line = f" (line {self.line})" if self.line is not None else ""
        return f"{self.file}, {self.entry}{line}"


@dataclass(frozen=True, slots=True)
class MergeDifference:
    """One value that merging dropped for another of the same entity and field.

    Attributes:
        entity: The entity's id in the merged corpus.
        entity_kind: Its kind, e.g. ``work``.
        identifier: The public IRI that joined the records (a DOI's, an ORCID iD's, a concept's
            own), or ``None`` where they share an id.
        field: The field, e.g. ``container_title``.
        kind: How the two values differ.
        kept: The value kept, as text.
        dropped: The value dropped, as text.
        kept_from: Where the value kept was given (the first file that gave it).
        dropped_from: Where the value dropped was given (the first file that gave it).
        rule: ``fuller`` where the value kept is the fuller; ``earlier source`` where both are
            equally full, which happens only for values that read the same.
    """

    entity: str
    entity_kind: str
    identifier: str | None
    field: str
    kind: DifferenceKind
    kept: str
    dropped: str
    kept_from: Place
    dropped_from: Place
    rule: str

    @classmethod
    def between(
        cls, entity: Entity, field: str, kept: tuple[Any, Place], dropped: tuple[Any, Place]
    ) -> MergeDifference:
        """Return the difference of a value kept and one dropped, each with its place."""
        (value, kept_from), (other, dropped_from) = kept, dropped
        private = field in private_fields(type(entity))
        return cls(
            entity=entity.id,
            entity_kind=entity.node_kind.value,
            identifier=public_iri(entity),
            field=field,
            kind=kind_of(entity, field, value, other),
            kept=show(value, private=True) if private else as_text(value),
            dropped=show(other, private=True) if private else as_text(other),
            kept_from=kept_from,
            dropped_from=dropped_from,
            rule=rule_of(value, other),
        )

    @property
    def real(self) -> bool:
        """Whether the values really differ (:attr:`DifferenceKind.DIFFERENT`)."""
        return self.kind.real

    def message(self) -> str:
        """Say what differs, in a sentence naming the place of the value kept, for an error."""
        by = f"the id {self.entity!r}"
        if self.identifier is not None:
            doi = self.identifier.removeprefix("https://doi.org/")
            orcid = self.identifier.removeprefix("https://orcid.org/")
            by = f"the {self.entity_kind} <{self.identifier}>"
            if doi != self.identifier:
                by = f"the DOI {doi}"
            elif orcid != self.identifier:
                by = f"the ORCID iD {orcid}"
        return (
            f"{quoted(self.dropped)} differs from {quoted(self.kept)} that {self.kept_from} gives "
            f"{by}; expected one {self.field} for one {self.entity_kind} (a strict merge "
            "refuses a real difference)"
        )

    def record(self) -> dict[str, str | int | None]:
        """Return the difference as one flat row, e.g. for JSON or CSV."""
        return {
            "entity": self.entity,
            "entity_kind": self.entity_kind,
            "identifier": self.identifier,
            "field": self.field,
            "kind": self.kind.value,
            "kept": self.kept,
            "dropped": self.dropped,
            "kept_file": str(self.kept_from.file),
            "kept_entry": self.kept_from.entry,
            "kept_line": self.kept_from.line,
            "dropped_file": str(self.dropped_from.file),
            "dropped_entry": self.dropped_from.entry,
            "dropped_line": self.dropped_from.line,
            "rule": self.rule,
        }


COLUMNS = (
    "entity",
    "entity_kind",
    "identifier",
    "field",
    "kind",
    "kept",
    "dropped",
    "kept_file",
    "kept_entry",
    "kept_line",
    "dropped_file",
    "dropped_entry",
    "dropped_line",
    "rule",
)
"""The columns of :meth:`MergeDifference.record`, in order."""


@dataclass(frozen=True, slots=True)
class MergeReport:
    """What merging the files of a corpus dropped.

    Attributes:
        files: The files merged, in the order they were read.
        differences: Each value dropped, by entity kind, entity, field and place.
    """

    files: tuple[Path, ...]
    differences: tuple[MergeDifference, ...] = ()

    def __iter__(self) -> Iterator[MergeDifference]:
        return iter(self.differences)

    def __len__(self) -> int:
        return len(self.differences)

    @property
    def real(self) -> tuple[MergeDifference, ...]:
        """The real differences (:attr:`DifferenceKind.DIFFERENT`), which a strict load refuses."""
        return tuple(row for row in self.differences if row.real)

    def summary(self) -> str:
        """Say in one line how many values were dropped, e.g. for standard error.

        Examples:
            >>> MergeReport((Path("a.bib"), Path("b.ris"))).summary()
            'merged 2 files: no differences'
        """
        files = f"merged {len(self.files)} file{'' if len(self.files) == 1 else 's'}"
        if not self.differences:
            return f"{files}: no differences"
        count = len(self.differences)
        real = len(self.real)
        return (
            f"{files}: {count} difference{'' if count == 1 else 's'} ({real} real) kept by the "
            "fuller-value rule"
        )


def kind_of(entity: Entity, field: str, kept: Any, dropped: Any) -> DifferenceKind:
    """Return how two values of an entity's field differ.

    Examples:
        >>> from evidence_graph.models import Work
        >>> work = Work(id="w", type="journal-article")
        >>> kind_of(work, "container_title", "British Journal of Psychiatry", "Br J Psychiatry")
        <DifferenceKind.ABBREVIATION: 'abbreviation'>
        >>> kind_of(work, "pages", "553–564", "553-564")
        <DifferenceKind.SPELLING: 'spelling'>
    """
    if isinstance(kept, tuple) and isinstance(dropped, tuple):
        shorter = len(dropped) < len(kept) and kept[: len(dropped)] == dropped
        return DifferenceKind.TRUNCATED if shorter else DifferenceKind.DIFFERENT
    if not isinstance(kept, str) or not isinstance(dropped, str):
        return DifferenceKind.DIFFERENT
    if same_words(kept, dropped):
        return DifferenceKind.SPELLING
    if isinstance(entity, Work) and (
        (field == "pages" and same_pages(kept, dropped))
        or (
            field == "container_title"
            and (abbreviates(dropped, kept) or abbreviates(kept, dropped))
        )
    ):
        return DifferenceKind.ABBREVIATION
    if isinstance(entity, Person) and field in {"name", "given_name"}:
        if field == "name":
            first, second = parse_name(kept), parse_name(dropped)
        else:  # given names alone, compared under one family name
            first, second = parse_name(f"x, {kept}"), parse_name(f"x, {dropped}")
        if compatible_names(first, second):
            return DifferenceKind.NAME_FORM
    return DifferenceKind.DIFFERENT


def rule_of(kept: Any, dropped: Any) -> str:
    """Return the rule by which ``kept`` was kept over ``dropped``."""
    return "fuller" if fullness(kept) != fullness(dropped) else "earlier source"


def as_text(value: Any) -> str:
    """Return a field's value as text for the report: a list's items joined with ``; ``.

    Examples:
        >>> as_text(("p", "q")), as_text(True), as_text(2019)
        ('p; q', 'true', '2019')
    """
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return "; ".join(as_text(item) for item in value)
    return str(value)
