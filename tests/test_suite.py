"""The test suite's own order: test modules share code through helper modules, not each other."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
MODULES = sorted(TESTS.glob("test_*.py"))


def _imported(tree: ast.Module) -> list[tuple[int, str]]:
    """Each module an ``import`` or ``from ... import`` anywhere in the tree names, by line."""
    names: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append((node.lineno, node.module))
    return names


def _forbidden(module: str) -> bool:
    top = module.split(".", maxsplit=1)[0]
    return top == "conftest" or top.startswith("test_")


def test_the_check_sees_imports_anywhere() -> None:
    tree = ast.parse(
        "import test_cli as t\nfrom conftest import Cli\nfrom helpers import Cli\n"
        "def f():\n    from test_store import Server\n"
    )
    found = [(line, name) for line, name in _imported(tree) if _forbidden(name)]
    assert found == [(1, "test_cli"), (2, "conftest"), (5, "test_store")]


@pytest.mark.parametrize("module", MODULES, ids=lambda path: path.name)
def test_no_test_module_imports_conftest_or_another_test_module(module: Path) -> None:
    tree = ast.parse(module.read_text(encoding="utf-8"), filename=str(module))
    found = [f"line {line}: {name}" for line, name in _imported(tree) if _forbidden(name)]
    assert found == [], f"{module.name} imports {found}; move what it shares to helpers.py"
