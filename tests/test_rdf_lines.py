"""The export's N-Triples lines, made straight from the models, and the writers that follow them.

- for any corpus, with or without the sources' text, the lines are those of the triples
  ``to_rdf`` gives (the general walk of the mapping), each once; the IRIs named are every IRI
  of those lines: subjects, predicates, objects and datatypes;
- Turtle without blank nodes, cut into pieces anywhere, is given the same form by the writer
  that doubles line breaks as by the general one, in Turtle and in TriG;
- JSON-LD escapes DEL, U+FFFE and U+FFFF, and writes as they are the characters whose UTF-8
  begins with the same byte (U+FE0F, U+FF01) or ends with the same bytes.
"""

from __future__ import annotations

import io
import json

import pyoxigraph as ox
import pytest
from helpers import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from strategies import corpora, hostile_text

from evidence_graph import Corpus, serialize, to_rdf
from evidence_graph.namespace import EG, PREFIXES, XSD_STRING
from evidence_graph.rdf import nt_line, nt_lines
from evidence_graph.rdf.literals import literal
from evidence_graph.rdf.streams import _Turtle

_LANGUAGE_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def _iris(lines: list[str]) -> set[str]:
    """Every IRI the lines name, as pyoxigraph reads them."""
    found: set[str] = set()
    for quad in ox.parse("\n".join(lines).encode(), format=ox.RdfFormat.N_TRIPLES):
        found.update((quad.subject.value, quad.predicate.value))
        if isinstance(quad.object, ox.NamedNode):
            found.add(quad.object.value)
        elif isinstance(quad.object, ox.Literal):
            datatype = quad.object.datatype.value
            if datatype not in {XSD_STRING, _LANGUAGE_STRING}:
                found.add(datatype)
    return found


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpus=corpora(), include_sources=st.booleans())
def test_the_lines_are_those_of_the_triples_of_the_mapping(
    corpus: Corpus, include_sources: bool
) -> None:
    lines, iris = nt_lines(corpus, include_sources=include_sources)
    expected = {nt_line(triple) for triple in to_rdf(corpus, include_sources=include_sources)}
    assert lines == sorted(expected)
    assert iris == _iris(lines)


def _raw_turtle(corpus: Corpus) -> bytes:
    """pyoxigraph's own Turtle of the corpus, before the project's form is given to it."""
    out = io.BytesIO()
    quads = ox.parse(serialize(corpus, "nt").encode(), format=ox.RdfFormat.N_TRIPLES)
    ox.serialize(quads, out, ox.RdfFormat.TURTLE, prefixes=dict(PREFIXES))
    return out.getvalue()


def _formed(raw: bytes, cuts: list[int], *, trig: bool, flat: bool) -> bytes:
    out = io.BytesIO()
    writer = _Turtle(out, trig=trig, flat=flat)
    start = 0
    for cut in [*sorted(cuts), len(raw)]:
        writer.write(raw[start:cut])
        start = cut
    writer.finish()
    return out.getvalue()


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpus=corpora(max_studies=1), data=st.data())
def test_turtle_without_blank_nodes_is_formed_the_same_in_any_pieces(
    corpus: Corpus, data: st.DataObject
) -> None:
    raw = _raw_turtle(corpus)
    breaks = [index + shift for index, byte in enumerate(raw) if byte == 10 for shift in (0, 1, 2)]
    anywhere = st.integers(0, len(raw))
    near_a_break = st.sampled_from(breaks) if breaks else anywhere
    cuts = data.draw(st.lists(st.one_of(anywhere, near_a_break), max_size=30))
    for trig in (False, True):
        whole = _formed(raw, [], trig=trig, flat=False)
        assert _formed(raw, cuts, trig=trig, flat=True) == whole
        assert _formed(raw, cuts, trig=trig, flat=False) == whole


@given(text=hostile_text(40))
@settings(max_examples=examples(40), deadline=None)
def test_json_ld_escapes_del_and_the_two_non_characters_only(text: str) -> None:
    written = "\x7f\ufffe\ufe0f\uffff\uff01\u0fff" + text
    graph = Graph()
    graph.add((URIRef("https://example.org/a"), URIRef(f"{EG}statement"), Literal(written)))
    document = serialize(graph, "jsonld")
    assert "\\u007f\\ufffe\ufe0f\\uffff\uff01\u0fff" in document
    assert not {"\x7f", "\ufffe", "\uffff"} & set(document)
    [node] = json.loads(document)["@graph"]
    assert node[f"{EG}statement"] == [{"@value": written}]


@pytest.mark.parametrize(("first", "second"), [(0.0, -0.0), (-0.0, 0.0)])
def test_equal_numbers_written_differently_keep_their_own_form(first: float, second: float) -> None:
    """A cache by value would write the second as the first: the output would hang on order."""
    assert [literal(first).lexical, literal(second).lexical] == [repr(first), repr(second)]
