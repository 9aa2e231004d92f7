"""Reading RDF files (Turtle, N-Triples, JSON-LD, RDF/XML, TriG, N-Quads) strictly and offline."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from evidence_graph.namespace import PREFIXES
from evidence_graph.rdf import RDF_SUFFIXES, read_triples, to_rdflib

__all__ = ["RDF_SUFFIXES", "read_rdf_file"]


def read_rdf_file(path: str | Path) -> Graph:
    """Read an RDF file into an rdflib graph, with a strict parser and without the network.

    The triples of every graph of a dataset (TriG, N-Quads) are read together. A JSON-LD
    document that names a remote ``@context`` is refused rather than fetched, and
    ``owl:imports`` are not followed.

    Raises:
        StudyFileError: If the file cannot be read or parsed; a syntax error names its line
            and column.
    """
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for subject, predicate, obj in read_triples(path):
        graph.add((to_rdflib(subject), to_rdflib(predicate), to_rdflib(obj)))
    return graph
