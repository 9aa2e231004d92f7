"""Merging the files of a corpus into one: one node for each entity, whatever the file order.

1. **One entity, one id.** :mod:`evidence_graph.io.scoping` tells which records of the files
   are one entity (by DOI, PMID, PMCID, ORCID iD or IRI; by study and local id; by the place
   of an author in the bylines of one work) and gives each entity its id, renaming every
   reference to it. A public identifier that two entities of one file hold joins nothing:
   the corpus reports it.
2. **Combining.** Records of one entity combine by the rules of
   :mod:`evidence_graph.io.combine`: of two values of a field the fuller is kept and the other
   is a difference (:class:`~evidence_graph.io.report.MergeDifference`). Identifiers that
   disagree (a DOI, PMID, PMCID, ORCID iD or concept IRI) are an error naming both files and
   the field; so is a real difference in a strict merge, and between records that share only
   an id (no DOI, ORCID iD or IRI joins them), since there it means two entities under one id.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from evidence_graph.exceptions import Problem, StudyFileError
from evidence_graph.ids import reference_key
from evidence_graph.io.combine import combine, show
from evidence_graph.io.report import MergeDifference, Place, kind_of
from evidence_graph.io.scoping import scope_documents
from evidence_graph.io.study_files import ParsedFile, collections_of
from evidence_graph.models import (
    COLLECTIONS,
    Corpus,
    Entity,
    Person,
    StudyDocument,
    Work,
    local_id,
    private_fields,
    public_iri,
    targets,
)

__all__ = ["merge_documents"]

Source = tuple[ParsedFile, int]
"""A file and the index, in its list, of an entity it gives."""


@dataclass(slots=True)
class _Node:
    """An entity merged so far, with the files that gave it."""

    entity: Entity
    collection: str
    sources: list[Source]
    """Each file that gave the entity, the first first, and the entity's index there."""
    givers: dict[str, Source] = field(default_factory=dict)
    """For each field whose value kept a later file gave, that file; the others came from the
    first."""
    seen: dict[str, list[tuple[Any, Source]]] = field(default_factory=dict)
    """For each field on which the files differ, each value given and the first file giving it."""

    def place(self, source: Source | None = None) -> str:
        """Name the entity as a file gives it, e.g. ``a.yaml, works[0]``; the first by default."""
        file, index = source or self.sources[0]
        return f"{file.path}, {file.describe((self.collection, index))}"


def merge_documents(
    documents: Sequence[tuple[ParsedFile, StudyDocument]],
    *,
    origins: dict[str, Path] | None = None,
    differences: list[MergeDifference] | None = None,
    strict: bool = False,
) -> Corpus:
    """Return the corpus that the documents of several files make together, in their order.

    The ids of the first file that names an entity survive: see the module's docstring for
    how entities are joined by public identifier and combined.

    Args:
        documents: Each file read and its study document, in the order the files were given.
        origins: If given, filled with the id of each entity of the corpus and the first file
            that gave it.
        differences: If given, filled with each value dropped for a fuller one.
        strict: Refuse real differences (:attr:`~evidence_graph.io.DifferenceKind.DIFFERENT`)
            as errors.

    Raises:
        StudyFileError: With every problem found, each naming its file; where two files
            disagree, naming both.

    Examples:
        >>> from pathlib import Path
        >>> first = {"works": [{"id": "paper", "type": "journal-article", "title": "A Title",
        ...                     "doi": "10.1234/abc"}]}
        >>> second = {"works": [{"id": "abc", "type": "journal-article", "title": "a title.",
        ...                      "doi": "https://doi.org/10.1234/ABC", "year": 2019}]}
        >>> corpus = merge_documents([
        ...     (ParsedFile(Path(name), data), StudyDocument.model_validate(data))
        ...     for name, data in (("a.yaml", first), ("b.bib", second))
        ... ])
        >>> [(work.id, work.title, work.year) for work in corpus.works]
        [('paper', 'A Title', 2019)]
    """
    single = documents[0][0].path if len(documents) == 1 else None
    if single is None or not _named_alone(documents[0][1]):
        documents, problems = scope_documents(documents)
    else:  # scoping would keep every id and reference as it is
        problems = []
    if problems:
        raise StudyFileError(single, problems)
    merger = _Merger()
    for file, document in documents:
        merger.add(file, document)
    found = sorted(_differences(merger.nodes.values()), key=_order)
    if differences is not None:
        differences.extend(row for row, _ in found)
    if strict:
        merger.problems.extend(
            file.problem(path, row.message()) for row, (file, path) in found if row.real
        )
    if merger.problems:
        raise StudyFileError(single, merger.problems)
    lists: dict[str, list[Entity]] = {name: [] for name in COLLECTIONS}
    origin: dict[str, list[list[Source]]] = {name: [] for name in COLLECTIONS}
    for node in merger.nodes.values():
        lists[node.collection].append(node.entity)
        origin[node.collection].append(node.sources)
        if origins is not None:
            origins[node.entity.id] = node.sources[0][0].path

    def named(path: tuple[str | int, ...]) -> str:
        """Name a place of the merged corpus by the first file and the place it came from."""
        name, index, *rest = path
        file, original = origin[str(name)][int(index)][0]
        where = file.describe((name, original, *rest))
        return where if single is not None else f"{file.path}, {where}"

    try:
        return Corpus.model_validate(lists, context={"place": named})
    except ValidationError as error:
        raise StudyFileError(single, _locate(error, origin)) from None


def _named_alone(document: StudyDocument) -> bool:
    """Whether a file alone names its entities as the corpus will: scoping would change nothing.

    That is when every entity's id is its own (no ``study-id/`` before it), no two entities
    share one, and every reference names one of them by that local id: then each entity is
    an entity of its own under its id, no reference is renamed, and no built-in dataset is
    named (:func:`~evidence_graph.io.scoping.scope_documents` gives the file back as it is).
    """
    ids: set[str] = set()
    for entity in document.entities():
        if entity.id in ids or local_id(entity) != entity.id:
            return False
        ids.add(entity.id)
    named = {target for entity in document.entities() for target, _ in targets(entity)}
    return named <= ids and all(reference_key(target)[0] == "id" for target in named)


class _Merger:
    """The entities merged so far, by id, and the problems found."""

    def __init__(self) -> None:
        self.nodes: dict[str, _Node] = {}
        self.problems: list[Problem] = []

    def add(self, file: ParsedFile, document: StudyDocument) -> None:
        """Add the entities of one file, each joined to the entity of its id merged so far."""
        entries: list[tuple[str, int, Entity]] = list(collections_of(document))
        here: dict[str, str] = {}
        for name, index, entity in entries:
            if (first := here.get(entity.id)) is not None:
                self.problems.append(
                    file.problem(
                        (name, index, "id"),
                        f"duplicate id {entity.id!r}: {first} has it too; expected each id "
                        "once, or the same entity written alike",
                    )
                )
                continue
            here[entity.id] = f"{name}[{index}]"
            node = self.nodes.get(entity.id)
            if node is None:
                self.nodes[entity.id] = _Node(entity, name, [(file, index)])
            else:
                self._join(file, name, index, entity, node)

    def _join(self, file: ParsedFile, name: str, index: int, entity: Entity, node: _Node) -> None:
        """Combine an entity with the one of its id merged from earlier files, if they agree."""
        old = node.entity
        if type(old) is not type(entity):
            self.problems.append(
                file.problem(
                    (name, index, "id"),
                    f"duplicate id {entity.id!r}: {node.place()} has it too, for a "
                    f"{old.node_kind.value}; expected each id once, or the same entity written "
                    "alike",
                )
            )
            return
        node.sources.append((file, index))
        if old == entity:
            return
        iri = public_iri(old)
        by = _identifier(old) if iri is not None and iri == public_iri(entity) else None
        combined = combine(old, entity)
        conflicts = combined.conflicts
        if by is None:  # one id and no public identifier: a real difference is two entities
            conflicts = conflicts + [
                (key, before, after)
                for key, before, after, newer in combined.differences
                if kind_of(old, key, *((after, before) if newer else (before, after))).real
            ]
        kind = old.node_kind.value
        hidden = private_fields(type(old))
        if conflicts and by is not None:
            for key, before, after in conflicts:
                expected = (
                    f"the same {key}, or none," if isinstance(before, tuple) else f"one {key}"
                )
                self.problems.append(
                    file.problem(
                        (name, index, key),
                        f"{show(after, private=key in hidden)} differs from "
                        f"{show(before, private=key in hidden)} that "
                        f"{node.place(node.givers.get(key))} gives {by}; "
                        f"expected {expected} for one {kind}",
                    )
                )
            return
        if conflicts:
            differences = " and ".join(
                f"the {key} {show(before, private=key in hidden)} where this has "
                f"{show(after, private=key in hidden)}"
                for key, before, after in conflicts
            )
            self.problems.append(
                file.problem(
                    (name, index, "id"),
                    f"duplicate id {entity.id!r}: {node.place()} has it too, with {differences}; "
                    "expected each id once, or the same entity written alike",
                )
            )
            return
        try:
            node.entity = type(old).model_validate(combined.data)
        except ValidationError as error:
            joined = by or f"the id {entity.id!r}"
            for detail in error.errors(include_url=False):
                message = str(detail["msg"]).removeprefix("Value error, ")
                self.problems.append(
                    file.problem(
                        (name, index, *detail["loc"]),
                        f"joined with {node.place()} by {joined}: {message}",
                    )
                )
            return
        for key in combined.taken:
            node.givers.setdefault(key, (file, index))
        for key, before, after, newer in combined.differences:
            values = node.seen.setdefault(key, [(before, node.givers.get(key, node.sources[0]))])
            if all(after != value for value, _ in values):
                values.append((after, (file, index)))
            if newer:
                node.givers[key] = (file, index)


def _differences(
    nodes: Iterable[_Node],
) -> Iterator[tuple[MergeDifference, tuple[ParsedFile, tuple[str | int, ...]]]]:
    """Each value dropped for a fuller one, with the file and place that gave it."""
    for node in nodes:
        if not node.seen:  # the files gave one value of each field
            continue
        entity = node.entity
        kept_values = entity.model_dump()
        for key, values in node.seen.items():
            kept = kept_values[key]
            kept_file, kept_index = node.givers.get(key, node.sources[0])
            kept_from = Place.of(kept_file.problem((node.collection, kept_index, key), ""))
            for value, (file, index) in values:
                if value == kept:
                    continue
                path = (node.collection, index, key)
                dropped_from = Place.of(file.problem(path, ""))
                row = MergeDifference.between(entity, key, (kept, kept_from), (value, dropped_from))
                yield row, (file, path)


def _order(found: tuple[MergeDifference, Any]) -> tuple[Any, ...]:
    row = found[0]
    place = row.dropped_from
    return (row.entity_kind, row.entity, row.field, str(place.file), place.entry, row.dropped)


def _identifier(entity: Entity) -> str:
    """Name an entity's public identifier in a message, e.g. ``the DOI 10.3389/…``."""
    if isinstance(entity, Work):
        return f"the DOI {entity.doi}"
    if isinstance(entity, Person):
        return f"the ORCID iD {entity.orcid}"
    return f"the {entity.node_kind.value} <{public_iri(entity)}>"


def _locate(error: ValidationError, origin: dict[str, list[list[Source]]]) -> list[Problem]:
    """Map problems of the merged corpus back to the files and places they came from.

    A problem with an entity that several files gave is named in the first of them that holds
    the value at fault, else in the first.
    """
    problems: list[Problem] = []
    for detail in error.errors(include_url=False):
        found: Any = detail.get("ctx", {}).get("problems", ())
        for problem in found:
            name, index, *rest = problem.path
            sources: list[Source] = origin[name][index]
            file, original = next(
                (
                    (file, original)
                    for file, original in sources
                    if _holds(file.data, (name, original, *rest), problem.value)
                ),
                sources[0],
            )
            problems.append(file.problem((name, original, *rest), problem.message, problem.value))
    return problems


def _holds(data: Any, path: Sequence[str | int], value: str | None) -> bool:
    """Return whether a file's data holds ``value`` at ``path``, or in the list there."""
    if value is None:
        return False
    container = data
    for part in path:
        if isinstance(container, list | tuple):
            if not isinstance(part, int) or part >= len(container):
                return False
            container = container[part]
        elif isinstance(container, dict) and part in container:
            container = container[part]
        else:
            return False
    if container == value:
        return True
    return isinstance(container, list | tuple) and any(
        item == value or (isinstance(item, dict) and value in item.values()) for item in container
    )
