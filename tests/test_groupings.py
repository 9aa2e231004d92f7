"""Analytic structure: kinds of theme, groupings and ordered groupings, from file to RDF and back.

The study files are written as a user would write them: an interpretative phenomenological
analysis with three ordered stages and four processes, and variations of it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import Cli, WriteStudy, same_answer
from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic

from evidence_graph import (
    Corpus,
    EvidenceGraph,
    StudyFileError,
    Theme,
    ThemeKind,
    from_rdf,
    load,
    serialize,
    to_rdf,
    validate,
)
from evidence_graph.namespace import EG, RDF, SKOS
from evidence_graph.queries import ask, theme_tree

DATA = "https://w3id.org/evidence-graph/data/theme/ipa/"
STAGES, PROCESSES = URIRef(DATA + "stages"), URIRef(DATA + "processes")

HEAD = """\
works:
  - {id: paper, type: journal-article, title: Recovery in BPD}
studies:
  - {id: ipa, design: qualitative, reported_in: [paper]}
"""

IPA = (
    HEAD
    + """\
themes:
  - {id: stages, study: ipa, label: Stages of recovery, kind: grouping, ordered: true}
  - {id: surviving, study: ipa, label: Surviving, kind: stage, parent: stages, number: 1}
  - {id: seeking, study: ipa, label: Seeking a life, kind: stage, parent: stages, number: 2}
  - {id: living, study: ipa, label: Living, kind: stage, parent: stages, number: 3}
  - {id: processes, study: ipa, label: Processes of change, kind: grouping}
  - {id: hope, study: ipa, label: Finding hope, kind: process, parent: processes}
  - {id: agency, study: ipa, label: Agency, kind: process, parent: processes}
  - {id: belonging, study: ipa, label: Belonging, kind: process, parent: processes}
  - {id: acceptance, study: ipa, label: Acceptance, kind: process, parent: processes}
"""
)
"""Three ordered stages and four processes, given in the paper's order, not alphabetically."""

MIXED = (
    HEAD
    + """\
themes:
  - id: stages
    study: ipa
    label: Stages of recovery
    kind: grouping
    ordered: true
  - {id: zeal, study: ipa, label: Zeal, kind: stage, parent: stages}
  - {id: coping, study: ipa, label: Coping, kind: stage, parent: stages, number: 2}
  - {id: awakening, study: ipa, label: Awakening, kind: stage, parent: stages}
  - {id: beginning, study: ipa, label: Beginning, kind: stage, parent: stages, number: 1}
"""
)
"""An ordered grouping whose members are numbered only in part, and not in the file's order."""


@pytest.fixture
def ipa(write_study: WriteStudy) -> Path:
    return write_study(IPA, "ipa.yaml")


@pytest.fixture
def mixed(write_study: WriteStudy) -> Path:
    return write_study(MIXED, "mixed.yaml")


def _labels(corpus: Corpus) -> list[str]:
    return [row.label for row in theme_tree(EvidenceGraph.from_corpus(corpus))]


# -- the models -----------------------------------------------------------------------------------


def test_a_theme_gives_its_kind_and_a_grouping_its_order(ipa: Path) -> None:
    corpus = load(str(ipa))
    stages, surviving = corpus.get("stages"), corpus.get("surviving")
    assert isinstance(stages, Theme)
    assert isinstance(surviving, Theme)
    assert (stages.kind, stages.ordered) == (ThemeKind.GROUPING, True)
    assert (surviving.kind, surviving.ordered) == (ThemeKind.STAGE, False)
    assert corpus.get("processes").model_dump()["ordered"] is False


def test_a_theme_without_a_kind_says_none() -> None:
    theme = Theme(id="t", study="s", label="T")
    assert (theme.kind, theme.ordered) == (None, False)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "{id: t, study: ipa, label: T, kind: stage, ordered: true}",
            (
                "line 6: themes[0].ordered: true on a stage; expected kind: grouping beside it, "
                "for only a grouping orders its members (or leave ordered out)"
            ),
        ),
        (
            "{id: t, study: ipa, label: T, ordered: true}",
            (
                "line 6: themes[0].ordered: true on a theme without a kind; expected kind: "
                "grouping beside it, for only a grouping orders its members (or leave ordered out)"
            ),
        ),
        (
            "{id: t, study: ipa, label: T, kind: stages}",
            (
                "line 6: themes[0].kind: expected 'theme', 'sub-theme', 'category', 'stage', "
                "'process', 'domain' or 'grouping' (got 'stages')"
            ),
        ),
    ],
)
def test_a_bad_kind_or_order_is_refused_in_plain_words(
    write_study: WriteStudy, line: str, message: str
) -> None:
    path = write_study(HEAD + f"themes:\n  - {line}\n", "bad.yaml")
    with pytest.raises(StudyFileError) as error:
        load(str(path))
    assert [str(problem) for problem in error.value.problems] == [message]


def test_two_members_of_an_ordered_grouping_with_one_number_are_refused(
    write_study: WriteStudy,
) -> None:
    path = write_study(
        IPA.replace(
            "label: Living, kind: stage, parent: stages, number: 3",
            "label: Living, kind: stage, parent: stages, number: 2",
        ),
        "twice.yaml",
    )
    with pytest.raises(StudyFileError) as error:
        load(str(path))
    assert [str(problem) for problem in error.value.problems] == [
        (
            "line 9: themes[3].number: themes[2] ('seeking') has the number 2 too in the "
            "ordered grouping 'stages'; expected each member's number once"
        )
    ]


def test_members_of_an_unordered_grouping_may_share_a_number(write_study: WriteStudy) -> None:
    text = IPA.replace("parent: processes}", "parent: processes, number: 1}")
    assert len(load(str(write_study(text, "shared.yaml"))).themes) == 9


# -- the order ------------------------------------------------------------------------------------


def test_theme_tree_keeps_the_file_s_order_never_the_alphabet(ipa: Path) -> None:
    assert _labels(load(str(ipa))) == [
        "Stages of recovery",
        "Surviving",
        "Seeking a life",
        "Living",
        "Processes of change",
        "Finding hope",
        "Agency",
        "Belonging",
        "Acceptance",
    ]


def test_numbered_members_come_first_then_the_rest_as_given(mixed: Path) -> None:
    corpus = load(str(mixed))
    assert _labels(corpus) == ["Stages of recovery", "Beginning", "Coping", "Zeal", "Awakening"]
    rows = theme_tree(EvidenceGraph.from_corpus(corpus))
    assert [(row.number, row.position, row.kind) for row in rows] == [
        (None, None, ThemeKind.GROUPING),
        (1, 1, ThemeKind.STAGE),
        (2, 2, ThemeKind.STAGE),
        (None, 3, ThemeKind.STAGE),
        (None, 4, ThemeKind.STAGE),
    ]


def test_show_keeps_the_file_s_order_and_names_the_kinds(ipa: Path, cli: Cli) -> None:
    shown = cli("show", str(ipa))
    assert shown.returncode == 0
    lines = [line.strip("│├└─ ") for line in shown.stdout.splitlines()]
    first = lines.index("Stages of recovery · ordered grouping")
    assert lines[first : first + 9] == [
        "Stages of recovery · ordered grouping",
        "1. Surviving · stage",
        "2. Seeking a life · stage",
        "3. Living · stage",
        "Processes of change · grouping",
        "Finding hope · process",
        "Agency · process",
        "Belonging · process",
        "Acceptance · process",
    ]


def test_the_theme_tree_table_shows_the_kind(ipa: Path, cli: Cli) -> None:
    shown = cli("query", "theme-tree", str(ipa), "-f", "csv")
    header, first, second, *_ = shown.stdout.splitlines()
    assert header.split(",")[:6] == ["theme", "theme_id", "label", "number", "kind", "position"]
    assert first.split(",")[1:6] == ["stages", "Stages of recovery", "", "grouping", ""]
    assert second.split(",")[1:6] == ["surviving", "Surviving", "1", "stage", "1"]


# -- RDF ------------------------------------------------------------------------------------------


def test_a_grouping_is_a_skos_collection_and_an_ordered_one_lists_its_members(ipa: Path) -> None:
    rdf = to_rdf(load(str(ipa)))
    stages = [URIRef(DATA + name) for name in ("surviving", "seeking", "living")]
    processes = {URIRef(DATA + name) for name in ("hope", "agency", "belonging", "acceptance")}
    assert {(PROCESSES, RDF.type, cls) in rdf for cls in (SKOS.Collection, EG.Grouping)} == {True}
    assert (PROCESSES, RDF.type, SKOS.OrderedCollection) not in rdf
    assert (PROCESSES, SKOS.memberList, None) not in rdf
    assert set(rdf.objects(PROCESSES, SKOS.member)) == processes
    assert (STAGES, RDF.type, SKOS.OrderedCollection) in rdf
    assert (STAGES, RDF.type, SKOS.Collection) in rdf
    assert set(rdf.objects(STAGES, SKOS.member)) == set(stages)
    [head] = rdf.objects(STAGES, SKOS.memberList)
    assert list(Collection(rdf, head)) == stages
    assert {(URIRef(DATA + "surviving"), RDF.type, cls) in rdf for cls in (EG.Stage, EG.Theme)} == {
        True
    }


def test_a_grouping_stays_a_concept_of_its_scheme_with_its_members_below_it(ipa: Path) -> None:
    rdf = to_rdf(load(str(ipa)))
    assert (STAGES, RDF.type, SKOS.Concept) in rdf
    assert (STAGES, SKOS.topConceptOf, None) in rdf
    assert (URIRef(DATA + "surviving"), SKOS.broader, STAGES) in rdf


def test_an_ordered_grouping_without_members_has_an_empty_list(write_study: WriteStudy) -> None:
    path = write_study(
        HEAD + "themes:\n  - {id: stages, study: ipa, label: S, kind: grouping, ordered: true}\n",
        "empty.yaml",
    )
    corpus = load(str(path))
    rdf = to_rdf(corpus)
    assert (STAGES, SKOS.memberList, RDF.nil) in rdf
    assert from_rdf(rdf).to_corpus() == corpus
    assert validate(rdf).conforms


@pytest.mark.parametrize("name", ["ipa", "mixed"])
def test_groupings_round_trip_with_their_order(name: str, request: pytest.FixtureRequest) -> None:
    corpus = load(str(request.getfixturevalue(name)))
    rdf = to_rdf(corpus)
    graph = from_rdf(rdf)
    assert graph.to_corpus() == corpus
    assert graph.extra == frozenset()
    assert isomorphic(to_rdf(graph), rdf)
    members = [theme.id for theme in EvidenceGraph.from_corpus(corpus).subthemes("stages")]
    assert [theme.id for theme in graph.subthemes("stages")] == members


def test_a_tree_with_one_top_comes_back_in_the_file_s_order(mixed: Path) -> None:
    corpus = load(str(mixed))
    assert _labels(from_rdf(to_rdf(corpus)).to_corpus()) == _labels(corpus)


def test_un_numbered_overarching_themes_come_back_in_the_order_of_their_iris(ipa: Path) -> None:
    """RDF keeps no order for them: read back, they come as their IRIs sort."""
    read = from_rdf(to_rdf(load(str(ipa)))).to_corpus()
    assert [theme.id for theme in read.themes if theme.parent is None] == ["processes", "stages"]


def test_the_member_list_s_order_is_read_back_without_numbers(mixed: Path) -> None:
    corpus = load(str(mixed))
    text = serialize(corpus, "turtle")
    read = from_rdf(Graph().parse(data=text, format="turtle")).to_corpus()
    stages = [theme.id for theme in read.themes if theme.parent == "stages"]
    assert stages == ["beginning", "coping", "zeal", "awakening"]


@pytest.mark.parametrize("name", ["ipa", "mixed"])
def test_groupings_conform_to_the_shapes(name: str, request: pytest.FixtureRequest) -> None:
    report = validate(load(str(request.getfixturevalue(name))))
    assert report.results == ()
    assert report.conforms


def test_a_theme_without_a_kind_writes_nothing_new() -> None:
    rdf = to_rdf(load("kverme2019"))
    assert (None, SKOS.member, None) not in rdf
    assert (None, RDF.type, SKOS.Collection) not in rdf


# -- Python and SPARQL ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["ipa", "mixed"])
def test_sparql_gives_python_s_rows_for_ordered_groupings(
    name: str, request: pytest.FixtureRequest
) -> None:
    graph = EvidenceGraph.from_corpus(load(str(request.getfixturevalue(name))))
    python = ask(graph, "theme-tree", {})
    sparql = ask(graph, "theme-tree", {}, engine="sparql")
    same_answer("theme-tree", python, sparql)
    stages = [row for row in sparql if row.parent == str(STAGES)]
    assert [row.position for row in stages] == list(range(1, len(stages) + 1))
    assert [row for row in python if row.parent == str(STAGES)] == stages


def test_numbered_siblings_come_alike_from_both_engines(write_study: WriteStudy) -> None:
    numbered = IPA.replace("kind: grouping, ordered: true}", "kind: grouping, number: 1}")
    numbered = numbered.replace(
        "label: Processes of change, kind: grouping}",
        "label: Processes of change, kind: grouping, number: 2}",
    )
    for place, name in enumerate(("hope", "agency", "belonging", "acceptance"), start=1):
        numbered = numbered.replace(f"{{id: {name}, ", f"{{number: {place}, id: {name}, ")
    graph = EvidenceGraph.from_corpus(load(str(write_study(numbered, "numbered.yaml"))))
    python = ask(graph, "theme-tree", {})
    assert ask(graph, "theme-tree", {}, engine="sparql") == python
    assert [row.label for row in python][4:6] == ["Processes of change", "Finding hope"]


def test_sparql_orders_unnumbered_members_of_an_unordered_grouping_by_label(ipa: Path) -> None:
    """RDF keeps no order there: the documented difference between the engines."""
    graph = EvidenceGraph.from_corpus(load(str(ipa)))
    sparql = ask(graph, "theme-tree", {}, engine="sparql")
    processes = [row.label for row in sparql if row.parent == str(PROCESSES)]
    assert processes == ["Acceptance", "Agency", "Belonging", "Finding hope"]


def test_a_member_list_of_blank_nodes_is_read_and_written_in_our_form(mixed: Path) -> None:
    corpus = load(str(mixed))
    rdf = to_rdf(corpus)
    [head] = rdf.objects(STAGES, SKOS.memberList)
    members = list(Collection(rdf, head))
    for cell in list(rdf.transitive_objects(head, RDF.rest)):
        rdf.remove((cell, None, None))
    rdf.remove((STAGES, SKOS.memberList, None))
    blank = BNode()
    Collection(rdf, blank, members)  # as rdflib, and most tools, write a list
    rdf.add((STAGES, SKOS.memberList, blank))

    graph = from_rdf(rdf)

    assert graph.to_corpus() == corpus
    assert graph.extra == frozenset()
    assert [URIRef(graph.iri(theme)) for theme in graph.subthemes("stages")] == members
    assert isomorphic(to_rdf(graph), to_rdf(corpus))
