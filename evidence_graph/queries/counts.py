"""How much the graph holds: entities counted by kind, a subgroup never counted twice."""

from __future__ import annotations

from evidence_graph.graph import EvidenceGraph
from evidence_graph.models import NodeKind
from evidence_graph.queries.results import Rows
from evidence_graph.queries.rows import CountRow

__all__ = ["stats"]


def stats(graph: EvidenceGraph) -> Rows[CountRow]:
    """Return how many entities of each kind the graph holds, every kind listed, in kind order.

    A sample that is part of another (a subgroup) is counted in its whole, not again.

    Examples:
        >>> from evidence_graph import load_graph
        >>> [(row.kind.value, row.count) for row in stats(load_graph("kverme2019"))][:3]
        [('work', 3), ('person', 8), ('study', 1)]
    """
    counts = dict(graph.kinds())
    counts[NodeKind.SAMPLE] = sum(1 for _ in graph.whole_samples())
    return Rows(CountRow, (CountRow(kind=kind, count=counts[kind]) for kind in NodeKind))
