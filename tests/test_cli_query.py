"""The query and sparql commands: named questions and one's own SPARQL, as table, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from helpers import LITERATURE, Cli, WriteStudy

from evidence_graph import load_graph, serialize
from evidence_graph.queries import QUESTIONS, QuoteRow
from evidence_graph.sparql import query_text

QueryFile = Callable[..., Path]
BASE = "https://w3id.org/evidence-graph/data/"

# Parameters that give every question a non-empty answer on the kverme2019 dataset (or on
# the sources SOURCES gives).
PARAMETERS: dict[str, dict[str, str]] = {
    "quotes-for-theme": {"theme": "Moving Toward Connectedness"},
    "theme-tree": {},
    "studies-matching": {
        "sex": "female",
        "age": "25",
        "months-since-diagnosis": "12",
        "in-treatment": "true",
        "psychosis": "false",
        "concept": "mesh:D001883",
    },
    "evidence-for": {"claim": "finding-daring-to-belong"},
    "citing-works": {"work": "10.3389/fpsyg.2019.00430"},
    "cited-works": {"work": "psychology-today-4-keys"},
    "search-quotes": {"text": "group"},
    "unsupported-claims": {},
    "about-concept": {"concept": "wikidata:Q208166"},
    "mapped-to": {"target": "Connectedness"},
    "stats": {},
}
SOURCES: dict[str, tuple[str, ...]] = {"mapped-to": LITERATURE}
"""The sources of the questions that need more than the kverme2019 dataset."""


def options(parameters: dict[str, str]) -> list[str]:
    return [f"--param={key}={value}" for key, value in parameters.items()]


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
    return result.stdout


def as_json(result: subprocess.CompletedProcess[str]) -> Any:
    return json.loads(ok(result))


# The query command's output formats.


def test_quotes_for_theme_as_json(cli: Cli) -> None:
    rows = as_json(cli("query", "quotes-for-theme", "-p", "theme=daring to belong", "-f", "json"))
    assert [row["quote_id"] for row in rows] == ["group-therapy-helped-most"]
    assert list(rows[0]) == list(QuoteRow.model_fields)  # keys in the row's field order
    assert rows[0]["theme_label"] == "Daring to Belong"
    assert rows[0]["theme"] == f"{BASE}theme/kverme2019/daring-to-belong"


def test_json_is_indented_and_keeps_non_ascii(cli: Cli) -> None:
    out = ok(cli("query", "quotes-for-theme", "--param", "theme=daring to belong", "-f", "json"))
    assert out.startswith('[\n  {\n    "quote": ')
    assert "same… as I felt" in out  # not escaped as \u2026
    assert out.endswith("}\n]\n")


def test_quotes_for_theme_as_csv(cli: Cli) -> None:
    out = ok(cli("query", "quotes-for-theme", "-p", "theme=daring to belong", "--format", "csv"))
    [header, *rows] = list(csv.reader(io.StringIO(out)))
    assert header == list(QuoteRow.model_fields)
    assert [dict(zip(header, row, strict=True))["quote_id"] for row in rows] == [
        "group-therapy-helped-most"
    ]
    assert "\r" not in out


def test_csv_writes_none_as_empty(cli: Cli) -> None:
    out = ok(cli("query", "citing-works", "-p", "work=10.3389/fpsyg.2019.00430", "-f", "csv"))
    records = list(csv.DictReader(io.StringIO(out)))
    assert len(records) == 2
    assert {record["citing_doi"] for record in records} == {""}
    assert {record["cited_doi"] for record in records} == {"10.3389/fpsyg.2019.00430"}


def _header(out: str, first: str) -> list[str]:
    [header] = [line for line in out.splitlines() if line.startswith(f"┃ {first} ")]
    return [cell.strip() for cell in header.strip("┃ ").split("┃")]


def test_quotes_for_theme_as_a_table(cli: Cli) -> None:
    out = ok(cli("query", "quotes-for-theme", "-p", "theme=daring to belong"))
    assert "quotes-for-theme (1 row)" in out
    assert "Daring to Belong" in out
    assert "group-therapy-helped-most" in out
    empty = {"speaker", "subgroup_id"}  # kverme2019 names no speaker: the columns are left out
    columns = [name for name in QUESTIONS["quotes-for-theme"].columns if name not in empty]
    assert _header(out, "theme_label") == columns


def test_a_table_shortens_iris_under_the_base_but_not_doi_iris(
    cli: Cli, query_file: QueryFile
) -> None:
    path = query_file(
        "SELECT ?quote ?work WHERE { ?quote <http://www.w3.org/ns/oa#hasBody> ?theme ;"
        " <http://www.w3.org/ns/prov#wasQuotedFrom> ?work } ORDER BY ?quote LIMIT 1"
    )
    out = ok(cli("sparql", str(path)))
    assert "quote/kverme2019/group-therapy-helped-most" in out
    assert BASE not in out
    assert "https://doi.org/10.3389/fpsyg.2019.00430" in out


def test_a_table_leaves_out_columns_that_are_empty_in_every_row(cli: Cli) -> None:
    out = ok(cli("query", "citing-works", "-p", "work=10.3389/fpsyg.2019.00430"))
    shown = [name for name in QUESTIONS["citing-works"].columns if name != "citing_doi"]
    assert _header(out, "citing_title") == shown


def test_a_table_escapes_rich_markup(
    cli: Cli, kverme: dict[str, Any], write_study: WriteStudy
) -> None:
    kverme["quotes"][0]["text"] = "[bold red]not markup[/] in the data"
    source = write_study(kverme)
    out = ok(cli("query", "search-quotes", str(source), "-p", "text=not markup"))
    assert "[bold red]not markup[/] in the data" in out


@pytest.mark.parametrize(
    ("output", "expected"), [("json", "[]\n"), ("table", "no rows\n"), ("csv", None)]
)
def test_an_empty_answer(cli: Cli, output: str, expected: str | None) -> None:
    out = ok(cli("query", "search-quotes", "-p", "text=no such words here", "-f", output))
    assert out == (expected or ",".join(QUESTIONS["search-quotes"].row.model_fields) + "\n")


def test_sources_come_before_the_options(cli: Cli) -> None:
    assert {"kind": "quote", "count": 4} in as_json(
        cli("query", "stats", "kverme2019", "-f", "json")
    )
    # a word after an option is not taken for a source: an unquoted value stops here
    result = cli("query", "search-quotes", "-p", "text=Group", "therapy")
    assert result.returncode == 2
    assert "unrecognized arguments: therapy" in result.stderr


def test_an_unknown_option_after_the_name_is_a_usage_error(cli: Cli) -> None:
    result = cli("query", "stats", "kverme2019", "--bogus")
    assert result.returncode == 2
    assert "unrecognized arguments: --bogus" in result.stderr


# Both engines give the same answers.


def test_every_question_has_test_parameters() -> None:
    assert set(PARAMETERS) == set(QUESTIONS)


@pytest.mark.parametrize("name", list(QUESTIONS))
def test_python_and_sparql_give_the_same_json(cli: Cli, name: str) -> None:
    asked = ("query", name, *SOURCES.get(name, ()), *options(PARAMETERS[name]), "-f", "json")
    python = as_json(cli(*asked))
    sparql = as_json(cli(*asked, "--sparql"))
    assert python, "the parameters should give a non-empty answer"
    assert python == sparql


def test_studies_matching_a_profile(cli: Cli) -> None:
    rows = as_json(
        cli("query", "studies-matching", *options(PARAMETERS["studies-matching"]), "-f", "json")
    )
    assert {(row["study_id"], row["verdict"], row["sample_fit"]) for row in rows} == {
        ("kverme2019", "eligible", "within")
    }


# The list of questions.


def test_list_names_every_question_and_its_parameters(cli: Cli) -> None:
    out = ok(cli("query", "--list"))
    for name in QUESTIONS:
        assert f"│ {name} " in out, name
    assert "theme (required)" in out
    assert "months-since-diagnosis" in out
    assert "a number >= 0" in out


def test_list_of_one_question(cli: Cli) -> None:
    out = ok(cli("query", "--list", "evidence-for"))
    assert "claim (required)" in out
    assert "quotes-for-theme" not in out


# Mistakes: exit 2, one line on stderr, no traceback.


def query_error(cli: Cli, *args: str) -> str:
    result = cli("query", *args)
    assert result.returncode == 2, result.stdout
    assert result.stdout == ""
    assert result.stderr.startswith("error: ")
    assert "Traceback" not in result.stderr
    return " ".join(result.stderr.split())  # rich may wrap a long message


def test_a_misspelt_theme_label_gets_a_suggestion(cli: Cli) -> None:
    message = query_error(cli, "quotes-for-theme", "-p", "theme=daring to belon")
    assert message.startswith("error: theme: 'daring to belon':")
    assert "did you mean 'Daring to Belong'" in message


def test_a_non_numeric_age(cli: Cli) -> None:
    message = query_error(cli, "studies-matching", "-p", "age=twenty")
    assert message == "error: age: 'twenty': expected an age in years, from 0 to 150"


@pytest.mark.parametrize("engine", [[], ["--sparql"]])
def test_a_malformed_iri(cli: Cli, engine: list[str]) -> None:
    message = query_error(cli, "quotes-for-theme", "-p", "theme=https://example.org/a b", *engine)
    assert message.startswith("error: theme: 'https://example.org/a b': is not an IRI")


def test_a_missing_required_parameter(cli: Cli) -> None:
    message = query_error(cli, "evidence-for")
    assert "claim" in message
    assert "evidence-for needs it" in message


def test_an_unknown_parameter(cli: Cli) -> None:
    message = query_error(cli, "theme-tree", "-p", "colour=red")
    assert message.startswith("error: colour: 'red': is not a parameter of theme-tree")
    assert "it takes study" in message


def test_a_param_without_equals(cli: Cli) -> None:
    message = query_error(cli, "theme-tree", "-p", "study")
    assert message.startswith("error: --param 'study': expected KEY=VALUE")


def test_a_param_given_twice(cli: Cli) -> None:
    message = query_error(cli, "theme-tree", "-p", "study=a", "-p", "study=b")
    assert message == "error: --param study: given twice ('a' and 'b')"


def test_an_unknown_question_gets_a_suggestion(cli: Cli) -> None:
    message = query_error(cli, "quotes-for-them")
    assert message.startswith("error: question: 'quotes-for-them':")
    assert "did you mean 'quotes-for-theme'?" in message


def test_no_question_lists_the_names(cli: Cli) -> None:
    message = query_error(cli)
    assert message.startswith("error: query needs a question NAME")
    assert all(name in message for name in QUESTIONS)


def test_a_missing_source(cli: Cli) -> None:
    message = query_error(cli, "stats", "kverme2018")
    assert "did you mean 'kverme2019'?" in message


# The sparql command: one's own query file.

LABEL = """
SELECT ?label ?nothing WHERE {
  VALUES (?id) { (UNDEF) }
  ?theme <http://purl.org/dc/terms/identifier> ?id ;
         <http://www.w3.org/2004/02/skos/core#prefLabel> ?label .
  OPTIONAL { ?theme <urn:example:nothing> ?nothing }
}
"""


@pytest.fixture
def query_file(tmp_path: Path) -> QueryFile:
    def write(text: str, name: str = "query.rq") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


def test_sparql_select_with_a_parameter(cli: Cli, query_file: QueryFile) -> None:
    path = query_file(LABEL)
    rows = as_json(cli("sparql", str(path), "--param", "id=daring-to-belong", "-f", "json-rows"))
    assert rows == [{"label": "Daring to Belong", "nothing": None}]
    out = ok(cli("sparql", str(path), "kverme2019", "-p", "id=daring-to-belong", "-f", "csv"))
    assert out == "label,nothing\nDaring to Belong,\n"
    table = ok(cli("sparql", str(path), "-p", "id=daring-to-belong"))
    assert "Daring to Belong" in table
    assert "nothing" not in table  # unbound in every row


def test_sparql_select_without_the_parameter_runs_unbound(cli: Cli, query_file: QueryFile) -> None:
    rows = as_json(cli("sparql", str(query_file(LABEL)), "-f", "json-rows"))
    assert len(rows) > 1  # every labelled node with an identifier
    assert {"label": "Daring to Belong", "nothing": None} in rows


@pytest.mark.parametrize(
    ("value", "datatype"),
    [
        ("12", "integer"),
        ("-1.5", "decimal"),
        ("true", "boolean"),
        ("FALSE", "boolean"),
        ("hello world", "string"),
        ("<urn:example:a>", "iri"),
        ("https://example.org/a", "iri"),
    ],
)
def test_sparql_param_values_are_typed(
    cli: Cli, query_file: QueryFile, value: str, datatype: str
) -> None:
    path = query_file(
        "SELECT ?type WHERE { VALUES (?v) { (UNDEF) } "
        'BIND(IF(isIRI(?v), "iri", STRAFTER(STR(DATATYPE(?v)), "#")) AS ?type) }'
    )
    assert as_json(cli("sparql", str(path), "-p", f"v={value}", "-f", "json-rows")) == [
        {"type": datatype}
    ]


def test_sparql_escapes_markup_in_a_table(cli: Cli, query_file: QueryFile) -> None:
    path = query_file('SELECT ?x WHERE { BIND("[bold]x[/bold]" AS ?x) }', "[odd].rq")
    out = ok(cli("sparql", str(path)))
    assert "[bold]x[/bold]" in out
    assert "[odd].rq (1 row)" in out


@pytest.mark.parametrize("output", ["table", "json-rows", "csv"])
def test_sparql_ask(cli: Cli, query_file: QueryFile, output: str) -> None:
    path = query_file(
        'ASK { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> "Daring to Belong" }'
    )
    assert ok(cli("sparql", str(path), "-f", output)) == "true\n"
    path = query_file('ASK { ?s ?p "no such label" }')
    assert ok(cli("sparql", str(path), "-f", output)) == "false\n"


@pytest.mark.parametrize("output", ["table", "json", "json-rows", "csv"])
def test_sparql_construct_prints_sorted_n_triples(
    cli: Cli, query_file: QueryFile, output: str
) -> None:
    path = query_file(
        "CONSTRUCT { ?theme <urn:example:label> ?label } WHERE { "
        "?theme a <http://www.w3.org/2004/02/skos/core#Concept> ; "
        "<http://www.w3.org/2004/02/skos/core#prefLabel> ?label }"
    )
    lines = ok(cli("sparql", str(path), "-f", output)).splitlines()
    assert lines == sorted(lines)
    assert (
        f'<{BASE}theme/kverme2019/daring-to-belong> <urn:example:label> "Daring to Belong" .'
        in lines
    )
    assert all(line.endswith(" .") for line in lines)


def sparql_error(cli: Cli, status: int, *args: str) -> str:
    result = cli("sparql", *args)
    assert result.returncode == status, result.stdout
    assert result.stdout == ""
    assert result.stderr.startswith("error: ")
    assert "Traceback" not in result.stderr
    return " ".join(result.stderr.split())


def test_sparql_syntax_error_names_the_file(cli: Cli, query_file: QueryFile) -> None:
    path = query_file("SELEC ?x WHERE { ?x ?y ?z }")
    assert sparql_error(cli, 1, str(path)).startswith(f"error: {path}: is not valid SPARQL")


def test_sparql_missing_file(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "missing.rq"
    assert sparql_error(cli, 2, str(path)) == f"error: {path}: no such file"


def test_sparql_file_not_utf8(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "latin1.rq"
    path.write_bytes('SELECT ?x WHERE { ?x ?y "café" }'.encode("latin-1"))
    assert sparql_error(cli, 1, str(path)).startswith(f"error: {path}: is not UTF-8 text")


def test_sparql_param_the_query_does_not_declare(cli: Cli, query_file: QueryFile) -> None:
    path = query_file(LABEL)
    message = sparql_error(cli, 2, str(path), "-p", "label=x")
    assert message == (
        f"error: --param label: {path} has no parameter block (VALUES of UNDEF) with ?label; "
        "it declares: ?id"
    )


def test_sparql_malformed_iri_param(cli: Cli, query_file: QueryFile) -> None:
    path = query_file(LABEL)
    message = sparql_error(cli, 2, str(path), "-p", "id=https://example.org/a b")
    assert message.startswith("error: --param id: 'https://example.org/a b' is not an IRI")


@pytest.mark.parametrize("name", list(QUESTIONS))
def test_show_sparql_prints_a_query_any_store_runs(cli: Cli, name: str) -> None:
    shown = cli("query", name, "--show-sparql")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout == query_text(name)
    assert "#include" not in shown.stdout
    sources = SOURCES.get(name, ("kverme2019",))
    store = ox.Store()
    store.load(serialize(load_graph(*sources), "nt"), ox.RdfFormat.N_TRIPLES)
    rows = list(store.query(shown.stdout))  # parses, and runs with every parameter unbound
    if not any(parameter.required for parameter in QUESTIONS[name].parameters):
        answered = cli("query", name, *sources, "--sparql", "-f", "json")
        assert len(rows) == len(as_json(answered))
