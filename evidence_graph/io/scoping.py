"""Names scoped to their file: which records of several files are one entity, and its id.

A local id means something in its own file only: in its study, for the kinds that belong to
a study (samples, criteria, themes, quotes, a study's claims), else in its file (works,
people, concepts, schemes, mappings). Across files, an entity is named by a public identifier
(an IRI, a DOI, an ORCID iD, a PMID, a PMCID, a compact IRI such as ``mesh:D001883``) or by
``study-id/local-id``. So:

1. **One entity.** Records of different files are one entity when they share a public
   identifier (a DOI, PMID or PMCID of a work, an ORCID iD, a concept's or scheme's IRI),
   when they are one study (by its id) or belong to one study under one local id, or when
   they are works, people, concepts or schemes without a public identifier, of one id and
   with the same title, name or label. Authors in the same place of the bylines of one work
   who are one person (:func:`~evidence_graph.io.names.same_person`) are one; bylines of
   different lengths join only where one cuts the other short.
2. **One id.** An entity takes the id its records give that no other entity has: the id of a
   study file before that of an RDF file, and that before a bibliography's (whose ids a
   program made); then the id most records give; then the shortest; then the first in
   alphabetical order. Where entities of different scopes take one id, each is named
   within its scope: ``study-id/local-id``, or for an entity of no study, the id of its file's
   study (or the file's name) and its own.
3. **References.** A local id resolves in its study first, then in its file, then in the
   other files where one entity alone has it; a public identifier or ``study-id/local-id``
   resolves anywhere. A public identifier that no file declares resolves to the built-in
   datasets' entity of that identifier, which joins the corpus with what it needs: a study
   file may say ``subjects: [mesh:D001883]`` without loading or copying BPD.

None of this depends on the order the files were given in.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from evidence_graph.display import quoted
from evidence_graph.exceptions import Problem
from evidence_graph.ids import DEFAULT_BASE, scoped_id, slugify
from evidence_graph.io.bibliography import bibliography_format
from evidence_graph.io.builtins import builtins_named
from evidence_graph.io.names import same_person
from evidence_graph.io.study_files import ParsedFile, collections_of
from evidence_graph.io.values import words
from evidence_graph.models import (
    COLLECTIONS,
    Entity,
    Found,
    Key,
    NodeKind,
    Person,
    StudyDocument,
    Work,
    identifier_keys,
    local_id,
    minted_iri,
    name_keys,
    public_iri,
    reference_target,
    references,
    renamed,
)
from evidence_graph.namespace import CONCEPT_PREFIXES
from evidence_graph.rdf import RDF_SUFFIXES

__all__ = ["scope_documents"]

_NAMES = ("title", "name", "label", "statement")  # the field that names an entity, if any


@dataclass(frozen=True, slots=True)
class _Record:
    """One entity as one file gives it."""

    number: int
    file: int
    collection: str
    index: int
    entity: Entity
    study: str | None = field(init=False)
    """The study the entity belongs to, if it belongs to one."""
    local: str = field(init=False)
    """Its id within its study or file."""

    def __post_init__(self) -> None:
        study = getattr(self.entity, "study", None)
        object.__setattr__(self, "study", study if isinstance(study, str) else None)
        object.__setattr__(self, "local", local_id(self.entity))


def scope_documents(
    documents: Sequence[tuple[ParsedFile, StudyDocument]],
) -> tuple[list[tuple[ParsedFile, StudyDocument]], list[Problem]]:
    """Return the documents with every id and reference made the id of one corpus entity.

    Documents of the built-in datasets that the files name by public identifier alone are
    added, holding what they name. See the module's docstring for the rules.
    """
    files = list(documents)
    files.extend(builtins_named(files))
    scopes = _Scopes(files)
    if scopes.problems:  # an id twice in one scope: which is meant cannot be told
        return files, scopes.problems
    documents = scopes.result()
    return documents, scopes.problems


class _Scopes:
    """The records of every file, joined into entities, with their ids and references."""

    def __init__(self, files: list[tuple[ParsedFile, StudyDocument]]) -> None:
        self.files = files
        self.problems: list[Problem] = []
        flat = [
            (number, name, index, entity)
            for number, (_, document) in enumerate(files)
            for name, index, entity in collections_of(document)
        ]
        self.records = [_Record(number, *item) for number, item in enumerate(flat)]
        self.parent = list(range(len(self.records)))
        self.file_scope = [_file_scope(file, document) for file, document in files]
        self.rank = [_rank(file.path) for file, _ in files]
        self.people = {
            (record.file, record.local): record
            for record in self.records
            if isinstance(record.entity, Person)
        }
        self._check_duplicates()
        self._join()
        self.members: dict[int, list[int]] = defaultdict(list)
        for number in range(len(self.records)):
            self.members[self.find(number)].append(number)
        self.ids = self._choose_ids()
        self.lookup = self._lookup()
        self.places: dict[tuple[object, ...], list[int]] = defaultdict(list)  # by file, study, id
        for number, record in enumerate(self.records):
            for place in (
                (record.file, record.study, record.local),
                (record.file, record.local),
                (record.study, record.local),
                (record.local,),
            ):
                self.places[place].append(number)

    # -- union-find ----------------------------------------------------------------------------

    def find(self, number: int) -> int:
        while self.parent[number] != number:
            self.parent[number] = self.parent[self.parent[number]]
            number = self.parent[number]
        return number

    def union(self, first: int, second: int) -> None:
        one, two = self.find(first), self.find(second)
        if one != two:
            self.parent[max(one, two)] = min(one, two)

    # -- which records are one entity ---------------------------------------------------------

    def _check_duplicates(self) -> None:
        seen: dict[tuple[int, str | None, str], _Record] = {}
        for record in self.records:
            scope = record.study if record.study else None
            key = (record.file, scope, record.local)
            first = seen.setdefault(key, record)
            if first is not record:
                file = self.files[record.file][0]
                self.problems.append(
                    file.problem(
                        (record.collection, record.index, "id"),
                        f"duplicate id {record.local!r}: {first.collection}[{first.index}] has "
                        "it too; expected each id once, or the same entity written alike",
                    )
                )

    def _join(self) -> None:
        groups: dict[tuple[object, ...], list[int]] = defaultdict(list)
        for number, record in enumerate(self.records):
            kind = record.entity.node_kind
            for key in identifier_keys(record.entity):
                groups[("key", kind, *key)].append(number)
            if kind is NodeKind.STUDY:
                groups[("study", record.local)].append(number)
            elif record.study:
                groups[("scoped", kind, record.study, record.local)].append(number)
            else:
                groups[("local", kind, record.local)].append(number)
        for group, numbers in groups.items():
            files = [self.records[number].file for number in numbers]
            if group[0] == "key" and len(set(files)) < len(files):
                continue  # one identifier twice in one file joins nothing: the corpus says so
            if group[0] == "local":
                self._join_alike(numbers)
                continue
            for other in numbers[1:]:
                self.union(numbers[0], other)
        self._join_authors()

    def _join_alike(self, numbers: list[int]) -> None:
        """Join records of one kind and id, of no study, named alike (in different files).

        Records with public identifiers join those with the same ones; a record without any
        joins them where they are all alike, and otherwise the others without any.
        """
        named: dict[tuple[str, ...] | None, dict[tuple[Key, ...], list[int]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for number in numbers:
            entity = self.records[number].entity
            name = _name(entity)
            identifiers = tuple(sorted(identifier_keys(entity)))
            named[words(name) if name else None][identifiers].append(number)
        for by_identifiers in named.values():
            plain = by_identifiers.pop((), [])
            for same in by_identifiers.values():
                for other in same[1:]:
                    self.union(same[0], other)
            if len(by_identifiers) == 1:
                plain.extend(next(iter(by_identifiers.values()))[:1])
            for other in plain[1:]:
                self.union(plain[0], other)

    def _join_authors(self) -> None:
        """Join the people in one place of the bylines of one work, where their names agree."""
        works: dict[int, list[int]] = defaultdict(list)
        for number, record in enumerate(self.records):
            if isinstance(record.entity, Work) and record.entity.authors:
                works[self.find(number)].append(number)
        for numbers in works.values():
            first = self.records[numbers[0]]
            assert isinstance(first.entity, Work)  # noqa: S101 - grouped as works above
            for number in numbers[1:]:
                other = self.records[number]
                assert isinstance(other.entity, Work)  # noqa: S101
                if other.file == first.file:
                    continue
                pairs = [
                    (self.people.get((first.file, mine)), self.people.get((other.file, theirs)))
                    for mine, theirs in zip(
                        first.entity.authors, other.entity.authors, strict=False
                    )
                ]
                alike = [_alike_people(one, two) for one, two in pairs]
                if len(other.entity.authors) != len(first.entity.authors) and not all(alike):
                    continue  # bylines of other lengths join only where one cuts the other short
                for (one, two), same in zip(pairs, alike, strict=True):
                    if same and one is not None and two is not None:
                        self.union(one.number, two.number)

    # -- ids ----------------------------------------------------------------------------------

    def _choose_ids(self) -> dict[int, str]:
        ranked: dict[int, list[str]] = {}
        for root, numbers in self.members.items():
            counts = Counter(self.records[number].local for number in numbers)
            rank = {
                name: min(
                    self.rank[self.records[number].file]
                    for number in numbers
                    if self.records[number].local == name
                )
                for name in counts
            }
            ranked[root] = sorted(
                counts, key=lambda name: (rank[name], -counts[name], len(name), name)
            )
        named: dict[str, set[int]] = defaultdict(set)
        for root, names in ranked.items():
            for name in names:
                named[name].add(root)
        ids: dict[int, str] = {}
        for root, names in ranked.items():
            # The best name no other entity has, else the best name.
            ids[root] = next((name for name in names if named[name] == {root}), names[0])
        taken: dict[str, list[int]] = defaultdict(list)
        for root, name in ids.items():
            taken[name].append(root)
        for name, roots in taken.items():
            if len(roots) < 2:  # noqa: PLR2004
                continue
            scoped: dict[str, list[int]] = defaultdict(list)
            for root in roots:
                scoped[scoped_id(self._scope(root), name)].append(root)
            for qualified, same in scoped.items():
                for place, root in enumerate(sorted(same, key=self._order)):
                    ids[root] = qualified if place == 0 else f"{qualified}-{place + 1}"
        return ids

    def _scope(self, root: int) -> str:
        numbers = self.members[root]
        record = self.records[root]
        if record.study:
            return record.study
        if record.entity.node_kind is NodeKind.STUDY:
            return record.local
        return min(self.file_scope[self.records[number].file] for number in numbers)

    def _order(self, root: int) -> tuple[str, ...]:
        file, _ = self.files[self.records[root].file]
        record = self.records[root]
        return (str(file.path), record.collection, f"{record.index:09d}")

    # -- references ---------------------------------------------------------------------------

    def _lookup(self) -> dict[Key, set[int]]:
        """Every public identifier and IRI that names an entity, with the entity's root."""
        found: dict[Key, set[int]] = defaultdict(set)
        for number, record in enumerate(self.records):
            root = self.find(number)
            for key in name_keys(record.entity):
                found[key].add(root)
            if not record.study and public_iri(record.entity) is None:  # named in its scope
                kind = record.entity.node_kind
                found["iri", minted_iri(DEFAULT_BASE, kind, self.ids[root])].add(root)
        return found

    def resolve(self, record: _Record, found: Found) -> int | None:
        """Return the root of the entity a reference names, or ``None`` with a problem."""
        target = found.target
        try:
            how, value = reference_target(target)
        except ValueError:
            return None
        kinds = found.reference.targets
        if how == "id":
            return self._resolve_local(record, found, value)
        if how == "curie":
            prefix = value.partition(":")[0]
            known = ", ".join(sorted(CONCEPT_PREFIXES))
            self._problem(
                record,
                found,
                f"{quoted(target)} has the prefix {quoted(prefix)}, which names no vocabulary "
                f"here; expected a compact IRI of {known}, or a full IRI",
            )
            return None
        if how == "scoped":
            scope, _, local = value.partition("/")
            roots = {
                self.find(number)
                for number in self.places.get((local,), ())
                if self.records[number].entity.node_kind in kinds
                and scope
                in (self.records[number].study, self.file_scope[self.records[number].file])
            } | {  # an entity whose id a file gives named within its scope, as an export does
                self.find(number)
                for number in self.places.get((value,), ())
                if self.records[number].entity.node_kind in kinds
            }
        else:
            roots = {
                root
                for root in self.lookup.get((how, value), ())
                if self.records[root].entity.node_kind in kinds
            }
        if len(roots) == 1:
            return roots.pop()
        self._unresolved(record, found, sorted(roots, key=self.ids.__getitem__))
        return None

    def _resolve_local(self, record: _Record, found: Found, name: str) -> int | None:
        kinds = found.reference.targets
        places: tuple[tuple[object, ...], ...] = (
            (record.file, record.study, name),  # in its study (or, of no study, its file)
            (record.file, None, name),  # in its file
            (record.file, name),  # in a study of its file
            *(((record.study, name),) if record.study is not None else ()),  # in its study
            (name,),  # anywhere
        )
        for place in places:
            roots = {
                self.find(number)
                for number in self.places.get(place, ())
                if self.records[number].entity.node_kind in kinds
            }
            if len(roots) == 1:
                return roots.pop()
            if roots:
                self._unresolved(record, found, sorted(roots, key=self.ids.__getitem__))
                return None
        return None  # the corpus says that no entity has the id

    def _unresolved(self, record: _Record, found: Found, roots: list[int]) -> None:
        expected = found.reference.describe()
        if roots:
            names = ", ".join(quoted(self.ids[root]) for root in roots)
            message = (
                f"{quoted(found.target)} names {len(roots)} entities ({names}); expected one: name "
                f"{expected} by 'study-id/local-id' or by a public identifier"
            )
        else:
            message = (
                f"no entity has the identifier {quoted(found.target)}; expected {expected} that a "
                "loaded file or a built-in dataset declares"
            )
        self._problem(record, found, message)

    def _problem(self, record: _Record, found: Found, message: str) -> None:
        file = self.files[record.file][0]
        path = (record.collection, record.index, *found.path)
        self.problems.append(file.problem(path, message, value=found.target))

    def result(self) -> list[tuple[ParsedFile, StudyDocument]]:
        """Return each file's document with its ids and references those of the corpus."""
        lists: list[dict[str, list[Entity]]] = [
            {name: [] for name in COLLECTIONS} for _ in self.files
        ]
        for number, record in enumerate(self.records):
            names = {record.entity.id: self.ids[self.find(number)]}
            for found in references(record.entity):
                root = self.resolve(record, found)
                if root is not None:
                    names[found.target] = self.ids[root]
            changed = {old: new for old, new in names.items() if old != new}
            entity = renamed(record.entity, changed) if changed else record.entity
            lists[record.file][record.collection].append(entity)
        return [
            (file, StudyDocument.model_validate(data))
            for (file, _), data in zip(self.files, lists, strict=True)
        ]


def _alike_people(first: _Record | None, second: _Record | None) -> bool:
    one = first.entity if first is not None else None
    two = second.entity if second is not None else None
    return isinstance(one, Person) and isinstance(two, Person) and same_person(one, two)


def _name(entity: Entity) -> str | None:
    values = (getattr(entity, field, None) for field in _NAMES)
    return next((value for value in values if isinstance(value, str) and value), None)


def _rank(path: Path) -> int:
    """Rank a file's ids: a study file's, an RDF file's, then a bibliography's (a program's)."""
    if path.suffix.lower() in RDF_SUFFIXES:
        return 1
    if bibliography_format(path) is not None:
        return 2
    return 0


def _file_scope(file: ParsedFile, document: StudyDocument) -> str:
    """The name an entity of no study is scoped by: its file's one study, or the file's name."""
    if len(document.studies) == 1:
        return local_id(document.studies[0])
    return slugify(file.path.stem, lower=False) or "file"
