"""Characteristics: the one that defines a subgroup, and each participant's own.

A subgroup's characteristic is two literals on the sample itself; a participant's are nodes of
their own below the participant, each with its name and its value.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from evidence_graph.models import below
from evidence_graph.rdf.rows import In, Out, Structure
from evidence_graph.rdf.terms import Lit, Plain

__all__ = ["Characteristic", "Traits"]


@dataclass(frozen=True)
class Characteristic(Structure):
    """A subgroup's defining characteristic: its attribute's name and the value its members share.

    Attributes:
        attribute: The predicate of the attribute's name, e.g. ``"recovery_status"``.
        value: The predicate of the value, a literal (``"recovered"``, or true or false).
    """

    attribute: str
    value: str

    def write(self, out: Out, subject: str, entity: Any, field: str) -> Iterator[Plain]:
        """Yield the triples of the field."""
        characteristic = getattr(entity, field)
        if characteristic is not None:
            yield subject, self.attribute, Lit(characteristic.attribute.value)
            yield subject, self.value, out.literal(characteristic.value)

    def read(self, inp: In, subject: str, field: str, data: dict[str, Any]) -> None:
        """Read the field into ``data``."""
        attribute, value = inp.one(subject, self.attribute), inp.one(subject, self.value)
        if attribute is None and value is None:
            return
        read = {
            name: inp.value(subject, predicate, term)
            for name, predicate, term in (
                ("attribute", self.attribute, attribute),
                ("value", self.value, value),
            )
            if term is not None
        }
        data[field] = read
        for predicate, term, name in (
            (self.attribute, attribute, "attribute"),
            (self.value, value, "value"),
        ):
            if term is not None:
                inp.use(subject, predicate, term, inp.literal(read[name]))


def _trait_node(subject: str, place: int) -> str:
    return below(subject, f"characteristic-{place}")


@dataclass(frozen=True)
class Traits(Structure):
    """A participant's characteristics: a node each, numbered in the order of their names.

    Attributes:
        has: The predicate from the participant to each characteristic.
        rdf_type: ``rdf:type``.
        cls: The class of a characteristic's node.
        name: The predicate of its name.
        value: The predicate of its value, a typed literal.
    """

    has: str
    rdf_type: str
    cls: str
    name: str
    value: str

    def write(self, out: Out, subject: str, entity: Any, field: str) -> Iterator[Plain]:
        """Yield the triples of the field."""
        traits = sorted(getattr(entity, field), key=lambda trait: trait.name)
        for place, trait in enumerate(traits, start=1):
            node = _trait_node(subject, place)
            yield subject, self.has, node
            yield node, self.rdf_type, self.cls
            yield node, self.name, Lit(trait.name)
            yield node, self.value, out.literal(trait.value)

    def read(self, inp: In, subject: str, field: str, data: dict[str, Any]) -> None:
        """Read the field into ``data``."""
        found = []
        for node in inp.objects(subject, self.has):
            name, value = inp.one(node, self.name), inp.one(node, self.value)
            if name is None or value is None:
                inp.wrong(subject, self.has, node, "has no name or no value; expected both")
                continue
            read = str(inp.value(node, self.name, name)), inp.value(node, self.value, value)
            found.append((read, node, name, value))
        if not found:
            return
        found.sort(key=lambda item: item[0][0])
        data[field] = [{"name": name, "value": value} for (name, value), *_ in found]
        for place, ((text, read), node, name, value) in enumerate(found, start=1):
            if node == _trait_node(subject, place):
                inp.use(subject, self.has, node)
                inp.use(node, self.rdf_type, self.cls)
                inp.use(node, self.name, name, Lit(text))
                inp.use(node, self.value, value, inp.literal(read))
