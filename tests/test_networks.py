"""GraphML and GEXF: valid against their schemas, read back whole by networkx and igraph."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import igraph
import networkx as nx
import pytest
import xmlschema
from helpers import LITERATURE, Cli, examples
from hypothesis import given, settings
from strategies import corpora

from evidence_graph import (
    Corpus,
    EvidenceGraph,
    NotWritableError,
    load,
    load_graph,
    to_gexf,
    to_graphml,
)
from evidence_graph.io import plain_edges, plain_nodes
from evidence_graph.models import private_fields

DATA = Path(__file__).parent / "data"
WRITERS: dict[str, Callable[[EvidenceGraph], bytes]] = {"graphml": to_graphml, "gexf": to_gexf}


def _schema(path: Path) -> xmlschema.XMLSchema:
    """The schema of a format, from its files under tests/data; nothing is fetched."""
    return xmlschema.XMLSchema(str(path.resolve()), allow="local")


SCHEMAS = {
    "graphml": _schema(DATA / "graphml" / "graphml.xsd"),
    "gexf": _schema(DATA / "gexf-1.3" / "gexf.xsd"),
}


def _read(format: str, data: bytes) -> nx.MultiDiGraph:
    """The document read by networkx, its nodes named by their IRIs."""
    if format == "gexf":
        read = nx.MultiDiGraph(nx.read_gexf(io.BytesIO(data)))
    else:
        read = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    assert isinstance(read, nx.MultiDiGraph)
    return nx.relabel_nodes(read, {node: attrs["iri"] for node, attrs in read.nodes(data=True)})


def _edges(graph: nx.MultiDiGraph, relation: Callable[[object, dict[str, object]], str]) -> Counter:
    return Counter(
        (source, target, relation(key, data))
        for source, target, key, data in graph.edges(keys=True, data=True)
    )


@pytest.mark.parametrize("format", sorted(WRITERS))
@pytest.mark.parametrize("sources", [("kverme2019",), LITERATURE])
def test_a_network_file_is_valid_and_reads_back_whole(
    format: str, sources: tuple[str, ...]
) -> None:
    graph = load_graph(*sources)
    data = WRITERS[format](graph)
    SCHEMAS[format].validate(io.BytesIO(data))
    read = _read(format, data)
    assert set(read.nodes) == set(graph.graph.nodes)
    assert _edges(read, lambda _, data: str(data["relation"])) == _edges(
        graph.graph, lambda key, _: str(key.value)
    )
    assert read.number_of_edges() == graph.graph.number_of_edges()
    for node in plain_nodes(graph):
        assert read.nodes[node.iri] == node.attributes
    written = {(e.source, e.target, e.relation): e.attributes for e in plain_edges(graph)}
    for source, target, data_read in read.edges(data=True):
        shown = {
            name: value for name, value in data_read.items() if format == "graphml" or name != "id"
        }
        if format == "gexf":
            assert shown.pop("label") == data_read["relation"]
        assert shown == written[source, target, data_read["relation"]]


def test_the_schemas_refuse_what_they_should() -> None:
    """The schema checks bite: an IRI is no GraphML node id, nor are two edges one id."""
    data = to_graphml(load_graph("kverme2019")).decode()
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        SCHEMAS["graphml"].validate(
            io.StringIO(data.replace('<node id="n0">', '<node id="https://example.org/a">'))
        )
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        SCHEMAS["graphml"].validate(io.StringIO(data.replace('<edge id="e1" ', '<edge id="e0" ')))
    gexf = to_gexf(load_graph("kverme2019")).decode()
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        SCHEMAS["gexf"].validate(io.StringIO(gexf.replace('version="1.3"', 'version="1.2"')))


def test_what_the_attributes_hold() -> None:
    graph = load_graph(*LITERATURE)
    nodes = {node.iri: node.attributes for node in plain_nodes(graph)}
    paper = nodes["https://doi.org/10.3389/fpsyg.2019.00430"]
    assert paper["kind"] == "work"
    assert paper["doi"] == "10.3389/fpsyg.2019.00430"
    assert paper["year"] == 2019
    assert str(paper["label"]).startswith("Moving Toward Connectedness – A Qualitative Study")
    theme = nodes[graph.iri("moving-toward-connectedness")]
    assert (theme["kind"], theme["study"], theme["local_id"]) == (
        "theme",
        "kverme2019",
        "moving-toward-connectedness",
    )
    edges = plain_edges(graph)
    intents = [edge.attributes["intents"] for edge in edges if edge.relation == "cites"]
    assert "discusses includes-quotation-from" in intents
    roles = {edge.attributes["role"] for edge in edges if edge.relation == "supports"}
    assert roles == {"supporting", "contrasting"}
    mapped = [edge.attributes for edge in edges if edge.relation in {"maps-to", "maps-from"}]
    assert len(mapped) == 2 * len(list(graph.mappings()))
    assert all({"match", "justification"} <= attributes.keys() for attributes in mapped)
    assert all("relation" not in node or node["kind"] != "mapping" for node in nodes.values())


@pytest.mark.parametrize("format", sorted(WRITERS))
def test_the_same_corpus_gives_the_same_bytes_in_any_load_order(format: str) -> None:
    first = WRITERS[format](load_graph(*LITERATURE))
    second = WRITERS[format](load_graph(*reversed(LITERATURE)))
    assert first == second
    assert b"lastmodifieddate" not in first


def test_a_transcript_is_never_written() -> None:
    corpus = load("kverme2019")
    work = corpus.works[0].model_copy(update={"text": "SECRET TRANSCRIPT words"})
    assert "text" in private_fields(type(work))
    graph = EvidenceGraph.from_corpus(
        corpus.model_copy(update={"works": [work, *corpus.works[1:]]})
    )
    for write in WRITERS.values():
        assert b"SECRET TRANSCRIPT" not in write(graph)


def _with_theme_label(label: str) -> EvidenceGraph:
    corpus = load("kverme2019")
    theme = corpus.themes[0].model_copy(update={"label": label})
    return EvidenceGraph.from_corpus(
        corpus.model_copy(update={"themes": [theme, *corpus.themes[1:]]})
    )


@pytest.mark.parametrize("format", sorted(WRITERS))
def test_hostile_text_comes_back_exactly(format: str) -> None:
    label = " <script>alert(\"x\")</script> & 'q' 😀 \u202eRTL\r\nnext\tline  " + "long " * 500
    graph = _with_theme_label(label)
    data = WRITERS[format](graph)
    SCHEMAS[format].validate(io.BytesIO(data))
    read = _read(format, data)
    assert read.nodes[graph.iri(load("kverme2019").themes[0].id)]["label"] == label


@pytest.mark.parametrize("format", sorted(WRITERS))
def test_a_control_character_is_refused_naming_the_entity_and_field(format: str) -> None:
    graph = _with_theme_label("bell \x07 here")
    theme = load("kverme2019").themes[0].id
    with pytest.raises(NotWritableError) as raised:
        WRITERS[format](graph)
    assert str(raised.value) == (
        f"theme '{theme}': label: the character U+0007 cannot stand in XML 1.0; "
        "expected text without control characters other than tab and newline"
    )
    corpus = load("kverme2019")
    work = corpus.works[0].model_copy(update={"title": "bell \x07 here"})
    titled = EvidenceGraph.from_corpus(
        corpus.model_copy(update={"works": (work, *corpus.works[1:])})
    )
    with pytest.raises(NotWritableError, match=rf"^work '{work.id}': title: the character U\+0007"):
        WRITERS[format](titled)


@settings(max_examples=examples(30), deadline=None)
@given(corpus=corpora())
def test_generated_corpora_read_back_whole(corpus: Corpus) -> None:
    graph = EvidenceGraph.from_corpus(corpus)
    for name, write in WRITERS.items():
        read = _read(name, write(graph))
        assert {node.iri: node.attributes for node in plain_nodes(graph)} == {
            node: dict(attrs) for node, attrs in read.nodes(data=True)
        }
        assert read.number_of_edges() == graph.graph.number_of_edges()


def test_igraph_reads_the_graphml(tmp_path: Path) -> None:
    graph = load_graph(*LITERATURE)
    path = tmp_path / "literature.graphml"
    path.write_bytes(to_graphml(graph))
    read = igraph.Graph.Read_GraphML(str(path))
    assert read.is_directed()
    assert (read.vcount(), read.ecount()) == (len(graph), graph.graph.number_of_edges())
    assert sorted(read.vs["iri"]) == sorted(graph.graph.nodes)
    iris = read.vs["iri"]
    relations = Counter(
        (iris[edge.source], iris[edge.target], edge["relation"]) for edge in read.es
    )
    assert relations == Counter(
        (source, target, key.value) for source, target, key in graph.graph.edges(keys=True)
    )


@pytest.mark.parametrize("format", sorted(WRITERS))
def test_export_writes_a_network_file_or_standard_output(
    format: str, tmp_path: Path, cli: Cli
) -> None:
    target = tmp_path / f"kverme.{format}"
    result = cli("export", "kverme2019", "-f", format, "-o", str(target))
    assert result.returncode == 0, result.stderr
    graph = load_graph("kverme2019")
    assert target.read_bytes() == WRITERS[format](graph)
    nodes, edges = len(graph), graph.graph.number_of_edges()
    assert f"wrote {nodes} nodes and {edges} edges ({format})" in result.stderr
    shown = cli("export", "kverme2019", "-f", format)
    assert shown.returncode == 0
    assert shown.stdout.encode() == WRITERS[format](graph)


def test_a_refused_network_export_keeps_the_old_file(tmp_path: Path, cli: Cli) -> None:
    target = tmp_path / "old.graphml"
    target.write_text("old")
    result = cli("export", "-f", "graphml", "--include-sources", "-o", str(target))
    assert result.returncode == 2
    assert "--include-sources: a network file (graphml) holds no source texts" in result.stderr
    bad = tmp_path / "bell.yaml"
    bad.write_text(
        (DATA / "qda" / "coded-study.yaml")
        .read_text()
        .replace("label: Recovery interviews\n", 'label: "\\a Recovery interviews"\n')
    )
    result = cli("export", str(bad), "-f", "graphml", "-o", str(target))
    assert result.returncode == 1, result.stderr
    assert "the character U+0007 cannot stand in XML 1.0" in result.stderr
    assert "Traceback" not in result.stderr
    assert target.read_text() == "old"


def test_the_file_s_suffix_names_the_format(tmp_path: Path, cli: Cli) -> None:
    for suffix, start in ((".graphml", b"<graphml"), (".gexf", b"<gexf"), (".ttl", b"@prefix")):
        target = tmp_path / f"corpus{suffix}"
        done = cli("export", "-o", str(target))
        assert done.returncode == 0, done.stderr
        assert start in target.read_bytes()[:200]
    clash = cli("export", "-o", str(tmp_path / "x.graphml"), "--format", "turtle")
    assert clash.returncode == 2
    assert "--format turtle clashes with the file's suffix, which names graphml" in clash.stderr
    assert not (tmp_path / "x.graphml").exists()


def test_a_corpus_gives_the_same_files_as_its_graph() -> None:
    corpus = load("kverme2019")
    assert to_graphml(corpus) == to_graphml(EvidenceGraph.from_corpus(corpus))
    assert to_gexf(corpus) == to_gexf(EvidenceGraph.from_corpus(corpus))
