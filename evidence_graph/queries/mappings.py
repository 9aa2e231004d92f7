"""Themes of every study under a framework's concept (or another study's theme), by mappings."""

from __future__ import annotations

from typing import Any

from evidence_graph.graph import EvidenceGraph, Relation
from evidence_graph.models import Concept, NodeKind, Quote, Theme, ThemeMapping
from evidence_graph.queries.finding import find_target
from evidence_graph.queries.results import Rows
from evidence_graph.queries.rows import MappedRow
from evidence_graph.queries.themes import descendants

__all__ = ["mapped_to"]


def mapped_to(graph: EvidenceGraph, target: str | None = None) -> Rows[MappedRow]:
    """Return the themes mapped to a concept or theme, across studies, with the quotes under them.

    A theme mapped to the target (by any SKOS relation) brings the themes below it and the
    quotes coded under any of them: one row per quote, and one row with no quote for a theme
    that has none. Mappings are followed one step: a theme mapped to a theme that is itself
    mapped to the target is not under the target.

    Args:
        graph: The evidence graph.
        target: The concept or theme: its IRI, local id, notation or label (compared folded).
            ``None`` answers for every concept and theme that something is mapped to.

    Returns:
        Rows ordered by target, study, mapped theme, theme below and quote (IRIs), a theme's
        row with no quote first.

    Raises:
        QueryError: If ``target`` names no concept or theme, or several.

    Examples:
        >>> from evidence_graph import load_graph
        >>> rows = mapped_to(load_graph("bpd-literature"), "Hope and optimism about the future")
        >>> [(row.relation.value, row.theme_id, row.quote_id) for row in rows]
        [('close', 'making-room-for-recovery', 'little-steps')]
    """
    if target is None:
        mappings = tuple(mapping for _, mapping in graph.nodes(NodeKind.MAPPING))
    else:
        mappings = graph.linked(find_target(graph, target), Relation.MAPS_TO, forward=False)
    rows: list[dict[str, Any]] = []
    for mapping in mappings:
        assert isinstance(mapping, ThemeMapping)  # noqa: S101 - mappings lead to their object
        to_iri = graph.iri(mapping.object)
        to = graph.get(to_iri)
        assert isinstance(to, Concept | Theme)  # noqa: S101 - the corpus checks mapping objects
        theme = graph.get(mapping.subject, Theme)
        common = {
            "target": to_iri,
            "target_id": to.id,
            "target_label": to.label,
            "target_kind": to.node_kind,
            "mapping_id": mapping.id,
            "relation": mapping.relation,
            "justification": mapping.justification,
            "study": graph.iri(theme.study),
            "study_id": theme.study,
            "theme": graph.iri(theme),
            "theme_id": theme.id,
            "theme_label": theme.label,
        }
        for under_iri in descendants(graph, graph.iri(theme)):
            under = graph.get(under_iri, Theme)
            place = {"under": under_iri, "under_id": under.id, "under_label": under.label}
            quotes: tuple[Quote, ...] = graph.linked(under_iri, Relation.SUPPORTS, forward=False)
            if not quotes:
                rows.append({**common, **place, **_NO_QUOTE})
            rows.extend(
                {
                    **common,
                    **place,
                    "quote": graph.iri(quote),
                    "quote_id": quote.id,
                    "text": quote.text,
                    "role": quote.role,
                }
                for quote in quotes
            )
    rows.sort(key=_order)
    return Rows(MappedRow, MappedRow.known(rows))


_NO_QUOTE: dict[str, Any] = dict.fromkeys(("quote", "quote_id", "text", "role"))
"""The quote's fields of a mapped theme's row that has no quote."""


def _order(row: dict[str, Any]) -> tuple[str, str, str, str, str]:
    """By target, study, mapped theme, theme below and quote (IRIs), no quote first."""
    return (row["target"], row["study"], row["theme"], row["under"], row["quote"] or "")
