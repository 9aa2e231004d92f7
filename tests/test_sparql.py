"""The SPARQL catalogue: its files, the runner that binds values, and its answers equal Python's."""

from __future__ import annotations

import re
import sys
import unicodedata

import pyoxigraph as ox
import pytest
from cases import KVERME_CASES, LITERATURE_CASES, drawn_cases
from helpers import examples, same_answer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import corpora

from evidence_graph import Corpus, EvidenceGraph, QueryError, SparqlError, sparql, to_rdf
from evidence_graph.folding import FOLDS, sparql_fold
from evidence_graph.queries import QUESTIONS, ask, fold
from evidence_graph.rdf import CITATION_PREDICATES, THEME_KINDS, WORK_CLASSES
from evidence_graph.sparql import QUERY_NAMES, bind, query_text, run, select, to_store


@pytest.fixture(scope="module")
def kverme_store(graph: EvidenceGraph) -> ox.Store:
    return to_store(graph)


def _same(name: str, python: list[object], sparql: list[object]) -> None:
    same_answer(name, python, sparql)  # the same rows in the same order


# -- the files -------------------------------------------------------------------------------


def test_one_query_file_per_question() -> None:
    assert tuple(sorted(QUESTIONS)) == QUERY_NAMES


@pytest.mark.parametrize("name", list(QUESTIONS))
def test_each_query_runs_as_it_is_and_projects_the_row_fields(
    name: str, kverme_store: ox.Store
) -> None:
    table = select(kverme_store, query_text(name))  # every parameter UNDEF
    assert table.variables == tuple(QUESTIONS[name].row.model_fields)


def _declared(name: str) -> set[str]:
    names: set[str] = set()
    for parameter in QUESTIONS[name].parameters:
        stem = parameter.variable
        if parameter.kind.value in {"theme", "study", "sample", "claim", "work", "concept"}:
            names |= {f"{stem}_iri", f"{stem}_key"}
            if parameter.kind.value == "concept":
                names.add(f"{stem}_scheme")
        else:
            names.add(stem)
    return names


@pytest.mark.parametrize("name", list(QUESTIONS))
def test_each_query_declares_exactly_the_parameters_it_can_be_given(name: str) -> None:
    assert set(sparql.parameters(query_text(name))) == _declared(name)


@pytest.mark.parametrize("name", list(QUESTIONS))
def test_each_fold_in_the_files_is_the_python_fold(name: str) -> None:
    text = query_text(name)
    chains = re.findall(r"^( *)BIND\(LCASE\(\?(\w+)\) AS \?\w+\)$", text, re.MULTILINE)
    last = len(FOLDS) - 1
    for indent, stem in chains:
        target = re.search(rf"BIND\(REPLACE\(\?{stem}_{last}, .*\) AS (\?\w+)\)", text)
        assert target is not None
        assert sparql_fold(f"?{stem}", target.group(1), indent) in text
    assert text.count("LCASE(") == len(chains)
    assert text.count("REPLACE(") == len(chains) * len(FOLDS)


@given(st.text(st.characters(exclude_categories=("Cs", "Cn")), max_size=80))
@settings(max_examples=examples(200), suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_sparql_folds_text_exactly_as_python_does(text: str) -> None:
    fold_text = sparql_fold("?text", "?folded")
    query = f"SELECT ?folded WHERE {{\n  VALUES (?text) {{ (UNDEF) }}\n{fold_text}\n}}"
    table = select(ox.Store(), query, {"text": ox.Literal(text)})
    assert table.rows == ((fold(text),),)


def test_the_fold_agrees_on_every_assigned_character() -> None:
    # LCASE in the store may follow a newer Unicode than Python's str.lower: they agree on
    # every character Python's Unicode version assigns (unassigned ones may differ).
    chars = [
        chr(code)
        for code in range(1, sys.maxunicode + 1)
        if unicodedata.category(chr(code)) not in {"Cn", "Cs", "Co"}
    ]
    fold_text = sparql_fold("?text", "?folded")
    query = f"SELECT ?i ?folded WHERE {{\n  VALUES (?i ?text) {{ %s }}\n{fold_text}\n}}"
    store = ox.Store()
    differ = []
    for start in range(0, len(chars), 20_000):
        rows = " ".join(
            f"({index} {ox.Literal(char)})"
            for index, char in enumerate(chars[start : start + 20_000], start)
        )
        for solution in store.query(query % rows):  # type: ignore[union-attr]
            char = chars[int(solution["i"].value)]
            if solution["folded"].value != fold(char):
                differ.append(f"U+{ord(char):04X}")
    assert len(chars) > 100_000
    assert differ == []


WORK_CLASS_IRIS = {str(iri) for iri in WORK_CLASSES.values()}
PREFIXES = {
    "fabio": "http://purl.org/spar/fabio/",
    "cito": "http://purl.org/spar/cito/",
    "eg": "https://w3id.org/evidence-graph/ontology#",
}


def _values(name: str, prefix: str) -> list[str]:
    """The IRIs of one vocabulary that a query's VALUES tables list, expanded."""
    return [
        PREFIXES[prefix] + local for local in re.findall(rf"\b{prefix}:(\w+)", query_text(name))
    ]


@pytest.mark.parametrize("name", list(QUESTIONS))
def test_the_work_classes_in_the_files_are_the_mapping_s(name: str) -> None:
    listed = _values(name, "fabio")
    if listed:  # each query that lists work classes lists every one, once per table
        assert set(listed) == WORK_CLASS_IRIS
        assert len(listed) % len(WORK_CLASS_IRIS) == 0


@pytest.mark.parametrize("name", ["citing-works", "cited-works"])
def test_the_citation_intents_in_the_files_are_the_mapping_s(name: str) -> None:
    pairs = re.findall(r"\(cito:(\w+) \"([a-z-]+)\"\)", query_text(name))
    assert {(PREFIXES["cito"] + local, intent) for local, intent in pairs} == {
        (str(iri), intent.value) for intent, iri in CITATION_PREDICATES.items()
    }


def test_the_kinds_of_theme_in_the_tree_query_are_the_mapping_s() -> None:
    pairs = re.findall(r"\(eg:(\w+) \"([a-z-]+)\"\)", query_text("theme-tree"))
    assert {(PREFIXES["eg"] + local, kind) for local, kind in pairs} == {
        (str(iri), kind.value) for kind, iri in THEME_KINDS.items()
    }


@pytest.mark.parametrize(
    ("first", "last"),
    [
        ("?study eg:hasCriterion ?item .", "FILTER NOT EXISTS { ?study eg:hasCriterion ?any_"),
        (
            "OPTIONAL { ?item eg:sex ?text }",
            "FILTER NOT EXISTS { ?study eg:hasSample ?any_sample }",
        ),
    ],
)
def test_the_repeated_parts_of_studies_matching_are_the_same(first: str, last: str) -> None:
    # SPARQL evaluates each group on its own, so the criteria and the samples are checked
    # twice (once for the rows, once for the verdict or the fit): the copies must not drift.
    text = query_text("studies-matching")
    copies = re.findall(f"{re.escape(first)}.*?{re.escape(last)}", text, re.DOTALL)
    assert len(copies) == 2
    assert len({" ".join(copy.split()) for copy in copies}) == 1


# -- binding -----------------------------------------------------------------------------------

HOSTILE = ['"', '" } ?s ?p ?o {', "\\", "\\u0022)", "line\nbreak\r", "}}) UNDEF", "Førde 🙂"]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_bound_value_never_escapes_its_literal(value: str) -> None:
    query = "SELECT ?got WHERE { VALUES (?text) { (UNDEF) } BIND(?text AS ?got) }"
    assert select(ox.Store(), query, {"text": ox.Literal(value)}).rows == ((value,),)


def test_bind_fills_every_parameter_block_and_leaves_the_rest_undef() -> None:
    query = (
        "SELECT * WHERE { { VALUES (?a ?b) { (UNDEF UNDEF) } } UNION { VALUES (?a) { (UNDEF) } } }"
    )
    bound = bind(query, {"a": ox.Literal("x")})
    assert bound.count('"x"') == 2
    assert 'VALUES (?a ?b) { ("x" UNDEF) }' in bound
    assert sparql.parameters(bound) == ()  # a block with a value is no longer a parameter block


def test_binding_a_variable_no_block_declares_is_an_error() -> None:
    with pytest.raises(SparqlError, match=r"q\.rq: binds \?b, which no parameter block declares"):
        bind("SELECT ?a WHERE { VALUES (?a) { (UNDEF) } }", {"b": ox.Literal("x")}, source="q.rq")


def test_a_syntax_error_names_the_source() -> None:
    with pytest.raises(SparqlError, match=r"^mine\.rq: is not valid SPARQL"):
        run(ox.Store(), "SELECT WHERE {", source="mine.rq")


def test_ask_and_construct_answers(kverme_store: ox.Store) -> None:
    assert run(kverme_store, "ASK { ?s ?p ?o }") is True
    triples = run(kverme_store, "CONSTRUCT { ?s a ?c } WHERE { ?s a ?c } LIMIT 3")
    assert isinstance(triples, list)
    assert len(triples) == 3


def test_the_store_holds_the_export(corpus: Corpus) -> None:
    assert len(to_store(corpus)) == len(to_rdf(corpus))


# -- the same answers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "parameters"), KVERME_CASES, ids=[f"{n}-{i}" for i, (n, _) in enumerate(KVERME_CASES)]
)
def test_python_and_sparql_agree_on_the_kverme_data(
    graph: EvidenceGraph, kverme_store: ox.Store, name: str, parameters: dict[str, str]
) -> None:
    python = ask(graph, name, parameters)
    sparql = ask(graph, name, parameters, engine="sparql", store=kverme_store)
    _same(name, python, sparql)


@pytest.fixture(scope="module")
def literature_store(literature: EvidenceGraph) -> ox.Store:
    return to_store(literature)


@pytest.mark.parametrize(
    ("name", "parameters"),
    LITERATURE_CASES,
    ids=[f"{n}-{i}" for i, (n, _) in enumerate(LITERATURE_CASES)],
)
def test_python_and_sparql_agree_on_the_literature(
    literature: EvidenceGraph, literature_store: ox.Store, name: str, parameters: dict[str, str]
) -> None:
    python = ask(literature, name, parameters)
    sparql = ask(literature, name, parameters, engine="sparql", store=literature_store)
    assert python
    _same(name, python, sparql)


def test_every_question_has_a_case_with_rows(
    graph: EvidenceGraph, literature: EvidenceGraph
) -> None:
    with_rows = {name for name, parameters in KVERME_CASES if ask(graph, name, parameters)}
    with_rows |= {
        name for name, parameters in LITERATURE_CASES if ask(literature, name, parameters)
    }
    assert with_rows == set(QUESTIONS)


def test_what_names_nothing_is_an_error_whichever_the_engine(
    graph: EvidenceGraph, kverme_store: ox.Store
) -> None:
    for name, parameters in [
        ("quotes-for-theme", {"theme": "no such theme"}),
        ("evidence-for", {"claim": "no-such-claim"}),
        ("citing-works", {"work": "10.1234/none"}),
        ("about-concept", {"concept": "wikidata:Q1"}),
        ("theme-tree", {"study": "no-such-study"}),
        ("mapped-to", {"target": "https://example.org/no-such-concept"}),
    ]:
        with pytest.raises(QueryError) as python:
            ask(graph, name, parameters)
        with pytest.raises(QueryError) as sparql:
            ask(graph, name, parameters, engine="sparql", store=kverme_store)
        assert str(sparql.value) == str(python.value)
        query = query_text(name)
        bindings = QUESTIONS[name].bindings(QUESTIONS[name].parse(parameters))
        assert select(kverme_store, query, bindings).rows == ()  # the query alone finds nothing


# -- generated corpora -------------------------------------------------------------------------


@given(corpus=corpora(), data=st.data())
@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_python_and_sparql_agree_on_generated_corpora(corpus: Corpus, data: st.DataObject) -> None:
    graph = EvidenceGraph.from_corpus(corpus)
    store = to_store(graph)
    for name, parameters in drawn_cases(graph, data):
        try:
            python = ask(graph, name, parameters)
        except QueryError as error:  # it names nothing: the same error whichever the engine
            with pytest.raises(QueryError, match=re.escape(str(error))):
                ask(graph, name, parameters, engine="sparql", store=store)
        else:
            _same(name, python, ask(graph, name, parameters, engine="sparql", store=store))
