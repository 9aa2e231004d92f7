"""Every example script runs, using only the public API, and says what it did."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import Server

import evidence_graph

EXAMPLES = sorted((Path(__file__).parents[1] / "examples").glob("*.py"))


def test_there_are_examples() -> None:
    assert [path.name for path in EXAMPLES] == [
        "01_quickstart.py",
        "02_queries.py",
        "03_link_literature.py",
        "04_your_own_study.py",
        "05_triple_store.py",
    ]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.name)
def test_examples_import_only_the_public_api(example: Path) -> None:
    tree = ast.parse(example.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            assert not node.module.startswith("evidence_graph."), node.module
        if isinstance(node, ast.Attribute) and getattr(node.value, "id", None) == "eg":
            assert node.attr in evidence_graph.__all__, node.attr


def test_quickstart(tmp_path: Path) -> None:
    target = tmp_path / "kverme2019.ttl"
    script = EXAMPLES[0]
    result = subprocess.run(
        [sys.executable, str(script), str(target)], capture_output=True, text=True, check=True
    )
    assert "doi:10.3389/fpsyg.2019.00430, 4 participant quotes" in result.stdout
    assert "2. Needing Honesty and Genuine Mutuality [contrasting]" in result.stdout
    assert "path: little-steps -> kverme2019-paper -> bpd" in result.stdout
    assert f"to {target}" in result.stdout
    assert target.read_text(encoding="utf-8") == evidence_graph.serialize(
        evidence_graph.load("kverme2019"), "turtle"
    )


def test_queries() -> None:
    result = subprocess.run(
        [sys.executable, str(EXAMPLES[1])], capture_output=True, text=True, check=True
    )
    out = result.stdout
    asked = [name for name in evidence_graph.queries.QUESTIONS if name != "mapped-to"]
    for name in asked:  # mapped-to needs the literature: 03_link_literature.py asks it
        assert f"\n{name}" in out
    assert out.count("the same rows in SPARQL") == len(asked)
    assert "DIFFERENT" not in out
    assert "  kverme2019: not-eligible; sample: within" in out
    assert "criterion months_since_diagnosis: excludes" in out
    assert "bpd-prevalence-1-6-percent (background): candidate source doi:10.1016/j.bio" in out
    counts = "work 3, person 8, study 1, sample 1, participant 0, criterion 4, theme 5, quote 4"
    assert f"{counts}, coder 0, memo 0, claim 8" in out
    assert out.endswith("did you mean 'Daring to Belong'?\n")


def test_link_literature() -> None:
    result = subprocess.run(
        [sys.executable, str(EXAMPLES[2])], capture_output=True, text=True, check=True
    )
    out = result.stdout
    assert out.startswith("2 studies, 16 works, 10 themes, 4 quotes, 13 theme mappings\n")
    assert "in the dataset and refs.bib, is one node: kverme2019-paper" in out
    assert "  Connectedness: themes 4, quotes 4\n    katsakou2012: improving relationships" in out
    assert "  Meaning in life: themes 1, quotes 0\n    katsakou2012: employment (related" in out
    assert "mapped-to Connectedness: 8 rows; the same in SPARQL: True" in out
    assert "katsakou2012 “improving relationships” is related to “Daring to Belong”:" in out
    assert (
        "path: group-therapy-helped-most -> daring-to-belong -> "
        "daring-to-belong-to-chime-connectedness -> chime-connectedness"
    ) in out


def test_your_own_study() -> None:
    result = subprocess.run(
        [sys.executable, str(EXAMPLES[3])], capture_output=True, text=True, check=True
    )
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "loaded 8 entities; quote IRI: https://example.org/evidence/quote/example-study/q1"
    )
    assert lines[1].endswith(
        "broken.yaml: line 28: quotes[0].themes[0]: no entity has the id 'subtheme'; "
        "expected the id of a theme"
    )


def test_triple_store(server: Server) -> None:
    script = [sys.executable, str(EXAMPLES[4])]
    graph = "triples to <https://w3id.org/evidence-graph/data/graph/"
    for _ in range(2):  # pushing again replaces: the same again
        out = subprocess.run(
            [*script, server.url], capture_output=True, text=True, check=True
        ).stdout
        assert (
            f"pushed 873 {graph}bpd-literature>\npushed 108 {graph}katsakou2012>\n"
            f"pushed 245 {graph}ng2019>"
        ) in out
        assert out.count("rows, as at home") == 5
        assert "mapped-to: 8 rows" in out
        assert "DIFFERENT" not in out
        assert out.endswith("'chime-connectedness' or 'moving-toward-connectedness'?\n")
        assert server.count() == 1226
    usage = subprocess.run(script, capture_output=True, text=True, check=False)
    assert usage.returncode == 1
    assert "usage:" in usage.stderr


def test_the_ng2019_study_loads_on_its_own_in_the_new_forms() -> None:
    path = Path(__file__).parents[1] / "examples" / "studies" / "ng2019.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "evidence_graph.cli", "show", str(path)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "COLUMNS": "200"},  # one line for each row of the tree
    )
    assert "14 participants: 7 recovered, 7 not recovered" in result.stdout
    assert "Stages · ordered grouping" in result.stdout
    assert "not machine-checkable" in result.stdout
    corpus = evidence_graph.load(path)
    # BPD by mesh:D001883 and CHIME Hope by its IRI, from the built-in datasets.
    assert {concept.label for concept in corpus.concepts} == {
        "Borderline Personality Disorder",
        "Hope and optimism about the future",
    }
    stages = [theme.label for theme in corpus.themes if theme.kind == "stage"]
    assert stages == ["being stuck", "diagnosis", "improving experience"]
