"""Values held on a node of their own below an entity: a bound of a period, the name of a place.

A study's data-collection period is a ``dcterms:PeriodOfTime`` with a start and an end, and
the place its data were collected a ``dcterms:Location`` with a name. Each value is one field of
the model; the node is minted below the entity's IRI, so the fields that share it write it once.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from evidence_graph.models import below
from evidence_graph.rdf.rows import In, Out, Structure
from evidence_graph.rdf.terms import Lit, Plain

__all__ = ["Described"]


@dataclass(frozen=True)
class Described(Structure):
    """A field's value as a literal of a node the entity links to: ``<e> link <node>``.

    Attributes:
        link: The predicate from the entity to the node (``dcterms:temporal``).
        rdf_type: ``rdf:type``.
        node_class: The node's class (``dcterms:PeriodOfTime``).
        name: The last segment of the node's IRI, below the entity's.
        value: The predicate of the field's value on the node (``dcat:startDate``).
        datatypes: The datatype of a value by its length (a year's 4 characters to
            ``xsd:gYear``); empty for plain text.
        shared_with: The field that writes the link and the class when it is given, when two
            fields share the node; ``None`` for the one that always writes them.
    """

    link: str
    rdf_type: str
    node_class: str
    name: str
    value: str
    datatypes: Mapping[int, str] = dataclasses.field(default_factory=dict)
    shared_with: str | None = None

    def literal(self, text: str) -> Lit:
        """Return the literal of a value: typed by its length, or plain text."""
        return Lit(text, self.datatypes.get(len(text)) if self.datatypes else None)

    def write(self, _out: Out, subject: str, entity: Any, field: str) -> Iterator[Plain]:
        """Yield the triples of the field."""
        node = below(subject, self.name)
        if self.shared_with is None or getattr(entity, self.shared_with) is None:
            yield subject, self.link, node
            yield node, self.rdf_type, self.node_class
        yield node, self.value, self.literal(getattr(entity, field))

    def read(self, inp: In, subject: str, field: str, data: dict[str, Any]) -> None:
        """Read the field into ``data``."""
        for node in inp.objects(subject, self.link):
            found = inp.one(node, self.value)
            if not isinstance(found, Lit):
                continue
            data[field] = found.lexical
            if node == below(subject, self.name):
                inp.use(subject, self.link, node)
                inp.use(node, self.rdf_type, self.node_class)
                inp.use(node, self.value, found, self.literal(found.lexical))
