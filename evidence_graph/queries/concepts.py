"""Everything about a concept, asked by the concept or by any of its matches."""

from __future__ import annotations

from evidence_graph.graph import EvidenceGraph, Relation
from evidence_graph.models import Concept, NodeKind
from evidence_graph.queries.finding import find_concepts
from evidence_graph.queries.network import label_of
from evidence_graph.queries.results import Rows
from evidence_graph.queries.rows import AboutRow

__all__ = ["about_concept", "about_edges"]


def about_concept(graph: EvidenceGraph, concept: str) -> Rows[AboutRow]:
    """Return every work, study, criterion and claim about a concept.

    Args:
        graph: The evidence graph.
        concept: The concept's IRI, local id or notation, or one of its matches' IRI or code
            (``scheme:code``; ``mesh:``, ``wikidata:``, ``mondo:``, ``doid:`` and ``hp:`` codes
            expand to IRIs). Asking for Wikidata Q208166 finds what is tagged MeSH D001883.

    Returns:
        Rows ordered by concept, ``via``, kind and IRI of the item; a concept named in two ways
        (say by an exact and a broad match sharing a code) is listed under each.

    Raises:
        QueryError: If ``concept`` names no concept; the closest ids and codes are suggested.

    Examples:
        >>> from evidence_graph import load_graph
        >>> rows = about_concept(load_graph("kverme2019"), "http://www.wikidata.org/entity/Q208166")
        >>> sorted({(row.via, row.item_kind.value) for row in rows})
        [('exact', 'claim'), ('exact', 'criterion'), ('exact', 'study'), ('exact', 'work')]
    """
    rows: list[AboutRow] = []
    for concept_iri, via in find_concepts(graph, concept):
        concept_label = graph.get(concept_iri, Concept).label
        rows.extend(
            AboutRow.known(
                {
                    "concept": concept_iri,
                    "concept_label": concept_label,
                    "via": via,
                    "item": item_iri,
                    "item_id": item_id,
                    "item_kind": item_kind,
                    "label": label,
                }
                for item_iri, item_id, item_kind, label in about_edges(graph, concept_iri)
            )
        )
    return Rows(AboutRow, rows)


def about_edges(
    graph: EvidenceGraph, concept_iri: str
) -> tuple[tuple[str, str, NodeKind, str | None], ...]:
    """Return the IRI, id, kind and label of every work, study, criterion and claim about a concept.

    They come by kind, then by IRI: the order of the answer's rows for one concept and match.
    """
    return graph.memo("about", lambda: _about_index(graph)).get(concept_iri, ())


def _about_index(
    graph: EvidenceGraph,
) -> dict[str, tuple[tuple[str, str, NodeKind, str | None], ...]]:
    """What is about each concept, by kind and IRI: built once for the graph."""
    index = {}
    for concept_iri, _ in graph.nodes(NodeKind.CONCEPT):
        items = [
            (graph.iri(item), item.id, item.node_kind, label_of(item))
            for item in graph.linked(concept_iri, Relation.ABOUT, forward=False)
        ]
        if items:
            items.sort(key=lambda item: (item[2].value, item[0]))
            index[concept_iri] = tuple(items)
    return index
