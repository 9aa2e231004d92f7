"""The runner finds parameter blocks only in a query's code: not in comments, strings or IRIs."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st

from evidence_graph.sparql import QUERY_NAMES, SparqlError, bind, query_text, select
from evidence_graph.sparql.runner import parameters

# The pattern the runner used to apply to the raw text, comments and strings and all.
OLD_BLOCK = re.compile(
    r"VALUES\s*\(\s*(?P<variables>(?:\?\w+\s*)+)\)\s*\{\s*\(\s*(?P<row>(?:UNDEF\s*)+)\)\s*\}"
)

SKOS_LABEL = "<http://www.w3.org/2004/02/skos/core#prefLabel>"


def old_parameters(query: str) -> tuple[str, ...]:
    found: list[str] = []
    for block in OLD_BLOCK.finditer(query):
        for variable in block["variables"].split():
            if variable[1:] not in found:
                found.append(variable[1:])
    return tuple(found)


def test_a_block_in_a_comment_is_not_a_parameter_block() -> None:
    query = "# e.g. VALUES (?id) { (UNDEF) }\nSELECT ?x WHERE { ?x ?p ?id }\n"
    assert parameters(query) == ()
    with pytest.raises(SparqlError, match=r"\?id") as caught:
        bind(query, {"id": ox.Literal("x")})
    assert "none" in str(caught.value)
    assert bind(query, {}) == query


def test_a_comment_after_code_hides_only_its_own_block() -> None:
    query = "SELECT ?x WHERE { VALUES (?a) { (UNDEF) } ?x ?p ?a } # then VALUES (?b) { (UNDEF) }\n"
    assert parameters(query) == ("a",)
    with pytest.raises(SparqlError, match=r"binds \?b, which no parameter block declares"):
        bind(query, {"b": ox.Literal("x")})
    assert bind(query, {"a": ox.Literal("x")}) == query.replace("(UNDEF) } ?x", '("x") } ?x')


def test_a_block_in_a_string_is_not_a_parameter_block() -> None:
    for literal in ('"VALUES (?id) { (UNDEF) }"', "'VALUES (?id) { (UNDEF) }'"):
        query = f"SELECT ?x WHERE {{ ?x ?p {literal} }}"
        assert parameters(query) == ()
        with pytest.raises(SparqlError, match=r"\?id"):
            bind(query, {"id": ox.Literal("x")})


def test_a_hash_in_an_iri_does_not_start_a_comment() -> None:
    query = f"SELECT ?label WHERE {{ ?t {SKOS_LABEL} ?label . VALUES (?label) {{ (UNDEF) }} }}"
    assert parameters(query) == ("label",)
    assert bind(query, {"label": ox.Literal("x")}).endswith('VALUES (?label) { ("x") } }')


def test_a_hash_in_a_string_does_not_start_a_comment() -> None:
    for literal in ('"#"', "'#'", '"""#"""', "'''#'''", r'"\"#"'):
        query = f"SELECT ?x WHERE {{ ?x ?p {literal} . VALUES (?a) {{ (UNDEF) }} }}"
        assert parameters(query) == ("a",), literal


def test_an_escaped_quote_does_not_end_a_string() -> None:
    query = (
        r'SELECT ?x WHERE { ?x ?p "say \" VALUES (?a) { (UNDEF) } \"" .'
        r" ?x ?q 'it\'s VALUES (?b) { (UNDEF) }' . VALUES (?c) { (UNDEF) } }"
    )
    assert parameters(query) == ("c",)
    bound = bind(query, {"c": ox.Literal("x")})
    assert bound == query.replace("VALUES (?c) { (UNDEF) }", 'VALUES (?c) { ("x") }')


def test_a_quote_in_a_comment_does_not_start_a_string() -> None:
    query = "# the claim's IRI\nSELECT ?x WHERE { VALUES (?a) { (UNDEF) } ?x ?p ?a } # it's\n"
    assert parameters(query) == ("a",)


def test_a_long_string_over_lines_hides_its_block() -> None:
    for quote in ('"""', "'''"):
        query = (
            f"SELECT ?x WHERE {{\n  ?x ?p {quote}one\n"
            f'  "quoted" VALUES (?id) {{ (UNDEF) }} # not a comment\n'
            f"  ''two\"\"x{quote} .\n"
            "  VALUES (?a) { (UNDEF) }\n}\n"
        )
        assert parameters(query) == ("a",), quote
        with pytest.raises(SparqlError, match=r"\?id"):
            bind(query, {"id": ox.Literal("x")})
        assert select(ox.Store(), query).rows == ()


def test_a_block_with_a_comment_inside_it_is_still_found() -> None:
    query = "SELECT ?a WHERE { VALUES (?a # the id\n) { (UNDEF) } }"
    assert parameters(query) == ("a",)
    assert select(ox.Store(), query, {"a": ox.Literal("x")}).rows == (("x",),)


def test_a_row_with_a_value_is_not_a_parameter_block() -> None:
    query = 'SELECT ?a WHERE { VALUES (?a ?b) { ("x" UNDEF) } }'
    assert parameters(query) == ()
    assert bind(query, {}) == query


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_the_catalogue_declares_the_same_parameters(name: str) -> None:
    text = query_text(name)
    assert parameters(text) == old_parameters(text)
    assert bind(text, {}) == OLD_BLOCK.sub(
        lambda block: (
            f"VALUES ({' '.join(block['variables'].split())}) {{ "
            f"({' '.join('UNDEF' for _ in block['variables'].split())}) }}"
        ),
        text,
    )


@given(st.text())
def test_any_text_binds_to_itself(value: str) -> None:
    query = "SELECT ?got WHERE { VALUES (?text) { (UNDEF) } BIND(?text AS ?got) }"
    assert select(ox.Store(), query, {"text": ox.Literal(value)}).rows == ((value,),)
