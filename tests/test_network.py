"""Citation-network questions and paths, on the networkx graph."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from helpers import examples
from hypothesis import given, settings
from strategies import corpora

from evidence_graph import Corpus, EvidenceGraph, NodeNotFoundError, QueryError, Relation
from evidence_graph.queries import co_citations, most_cited, path_between

DATA = "https://w3id.org/evidence-graph/data/"


def _corpus(cites: dict[str, list[str]]) -> EvidenceGraph:
    """A corpus of works that cite each other as ``cites`` says."""
    names = sorted(set(cites) | {name for cited in cites.values() for name in cited})
    works: list[dict[str, Any]] = [
        {
            "id": name,
            "type": "journal-article",
            "title": f"Title {name}",
            "cites": [{"work": cited, "intents": ["cites"]} for cited in cites.get(name, [])],
        }
        for name in names
    ]
    return EvidenceGraph.from_corpus(Corpus.model_validate({"works": works}))


NETWORK = _corpus({"a": ["x", "y", "z"], "b": ["x", "y"], "c": ["x", "c"], "x": ["y"]})


def test_most_cited_counts_the_works_that_cite_each_work() -> None:
    rows = most_cited(NETWORK)
    assert [(row.work_id, row.citations) for row in rows] == [
        ("x", 3),
        ("y", 3),
        ("z", 1),
    ]  # c cites itself, which does not count
    assert [row.work_id for row in most_cited(NETWORK, top=1)] == ["x"]
    assert rows[0].title == "Title x"


def test_co_citations_pair_the_works_cited_together() -> None:
    rows = co_citations(NETWORK)
    assert [(row.first, row.second, row.count, row.citing) for row in rows] == [
        (f"{DATA}work/x", f"{DATA}work/y", 2, (f"{DATA}work/a", f"{DATA}work/b")),
        (f"{DATA}work/x", f"{DATA}work/z", 1, (f"{DATA}work/a",)),
        (f"{DATA}work/y", f"{DATA}work/z", 1, (f"{DATA}work/a",)),
    ]
    assert [row.count for row in co_citations(NETWORK, min_count=2)] == [2]


def test_the_path_from_a_quote_to_a_concept(graph: EvidenceGraph) -> None:
    with pytest.raises(NodeNotFoundError):  # a match's IRI names no node of the graph
        path_between(graph, "little-steps", "http://www.wikidata.org/entity/Q208166")
    steps = path_between(graph, "little-steps", "http://id.nlm.nih.gov/mesh/D001883")
    assert [(step.kind.value, step.node_id, step.relation, step.forward) for step in steps] == [
        ("quote", "little-steps", Relation.APPEARS_IN, True),
        ("work", "kverme2019-paper", Relation.ABOUT, True),
        ("concept", "bpd", None, None),
    ]
    assert steps[1].label is not None
    assert steps[1].label.startswith("Moving Toward Connectedness")


def test_a_path_between_two_works_runs_against_the_edges_too(graph: EvidenceGraph) -> None:
    steps = path_between(graph, "doi:10.3389/FPSYG.2019.00430", "psychology-today-4-keys")
    assert [(step.node_id, step.relation, step.forward) for step in steps] == [
        ("kverme2019-paper", Relation.CITES, False),
        ("psychology-today-4-keys", None, None),
    ]
    assert path_between(graph, "bpd", "bpd")[0].node_id == "bpd"


def test_nodes_that_no_path_joins_have_an_empty_path() -> None:
    graph = _corpus({"a": ["b"], "c": []})
    assert path_between(graph, "a", "c") == []


def test_an_unknown_node_is_an_error(graph: EvidenceGraph) -> None:
    with pytest.raises(NodeNotFoundError, match="no node 'little-step' in the graph"):
        path_between(graph, "little-step", "bpd")
    with pytest.raises(QueryError, match="is not a DOI"):
        path_between(graph, "10.33/x", "bpd")


def test_the_path_is_the_same_whatever_the_hash_seed() -> None:
    code = (
        "from evidence_graph import load_graph\n"
        "from evidence_graph.queries import path_between\n"
        "graph = load_graph('kverme2019')\n"
        "print([s.node for s in path_between(graph, 'she-believes', 'lenzenweger')])\n"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
        ).stdout
        for seed in ("0", "1", "2", "3")
    }
    assert len(outputs) == 1
    assert "person/lenzenweger" in outputs.pop()


@settings(max_examples=examples(30), deadline=None)
@given(corpora())
def test_counts_agree_with_the_edges(corpus: Corpus) -> None:
    graph = EvidenceGraph.from_corpus(corpus)
    citing: dict[str, set[str]] = {}
    for work in corpus.works:
        for citation in work.cites:
            if citation.work != work.id:
                citing.setdefault(graph.iri(citation.work), set()).add(graph.iri(work))
    assert {row.work: row.citations for row in most_cited(graph)} == {
        work: len(by) for work, by in citing.items()
    }
    for row in co_citations(graph):
        assert set(row.citing) == citing[row.first] & citing[row.second]
