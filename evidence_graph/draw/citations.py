"""The ``citations`` drawing: the works of the corpus and who cites whom, and why.

Each arrow runs from the citing work to the cited one and says its CiTO intents in words
(``discusses, includes quotation from``). A work's box grows with how many works of the
corpus cite it (its in-degree), which it also says (``cited by 3``). Works that neither cite
nor are cited by another work of the corpus are left out, and the title says how many.
"""

from __future__ import annotations

from collections import defaultdict

from evidence_graph.draw.canvas import Canvas, doi_url
from evidence_graph.draw.drawing import Drawing
from evidence_graph.draw.labels import TINTS, cell, table
from evidence_graph.graph import EvidenceGraph
from evidence_graph.models import CitationIntent, Relation, Work
from evidence_graph.queries.wording import work_label

__all__ = ["citations"]

_LARGEST = 10
"""The in-degree from which a box no longer grows."""


def citations(graph: EvidenceGraph) -> Drawing:
    """Draw the citation network: works cited by works, with CiTO intents, sized by in-degree.

    Examples:
        >>> from evidence_graph import load_graph
        >>> drawing = citations(load_graph("kverme2019"))
        >>> drawing.title
        'Citations among 2 of the 3 works (1 neither cite nor are cited by another, not drawn)'
        >>> "cited by 1" in drawing.source
        True
    """
    intents: dict[tuple[str, str], set[CitationIntent]] = defaultdict(set)
    for citing, cited, key, data in graph.graph.edges(keys=True, data=True):
        if key is Relation.CITES:
            intents[citing, cited].update(data.get("intents", ()))
    cited_by: dict[str, set[str]] = defaultdict(set)
    for citing, cited in intents:
        if citing != cited:
            cited_by[cited].add(citing)
    drawn = sorted({iri for pair in intents for iri in pair})
    works = sum(1 for _ in graph.works())
    left = works - len(drawn)
    title = f"Citations among {len(drawn)} of the {works} works"
    if left:
        title += f" ({left} neither cite nor are cited by another, not drawn)"
    canvas = Canvas("citations", title, rankdir="BT")
    for iri in drawn:
        _work(canvas, graph, iri, len(cited_by[iri]))
    for (citing, cited), why in sorted(intents.items()):
        words = ", ".join(sorted(intent.value.replace("-", " ") for intent in why)) or "cites"
        label = table([[cell(words, width=24, size=9)]], padding=1)
        canvas.edge(citing, cited, label, decorate="true")
    return canvas.drawing()


def _work(canvas: Canvas, graph: EvidenceGraph, iri: str, degree: int) -> None:
    """Draw a work's box, its text and border larger the more works cite it."""
    work = graph.get(iri, Work)
    grown = min(degree, _LARGEST)
    said = f"cited by {degree}" if degree else "cited by none here"
    label = table(
        [
            [cell(f"work {work.id}", italic=True, size=9)],
            [cell(work_label(graph, work), width=30 + 2 * grown, size=10 + grown)],
            [cell(said, bold=bool(degree), size=9)],
        ]
    )
    canvas.node(
        iri,
        label,
        kind="work",
        url=doi_url(work.doi),
        fillcolor=TINTS["blue"] if degree else "white",
        penwidth=f"{1 + grown * 0.4:g}",
    )
