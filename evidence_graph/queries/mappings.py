"""Themes of every study under a framework's concept (or another study's theme), by mappings."""

from __future__ import annotations

from evidence_graph.graph import EvidenceGraph
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
    wanted = None if target is None else find_target(graph, target)
    rows: list[MappedRow] = []
    for _, entity in graph.nodes(NodeKind.MAPPING):
        assert isinstance(entity, ThemeMapping)  # noqa: S101 - nodes(MAPPING) yields mappings
        to_iri = graph.iri(entity.object)
        if wanted is not None and to_iri != wanted:
            continue
        to = graph.get(to_iri)
        assert isinstance(to, Concept | Theme)  # noqa: S101 - the corpus checks mapping objects
        theme = graph.get(entity.subject, Theme)
        common = {
            "target": to_iri,
            "target_id": to.id,
            "target_label": to.label,
            "target_kind": to.node_kind,
            "mapping_id": entity.id,
            "relation": entity.relation,
            "justification": entity.justification,
            "study": graph.iri(theme.study),
            "study_id": theme.study,
            "theme": graph.iri(theme),
            "theme_id": theme.id,
            "theme_label": theme.label,
        }
        for under in (graph.get(iri, Theme) for iri in descendants(graph, graph.iri(theme))):
            place = {"under": graph.iri(under), "under_id": under.id, "under_label": under.label}
            quotes: list[Quote] = list(graph.quotes(under))
            if not quotes:
                rows.append(MappedRow.model_validate({**common, **place}))
            rows.extend(
                MappedRow.model_validate(
                    {
                        **common,
                        **place,
                        "quote": graph.iri(quote),
                        "quote_id": quote.id,
                        "text": quote.text,
                        "role": quote.role,
                    }
                )
                for quote in quotes
            )
    order = sorted(
        rows, key=lambda row: (row.target, row.study, row.theme, row.under, row.quote or "")
    )
    return Rows(MappedRow, order)
