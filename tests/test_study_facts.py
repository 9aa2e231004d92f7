"""How a study's sample came about: recruitment, sampling, data collection, diagnosis."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import Cli, WriteStudy
from rdflib import Graph, Literal, URIRef

from evidence_graph import (
    DiagnosisSource,
    Setting,
    StudyFileError,
    from_rdf,
    load,
    study_file_schema,
    to_rdf,
    validate,
)
from evidence_graph.namespace import DCAT, DCTERMS, EG, RDF, RDFS, XSD

DATA = "https://w3id.org/evidence-graph/data/"
STUDY = URIRef(f"{DATA}study/recovery-ipa")
PERIOD = URIRef(f"{STUDY}/data-collection-period")
PLACE = URIRef(f"{STUDY}/data-collection-place")
IPA = "https://example.org/methods/interpretative-phenomenological-analysis"

STUDY_FILE = f"""\
works:
  - id: paper
    type: journal-article
    title: Recovery as a process
studies:
  - id: recovery-ipa
    design: qualitative
    reported_in: [paper]
    recruitment_setting: through community mental health charities and social media
    setting: community
    sampling_strategy: purposive
    data_collection_start: 2016-03
    data_collection_end: 2017
    data_collection_country: United Kingdom
    analysis: interpretative phenomenological analysis
    analysis_concept: {IPA}
    diagnosis_source: self-reported
    diagnosis_method: a diagnosis of BPD given by a mental health professional, as reported
"""


@pytest.fixture
def study_file(write_study: WriteStudy) -> Path:
    return write_study(STUDY_FILE)


def test_a_study_gives_how_its_sample_came_about(study_file: Path) -> None:
    [study] = load(study_file).studies
    assert study.recruitment_setting == "through community mental health charities and social media"
    assert study.setting is Setting.COMMUNITY
    assert study.sampling_strategy == "purposive"
    assert (study.data_collection_start, study.data_collection_end) == ("2016-03", "2017")
    assert study.data_collection_country == "United Kingdom"
    assert (study.analysis, study.analysis_concept) == (
        "interpretative phenomenological analysis",
        IPA,
    )
    assert study.diagnosis_source is DiagnosisSource.SELF_REPORTED
    assert study.diagnosis_method.startswith("a diagnosis of BPD")


@pytest.mark.parametrize(
    ("written", "held"),
    [
        ("2016", "2016"),
        ("'2016'", "2016"),
        ("2016-03", "2016-03"),
        ("2016-03-14", "2016-03-14"),  # YAML reads this as a date
        ("'2016-03-14'", "2016-03-14"),
    ],
)
def test_a_period_bound_is_a_year_a_month_or_a_day(
    write_study: WriteStudy, written: str, held: str
) -> None:
    path = write_study(
        STUDY_FILE.replace("data_collection_start: 2016-03", f"data_collection_start: {written}")
    )
    [study] = load(path).studies
    assert study.data_collection_start == held


def _error(write_study: WriteStudy, old: str, new: str) -> tuple[Path, str]:
    path = write_study(STUDY_FILE.replace(old, new))
    with pytest.raises(StudyFileError) as info:
        load(path)
    return path, str(info.value)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "2016-13",
            (
                "expected a year (2016), a year and month (2016-03) or a date (2016-03-14); "
                "'2016-13' has no month 13"
            ),
        ),
        (
            "2016-02-30",
            (
                "expected a year (2016), a year and month (2016-03) or a date (2016-03-14); "
                "'2016-02-30' is not a day of the calendar"
            ),
        ),
        (
            "March 2016",
            (
                "expected a year (2016), a year and month (2016-03) or a date (2016-03-14), "
                "not 'March 2016'"
            ),
        ),
        (
            "16",
            "expected a year (2016), a year and month (2016-03) or a date (2016-03-14), not 16",
        ),
    ],
)
def test_a_bound_that_is_no_year_month_or_day_is_refused(
    write_study: WriteStudy, written: str, message: str
) -> None:
    path, error = _error(
        write_study, "data_collection_start: 2016-03", f"data_collection_start: {written}"
    )
    assert error == f"{path}: line 12: studies[0].data_collection_start: {message}"


def test_an_end_before_the_start_is_refused(write_study: WriteStudy) -> None:
    path, error = _error(write_study, "data_collection_end: 2017", "data_collection_end: 2015-12")
    assert error == (
        f"{path}: line 6: studies[0]: data_collection_end (2015-12) is before "
        "data_collection_start (2016-03): expected an end on or after the start"
    )


@pytest.mark.parametrize(
    ("start", "end"), [("2016-03", "2016"), ("2016", "2016-01-01"), ("2016-03-14", "2016-03")]
)
def test_bounds_of_different_precision_may_overlap(
    write_study: WriteStudy, start: str, end: str
) -> None:
    text = STUDY_FILE.replace("data_collection_start: 2016-03", f"data_collection_start: '{start}'")
    path = write_study(text.replace("data_collection_end: 2017", f"data_collection_end: '{end}'"))
    [study] = load(path).studies
    assert (study.data_collection_start, study.data_collection_end) == (start, end)


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        (
            "setting: community",
            "setting: hospital",
            "line 10: studies[0].setting",
            "expected 'community', 'outpatient', 'inpatient' or 'forensic' (got 'hospital')",
        ),
        (
            "diagnosis_source: self-reported",
            "diagnosis_source: self report",
            "line 17: studies[0].diagnosis_source",
            "expected 'clinician-assessed' or 'self-reported' (got 'self report')",
        ),
    ],
)
def test_an_unknown_setting_or_diagnosis_source_is_refused(
    write_study: WriteStudy, old: str, new: str, where: str, message: str
) -> None:
    path, error = _error(write_study, old, new)
    assert error == f"{path}: {where}: {message}"


def test_the_facts_are_written_in_standard_vocabularies(study_file: Path) -> None:
    rdf = to_rdf(load(study_file))
    assert set(rdf.predicate_objects(PERIOD)) == {
        (RDF.type, DCTERMS.PeriodOfTime),
        (DCAT.startDate, Literal("2016-03", datatype=XSD.gYearMonth)),
        (DCAT.endDate, Literal("2017", datatype=XSD.gYear)),
    }
    assert set(rdf.predicate_objects(PLACE)) == {
        (RDF.type, DCTERMS.Location),
        (RDFS.label, Literal("United Kingdom")),
    }
    assert rdf.value(STUDY, DCTERMS.temporal) == PERIOD
    assert rdf.value(STUDY, DCTERMS.spatial) == PLACE
    assert rdf.value(STUDY, EG.analysisMethod) == URIRef(IPA)
    assert rdf.value(STUDY, EG.setting) == Literal("community")
    assert rdf.value(STUDY, EG.diagnosisSource) == Literal("self-reported")
    assert rdf.value(STUDY, EG.samplingStrategy) == Literal("purposive")


@pytest.mark.parametrize(
    ("start", "end"), [("2016", None), (None, "2017-06-30"), (dt.date(2016, 3, 14), "2016-04")]
)
def test_every_period_round_trips_and_conforms(
    write_study: WriteStudy, start: object, end: str | None
) -> None:
    text = STUDY_FILE.replace("    data_collection_start: 2016-03\n", "").replace(
        "    data_collection_end: 2017\n", ""
    )
    bounds = {"data_collection_start": start, "data_collection_end": end}
    lines = "".join(f"    {key}: {value}\n" for key, value in bounds.items() if value)
    corpus = load(write_study(text + lines))
    rdf = to_rdf(corpus)
    assert len(list(rdf.objects(STUDY, DCTERMS.temporal))) == 1
    assert from_rdf(rdf).to_corpus() == corpus
    assert validate(rdf).results == ()


def test_the_facts_round_trip_through_every_syntax(study_file: Path, tmp_path: Path) -> None:
    corpus = load(study_file)
    for suffix, form in ((".ttl", "turtle"), (".jsonld", "json-ld"), (".nt", "nt")):
        path = tmp_path / f"study{suffix}"
        to_rdf(corpus).serialize(path, format=form, encoding="utf-8")
        assert load(path) == corpus


def test_the_shapes_report_a_bound_of_another_datatype(study_file: Path) -> None:
    rdf: Graph = to_rdf(load(study_file))
    rdf.set((PERIOD, DCAT.startDate, Literal("March 2016")))
    rdf.set((STUDY, EG.setting, Literal("hospital")))
    messages = sorted(result.message for result in validate(rdf).results)
    assert messages == [
        "a study has at most one eg:setting: 'community', 'outpatient', 'inpatient' or 'forensic'",
        (
            "the data-collection period of a study has at most one dcat:startDate, an xsd:gYear, "
            "xsd:gYearMonth or xsd:date"
        ),
    ]


def test_show_prints_the_facts_a_study_gives(study_file: Path, cli: Cli) -> None:
    done = cli("show", str(study_file))
    assert done.returncode == 0
    text = " ".join(done.stdout.split())
    for fact in (
        "recruited: through community mental health charities and social media; community setting",
        "sampling: purposive",
        "data collected: 2016-03 to 2017 in United Kingdom",
        (
            "diagnosis: self-reported diagnosis; a diagnosis of BPD given by a mental health "
            "professional, as reported"
        ),
        f"methods: interpretative phenomenological analysis <{IPA}>",
    ):
        assert fact in text


def test_the_schema_takes_a_year_as_a_number_or_text() -> None:
    study = study_file_schema()["$defs"]["Study"]["properties"]
    bound = study["data_collection_start"]["anyOf"][0]
    assert [form["type"] for form in bound["anyOf"]] == ["integer", "string"]
