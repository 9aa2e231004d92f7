"""The catalogue's prefixes and fragments: spelled once, expanded by the runner into each file."""

from __future__ import annotations

import re
from importlib import resources
from importlib.resources.abc import Traversable

import pyoxigraph as ox
import pytest
from rdflib.plugins.sparql import prepareQuery

import evidence_graph
from evidence_graph.exceptions import EvidenceGraphError
from evidence_graph.folding import sparql_fold
from evidence_graph.namespace import PREFIXES
from evidence_graph.rdf.mapping import (
    CITATION_PREDICATES,
    CLAIM_KINDS,
    CRITERION_CLASSES,
    MATCH_PREDICATES,
    QUOTE_ROLES,
    WORK_CLASSES,
)
from evidence_graph.sparql import (
    FRAGMENT_NAMES,
    QUERY_NAMES,
    TABLES,
    SparqlError,
    expand,
    query_text,
    run,
    select,
)


def _rq_files(folder: Traversable) -> list[Traversable]:
    found = []
    for entry in folder.iterdir():
        if entry.is_dir():
            found += _rq_files(entry)
        elif entry.name.endswith(".rq"):
            found.append(entry)
    return found


RQ_FILES = _rq_files(resources.files("evidence_graph.sparql"))


def test_the_files_are_found() -> None:
    names = {entry.name for entry in RQ_FILES}
    assert {f"{name}.rq" for name in QUERY_NAMES} <= names
    assert len(names) > len(QUERY_NAMES)  # the fragment files too


@pytest.mark.parametrize("entry", RQ_FILES, ids=lambda entry: entry.name)
def test_no_file_declares_a_prefix_or_spells_a_vocabulary_iri(entry: Traversable) -> None:
    text = entry.read_text(encoding="utf-8")
    assert re.search(r"(?im)^\s*PREFIX\b", text) is None
    assert "<http" not in text
    for namespace in PREFIXES.values():
        assert namespace not in text


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_each_expanded_query_parses(name: str) -> None:
    text = query_text(name)
    assert "#include" not in text
    prepareQuery(text)  # rdflib's parser: every prefix declared, the syntax whole


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_each_query_declares_exactly_the_prefixes_it_uses(name: str) -> None:
    text = query_text(name)
    declared = re.findall(r"(?m)^PREFIX (\w+): <([^>]*)>$", text)
    assert declared == [(prefix, PREFIXES[prefix]) for prefix, _ in declared]
    body = text.split("\nSELECT", 1)[1]
    for prefix in PREFIXES:
        assert (prefix in dict(declared)) == (re.search(rf"\b{prefix}:\w", body) is not None)


def test_every_fragment_file_is_included() -> None:
    files = [name for name in FRAGMENT_NAMES if name != "fold" and name not in TABLES]
    texts = [entry.read_text(encoding="utf-8") for entry in RQ_FILES]
    for name in files:
        assert any(f"#include {name}()" in text for text in texts), name


# -- the tables --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "table"),
    [
        ("work_classes", WORK_CLASSES),
        ("citation_predicates", CITATION_PREDICATES),
        ("criterion_classes", CRITERION_CLASSES),
        ("match_predicates", MATCH_PREDICATES),
        ("quote_roles", QUOTE_ROLES),
        ("claim_kinds", CLAIM_KINDS),
    ],
)
def test_a_table_s_include_holds_the_mapping_s_terms(name: str, table: dict[str, str]) -> None:
    expected = {(str(iri), str(key)) for key, iri in table.items()}
    pairs = f"SELECT ?term ?name WHERE {{\n  #include {name}(?term, ?name)\n}}"
    assert set(select(ox.Store(), expand(pairs)).rows) == expected
    terms = f"SELECT ?term WHERE {{\n  #include {name}(?term)\n}}"
    assert set(select(ox.Store(), expand(terms)).rows) == {(iri,) for iri, _ in expected}
    rows = f'SELECT ?t ?k WHERE {{\n  VALUES (?t ?k) {{\n    #include {name}("x")\n  }}\n}}'
    assert set(select(ox.Store(), expand(rows)).rows) == {(iri, "x") for iri, _ in expected}


def test_a_table_is_written_in_prefixed_names_at_the_line_s_indent() -> None:
    text = "SELECT ?c ?k WHERE {\n    #include criterion_classes(?c, ?k)\n}\n"
    assert expand(text) == (
        "PREFIX obo: <http://purl.obolibrary.org/obo/>\n"
        "\n"
        "SELECT ?c ?k WHERE {\n"
        "    VALUES (?c ?k) {\n"
        '      (obo:OBI_0500027 "inclusion")\n'
        '      (obo:OBI_0500028 "exclusion")\n'
        "    }\n"
        "}\n"
    )


def test_the_fold_include_is_the_python_fold() -> None:
    text = "SELECT ?b WHERE {\n  VALUES (?a) { (UNDEF) }\n      #include fold(?a, ?b)\n}\n"
    assert sparql_fold("?a", "?b", "      ") in expand(text)
    assert select(ox.Store(), expand(text), {"a": ox.Literal("Førde’s")}).rows == (("forde's",),)


# -- prefixes ----------------------------------------------------------------------------------


def test_prefixes_go_after_the_leading_comments() -> None:
    text = "# a query\n#\n\nSELECT ?t WHERE { ?t a skos:Concept }\n"
    assert expand(text) == (
        "# a query\n#\n\n"
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n\n"
        "SELECT ?t WHERE { ?t a skos:Concept }\n"
    )


def test_a_prefix_only_in_a_comment_string_or_iri_is_not_declared() -> None:
    text = 'SELECT ?t WHERE { ?t <http://x/eg:a> "skos:b" } # oa:c\n'
    assert expand(text) == text


def test_a_prefix_the_text_declares_is_not_declared_again() -> None:
    text = "PREFIX eg: <https://example.org/>\nSELECT ?t WHERE { ?t a eg:Study ; dcterms:x ?y }\n"
    assert expand(text) == (
        "PREFIX dcterms: <http://purl.org/dc/terms/>\n\n"
        "PREFIX eg: <https://example.org/>\nSELECT ?t WHERE { ?t a eg:Study ; dcterms:x ?y }\n"
    )


# -- errors ------------------------------------------------------------------------------------


def test_an_unknown_fragment_names_the_file_and_the_line() -> None:
    text = "SELECT ?a WHERE {\n  ?a ?b ?c .\n  #include folds(?a, ?b)\n}\n"
    with pytest.raises(SparqlError) as caught:
        expand(text, source="mine.rq")
    assert str(caught.value) == (
        "mine.rq: line 3: no fragment 'folds'; expected one of: " + ", ".join(FRAGMENT_NAMES)
    )
    assert caught.value.source == "mine.rq"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "#include fold",
            (
                "line 1: expected '#include NAME(ARGUMENTS)', "
                "e.g. '#include fold(?text, ?folded)', not '#include fold'"
            ),
        ),
        ("#include fold(?a)", "line 1: expected fold(?text, ?folded), not fold(?a)"),
        ('#include fold(?a, "b")', 'line 1: expected fold(?text, ?folded), not fold(?a, "b")'),
        (
            "#include work_classes(?a, ?b, ?c)",
            (
                "line 1: expected work_classes(?term, ?name), work_classes(?term) or "
                'work_classes("text"), not work_classes(?a, ?b, ?c)'
            ),
        ),
        (
            "#include citation_rows(?a)",
            "line 1: expected citation_rows(): a fragment file takes no arguments",
        ),
    ],
)
def test_a_malformed_include_says_what_was_expected(line: str, message: str) -> None:
    with pytest.raises(SparqlError) as caught:
        expand(f"{line}\nSELECT * WHERE {{}}\n", source="q.rq")
    assert str(caught.value) == f"q.rq: {message}"


def test_sparql_error_is_one_class_everywhere() -> None:
    assert evidence_graph.SparqlError is SparqlError is evidence_graph.exceptions.SparqlError
    assert issubclass(SparqlError, EvidenceGraphError)
    assert issubclass(SparqlError, ValueError)


# -- one's own query ---------------------------------------------------------------------------


def test_one_s_own_query_may_use_the_prefixes_and_the_includes() -> None:
    text = "SELECT ?a ?b WHERE {\n  VALUES (?a) { (UNDEF) }\n  #include fold(?a, ?b)\n}\n"
    assert select(ox.Store(), text, {"a": ox.Literal("É")}).rows == (("É", "e"),)
    text = "SELECT ?t WHERE { VALUES ?t { skos:Concept } }"
    assert select(ox.Store(), text).rows == (("http://www.w3.org/2004/02/skos/core#Concept",),)


def test_a_query_declaring_its_prefixes_without_includes_is_sent_as_written() -> None:
    text = "PREFIX skos: <https://example.org/>\r\n# x\r\nSELECT ?t WHERE { VALUES ?t { skos:a } }"
    assert expand(text) == text
    assert select(ox.Store(), text).rows == (("https://example.org/a",),)


def test_a_prefix_outside_the_namespaces_is_still_an_error() -> None:
    with pytest.raises(SparqlError, match=r"^mine\.rq: is not valid SPARQL"):
        run(ox.Store(), "SELECT ?t WHERE { ?t a ex:Thing }", source="mine.rq")
