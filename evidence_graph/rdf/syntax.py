"""RDF syntaxes: the export formats, the JSON-LD context, and what XML and N-Triples escape.

Documents are written by :mod:`evidence_graph.rdf.output` and read by
:mod:`evidence_graph.rdf.parsing`.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Iterable
from typing import Any, Literal

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib import Literal as RDFLiteral
from rdflib.term import Node

from evidence_graph.namespace import PREFIXES
from evidence_graph.rdf.terms import Term, to_rdflib
from evidence_graph.resources import ontology_path

__all__ = [
    "FORMATS",
    "Format",
    "json_ld_context",
    "not_xml",
    "nt_controls",
    "ox_term",
    "rdflib_graph",
]

Format = Literal["turtle", "nt", "jsonld", "xml", "trig"]
FORMATS: dict[str, str] = {
    "turtle": ".ttl",
    "nt": ".nt",
    "jsonld": ".jsonld",
    "xml": ".rdf",
    "trig": ".trig",
}
"""Each export format, with its usual file ending."""

_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""The characters XML 1.0 cannot hold, not even as character references."""


def rdflib_graph(triples: Iterable[tuple[Term, Term, Term]] = ()) -> Graph:
    """Return an rdflib graph of plain triples, with our prefixes bound.

    Examples:
        >>> from evidence_graph.rdf.terms import Lit
        >>> len(rdflib_graph([("https://example.org/a", "https://example.org/b", Lit("c"))]))
        1
    """
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for subject, predicate, obj in triples:
        graph.add((to_rdflib(subject), to_rdflib(predicate), to_rdflib(obj)))
    return graph


def json_ld_context() -> dict[str, Any]:
    """Return the JSON-LD context embedded in every JSON-LD export, never a URL to fetch.

    It is the ``@context`` object of the shipped ``ontologies/context.jsonld``: our prefixes,
    and a short term for each property we use most (``"title"`` for ``dcterms:title``), with
    object properties coerced to ``@id`` and typed literals to their datatype. The export
    itself is expanded JSON-LD (full IRIs as keys), which the context leaves as it is; a
    JSON-LD processor compacts it with the context to those terms. Each call returns a fresh
    copy, so changing it changes no later export.

    Examples:
        >>> json_ld_context()["oa"]
        'http://www.w3.org/ns/oa#'
        >>> json_ld_context()["hasBody"]
        {'@id': 'oa:hasBody', '@type': '@id'}
    """
    return copy.deepcopy(_context_file())


@functools.cache
def _context_file() -> dict[str, Any]:
    """Read the ``@context`` object of ``context.jsonld`` once."""
    path = ontology_path("context.jsonld")
    document = json.loads(path.read_text(encoding="utf-8"))
    context = document.get("@context") if isinstance(document, dict) else None
    if not isinstance(context, dict):
        raise ValueError(f"{path}: expected a JSON object with an '@context' object")  # noqa: TRY004
    return context


def ox_term(term: Node) -> Any:
    """Return the pyoxigraph term of an rdflib term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, RDFLiteral):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    return ox.BlankNode(str(term))


_NT_CONTROLS = re.compile(r"[\x00-\x1f\x7f\ufffe\uffff]")
"""The characters canonical N-Triples escapes besides ``\\`` and ``"``: the control characters,
DEL, U+FFFE and U+FFFF."""
_NT_SHORT = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def nt_controls(text: str) -> str:
    r"""Return N-Triples text with its control characters escaped, as canonical N-Triples does.

    Backspace, tab, line feed, form feed and carriage return become ``\b``, ``\t``, ``\n``,
    ``\f`` and ``\r``; the other control characters, DEL, U+FFFE and U+FFFF become ``\u``
    and four upper-case hex digits: the form pyoxigraph writes. A terminal shown the file
    then shows them, rather than obeying them.

    Examples:
        >>> print(nt_controls('"tab\tescape\x1b[31m"'))
        "tab\tescape\u001B[31m"
    """
    if _NT_CONTROLS.search(text) is None:
        return text
    return _NT_CONTROLS.sub(
        lambda found: _NT_SHORT.get(found.group()) or f"\\u{ord(found.group()):04X}", text
    )


def not_xml(text: str) -> str | None:
    r"""Return the first character of ``text`` that XML 1.0 cannot hold, or ``None``.

    XML 1.0 has no place for the control characters other than tab, line feed and carriage
    return, nor for U+FFFE, U+FFFF and lone surrogates, not even as character references.

    Examples:
        >>> not_xml("tab\tand newline\n"), not_xml("bell \x07")
        (None, '\x07')
    """
    found = _NOT_XML.search(text)
    return found.group() if found else None
