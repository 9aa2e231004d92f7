"""The plan of a model's RDF: its references and structures, from its declarations and the table.

Each field of a model that holds references (or nested models that hold them) is written as
its relation's row of :data:`~evidence_graph.rdf.mapping.RELATIONS` says; each field a kind's
structure writes is listed in :data:`~evidence_graph.rdf.mapping.MAPPING`. Export and import
both walk :func:`plan`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel

from evidence_graph.models import MODELS, NodeKind, Reference, declarations
from evidence_graph.rdf.mapping import MAPPING, RDF_TYPE, RELATIONS
from evidence_graph.rdf.rows import Predicate, Structure
from evidence_graph.rdf.terms import qname

__all__ = ["CLASS_KINDS", "Row", "expected_triple", "kinds_of", "plan"]


@dataclass(frozen=True, slots=True)
class Row:
    """How one field of a model is written.

    Attributes:
        field: The field's name.
        reference: Its declaration, if it holds references.
        predicate: The predicate of a reference written one triple for each named entity.
        forward: Whether that triple's subject is the entity that holds the field (else it is
            the named entity).
        structure: The structure that writes the field, if one does.
    """

    field: str
    reference: Reference | None
    predicate: str | None
    forward: bool
    structure: Structure | None


def _nested_reference(annotation: Any) -> Reference | None:
    """The reference a nested model of a field's type declares (a citation's work), if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        found = [row.reference for row in declarations(annotation) if row.reference is not None]
        return found[0] if found else None
    for arg in getattr(annotation, "__args__", ()):
        if (reference := _nested_reference(arg)) is not None:
            return reference
    return None


@cache
def plan(model: type[BaseModel]) -> tuple[Row, ...]:
    """Return how the references and structured fields of a model are written, in field order.

    Examples:
        >>> from evidence_graph.models import Sample
        >>> [(row.field, row.predicate, row.forward) for row in plan(Sample)]
        [('study', 'https://w3id.org/evidence-graph/ontology#hasSample', False),
         ('part_of', 'http://purl.obolibrary.org/obo/BFO_0000050', True),
         ('characteristic', None, True)]
    """
    kind: NodeKind = model.node_kind  # type: ignore[attr-defined]
    shapes = dict(MAPPING[kind].shapes)
    rows: list[Row] = []
    for declared in declarations(model):
        if declared.field in shapes:
            continue
        reference = declared.reference
        if reference is None:
            reference = _nested_reference(model.model_fields[declared.field].annotation)
            if reference is None:
                continue
        form = RELATIONS[reference.relation]
        if isinstance(form, Predicate):
            forward = reference.inverse == form.against
            rows.append(Row(declared.field, reference, form.predicate, forward, None))
        else:
            rows.append(Row(declared.field, reference, None, True, form))
    rows.extend(Row(field, None, None, True, shape) for field, shape in shapes.items())
    return tuple(rows)


def expected_triple(kind: NodeKind, field: str) -> str:
    """Say which triples give a field of a kind of entity, for a message that it is missing.

    Examples:
        >>> expected_triple(NodeKind.QUOTE, "themes")
        'a oa:hasBody triple'
    """
    table = MAPPING[kind]
    for spec in table.fields:
        if spec.field == field:
            return f"a {qname(spec.predicate)} triple"
    for enum in table.enums:
        if enum.field == field:
            return enum.expected
    for row in plan(MODELS[kind]):
        if row.structure is not None and field in row.structure.expected:
            return row.structure.expected[field]
        if row.field == field and row.predicate is not None:
            if row.forward:
                return f"a {qname(row.predicate)} triple"
            assert row.reference is not None  # noqa: S101 - a predicate row has one
            owners = " or ".join(sorted(target.value for target in row.reference.targets))
            return f"one {owners} with {qname(row.predicate)} to it"
    return f"a triple for {field}"


def _kinds_by_class() -> dict[str, NodeKind]:
    """The class that tells each kind of entity, where one class alone tells it."""
    classes: dict[str, list[NodeKind]] = {}
    for kind, table in MAPPING.items():
        marks = [
            iri
            for enum in table.enums
            if enum.predicate == RDF_TYPE
            for iri in enum.values.values()
        ]
        for cls in [*table.classes, *marks]:
            classes.setdefault(cls, []).append(kind)
    return {cls: kinds[0] for cls, kinds in classes.items() if len(kinds) == 1}


CLASS_KINDS: dict[str, NodeKind] = _kinds_by_class()
"""The class that tells each kind of entity (``eg:Theme`` a theme, ``foaf:Person`` a person)."""


def kinds_of(types: set[str]) -> set[NodeKind]:
    """Return the kinds of entity a node of these classes may be.

    A kind with no class of its own (a concept: ``skos:Concept``, which themes share) is one
    when its classes are there and no kind with more of them is.

    Examples:
        >>> sorted(kinds_of(set(MAPPING[NodeKind.CONCEPT].classes)))
        [<NodeKind.CONCEPT: 'concept'>]
    """
    kinds = {CLASS_KINDS[cls] for cls in types if cls in CLASS_KINDS}
    for kind, table in MAPPING.items():
        own = set(table.classes)
        if not own or not own <= types or any(CLASS_KINDS.get(cls) == kind for cls in own):
            continue
        if not any(own < set(MAPPING[other].classes) for other in kinds):
            kinds.add(kind)
    return kinds
