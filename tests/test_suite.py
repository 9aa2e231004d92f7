"""The test suite's own order: test modules share code through helper modules, not each other."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from helpers import CI_EXAMPLES, DEV_EXAMPLES, examples
from hypothesis import settings

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


SEARCH_BUDGETS = {("test_strategies.py", "FIND")}
"""Settings of ``hypothesis.find``, whose ``max_examples`` bounds a search that stops once it
has found what it looks for: the same under every profile, so that ``dev`` finds it too."""


def _unscaled(module: Path) -> list[str]:
    """The ``max_examples=`` of the module's settings that do not go through ``examples()``."""
    tree = ast.parse(module.read_text(encoding="utf-8"), filename=str(module))
    budgets = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name) and (module.name, target.id) in SEARCH_BUDGETS
    }
    return [
        f"line {keyword.value.lineno}: max_examples={ast.unparse(keyword.value)}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and id(node) not in budgets
        for keyword in node.keywords
        if keyword.arg == "max_examples"
        and not (
            isinstance(keyword.value, ast.Call)
            and isinstance(keyword.value.func, ast.Name)
            and keyword.value.func.id == "examples"
        )
    ]


@pytest.mark.parametrize("module", MODULES, ids=lambda path: path.name)
def test_property_tests_scale_their_examples_with_the_profile(module: Path) -> None:
    assert _unscaled(module) == [], "say max_examples=examples(n), n being the count under ci"


def test_examples_are_the_profile_s() -> None:
    # Under `ci` a test draws exactly the number it names; under `dev` fewer, at least one.
    assert settings.get_profile("ci").max_examples == CI_EXAMPLES
    assert settings.get_profile("dev").max_examples == DEV_EXAMPLES < CI_EXAMPLES
    ci, dev = settings.get_profile("ci"), settings.get_profile("dev")
    assert [examples(n, ci) for n in (1, 25, 40, 200, 500)] == [1, 25, 40, 200, 500]
    assert [examples(n, dev) for n in (1, 25, 40, 200, 500)] == [1, 3, 6, 30, 75]
    assert examples(CI_EXAMPLES) == settings.default.max_examples  # the loaded profile's
