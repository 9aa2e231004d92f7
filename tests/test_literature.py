"""The built-in dataset bpd-literature and the Katsakou example study: faithful and linked."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from evidence_graph import (
    Claim,
    Concept,
    EvidenceGraph,
    Person,
    Scheme,
    ThemeMapping,
    Work,
    load,
)
from evidence_graph.datasets import DATASETS, dataset_path, dataset_paths

SOURCES_README = Path(__file__).resolve().parents[2] / "shared" / "sources" / "README.md"


@pytest.fixture(scope="module")
def sources_readme() -> str:
    if not SOURCES_README.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{SOURCES_README} is missing; CI must have shared/")
        pytest.skip(f"the sources are not beside this checkout ({SOURCES_README} is missing)")
    return SOURCES_README.read_text(encoding="utf-8")


def test_the_dataset_is_loaded_with_the_study_it_refers_to() -> None:
    assert [path.name for path in dataset_paths("bpd-literature")] == [
        "kverme2019.yaml",
        "bpd-literature.yaml",
    ]
    assert load("bpd-literature") == load("kverme2019", dataset_path("bpd-literature"))


def test_every_doi_is_one_the_sources_verified(
    literature: EvidenceGraph, sources_readme: str
) -> None:
    verified = {doi.lower() for doi in re.findall(r"\| (10\.\S+) \|", sources_readme)}
    verified.add("10.3389/fpsyg.2019.00430")  # the paper's own record
    dois = {work.doi for work in literature.works() if work.doi}
    assert dois <= verified
    assert len(dois) == 13  # the paper and the twelve related works


def test_the_paper_cites_three_works_as_evidence_of_the_prevalence(
    literature: EvidenceGraph,
) -> None:
    paper = literature.get("kverme2019-paper", Work)
    cited = {(c.work, tuple(i.value for i in c.intents)) for c in paper.cites}
    assert cited == {
        (work, ("cites-as-evidence",)) for work in ("swartz1990", "torgersen2001", "lieb2004")
    }
    claim = literature.get("bpd-prevalence-1-to-2-percent", Claim)
    assert claim.asserted_by == "kverme2019-paper"
    assert set(claim.evidence) == {"swartz1990", "torgersen2001", "lieb2004"}


def test_the_magazine_claim_keeps_lenzenweger_as_a_candidate_only(
    literature: EvidenceGraph,
) -> None:
    claim = literature.get("bpd-prevalence-1-6-percent", Claim)
    assert claim.evidence == ()
    assert claim.candidate_sources == ("lenzenweger2007",)
    lenzenweger = literature.get("lenzenweger2007", Work)
    assert lenzenweger.doi == "10.1016/j.biopsych.2006.09.019"


def test_lenzenweger_2007_has_the_publishers_title(
    literature: EvidenceGraph,
) -> None:
    work = literature.get("lenzenweger2007", Work)
    assert work.title == (
        "DSM-IV Personality Disorders in the National Comorbidity Survey Replication"
    )
    assert (work.pmid, work.pmcid) == ("17217923", "PMC2044500")
    authors = [literature.get(author, Person).family_name for author in work.authors]
    assert authors == ["Lenzenweger", "Lane", "Loranger", "Kessler"]
    assert len([p for p in literature.people() if p.family_name == "Lenzenweger"]) == 1


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_every_built_in_work_with_a_doi_has_a_title(name: str) -> None:
    untitled = [work.id for work in load(name).works if work.doi and not work.title]
    assert untitled == []


def test_lenzenweger_2007_has_its_full_authors_beside_the_literature() -> None:
    corpus = load("bpd-literature")
    work = corpus.get("lenzenweger2007")
    names = [corpus.get(author).name for author in work.authors]  # type: ignore[attr-defined]
    assert names == [
        "Mark F. Lenzenweger",
        "Michael C. Lane",
        "Armand W. Loranger",
        "Ronald C. Kessler",
    ]


def test_chime_is_a_scheme_of_five_processes_set_out_by_leamy(
    literature: EvidenceGraph, sources_readme: str
) -> None:
    chime = literature.get("chime", Scheme)
    assert chime.defined_in == "leamy2011"
    assert literature.get("leamy2011", Work).doi == "10.1192/bjp.bp.110.083733"
    labels = [concept.label for concept in literature.concepts("chime")]
    assert labels == [
        "Connectedness",
        "Hope and optimism about the future",
        "Identity",
        "Meaning in life",
        "Empowerment",
    ]
    assert "; ".join(labels) in sources_readme  # as the sources name them
    assert all(concept.iri is None for concept in literature.concepts("chime"))


def test_every_kverme_theme_is_mapped_to_chime_with_a_reason(literature: EvidenceGraph) -> None:
    kverme = {theme.id for theme in literature.themes("kverme2019")}
    mapped: set[str] = set()
    for mapping in literature.mappings():
        assert isinstance(mapping, ThemeMapping)
        assert len(mapping.justification.split()) >= 10
        if mapping.subject in kverme:
            assert isinstance(literature.get(mapping.object), Concept)
            mapped.add(mapping.subject)
    assert mapped == kverme


def test_the_katsakou_study_states_only_its_abstract(literature: EvidenceGraph) -> None:
    study = literature.get("katsakou2012")
    assert study.model_dump(exclude_defaults=True) == {
        "id": "katsakou2012",
        "label": "What service users with BPD view as recovery",
        "design": "qualitative",
        "reported_in": ("katsakou2012-paper",),
        "data_collection": ("in-depth semi-structured interviews",),
        "analysis": "drew on grounded theory and thematic analysis",
        "country": "United Kingdom",
        "conditions": ("bpd",),
    }
    assert not any(quote.study == "katsakou2012" for quote in literature.quotes())
    assert [theme.label for theme in literature.themes("katsakou2012")] == [
        "developing self-acceptance and self-confidence",
        "gaining control over emotions",
        "improving relationships",
        "employment",
        "making progress in symptoms like suicidality and self-harming",
    ]


def test_people_known_by_et_al_are_left_out(literature: EvidenceGraph) -> None:
    for work_id in ("grant2008", "lariviere2015", "torgersen2001"):
        assert literature.get(work_id, Work).authors == ()
