"""The evidence graph for network tools: plain nodes and edges, written as GraphML or GEXF.

Gephi, Cytoscape, yEd and igraph read GraphML; Gephi reads GEXF. Both hold plain values only,
so the graph's nodes and edges are first made plain (:func:`plain_nodes`, :func:`plain_edges`):
enums become their values, a citation's intents one text, and the entity behind a node gives
its kind, a label, its IRI, its local id and a few facts (a work's DOI and year, the study an entity
belongs to); a private field (a transcript) is never among them.

Node attributes:
    ``kind``: the node's kind (``work``, ``theme``, ``quote`` ...).
    ``label``: its title, label, name, text or statement, else its id.
    ``iri``: its IRI (a GraphML node's id is ``n0``, ``n1``...: an IRI is no XML name token).
    ``local_id``: its local id (not ``id``, which igraph and Gephi take for the node's own).
    ``study``: the id of the study it belongs to, for the kinds that belong to one.
    ``doi``, ``year``, ``work_type`` (works); ``orcid`` (people); ``design`` (studies);
    ``size`` (samples); ``criterion_kind`` (criteria); ``number``, ``theme_kind`` (themes);
    ``role``, ``speaker`` (quotes); ``claim_kind`` (claims); ``notation`` (concepts);
    ``match`` (mappings), where the entity has them.

Edge attributes:
    ``relation``: the edge's relation (``cites``, ``supports`` ...).
    ``position``, ``corresponding`` (``authored-by``); ``role`` (``supports``); ``intents``
    (``cites``: the CiTO intents, separated by spaces); ``match`` and ``justification``
    (``maps-from`` and ``maps-to``: the mapping's match relation and why).

Nodes come sorted by IRI and edges by source, target and relation, so the same corpus gives
the same bytes whatever order its sources were loaded in.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from typing import NamedTuple

from evidence_graph.display import quoted
from evidence_graph.exceptions import NotWritableError
from evidence_graph.graph import EvidenceGraph
from evidence_graph.models import (
    LABEL_FIELDS,
    Entity,
    NodeKind,
    Relation,
    ThemeMapping,
    Work,
    label_of,
    private_fields,
)
from evidence_graph.rdf.syntax import not_xml

__all__ = ["Plain", "PlainEdge", "PlainNode", "plain_edges", "plain_nodes"]

Plain = str | int | bool
"""A value a network file holds: text, a whole number or a truth value."""


class PlainNode(NamedTuple):
    """A node with plain attributes: its IRI and its attributes by name."""

    iri: str
    attributes: dict[str, Plain]


class PlainEdge(NamedTuple):
    """An edge with plain attributes: its ends' IRIs, its relation and its attributes."""

    source: str
    target: str
    relation: str
    attributes: dict[str, Plain]


_FACTS: dict[NodeKind, tuple[tuple[str, str], ...]] = {
    NodeKind.WORK: (("doi", "doi"), ("work_type", "type")),
    NodeKind.PERSON: (("orcid", "orcid"),),
    NodeKind.STUDY: (("design", "design"),),
    NodeKind.SAMPLE: (("study", "study"), ("size", "size")),
    NodeKind.PARTICIPANT: (("study", "study"),),
    NodeKind.CRITERION: (("study", "study"), ("criterion_kind", "kind")),
    NodeKind.THEME: (("study", "study"), ("number", "number"), ("theme_kind", "kind")),
    NodeKind.QUOTE: (("study", "study"), ("role", "role"), ("speaker", "speaker")),
    NodeKind.CODER: (("study", "study"),),
    NodeKind.MEMO: (("study", "study"),),
    NodeKind.CLAIM: (("study", "study"), ("claim_kind", "kind")),
    NodeKind.CONCEPT: (("notation", "notation"),),
    NodeKind.SCHEME: (),
    NodeKind.MAPPING: (("match", "relation"),),
}
"""For each kind, the node attributes taken from its entity's fields: (attribute, field)."""

_EDGE_NAMES = {"relation": "match"}
"""Edge attributes written under another name: a mapping's match relation is ``match``, as
``relation`` names the edge's own relation."""


def plain_nodes(graph: EvidenceGraph) -> list[PlainNode]:
    """Return the graph's nodes with plain attributes, sorted by IRI.

    Raises:
        NotWritableError: If a text holds a character XML 1.0 cannot hold, naming the entity
            and the field.

    Examples:
        >>> from evidence_graph import load_graph
        >>> node = plain_nodes(load_graph("kverme2019"))[2]
        >>> node.iri, node.attributes["kind"], node.attributes["year"]
        ('https://doi.org/10.3389/fpsyg.2019.00430', 'work', 2019)
    """
    nodes = [
        PlainNode(iri, _node_attributes(iri, graph.graph.nodes[iri]["model"]))
        for iri in sorted(graph.graph.nodes)
    ]
    for node in nodes:
        kind = NodeKind(str(node.attributes["kind"]))
        where = f"{kind.value} {quoted(node.attributes['local_id'])}"
        _check(node.iri, f"{where}: IRI")
        for name, value in node.attributes.items():
            field = LABEL_FIELDS[kind] if name == "label" else name
            _check(value, f"{where}: {field}")
    return nodes


def plain_edges(graph: EvidenceGraph) -> list[PlainEdge]:
    """Return the graph's edges with plain attributes, by source, target and relation.

    Raises:
        NotWritableError: If a text holds a character XML 1.0 cannot hold, naming the edge
            and the attribute.

    Examples:
        >>> from evidence_graph import load_graph
        >>> cites = [e for e in plain_edges(load_graph("kverme2019")) if e.relation == "cites"]
        >>> cites[0].attributes
        {'relation': 'cites', 'intents': 'discusses includes-quotation-from'}
    """
    edges = sorted(_edges(graph), key=lambda edge: (edge.source, edge.target, edge.relation))
    for edge in edges:
        where = f"the {edge.relation} edge from {edge.source} to {edge.target}"
        for name, value in edge.attributes.items():
            _check(value, f"{where}: {name}")
    return edges


def _node_attributes(iri: str, entity: Entity) -> dict[str, Plain]:
    """The plain attributes of a node: kind, label, IRI, local id, then the facts of its kind."""
    attributes: dict[str, Plain] = {
        "kind": entity.node_kind.value,
        "label": label_of(entity) or entity.id,
        "iri": iri,
        "local_id": entity.id,
    }
    private = private_fields(type(entity))
    for name, field in _FACTS[entity.node_kind]:
        if field not in private and (value := _plain(getattr(entity, field))) is not None:
            attributes[name] = value
    if isinstance(entity, Work) and (year := entity.issued.year if entity.issued else entity.year):
        attributes["year"] = year
    return attributes


def _edges(graph: EvidenceGraph) -> Iterator[PlainEdge]:
    for source, target, relation, data in graph.graph.edges(keys=True, data=True):
        attributes: dict[str, Plain] = {"relation": relation.value}
        for name, value in sorted(data.items()):
            if (plain := _plain(value)) is not None:
                attributes[_EDGE_NAMES.get(name, name)] = plain
        if relation in {Relation.MAPS_FROM, Relation.MAPS_TO}:
            mapping = graph.graph.nodes[source]["model"]
            if isinstance(mapping, ThemeMapping):
                attributes["match"] = mapping.relation.value
                attributes["justification"] = mapping.justification
        yield PlainEdge(source, target, relation.value, attributes)


def _plain(value: object) -> Plain | None:
    """A field's value made plain: an enum its value, a list its items joined by spaces."""
    if isinstance(value, Enum):
        return str(value.value)
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, tuple):
        return " ".join(str(_plain(item)) for item in value)
    return str(value)


def _check(value: Plain, where: str) -> None:
    """Refuse a text that XML 1.0 cannot hold, naming ``where`` it comes from."""
    if isinstance(value, str) and (bad := not_xml(value)) is not None:
        raise NotWritableError(
            f"{where}: the character U+{ord(bad):04X} cannot stand in XML 1.0; "
            "expected text without control characters other than tab and newline"
        )
