"""RDF terms as plain values, and their rdflib counterparts.

An IRI is a string, a literal a :class:`Lit` and a blank node a :class:`Blank`; the triples
kept beside a corpus are rdflib's.
"""

from __future__ import annotations

import logging
import re
import warnings
from typing import Any, NamedTuple

import pyoxigraph as ox
from rdflib import BNode, URIRef
from rdflib import Literal as RDFLiteral
from rdflib.term import Node

from evidence_graph.namespace import PREFIXES, XSD_BOOLEAN

__all__ = [
    "Blank",
    "Lit",
    "Plain",
    "Term",
    "Triple",
    "from_rdflib",
    "qname",
    "quietly_typed",
    "split_iri",
    "text_of",
    "to_oxigraph",
    "to_rdflib",
]


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


def text_of(term: Term) -> str:
    """Return a term's text: a literal's lexical form, or the IRI."""
    return term.lexical if isinstance(term, Lit) else str(term)


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
        if term.datatype:
            return quietly_typed(term.lexical, term.datatype)
        return RDFLiteral(term.lexical, lang=term.language)
    if isinstance(term, Blank):
        return BNode(term.label)
    return URIRef(term)


class _IllTypedRecord(logging.Filter):
    """Drops rdflib's record (with a traceback) of a literal it cannot convert to a value."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Failed to convert Literal lexical form")


_RDFLIB_TERMS = logging.getLogger("rdflib.term")
_BOOLEANS = frozenset({"true", "false", "1", "0"})


def quietly_typed(lexical: str, datatype: str) -> RDFLiteral:
    """Return rdflib's literal of a typed text, without the traceback it logs if ill-typed.

    rdflib logs a warning with a whole traceback for a literal whose text is not a value of
    its datatype (``"twelve"^^xsd:integer``), and marks it ``ill_typed``; for a boolean other
    than true, false, 1 or 0 it gives a warning instead. The reader reports such a literal
    itself, naming its triple, and keeps one that no field holds as it is; so the record and
    the warning are dropped while this literal is made (and only then). The text is kept as
    written: rdflib would otherwise write it anew from the value it read (``"yes"`` as a
    boolean becomes ``"false"``).
    """
    quiet = _IllTypedRecord()
    _RDFLIB_TERMS.addFilter(quiet)
    try:
        if datatype == XSD_BOOLEAN and lexical.strip() not in _BOOLEANS:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)
                return RDFLiteral(lexical, datatype=URIRef(datatype), normalize=False)
        return RDFLiteral(lexical, datatype=URIRef(datatype), normalize=False)
    finally:
        _RDFLIB_TERMS.removeFilter(quiet)


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


_ANY_NAME = re.compile(r".*", re.DOTALL)


def split_iri(iri: str, local: re.Pattern[str] = _ANY_NAME) -> tuple[str, str] | None:
    r"""Return the prefix and local name of an IRI in our prefixes, or ``None``.

    ``local`` is what a local name may be where the name is written: anything in a message,
    an XML name in RDF/XML, a word in SPARQL.

    Examples:
        >>> split_iri("http://www.w3.org/ns/oa#hasBody")
        ('oa', 'hasBody')
        >>> split_iri("http://www.w3.org/ns/oa#has-body", re.compile(r"\w+")) is None
        True
    """
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and local.fullmatch(iri[len(namespace) :]):
            return prefix, iri[len(namespace) :]
    return None


def qname(iri: str) -> str:
    """Return an IRI as a compact name in our prefixes, or as ``<iri>``, for messages.

    Examples:
        >>> qname("http://www.w3.org/ns/oa#hasBody")
        'oa:hasBody'
    """
    found = split_iri(iri)
    return f"{found[0]}:{found[1]}" if found else f"<{iri}>"
