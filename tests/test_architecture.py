"""The shape of the package: imports that point one way, private names kept private, small rooms.

The layers themselves are import-linter's contract in pyproject.toml, which ``make test`` checks;
these tests hold what it cannot say.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "evidence_graph"
MODULES = sorted(PACKAGE.rglob("*.py"))
LIMIT = 450  # lines: past that a module holds more than one concept


def _name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _package(module: str) -> str:
    """The package of the first level a module belongs to, e.g. ``evidence_graph.rdf``."""
    return ".".join(module.split(".")[:2])


def _imports(tree: ast.AST, module: str) -> list[tuple[int, str, list[str]]]:
    """Every import of the project's own modules: (line, module, names), relative ones resolved."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            target = node.module or ""
            if node.level:
                base = module.split(".")[: -node.level] if node.level else []
                target = ".".join([*base, target] if target else base)
            if target.split(".")[0] == "evidence_graph":
                found.append((node.lineno, target, [alias.name for alias in node.names]))
        elif isinstance(node, ast.Import):
            found.extend(
                (node.lineno, alias.name, [])
                for alias in node.names
                if alias.name.split(".")[0] == "evidence_graph"
            )
    return found


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_no_function_imports_the_package(path: Path) -> None:
    """An import inside a function hides a cycle between layers; the package has none."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    inner = [
        f"line {line}: {target}"
        for function in ast.walk(tree)
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
        for line, target, _ in _imports(function, _name(path))
    ]
    assert inner == []


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_no_private_names_of_other_packages(path: Path) -> None:
    """What two packages share is public and lives in the lower one."""
    module = _name(path)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    private = []
    for line, target, names in _imports(tree, module):
        if _package(target) == _package(module):
            continue
        hidden = [part for part in [*target.split("."), *names] if _private(part)]
        if hidden:
            private.append(f"line {line}: {target} {', '.join(hidden)}")
    assert private == []


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_modules_hold_one_concept(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= LIMIT, f"{lines} lines; expected at most {LIMIT}: split it by concept"
