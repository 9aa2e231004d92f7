"""Questions about the citation network and the paths through the graph, answered by networkx.

These run on :attr:`EvidenceGraph.graph` only (the shapes of their answers have no twin in the
SPARQL catalogue): which works are cited most, which are cited together, and how two nodes —
a quote and a concept, two works — are joined.
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import networkx as nx
from pydantic import Field

from evidence_graph.graph import EvidenceGraph, Relation
from evidence_graph.models import Entity, NodeKind, Work, label_of
from evidence_graph.queries.references import parse_reference
from evidence_graph.queries.results import Rows
from evidence_graph.queries.rows import Row

__all__ = [
    "CitedRow",
    "CoCitationRow",
    "PathStep",
    "co_citations",
    "label_of",
    "most_cited",
    "path_between",
]


class CitedRow(Row):
    """A work of the corpus and how many works of the corpus cite it."""

    work: str = Field(description="The work's IRI.")
    work_id: str = Field(description="The work's local id.")
    title: str | None = Field(default=None, description="Its title, where known.")
    doi: str | None = Field(default=None, description="Its DOI, if it has one.")
    citations: int = Field(description="How many different works of the corpus cite it.")


class CoCitationRow(Row):
    """Two works cited together: both in the reference lists of the same works."""

    first: str = Field(description="The IRI of one work (the smaller IRI of the two).")
    second: str = Field(description="The IRI of the other work.")
    count: int = Field(description="How many works cite both.")
    citing: tuple[str, ...] = Field(description="The IRIs of the works that cite both, sorted.")


class PathStep(Row):
    """A node on a path through the graph, and the edge that leads to the next one."""

    node: str = Field(description="The node's IRI.")
    node_id: str = Field(description="Its local id.")
    kind: NodeKind = Field(description="Its kind.")
    label: str | None = Field(
        default=None, description="Its title, label, name, text or statement, where it has one."
    )
    relation: Relation | None = Field(
        default=None, description="The relation of the edge to the next node; empty at the end."
    )
    forward: bool | None = Field(
        default=None,
        description="Whether that edge runs from this node to the next (else it runs back).",
    )


def most_cited(graph: EvidenceGraph, top: int | None = None) -> Rows[CitedRow]:
    """Return the works of the corpus cited by other works of the corpus, most cited first.

    Args:
        graph: The evidence graph.
        top: How many to return at most; all when left out.

    Returns:
        One row per cited work, by the number of different works that cite it (most first),
        then by IRI.

    Examples:
        >>> from evidence_graph import load_graph
        >>> [(row.doi, row.citations) for row in most_cited(load_graph("kverme2019"))]
        [('10.3389/fpsyg.2019.00430', 1)]
    """
    counts: Counter[str] = Counter()
    for citing, cited, key in set(graph.graph.edges(keys=True)):
        if key is Relation.CITES and citing != cited:
            counts[cited] += 1
    rows = []
    for iri, citations in counts.items():
        work = graph.get(iri, Work)
        rows.append(
            CitedRow(work=iri, work_id=work.id, title=work.title, doi=work.doi, citations=citations)
        )
    rows.sort(key=lambda row: (-row.citations, row.work))
    return Rows(CitedRow, rows if top is None else rows[:top])


def co_citations(graph: EvidenceGraph, min_count: int = 1) -> Rows[CoCitationRow]:
    """Return the pairs of works that works of the corpus cite together.

    Two works are co-cited by a work that cites both; the more works cite a pair, the more
    closely readers of the literature have taken them together.

    Args:
        graph: The evidence graph.
        min_count: Keep only pairs cited together by at least this many works.

    Returns:
        One row per pair, by count (most first), then by the pair's IRIs.

    Examples:
        >>> from evidence_graph import load_graph
        >>> co_citations(load_graph("kverme2019"))  # the magazine cites only the paper
        []
    """
    together: dict[tuple[str, str], set[str]] = {}
    for citing, _ in graph.nodes(NodeKind.WORK):
        cited = sorted(
            {
                target
                for _, target, key in graph.graph.out_edges(citing, keys=True)
                if key is Relation.CITES and target != citing
            }
        )
        for pair in combinations(cited, 2):
            together.setdefault(pair, set()).add(citing)
    rows = [
        CoCitationRow(first=first, second=second, count=len(citing), citing=tuple(sorted(citing)))
        for (first, second), citing in together.items()
        if len(citing) >= min_count
    ]
    return Rows(CoCitationRow, sorted(rows, key=lambda row: (-row.count, row.first, row.second)))


def path_between(graph: EvidenceGraph, source: str, target: str) -> Rows[PathStep]:
    """Return a shortest path between two nodes, whichever way its edges run.

    Args:
        graph: The evidence graph.
        source: Where the path starts: an IRI, a local id, or a work's DOI in any form.
        target: Where it ends, named alike.

    Returns:
        The nodes from ``source`` to ``target``, each with the relation of the edge to the next
        (the smallest relation's name where two nodes are joined by several); empty when no
        path joins them.

    Raises:
        NodeNotFoundError: If ``source`` or ``target`` names no node.
        QueryError: If one looks like an IRI or a DOI but is not one.

    Examples:
        >>> from evidence_graph import load_graph
        >>> path = path_between(load_graph("kverme2019"), "little-steps", "bpd")
        >>> [(step.node_id, step.relation and step.relation.value) for step in path]
        [('little-steps', 'appears-in'), ('kverme2019-paper', 'about'), ('bpd', None)]
    """
    nodes = _shortest(graph.graph, _node(graph, source), _node(graph, target))
    steps = Rows(PathStep)
    for index, node in enumerate(nodes):
        entity: Entity = graph.graph.nodes[node]["model"]
        relation, forward = None, None
        if index + 1 < len(nodes):
            relation, forward = _edge(graph, node, nodes[index + 1])
        steps.append(
            PathStep(
                node=node,
                node_id=entity.id,
                kind=entity.node_kind,
                label=label_of(entity),
                relation=relation,
                forward=forward,
            )
        )
    return steps


def _shortest(graph: nx.MultiDiGraph, start: str, end: str) -> list[str]:
    """Return a shortest path, edges taken either way, the same one every run.

    A breadth-first search that visits neighbours in IRI order (networkx's undirected view
    visits them in an order that changes with the hash seed).
    """
    previous: dict[str, str | None] = {start: None}
    frontier = [start]
    while frontier and end not in previous:
        reached = []
        for node in frontier:
            for neighbour in sorted({*graph.successors(node), *graph.predecessors(node)}):
                if neighbour not in previous:
                    previous[neighbour] = node
                    reached.append(neighbour)
        frontier = reached
    if end not in previous:
        return []
    path = [end]
    while (before := previous[path[-1]]) is not None:
        path.append(before)
    return path[::-1]


def _node(graph: EvidenceGraph, key: str) -> str:
    """Return the IRI of the node ``key`` names: an IRI, a local id or a DOI."""
    if key not in graph:
        iri = parse_reference("node", key, doi=True).iri
        if iri is not None and iri in graph:
            return iri
    return graph.iri(key)


def _edge(graph: EvidenceGraph, here: str, there: str) -> tuple[Relation, bool]:
    """Return the relation joining two adjacent nodes, and whether it runs from ``here``."""
    edges = [(key.value, True, key) for key in graph.graph.get_edge_data(here, there, default={})]
    edges += [(key.value, False, key) for key in graph.graph.get_edge_data(there, here, default={})]
    _, forward, relation = min(edges, key=lambda edge: (edge[0], not edge[1]))
    return relation, forward
