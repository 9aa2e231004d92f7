"""The validation report: each result in words a reader can act on.

The results are read from the RDF that a SHACL processor writes (``sh:ValidationReport``,
``sh:result`` and the rest of SHACL's vocabulary), the same way whichever processor wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

from evidence_graph.namespace import PREFIXES, RDF, SHAPES_NAMESPACE, XSD

__all__ = ["Severity", "ValidationReport", "ValidationResult", "report_results"]

_NAMESPACES = sorted(
    {**PREFIXES, "egsh": SHAPES_NAMESPACE, "sh": str(SH)}.items(),
    key=lambda item: (-len(item[1]), item[0]),
)  # longest namespace first, so that the most specific prefix wins
_LOCAL_NAME = re.compile(r"[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?")


class Severity(StrEnum):
    """How much a result matters, as SHACL grades it."""

    VIOLATION = "violation"
    WARNING = "warning"
    INFO = "info"


_SEVERITIES = {
    SH.Violation: Severity.VIOLATION,
    SH.Warning: Severity.WARNING,
    SH.Info: Severity.INFO,
}


class ValidationResult(BaseModel):
    """One node that breaks one constraint of a shape, in words a reader can act on.

    Examples:
        >>> result = ValidationResult(
        ...     focus_node="https://w3id.org/evidence-graph/data/sample/s/p",
        ...     path="eg:sampleSize",
        ...     message="a sample has exactly one eg:sampleSize",
        ...     shape="egsh:SampleShape",
        ...     constraint="sh:MinCountConstraintComponent",
        ... )
        >>> result.severity.value
        'violation'
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    focus_node: str = Field(
        description="The IRI of the node that breaks the shape (a blank node as '_:id')."
    )
    path: str | None = Field(
        default=None,
        description=(
            "The property path in SPARQL syntax with prefixed names, e.g. 'eg:sampleSize' or "
            "'^eg:hasSample'; empty for a constraint on the node itself."
        ),
    )
    value: str | None = Field(
        default=None,
        description="The offending value in Turtle syntax, e.g. '\"twelve\"' or 'eg:neutral'.",
    )
    message: str = Field(description="What the shape expects, e.g. 'a sample has exactly one …'.")
    severity: Severity = Field(default=Severity.VIOLATION, description="How much it matters.")
    shape: str = Field(description="The node shape broken, e.g. 'egsh:SampleShape'.")
    constraint: str = Field(
        description="The SHACL constraint component, e.g. 'sh:MinCountConstraintComponent'."
    )


class ValidationReport(BaseModel):
    """Whether RDF conforms to the shapes, and every result if it does not.

    Examples:
        >>> from evidence_graph import load, validate
        >>> report = validate(load("kverme2019"))
        >>> report.conforms, report.results
        (True, ())
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    conforms: bool = Field(description="Whether every node conforms to every shape.")
    triples: int = Field(ge=0, description="How many triples were validated.")
    results: tuple[ValidationResult, ...] = Field(
        default=(), description="The results, sorted by focus node, shape and path."
    )


def report_results(
    report: Graph, owner: Callable[[Node | None], Node | None]
) -> tuple[ValidationResult, ...]:
    """Return the results of a SHACL report, sorted, each shape the one ``owner`` gives.

    Args:
        report: The report a SHACL processor wrote, as RDF.
        owner: Gives the named shape that holds a result's ``sh:sourceShape``.
    """
    top = report.subjects(RDF.type, SH.ValidationReport)  # not the details (sh:detail) of one
    results = (
        _result(report, node, owner) for parent in top for node in report.objects(parent, SH.result)
    )
    return tuple(
        sorted(
            results,
            key=lambda r: (
                r.focus_node,
                r.shape,
                r.path or "",
                r.constraint,
                r.value or "",
                r.message,
            ),
        )
    )


def _result(
    report: Graph, node: Node, owner: Callable[[Node | None], Node | None]
) -> ValidationResult:
    focus = report.value(node, SH.focusNode)
    path = report.value(node, SH.resultPath)
    value = report.value(node, SH.value)
    severity = report.value(node, SH.resultSeverity)
    component = report.value(node, SH.sourceConstraintComponent)
    messages = sorted(report.objects(node, SH.resultMessage), key=_message_order)
    constraint = _term(component) if component is not None else "sh:constraint"
    return ValidationResult(
        focus_node=_focus(focus),
        path=None if path is None else _path(report, path),
        value=None if value is None else _term(value),
        message=str(messages[0]) if messages else f"breaks {constraint}",
        severity=_SEVERITIES.get(severity, Severity.VIOLATION)
        if isinstance(severity, URIRef)
        else Severity.VIOLATION,
        shape=_term(owner(report.value(node, SH.sourceShape))),
        constraint=constraint,
    )


def _message_order(message: Any) -> tuple[int, str]:
    """English or untagged messages first."""
    language = getattr(message, "language", None)
    return (0 if language in (None, "en") else 1, str(message))


def _focus(node: Node | None) -> str:
    if isinstance(node, URIRef):
        return str(node)
    return "" if node is None else _term(node)


def _name(iri: URIRef) -> str:
    """Return an IRI as a prefixed name where one of our prefixes fits, else as ``<iri>``."""
    for prefix, namespace in _NAMESPACES:
        if iri.startswith(namespace) and _LOCAL_NAME.fullmatch(iri[len(namespace) :]):
            return f"{prefix}:{iri[len(namespace) :]}"
    return f"<{iri}>"


def _term(node: Node | None) -> str:
    """Return a term in Turtle syntax, with prefixed names where possible."""
    if isinstance(node, URIRef):
        return _name(node)
    if isinstance(node, Literal):
        text = (
            str(node)
            .replace("\\", "\\\\")
            .replace('"', '\\"')
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
        if node.language:  # in lower case, as RDF 1.1 writes a language tag canonically
            return f'"{text}"@{node.language.lower()}'
        if node.datatype is not None and node.datatype != XSD.string:
            return f'"{text}"^^{_name(node.datatype)}'
        return f'"{text}"'
    if isinstance(node, BNode):
        return f"_:{node}"
    return str(node)


def _path(graph: Graph, path: Node) -> str:
    """Return a SHACL property path in SPARQL syntax, e.g. ``^eg:hasSample`` or ``a/b``."""
    if isinstance(path, URIRef):
        return _name(path)
    if (path, RDF.first, None) in graph:
        return "/".join(_grouped(graph, step) for step in Collection(graph, path))
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + _grouped(graph, inverse)
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(_path(graph, step) for step in Collection(graph, alternatives)) + ")"
    for predicate, suffix in (
        (SH.zeroOrMorePath, "*"),
        (SH.oneOrMorePath, "+"),
        (SH.zeroOrOnePath, "?"),
    ):
        inner = graph.value(path, predicate)
        if inner is not None:
            return _grouped(graph, inner) + suffix
    return _term(path)


def _grouped(graph: Graph, path: Node) -> str:
    """Return a path as a step of a longer one: in parentheses unless it is one IRI or a choice."""
    text = _path(graph, path)
    simple = isinstance(path, URIRef) or (path, SH.alternativePath, None) in graph
    return text if simple else f"({text})"
