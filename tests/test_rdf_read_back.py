"""RDF import read back: our export of any corpus loads as the very graph it was written from.

The same nodes under the same IRIs, each with an entity equal to the one the study files give
(field by field, value by value: ``1`` is not ``True`` nor ``1.0``), the same edges with the
same attributes, the same base, nothing left over, and the same export again.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from helpers import LITERATURE, examples
from hypothesis import HealthCheck, given, settings
from strategies import corpora

from benchmarks.corpus import plan_corpus, write_studies
from evidence_graph import Corpus, EvidenceGraph, load_graph, serialize

EXAMPLES = Path(__file__).parents[1] / "examples"
SUFFIXES = {"turtle": ".ttl", "nt": ".nt", "trig": ".trig", "jsonld": ".jsonld", "xml": ".rdf"}


def _edges(graph: EvidenceGraph) -> list[tuple[Any, ...]]:
    return sorted(
        (source, target, key.value, repr(sorted(attributes.items())))
        for source, target, key, attributes in graph.graph.edges(keys=True, data=True)
    )


def _assert_same_graph(read: EvidenceGraph, written: EvidenceGraph) -> None:
    """The graph read back is the graph written, whatever the order of its nodes."""
    assert read.base == written.base
    assert read.extra == frozenset()
    nodes, expected = dict(read.graph.nodes(data=True)), dict(written.graph.nodes(data=True))
    assert nodes.keys() == expected.keys()
    for iri, data in expected.items():
        found = nodes[iri]
        assert (found["kind"], found["id"]) == (data["kind"], data["id"])
        assert type(found["model"]) is type(data["model"])
        assert found["model"] == data["model"]
        assert found["model"].model_dump_json() == data["model"].model_dump_json()
    assert _edges(read) == _edges(written)


def _read_back(graph: EvidenceGraph, folder: Path, format: str = "turtle") -> EvidenceGraph:
    path = folder / f"graph{SUFFIXES[format]}"
    path.write_text(serialize(graph, format), encoding="utf-8")  # type: ignore[arg-type]
    return load_graph(path)


SOURCES = {
    "kverme2019": ("kverme2019",),
    "bpd-literature": ("bpd-literature",),
    "literature and katsakou2012": LITERATURE,
    "ng2019": ("bpd-literature", str(EXAMPLES / "studies/ng2019.yaml")),
    "both examples": (*LITERATURE, str(EXAMPLES / "studies/ng2019.yaml")),
    "bibliographies": (
        "kverme2019",
        *(
            str(EXAMPLES / "merging" / name)
            for name in ("crossref.json", "pubmed.ris", "zotero.bib")
        ),
    ),
    "spreadsheet": tuple(
        str(EXAMPLES / "spreadsheets" / name)
        for name in ("example-study.yaml", "example-quotes.csv")
    ),
}


@pytest.mark.parametrize("format", list(SUFFIXES))
@pytest.mark.parametrize("name", list(SOURCES))
def test_the_datasets_and_examples_read_back_as_written(
    tmp_path: Path, name: str, format: str
) -> None:
    written = load_graph(*SOURCES[name])
    read = _read_back(written, tmp_path, format)
    _assert_same_graph(read, written)
    assert serialize(read) == serialize(written)


def test_a_generated_corpus_of_10k_triples_reads_back_as_written(tmp_path: Path) -> None:
    plan = plan_corpus(10_000)
    written = load_graph(write_studies(tmp_path / "studies", plan.studies, 0, plan.last_quotes))
    read = _read_back(written, tmp_path)
    _assert_same_graph(read, written)
    assert serialize(read, "nt") == serialize(written, "nt")


def test_a_graph_of_another_base_reads_back_with_it(tmp_path: Path) -> None:
    written = load_graph(*LITERATURE, base="https://example.org/evidence/")
    _assert_same_graph(_read_back(written, tmp_path), written)


@settings(max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpus=corpora())
def test_a_generated_corpus_reads_back_as_written(corpus: Corpus) -> None:
    written = EvidenceGraph.from_corpus(corpus)
    with tempfile.TemporaryDirectory() as folder:
        read = _read_back(written, Path(folder))
    _assert_same_graph(read, written)
