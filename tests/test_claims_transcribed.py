"""Claims whose work gives evidence not transcribed here: read, written, asked about."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from helpers import Cli, WriteStudy
from rdflib import Literal, URIRef

from evidence_graph import EvidenceGraph, StudyFileError, from_rdf, load, to_rdf, validate
from evidence_graph.namespace import EG
from evidence_graph.queries import UnsupportedReason, ask, unsupported_claims

DATA = "https://w3id.org/evidence-graph/data/"

CLAIMS = """\
works:
  - id: paper
    type: journal-article
    title: Recovery in borderline personality disorder
  - id: review
    type: journal-article
    title: A review of prevalence
claims:
  # The paper reports this from its interviews; the quotes are not copied here.
  - id: hope-as-turning-point
    statement: Most participants described hope as a turning point.
    asserted_by: paper
    kind: finding
    evidence_not_transcribed: true
  - id: bpd-is-common
    statement: BPD is common in the community.
    asserted_by: paper
    kind: background
    candidate_sources: [review]
  # Some of the evidence is here, more is in the paper.
  - id: partly-transcribed
    statement: Participants valued being listened to.
    asserted_by: paper
    kind: finding
    evidence: [review]
    evidence_not_transcribed: true
"""


@pytest.fixture
def claims_file(write_study: WriteStudy) -> Path:
    return write_study(CLAIMS)


def test_a_claim_may_say_its_evidence_is_not_transcribed(claims_file: Path) -> None:
    corpus = load(claims_file)
    flags = {claim.id: claim.evidence_not_transcribed for claim in corpus.claims}
    assert flags == {
        "hope-as-turning-point": True,
        "bpd-is-common": False,
        "partly-transcribed": True,
    }


def test_unsupported_claims_tell_no_evidence_from_not_transcribed(claims_file: Path) -> None:
    graph = EvidenceGraph.from_corpus(load(claims_file))
    rows = unsupported_claims(graph)
    assert [(row.claim_id, row.reason, row.candidate_title) for row in rows] == [
        ("bpd-is-common", UnsupportedReason.NO_EVIDENCE_OFFERED, "A review of prevalence"),
        ("hope-as-turning-point", UnsupportedReason.NOT_TRANSCRIBED, None),
    ]  # a claim with some of its evidence here is not listed


def test_both_engines_give_the_same_reasons(claims_file: Path) -> None:
    graph = EvidenceGraph.from_corpus(load(claims_file))
    store = ox.Store()
    python = ask(graph, "unsupported-claims")
    assert ask(graph, "unsupported-claims", engine="sparql", store=store) == python
    assert [row.model_dump()["reason"] for row in python] == [
        "no-evidence-offered",
        "not-transcribed",
    ]


def test_the_cli_shows_the_reason(claims_file: Path, cli: Cli) -> None:
    for extra in ((), ("--sparql",)):
        done = cli("query", "unsupported-claims", str(claims_file), "-f", "csv", *extra)
        assert done.returncode == 0
        lines = done.stdout.splitlines()
        assert lines[0].split(",")[5] == "reason"
        assert [line.split(",")[5] for line in lines[1:]] == [
            "no-evidence-offered",
            "not-transcribed",
        ]


def test_the_flag_is_written_only_when_true_and_reads_back(claims_file: Path) -> None:
    corpus = load(claims_file)
    rdf = to_rdf(corpus)
    flagged = {
        str(subject) for subject, _, _ in rdf.triples((None, EG.evidenceNotTranscribed, None))
    }
    assert flagged == {f"{DATA}claim/hope-as-turning-point", f"{DATA}claim/partly-transcribed"}
    literal = rdf.value(URIRef(f"{DATA}claim/hope-as-turning-point"), EG.evidenceNotTranscribed)
    assert literal == Literal(True)
    assert from_rdf(rdf).to_corpus() == corpus
    report = validate(rdf)
    assert report.results == ()


def test_the_shape_refuses_a_flag_that_is_not_a_boolean(claims_file: Path) -> None:
    rdf = to_rdf(load(claims_file))
    claim = URIRef(f"{DATA}claim/hope-as-turning-point")
    rdf.set((claim, EG.evidenceNotTranscribed, Literal("yes")))
    messages = [result.message for result in validate(rdf).results]
    assert messages == [
        (
            "a claim has at most one eg:evidenceNotTranscribed, an xsd:boolean: true when its "
            "work gives evidence not transcribed here"
        )
    ]


def test_a_flag_that_is_not_true_or_false_is_refused(write_study: WriteStudy) -> None:
    path = write_study(
        CLAIMS.replace("evidence_not_transcribed: true", "evidence_not_transcribed: perhaps", 1)
    )
    with pytest.raises(StudyFileError) as info:
        load(path)
    assert str(info.value) == (
        f"{path}: line 14: claims[0].evidence_not_transcribed: "
        "expected a valid boolean (got 'perhaps')"
    )


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_a_record_that_leaves_the_flag_unsaid_joins_one_that_gives_it(
    write_study: WriteStudy, order: tuple[int, int]
) -> None:
    claim = "{id: c, statement: S, asserted_by: paper, kind: finding%s}"
    records = [
        write_study(
            "works:\n  - {id: paper, type: journal-article, doi: 10.1234/abc}\n"
            f"claims:\n  - {claim % extra}\n",
            f"{name}.yaml",
        )
        for name, extra in (("plain", ""), ("flagged", ", evidence_not_transcribed: true"))
    ]
    [merged] = load(*(records[index] for index in order)).claims
    assert merged.evidence_not_transcribed is True
