"""Criteria as reported: study files a researcher writes, what studies-matching says of them.

A criterion may have no constraint ("recruited from a community sample"): it is recorded as
stated, answers ``unknown`` ("not machine-checkable") and never admits. Diagnosis source,
setting, recovery status and "adult" are checkable; a profile that leaves one out is unknown
against it. Every unknown row says why, in Python, in SPARQL and in RDF alike.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import Cli, WriteStudy
from rdflib import Literal, URIRef

from evidence_graph import (
    Corpus,
    DiagnosisSource,
    EvidenceGraph,
    QueryError,
    RecoveryStatus,
    Setting,
    StudyFileError,
    from_rdf,
    load,
    load_graph,
    to_rdf,
    validate,
)
from evidence_graph.namespace import EG
from evidence_graph.queries import Fit, Outcome, Profile, Verdict, ask, studies_matching

DATA = "https://w3id.org/evidence-graph/data/"

# A study written as a researcher reads it off the paper: an interpretative phenomenological
# analysis of women with a self-reported diagnosis, recruited from the community; the sample's
# ages are not given. Its second study (a pilot) states no criteria.
STUDY = """\
works:
  - id: paper
    type: journal-article
    title: Becoming oneself again

studies:
  - id: ipa
    design: qualitative
    reported_in: [paper]
  - id: pilot
    design: qualitative
    reported_in: [paper]

samples:
  - id: women
    study: ipa
    size: 14
    sex: female

criteria:
  - id: community
    study: ipa
    kind: inclusion
    text: recruited from a community sample
  - id: adults
    study: ipa
    kind: inclusion
    text: adults
    constraint: {type: equals, attribute: adult, value: yes}
  - id: self-reported
    study: ipa
    kind: inclusion
    text: self-reported diagnosis of BPD
    constraint: {type: equals, attribute: diagnosis_source, value: self-reported}
  - id: not-inpatients
    study: ipa
    kind: exclusion
    text: currently an inpatient
    constraint: {type: equals, attribute: setting, value: inpatient}
  - id: recovered-or-not
    study: ipa
    kind: inclusion
    text: recovered, by the study's definition
    constraint: {type: equals, attribute: recovery_status, value: recovered}
"""

MATCHING = Profile(
    age=30,
    sex="female",
    diagnosis_source="self-reported",
    setting="community",
    recovery_status="recovered",
)
"""A profile that meets every checkable criterion of the study."""


@pytest.fixture
def source(write_study: WriteStudy) -> Path:
    return write_study(STUDY)


@pytest.fixture
def graph(source: Path) -> EvidenceGraph:
    return load_graph(source)


def _rows(graph: EvidenceGraph, profile: Profile, study: str = "ipa") -> list[tuple[object, ...]]:
    return [
        (row.check, row.about, row.outcome.value, row.reason)
        for row in studies_matching(graph, profile)
        if row.study_id == study
    ]


# -- the study file ----------------------------------------------------------------------------


def test_criteria_load_as_the_researcher_wrote_them(source: Path) -> None:
    criteria = {criterion.id: criterion for criterion in load(source).criteria}
    assert criteria["community"].constraint is None
    assert criteria["community"].text == "recruited from a community sample"
    values = {
        name: getattr(criteria[name].constraint, "value", None)
        for name in ("adults", "self-reported", "not-inpatients", "recovered-or-not")
    }
    assert values == {
        "adults": True,
        "self-reported": DiagnosisSource.SELF_REPORTED,
        "not-inpatients": Setting.INPATIENT,
        "recovered-or-not": RecoveryStatus.RECOVERED,
    }
    assert type(values["not-inpatients"]) is Setting


@pytest.mark.parametrize(
    ("constraint", "message"),
    [
        (
            "{type: equals, attribute: setting, value: hospital}",
            "value: setting expects 'community', 'outpatient', 'inpatient' or 'forensic'",
        ),
        (
            "{type: equals, attribute: setting, value: yes}",
            "value: setting expects 'community', 'outpatient', 'inpatient' or 'forensic'",
        ),
        (
            "{type: equals, attribute: diagnosis_source, value: self report}",
            "value: diagnosis_source expects 'clinician-assessed' or 'self-reported'",
        ),
        (
            "{type: equals, attribute: recovery_status, value: true}",
            "value: recovery_status expects 'recovered' or 'not-recovered'",
        ),
        ("{type: equals, attribute: adult, value: over 18}", "value: adult expects true or false"),
        (
            "{type: equals, attribute: sex, value: community}",
            "value: sex expects 'female' or 'male'",
        ),
        (
            "{type: range, attribute: adult, min: 18}",
            (
                "attribute: a range needs a numeric attribute (age or months_since_diagnosis), "
                "not 'adult'"
            ),
        ),
        (
            "{type: equals, attribute: employment, value: true}",
            (
                "expected 'age', 'sex', 'months_since_diagnosis', 'in_treatment', "
                "'diagnosis_source', 'setting', 'recovery_status' or 'adult' (got 'employment')"
            ),
        ),
    ],
)
def test_a_bad_value_says_what_was_expected(
    write_study: WriteStudy, constraint: str, message: str
) -> None:
    text = STUDY.replace("{type: equals, attribute: adult, value: yes}", constraint)
    path = write_study(text)
    with pytest.raises(StudyFileError) as info:
        load(path)
    [problem] = info.value.problems
    line = text.splitlines().index(f"    constraint: {constraint}") + 1
    assert (problem.line, problem.message) == (line, message)
    assert problem.path[:2] == ("criteria", 1)


# -- studies-matching --------------------------------------------------------------------------


def test_a_criterion_without_a_constraint_is_unknown_and_never_admits(
    graph: EvidenceGraph,
) -> None:
    rows = studies_matching(graph, MATCHING)
    [community] = [row for row in rows if row.item == f"{DATA}criterion/ipa/community"]
    assert (community.about, community.kind, community.outcome, community.reason) == (
        None,
        "inclusion",
        Outcome.UNKNOWN,
        "not machine-checkable",
    )
    assert community.text == "recruited from a community sample"
    checked = [row.outcome for row in rows if row.check == "criterion" and row.about]
    assert checked == [Outcome.ADMITS] * 4
    assert community.verdict is Verdict.UNKNOWN  # never eligible on an unchecked criterion


def test_the_new_attributes_admit_and_exclude(graph: EvidenceGraph) -> None:
    def outcome(about: str, **change: object) -> str:
        profile = MATCHING.model_copy(update=change)
        return {row.about: row.outcome.value for row in studies_matching(graph, profile)}[about]

    assert outcome("adult", age=17.9) == "excludes"
    assert outcome("adult", age=18) == "admits"
    assert outcome("diagnosis_source", diagnosis_source="clinician-assessed") == "excludes"
    assert outcome("setting", setting="inpatient") == "excludes"
    assert outcome("setting", setting="forensic") == "admits"
    assert outcome("recovery_status", recovery_status="not-recovered") == "excludes"
    assert studies_matching(graph, MATCHING.model_copy(update={"age": 16}))[0].verdict is (
        Verdict.NOT_ELIGIBLE
    )


@pytest.mark.parametrize(
    ("left_out", "about"),
    [
        ("diagnosis_source", "diagnosis_source"),
        ("setting", "setting"),
        ("recovery_status", "recovery_status"),
        ("age", "adult"),
    ],
)
def test_what_the_profile_leaves_out_is_unknown_never_admitted_nor_excluded(
    graph: EvidenceGraph, left_out: str, about: str
) -> None:
    rows = studies_matching(graph, MATCHING.model_copy(update={left_out: None}))
    [row] = [row for row in rows if row.about == about and row.check == "criterion"]
    assert (row.outcome, row.reason, row.verdict) == (
        Outcome.UNKNOWN,
        "the profile does not say",
        Verdict.UNKNOWN,
    )


def test_a_study_without_criteria_says_so_in_one_row(graph: EvidenceGraph) -> None:
    criteria = [row for row in studies_matching(graph, MATCHING) if row.study_id == "pilot"]
    assert [(row.check, row.item, row.outcome, row.reason) for row in criteria] == [
        ("criterion", None, Outcome.UNKNOWN, "the study states no criteria"),
        ("sample", None, Outcome.UNKNOWN, "the study reports no sample"),
    ]


def test_the_sample_fit_names_what_it_could_not_compare(graph: EvidenceGraph) -> None:
    samples = [row for row in _rows(graph, MATCHING) if row[0] == "sample"]
    assert samples == [
        ("sample", "age", "unknown", "the sample reports no ages"),
        ("sample", "sex", "within", None),
    ]
    [first, *_] = studies_matching(graph, MATCHING)
    assert first.sample_fit is Fit.UNKNOWN  # not "within" on sex alone
    assert first.sample_fit_detail == "sex within; age unknown: the sample reports no ages"
    male = [row for row in _rows(graph, Profile(sex="male")) if row[0] == "sample"]
    assert male == [
        ("sample", "age", "unknown", "the sample reports no ages"),
        ("sample", "sex", "outside", None),
    ]
    silent = _rows(graph, Profile())
    assert ("sample", "sex", "unknown", "the profile does not say") in silent
    pilot = [row for row in studies_matching(graph, Profile()) if row.study_id == "pilot"]
    assert {row.sample_fit_detail for row in pilot} == {"the study reports no sample"}


def test_with_several_samples_the_fit_names_the_sample_it_rests_on(
    write_study: WriteStudy,
) -> None:
    aged = "  - id: older\n    study: ipa\n    size: 7\n    sex: mixed\n    age_min: 40\n"
    graph = load_graph(write_study(STUDY.replace("criteria:\n", aged + "\ncriteria:\n")))
    for age, fit, detail in [
        (45, Fit.WITHIN, "older: sex within; age within"),
        (30, Fit.UNKNOWN, "women: sex within; age unknown: the sample reports no ages"),
    ]:
        parameters = {"age": str(age), "sex": "female"}
        rows = ask(graph, "studies-matching", parameters)
        assert (rows[0].sample_fit, rows[0].sample_fit_detail) == (fit, detail)
        assert rows == ask(graph, "studies-matching", parameters, engine="sparql")


PROFILES = [
    {},
    {"age": "30", "sex": "female", "diagnosis-source": "self-reported", "setting": "community"},
    {"age": "17", "diagnosis-source": "Clinician-Assessed", "recovery-status": "not-recovered"},
    {"setting": "inpatient", "recovery-status": "recovered", "sex": "male"},
    {"age": "18", "setting": "forensic", "diagnosis-source": "self-reported"},
]


def test_a_parameter_may_be_spelt_as_the_study_files_field(graph: EvidenceGraph) -> None:
    kebab = {"diagnosis-source": "self-reported", "recovery-status": "recovered"}
    snake = {"diagnosis_source": "self-reported", "recovery_status": "recovered"}
    assert ask(graph, "studies-matching", snake) == ask(graph, "studies-matching", kebab)


@pytest.mark.parametrize("parameters", PROFILES)
def test_python_and_sparql_agree(graph: EvidenceGraph, parameters: dict[str, str]) -> None:
    rows = ask(graph, "studies-matching", parameters)
    assert rows == ask(graph, "studies-matching", parameters, engine="sparql")
    assert {row.study_id for row in rows} == {"ipa", "pilot"}


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        (
            {"setting": "hospital"},
            "setting: 'hospital': expected community, outpatient, inpatient or forensic",
        ),
        (
            {"diagnosis-source": "doctor"},
            "diagnosis-source: 'doctor': expected clinician-assessed or self-reported",
        ),
        (
            {"recovery-status": "yes"},
            "recovery-status: 'yes': expected recovered or not-recovered",
        ),
    ],
)
def test_a_bad_profile_parameter_says_what_was_expected(
    graph: EvidenceGraph, parameters: dict[str, str], message: str
) -> None:
    with pytest.raises(QueryError) as info:
        ask(graph, "studies-matching", parameters)
    assert str(info.value).startswith(message)


def test_the_command_line_gives_the_reasons(cli: Cli, source: Path) -> None:
    result = cli("query", "studies-matching", str(source), "-p", "setting=community", "-f", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    reasons = {(row["study_id"], row["about"]): row["reason"] for row in rows}
    assert reasons[("ipa", None)] == "not machine-checkable"
    assert reasons[("ipa", "setting")] is None
    assert reasons[("ipa", "diagnosis_source")] == "the profile does not say"
    assert reasons[("pilot", None)] in {
        "the study states no criteria",
        "the study reports no sample",
    }
    shown = cli("show", str(source))
    assert "recruited from a community sample ⟨not machine-checkable⟩" in shown.stdout
    assert "adults ⟨adult = true⟩" in shown.stdout
    assert "self-reported diagnosis of BPD ⟨diagnosis_source = self-reported⟩" in shown.stdout


# -- RDF and SHACL -----------------------------------------------------------------------------


def test_a_criterion_without_a_constraint_goes_to_rdf_without_one(source: Path) -> None:
    corpus = load(source)
    rdf = to_rdf(corpus)
    community = URIRef(f"{DATA}criterion/ipa/community")
    assert list(rdf.objects(community, URIRef(str(EG.hasConstraint)))) == []
    required = URIRef(str(EG.requiredValue))
    assert (URIRef(f"{DATA}criterion/ipa/adults/constraint"), required, Literal(True)) in rdf
    setting = URIRef(f"{DATA}criterion/ipa/not-inpatients/constraint")
    assert (setting, required, Literal("inpatient")) in rdf
    assert from_rdf(rdf).to_corpus() == corpus


def test_the_export_conforms_to_the_shapes(source: Path) -> None:
    report = validate(load(source))
    assert report.results == ()
    assert report.conforms


def test_the_shapes_refuse_a_value_the_attribute_does_not_take(source: Path) -> None:
    rdf = to_rdf(load(source))
    node = URIRef(f"{DATA}criterion/ipa/not-inpatients/constraint")
    rdf.set((node, URIRef(str(EG.requiredValue)), Literal("hospital")))
    report = validate(rdf)
    assert not report.conforms
    assert {(result.shape, result.focus_node) for result in report.results} == {
        ("egsh:EqualsConstraintShape", str(node))
    }


def test_every_new_value_round_trips_through_rdf() -> None:
    criteria = [
        {
            "id": f"c-{attribute}-{index}",
            "study": "s",
            "kind": "inclusion",
            "text": "as stated",
            "constraint": {"type": "equals", "attribute": attribute, "value": value},
        }
        for attribute, values in (
            ("adult", [True, False]),
            ("diagnosis_source", list(DiagnosisSource)),
            ("setting", list(Setting)),
            ("recovery_status", list(RecoveryStatus)),
        )
        for index, value in enumerate(values)
    ]
    corpus = Corpus.model_validate(
        {
            "works": [{"id": "w", "type": "report"}],
            "studies": [{"id": "s", "design": "qualitative", "reported_in": ["w"]}],
            "criteria": criteria,
        }
    )
    assert from_rdf(to_rdf(corpus)).to_corpus() == corpus
    assert validate(corpus).conforms
