"""The characteristic that defines a subgroup, written as two literals on the sample itself."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from evidence_graph.rdf.rows import In, Out, Structure
from evidence_graph.rdf.terms import Lit, Plain

__all__ = ["Characteristic"]


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
