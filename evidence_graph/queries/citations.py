"""Questions about citations: who cites a work, and what a work cites, and why."""

from __future__ import annotations

from evidence_graph.graph import EvidenceGraph, Relation
from evidence_graph.models import CitationIntent, Work
from evidence_graph.queries.finding import find_work
from evidence_graph.queries.results import Rows
from evidence_graph.queries.rows import CitationRow

__all__ = ["cited_works", "citing_works"]


def _citations(graph: EvidenceGraph, work: str, *, incoming: bool) -> Rows[CitationRow]:
    iri = find_work(graph, work)
    if incoming:
        edges = graph.graph.in_edges(iri, keys=True, data=True)
    else:
        edges = graph.graph.out_edges(iri, keys=True, data=True)
    rows: list[CitationRow] = []
    for citing, cited, key, data in edges:
        if key is not Relation.CITES:
            continue
        source, target = graph.get(citing, Work), graph.get(cited, Work)
        intents: tuple[CitationIntent, ...] = data["intents"]
        rows.extend(
            CitationRow(
                citing=citing,
                citing_title=source.title,
                citing_doi=source.doi,
                cited=cited,
                cited_title=target.title,
                cited_doi=target.doi,
                intent=intent,
            )
            for intent in intents
        )
    order = sorted(rows, key=lambda row: (row.citing if incoming else row.cited, row.intent.value))
    return Rows(CitationRow, order)


def citing_works(graph: EvidenceGraph, work: str) -> Rows[CitationRow]:
    """Return the works that cite ``work``, one row per citation intent.

    Args:
        graph: The evidence graph.
        work: The cited work's DOI (``10.…``, ``doi:10.…`` or ``https://doi.org/10.…``, any
            case), IRI or local id.

    Returns:
        Rows ordered by citing work IRI and intent.

    Raises:
        QueryError: If ``work`` names no work; the closest ids are suggested.

    Examples:
        >>> from evidence_graph import load_graph
        >>> rows = citing_works(load_graph("kverme2019"), "10.3389/fpsyg.2019.00430")
        >>> [(row.citing_title, row.intent.value) for row in rows]  # doctest: +NORMALIZE_WHITESPACE
        [('4 Keys to Recovering from Borderline Personality Disorder', 'discusses'),
         ('4 Keys to Recovering from Borderline Personality Disorder', 'includes-quotation-from')]
    """
    return _citations(graph, work, incoming=True)


def cited_works(graph: EvidenceGraph, work: str) -> Rows[CitationRow]:
    """Return the works that ``work`` cites, one row per citation intent.

    Args:
        graph: The evidence graph.
        work: The citing work's DOI (any form), IRI or local id.

    Returns:
        Rows ordered by cited work IRI and intent.

    Raises:
        QueryError: If ``work`` names no work; the closest ids are suggested.

    Examples:
        >>> from evidence_graph import load_graph
        >>> rows = cited_works(load_graph("kverme2019"), "psychology-today-4-keys")
        >>> sorted({row.cited_doi for row in rows})
        ['10.3389/fpsyg.2019.00430']
    """
    return _citations(graph, work, incoming=False)
