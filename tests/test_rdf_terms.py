"""RDF terms are spelled in one place: the mapping table (and the vocabularies it names)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from rdflib import Namespace
from rdflib.namespace import DefinedNamespace

from evidence_graph import namespace
from evidence_graph.namespace import PREFIXES

PACKAGE = Path(namespace.__file__).parent
SPELLS_TERMS = {
    PACKAGE / "rdf" / "mapping.py",  # the table
    PACKAGE / "rdf" / "vocabulary.py",  # the vocabularies the table names, and enumerations' IRIs
    PACKAGE / "namespace.py",  # the vocabularies
    PACKAGE / "validation" / "report.py",  # reads a SHACL report, in SHACL's vocabulary
    PACKAGE / "validation" / "engine.py",  # the rdfs:member lines RDFS entails from rdf:_n
}
CHECKED = sorted(path for path in PACKAGE.rglob("*.py") if path not in SPELLS_TERMS)
VOCABULARIES = {
    name
    for name, value in vars(namespace).items()
    if isinstance(value, Namespace)
    or (isinstance(value, type) and issubclass(value, DefinedNamespace))
}
# The namespaces of the vocabularies, as IRIs.
NAMESPACES = tuple(sorted(set(PREFIXES.values())))


def _spelled_terms(source: str) -> list[str]:
    """Return each vocabulary term the source names: ``EG.x`` or a vocabulary IRI literal."""
    tree = ast.parse(source)
    imported: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "evidence_graph.namespace":
            for alias in node.names:
                if alias.name in VOCABULARIES:
                    imported[alias.asname or alias.name] = alias.name
        if isinstance(node, ast.ImportFrom) and node.module == "evidence_graph":
            for alias in node.names:
                if alias.name == "namespace":
                    imported[alias.asname or alias.name] = "namespace"
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    found: list[tuple[int, str]] = [
        (node.lineno, f"imports {alias.name}")
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "evidence_graph.namespace"
        for alias in node.names
        if alias.name in VOCABULARIES
    ]
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in imported
        ):
            found.append((node.lineno, f"{node.value.id}.{node.attr}"))
        elif (
            isinstance(node, ast.Subscript)
            and isinstance(node.value, ast.Name)
            and node.value.id in imported
        ):
            found.append((node.lineno, f"{node.value.id}[...]"))
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and any(space in node.value for space in NAMESPACES)
        ):
            found.append((node.lineno, repr(node.value[:60])))
    return [f"line {line}: {text}" for line, text in sorted(found)]


@pytest.mark.parametrize("path", CHECKED, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_no_module_but_the_mapping_spells_an_rdf_term(path: Path) -> None:
    assert _spelled_terms(path.read_text(encoding="utf-8")) == []


def test_the_check_finds_terms_spelled_in_each_way() -> None:
    source = (
        "from evidence_graph.namespace import EG, OA as W, PREFIXES\n"
        "from evidence_graph import namespace\n"
        "a = EG.hasSample\n"
        "b = W['hasBody']\n"
        "c = 'http://www.w3.org/ns/oa#hasTarget'\n"
        "d = namespace.SKOS\n"
        "e = PREFIXES.items()\n"
        "f = 'https://doi.org/10.1/x'\n"
    )
    assert _spelled_terms(source) == [
        "line 1: imports EG",
        "line 1: imports OA",
        "line 3: EG.hasSample",
        "line 4: W[...]",
        "line 5: 'http://www.w3.org/ns/oa#hasTarget'",
        "line 6: namespace.SKOS",
    ]


def test_the_mapping_is_where_the_terms_are() -> None:
    assert _spelled_terms((PACKAGE / "rdf" / "vocabulary.py").read_text(encoding="utf-8"))
