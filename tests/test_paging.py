"""Paging: a question's answer cut into pages the same way in Python, in SPARQL and the CLI."""

from __future__ import annotations

import json

import pytest
from cases import KVERME_CASES, LITERATURE_CASES
from helpers import LITERATURE, Cli

from evidence_graph import EvidenceGraph, QueryError, ask, load_graph
from evidence_graph.queries import Rows, tree_order

PAGES = [(0, 0), (1, 0), (2, 1), (None, 3), (3, 2), (5, 10_000)]


@pytest.fixture(scope="module")
def literature() -> EvidenceGraph:
    return load_graph(*LITERATURE)


@pytest.mark.parametrize(("name", "parameters"), [*KVERME_CASES, *LITERATURE_CASES])
def test_each_page_is_the_slice_of_the_whole_answer_from_either_engine(
    literature: EvidenceGraph, name: str, parameters: dict[str, str]
) -> None:
    whole = ask(literature, name, parameters)
    # RDF keeps no order for theme-tree's siblings that neither a number nor an ordered
    # grouping places: SPARQL gives them by label and IRI (tree_order), Python in the file's
    # order; each engine pages its own order (see helpers.same_answer)
    ordered = tree_order(list(whole)) if name == "theme-tree" else list(whole)
    for limit, offset in PAGES:
        end = None if limit is None else offset + limit
        page = ask(literature, name, parameters, limit=limit, offset=offset)
        assert page == whole[offset:end], (limit, offset)
        assert page.row is whole.row
        sparql = ask(literature, name, parameters, engine="sparql", limit=limit, offset=offset)
        assert sparql == ordered[offset:end], (limit, offset)


def test_pages_follow_each_other(literature: EvidenceGraph) -> None:
    whole = ask(literature, "mapped-to")
    assert len(whole) > 6
    pages = [ask(literature, "mapped-to", limit=4, offset=start) for start in range(0, 12, 4)]
    assert [row for page in pages for row in page] == whole[:12]


@pytest.mark.parametrize("bad", [-1, 1.5, True, "2"])
def test_a_page_that_is_not_a_count_is_refused(literature: EvidenceGraph, bad: object) -> None:
    with pytest.raises(QueryError, match="expected a whole number, 0 or more"):
        ask(literature, "stats", limit=bad)  # type: ignore[arg-type]
    with pytest.raises(QueryError, match="expected a whole number, 0 or more"):
        ask(literature, "stats", offset=bad, engine="sparql")  # type: ignore[arg-type]


def test_the_command_pages_as_python_does(cli: Cli, literature: EvidenceGraph) -> None:
    expected = [
        row.model_dump(mode="json") for row in ask(literature, "mapped-to", limit=3, offset=2)
    ]
    for engine in ([], ["--sparql"]):
        done = cli(
            "query", "mapped-to", *LITERATURE, "--limit", "3", "--offset", "2", "-f", "json-rows",
            *engine,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert [
            {key: value for key, value in row.items() if key in expected[0]}
            for row in json.loads(done.stdout)
        ] == expected
    refused = cli("query", "stats", "--limit", "-1")
    assert refused.returncode == 2
    assert "argument --limit: '-1': expected a whole number, 0 or more" in refused.stderr


FIRST_CASES = list(
    {
        name: (name, parameters)
        for name, parameters in reversed([*KVERME_CASES, *LITERATURE_CASES])
    }.values()
)
"""One case of each question of the catalogue."""


@pytest.mark.parametrize(("name", "parameters"), FIRST_CASES)
@pytest.mark.parametrize("engine", [[], ["--sparql"]])
def test_every_question_pages_on_the_command_line_as_in_python(
    cli: Cli, literature: EvidenceGraph, name: str, parameters: dict[str, str], engine: list[str]
) -> None:
    whole = ask(literature, name, parameters)
    if engine and name == "theme-tree":  # SPARQL's own order of unplaced siblings (see above)
        whole = Rows(whole.row, tree_order(list(whole)))
    expected = [row.model_dump(mode="json") for row in whole.page(2, offset=1)]
    given = [option for key, value in parameters.items() for option in ("-p", f"{key}={value}")]
    done = cli(
        "query", name, *LITERATURE, *given, "--limit", "2", "--offset", "1", "-f", "json-rows",
        *engine,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    fields = set(whole.row.model_fields)
    assert [
        {key: value for key, value in row.items() if key in fields}
        for row in json.loads(done.stdout)
    ] == expected
