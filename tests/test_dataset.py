"""The built-in dataset kverme2019: complete, and faithful to its sources."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from evidence_graph import (
    Claim,
    ConditionConstraint,
    Corpus,
    EqualsConstraint,
    EvidenceGraph,
    Quote,
    RangeConstraint,
    Theme,
    Work,
    load,
)

SOURCES = Path(__file__).resolve().parents[2] / "shared" / "sources"
MAGAZINE = SOURCES / "000_baff2b10c3812844.txt"
PAPER_DOI = "10.3389/fpsyg.2019.00430"
NBSP = "\u00a0"


@pytest.fixture(scope="module")
def magazine_text() -> str:
    if not MAGAZINE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"the magazine article is missing at {MAGAZINE}; CI must have shared/")
        pytest.skip(f"the sources are not beside this checkout ({MAGAZINE} is missing)")
    return MAGAZINE.read_text(encoding="utf-8")


def _work(corpus: Corpus, work_id: str) -> Work:
    work = corpus.get(work_id)
    assert isinstance(work, Work)
    return work


def test_the_paper_has_its_full_record(corpus: Corpus) -> None:
    paper = _work(corpus, "kverme2019-paper")
    assert paper.type.value == "journal-article"
    assert paper.title == (
        "Moving Toward Connectedness – A Qualitative Study of Recovery Processes for People "
        "With Borderline Personality Disorder"
    )
    assert paper.doi == PAPER_DOI
    assert (paper.pmid, paper.pmcid) == ("30873097", "PMC6403141")
    assert (paper.container_title, paper.issn) == ("Frontiers in Psychology", "1664-1078")
    assert paper.section == "Psychology for Clinical Settings"
    assert (paper.volume, paper.article_number) == ("10", "430")
    assert paper.received == dt.date(2018, 8, 29)
    assert paper.accepted == dt.date(2019, 2, 12)
    assert paper.issued == dt.date(2019, 2, 28)
    assert paper.rights == "Creative Commons Attribution (CC BY)"
    assert set(paper.keywords) == {
        "borderline personality disorder",
        "recovery",
        "treatment",
        "qualitative",
        "experiential",
    }
    assert paper.subjects == ("bpd",)


def test_the_paper_has_four_authors_in_order_with_affiliations(graph: EvidenceGraph) -> None:
    authors = graph.authors("kverme2019-paper")
    assert [person.name for person in authors] == [
        "Britt Kverme",
        "Eli Natvik",
        "Marius Veseth",
        "Christian Moltu",
    ]
    forde_hospital = "Department of Psychiatry, District General Hospital of Førde, Førde, Norway"
    forde_university = (
        "Department of Health and Caring Sciences, Western Norway University of Applied "
        "Sciences, Førde, Norway"
    )
    assert [person.affiliations for person in authors] == [
        (forde_hospital,),
        (forde_university,),
        ("Department of Clinical Psychology, University of Bergen, Bergen, Norway",),
        tuple(sorted((forde_hospital, forde_university))),
    ]
    assert all(person.orcid is None for person in authors)  # not found in the sources
    assert graph.get("kverme2019-paper", Work).corresponding_authors == ("christian-moltu",)


def test_the_magazine_article_discusses_and_quotes_the_paper(corpus: Corpus) -> None:
    magazine = _work(corpus, "psychology-today-4-keys")
    assert magazine.type.value == "magazine-article"
    assert magazine.title == "4 Keys to Recovering from Borderline Personality Disorder"
    assert magazine.publisher == "Psychology Today"
    assert magazine.authors == ()  # author not known
    assert magazine.issued is None
    assert magazine.year is None  # date not known
    assert magazine.url is None  # URL not known
    [citation] = magazine.cites
    assert citation.work == "kverme2019-paper"
    assert {intent.value for intent in citation.intents} == {
        "discusses",
        "includes-quotation-from",
    }


def test_the_study(corpus: Corpus) -> None:
    [study] = corpus.studies
    assert study.design.value == "qualitative"
    assert study.reported_in == ("kverme2019-paper",)
    assert study.data_collection == ("individual in-depth interviews",)
    assert study.analysis == "a stepwise reflective approach"
    assert study.lead_investigator == "britt-kverme"
    assert (study.institution, study.country) == ("District General Hospital of Førde", "Norway")
    assert study.conditions == ("bpd",)


def test_the_sample(corpus: Corpus) -> None:
    [sample] = corpus.samples
    assert (sample.study, sample.size, sample.sex) == ("kverme2019", 12, "female")
    assert (sample.age_min, sample.age_max) == (21, 36)
    assert sample.description == "recently diagnosed with BPD"


def test_the_criteria_have_typed_constraints(graph: EvidenceGraph) -> None:
    criteria = {criterion.id: criterion for criterion in graph.criteria("kverme2019")}
    assert list(criteria) == [
        "diagnosed-with-bpd",
        "diagnosed-6-to-18-months-before",
        "in-treatment",
        "no-psychosis",
    ]
    diagnosed = criteria["diagnosed-with-bpd"]
    assert diagnosed.kind.value == "inclusion"
    assert diagnosed.constraint == ConditionConstraint(
        condition="borderline-personality-disorder", concept="bpd"
    )
    months = criteria["diagnosed-6-to-18-months-before"]
    assert months.kind.value == "inclusion"
    assert months.constraint == RangeConstraint(attribute="months_since_diagnosis", min=6, max=18)
    assert [months.admits(value) for value in (5, 6, 18, 19)] == [False, True, True, False]
    treatment = criteria["in-treatment"]
    assert treatment.constraint == EqualsConstraint(attribute="in_treatment", value=True)
    assert (treatment.admits(True), treatment.admits(False)) == (True, False)
    psychosis = criteria["no-psychosis"]
    assert psychosis.kind.value == "exclusion"
    assert psychosis.constraint == ConditionConstraint(condition="psychosis")
    assert (psychosis.admits(True), psychosis.admits(False)) == (False, True)
    assert {criterion.stated_in for criterion in criteria.values()} == {"psychology-today-4-keys"}


def test_the_theme_hierarchy(graph: EvidenceGraph) -> None:
    [top] = graph.top_themes("kverme2019")
    assert top.label == "Moving Toward Connectedness"
    assert top.alt_labels == ("working toward connectedness",)
    assert set(top.facets) == {
        "feelings of belonging",
        "holding on to oneself",
        "being part of the world",
    }
    subthemes = graph.subthemes(top)
    assert [(theme.number, theme.label) for theme in subthemes] == [
        (1, "Learning to Hold One’s Own"),
        (2, "Needing Honesty and Genuine Mutuality"),
        (3, "Daring to Belong"),
        (4, "Making Room for Recovery"),
    ]
    for theme in [top, *subthemes]:
        assert theme.definition, f"{theme.id} has no description"
        assert len(theme.definition) < 200


def test_each_subtheme_has_its_verbatim_quote(graph: EvidenceGraph) -> None:
    expected = {
        "learning-to-hold-ones-own": ("I don’t believe in myself", "That means everything!"),
        "needing-honesty-and-genuine-mutuality": (
            "I have told my therapist",
            "not other people!",
        ),
        "daring-to-belong": ("Group therapy probably helped me the most", "helped the most."),
        "making-room-for-recovery": ("To be satisfied with the little steps", "okay too."),
    }
    for theme_id, (start, end) in expected.items():
        [quote] = graph.quotes(theme_id)
        assert quote.text.startswith(start)
        assert quote.text.endswith(end)
        assert quote.read_in == "psychology-today-4-keys"
        assert quote.appears_in == "kverme2019-paper"
        assert quote.role.value == (
            "contrasting" if theme_id == "needing-honesty-and-genuine-mutuality" else "supporting"
        )
    assert graph.get("she-believes", Quote).text.count(NBSP) == 3


def test_quotes_are_whole_and_verbatim_from_the_magazine(
    corpus: Corpus, magazine_text: str
) -> None:
    paragraphs = [line for line in magazine_text.splitlines() if line.startswith("“")]
    from_source = [line[1 : line.rindex("”")] for line in paragraphs]
    assert [quote.text for quote in corpus.quotes] == from_source
    assert not any(quote.text.endswith("+") for quote in corpus.quotes)


def test_stated_texts_are_verbatim_from_the_magazine(corpus: Corpus, magazine_text: str) -> None:
    verbatim = [
        *(criterion.text for criterion in corpus.criteria),
        *(claim.statement for claim in corpus.claims if claim.kind.value == "background"),
        *(theme.label for theme in corpus.themes),
        *(facet for theme in corpus.themes for facet in theme.facets),
        _work(corpus, "psychology-today-4-keys").title or "",
        "individual in-depth interviews",
        "District General Hospital of Førde",
    ]
    missing = [text for text in verbatim if text not in magazine_text]
    assert missing == []


def test_the_paper_record_matches_the_sources_readme() -> None:
    readme = SOURCES / "README.md"
    if not readme.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{readme} is missing; CI must have shared/")
        pytest.skip(f"the sources are not beside this checkout ({readme} is missing)")
    text = readme.read_text(encoding="utf-8")
    paper = _work(load("kverme2019"), "kverme2019-paper")
    for value in (paper.title, paper.doi, paper.pmid, paper.pmcid, paper.issn, paper.section):
        assert value
        assert value in text


def _claims(corpus: Corpus) -> dict[str, Claim]:
    return {claim.id: claim for claim in corpus.claims}


def test_each_finding_is_evidenced_by_its_quote(graph: EvidenceGraph) -> None:
    findings = [claim for claim in graph.claims() if claim.kind.value == "finding"]
    assert len(findings) == 4
    for claim in findings:
        [quote] = graph.evidence(claim)
        assert isinstance(quote, Quote)
        [theme_id] = quote.themes
        assert claim.id == f"finding-{theme_id}"
        assert claim.asserted_by == "kverme2019-paper"


def test_the_magazine_background_claims(corpus: Corpus) -> None:
    claims = _claims(corpus)
    prevalence = claims["bpd-prevalence-1-6-percent"]
    assert "1.6 percent of the general population" in prevalence.statement
    assert prevalence.asserted_by == "psychology-today-4-keys"
    assert prevalence.evidence == ()
    assert prevalence.candidate_sources == ("lenzenweger2007",)
    lenzenweger = _work(corpus, "lenzenweger2007")
    assert lenzenweger.doi == "10.1016/j.biopsych.2006.09.019"
    assert lenzenweger.title == (
        "DSM-IV Personality Disorders in the National Comorbidity Survey Replication"
    )  # the publisher's record
    characteristics = claims["bpd-characteristics"]
    assert "emotion regulation" in characteristics.statement
    assert "suicidal" in claims["bpd-suicidality"].statement
    for claim in (prevalence, characteristics, claims["bpd-suicidality"]):
        assert claim.kind.value == "background"
        assert claim.about == ("bpd",)
        assert claim.evidence == ()


def test_the_study_limitation(corpus: Corpus) -> None:
    limitation = _claims(corpus)["limitation-small-sample"]
    assert limitation.kind.value == "limitation"
    assert limitation.study == "kverme2019"
    assert "small" in limitation.statement


def test_bpd_is_the_mesh_concept_with_its_matches(corpus: Corpus) -> None:
    [bpd] = corpus.concepts
    assert bpd.iri == "http://id.nlm.nih.gov/mesh/D001883"
    matches = {(match.relation.value, match.scheme): match for match in bpd.matches}
    assert matches["exact", "wikidata"].iri == "http://www.wikidata.org/entity/Q208166"
    assert matches["exact", "mondo"].iri == "http://purl.obolibrary.org/obo/MONDO_0001156"
    assert matches["exact", "icd-10-cm"].code == "F60.3"
    assert matches["exact", "dsm-5"].code == "301.83"
    assert matches["broad", "who-icd-10"].iri == "http://id.who.int/icd/release/10/2016/F60.3"
    assert matches["close", "icd-11"].code == "6D11.5"
    assert matches["exact", "umls"].code == "C0006012"
    assert len(bpd.matches) == 7


def test_themes_are_all_of_the_one_study(corpus: Corpus) -> None:
    assert {theme.study for theme in corpus.themes} == {"kverme2019"}
    assert all(isinstance(theme, Theme) for theme in corpus.themes)
