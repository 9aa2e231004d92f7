"""The kinds of row of the RDF mapping table, and the interface of its structures.

The table itself, with every term it names, is :mod:`evidence_graph.rdf.mapping`.
"""

from __future__ import annotations

import dataclasses
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from evidence_graph.models import Entity
from evidence_graph.rdf.terms import Lit, Plain, Term

__all__ = [
    "EnumMap",
    "FieldMap",
    "In",
    "KindMap",
    "Out",
    "Predicate",
    "Structure",
    "Vocabulary",
]


class Out(Protocol):
    """What a structure writes with: the IRIs of entities, and the entities themselves."""

    base: str

    def node(self, ref: str) -> str:
        """Return the IRI of the entity with this local id."""

    def entity(self, ref: str) -> Entity:
        """Return the entity with this local id."""

    def members(self, ref: str) -> list[Entity]:
        """Return the members of a grouping (the themes whose parent it is), in order."""

    def literal(self, value: Any, datatype: str | None = None) -> Lit:
        """Return the literal a value is written as."""


class In(Protocol):
    """What a structure reads with: the triples of one RDF source, each marked once used."""

    base: str

    def objects(self, subject: Term, predicate: str) -> list[Term]:
        """Return the objects of a subject and predicate, sorted."""

    def pairs(self, subject: Term) -> list[tuple[Term, Term]]:
        """Return the predicates and objects of a subject."""

    def one(self, subject: Term, predicate: str) -> Term | None:
        """Return the one object of a subject and predicate, failing if there are several."""

    def ref(self, subject: Term, predicate: str, target: Term) -> str | None:
        """Return the local id of the entity ``target``, failing if it is none."""

    def value(self, subject: Term, predicate: str, term: Term) -> Any:
        """Return the Python value of the object of a triple, failing the node if it is bad."""

    def wrong(self, subject: Term, predicate: str, obj: Term, message: str) -> None:
        """Note a problem of a node's triple: its predicate and object, then ``message``."""

    def literal(self, value: Any, datatype: str | None = None) -> Lit:
        """Return the literal the export writes a value as."""

    def node(self, ref: str) -> Term | None:
        """Return the node of the entity with this local id, if there is one."""

    def use(
        self, subject: Term, predicate: Term, obj: Term | None, expect: Term | None = None
    ) -> None:
        """Mark a triple read, one the export writes again.

        Given ``expect``, only if it is the object the export writes.
        """


@dataclass(frozen=True)
class Structure(ABC):
    """The triples of one field of an entity that one predicate cannot say."""

    expected: Mapping[str, str] = dataclasses.field(default_factory=dict, kw_only=True)
    """For each field it reads, the triples a missing value calls for, for messages."""

    @abstractmethod
    def write(self, out: Out, subject: str, entity: Any, field: str) -> Iterator[Plain]:
        """Yield the triples of ``entity``'s ``field``; ``subject`` is the entity's IRI."""

    @abstractmethod
    def read(self, inp: In, subject: str, field: str, data: dict[str, Any]) -> None:
        """Read ``field`` of the entity ``subject`` into ``data``."""

    def sequence(self, inp: In, subject: str) -> list[Term]:  # noqa: ARG002 - none by default
        """Return the entities the field puts in order (an ordered grouping's members).

        The reader lists them in this order, so that the corpus it reads keeps it.
        """
        return []


@dataclass(frozen=True, slots=True)
class FieldMap:
    """How one field of a model becomes triples: ``<entity> predicate value``.

    Attributes:
        field: The model's field name.
        predicate: The predicate IRI.
        value: ``literal`` (typed by its Python type unless ``datatype`` is given) or ``iri``.
        datatype: The literal's datatype, where the Python type does not settle it.
    """

    field: str
    predicate: str
    value: Literal["literal", "iri"] = "literal"
    datatype: str | None = None


@dataclass(frozen=True, slots=True)
class EnumMap:
    """A field whose value, one of an enumeration, is written as an IRI: ``<entity> p <iri>``.

    Attributes:
        field: The model's field name.
        predicate: The predicate IRI (``rdf:type`` for a class).
        values: The IRI of each value.
        expected: What a missing value calls for, for messages.
    """

    field: str
    predicate: str
    values: dict[Any, str]
    expected: str

    def value_of(self, iri: object) -> str | None:
        """Return the value written as ``iri``, if it is one."""
        for value, written in self.values.items():
            if written == iri:
                return str(value)
        return None


@dataclass(frozen=True, slots=True)
class KindMap:
    """How one kind of entity is written.

    Attributes:
        classes: Its RDF classes.
        fields: The predicates of its plain fields.
        enums: Its fields whose values are written as IRIs.
        constants: ``(predicate, object)`` pairs every entity of the kind has.
        shapes: ``(field, structure)`` pairs: the fields that structures write.
    """

    classes: tuple[str, ...]
    fields: tuple[FieldMap, ...]
    enums: tuple[EnumMap, ...] = ()
    constants: tuple[tuple[str, str], ...] = ()
    shapes: tuple[tuple[str, Structure], ...] = ()


@dataclass(frozen=True, slots=True)
class Predicate:
    """A reference written as one triple for each named entity.

    Attributes:
        predicate: The predicate IRI.
        against: Whether the triple runs against the edge: from the edge's target to its
            source (a claim ``eg:assertedBy`` its work, for the edge work → claim).
    """

    predicate: str
    against: bool = False


class Vocabulary:
    """A vocabulary of :mod:`evidence_graph.namespace` whose terms are plain strings."""

    def __init__(self, terms: Any) -> None:
        self._terms = terms

    def __getattr__(self, name: str) -> str:
        return str(getattr(self._terms, name))  # a misspelt term fails here, at import

    def __getitem__(self, name: str) -> str:
        return str(self._terms[name])

    def __str__(self) -> str:
        return str(self._terms)
