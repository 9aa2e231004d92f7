"""Exports streamed to a file or a binary stream: the same bytes as the text, whole or not at all.

- ``write_rdf`` to a path and to a binary stream gives the bytes ``serialize`` returns, in
  every format, and returns the triples written;
- a file is written whole or not at all: a value RDF/XML cannot hold leaves the old file as it
  was, and no temporary file (``open_atomic`` the same, for an error inside its block);
- literals longer than the pieces the writers pass on (hundreds of kilobytes, with the
  characters the writers rewrite: tabs, `` .`` before a line break, U+FFFE, DEL) come back
  the same from every format;
- RDF/XML: a text holding a backslash and ``b`` (not a control character) is written; an IRI
  whose scheme is a term of the JSON-LD context is refused in JSON-LD;
- ``export -o -`` writes to standard output.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from helpers import OX_FORMATS, Cli, WriteStudy, rdflib_parse
from rdflib import Graph, Literal, URIRef

from evidence_graph import (
    NotWritableError,
    OutputError,
    load,
    load_graph,
    serialize,
    write_rdf,
)
from evidence_graph.datasets import dataset_path
from evidence_graph.io import open_atomic
from evidence_graph.namespace import EG
from evidence_graph.rdf import FORMATS


def _triples(data: bytes, fmt: str) -> set[str]:
    return {str(quad.triple) for quad in ox.parse(data, format=OX_FORMATS[fmt])}


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_write_rdf_writes_the_bytes_serialize_returns(tmp_path: Path, fmt: str) -> None:
    graph = load_graph("kverme2019")
    text = serialize(graph, fmt)  # type: ignore[arg-type]
    path = tmp_path / f"out{FORMATS[fmt]}"
    count = write_rdf(graph, path, fmt)  # type: ignore[arg-type]
    assert path.read_bytes() == text.encode()
    out = io.BytesIO()
    assert write_rdf(graph, out, fmt) == count  # type: ignore[arg-type]
    assert out.getvalue() == text.encode()
    assert count == len(serialize(graph, "nt").splitlines()) == len(_triples(out.getvalue(), fmt))
    assert [item.name for item in tmp_path.iterdir()] == [path.name]


def test_a_value_rdf_xml_cannot_hold_leaves_the_old_file(
    write_study: WriteStudy, tmp_path: Path
) -> None:
    study = dataset_path("kverme2019").read_text(encoding="utf-8")
    old = 'text: "I don’t believe in myself'
    assert old in study
    source = write_study(study.replace(old, 'text: "bell \\u0007 I don’t believe in myself'))
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "old.rdf"
    target.write_bytes(b"old")
    with pytest.raises(
        NotWritableError, match=r"^quote 'she-believes': text: the character U\+0007"
    ):
        write_rdf(load_graph(source), target, "xml")
    assert target.read_bytes() == b"old"
    assert [item.name for item in folder.iterdir()] == ["old.rdf"]


def test_open_atomic_writes_pieces_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "out.nt"
    target.write_bytes(b"old")
    target.chmod(0o640)
    with open_atomic(target) as out:
        for piece in (b"a" * 3_000_000, b"b", b"c" * 70_000):
            out.write(piece)
    assert target.read_bytes() == b"a" * 3_000_000 + b"b" + b"c" * 70_000
    assert target.stat().st_mode & 0o777 == 0o640
    with pytest.raises(RuntimeError, match="stopped"):
        _write_then_fail(target)
    assert target.read_bytes().startswith(b"aaa")
    assert [item.name for item in tmp_path.iterdir()] == ["out.nt"]


def _write_then_fail(target: Path) -> None:
    with open_atomic(target) as out:
        out.write(b"half")
        raise RuntimeError("stopped")


def test_open_atomic_names_a_file_it_cannot_write(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a folder; expected a file"), open_atomic(tmp_path):
        pass


def test_open_atomic_writes_a_device_straight() -> None:
    with open_atomic("/dev/null") as out:
        out.write(b"x" * 3_000_000)


LONG = 300_000
"""Characters of each long literal: more than the pieces the writers pass on."""


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_long_literals_with_what_the_writers_rewrite_come_back_the_same(fmt: str) -> None:
    subject = URIRef("https://example.org/a")
    texts = [
        "\ufffe\x7f\uffff" * (LONG // 3),
        "é .\n\tx ." * (LONG // 8),
        "\t" * LONG,
        ("a" * 8191 + "\uffff") * (LONG // 8192),
    ]
    graph = Graph()
    for index, text in enumerate(texts):
        graph.add((subject, URIRef(f"{EG}statement{index}"), Literal(text)))
    if fmt == "xml":
        graph = Graph()  # no control characters: XML 1.0 cannot hold them
        for index, text in enumerate(texts[1:3]):
            graph.add((subject, URIRef(f"{EG}statement{index}"), Literal(text)))
    written = serialize(graph, fmt).encode()  # type: ignore[arg-type]
    assert _triples(written, fmt) == _triples(serialize(graph, "nt").encode(), "nt")
    if fmt != "xml":
        assert not {"\ufffe", "\uffff", "\x7f", "\t"} & set(written.decode())


def test_turtle_puts_a_blank_line_after_each_statement_even_across_pieces() -> None:
    graph = Graph()
    for index in range(3_000):
        subject = URIRef(f"https://example.org/s{index:05d}")
        graph.add((subject, URIRef(f"{EG}statement"), Literal(f"words {index} ." * 10)))
        graph.add((subject, URIRef(f"{EG}label"), Literal("x")))
    text = serialize(graph, "turtle")
    body = text.split("\n\n", 1)[1]
    statements = body.split("\n\n")
    assert len(statements) == 3_000
    assert all(statement.count("\n") == 1 for statement in statements[:-1])
    assert all(statement.split("\n")[1].startswith("    eg:") for statement in statements[:-1])
    assert text.endswith(" .\n")
    assert not text.endswith("\n\n")


def test_a_backslash_and_b_is_not_a_control_character_in_rdf_xml() -> None:
    graph = Graph()
    text = "C:\\bin\\file \\\\b \\u0007"
    graph.add((URIRef("https://example.org/a"), URIRef(f"{EG}statement"), Literal(text)))
    [quad] = ox.parse(serialize(graph, "xml").encode(), format=ox.RdfFormat.RDF_XML)
    assert quad.object.value == text


def test_an_iri_whose_scheme_is_a_term_of_the_context_is_refused_in_json_ld() -> None:
    graph = Graph()
    graph.add((URIRef("title:thing"), URIRef(f"{EG}statement"), Literal("x")))
    with pytest.raises(NotWritableError) as refused:
        serialize(graph, "jsonld")
    assert str(refused.value) == (
        "JSON-LD cannot carry the IRI <title:thing> with the project's context: its scheme "
        "'title' is a term of the context, so it would be read as another IRI; expected another "
        "format, such as turtle"
    )
    assert _triples(serialize(graph, "turtle").encode(), "turtle")


def test_export_to_dash_writes_to_standard_output(cli: Cli) -> None:
    done = cli("export", "kverme2019", "--format", "jsonld", "-o", "-")
    assert done.returncode == 0, done.stderr
    assert done.stdout == serialize(load("kverme2019"), "jsonld")
    assert json.loads(done.stdout)["@graph"]
    assert not (Path.cwd() / "-").exists()


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_carriage_returns_come_back_through_a_standard_parser(fmt: str) -> None:
    """XML parsers read a raw carriage return as a line break; RDF/XML writes ``&#13;``."""
    subject, predicate = URIRef("https://example.org/a"), URIRef(f"{EG}statement")
    graph = Graph()
    for text in ["line one\r\nline two", "a\rb", "\r" * 70_000 + "end"]:
        graph.add((subject, predicate, Literal(text)))
    written = serialize(graph, fmt)  # type: ignore[arg-type]
    parsed = rdflib_parse(written, fmt)
    assert {str(text) for text in parsed.objects(subject, predicate)} == {
        str(text) for text in graph.objects(subject, predicate)
    }


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("iri", ["https://e.org/a b", "https://e.org/a>b", "relative", "x:{y}"])
def test_an_rdflib_graph_with_an_iri_rdf_does_not_allow_is_refused(fmt: str, iri: str) -> None:
    graph = Graph()
    graph.add((URIRef(iri), URIRef(f"{EG}statement"), Literal("x")))
    with pytest.raises(NotWritableError, match="is not one RDF allows") as raised:
        serialize(graph, fmt)  # type: ignore[arg-type]
    assert repr(iri) in str(raised.value)


def test_write_rdf_to_a_text_stream_says_a_binary_one_is_expected() -> None:
    with pytest.raises(TypeError, match="expected a binary stream"):
        write_rdf(load("kverme2019"), io.StringIO(), "nt")
