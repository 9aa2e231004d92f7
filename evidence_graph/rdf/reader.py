"""RDF import: triples in our vocabularies back into models, losing nothing.

The reader inverts the tables of :mod:`evidence_graph.rdf.mapping`: the plain fields and
enumerations of each kind, the references its model declares (each by its relation's row) and
the structures. It marks each triple it reads that the export writes again; the triples it did
not mark (added by another tool) are kept beside the models and written back out by the export.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeGuard

from pydantic import ValidationError
from rdflib import Graph

from evidence_graph.exceptions import Problem, StudyFileError
from evidence_graph.graph import EvidenceGraph
from evidence_graph.models import (
    COLLECTIONS,
    MODELS,
    Corpus,
    NodeKind,
    StudyDocument,
    entity_iri,
    identifiers_of,
)
from evidence_graph.rdf.mapping import IMPORTS, MAPPING, RDF_TYPE
from evidence_graph.rdf.parsing import stream_triples
from evidence_graph.rdf.plan import Row, expected_triple, plan
from evidence_graph.rdf.rows import FieldMap
from evidence_graph.rdf.terms import Lit, Term, Triple, from_rdflib, qname, to_rdflib
from evidence_graph.rdf.triples import Index, show, written

__all__ = ["Read", "from_rdf", "read_rdf"]


@dataclass(frozen=True, slots=True)
class Read:
    """What one RDF source holds, read into models.

    Attributes:
        data: The lists of the source, as read, before validation (as a study file's data).
        document: The entities, each validated on its own.
        base: The base of the minted IRIs the source uses.
        extra: The rdflib triples of the source that the models do not hold.
        imports: The ontologies the source ``owl:imports``, which are never fetched.
    """

    data: dict[str, list[dict[str, Any]]]
    document: StudyDocument
    base: str
    extra: frozenset[Triple]
    imports: tuple[str, ...]


class _Reader(Index):
    """Reads the entities of one set of triples into the field data of their models."""

    def fields(self, subject: str, kind: NodeKind) -> dict[str, Any]:
        """Return the field data of the entity ``subject``, marking each triple read."""
        model = MODELS[kind]
        table = MAPPING[kind]
        data: dict[str, Any] = {}
        given = self.predicates(subject)
        for cls in table.classes:
            self.use(subject, RDF_TYPE, cls)
        for predicate, obj in table.constants:
            self.use(subject, predicate, obj)
        for spec in table.fields:
            if spec.predicate in given:  # else the field is not given
                self.field(subject, model, spec, data)
        for enum in table.enums:
            if enum.predicate not in given:
                continue
            candidates = [
                node
                for node in self.objects(subject, enum.predicate)
                if enum.predicate != RDF_TYPE or enum.value_of(node) is not None
            ]
            chosen = self.one_of(subject, enum.predicate, candidates)
            if chosen is not None:
                known = enum.value_of(chosen)
                data[enum.field] = known if known is not None else str(chosen)
                if known is not None:
                    self.use(subject, enum.predicate, chosen)
        # the structures last: they read fields the other rows give (a theme's parent)
        for row in _reading_order(model):
            if row.structure is not None:
                row.structure.read(self, subject, row.field, data)
            elif not row.forward or row.predicate in given:  # else it names nothing
                self.reference(subject, model, row, data)
        data.update(identifiers_of(subject, kind, self.ids[subject], self.base))
        return data

    def field(self, subject: str, model: Any, spec: FieldMap, data: dict[str, Any]) -> None:
        """Read a plain field, written by one predicate, marking each triple read."""
        objects = self.objects(subject, spec.predicate)
        if not objects:
            return
        text = spec.value == "literal" and spec.datatype is None
        if text and len(objects) == 1 and _is_text(objects[0]):  # the most common: one text
            self.use_all(((subject, spec.predicate, objects[0]),))
            self.put(subject, model, spec.field, [objects[0].lexical], data)
            return
        values = [
            node.lexical if text and _is_text(node) else self.value(subject, spec.predicate, node)
            for node in objects
        ]
        for node, value in zip(objects, values, strict=True):
            if text and _is_text(node):  # read as written, and written as read
                self.use(subject, spec.predicate, node)
                continue
            if (spec.value == "iri") == isinstance(node, Lit):
                expected = "an IRI" if spec.value == "iri" else "a literal"
                self.fail(
                    subject,
                    f"its {qname(spec.predicate)} is {written(node)}; expected {expected}",
                )
            expect = value if spec.value == "iri" else self.literal(value, spec.datatype)
            self.use(subject, spec.predicate, node, expect)
        self.put(subject, model, spec.field, values, data)

    def reference(self, subject: str, model: Any, row: Row, data: dict[str, Any]) -> None:
        """Read a reference written by one predicate, from the entity or to it."""
        predicate = row.predicate
        assert predicate is not None  # noqa: S101 - a row without a structure has one
        if row.forward:
            nodes = self.objects(subject, predicate)
            if _shares_predicate(model, row.field) and row.reference is not None:
                # a quote's participant and its coder: each is the node of its own kind (a node
                # of no known kind is read for both, and is reported where it names nothing)
                kinds = row.reference.targets
                nodes = [node for node in nodes if self.kinds.get(node) in kinds | {None}]
            triples: list[tuple[Term, Term, Term]] = [(subject, predicate, node) for node in nodes]
        else:
            nodes = self.subjects(predicate, subject)
            if not _is_tuple(model, row.field) and len(nodes) != 1:
                self.fail(subject, f"has {len(nodes)} subjects of {qname(predicate)}; expected one")
                data[row.field] = None
                return
            triples = [(node, predicate, subject) for node in nodes]
        values = [self.ref(subject, predicate, node) for node in nodes]
        self.use_all(triples)
        self.put(subject, model, row.field, values, data)

    def put(
        self, subject: Term, model: Any, field: str, values: list[Any], data: dict[str, Any]
    ) -> None:
        """Set a field to the values read: a list, or the one value."""
        if not values:
            return
        if _is_tuple(model, field):
            data[field] = values
        elif len(values) > 1:
            self.fail(subject, f"has {len(values)} values for {field}; expected one")
        else:
            data[field] = values[0]


def _is_text(term: Term) -> TypeGuard[Lit]:
    """Whether a term is a literal of text, without a datatype or language: a text field's."""
    return type(term) is Lit and term.datatype is None and term.language is None


@cache
def _reading_order(model: Any) -> tuple[Row, ...]:
    """The rows of a model's plan in the order they are read: the structures last."""
    return tuple(sorted(plan(model), key=lambda row: row.structure is not None))


@cache
def _shares_predicate(model: Any, field: str) -> bool:
    """Whether another reference of the model is written by the same predicate, the same way."""
    rows = [row for row in plan(model) if row.structure is None and row.predicate is not None]
    mine = next(row for row in rows if row.field == field)
    return any(
        row.field != field and (row.predicate, row.forward) == (mine.predicate, mine.forward)
        for row in rows
    )


@cache
def _is_tuple(model: Any, field: str) -> bool:
    """Whether a field of a model holds a list of values (asked once per model and field)."""
    return typing.get_origin(model.model_fields[field].annotation) is tuple


def _in_order(reader: _Reader) -> list[Term]:
    """Return the entities in the order of their IRIs, except for those a structure orders.

    The members of an ordered grouping come in its member list's order, in the places their
    IRIs give the group, so the corpus keeps the order where RDF states it.
    """
    order = list(reader.kinds)
    place = {subject: index for index, subject in enumerate(order)}
    for subject, kind in reader.kinds.items():
        for _, shape in MAPPING[kind].shapes:
            members = [
                member
                for member in dict.fromkeys(shape.sequence(reader, str(subject)))
                if member in place
            ]
            for index, member in zip(sorted(place[m] for m in members), members, strict=True):
                order[index] = member
                place[member] = index
    return order


def _read(
    triples: Iterable[tuple[Term, Term, Term]], source: str, model: type[StudyDocument]
) -> tuple[_Reader, StudyDocument, dict[str, list[dict[str, Any]]]]:
    """Read triples into the lists of ``model``, each entity's problems naming its node."""
    reader = _Reader(triples)
    reader.find_entities()
    lists: dict[str, list[dict[str, Any]]] = {name: [] for name in COLLECTIONS}
    names = {kind: name for name, kind in COLLECTIONS.items()}
    nodes: dict[tuple[str, int], Term] = {}
    for subject in _in_order(reader):
        kind = reader.kinds[subject]
        nodes[names[kind], len(lists[names[kind]])] = subject
        lists[names[kind]].append(reader.fields(str(subject), kind))
    if reader.problems:
        raise StudyFileError(source, reader.problems)
    try:
        document = model.model_validate(lists)
    except ValidationError as error:
        raise StudyFileError(source, _problems(error, nodes)) from None
    mismatched = []
    for name in COLLECTIONS:
        for index, entity in enumerate(getattr(document, name)):
            subject, iri = nodes[name, index], entity_iri(entity, reader.base)
            if subject != iri:
                mismatched.append(
                    Problem(
                        (),
                        f"<{subject}>: expected the IRI <{iri}> for the "
                        f"{entity.node_kind.value} {entity.id!r}",
                    )
                )
    if mismatched:
        raise StudyFileError(source, mismatched)
    return reader, document, lists


def read_rdf(path: str | Path) -> Read:
    """Read an RDF file written in our vocabularies into models, each entity validated alone.

    Raises:
        StudyFileError: If the file cannot be read or parsed, or cannot hold valid entities;
            each problem names the node and what is missing or wrong.
    """
    reader, document, lists = _read(stream_triples(path), str(path), StudyDocument)
    extra = frozenset((to_rdflib(s), to_rdflib(p), to_rdflib(o)) for s, p, o in reader.leftovers())
    imports = sorted(str(obj) for obj in reader.values_of(IMPORTS))
    return Read(lists, document, reader.base, extra, tuple(imports))


def from_rdf(rdf: Graph, *, source: str = "RDF") -> EvidenceGraph:
    """Read an RDF graph written in our vocabularies back into an evidence graph.

    The models come back equal to those exported, the base of the minted IRIs is found from
    them, and every triple the models do not hold is kept in :attr:`EvidenceGraph.extra`.

    Raises:
        StudyFileError: If the RDF cannot be a valid corpus; each problem names the node and
            what is missing or wrong.

    Examples:
        >>> from evidence_graph import load, to_rdf
        >>> from_rdf(to_rdf(load("kverme2019"))).to_corpus() == load("kverme2019")
        True
    """
    originals = {(from_rdflib(s), from_rdflib(p), from_rdflib(o)): (s, p, o) for s, p, o in rdf}
    reader, corpus, _ = _read(originals, source, Corpus)
    extra = {originals[triple] for triple in reader.leftovers()}
    return EvidenceGraph.from_corpus(typing.cast(Corpus, corpus), base=reader.base, extra=extra)


def _problems(error: ValidationError, nodes: dict[tuple[str, int], Term]) -> list[Problem]:
    problems = []
    for detail in error.errors(include_url=False):
        if detail["type"] == "corpus_integrity":
            for problem in detail["ctx"]["problems"]:
                name, index, *rest = problem.path
                where = ".".join(str(part) for part in rest)
                node = nodes.get((str(name), int(index)))
                problems.append(Problem((), f"<{show(node)}>: {where}: {problem.message}"))
            continue
        name, index, *rest = detail["loc"]
        node = nodes.get((str(name), int(index)))
        where = ".".join(str(part) for part in rest) or "(node)"
        message = str(detail["msg"]).removeprefix("Value error, ")
        if detail["type"] == "missing" and rest:
            kind = COLLECTIONS[str(name)]
            message = f"missing: expected {expected_triple(kind, str(rest[0]))}"
        problems.append(Problem((), f"<{show(node)}>: {where}: {message}"))
    return problems
