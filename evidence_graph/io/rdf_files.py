"""Reading RDF files (Turtle, N-Triples, JSON-LD, RDF/XML, TriG, N-Quads) strictly and offline."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib import Literal as RDFLiteral
from rdflib.term import Node

from evidence_graph.exceptions import Problem, StudyFileError
from evidence_graph.namespace import OWL, PREFIXES

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

__all__ = ["RDF_SUFFIXES", "read_rdf_file", "unfollowed_imports"]

RDF_SUFFIXES: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
}
"""The endings of the files read as RDF, with their syntax."""


def _term(term: object) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return RDFLiteral(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:  # RDF 1.1: a simple literal is an xsd:string
            return RDFLiteral(term.value)
        return RDFLiteral(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unexpected RDF term {term!r}")  # pragma: no cover - RDF 1.1 has no other


def read_rdf_file(path: str | Path) -> Graph:
    """Read an RDF file into an rdflib graph, with a strict parser and without the network.

    The triples of every graph of a dataset (TriG, N-Quads) are read together. A JSON-LD
    document that names a remote ``@context`` is refused rather than fetched, and
    ``owl:imports`` are not followed.

    Raises:
        StudyFileError: If the file cannot be read or parsed; a syntax error names its line
            and column.
    """
    path = Path(path)
    syntax = RDF_SUFFIXES.get(path.suffix.lower())
    if syntax is None:
        raise StudyFileError(path, [Problem((), f"unknown RDF file type {path.suffix!r}")])
    try:
        data = path.read_bytes()
    except OSError as error:
        raise StudyFileError(path, [Problem((), f"cannot be read ({error.strerror})")]) from None
    try:
        quads = list(ox.parse(data, format=syntax, base_iri=path.resolve().as_uri()))
    except SyntaxError as error:
        message = str(error)
        if "remote context" in message:
            message = (
                "names a remote JSON-LD @context, which is not fetched: expected the context "
                "embedded in the document (as evidence-graph exports write it)"
            )
        else:
            message = f"is not valid {syntax.name}: {message}"
        raise StudyFileError(path, [Problem((), message, error.lineno, error.offset)]) from None
    except ValueError as error:
        raise StudyFileError(path, [Problem((), f"is not valid {syntax.name}: {error}")]) from None
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for quad in quads:
        graph.add((_term(quad.subject), _term(quad.predicate), _term(quad.object)))
    return graph


def unfollowed_imports(graph: Graph) -> list[str]:
    """Return the ontologies a graph ``owl:imports``, which are never fetched."""
    return sorted(str(target) for target in graph.objects(None, OWL.imports))
