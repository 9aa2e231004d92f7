"""The ``evidence`` drawing: the chain behind one claim, top to bottom.

The claim heads it; below come the quotes offered for it (their words in full, supporting or
contrasting), the themes each is coded under, the study they belong to and the work that
reports the study, with its DOI as a link. A work offered as evidence hangs from the claim
directly. The rows are those of :func:`~evidence_graph.queries.evidence_for`.
"""

from __future__ import annotations

from evidence_graph.draw.canvas import Canvas, doi_url
from evidence_graph.draw.drawing import Drawing
from evidence_graph.draw.labels import PALETTE, TINTS, cell, numbered, table
from evidence_graph.graph import EvidenceGraph
from evidence_graph.models import Claim, NodeKind, Quote, QuoteRole, Study, Theme, Work
from evidence_graph.queries import EvidenceRow, evidence_for
from evidence_graph.queries.wording import work_label

__all__ = ["evidence"]

_QUOTE_WIDTH = 56


def evidence(graph: EvidenceGraph, claim: str) -> Drawing:
    """Draw the chain behind a claim: claim → quotes → themes → study → work.

    Args:
        graph: The evidence graph.
        claim: The claim's IRI or local id.

    Raises:
        QueryError: If ``claim`` names no claim.

    Examples:
        >>> from evidence_graph import load_graph
        >>> drawing = evidence(load_graph("kverme2019"), "finding-daring-to-belong")
        >>> "Group therapy probably helped me the most" in drawing.source
        True
    """
    rows = evidence_for(graph, claim)
    found = graph.get(rows[0].claim, Claim)
    canvas = Canvas("evidence", f"Evidence for the claim {found.id}")
    asserted = graph.get(found.asserted_by, Work)
    label = table(
        [
            [cell(f"{found.kind.value} {found.id}", width=_QUOTE_WIDTH, italic=True, size=9)],
            [cell(found.statement, width=_QUOTE_WIDTH, bold=True)],
            [cell(f"asserted by {work_label(graph, asserted)}", width=_QUOTE_WIDTH, size=9)],
        ]
    )
    canvas.node(rows[0].claim, label, kind="claim", fillcolor=TINTS["orange"])
    if rows[0].evidence is None:
        why = "its evidence is not transcribed here" if found.evidence_not_transcribed else ""
        note = why or "no evidence is given for it"
        canvas.node(f"{rows[0].claim}#none", table([[cell(note, italic=True)]]), kind="none")
        canvas.edge(rows[0].claim, f"{rows[0].claim}#none", style="dotted", arrowhead="none")
        return canvas.drawing()
    for row in rows:
        _link(canvas, graph, row)
    return canvas.drawing()


def _link(canvas: Canvas, graph: EvidenceGraph, row: EvidenceRow) -> None:
    """Draw one row of the chain: the evidence, and for a quote its theme, study and work."""
    assert row.evidence is not None  # noqa: S101 - a claim without evidence has one row
    if row.evidence_kind is NodeKind.WORK:
        _work(canvas, graph, row.evidence)
        if not canvas.joined(row.claim, row.evidence):
            canvas.edge(row.claim, row.evidence, _words("evidence"))
        return
    quote = graph.get(row.evidence, Quote)
    if not canvas.has(row.evidence):
        _quote(canvas, row.evidence, quote)
        contrasting = quote.role is QuoteRole.CONTRASTING
        canvas.edge(
            row.claim,
            row.evidence,
            _words(quote.role.value),
            style="dashed" if contrasting else "solid",
            color=PALETTE["vermillion"] if contrasting else PALETTE["blue"],
            penwidth="1.5",
        )
    assert row.theme is not None  # noqa: S101 - a quote's row has its theme
    assert row.study is not None  # noqa: S101 - and its study
    if not canvas.has(row.theme):
        theme = graph.get(row.theme, Theme)
        canvas.node(
            row.theme,
            table(
                [
                    [cell("theme", italic=True, size=9)],
                    [cell(numbered(theme.number, theme.label), bold=True)],
                ]
            ),
            kind="theme",
            fillcolor=TINTS["sky"],
        )
    canvas.edge(row.evidence, row.theme, _words("coded under"))
    if not canvas.has(row.study):
        _study(canvas, graph, graph.get(row.study, Study))
        canvas.edge(row.theme, row.study, _words("theme of"))
    elif not canvas.joined(row.theme, row.study):
        canvas.edge(row.theme, row.study, _words("theme of"))
    reported = {graph.iri(ref) for ref in graph.get(row.study, Study).reported_in}
    if row.work is not None and row.work not in reported:
        _work(canvas, graph, row.work)
        if not canvas.joined(row.evidence, row.work):
            canvas.edge(row.evidence, row.work, _words("quoted in"), style="dotted")


def _quote(canvas: Canvas, iri: str, quote: Quote) -> None:
    said = f"{quote.role.value} quote" + (f", {quote.speaker}" if quote.speaker else "")
    canvas.node(
        iri,
        table([[cell(said, italic=True, size=9)], [cell(f"“{quote.text}”", width=_QUOTE_WIDTH)]]),
        kind="quote",
    )


def _study(canvas: Canvas, graph: EvidenceGraph, study: Study) -> None:
    iri = graph.iri(study)
    canvas.node(
        iri,
        table([[cell("study", italic=True, size=9)], [cell(study.label or study.id, bold=True)]]),
        kind="study",
        fillcolor=TINTS["blue"],
    )
    for ref in study.reported_in:
        work = graph.iri(ref)
        _work(canvas, graph, work)
        canvas.edge(iri, work, _words("reported in"))


def _work(canvas: Canvas, graph: EvidenceGraph, iri: str) -> None:
    if canvas.has(iri):
        return
    work = graph.get(iri, Work)
    canvas.node(
        iri,
        table(
            [
                [cell(f"work {work.id}", width=44, italic=True, size=9)],
                [cell(work_label(graph, work), width=44)],
            ]
        ),
        kind="work",
        url=doi_url(work.doi),
        fillcolor=TINTS["grey"],
    )


def _words(text: str) -> str:
    return table([[cell(text, size=9)]], padding=1)
