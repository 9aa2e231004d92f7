"""RDF import: what we export comes back as the same corpus and graph, whatever the text."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest
from helpers import examples
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from evidence_graph import (
    FORMATS,
    Corpus,
    DroppedTriplesWarning,
    EvidenceGraph,
    StudyFileError,
    UnfollowedImportWarning,
    from_rdf,
    load,
    load_graph,
    read_rdf_file,
    serialize,
    to_rdf,
)
from evidence_graph.cli import main
from evidence_graph.namespace import EG, OA, OWL, SKOS

SUFFIXES = {"turtle": ".ttl", "nt": ".nt", "jsonld": ".jsonld", "xml": ".rdf", "trig": ".trig"}
PAPER = URIRef("https://doi.org/10.3389/fpsyg.2019.00430")
QUOTE = URIRef("https://w3id.org/evidence-graph/data/quote/kverme2019/she-believes")


def _write(tmp_path: Path, text: str, format: str) -> Path:
    path = tmp_path / f"corpus{SUFFIXES[format]}"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("format", list(FORMATS))
def test_each_format_loads_back_to_the_same_corpus_and_bytes(
    tmp_path: Path, corpus: Corpus, format: str
) -> None:
    path = _write(tmp_path, serialize(corpus, format), format)  # type: ignore[arg-type]
    assert load(path) == corpus
    graph = load_graph(path)
    assert graph.extra == frozenset()
    assert serialize(graph, "turtle") == serialize(corpus, "turtle")


def test_the_base_comes_back_with_the_graph(tmp_path: Path, corpus: Corpus) -> None:
    base = "https://example.org/evidence/"
    path = _write(tmp_path, serialize(EvidenceGraph.from_corpus(corpus, base=base)), "turtle")
    graph = load_graph(path)
    assert graph.base == base
    assert graph.iri("kverme2019") == f"{base}study/kverme2019"
    assert load_graph(path, base="https://example.com/").iri("kverme2019") == (
        "https://example.com/study/kverme2019"
    )


def test_rdf_and_study_files_load_together(tmp_path: Path, corpus: Corpus) -> None:
    path = _write(tmp_path, serialize(corpus), "turtle")
    assert load(path, "kverme2019") == corpus  # the same entities, written alike, are one


def test_cli_exports_a_turtle_file_as_json_ld(
    tmp_path: Path, corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, serialize(corpus), "turtle")
    assert main(["export", str(path), "--format", "jsonld"]) == 0
    assert capsys.readouterr().out == serialize(corpus, "jsonld")


def test_unknown_triples_are_kept_and_written_back(tmp_path: Path, corpus: Corpus) -> None:
    rdf = to_rdf(corpus)
    note = (PAPER, URIRef("https://example.org/vocab#reviewedBy"), Literal("a reader"))
    blank = BNode("b1")
    nested = [
        (QUOTE, URIRef("https://example.org/vocab#note"), blank),
        (blank, URIRef("https://example.org/vocab#text"), Literal("x")),
    ]
    for triple in [note, *nested]:
        rdf.add(triple)
    path = _write(tmp_path, serialize(rdf, "turtle"), "turtle")
    graph = load_graph(path)
    assert note in graph.extra
    assert len(graph.extra) == 3
    assert isomorphic(to_rdf(graph), rdf)
    with pytest.warns(DroppedTriplesWarning, match="3 RDF triples that the models do not hold"):
        assert load(path) == corpus


def _without(rdf: Graph, *patterns: tuple[Any, Any, Any]) -> Graph:
    for pattern in patterns:
        rdf.remove(pattern)
    return rdf


def test_an_annotation_without_a_body_is_an_error_naming_the_node(corpus: Corpus) -> None:
    rdf = _without(to_rdf(corpus), (QUOTE, OA.hasBody, None))
    with pytest.raises(StudyFileError) as raised:
        from_rdf(rdf)
    assert str(raised.value) == (f"RDF: <{QUOTE}>: themes: missing: expected a oa:hasBody triple")


def test_a_quote_whose_theme_is_missing_is_an_error_naming_the_node(corpus: Corpus) -> None:
    theme = URIRef(
        "https://w3id.org/evidence-graph/data/theme/kverme2019/learning-to-hold-ones-own"
    )
    rdf = _without(to_rdf(corpus), (theme, None, None))
    with pytest.raises(StudyFileError) as raised:
        from_rdf(rdf)
    assert f"<{QUOTE}>: its oa:hasBody <{theme}> is not an entity of the graph" in str(raised.value)


def test_a_missing_required_value_names_the_node_and_the_field(corpus: Corpus) -> None:
    selector = URIRef(f"{QUOTE}/selector")
    rdf = _without(to_rdf(corpus), (selector, OA.exact, None))
    with pytest.raises(
        StudyFileError,
        match=rf"<{QUOTE}>: text: missing: expected an oa:exact of the selector of its oa:hasT",
    ):
        from_rdf(rdf)


def test_a_syntax_error_gives_the_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text('@prefix ex: <http://example.org/> .\nex:a ex:b "unclosed .\n')
    with pytest.raises(StudyFileError) as raised:
        load(path)
    [problem] = raised.value.problems
    assert (problem.line, problem.column) == (2, 11)
    assert str(raised.value).startswith(f"{path}: line 2, column 11: is not valid Turtle:")


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Fail the test if anything opens a connection."""
    attempts: list[object] = []

    def refuse(_: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("network access in a test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


def test_a_remote_json_ld_context_is_refused_without_a_request(
    tmp_path: Path, no_network: list[object]
) -> None:
    path = tmp_path / "remote.jsonld"
    path.write_text(
        '{"@context": "https://schema.org/", "@id": "http://example.org/a", "name": "x"}'
    )
    with pytest.raises(
        StudyFileError, match="names a remote JSON-LD @context, which is not fetched"
    ):
        load(path)
    assert no_network == []


def test_owl_imports_are_not_followed(
    tmp_path: Path, corpus: Corpus, no_network: list[object]
) -> None:
    rdf = to_rdf(corpus)
    rdf.add((URIRef("https://example.org/onto"), OWL.imports, URIRef("https://example.org/other")))
    path = _write(tmp_path, serialize(rdf), "turtle")
    with pytest.warns(
        UnfollowedImportWarning, match=r"owl:imports <https://example.org/other> is not followed"
    ):
        graph = load_graph(path)
    assert graph.to_corpus() == corpus
    assert no_network == []


# --- concepts matched by a code alone ----------------------------------------------------------

MONDO = "https://w3id.org/evidence-graph/data/code/mondo/MONDO%3A0001156"


def _by_code(corpus: Corpus) -> Corpus:
    """The corpus, its concept matching MONDO:0001156 by the code alone, without the IRI."""
    data = corpus.model_dump(mode="json")
    for match in data["concepts"][0]["matches"]:
        if match["code"] == "MONDO:0001156":
            match["iri"] = None
    return Corpus.model_validate(data)


@pytest.mark.parametrize("format", list(FORMATS))
def test_a_match_by_a_code_with_a_colon_round_trips(
    tmp_path: Path, corpus: Corpus, format: str, capsys: pytest.CaptureFixture[str]
) -> None:
    by_code = _by_code(corpus)
    rdf = to_rdf(by_code)
    mondo = URIRef(MONDO)
    assert (mondo, SKOS.notation, Literal("MONDO:0001156")) in rdf
    assert (mondo, EG.vocabulary, Literal("mondo")) in rdf
    _round_trip(by_code, format, tmp_path)
    path = tmp_path / f"corpus{SUFFIXES[format]}"
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out == f"valid: {len(rdf)} triples conform to the shapes\n"


def test_a_match_by_a_code_alone_tells_the_base_of_a_corpus_of_concepts() -> None:
    concepts = Corpus.model_validate(
        {"concepts": _by_code(load("kverme2019")).model_dump()["concepts"]}
    )
    base = "https://example.org/evidence/"
    graph = from_rdf(to_rdf(EvidenceGraph.from_corpus(concepts, base=base)))
    assert graph.base == base
    assert graph.to_corpus() == concepts
    assert graph.extra == frozenset()


def test_a_match_iri_that_is_not_the_minted_one_is_kept(corpus: Corpus) -> None:
    data = corpus.model_dump(mode="json")
    near = "https://w3id.org/evidence-graph/data/code/mondo/MONDO_0001156"
    for match in data["concepts"][0]["matches"]:
        if match["code"] == "MONDO:0001156":
            match["iri"] = near
    near_miss = Corpus.model_validate(data)
    assert from_rdf(to_rdf(near_miss)).to_corpus() == near_miss


# --- generated corpora with hostile text -------------------------------------------------------

# Any character a UTF-8 file can hold; RDF/XML (XML 1.0) cannot hold most control characters,
# so its round trip draws from the characters XML allows.
_ANY = st.characters(exclude_categories=("Cs",))
_XML = st.characters(
    exclude_categories=("Cs",),
    exclude_characters="".join(chr(c) for c in range(32) if chr(c) not in "\t\n\r")
    + "\ufffe\uffff",
)
RIGHT_TO_LEFT = "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd"  # Hebrew: "hello world"
HOSTILE = ['"', '"""', "\\", "\n", "\t", "Førde", "😀", RIGHT_TO_LEFT, "a\r\nb", "'''", "<>&"]


def _text(alphabet: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    plain = st.text(alphabet, min_size=1, max_size=60)
    hostile = st.lists(st.sampled_from(HOSTILE) | plain, min_size=1, max_size=6).map("".join)
    return (plain | hostile).filter(lambda text: text.strip() != "")


def _corpus(text: str, label: str, title: str, statement: str) -> Corpus:
    return Corpus.model_validate(
        {
            "works": [{"id": "w", "type": "journal-article", "title": title, "keywords": [label]}],
            "people": [{"id": "p", "name": label, "affiliations": sorted({title, statement})}],
            "studies": [{"id": "s", "design": "qualitative", "reported_in": ["w"], "label": label}],
            "themes": [
                {"id": "t", "study": "s", "label": label, "facets": [text]},
                {"id": "u", "study": "s", "label": title, "parent": "t", "number": 1},
            ],
            "quotes": [
                {
                    "id": "q",
                    "study": "s",
                    "text": text,
                    "themes": ["u"],
                    "read_in": "w",
                    "appears_in": "w",
                    "speaker": "P1",
                    "position": {"start": 3, "end": 3 + len(text)},
                }
            ],
            "claims": [
                {
                    "id": "c",
                    "statement": statement,
                    "asserted_by": "w",
                    "kind": "finding",
                    "evidence": ["q"],
                }
            ],
        }
    )


def _round_trip(corpus: Corpus, format: str, tmp_path: Path) -> None:
    text = serialize(corpus, format)  # type: ignore[arg-type]
    path = _write(tmp_path, text, format)
    graph = load_graph(path)
    assert graph.to_corpus() == corpus
    assert isomorphic(to_rdf(graph), to_rdf(corpus))
    assert serialize(graph, format) == text  # type: ignore[arg-type]


@settings(
    max_examples=examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    text=_text(_ANY),
    label=_text(_ANY),
    title=_text(_ANY),
    statement=_text(_ANY),
    format=st.sampled_from(["turtle", "nt", "jsonld", "trig"]),
)
@example(
    text='"""',
    label="\\",
    title="Førde 😀",
    statement="\u05e9\u05dc\u05d5\u05dd\t\u05e2\u05d5\u05dc\u05dd\n",
    format="turtle",
)
def test_hostile_text_round_trips(  # noqa: PLR0917 - hypothesis draws each by name
    tmp_path: Path, text: str, label: str, title: str, statement: str, format: str
) -> None:
    _round_trip(_corpus(text, label, title, statement), format, tmp_path)


@settings(
    max_examples=examples(25),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=_text(_XML), label=_text(_XML))
def test_hostile_text_round_trips_through_rdf_xml(tmp_path: Path, text: str, label: str) -> None:
    _round_trip(_corpus(text, label, label, text), "xml", tmp_path)


@pytest.mark.parametrize("format", list(FORMATS))
def test_a_quote_of_100000_characters_round_trips(tmp_path: Path, format: str) -> None:
    text = (f'She said "no" \\ then\n\tFørde 😀 {RIGHT_TO_LEFT} ' * 3000)[:100_000]
    _round_trip(_corpus(text, "label", "title", "statement"), format, tmp_path)


@pytest.mark.parametrize("format", list(FORMATS))
def test_read_rdf_file_gives_the_graph_that_was_written(
    tmp_path: Path, corpus: Corpus, format: str
) -> None:
    path = _write(tmp_path, serialize(corpus, format), format)  # type: ignore[arg-type]
    assert isomorphic(read_rdf_file(path), to_rdf(corpus))


def test_a_quote_attributed_to_a_node_of_no_entity_is_reported() -> None:
    """prov:wasAttributedTo names a quote's participant and its coder: one that is neither
    is not dropped unsaid."""
    data = load("kverme2019").model_dump()
    data["participants"] = [{"id": "p7", "study": "kverme2019", "name": "P7"}]
    data["quotes"][0]["speaker"] = "P7"
    rdf = to_rdf(Corpus.model_validate(data))
    person = URIRef("https://w3id.org/evidence-graph/data/participant/kverme2019/p7")
    for triple in list(rdf.triples((person, None, None))):
        rdf.remove(triple)
    with pytest.raises(StudyFileError, match=r"participant/kverme2019/p7"):
        from_rdf(rdf)
