"""Merging the files of a corpus into one: one node for each id, DOI, ORCID iD and concept IRI.

Files are merged in the order given, each into what the files before it made:

1. **Aliases.** An entity whose public IRI (:func:`~evidence_graph.models.public_iri`:
   its DOI's, ORCID iD's, or a concept's or scheme's own IRI) an earlier file gave to an
   entity with another id takes that id, and the references to it follow, in its file and in
   any other that names it by the id it gave up. In a work joined to an earlier one by its
   DOI or its id, with as many authors, each author whose name agrees with the earlier
   work's author in the same place (:func:`~evidence_graph.io.combine.same_words`) takes that
   author's id. So the ids of the first file that names an entity survive. A public IRI that
   two entities of one file hold joins nothing: the corpus reports it.
2. **Combining.** Entities of different files with one id are one entity if they agree, by
   the rules of :mod:`evidence_graph.io.combine`; the first file's spelling is kept. What
   disagrees is an error naming both files and the field.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from evidence_graph.exceptions import Problem, StudyFileError, format_path
from evidence_graph.io.combine import combine, same_words, show
from evidence_graph.io.scoping import scope_documents
from evidence_graph.io.study_files import ParsedFile, collections_of
from evidence_graph.models import (
    COLLECTIONS,
    Corpus,
    Entity,
    NodeKind,
    Person,
    StudyDocument,
    Work,
    public_identifier,
    public_iri,
    renamed,
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
    """For each field that a later file gave first, that file; the others came from the first."""

    def place(self, source: Source | None = None) -> str:
        """Name the entity as a file gives it, e.g. ``a.yaml, works[0]``; the first by default."""
        file, index = source or self.sources[0]
        return f"{file.path}, {self.collection}[{index}]"


def merge_documents(
    documents: Sequence[tuple[ParsedFile, StudyDocument]], *, origins: dict[str, Path] | None = None
) -> Corpus:
    """Return the corpus that the documents of several files make together, in their order.

    The ids of the first file that names an entity survive: see the module's docstring for
    how entities are joined by public identifier and combined.

    Args:
        documents: Each file read and its study document, in the order the files were given.
        origins: If given, filled with the id of each entity of the corpus and the first file
            that gave it.

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
    documents, problems = scope_documents(documents)
    if problems:
        raise StudyFileError(single, problems)
    merger = _Merger()
    for file, document in documents:
        merger.add(file, document)
    if merger.problems:
        raise StudyFileError(single, merger.problems)
    # References, in files read before, to the ids that entities of later files gave up.
    gone = {old: new for old, new in merger.aliases.items() if old not in merger.nodes}
    lists: dict[str, list[Entity]] = {name: [] for name in COLLECTIONS}
    origin: dict[str, list[list[Source]]] = {name: [] for name in COLLECTIONS}
    for node in merger.nodes.values():
        lists[node.collection].append(renamed(node.entity, gone) if gone else node.entity)
        origin[node.collection].append(node.sources)
        if origins is not None:
            origins[node.entity.id] = node.sources[0][0].path

    def named(path: tuple[str | int, ...]) -> str:
        """Name a place of the merged corpus by the first file and the place it came from."""
        name, index, *rest = path
        file, original = origin[str(name)][int(index)][0]
        where = format_path((name, original, *rest))
        return where if single is not None else f"{file.path}, {where}"

    try:
        return Corpus.model_validate(lists, context={"place": named})
    except ValidationError as error:
        raise StudyFileError(single, _locate(error, origin)) from None


class _Merger:
    """The entities merged so far, by id, and the problems found."""

    def __init__(self) -> None:
        self.nodes: dict[str, _Node] = {}
        self.public: dict[tuple[NodeKind, str], str] = {}
        self.aliases: dict[str, str] = {}
        """The ids that files gave entities renamed by these rules, and the ids they took."""
        self.problems: list[Problem] = []

    def add(self, file: ParsedFile, document: StudyDocument) -> None:
        """Add the entities of one file, renamed where earlier files know them by other ids."""
        entries: list[tuple[str, int, Entity]] = list(collections_of(document))
        own = self._aliases(file, entries)
        ids = {entity.id for _, _, entity in entries}
        for old, new in own.items():
            if old in ids:
                self.aliases.setdefault(old, new)
        # A file may refer to an entity of another file by the id it had there before it joined.
        names = {
            old: new
            for old, new in self.aliases.items()
            if old not in ids and old not in self.nodes
        }
        names.update(own)
        here: dict[str, str] = {}
        for name, index, found in entries:
            entity = renamed(found, names) if names else found
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
                self._add_new(file, name, index, entity)
            else:
                self._join(file, name, index, entity, node)

    def _add_new(self, file: ParsedFile, name: str, index: int, entity: Entity) -> None:
        self.nodes[entity.id] = _Node(entity, name, [(file, index)])
        key = _key(entity)
        if key is not None:
            self.public.setdefault(key, entity.id)

    def _aliases(self, file: ParsedFile, entries: list[tuple[str, int, Entity]]) -> dict[str, str]:
        """Return the new id of each entity of the file that earlier files know by another."""
        ids = Counter(entity.id for _, _, entity in entries)
        found = [_key(entity) for _, _, entity in entries]
        keys = Counter(key for key in found if key is not None)
        places = {entity.id: f"{name}[{index}]" for name, index, entity in reversed(entries)}
        names: dict[str, str] = {}
        joined: list[tuple[str, int, Entity]] = []
        works: list[tuple[Work, Work]] = []
        for entry, key in zip(entries, found, strict=True):
            entity = entry[2]
            target = self.public.get(key) if key is not None and keys[key] == 1 else None
            if target is None and isinstance(entity, Work) and entity.id in self.nodes:
                target = entity.id  # the same work by its id: its authors may join too
            if target is None or ids[entity.id] > 1:
                continue
            earlier = self.nodes[target].entity
            if isinstance(entity, Work) and isinstance(earlier, Work):
                works.append((entity, earlier))
            if target != entity.id:
                names[entity.id] = target
                joined.append(entry)
        # An id this file gives another entity cannot be taken too: the file comes first.
        while clashes := [
            entry
            for entry in joined
            if names[entry[2].id] in ids and names[entry[2].id] not in names
        ]:
            for name, index, entity in clashes:
                target = names.pop(entity.id)
                joined.remove((name, index, entity))
                self.problems.append(
                    file.problem(
                        (name, index, _identifier_field(entity)),
                        f"{self.nodes[target].place()} gives {_identifier(entity)} the id "
                        f"{target!r}, which {places[target]} of this file has; expected one id "
                        "for one entity (the ids of the file given first are kept)",
                    )
                )
        people = {entity.id: entity for _, _, entity in entries if isinstance(entity, Person)}
        self._alias_authors(works, people, names, ids)
        return names

    def _alias_authors(
        self,
        works: list[tuple[Work, Work]],
        people: dict[str, Person],
        names: dict[str, str],
        ids: Counter[str],
    ) -> None:
        """Add to ``names`` the authors of joined works whose names agree in each place."""
        taken = set(names.values())
        for work, earlier in works:
            if not work.authors or len(work.authors) != len(earlier.authors):
                continue
            for mine, theirs in zip(work.authors, earlier.authors, strict=True):
                if mine == theirs or mine in names or theirs in taken:
                    continue
                if (theirs in ids and theirs not in names) or ids[mine] > 1:
                    continue
                person = people.get(mine) or self._person(mine)
                known = self._person(theirs)
                if person is None or known is None or not same_words(person.name, known.name):
                    continue
                names[mine] = theirs
                taken.add(theirs)

    def _person(self, person_id: str) -> Person | None:
        node = self.nodes.get(person_id)
        return node.entity if node is not None and isinstance(node.entity, Person) else None

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
        data, taken, conflicts = combine(old, entity)
        kind = old.node_kind.value
        if conflicts and by is not None:
            for key, before, after in conflicts:
                expected = (
                    f"the same {key}, or none," if isinstance(before, tuple) else f"one {key}"
                )
                self.problems.append(
                    file.problem(
                        (name, index, key),
                        f"{show(after)} differs from {show(before)} that "
                        f"{node.place(node.givers.get(key))} gives {by}; "
                        f"expected {expected} for one {kind}",
                    )
                )
            return
        if conflicts:
            differences = " and ".join(
                f"the {key} {show(before)} where this has {show(after)}"
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
            node.entity = type(old).model_validate(data)
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
        for key in taken:
            node.givers.setdefault(key, (file, index))


def _key(entity: Entity) -> tuple[NodeKind, str] | None:
    iri = public_iri(entity)
    return None if iri is None else (entity.node_kind, iri)


def _identifier_field(entity: Entity) -> str:
    """The field that holds the public identifier of an entity that has one."""
    found = public_identifier(entity)
    return found[0] if found else "id"


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
