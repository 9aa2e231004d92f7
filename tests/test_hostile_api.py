"""Hostile and careless use of the Python API and the command line, as the README promises it.

The cases (issue 15, item 21):

- ``eg.queries.mapped_to(graph, target)``, as the README and the docs call it, answers the
  rows ``eg.ask(graph, "mapped-to", ...)`` and the SPARQL query give; every question has a
  function of its own in ``evidence_graph.queries``, named as the question is.
- ``eg.queries.theme_tree`` returns the rows ``query theme-tree`` prints and ``eg.ask`` gives,
  in both engines; ``nested_theme_tree`` gives the same themes nested.
- ``load``, ``load_graph``, ``merge_report``, ``load_traced``, ``resolve_sources`` and
  ``push`` take a list (a tuple, a generator, any iterable) of sources as well as sources
  one by one, and mixes of both; anything else (a number, ``None``, bytes, a mapping, a list
  inside a list) is a ``TypeError`` that names the function and the value, a long value cut;
  an empty list is no source (``ValueError``).
- ``evidence-graph -V`` prints the version, as ``--version`` does.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import LITERATURE, Cli, same_answer

import evidence_graph as eg
from evidence_graph.io import resolve_sources
from evidence_graph.io.sources import load_traced
from evidence_graph.queries import QUESTIONS, ThemeNode, ThemeRow, nested_theme_tree, walk
from evidence_graph.store import push

ROOT = Path(__file__).parents[1]
KATSAKOU = str(ROOT / "examples" / "studies" / "katsakou2012.yaml")

# -- mapped_to, as the README calls it ------------------------------------------------------------


def test_mapped_to_is_called_as_the_readme_shows(literature: eg.EvidenceGraph) -> None:
    rows = eg.queries.mapped_to(literature, "Connectedness")
    assert rows == eg.ask(literature, "mapped-to", {"target": "Connectedness"})
    assert rows == eg.ask(literature, "mapped-to", {"target": "Connectedness"}, engine="sparql")
    assert {row.study_id for row in rows} == {"katsakou2012", "kverme2019"}


def test_the_readme_s_call_of_mapped_to_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert '`eg.queries.mapped_to(graph, "Connectedness")`' in readme


@pytest.mark.parametrize("name", list(QUESTIONS))
def test_every_question_has_a_function_of_its_own(name: str) -> None:
    function = name.replace("-", "_")
    assert function in eg.queries.__all__
    assert callable(getattr(eg.queries, function))


# -- theme_tree gives rows, as the command line and ask do ---------------------------------------


def test_theme_tree_gives_the_rows_ask_gives(literature: eg.EvidenceGraph) -> None:
    rows = eg.queries.theme_tree(literature)
    assert all(type(row) is ThemeRow for row in rows)
    assert rows == eg.ask(literature, "theme-tree")
    same_answer("theme-tree", rows, eg.ask(literature, "theme-tree", engine="sparql"))
    one = eg.queries.theme_tree(literature, "katsakou2012")
    assert one == eg.ask(literature, "theme-tree", {"study": "katsakou2012"})
    assert one == [row for row in rows if row.study_id == "katsakou2012"]


def test_theme_tree_gives_the_rows_the_command_prints(cli: Cli) -> None:
    printed = cli("query", "theme-tree", *LITERATURE, "--format", "json")
    assert printed.returncode == 0, printed.stderr
    rows = eg.queries.theme_tree(eg.load_graph(*LITERATURE))
    assert json.loads(printed.stdout) == [row.model_dump(mode="json") for row in rows]


def test_the_nested_tree_holds_the_same_themes(literature: eg.EvidenceGraph) -> None:
    nodes = nested_theme_tree(literature)
    assert all(isinstance(node, ThemeNode) for node in nodes)
    assert [node.depth for node in nodes] == [0] * len(nodes)
    assert list(walk(nodes)) == eg.queries.theme_tree(literature)
    assert any(node.children for node in nodes)


def test_theme_tree_of_no_such_study_is_a_query_error(literature: eg.EvidenceGraph) -> None:
    for function in (eg.queries.theme_tree, nested_theme_tree):
        with pytest.raises(eg.QueryError, match=r"^study: 'kverme2018': "):
            function(literature, "kverme2018")


# -- sources in a list ---------------------------------------------------------------------------

LISTS: list[Callable[[], object]] = [
    lambda: ["kverme2019"],
    lambda: ("kverme2019",),
    lambda: (source for source in ["kverme2019"]),
    lambda: [Path(eg.dataset_path("kverme2019"))],
    lambda: {"kverme2019"},
]


@pytest.mark.parametrize("given", LISTS, ids=["list", "tuple", "generator", "path", "set"])
def test_load_graph_takes_a_list_of_sources(given: Callable[[], object]) -> None:
    graph = eg.load_graph(given())  # type: ignore[arg-type]
    assert graph.iri("kverme2019-paper") == "https://doi.org/10.3389/fpsyg.2019.00430"
    assert eg.load(given()) == eg.load("kverme2019")  # type: ignore[arg-type]


def test_lists_and_single_sources_mix(literature: eg.EvidenceGraph) -> None:
    for given in ([list(LITERATURE)], [LITERATURE[0], [LITERATURE[1]]], [[], *LITERATURE]):
        assert eg.serialize(eg.load_graph(*given), "nt") == eg.serialize(literature, "nt")
    assert eg.merge_report(list(LITERATURE)) == eg.merge_report(*LITERATURE)
    assert load_traced(list(LITERATURE)).origins == load_traced(*LITERATURE).origins
    assert resolve_sources([list(LITERATURE)]) == resolve_sources(LITERATURE)


WRONG = [
    (5, "not 5 (of type int)"),
    (None, "not None (of type NoneType)"),
    (b"kverme2019", "not b'kverme2019' (of type bytes)"),
    ({"kverme2019": 1}, "not {'kverme2019': 1} (of type dict)"),
    ([["kverme2019"]], "not ['kverme2019'] (of type list, in a list)"),
    (["kverme2019", 3.5], "not 3.5 (of type float, in a list)"),
]


@pytest.mark.parametrize(("given", "shown"), WRONG, ids=[shown for _, shown in WRONG])
def test_a_source_of_the_wrong_type_is_a_clear_type_error(given: object, shown: str) -> None:
    for function in (eg.load, eg.load_graph, eg.merge_report, load_traced):
        name = function.__name__
        with pytest.raises(TypeError) as raised:
            function(given)  # type: ignore[operator]
        assert str(raised.value) == (
            f"{name}() takes dataset names, paths and lists of them, {shown}"
        )


def test_a_long_wrong_value_is_cut_in_the_type_error() -> None:
    with pytest.raises(TypeError) as raised:
        eg.load_graph([list(range(100_000))])
    message = str(raised.value)
    assert re.search(r"not \[0, 1, 2, [\d, ]+… \([\d,]+ more characters\) \(of type list", message)
    assert len(message) < 400


def test_an_empty_list_is_no_source() -> None:
    with pytest.raises(ValueError, match=r"^load_graph\(\) needs at least one source"):
        eg.load_graph([])


def test_push_takes_a_list_and_refuses_a_wrong_type_before_any_request() -> None:
    # The port is closed: a request would be a StoreError; the type is checked first.
    with pytest.raises(TypeError, match=r"^push\(\) takes .* not 7 \(of type int\)$"):
        push(7, endpoint="http://127.0.0.1:9/store")  # type: ignore[arg-type]
    with pytest.raises(eg.StoreError):
        push(["kverme2019"], endpoint="http://127.0.0.1:9/store", retries=0, timeout=1)


# -- -V -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("option", ["-V", "--version"])
def test_the_version_option_has_a_short_form(option: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "evidence_graph.cli", option],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        f"evidence-graph {eg.__version__}\n",
        "",
    )
