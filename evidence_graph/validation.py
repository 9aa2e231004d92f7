"""SHACL validation: does RDF hold what the shapes say each kind of node holds?

A :class:`~evidence_graph.Corpus` is valid by construction (its models refuse bad data), so
what is left to check is RDF: the export of a corpus, or a graph read from elsewhere or
edited by hand. :func:`validate` checks it against the shapes shipped in
``ontologies/evidence-graph-shapes.ttl`` with pyshacl and returns a :class:`ValidationReport`.

Nothing reaches the network: pyshacl gets graphs already parsed, follows no ``owl:imports``,
runs no remote SPARQL and no inference beyond the ``rdfs:member`` triples that RDFS entails
from an author list's ``rdf:_1``, ``rdf:_2``, … (added to a copy, never to the source).
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

from evidence_graph.graph import EvidenceGraph
from evidence_graph.models import Corpus
from evidence_graph.namespace import PREFIXES, RDF, RDFS, SHAPES_NAMESPACE, XSD
from evidence_graph.rdf import to_rdf
from evidence_graph.rdf.mapping import member_place
from evidence_graph.resources import ontology_path

__all__ = [
    "SHAPES_FILE",
    "SHAPES_NAMESPACE",
    "Severity",
    "ValidationReport",
    "ValidationResult",
    "load_shapes",
    "validate",
]

SHAPES_FILE = "evidence-graph-shapes.ttl"
"""The name of the shapes file in ``ontologies/``, as ``ontology_path`` takes it."""

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
        >>> from evidence_graph import load
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


def load_shapes() -> Graph:
    """Return the SHACL shapes that :func:`validate` uses, freshly read from the shipped file.

    Examples:
        >>> from rdflib import URIRef
        >>> shapes = load_shapes()
        >>> (URIRef(SHAPES_NAMESPACE + "SampleShape"), None, None) in shapes
        True
    """
    return Graph(bind_namespaces="none").parse(ontology_path(SHAPES_FILE), format="turtle")


@cache
def _shapes() -> Graph:
    """The shapes that pyshacl works on, read once (pyshacl adds two OWL axioms to them)."""
    return load_shapes()


def validate(source: Corpus | EvidenceGraph | Graph) -> ValidationReport:
    """Return the report of validating RDF against the shapes of the export.

    A corpus or an evidence graph is exported with :func:`~evidence_graph.to_rdf` first; an
    rdflib graph is validated as it is, and left unchanged. Nothing reaches the network.

    Args:
        source: A corpus, an evidence graph, or an rdflib graph such as one that
            :func:`~evidence_graph.to_rdf` made.

    Returns:
        Whether the RDF conforms, how many triples it holds, and each result.

    Examples:
        >>> from evidence_graph import load, to_rdf
        >>> from evidence_graph.namespace import EG
        >>> from rdflib import URIRef
        >>> rdf = to_rdf(load("kverme2019"))
        >>> sample = URIRef(
        ...     "https://w3id.org/evidence-graph/data/sample/kverme2019/kverme2019-participants"
        ... )
        >>> _ = rdf.remove((sample, EG.sampleSize, None))
        >>> report = validate(rdf)
        >>> report.conforms
        False
        >>> [(result.shape, result.path) for result in report.results]
        [('egsh:SampleShape', 'eg:sampleSize')]
        >>> print(report.results[0].message)
        a sample has exactly one eg:sampleSize, a whole number (xsd:integer) of at least 1
    """
    import pyshacl  # noqa: PLC0415 - slow to import, and only validation needs it

    rdf = source if isinstance(source, Graph) else to_rdf(source)
    data = _with_members(rdf)
    conforms, report, text = pyshacl.validate(
        data,
        shacl_graph=_shapes(),
        ont_graph=None,
        inference="none",
        advanced=True,  # the SPARQL targets of egsh:ConceptShape and egsh:SchemeShape
        inplace=True,  # data is our own copy
        do_owl_imports=False,
        sparql_mode=False,
        js=False,
    )
    if not isinstance(report, Graph):  # pyshacl could not run the shapes at all
        raise RuntimeError(f"SHACL validation failed to run: {text}")  # noqa: TRY004 - not a type error
    top = report.subjects(RDF.type, SH.ValidationReport)  # not the details (sh:detail) of one
    results = sorted(
        (_result(report, node) for parent in top for node in report.objects(parent, SH.result)),
        key=lambda r: (r.focus_node, r.shape, r.path or "", r.constraint, r.value or "", r.message),
    )
    return ValidationReport(conforms=bool(conforms), triples=len(rdf), results=tuple(results))


def _with_members(rdf: Graph) -> Graph:
    """Return a copy of ``rdf`` with the ``rdfs:member`` triple RDFS entails from each rdf:_n."""
    data = Graph(bind_namespaces="none")
    for subject, predicate, value in rdf.triples((None, None, None)):
        data.add((subject, predicate, value))
        if isinstance(predicate, URIRef) and _is_member(predicate):
            data.add((subject, RDFS.member, value))
    return data


def _is_member(predicate: URIRef) -> bool:
    """Whether a predicate is an ``rdf:_n`` property; ``rdf:_x`` is none, nor a long ``rdf:_9…``."""
    try:
        return member_place(predicate) is not None
    except ValueError:
        return False


def _result(report: Graph, node: Node) -> ValidationResult:
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
        shape=_term(_owner(report.value(node, SH.sourceShape))),
        constraint=constraint,
    )


def _message_order(message: Any) -> tuple[int, str]:
    """English or untagged messages first."""
    language = getattr(message, "language", None)
    return (0 if language in (None, "en") else 1, str(message))


def _owner(shape: Node | None) -> Node | None:
    """Return the named shape that holds ``shape``: itself, or the node shape of its property."""
    shapes = _shapes()
    seen: set[Node] = set()
    while isinstance(shape, BNode) and shape not in seen:
        seen.add(shape)
        shape = next(iter(shapes.subjects(None, shape)), shape)
    return shape


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
        if node.language:
            return f'"{text}"@{node.language}'
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
