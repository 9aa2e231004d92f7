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
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from helpers import Cli, WriteStudy, stderr_on_a_terminal
from rdflib import OWL, Graph, URIRef

from evidence_graph import load, serialize, to_rdf
from evidence_graph.display import visible

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
