"""The evidence graph: typed nodes keyed by IRIs, relation-keyed edges, the round trip."""

from __future__ import annotations

import gc

import networkx as nx
import pytest

from evidence_graph import (
    Corpus,
    EvidenceGraph,
    NodeKind,
    NodeNotFoundError,
    Quote,
    Relation,
    Sample,
    Theme,
    Work,
    entity_iri,
    load,
    load_graph,
)
from evidence_graph.queries.concepts import about_edges

BASE = "https://w3id.org/evidence-graph/data/"
PAPER = "https://doi.org/10.3389/fpsyg.2019.00430"
MESH = "http://id.nlm.nih.gov/mesh/D001883"


def test_one_node_per_entity_keyed_by_its_iri(corpus: Corpus, graph: EvidenceGraph) -> None:
    assert isinstance(graph.graph, nx.MultiDiGraph)
    assert len(graph) == len(corpus) == graph.graph.number_of_nodes()
    for entity in corpus.entities():
        data = graph.graph.nodes[entity_iri(entity)]
        assert data["model"] is entity
        assert data["kind"] is entity.node_kind
        assert data["id"] == entity.id


def test_identity_rules() -> None:
    corpus = load("kverme2019")
    assert entity_iri(corpus.get("kverme2019-paper")) == PAPER
    assert entity_iri(corpus.get("bpd")) == MESH
    assert entity_iri(corpus.get("kverme2019")) == f"{BASE}study/kverme2019"
    assert entity_iri(corpus.get("she-believes")) == f"{BASE}quote/kverme2019/she-believes"
    assert entity_iri(corpus.get("britt-kverme")) == f"{BASE}person/britt-kverme"
    assert entity_iri(corpus.get("bpd-suicidality")) == f"{BASE}claim/bpd-suicidality"
    assert (
        entity_iri(corpus.get("limitation-small-sample"))
        == f"{BASE}claim/kverme2019/limitation-small-sample"
    )


def test_every_edge_is_keyed_by_a_relation(literature: EvidenceGraph) -> None:
    keys = {key for _, _, key in literature.graph.edges(keys=True)}
    assert keys
    assert all(isinstance(key, Relation) for key in keys)
    # the literature uses every relation but those of participants and subgroups, and of the
    # coders and memos of QDA projects, which it does not have (tests/test_participants.py and
    # tests/test_qda_read.py have them)
    people = {Relation.PART_OF, Relation.HAS_PARTICIPANT, Relation.MEMBER_OF, Relation.SPOKEN_BY}
    coding = {Relation.ATTRIBUTED_TO, Relation.ANNOTATES}
    assert keys == set(Relation) - people - coding


def test_framework_identity_and_edges(literature: EvidenceGraph) -> None:
    concept = f"{BASE}concept/chime-connectedness"
    assert literature.iri("chime-connectedness") == concept  # no public IRI: minted
    assert literature.iri("chime") == f"{BASE}scheme/chime"
    assert [c.id for c in literature.concepts("chime")] == [
        "chime-connectedness",
        "chime-hope",
        "chime-identity",
        "chime-meaning",
        "chime-empowerment",
    ]
    mapping = f"{BASE}mapping/daring-to-belong-to-chime-connectedness"
    edges = {(key, target) for _, target, key in literature.graph.out_edges(mapping, keys=True)}
    assert edges == {
        (Relation.MAPS_FROM, f"{BASE}theme/kverme2019/daring-to-belong"),
        (Relation.MAPS_TO, concept),
    }
    assert literature.graph.edges[mapping, concept, Relation.MAPS_TO]["relation"].value == "close"
    to_connectedness = {m.subject for m in literature.mappings("chime-connectedness")}
    assert to_connectedness == {
        "moving-toward-connectedness",
        "needing-honesty-and-genuine-mutuality",
        "daring-to-belong",
        "improving-relationships",
    }


def test_edges_run_the_documented_way(graph: EvidenceGraph) -> None:
    study = f"{BASE}study/kverme2019"
    theme = f"{BASE}theme/kverme2019/daring-to-belong"
    quote = f"{BASE}quote/kverme2019/group-therapy-helped-most"
    assert graph.graph.has_edge(study, PAPER, Relation.REPORTED_IN)
    assert graph.graph.has_edge(study, theme, Relation.HAS_THEME)
    assert graph.graph.has_edge(quote, theme, Relation.SUPPORTS)
    assert graph.graph.edges[quote, theme, Relation.SUPPORTS]["role"].value == "supporting"
    assert graph.graph.has_edge(
        PAPER, f"{BASE}claim/kverme2019/finding-daring-to-belong", Relation.ASSERTS
    )
    edge = graph.graph.edges[PAPER, f"{BASE}person/christian-moltu", Relation.AUTHORED_BY]
    assert (edge["position"], edge["corresponding"]) == (4, True)


def test_round_trip_gives_an_equal_corpus(corpus: Corpus, graph: EvidenceGraph) -> None:
    assert graph.to_corpus() == corpus
    assert EvidenceGraph.from_corpus(graph.to_corpus()).to_corpus() == corpus


def test_typed_accessors(graph: EvidenceGraph) -> None:
    assert [work.id for work in graph.works()] == [
        "kverme2019-paper",
        "psychology-today-4-keys",
        "lenzenweger2007",
    ]
    assert [study.id for study in graph.studies()] == ["kverme2019"]
    assert len(list(graph.themes("kverme2019"))) == 5
    assert len(list(graph.themes())) == 5
    assert [theme.id for theme in graph.top_themes("kverme2019")] == ["moving-toward-connectedness"]
    [quote] = graph.quotes("daring-to-belong")
    assert quote.id == "group-therapy-helped-most"
    assert len(list(graph.quotes())) == 4
    assert [work.id for work in graph.cited_works("psychology-today-4-keys")] == [
        "kverme2019-paper"
    ]
    [(citing, intents)] = graph.citing("kverme2019-paper")
    assert citing.id == "psychology-today-4-keys"
    assert [intent.value for intent in intents] == ["discusses", "includes-quotation-from"]
    assert [concept.iri for concept in graph.concepts()] == [MESH]
    assert len(list(graph.claims())) == 8


def test_get_by_iri_or_id_with_kind(graph: EvidenceGraph) -> None:
    assert graph.get(PAPER, Work).id == "kverme2019-paper"
    assert graph.get("kverme2019-paper").id == "kverme2019-paper"
    assert graph.kind(PAPER) is NodeKind.WORK
    assert graph.iri("bpd") == MESH
    assert "bpd" in graph
    assert MESH in graph
    assert "nothing" not in graph
    with pytest.raises(NodeNotFoundError, match="no node 'nothing' in the graph"):
        graph.get("nothing")
    with pytest.raises(NodeNotFoundError, match="no theme 'she-believes' in the graph"):
        graph.get("she-believes", Theme)
    with pytest.raises(KeyError):  # also a KeyError
        graph.iri("nothing")


def test_networkx_algorithms_run_unchanged(graph: EvidenceGraph) -> None:
    quote = graph.iri("group-therapy-helped-most")
    path = nx.shortest_path(graph.graph, quote, MESH)
    assert path[0] == quote
    assert path[-1] == MESH
    assert PAPER in nx.descendants(graph.graph, graph.iri("she-believes"))


def test_stats_count_nodes_and_edges(graph: EvidenceGraph) -> None:
    stats = graph.stats()
    assert (stats["quote"], stats["theme"], stats["study"]) == (4, 5, 1)
    assert stats["supports"] == 4
    assert stats["subtheme-of"] == 4


def test_a_base_must_be_an_http_iri_ending_in_a_separator(corpus: Corpus) -> None:
    with pytest.raises(ValueError, match="expected an http\\(s\\) IRI ending in '/' or '#'"):
        EvidenceGraph.from_corpus(corpus, base="https://example.org/no-slash")
    with pytest.raises(ValueError, match="is not an absolute IRI"):
        EvidenceGraph.from_corpus(corpus, base="not an iri/")


def test_evidence_of_a_claim(graph: EvidenceGraph) -> None:
    [quote] = graph.evidence("finding-learning-to-hold-ones-own")
    assert isinstance(quote, Quote)
    assert quote.id == "she-believes"
    assert list(graph.evidence("bpd-prevalence-1-6-percent")) == []


def test_loading_leaves_the_garbage_collector_as_it_found_it() -> None:
    assert gc.isenabled()
    load_graph("kverme2019")
    assert gc.isenabled()
    gc.disable()
    try:
        load("kverme2019")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_look_ups_follow_a_graph_that_gains_a_node(corpus: Corpus) -> None:
    graph = EvidenceGraph(EvidenceGraph.from_corpus(corpus).graph.copy())  # one that may change
    study = next(graph.studies())
    assert [sample.id for sample in graph.samples(study)] == [
        sample.id for sample in corpus.samples if sample.study == study.id
    ]
    extra = Sample(id="added-sample", study=study.id, size=3)
    graph.graph.add_node("urn:x:added", kind=NodeKind.SAMPLE, id=extra.id, model=extra)
    graph.graph.add_edge(graph.iri(study), "urn:x:added", key=Relation.HAS_SAMPLE)
    assert "added-sample" in [sample.id for sample in graph.samples(study)]
    assert "added-sample" in [sample.id for _, sample in graph.nodes(NodeKind.SAMPLE)]
    assert "urn:x:added" in [iri for iri, _ in graph.sorted_nodes(NodeKind.SAMPLE)]


def test_the_look_ups_hand_out_nothing_a_caller_could_change_for_the_next() -> None:
    graph = load_graph("kverme2019")
    claims = graph.sorted_nodes(NodeKind.CLAIM)
    assert isinstance(claims, tuple)
    about = about_edges(graph, MESH)
    assert isinstance(about, tuple)
    assert about
    assert graph.sorted_nodes(NodeKind.CLAIM) == claims


def test_a_graph_built_from_a_corpus_refuses_a_change_rather_than_answer_from_old_indexes() -> None:
    graph = load_graph("kverme2019")
    study = graph.iri("kverme2019")
    [sample] = graph.samples("kverme2019")
    with pytest.raises(nx.NetworkXError, match="Frozen"):
        graph.graph.remove_edge(study, graph.iri(sample.id), key=Relation.HAS_SAMPLE)
    assert list(graph.samples("kverme2019")) == [sample]
    copy = graph.graph.copy()  # a networkx copy may be changed, and wrapped again
    copy.remove_node(graph.iri(sample.id))
    assert list(EvidenceGraph(copy).samples("kverme2019")) == []
