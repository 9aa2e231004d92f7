"""Questions about claims: what stands behind a claim, and which claims stand on nothing."""

from __future__ import annotations

from typing import Any

from evidence_graph.graph import EvidenceGraph
from evidence_graph.models import Claim, ClaimKind, NodeKind, Quote, Theme, Work
from evidence_graph.queries.finding import find_claim
from evidence_graph.queries.results import Rows
from evidence_graph.queries.rows import EvidenceRow, UnsupportedReason, UnsupportedRow

__all__ = ["evidence_for", "unsupported_claims"]


def evidence_for(graph: EvidenceGraph, claim: str) -> Rows[EvidenceRow]:
    """Return the chain behind a claim: claim → quote → theme → study → work, or claim → work.

    Args:
        graph: The evidence graph.
        claim: The claim's IRI or local id.

    Returns:
        One row per quote and theme it is coded under, and per work, ordered by evidence and
        theme IRI; a claim without evidence gets one row with empty evidence.

    Raises:
        QueryError: If ``claim`` names no claim; the closest ids are suggested.

    Examples:
        >>> from evidence_graph import load_graph
        >>> [row] = evidence_for(load_graph("kverme2019"), "finding-daring-to-belong")
        >>> row.theme_label, row.doi
        ('Daring to Belong', '10.3389/fpsyg.2019.00430')
    """
    iri = find_claim(graph, claim)
    found = graph.get(iri, Claim)
    head: dict[str, Any] = {
        "claim": iri,
        "claim_id": found.id,
        "statement": found.statement,
        "asserted_by": graph.iri(found.asserted_by),
    }
    rows: list[EvidenceRow] = []
    for evidence in graph.evidence(iri):
        if isinstance(evidence, Quote):
            work = graph.get(evidence.appears_in, Work)
            for theme_id in evidence.themes:
                theme = graph.get(theme_id, Theme)
                rows.append(
                    EvidenceRow(
                        **head,
                        evidence=graph.iri(evidence),
                        evidence_kind=NodeKind.QUOTE,
                        text=evidence.text,
                        role=evidence.role,
                        theme=graph.iri(theme),
                        theme_label=theme.label,
                        study=graph.iri(evidence.study),
                        work=graph.iri(work),
                        doi=work.doi,
                    )
                )
        else:
            rows.append(
                EvidenceRow(
                    **head,
                    evidence=graph.iri(evidence),
                    evidence_kind=NodeKind.WORK,
                    text=evidence.title,
                    work=graph.iri(evidence),
                    doi=evidence.doi,
                )
            )
    if not rows:
        return Rows(EvidenceRow, [EvidenceRow(**head)])
    return Rows(EvidenceRow, sorted(rows, key=lambda row: (row.evidence or "", row.theme or "")))


def unsupported_claims(graph: EvidenceGraph) -> Rows[UnsupportedRow]:
    """Return the claims without evidence here, with why and with their candidate sources.

    A claim is listed when it has no evidence in the graph. Its ``reason`` is
    ``not-transcribed`` when the claim says its work gives evidence that is not transcribed
    here (``evidence_not_transcribed``), else ``no-evidence-offered``. A claim with some of its
    evidence transcribed is not listed, whether or not more is left out.

    Returns:
        One row per claim and candidate source (one row with an empty candidate for a claim
        with none), ordered by claim and candidate IRI.

    Examples:
        >>> from evidence_graph import load_graph
        >>> rows = unsupported_claims(load_graph("kverme2019"))
        >>> [(row.claim_id, row.reason.value, row.candidate_doi) for row in rows if row.candidate]
        [('bpd-prevalence-1-6-percent', 'no-evidence-offered', '10.1016/j.biopsych.2006.09.019')]
    """
    rows: list[UnsupportedRow] = []
    for iri, claim in graph.sorted_nodes(NodeKind.CLAIM):
        assert isinstance(claim, Claim)  # noqa: S101 - the nodes of claims are claims
        if claim.evidence:
            continue
        head = (
            iri,
            claim.id,
            claim.statement,
            claim.kind,
            graph.iri(claim.asserted_by),
            UnsupportedReason.NOT_TRANSCRIBED
            if claim.evidence_not_transcribed
            else UnsupportedReason.NO_EVIDENCE_OFFERED,
        )
        candidates = sorted(
            ((graph.iri(ref), graph.get(ref, Work)) for ref in claim.candidate_sources),
            key=lambda candidate: candidate[0],
        )
        rows.extend(
            UnsupportedRow.known(
                _unsupported(head, candidate, work.title, work.doi)
                for candidate, work in candidates
            )
            if candidates
            else UnsupportedRow.known([_unsupported(head, None, None, None)])
        )
    return Rows(UnsupportedRow, rows)


def _unsupported(
    head: tuple[str, str, str, ClaimKind, str, UnsupportedReason],
    candidate: str | None,
    title: str | None,
    doi: str | None,
) -> dict[str, Any]:
    """The fields of an unsupported claim's row, in order, with one candidate or none."""
    claim, claim_id, statement, kind, asserted_by, reason = head
    return {
        "claim": claim,
        "claim_id": claim_id,
        "statement": statement,
        "kind": kind,
        "asserted_by": asserted_by,
        "reason": reason,
        "candidate": candidate,
        "candidate_title": title,
        "candidate_doi": doi,
    }
