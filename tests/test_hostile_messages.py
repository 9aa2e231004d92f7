"""Hostile text in what the command prints: control characters shown, long values cut.

The cases (issue 15, items 10 and 14):

- Terminal escape sequences (ESC with CSI and OSC, other C0 controls, DEL, C1 controls) and
  bidirectional controls (right-to-left overrides, embeddings, isolates, marks) in a quote, a
  theme label or a study label reach the terminal visibly, as ``\\x1b``, ``\\x9b``, ``\\u202e``
  (the form ``repr`` gives): in ``show``, in the tables of ``query`` and ``sparql``, in error
  messages that name a file or echo a parameter, in a warning that names a file, and in the
  errors argparse gives. Line feeds and tabs are kept.
- Machine formats keep the data exactly: ``query --format json`` and ``csv`` to standard
  output, and a file written with ``-o``.
- A value of 100,000 characters is echoed by no error whole: its first 200 characters, then
  ``… (99,800 more characters)``. In a study file: an id, a reference, a compact IRI, a DOI,
  an ORCID iD, an IRI, a date, a partial date, a choice, a number, a list, an unknown field's
  name. In a bibliography: a year, a DOI. On the command line: every kind of query parameter,
  an unknown parameter, ``--param`` without ``=`` or given twice, a question's name,
  ``--base``, ``--graph``, ``--timeout``, ``--format`` (argparse's own message), an endpoint
  that cannot be reached, a SPARQL parameter that is no IRI or that the query does not
  declare. A strict merge naming the two values that differ; a public identifier two entities
  share. In Python: ``QueryError``, ``NodeNotFoundError``, ``SourceNotFoundError``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from helpers import Cli, WriteStudy, stderr_on_a_terminal
from rdflib import OWL, Graph, URIRef

from evidence_graph import (
    NodeNotFoundError,
    QueryError,
    SourceNotFoundError,
    load,
    serialize,
    to_rdf,
)
from evidence_graph.display import visible
from evidence_graph.queries import quotes_for_theme

HOSTILE = (
    "\x1b]0;owned\x07"  # OSC: set the terminal's title
    "\x1b[2J\x1b[31m"  # CSI: clear the screen, red
    "\x9b1;1H"  # C1 CSI: move the cursor
    "\x7f\x08\r"  # DEL, backspace, carriage return
    "\u202eevil\u202c \u2066iso\u2069 \u200e\u200f\u061c"  # bidi override, isolate, marks
)
"""Text that a terminal would obey: every kind of control the command must show instead."""

SHOWN = (
    r"\x1b]0;owned\x07\x1b[2J\x1b[31m\x9b1;1H\x7f\x08\r"
    r"\u202eevil\u202c \u2066iso\u2069 \u200e\u200f\u061c"
)
"""The same text as the command shows it."""

OBEYED = {chr(code) for code in [*range(0x20), *range(0x7F, 0xA0)]} - {"\n", "\t"}
OBEYED |= {"\u061c", "\u200e", "\u200f", *map(chr, range(0x202A, 0x202F)), "\u2066", "\u2069"}
OBEYED |= {"\u2067", "\u2068"}


def _raw(text: str) -> set[str]:
    """The characters of ``text`` a terminal would obey rather than show."""
    return OBEYED & set(text)


def test_the_shown_form_is_visible() -> None:
    assert visible(HOSTILE) == SHOWN
    assert not _raw(SHOWN)


@pytest.fixture
def hostile(kverme: dict[str, Any], write_study: WriteStudy) -> Path:
    """The built-in study, with controls in a quote, a theme label and the study's label."""
    kverme["quotes"][0]["text"] = f"before {HOSTILE} after"
    kverme["themes"][1]["label"] = f"Learning {HOSTILE}"
    kverme["studies"][0]["label"] = f"Recovery {HOSTILE}"
    return write_study(kverme, "hostile.json")


def test_show_shows_the_controls(cli: Cli, hostile: Path) -> None:
    shown = cli("show", str(hostile))
    assert shown.returncode == 0, shown.stderr
    assert not _raw(shown.stdout + shown.stderr)
    assert f"before {SHOWN} after" in shown.stdout
    assert f"Learning {SHOWN}" in shown.stdout
    assert f"Recovery {SHOWN}" in shown.stdout


@pytest.mark.parametrize("engine", [[], ["--sparql"]], ids=["python", "sparql"])
def test_a_query_table_shows_the_controls(cli: Cli, hostile: Path, engine: list[str]) -> None:
    answer = cli("query", "search-quotes", str(hostile), "-p", "text=before", *engine)
    assert answer.returncode == 0, answer.stderr
    assert not _raw(answer.stdout + answer.stderr)
    assert f"before {SHOWN} after" in answer.stdout


def test_a_sparql_table_shows_the_controls(cli: Cli, hostile: Path, tmp_path: Path) -> None:
    query = tmp_path / "labels.rq"
    query.write_text(
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        'SELECT ?label WHERE { ?theme skos:prefLabel ?label FILTER(STRSTARTS(?label, "Learning")) }'
    )
    answer = cli("sparql", str(query), str(hostile))
    assert answer.returncode == 0, answer.stderr
    assert not _raw(answer.stdout + answer.stderr)
    assert "\\x1b]0;owned\\x07" in answer.stdout
    assert "\\u202eevil\\u202c" in answer.stdout


def test_json_and_csv_keep_the_data_exactly(cli: Cli, hostile: Path) -> None:
    asked = ("query", "search-quotes", str(hostile), "-p", "text=before")
    rows = json.loads(cli(*asked, "--format", "json").stdout)
    assert rows[0]["text"] == f"before {HOSTILE} after"
    assert f"before {HOSTILE} after" in cli(*asked, "--format", "csv").stdout


def test_a_file_written_keeps_the_data_exactly(cli: Cli, hostile: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    written = cli("export", str(hostile), "-o", str(target))
    assert written.returncode == 0, written.stderr
    assert target.read_text("utf-8") == serialize(load(hostile), "turtle")
    quotes = {quote.text for quote in load(hostile).quotes}
    assert f"before {HOSTILE} after" in quotes


def test_an_error_naming_a_file_shows_the_controls(cli: Cli, write_study: WriteStudy) -> None:
    path = write_study("studies: [{id: 7}]\n", f"bad{HOSTILE[:20]}.yaml")
    failed = cli("validate", str(path))
    assert failed.returncode == 1
    assert not _raw(failed.stdout + failed.stderr)
    assert visible(str(path)) in failed.stderr


def test_a_missing_source_shows_the_controls(cli: Cli) -> None:
    failed = cli("show", f"nowhere{HOSTILE}")
    assert failed.returncode == 2
    assert not _raw(failed.stdout + failed.stderr)
    assert f"nowhere{SHOWN}: no such file" in failed.stderr


def test_a_parameter_echoed_shows_the_controls(cli: Cli) -> None:
    failed = cli("query", "quotes-for-theme", "-p", f"theme={HOSTILE}")
    assert failed.returncode == 2
    assert not _raw(failed.stdout + failed.stderr)
    assert "theme: '\\x1b]0;owned\\x07" in failed.stderr


def test_a_warning_naming_a_file_shows_the_controls(
    cli: Cli, write_study: WriteStudy, corpus: Any
) -> None:
    rdf: Graph = to_rdf(corpus)
    rdf.add((URIRef("https://example.org/onto"), OWL.imports, URIRef("https://example.org/other")))
    path = write_study(serialize(rdf), f"imports{HOSTILE[:20]}.ttl")
    shown = cli("validate", str(path))
    assert shown.returncode == 0, shown.stderr
    assert not _raw(shown.stdout + shown.stderr)
    assert f"warning: {visible(str(path))}: owl:imports" in shown.stderr


@pytest.mark.parametrize(
    "args",
    [["show", "--bogus" + HOSTILE], ["export", "--format", HOSTILE], [HOSTILE]],
    ids=["unknown option", "bad choice", "bad command"],
)
def test_argparse_errors_show_the_controls(cli: Cli, args: list[str]) -> None:
    failed = cli(*args)
    assert failed.returncode == 2
    assert not _raw(failed.stdout + failed.stderr)
    assert "\\x1b]0;owned" in failed.stderr


def test_line_feeds_and_tabs_are_kept() -> None:
    assert visible("one\n\ttwo") == "one\n\ttwo"


def test_on_a_terminal_only_the_command_s_own_styles_are_sequences() -> None:
    status, drawn = stderr_on_a_terminal("show", f"nowhere{HOSTILE}")
    assert status == 2
    unstyled = re.sub(r"\x1b\[[0-9;]*m", "", drawn.decode("utf-8")).replace("\r\n", "\n")
    assert f"nowhere{SHOWN}: no such file" in unstyled
    assert not _raw(unstyled)


# -- long values in errors (item 14) ---------------------------------------------------------------

LONG = "x" * 100_000
"""A value of 100,000 characters, which no message may echo whole."""

CUT = re.compile(r"x{190,200}…'? \(99,80\d more characters\)")
"""How a message shows ``LONG``: its first 200 characters (in quotes), then how many more."""


def _edited(field: str, value: object) -> Any:
    """An edit of the built-in study: ``field`` (``collection.index.name``) set to ``value``."""

    def edit(document: dict[str, Any]) -> None:
        collection, index, name = field.split(".")
        document[collection][int(index)][name] = value

    return edit


STUDY_CASES = {
    "id": ("quotes.0.id", LONG),
    "reference": ("quotes.0.themes", [LONG]),
    "compact IRI": ("quotes.0.themes", [f"zz:{LONG}"]),
    "DOI": ("works.0.doi", LONG),
    "ORCID": ("people.0.orcid", LONG),
    "IRI": ("concepts.0.iri", LONG),
    "date": ("works.0.issued", LONG),
    "partial date": ("studies.0.data_collection_start", LONG),
    "choice": ("quotes.0.role", LONG),
    "number": ("samples.0.size", LONG),
    "list": ("quotes.0.text", [LONG]),
    "unknown field": ("quotes.0." + LONG, 1),
}


@pytest.mark.parametrize(("field", "value"), STUDY_CASES.values(), ids=list(STUDY_CASES))
def test_a_long_value_in_a_study_file_is_cut(
    cli: Cli, kverme: dict[str, Any], write_study: WriteStudy, field: str, value: object
) -> None:
    _edited(field, value)(kverme)
    path = write_study(kverme, "long.json")
    failed = cli("validate", str(path))
    assert failed.returncode == 1
    assert failed.stdout == ""
    assert CUT.search(failed.stderr), failed.stderr[:2_000]
    assert len(failed.stderr) < 1_000, failed.stderr[:2_000]


BIBLIOGRAPHIES = {
    "year": "@article{k, title={T}, year={%s}, author={A, B}}\n",
    "DOI": "@article{k, title={T}, year={2019}, doi={%s}, author={A, B}}\n",
}


@pytest.mark.parametrize("entry", BIBLIOGRAPHIES.values(), ids=list(BIBLIOGRAPHIES))
def test_a_long_value_in_a_bibliography_is_cut(
    cli: Cli, write_study: WriteStudy, entry: str
) -> None:
    path = write_study(entry % LONG, "long.bib")
    failed = cli("validate", str(path))
    assert failed.returncode == 1
    assert CUT.search(failed.stderr), failed.stderr[:2_000]
    assert len(failed.stderr) < 1_000, failed.stderr[:2_000]


COMMANDS = {
    "theme": (2, "query", "quotes-for-theme", "-p", f"theme={LONG}"),
    "age": (2, "query", "studies-matching", "-p", f"age={LONG}"),
    "sex": (2, "query", "studies-matching", "-p", f"sex={LONG}"),
    "boolean": (2, "query", "studies-matching", "-p", f"in-treatment={LONG}"),
    "work": (2, "query", "citing-works", "-p", f"work={LONG}"),
    "concept": (2, "query", "about-concept", "-p", f"concept={LONG}"),
    "claim": (2, "query", "evidence-for", "-p", f"claim={LONG}"),
    "target": (2, "query", "mapped-to", "-p", f"target={LONG}"),
    "study": (2, "query", "theme-tree", "-p", f"study={LONG}"),
    "unknown parameter": (2, "query", "stats", "-p", f"{LONG}=1"),
    "no equals sign": (2, "query", "stats", "-p", LONG),
    "given twice": (2, "query", "stats", "-p", f"a={LONG}", "-p", f"a={LONG}"),
    "question": (2, "query", LONG),
    "base": (2, "export", "--base", LONG),
    "graph": (2, "query", "stats", "--endpoint", "http://127.0.0.1:9/q", "--graph", LONG),
    "timeout": (2, "query", "stats", "--timeout", LONG),
    "choice": (2, "query", "stats", "--format", LONG),
    "endpoint": (3, "query", "stats", "--endpoint", f"http://{LONG}", "--retries", "0"),
}


@pytest.mark.parametrize(
    ("status", "args"), [(c[0], c[1:]) for c in COMMANDS.values()], ids=list(COMMANDS)
)
def test_a_long_value_on_the_command_line_is_cut(
    cli: Cli, status: int, args: tuple[str, ...]
) -> None:
    failed = cli(*args)
    assert failed.returncode == status, failed.stderr[:2_000]
    assert re.search(r"x{190,200}…'? \(\d\d,\d{3} more characters\)", failed.stderr), failed.stderr[
        :2_000
    ]
    assert len(failed.stderr) < 1_500, failed.stderr[:3_000]


def test_a_sparql_parameter_that_is_no_iri_is_cut(cli: Cli, tmp_path: Path) -> None:
    query = tmp_path / "q.rq"
    query.write_text("SELECT ?x WHERE { VALUES (?x) { (UNDEF) } }\n")
    failed = cli("sparql", str(query), "-p", f"x=<http://a b{LONG}>")
    assert failed.returncode == 2
    assert f"'<http://a b{'x' * 189}…' (99,812 more characters) is not an IRI" in failed.stderr
    assert len(failed.stderr) < 1_000, failed.stderr[:2_000]


def test_a_sparql_parameter_it_does_not_declare_is_cut(cli: Cli, tmp_path: Path) -> None:
    query = tmp_path / "q.rq"
    query.write_text("SELECT ?x WHERE { VALUES (?x) { (UNDEF) } }\n")
    failed = cli("sparql", str(query), "-p", f"{LONG}=1")
    assert failed.returncode == 2
    assert f"with ?{'x' * 200}… (99,800 more characters); it declares: ?x" in failed.stderr
    assert len(failed.stderr) < 1_000, failed.stderr[:2_000]


def test_a_strict_merge_cuts_the_values_it_names(
    cli: Cli, kverme: dict[str, Any], write_study: WriteStudy
) -> None:
    kverme["works"][0]["title"] = "A" + LONG
    first = write_study(kverme, "first.json")
    kverme["works"][0]["title"] = "B" + LONG
    second = write_study(kverme, "second.json")
    failed = cli("validate", "--strict", str(first), str(second))
    assert failed.returncode == 1
    assert re.search(
        r"'Ax{199}…' \(99,801 more characters\) differs from 'Bx{199}…'", failed.stderr
    )
    assert len(failed.stderr) < 1_500, failed.stderr[:3_000]


def test_the_python_errors_cut_too(literature: Any) -> None:
    with pytest.raises(QueryError) as raised:
        quotes_for_theme(literature, LONG)
    assert str(raised.value).startswith(f"theme: '{'x' * 200}…' (99,800 more characters): ")
    with pytest.raises(NodeNotFoundError) as missing:
        literature.get(LONG)
    assert str(missing.value) == f"no node '{'x' * 200}…' (99,800 more characters) in the graph"
    with pytest.raises(SourceNotFoundError) as source:
        load(f"nowhere-{LONG[:240]}")
    assert str(source.value).startswith(f"nowhere-{'x' * 192}… (48 more characters): no such")


def test_a_long_identifier_two_entities_share_is_cut(
    cli: Cli, kverme: dict[str, Any], write_study: WriteStudy
) -> None:
    doi = f"10.1234/{LONG}"
    kverme["works"][0]["doi"] = kverme["works"][1]["doi"] = doi
    failed = cli("validate", str(write_study(kverme, "twice.json")))
    assert failed.returncode == 1
    assert re.search(r"'10\.1234/x{192}…' \(99,808 more characters\)", failed.stderr)
    assert len(failed.stderr) < 1_500, failed.stderr[:3_000]
