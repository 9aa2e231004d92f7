"""SHACL validation: does RDF hold what the shapes say each kind of node holds?

A :class:`~evidence_graph.Corpus` is valid by construction (its models refuse bad data), so
what is left to check is RDF: the export of a corpus, or a graph read from elsewhere or
edited by hand. :func:`validate` checks it against the shapes shipped in
``ontologies/evidence-graph-shapes.ttl`` and returns a :class:`ValidationReport`: whether the
RDF conforms, how many triples it holds, and one :class:`ValidationResult` for each node that
breaks a constraint, naming the node, the property path, the offending value, the named shape
and the SHACL constraint component, with the shape's own message in plain words.

The engine is [shacl](https://pypi.org/project/shacl/) (a SHACL processor written in Rust,
pinned): the RDF is written to a temporary N-Triples file, which it reads with the shapes
compiled once, so that a million triples take seconds, not minutes. pyshacl, the reference
SHACL processor in Python, is the yardstick: the test suite runs both on every defect it plants
in an export, and on hostile inputs, and checks that they report the same results. They part
only where pyshacl departs from SHACL on RDF our models refuse: pyshacl lets a final line break
through a pattern that ends in ``$``, and does not report a value of a datatype it does not
know as breaking ``sh:minInclusive``; the engine reports both. :func:`read_report` reads the
report of any SHACL processor run with these shapes as :func:`validate` reads the engine's.

Nothing reaches the network: the engine reads one local file, follows no ``owl:imports``, runs
no remote SPARQL and no inference beyond the ``rdfs:member`` triples that RDFS entails from an
author list's ``rdf:_1``, ``rdf:_2``, … (written to the engine's copy, never to the source).
"""

from __future__ import annotations

from functools import cache

from rdflib import BNode, Graph
from rdflib.term import Node

from evidence_graph.graph import EvidenceGraph
from evidence_graph.models import Corpus
from evidence_graph.namespace import SHAPES_NAMESPACE
from evidence_graph.resources import ontology_path
from evidence_graph.validation.engine import Engine
from evidence_graph.validation.report import (
    Severity,
    ValidationReport,
    ValidationResult,
    report_results,
)

__all__ = [
    "SHAPES_FILE",
    "SHAPES_NAMESPACE",
    "Severity",
    "ValidationReport",
    "ValidationResult",
    "load_shapes",
    "read_report",
    "validate",
]

SHAPES_FILE = "evidence-graph-shapes.ttl"
"""The name of the shapes file in ``ontologies/``, as ``ontology_path`` takes it."""


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
def _engine() -> Engine:
    """The shapes compiled for the engine, once."""
    return Engine(ontology_path(SHAPES_FILE))


def validate(source: Corpus | EvidenceGraph | Graph) -> ValidationReport:
    """Return the report of validating RDF against the shapes of the export.

    A corpus or an evidence graph is validated as :func:`~evidence_graph.to_rdf` exports it;
    an rdflib graph is validated as it is, and left unchanged. Nothing reaches the network.

    Args:
        source: A corpus, an evidence graph, or an rdflib graph such as one that
            :func:`~evidence_graph.to_rdf` made.

    Returns:
        Whether the RDF conforms, how many triples it holds, and each result.

    Raises:
        NotWritableError: If an rdflib graph holds a term that N-Triples cannot write, such as
            an IRI with a space in it (a ``ValueError`` too).

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
    return _engine().validate(source)


def read_report(report: Graph, shapes: Graph | None = None) -> tuple[ValidationResult, ...]:
    """Return the results of a SHACL validation report, sorted, as :func:`validate` gives them.

    The report is the RDF that a SHACL processor writes (``sh:ValidationReport`` and its
    ``sh:result`` nodes), run with :func:`load_shapes`. The shape of a result is the named node
    shape that holds its ``sh:sourceShape``, looked up in ``shapes``: those the processor ran
    (:func:`load_shapes` if not given).

    Examples:
        >>> report = Graph().parse(
        ...     format="turtle",
        ...     data=\'\'\'
        ...     @prefix sh: <http://www.w3.org/ns/shacl#> .
        ...     @prefix egsh: <https://w3id.org/evidence-graph/shapes#> .
        ...     [] a sh:ValidationReport ; sh:conforms false ; sh:result [
        ...         sh:focusNode <https://w3id.org/evidence-graph/data/study/s> ;
        ...         sh:resultMessage "a study has exactly one eg:design" ;
        ...         sh:resultSeverity sh:Violation ;
        ...         sh:sourceConstraintComponent sh:MinCountConstraintComponent ;
        ...         sh:sourceShape egsh:StudyShape ] .
        ...     \'\'\',
        ... )
        >>> [(result.shape, result.constraint) for result in read_report(report)]
        [('egsh:StudyShape', 'sh:MinCountConstraintComponent')]
    """
    graph = load_shapes() if shapes is None else shapes
    return report_results(report, lambda shape: _owner(graph, shape))


def _owner(shapes: Graph, shape: Node | None) -> Node | None:
    """Return the named shape that holds ``shape``: itself, or the node shape of its property."""
    seen: set[Node] = set()
    while isinstance(shape, BNode) and shape not in seen:
        seen.add(shape)
        shape = next(iter(shapes.subjects(None, shape)), shape)
    return shape
