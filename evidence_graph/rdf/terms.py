"""RDF terms as plain values, and their rdflib counterparts.

An IRI is a string, a literal a :class:`Lit` and a blank node a :class:`Blank`; the triples
kept beside a corpus are rdflib's.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import pyoxigraph as ox
from rdflib import BNode, URIRef
from rdflib import Literal as RDFLiteral
from rdflib.term import Node

__all__ = ["Blank", "Lit", "Plain", "Term", "Triple", "from_rdflib", "to_oxigraph", "to_rdflib"]


class Lit(NamedTuple):
    """A literal: its lexical form, and its datatype or language, if any.

    A simple literal (an ``xsd:string``) has neither.
    """

    lexical: str
    datatype: str | None = None
    language: str | None = None


class Blank(NamedTuple):
    """A blank node, by its label."""

    label: str


Term = str | Lit | Blank
"""A term: an IRI (a string), a literal or a blank node."""

Plain = tuple[str, str, str | Lit]
"""A triple the export writes: an IRI, a predicate IRI and a term."""


Triple = tuple[Node, Node, Node]
"""An rdflib triple, as :attr:`~evidence_graph.EvidenceGraph.extra` keeps them."""


def from_rdflib(node: Any) -> Term:
    """Return the plain term of an rdflib term.

    Examples:
        >>> from_rdflib(RDFLiteral("12", lang="en"))
        Lit(lexical='12', datatype=None, language='en')
    """
    if isinstance(node, RDFLiteral):
        datatype = str(node.datatype) if node.datatype else None
        return Lit(str(node), datatype, node.language)
    if isinstance(node, BNode):
        return Blank(str(node))
    return str(node)


def to_rdflib(term: Term) -> URIRef | RDFLiteral | BNode:
    """Return the rdflib term of a plain term.

    Examples:
        >>> to_rdflib("https://example.org/a")
        rdflib.term.URIRef('https://example.org/a')
    """
    if isinstance(term, Lit):
        datatype = URIRef(term.datatype) if term.datatype else None
        return RDFLiteral(term.lexical, datatype=datatype, lang=term.language)
    if isinstance(term, Blank):
        return BNode(term.label)
    return URIRef(term)


def to_oxigraph(literal: Lit) -> ox.Literal:
    """Return the pyoxigraph literal of a plain literal, e.g. to bind it in a SPARQL query.

    Examples:
        >>> to_oxigraph(Lit("12", "http://www.w3.org/2001/XMLSchema#integer")).value
        '12'
    """
    if literal.language:
        return ox.Literal(literal.lexical, language=literal.language)
    if literal.datatype:
        return ox.Literal(literal.lexical, datatype=ox.NamedNode(literal.datatype))
    return ox.Literal(literal.lexical)
