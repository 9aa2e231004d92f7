"""Participants, subgroups and speakers: a study of 14 in two subgroups of 7, end to end."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import Cli, WriteStudy
from rdflib import Literal, URIRef
from rdflib.compare import isomorphic

from evidence_graph import (
    Corpus,
    EvidenceGraph,
    Participant,
    QueryError,
    Quote,
    StudyFileError,
    from_rdf,
    load,
    serialize,
    to_rdf,
    validate,
)
from evidence_graph.models import with_speakers
from evidence_graph.namespace import EG, OBO, PROV
from evidence_graph.queries import ask, quotes_for_theme, stats

DATA = "https://w3id.org/evidence-graph/data/"

STUDY = """\
# An interpretative phenomenological analysis of 14 women with a self-reported diagnosis of
# BPD, 7 recovered and 7 not. Made up for these tests: no real paper, person or quote.
works:
  - id: paper
    type: journal-article
    title: Becoming Someone Again
    doi: 10.5555/subgroups.2024.1

studies:
  - id: ipa14
    design: qualitative
    reported_in: [paper]

samples:
  - id: women
    study: ipa14
    size: 14
    sex: female
    age_min: 24
    age_max: 55
  - id: recovered
    study: ipa14
    size: 7
    part_of: women
    characteristic: {attribute: recovery_status, value: recovered}
  - id: not-recovered
    study: ipa14
    size: 7
    part_of: women
    characteristic: {attribute: recovery_status, value: not-recovered}

participants:
  - id: p3
    study: ipa14
    name: Participant 3
    sample: recovered
  - id: lena
    study: ipa14
    name: Lena            # a pseudonym, as the paper gives it
    sample: not-recovered
  - id: p9
    study: ipa14          # named by the paper only by her id

themes:
  - id: stages
    study: ipa14
    label: Stages of recovery
  - id: finding-words
    study: ipa14
    label: Finding words for it
    parent: stages
    number: 1

quotes:
  - id: q-words
    study: ipa14
    text: I finally had a word for what was happening to me.
    themes: [finding-words]
    read_in: paper
    appears_in: paper
    speaker: Participant 3
  - id: q-name
    study: ipa14
    text: The name did not change anything at first.
    themes: [finding-words]
    role: contrasting
    read_in: paper
    appears_in: paper
    speaker: Lena
  - id: q-p9
    study: ipa14
    text: It was a relief and a sentence at once.
    themes: [stages]
    read_in: paper
    appears_in: paper
    speaker: p9
  - id: q-unnamed
    study: ipa14
    text: Someone had seen me.
    themes: [stages]
    read_in: paper
    appears_in: paper
    speaker: P 12         # not a declared participant: stays text
"""


@pytest.fixture
def study(write_study: WriteStudy) -> Path:
    return write_study(STUDY)


@pytest.fixture
def graph(study: Path) -> EvidenceGraph:
    return EvidenceGraph.from_corpus(load(study))


def _error(path: Path) -> StudyFileError:
    with pytest.raises(StudyFileError) as info:
        load(path)
    return info.value


def _line(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if needle in line)


# -- the model -------------------------------------------------------------------------------


def test_a_speaker_names_a_participant_by_name_or_id(study: Path) -> None:
    corpus = load(study)
    speakers = {quote.id: (quote.speaker, quote.participant) for quote in corpus.quotes}
    assert speakers == {
        "q-words": ("Participant 3", "p3"),
        "q-name": ("Lena", "lena"),
        "q-p9": ("p9", "p9"),
        "q-unnamed": ("P 12", None),
    }


def test_old_speaker_ids_load_unchanged() -> None:
    quote = Quote(id="q", study="s", text="T", themes=("t",), read_in="w", appears_in="w",
                  speaker="P7")  # fmt: skip
    assert (quote.speaker, quote.participant) == ("P7", None)


def test_a_speaker_of_another_study_is_not_linked() -> None:
    lists = {
        "participants": [{"id": "p3", "study": "other", "name": "Participant 3"}],
        "quotes": [{"id": "q", "study": "s", "speaker": "Participant 3"}],
    }
    assert "participant" not in with_speakers(lists)["quotes"][0]


def test_a_speaker_names_a_participant_of_another_file_of_the_study(
    write_study: WriteStudy,
) -> None:
    people, quotes = STUDY.split("\nthemes:\n", 1)
    first = write_study(people, "people.yaml")
    second = write_study("themes:\n" + quotes, "quotes.yaml")
    corpus = load(first, second)
    assert corpus.get("q-words").participant == "p3"  # type: ignore[attr-defined]
    assert corpus == load(write_study(STUDY))


def test_the_graph_links_quotes_to_participants_and_subgroups(graph: EvidenceGraph) -> None:
    assert [sample.id for sample in graph.whole_samples("ipa14")] == ["women"]
    assert [sample.id for sample in graph.subgroups("women")] == ["recovered", "not-recovered"]
    assert [person.id for person in graph.participants("ipa14")] == ["p3", "lena", "p9"]
    quote, person = graph.iri("q-words"), graph.iri("p3")
    assert graph.graph.has_edge(quote, person, key="spoken-by")
    assert graph.graph.has_edge(person, graph.iri("recovered"), key="member-of")
    assert graph.graph.has_edge(graph.iri("recovered"), graph.iri("women"), key="part-of")
    assert isinstance(graph.get("lena"), Participant)


# -- counts ----------------------------------------------------------------------------------


def test_show_counts_the_whole_sample_once(cli: Cli, study: Path) -> None:
    result = cli("show", str(study))
    assert result.returncode == 0, result.stderr
    assert "sample: 14 participants: 7 recovered, 7 not recovered; female, aged 24–55" in (
        result.stdout
    )
    assert result.stdout.count("sample:") == 1


@pytest.mark.parametrize("engine", ["python", "sparql"])
def test_stats_count_subgroups_in_their_whole(graph: EvidenceGraph, engine: str) -> None:
    rows = ask(graph, "stats", engine=engine)  # type: ignore[arg-type]
    counts = {row.kind.value: row.count for row in rows}  # type: ignore[attr-defined]
    assert (counts["sample"], counts["participant"], counts["quote"]) == (1, 3, 4)
    assert rows == stats(graph)


# -- quotes-for-theme ------------------------------------------------------------------------


def test_quotes_for_theme_rows_carry_speaker_and_subgroup(graph: EvidenceGraph) -> None:
    rows = quotes_for_theme(graph, "stages")
    assert [(row.quote_id, row.speaker, row.subgroup_id) for row in rows] == [
        ("q-p9", "p9", None),
        ("q-unnamed", "P 12", None),
        ("q-name", "Lena", "not-recovered"),
        ("q-words", "Participant 3", "recovered"),
    ]
    assert rows[3].subgroup == f"{DATA}sample/ipa14/recovered"


@pytest.mark.parametrize(
    ("subgroup", "expected"),
    [
        ("recovered", ["q-words"]),
        ("not-recovered", ["q-name"]),
        ("women", ["q-name", "q-words"]),  # the whole: a quote of either of its subgroups
        (f"{DATA}sample/ipa14/not-recovered", ["q-name"]),
    ],
)
def test_quotes_for_theme_keeps_to_a_subgroup_in_both_engines(
    graph: EvidenceGraph, subgroup: str, expected: list[str]
) -> None:
    parameters = {"theme": "Stages of recovery", "subgroup": subgroup}
    python = ask(graph, "quotes-for-theme", parameters)
    assert [row.quote_id for row in python] == expected  # type: ignore[attr-defined]
    assert ask(graph, "quotes-for-theme", parameters, engine="sparql") == python
    assert python == quotes_for_theme(graph, "stages", subgroup=subgroup)


def test_the_engines_agree_without_a_subgroup(graph: EvidenceGraph) -> None:
    for theme in ("stages", "finding-words"):
        python = ask(graph, "quotes-for-theme", {"theme": theme})
        assert ask(graph, "quotes-for-theme", {"theme": theme}, engine="sparql") == python


@pytest.mark.parametrize("engine", ["python", "sparql"])
def test_an_unknown_subgroup_is_an_error(graph: EvidenceGraph, engine: str) -> None:
    with pytest.raises(QueryError) as info:
        ask(graph, "quotes-for-theme", {"theme": "stages", "subgroup": "recoverd"}, engine=engine)  # type: ignore[arg-type]
    assert str(info.value) == (
        "subgroup: 'recoverd': no sample has this id; did you mean 'recovered' or 'not-recovered'?"
    )


def test_the_cli_filters_by_subgroup(cli: Cli, study: Path) -> None:
    for engine in ([], ["--sparql"]):
        result = cli(
            "query", "quotes-for-theme", str(study), *engine,
            "-p", "theme=stages", "-p", "subgroup=recovered", "--format", "csv",
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        header, *rows = result.stdout.splitlines()
        assert {"speaker", "subgroup", "subgroup_id"} <= set(header.split(","))
        assert len(rows) == 1
        assert "q-words" in rows[0]
        assert "Participant 3" in rows[0]


# -- bad values ------------------------------------------------------------------------------


def _changed(write_study: WriteStudy, old: str, new: str) -> Path:
    assert old in STUDY
    return write_study(STUDY.replace(old, new, 1))


def test_a_characteristic_value_must_fit_its_attribute(write_study: WriteStudy) -> None:
    path = _changed(write_study, "value: recovered}", "value: yes}")
    [problem] = _error(path).problems
    assert problem.location == "samples[1].characteristic.value"
    assert problem.line == _line(path, "value: yes}")
    assert problem.message == "recovery_status expects 'recovered' or 'not-recovered', not True"


def test_a_characteristic_is_not_numeric(write_study: WriteStudy) -> None:
    path = _changed(write_study, "{attribute: recovery_status, value: recovered}",
                    "{attribute: age, value: 30}")  # fmt: skip
    [problem] = _error(path).problems
    assert problem.location == "samples[1].characteristic.attribute"
    assert problem.message.startswith(
        "age is numeric; describe a subgroup by its ages with age_min and age_max"
    )


def test_a_subgroup_of_an_unknown_sample(write_study: WriteStudy) -> None:
    path = _changed(write_study, "part_of: women", "part_of: woman")
    [problem] = _error(path).problems
    assert problem.location == "samples[1].part_of"
    assert problem.line == _line(path, "part_of: woman")
    assert problem.message == "no entity has the id 'woman'; expected the id of a sample"


def test_a_subgroup_of_another_study_s_sample(write_study: WriteStudy) -> None:
    other = "  - id: other\n    design: qualitative\n    reported_in: [paper]\n\nsamples:\n"
    extra = "  - id: theirs\n    study: other\n    size: 20\n"
    text = STUDY.replace("\nsamples:\n", "\n" + other + extra, 1)
    path = write_study(text.replace("part_of: women", "part_of: theirs", 1))
    [problem] = _error(path).problems
    assert problem.location == "samples[2].part_of"
    assert problem.message == (
        "sample 'theirs' belongs to study 'other'; expected a sample of the same study 'ipa14'"
    )


def test_subgroups_in_a_cycle(write_study: WriteStudy) -> None:
    text = STUDY.replace("    size: 14\n", "    size: 14\n    part_of: recovered\n", 1)
    path = write_study(text)
    messages = [problem.message for problem in _error(path).problems]
    assert (
        "the subgroups have a cycle (women -> recovered -> women); expected each subgroup "
        "to be part of a larger sample"
    ) in messages


def test_a_subgroup_larger_than_its_whole(write_study: WriteStudy) -> None:
    path = _changed(
        write_study, "    size: 7\n    part_of: women", "    size: 15\n    part_of: women"
    )
    problems = _error(path).problems
    assert [(problem.location, problem.message) for problem in problems] == [
        (
            "samples[1].size",
            (
                "15 is more than the 14 of sample 'women' it is part of; expected a subgroup no "
                "larger than its whole"
            ),
        ),
        (
            "samples[0].size",
            (
                "its subgroups (recovered 15, not-recovered 7) have 22 participants together, "
                "more than its size 14; expected subgroups that add up to at most 14"
            ),
        ),
    ]
    assert problems[0].line == _line(path, "size: 15")


def test_subgroups_adding_up_past_their_whole(write_study: WriteStudy) -> None:
    path = _changed(
        write_study, "    size: 7\n    part_of: women", "    size: 8\n    part_of: women"
    )
    [problem] = _error(path).problems
    assert problem.location == "samples[0].size"
    assert problem.line == _line(path, "size: 14")
    assert problem.message == (
        "its subgroups (recovered 8, not-recovered 7) have 15 participants together, more than "
        "its size 14; expected subgroups that add up to at most 14"
    )


def test_a_speaker_naming_two_participants(write_study: WriteStudy) -> None:
    path = _changed(write_study, "    name: Lena ", "    name: Participant 3 ")
    [problem] = _error(path).problems
    assert problem.location == "quotes[0].speaker"
    assert problem.message == (
        "'Participant 3' names 2 participants of study 'ipa14' (p3, lena); expected one: give "
        "the quote's participant by id"
    )


def test_a_participant_other_than_the_speaker(write_study: WriteStudy) -> None:
    path = _changed(write_study, "    speaker: Lena\n", "    speaker: Lena\n    participant: p3\n")
    [problem] = _error(path).problems
    assert problem.location == "quotes[1].participant"
    assert problem.line == _line(path, "participant: p3")
    assert problem.message == (
        "the speaker 'Lena' is the participant 'lena'; expected that participant, or none (it "
        "is found from the speaker)"
    )


def test_two_participants_of_one_name_told_apart_by_id(write_study: WriteStudy) -> None:
    text = STUDY.replace("    name: Lena ", "    name: Participant 3 ", 1)
    given = "    speaker: Participant 3\n    participant: lena\n"
    path = write_study(text.replace("    speaker: Participant 3\n", given, 1))
    assert load(path).get("q-words").participant == "lena"  # type: ignore[attr-defined]


def test_a_participant_of_an_unknown_sample(write_study: WriteStudy) -> None:
    path = _changed(write_study, "    sample: recovered", "    sample: recoverd")
    [problem] = _error(path).problems
    assert problem.location == "participants[0].sample"
    assert problem.message == "no entity has the id 'recoverd'; expected the id of a sample"


def test_a_speaker_of_white_space(write_study: WriteStudy) -> None:
    path = _changed(write_study, "speaker: Lena", "speaker: ' '")
    [problem] = _error(path).problems
    assert problem.location == "quotes[1]"
    assert problem.message == (
        "speaker: expected the speaker's name or id as the work gives it, not only white space"
    )


# -- RDF ---------------------------------------------------------------------------------------


def test_the_rdf_says_part_of_member_of_and_attributed_to(study: Path) -> None:
    rdf = to_rdf(load(study))
    sample, whole = URIRef(f"{DATA}sample/ipa14/recovered"), URIRef(f"{DATA}sample/ipa14/women")
    person, quote = URIRef(f"{DATA}participant/ipa14/p3"), URIRef(f"{DATA}quote/ipa14/q-words")
    assert (sample, URIRef(OBO.BFO_0000050), whole) in rdf
    assert (sample, URIRef(EG.characteristicAttribute), Literal("recovery_status")) in rdf
    assert (sample, URIRef(EG.characteristicValue), Literal("recovered")) in rdf
    assert (person, URIRef(OBO.RO_0002350), sample) in rdf
    assert (URIRef(f"{DATA}study/ipa14"), URIRef(OBO.RO_0000057), person) in rdf
    assert (quote, URIRef(PROV.wasAttributedTo), person) in rdf
    assert (quote, URIRef(EG.speaker), Literal("Participant 3")) in rdf
    unnamed = URIRef(f"{DATA}quote/ipa14/q-unnamed")
    assert not list(rdf.objects(unnamed, URIRef(PROV.wasAttributedTo)))


def test_the_rdf_round_trips(study: Path) -> None:
    corpus = load(study)
    again = from_rdf(to_rdf(corpus)).to_corpus()
    assert again == corpus
    assert isomorphic(to_rdf(again), to_rdf(corpus))


def test_a_boolean_characteristic_round_trips() -> None:
    corpus = Corpus.model_validate(
        {
            "works": [{"id": "w", "type": "journal-article", "title": "T"}],
            "studies": [{"id": "s", "design": "qualitative", "reported_in": ["w"]}],
            "samples": [
                {"id": "all", "study": "s", "size": 10},
                {
                    "id": "adults",
                    "study": "s",
                    "size": 6,
                    "part_of": "all",
                    "characteristic": {"attribute": "adult", "value": True},
                },
            ],
        }
    )
    assert from_rdf(to_rdf(corpus)).to_corpus() == corpus
    assert re.search(r"characteristicValue true", serialize(corpus, "turtle"))


def test_the_export_conforms_to_the_shapes(study: Path) -> None:
    report = validate(load(study))
    assert report.results == ()
    assert report.conforms
