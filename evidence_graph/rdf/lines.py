"""The export's N-Triples lines, written straight from the models, gathered by subject.

Every format is written from these lines (:mod:`evidence_graph.rdf.output`). Each line is
made once, as text: the triples an entity's kind always has are written once for the kind,
a field's predicate once, and a literal that is not text once for each value (the last few
thousand are kept), so a plain text is the only part of a line made afresh.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, URIRef

from evidence_graph.collector import paused_collection
from evidence_graph.exceptions import NotWritableError
from evidence_graph.graph import EvidenceGraph
from evidence_graph.models import Entity, private_fields
from evidence_graph.progress import Advance
from evidence_graph.rdf.literals import cacheable, literal
from evidence_graph.rdf.mapping import MAPPING, RDF_TYPE
from evidence_graph.rdf.plan import plan
from evidence_graph.rdf.rows import Structure
from evidence_graph.rdf.syntax import nt_controls
from evidence_graph.rdf.terms import Lit, Term, from_rdflib

__all__ = ["GraphOut", "NTGroups", "add_triples", "nt_groups", "nt_line", "nt_object"]


@dataclass(frozen=True, slots=True)
class NTGroups:
    """The N-Triples lines of an export, gathered by subject, and what a writer checks first.

    Attributes:
        lines: Each subject's term and a space, holding the rest of each of its lines, once.
        predicates: The predicates of the lines.
        iris: The IRIs the lines name (subjects, predicates, objects and datatypes), if asked.
        blanks: The labels of the blank nodes the lines name.
    """

    lines: dict[str, set[str]]
    predicates: set[str]
    iris: set[str] | None
    blanks: set[str]

    def __len__(self) -> int:
        return sum(len(tails) for tails in self.lines.values())


def escaped(text: str) -> str:
    r"""Escape a literal's text as canonical N-Triples does, control characters and all.

    Examples:
        >>> print(escaped('say "hi"\n'))
        say \"hi\"\n
    """
    if text.isprintable():  # most texts: no control character, seen in one pass
        if '"' in text or "\\" in text:
            return text.replace("\\", "\\\\").replace('"', '\\"')
        return text
    if _PLAIN.fullmatch(text):  # a character not printed, but one N-Triples writes as it is
        return text
    if "\\" in text or '"' in text:
        text = text.replace("\\", "\\\\").replace('"', '\\"')
    return nt_controls(text)


_PLAIN = re.compile(r'[^\\"\x00-\x1f\x7f\ufffe\uffff]*')
"""A text canonical N-Triples writes as it is: no backslash, quote or control character."""


def nt_object(term: Term) -> str:
    """Write an IRI or a literal as the object of an N-Triples line."""
    if not isinstance(term, Lit):
        return f"<{term}>"
    if term.language:
        return f'"{escaped(term.lexical)}"@{term.language}'
    if term.datatype:
        return f'"{escaped(term.lexical)}"^^<{term.datatype}>'
    return f'"{escaped(term.lexical)}"'


@functools.lru_cache(maxsize=4096, typed=True)
def _typed(value: Any, datatype: str | None) -> tuple[str, str | None]:
    """The object a field's value that is not plain text is written as, and its datatype."""
    written = literal(value, datatype)
    return nt_object(written), written.datatype


_Field = tuple[str, str, str, bool, str | None, bool]
"""A plain field as it is written: its name, predicate, the predicate as N-Triples followed by
a space, whether its values are IRIs, their datatype, and whether it is a flag (false unless
given, and written only if true)."""


@dataclass(frozen=True, slots=True)
class _Kind:
    """How the entities of one model are written, as N-Triples."""

    constant: tuple[str, ...]
    """The rest of each line every entity of the kind has (its classes and constants)."""
    constant_predicates: tuple[str, ...]
    constant_objects: tuple[str, ...]
    fields: tuple[_Field, ...]
    enums: tuple[tuple[str, str, dict[Any, tuple[str, str]]], ...]
    """Each enumeration's field, predicate, and the rest of the line and object of each value."""
    rows: tuple[tuple[str, Structure | None, str, str, bool], ...]
    """The fields of references and structures: each one's name, its structure, or its
    predicate, that predicate as N-Triples followed by a space, and whether it is written
    from the entity (see :class:`~evidence_graph.rdf.plan.Row`)."""


@functools.cache
def _kind(model: type[Entity], include_sources: bool) -> _Kind:
    """Return how the entities of a model are written (a source's text only if asked)."""
    table = MAPPING[model.node_kind]
    pairs = [(RDF_TYPE, cls) for cls in table.classes] + list(table.constants)
    private = frozenset() if include_sources else private_fields(model)
    fields = tuple(
        (
            spec.field,
            spec.predicate,
            f"<{spec.predicate}> ",
            spec.value == "iri",
            spec.datatype,
            model.model_fields[spec.field].default is False,
        )
        for spec in table.fields
        if spec.field not in private
    )
    enums = tuple(
        (
            enum.field,
            enum.predicate,
            {value: (f"<{enum.predicate}> <{obj}> .", obj) for value, obj in enum.values.items()},
        )
        for enum in table.enums
    )
    rows = tuple(
        (row.field, row.structure, row.predicate or "", f"<{row.predicate}> ", row.forward)
        for row in plan(model)
        if row.structure is not None or row.predicate is not None
    )
    return _Kind(
        tuple(f"<{predicate}> <{obj}> ." for predicate, obj in pairs),
        tuple(predicate for predicate, _ in pairs),
        tuple(obj for _, obj in pairs),
        fields,
        enums,
        rows,
    )


class GraphOut:
    """What a structure writes a graph's entities with (:class:`~evidence_graph.rdf.rows.Out`).

    The entities' IRIs, each looked up once, the entities, a grouping's members and literals.
    """

    def __init__(self, graph: EvidenceGraph, *, include_sources: bool = False) -> None:
        self.graph = graph
        self.base = graph.base
        self.include_sources = include_sources
        self.iris: dict[str, str] = {}  # each reference looked up once

    def node(self, ref: str) -> str:
        """Return the IRI of the entity with this local id."""
        found = self.iris.get(ref)
        if found is None:
            found = self.iris[ref] = self.graph.iri(ref)
        return found

    def entity(self, ref: str) -> Entity:
        """Return the entity with this local id."""
        return self.graph.get(ref)

    def members(self, ref: str) -> list[Entity]:
        """Return the members of a grouping (the themes whose parent it is), in order."""
        return list(self.graph.subthemes(ref))

    @staticmethod
    def literal(value: Any, datatype: str | None = None) -> Lit:
        """Return the literal a value is written as."""
        return literal(value, datatype)


class _Lines(GraphOut):
    """Gathers the N-Triples lines of a graph's entities by subject, each line once."""

    def __init__(self, graph: EvidenceGraph, *, include_sources: bool, iris: bool) -> None:
        super().__init__(graph, include_sources=include_sources)
        self.groups: dict[str, set[str]] = {}
        self.named: set[str] | None = set() if iris else None
        self.predicates: set[str] = set()
        self.written: dict[str, str] = {}  # each predicate of a structure, as N-Triples
        self.kinds: dict[type[Entity], _Kind] = {}
        self.last = ""  # the subject of the last triple of a structure, and its lines
        self.tails: set[str] = set()

    def _group(self, subject: str) -> set[str]:
        """The lines of a subject, made empty the first time it is named."""
        tails = self.groups.get(head := f"<{subject}> ")
        if tails is None:
            tails = self.groups[head] = set()
            if self.named is not None:
                self.named.add(subject)
        return tails

    def _of(self, model: type[Entity]) -> _Kind:
        kind = self.kinds.get(model)
        if kind is None:
            kind = self.kinds[model] = _kind(model, self.include_sources)
            self.predicates.update(kind.constant_predicates)
            if self.named is not None:
                self.named.update(kind.constant_objects)
        return kind

    def write(self, subject: str, entity: Entity) -> None:
        """Add the lines that describe one entity (and the nodes only it names)."""
        kind = self._of(type(entity))
        tails = self._group(subject)
        tails.update(kind.constant)
        self._fields(entity, kind, tails)
        self._enums(entity, kind, tails)
        for field, structure, predicate, written, forward in kind.rows:
            value = getattr(entity, field)
            if structure is not None:
                if value:
                    for triple in structure.write(self, subject, entity, field):
                        self.add(*triple)
            elif value is not None:
                self._references(subject, tails, (predicate, written, forward), value)

    def _fields(self, entity: Entity, kind: _Kind, tails: set[str]) -> None:
        """Add the lines of an entity's plain fields; a flag (false unless given) only if true."""
        named, predicates = self.named, self.predicates
        for field, predicate, written, iri, datatype, flag in kind.fields:
            value = getattr(entity, field)
            if value is None or value == () or (flag and value is False):
                continue
            predicates.add(predicate)
            for item in value if isinstance(value, tuple) else (value,):
                if iri:
                    obj = str(item)
                    tails.add(f"{written}<{obj}> .")
                    if named is not None:
                        named.add(obj)
                elif datatype is None and type(item) is str:
                    tails.add(f'{written}"{escaped(item)}" .')
                else:
                    obj, typed = (_typed if cacheable(item) else _typed.__wrapped__)(item, datatype)
                    tails.add(f"{written}{obj} .")
                    if typed and named is not None:
                        named.add(typed)

    def _enums(self, entity: Entity, kind: _Kind, tails: set[str]) -> None:
        """Add the lines of an entity's enumerations."""
        named, predicates = self.named, self.predicates
        for field, predicate, values in kind.enums:
            value = getattr(entity, field)
            if value is not None:  # an optional enumeration, not given
                line, obj = values[value]
                tails.add(line)
                predicates.add(predicate)
                if named is not None:
                    named.add(obj)

    def _references(
        self, subject: str, tails: set[str], row: tuple[str, str, bool], value: Any
    ) -> None:
        """Add the lines of a field of references (predicate, written, forward), one for each."""
        predicate, written, forward = row
        for item in value if isinstance(value, tuple) else (value,):
            self.predicates.add(predicate)
            node = self.node(item)
            if forward:  # the node is an entity's: named as the subject of its own lines
                tails.add(f"{written}<{node}> .")
            else:
                self._group(node).add(f"{written}<{subject}> .")

    def add(self, subject: str, predicate: str, obj: str | Lit) -> None:
        """Add the line of one triple."""
        if subject is not self.last:
            self.last = subject
            self.tails = self._group(subject)
        written = self.written.get(predicate)
        if written is None:
            written = self.written[predicate] = f"<{predicate}> "
            self.predicates.add(predicate)
        if type(obj) is str:
            self.tails.add(f"{written}<{obj}> .")
            if self.named is not None:
                self.named.add(obj)
            return
        self.tails.add(f"{written}{nt_object(obj)} .")
        if self.named is not None:
            if not isinstance(obj, Lit):
                self.named.add(obj)
            elif obj.datatype:
                self.named.add(obj.datatype)


def nt_groups(
    graph: EvidenceGraph,
    advance: Advance | None = None,
    *,
    include_sources: bool = False,
    iris: bool = False,
) -> NTGroups:
    """Return the export's N-Triples lines by subject; with ``iris``, the IRIs they name too.

    Python's cyclic garbage collector is paused meanwhile: the lines make no cycles, and its
    passes over a large graph's objects would find nothing to free.
    """
    lines = _Lines(graph, include_sources=include_sources, iris=iris)
    with paused_collection():
        for done, (iri, entity) in enumerate(graph.nodes(), start=1):
            if advance is not None and done % 1000 == 0:
                advance(1000)
            lines.write(iri, entity)
    found = NTGroups(lines.groups, lines.predicates, lines.named, set())
    add_triples(found, graph.extra)
    if found.iris is not None:
        found.iris.update(found.predicates)
    return found


def add_triples(groups: NTGroups, triples: Iterable[Any]) -> None:
    """Add rdflib triples to the lines of ``groups``, and what they name.

    Raises:
        NotWritableError: If an IRI of a triple is not one RDF allows (a space in it, say),
            naming the triple; an rdflib graph holds what it is given.
    """
    lines, named = groups.lines, groups.iris
    for subject, predicate, obj in triples:
        for term in (subject, predicate, obj):
            if isinstance(term, BNode):
                groups.blanks.add(str(term))
                continue
            iri = term if isinstance(term, URIRef) else getattr(term, "datatype", None)
            if iri is not None:
                _check_iri(str(iri), (subject, predicate, obj))
                if named is not None:
                    named.add(str(iri))
        groups.predicates.add(str(predicate))
        head = f"{_nt_node(subject)} "
        lines.setdefault(head, set()).add(nt_line((subject, predicate, obj))[len(head) :])


def _check_iri(iri: str, triple: tuple[Any, Any, Any]) -> None:
    try:
        ox.NamedNode(iri)
    except ValueError as error:
        shown = " ".join(
            f"<{term}>" if isinstance(term, URIRef) else repr(str(term)) for term in triple
        )
        raise NotWritableError(
            f"the triple {shown}: the IRI {iri!r} is not one RDF allows ({error}); expected an "
            'absolute IRI without spaces or any of <>"{}|^`\\'
        ) from None


def _nt_node(node: Any) -> str:
    """Write a term read from RDF (an rdflib term kept in ``extra``) as N-Triples."""
    return f"_:{node}" if isinstance(node, BNode) else nt_object(from_rdflib(node))


def nt_line(triple: Any) -> str:
    """Return an rdflib triple as the N-Triples line (without its line break) the export writes."""
    subject, predicate, obj = triple
    return f"{_nt_node(subject)} {_nt_node(predicate)} {_nt_node(obj)} ."
