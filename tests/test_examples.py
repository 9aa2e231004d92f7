"""Every example script runs, using only the public API, and says what it did."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import evidence_graph

EXAMPLES = sorted((Path(__file__).parents[1] / "examples").glob("*.py"))


def test_there_are_examples() -> None:
    assert [path.name for path in EXAMPLES][:3] == [
        "01_quickstart.py",
        "02_queries.py",
        "03_your_own_study.py",
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
    for name in evidence_graph.queries.QUESTIONS:
        assert f"\n{name}" in out
    assert out.count("the same rows in SPARQL") == len(evidence_graph.queries.QUESTIONS)
    assert "DIFFERENT" not in out
    assert "  kverme2019: not-eligible; sample: within" in out
    assert "criterion months_since_diagnosis: excludes" in out
    assert "bpd-prevalence-1-6-percent (background): candidate source doi:10.1016/j.bio" in out
    assert "work 3, person 8, study 1, sample 1, criterion 4, theme 5, quote 4, claim 8" in out
    assert out.endswith("did you mean 'Daring to Belong'?\n")


def test_your_own_study() -> None:
    result = subprocess.run(
        [sys.executable, str(EXAMPLES[2])], capture_output=True, text=True, check=True
    )
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "loaded 8 entities; quote IRI: https://example.org/evidence/quote/example-study/q1"
    )
    assert lines[1].endswith(
        "broken.yaml: line 28: quotes[0].themes[0]: no entity has the id 'subtheme'; "
        "expected the id of a theme"
    )
