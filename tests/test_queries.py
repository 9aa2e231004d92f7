"""Researchers' questions in Python, on the built-in Kverme data: what each one answers."""

from __future__ import annotations

from typing import Literal

import pytest
from helpers import Cli, WriteStudy
from rdflib import SKOS, URIRef

import evidence_graph as eg
from evidence_graph import EvidenceGraph, QueryError, load, load_graph
from evidence_graph.models import match_iri
from evidence_graph.queries import (
    QUESTIONS,
    Fit,
    Outcome,
    Profile,
    ThemeRow,
    Verdict,
    about_concept,
    ask,
    cited_works,
    citing_works,
    evidence_for,
    find_concepts,
    fold,
    nested_theme_tree,
    quotes_for_theme,
    search_quotes,
    stats,
    studies_matching,
    theme_tree,
    unsupported_claims,
    walk,
)

DATA = "https://w3id.org/evidence-graph/data/"
PAPER = "https://doi.org/10.3389/fpsyg.2019.00430"
MAGAZINE = f"{DATA}work/psychology-today-4-keys"
LENZENWEGER = "https://doi.org/10.1016/j.biopsych.2006.09.019"
BPD = "http://id.nlm.nih.gov/mesh/D001883"
ELIGIBLE = Profile(
    sex="female",
    age=25,
    months_since_diagnosis=12,
    in_treatment=True,
    psychosis=False,
    diagnosis=BPD,
)


@pytest.fixture(scope="module")
def kverme() -> EvidenceGraph:
    return load_graph("kverme2019")


# -- folding -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Learning to Hold One’s Own", "learning to hold one's own"),
        ("Førde", "forde"),
        ("CAFÉ Æsir Straße", "cafe aesir strasse"),
        ("cafe\u0301", "cafe"),  # a decomposed é
        ("oh my\u00a0God", "oh my god"),
        ("“calm down”", '"calm down"'),
        ("Connectedness – A", "connectedness - a"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


# -- quotes for a theme ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "theme",
    [
        "Learning to Hold One’s Own",
        "LEARNING TO HOLD ONE'S OWN",
        "learning-to-hold-ones-own",
        f"{DATA}theme/kverme2019/learning-to-hold-ones-own",
    ],
)
def test_a_theme_is_found_by_label_id_or_iri(kverme: EvidenceGraph, theme: str) -> None:
    [row] = quotes_for_theme(kverme, theme)
    assert row.quote_id == "she-believes"
    assert row.text.startswith("I don’t believe in myself")
    assert (row.role.value, row.work, row.doi) == ("supporting", PAPER, "10.3389/fpsyg.2019.00430")
    assert (row.study_id, row.theme_label) == ("kverme2019", "Learning to Hold One’s Own")


def test_the_overarching_theme_holds_the_quotes_of_its_subthemes(kverme: EvidenceGraph) -> None:
    rows = quotes_for_theme(kverme, "working toward connectedness")  # its alternative label
    assert [(row.theme_label, row.quote_id, row.role.value) for row in rows] == [
        ("Learning to Hold One’s Own", "she-believes", "supporting"),
        ("Needing Honesty and Genuine Mutuality", "she-doesnt-hear-me", "contrasting"),
        ("Daring to Belong", "group-therapy-helped-most", "supporting"),
        ("Making Room for Recovery", "little-steps", "supporting"),
    ]
    assert quotes_for_theme(kverme, "Moving Toward Connectedness", subthemes=False) == []
    assert quotes_for_theme(kverme, "daring to belong", study="kverme2019")[0].quote_id == (
        "group-therapy-helped-most"
    )


def test_an_unknown_theme_suggests_the_closest_labels(kverme: EvidenceGraph) -> None:
    with pytest.raises(QueryError) as raised:
        quotes_for_theme(kverme, "daring to belon")
    assert str(raised.value) == (
        "theme: 'daring to belon': no theme has this id or label; did you mean 'Daring to Belong'?"
    )
    assert raised.value.suggestions == ("Daring to Belong",)
    assert isinstance(raised.value, ValueError)


@pytest.mark.parametrize(
    ("theme", "message"),
    [
        ("https://example.org/a b", "theme: 'https://example.org/a b': is not an IRI: expected"),
        (f"{DATA}study/kverme2019", "no theme has this IRI"),
        ("   ", "expected a value, not an empty string"),
    ],
)
def test_a_malformed_or_wrong_theme_is_an_error(
    kverme: EvidenceGraph, theme: str, message: str
) -> None:
    with pytest.raises(QueryError, match=message.replace("?", r"\?")):
        quotes_for_theme(kverme, theme)


def test_a_theme_of_another_study_is_an_error(kverme: EvidenceGraph) -> None:
    with pytest.raises(QueryError, match="no study has this id; did you mean 'kverme2019'"):
        quotes_for_theme(kverme, "Daring to Belong", study="kverme2018")


# -- the theme tree ----------------------------------------------------------------------------


def test_the_theme_tree_counts_quotes(kverme: EvidenceGraph) -> None:
    [top] = nested_theme_tree(kverme, "kverme2019")
    assert (top.label, top.depth, top.quotes, top.quotes_with_subthemes) == (
        "Moving Toward Connectedness",
        0,
        0,
        4,
    )
    assert [(child.number, child.label, child.depth, child.quotes) for child in top.children] == [
        (1, "Learning to Hold One’s Own", 1, 1),
        (2, "Needing Honesty and Genuine Mutuality", 1, 1),
        (3, "Daring to Belong", 1, 1),
        (4, "Making Room for Recovery", 1, 1),
    ]
    rows = list(walk([top]))
    assert [row.theme_id for row in rows][:2] == [
        "moving-toward-connectedness",
        "learning-to-hold-ones-own",
    ]
    assert {row.parent for row in rows[1:]} == {top.theme}
    assert nested_theme_tree(kverme) == [top]
    assert theme_tree(kverme, "kverme2019") == theme_tree(kverme) == rows
    assert all(type(row) is ThemeRow for row in rows)


# -- studies matching a profile --------------------------------------------------------------


def _outcomes(rows: list[object]) -> dict[str | None, str]:
    return {row.about: row.outcome.value for row in rows}  # type: ignore[attr-defined]


def test_a_profile_that_meets_every_criterion_is_eligible(kverme: EvidenceGraph) -> None:
    rows = studies_matching(kverme, ELIGIBLE)
    assert {(row.study_id, row.verdict, row.sample_fit) for row in rows} == {
        ("kverme2019", Verdict.ELIGIBLE, Fit.WITHIN)
    }
    criteria = [row for row in rows if row.check == "criterion"]
    assert [(row.kind.value if row.kind else None, row.text, row.outcome) for row in criteria] == [
        (
            "inclusion",
            "diagnosed with BPD between six and 18 months prior to the study",
            Outcome.ADMITS,
        ),
        ("inclusion", "had been diagnosed with BPD", Outcome.ADMITS),
        ("inclusion", "were currently in treatment", Outcome.ADMITS),
        ("exclusion", "had not experienced\u00a0psychosis", Outcome.ADMITS),
    ]
    samples = [(row.about, row.text, row.outcome) for row in rows if row.check == "sample"]
    assert samples == [("age", "21–36", Outcome.WITHIN), ("sex", "female", Outcome.WITHIN)]


@pytest.mark.parametrize(
    ("change", "about"),
    [
        ({"psychosis": True}, "psychosis"),
        ({"months_since_diagnosis": 24}, "months_since_diagnosis"),
        ({"months_since_diagnosis": 5.5}, "months_since_diagnosis"),
        ({"in_treatment": False}, "in_treatment"),
        ({"diagnosis": "http://id.nlm.nih.gov/mesh/D012559"}, "borderline-personality-disorder"),
    ],
)
def test_the_criterion_that_excludes_is_named(
    kverme: EvidenceGraph, change: dict[str, object], about: str
) -> None:
    rows = studies_matching(kverme, ELIGIBLE.model_copy(update=change))
    assert rows[0].verdict is Verdict.NOT_ELIGIBLE
    excluding = [row.about for row in rows if row.outcome is Outcome.EXCLUDES]
    assert excluding == [about]


def test_a_diagnosis_by_an_exact_match_counts_and_by_a_broad_one_does_not(
    kverme: EvidenceGraph,
) -> None:
    wikidata = ELIGIBLE.model_copy(update={"diagnosis": "http://www.wikidata.org/entity/Q208166"})
    assert studies_matching(kverme, wikidata)[0].verdict is Verdict.ELIGIBLE
    icd10 = ELIGIBLE.model_copy(update={"diagnosis": "http://id.who.int/icd/release/10/2016/F60.3"})
    assert studies_matching(kverme, icd10)[0].verdict is Verdict.NOT_ELIGIBLE


@pytest.mark.parametrize(
    "concept", ["bpd", "D001883", "wikidata:Q208166", "icd-10-cm:F60.3", "umls:C0006012"]
)
def test_a_diagnosis_may_be_named_by_id_code_or_an_exact_match(
    kverme: EvidenceGraph, concept: str
) -> None:
    parameters = {"concept": concept, "psychosis": "false", "in-treatment": "true"}
    rows = ask(kverme, "studies-matching", {**parameters, "months-since-diagnosis": "9"})
    assert {row.outcome for row in rows if row.check == "criterion"} == {Outcome.ADMITS}
    assert rows == ask(
        kverme, "studies-matching", {**parameters, "months-since-diagnosis": "9"}, engine="sparql"
    )


def test_what_the_profile_leaves_out_is_unknown(kverme: EvidenceGraph) -> None:
    rows = studies_matching(kverme)
    assert {(row.verdict, row.sample_fit, row.outcome) for row in rows} == {
        (Verdict.UNKNOWN, Fit.UNKNOWN, Outcome.UNKNOWN)
    }
    rows = studies_matching(kverme, ELIGIBLE.model_copy(update={"in_treatment": None}))
    assert rows[0].verdict is Verdict.UNKNOWN
    assert _outcomes(rows)["in_treatment"] == "unknown"


@pytest.mark.parametrize(
    ("profile", "fit"),
    [
        (Profile(sex="male", age=25), Fit.OUTSIDE),
        (Profile(sex="female", age=40), Fit.OUTSIDE),
        (Profile(sex="female", age=21), Fit.WITHIN),
        (Profile(sex="female"), Fit.UNKNOWN),
    ],
)
def test_the_sample_fit_is_separate_from_the_verdict(
    kverme: EvidenceGraph, profile: Profile, fit: Fit
) -> None:
    assert studies_matching(kverme, profile)[0].sample_fit is fit


def test_a_study_without_criteria_or_sample_says_so() -> None:
    corpus = load("kverme2019")
    bare = corpus.model_copy(update={"criteria": (), "samples": ()})
    rows = studies_matching(EvidenceGraph.from_corpus(bare), ELIGIBLE)
    assert [(row.check, row.item, row.outcome) for row in rows] == [
        ("criterion", None, Outcome.UNKNOWN),
        ("sample", None, Outcome.UNKNOWN),
    ]
    assert (rows[0].verdict, rows[0].sample_fit) == (Verdict.UNKNOWN, Fit.UNKNOWN)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"sex": "mixed"}, "one person's sex is 'female' or 'male'"),
        ({"age": -1}, "greater than or equal to 0"),
        ({"age": float("nan")}, "finite number"),
    ],
)
def test_a_profile_refuses_impossible_values(fields: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Profile.model_validate(fields)


# -- claims ----------------------------------------------------------------------------------


def test_the_chain_behind_a_finding(kverme: EvidenceGraph) -> None:
    [row] = evidence_for(kverme, "finding-needing-honesty-and-genuine-mutuality")
    assert row.asserted_by == PAPER
    assert row.evidence == f"{DATA}quote/kverme2019/she-doesnt-hear-me"
    assert row.evidence_kind is not None
    assert row.role is not None
    assert (row.evidence_kind.value, row.role.value) == ("quote", "contrasting")
    assert row.text is not None
    assert row.text.startswith("I have told my therapist")
    assert (row.theme_label, row.study, row.work, row.doi) == (
        "Needing Honesty and Genuine Mutuality",
        f"{DATA}study/kverme2019",
        PAPER,
        "10.3389/fpsyg.2019.00430",
    )


def test_a_claim_without_evidence_has_one_empty_row(kverme: EvidenceGraph) -> None:
    [row] = evidence_for(kverme, f"{DATA}claim/bpd-prevalence-1-6-percent")
    assert row.statement.startswith("It is estimated that 1.6 percent")
    assert (row.asserted_by, row.evidence, row.text) == (MAGAZINE, None, None)


def test_an_unknown_claim_suggests_ids(kverme: EvidenceGraph) -> None:
    with pytest.raises(QueryError, match=r"did you mean 'bpd-prevalence-1-6-percent'\?"):
        evidence_for(kverme, "bpd-prevalence")


def test_unsupported_claims_come_with_their_candidate_sources(kverme: EvidenceGraph) -> None:
    rows = unsupported_claims(kverme)
    assert [(row.claim_id, row.kind.value, row.candidate) for row in rows] == [
        ("bpd-characteristics", "background", None),
        ("bpd-prevalence-1-6-percent", "background", LENZENWEGER),
        ("bpd-suicidality", "background", None),
        ("limitation-small-sample", "limitation", None),
    ]
    assert rows[1].candidate_doi == "10.1016/j.biopsych.2006.09.019"


# -- citations -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "work",
    [
        "10.3389/fpsyg.2019.00430",
        "doi:10.3389/FPSYG.2019.00430",
        "https://doi.org/10.3389/fpsyg.2019.00430",
        "kverme2019-paper",
    ],
)
def test_the_works_citing_the_paper_by_any_form_of_its_doi(
    kverme: EvidenceGraph, work: str
) -> None:
    rows = citing_works(kverme, work)
    assert [(row.citing, row.cited, row.intent.value) for row in rows] == [
        (MAGAZINE, PAPER, "discusses"),
        (MAGAZINE, PAPER, "includes-quotation-from"),
    ]
    assert rows[0].citing_title == "4 Keys to Recovering from Borderline Personality Disorder"
    assert rows[0].cited_doi == "10.3389/fpsyg.2019.00430"


def test_cited_works_and_a_work_that_cites_nothing(kverme: EvidenceGraph) -> None:
    assert {row.cited for row in cited_works(kverme, "psychology-today-4-keys")} == {PAPER}
    assert cited_works(kverme, PAPER) == []


@pytest.mark.parametrize(
    ("work", "message"),
    [
        ("10.3389/nothing-here", r"no work has this IRI"),
        ("10.33/x", r"work: '10\.33/x': is not a DOI: expected '10\.' followed by 4 to 9"),
        ("kverme2019-papr", r"did you mean 'kverme2019-paper'\?"),
    ],
)
def test_an_unknown_or_malformed_work_is_an_error(
    kverme: EvidenceGraph, work: str, message: str
) -> None:
    with pytest.raises(QueryError, match=message):
        citing_works(kverme, work)


# -- search ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("GROUP THERAPY", ["group-therapy-helped-most"]),
        ("don't give up", ["she-believes"]),  # the quote has a curly apostrophe
        ("oh my god", ["she-believes"]),  # the quote has a no-break space
        ("“really, is that a problem?”", ["little-steps"]),
        ("one's own", ["learning-to-hold-ones-own"]),  # a theme label
        ("connectedness", ["moving-toward-connectedness", "moving-toward-connectedness"]),
        ("nobody said this", []),
    ],
)
def test_search_ignores_case_accents_and_quote_marks(
    kverme: EvidenceGraph, text: str, found: list[str]
) -> None:
    assert [row.item_id for row in search_quotes(kverme, text)] == found


def test_search_of_quotes_only(kverme: EvidenceGraph) -> None:
    assert search_quotes(kverme, "connectedness", themes=False) == []
    rows = search_quotes(kverme, "connectedness")
    assert [row.text for row in rows] == [
        "Moving Toward Connectedness",
        "working toward connectedness",
    ]
    with pytest.raises(QueryError, match="expected words to search for"):
        search_quotes(kverme, " \u00a0 ")


# -- concepts --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("concept", "via"),
    [
        (BPD, "concept"),
        ("bpd", "concept"),
        ("D001883", "concept"),
        ("mesh:D001883", "concept"),
        ("http://www.wikidata.org/entity/Q208166", "exact"),
        ("wikidata:Q208166", "exact"),
        ("Q208166", "exact"),
        ("mondo:0001156", "exact"),
        ("icd-10-cm:F60.3", "exact"),
        ("icd-11:6D11.5", "close"),
        ("who-icd-10:F60.3", "broad"),
    ],
)
def test_a_concept_is_found_by_itself_or_any_match(
    kverme: EvidenceGraph, concept: str, via: str
) -> None:
    rows = about_concept(kverme, concept)
    assert {row.via for row in rows} == {via}
    assert {row.concept for row in rows} == {BPD}
    assert sorted((row.item_kind.value, row.item_id) for row in rows) == [
        ("claim", "bpd-characteristics"),
        ("claim", "bpd-prevalence-1-6-percent"),
        ("claim", "bpd-suicidality"),
        ("criterion", "diagnosed-with-bpd"),
        ("study", "kverme2019"),
        ("work", "kverme2019-paper"),
        ("work", "psychology-today-4-keys"),
    ]


def test_a_code_shared_by_two_matches_names_the_concept_through_each(
    kverme: EvidenceGraph,
) -> None:
    assert find_concepts(kverme, "F60.3") == [(BPD, "broad"), (BPD, "exact")]


def test_an_unknown_concept_suggests_codes(kverme: EvidenceGraph) -> None:
    with pytest.raises(QueryError, match=r"names no concept of the graph; did you mean 'Q208166'"):
        about_concept(kverme, "Q20816")


# -- counts and the catalogue ----------------------------------------------------------------


def test_stats_counts_every_kind(kverme: EvidenceGraph) -> None:
    corpus = load("kverme2019")
    assert [(row.kind.value, row.count) for row in stats(kverme)] == [
        ("work", len(corpus.works)),
        ("person", len(corpus.people)),
        ("study", 1),
        ("sample", 1),
        ("participant", 0),
        ("criterion", 4),
        ("theme", 5),
        ("quote", 4),
        ("coder", 0),
        ("memo", 0),
        ("claim", len(corpus.claims)),
        ("concept", 1),
        ("scheme", 0),
        ("mapping", 0),
    ]


def test_the_catalogue_names_the_eleven_questions() -> None:
    assert list(QUESTIONS) == [
        "quotes-for-theme",
        "theme-tree",
        "studies-matching",
        "evidence-for",
        "citing-works",
        "cited-works",
        "search-quotes",
        "unsupported-claims",
        "about-concept",
        "mapped-to",
        "stats",
    ]


def test_ask_parses_text_parameters(kverme: EvidenceGraph) -> None:
    rows = ask(
        kverme,
        "studies-matching",
        {
            "sex": "Female",
            "age": "25",
            "months-since-diagnosis": "12.0",
            "in-treatment": "yes",
            "psychosis": "false",
            "concept": "mesh:D001883",
        },
    )
    assert rows == studies_matching(kverme, ELIGIBLE)
    assert ask(kverme, "quotes-for-theme", {"theme": "Moving Toward Connectedness"}) == (
        quotes_for_theme(kverme, "Moving Toward Connectedness")
    )
    assert (
        ask(kverme, "quotes-for-theme", {"theme": "moving toward connectedness", "subthemes": "no"})
        == []
    )


@pytest.mark.parametrize(
    ("name", "parameters", "message"),
    [
        ("quotes-for-them", {}, "question: 'quotes-for-them': expected one of: quotes-for-theme,"),
        ("quotes-for-theme", {}, "theme: '': quotes-for-theme needs it: expected a theme's label"),
        (
            "studies-matching",
            {"age": "twenty"},
            "age: 'twenty': expected an age in years, from 0 to 150",
        ),
        ("studies-matching", {"age": "-3"}, "age: '-3': expected an age in years, from 0 to 150"),
        (
            "studies-matching",
            {"months-since-diagnosis": "-3"},
            "months-since-diagnosis: '-3': expected a number >= 0",
        ),
        ("studies-matching", {"sex": "mixed"}, "sex: 'mixed': expected female or male"),
        ("studies-matching", {"psychosis": "maybe"}, "psychosis: 'maybe': expected true or false"),
        (
            "studies-matching",
            {"concept": "mesh:D00188"},
            "concept: 'mesh:D00188': names no concept of the graph; did you mean 'D001883'?",
        ),
        ("stats", {"study": "kverme2019"}, "study: 'kverme2019': is not a parameter of stats"),
        ("evidence-for", {"claim": "http://x y"}, "claim: 'http://x y': is not an IRI"),
    ],
)
def test_ask_refuses_wrong_parameters(
    kverme: EvidenceGraph, name: str, parameters: dict[str, str], message: str
) -> None:
    for engine in ("python", "sparql"):
        with pytest.raises(QueryError) as raised:
            ask(kverme, name, parameters, engine=engine)  # type: ignore[arg-type]
        assert str(raised.value).startswith(message)


def test_an_unknown_question_suggests_the_closest_name(kverme: EvidenceGraph) -> None:
    with pytest.raises(QueryError) as raised:
        ask(kverme, "quotes-for-them")
    assert raised.value.suggestions[0] == "quotes-for-theme"


# -- concept links -------------------------------------------------------------------------------


def test_every_match_of_every_concept_is_exported_as_skos(literature: EvidenceGraph) -> None:
    rdf = eg.to_rdf(literature)
    predicates = {
        "exact": SKOS.exactMatch,
        "close": SKOS.closeMatch,
        "broad": SKOS.broadMatch,
        "narrow": SKOS.narrowMatch,
        "related": SKOS.relatedMatch,
    }
    found = 0
    for concept in literature.concepts():
        for match in concept.matches:
            target = URIRef(match_iri(literature.base, match))
            assert (URIRef(literature.iri(concept)), predicates[match.relation], target) in rdf
            found += 1
    assert found == 7  # BPD's Wikidata, Mondo, ICD-10-CM, DSM-5, WHO ICD-10, ICD-11, UMLS


@pytest.mark.parametrize("engine", ["python", "sparql"])
def test_a_question_by_any_match_finds_what_the_concept_finds(
    literature: EvidenceGraph, engine: Literal["python", "sparql"]
) -> None:
    for concept in literature.concepts():
        names = [literature.iri(concept), concept.id]
        names += [match.iri for match in concept.matches if match.iri]
        names += [f"{match.scheme}:{match.code}" for match in concept.matches if match.code]
        expected = {
            (row.item, row.item_kind)
            for row in eg.ask(literature, "about-concept", {"concept": concept.id})
        }
        for name in names:
            rows = eg.ask(literature, "about-concept", {"concept": name}, engine=engine)
            assert {(row.item, row.item_kind) for row in rows} == expected, name
    bpd = eg.ask(literature, "about-concept", {"concept": "mondo:0001156"}, engine=engine)
    assert len({row.item for row in bpd}) == 23  # 10 works, 2 studies, 1 criterion, 10 claims


def test_an_id_of_several_files_is_said_to_be_ambiguous(cli: Cli, write_study: WriteStudy) -> None:
    paths = [
        write_study(
            {
                "works": [{"id": f"paper{name}", "type": "journal-article", "title": name}],
                "studies": [
                    {"id": f"s{name}", "design": "qualitative", "reported_in": [f"paper{name}"]}
                ],
                "claims": [
                    {
                        "id": "c",
                        "statement": f"Claim {name}",
                        "kind": "finding",
                        "asserted_by": f"paper{name}",
                        "study": f"s{name}",
                    }
                ],
            },
            f"{name}.yaml",
        )
        for name in ("a", "b")
    ]
    folder = str(paths[0].parent)
    done = cli("query", "evidence-for", folder, "-p", "claim=c")
    assert done.returncode == 2
    assert done.stderr == (
        "error: claim: 'c': this id names 2 claims, each in its own study or file (sa/c, sb/c); "
        "name one as study-id/local-id\n"
    )
    assert cli("query", "evidence-for", folder, "-p", "claim=sa/c").returncode == 0
