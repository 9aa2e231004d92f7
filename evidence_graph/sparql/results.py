"""A query's answer as RDF terms, and as the standard SPARQL 1.1 Query Results JSON.

The `SPARQL 1.1 Query Results JSON Format <https://www.w3.org/TR/sparql11-results-json/>`_
keeps what a flat row loses: whether a value is an IRI, a blank node or a literal, and a
literal's datatype and language. :func:`results_json` writes it: ``head.vars`` the variables,
``results.bindings`` one object per solution holding its bound variables only, each a term
``{"type": "uri" | "literal" | "bnode", "value": …}`` with ``datatype`` or ``xml:lang`` for a
literal (a plain string has neither); an ``ASK`` answer is ``{"head": {}, "boolean": …}``.
A quoted triple (RDF 1.2) is ``{"type": "triple", "value": {"subject", "predicate", "object"}}``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pyoxigraph as ox

from evidence_graph.namespace import XSD_STRING

__all__ = ["ResultTerm", "Solutions", "results_json", "term_json"]

ResultTerm = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
"""A value a solution binds: an IRI, a blank node, a literal or a quoted triple."""


@dataclass(frozen=True, slots=True)
class Solutions:
    """The answer to a ``SELECT`` query as RDF terms: its variables and its solutions.

    Attributes:
        variables: The projected variables, without ``?``, in the query's order.
        rows: One tuple per solution, a term (or None, if unbound) per variable.
    """

    variables: tuple[str, ...]
    rows: tuple[tuple[ResultTerm | None, ...], ...]


def term_json(term: ResultTerm) -> dict[str, object]:
    """Return one RDF term as the SPARQL 1.1 Query Results JSON Format writes it.

    Examples:
        >>> term_json(ox.Literal("Førde", language="no"))
        {'type': 'literal', 'value': 'Førde', 'xml:lang': 'no'}
        >>> term_json(ox.Literal("12", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
        {'type': 'literal', 'value': '12', 'datatype': 'http://www.w3.org/2001/XMLSchema#integer'}
        >>> term_json(ox.NamedNode("https://doi.org/10.3389/fpsyg.2019.00430"))
        {'type': 'uri', 'value': 'https://doi.org/10.3389/fpsyg.2019.00430'}
    """
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        parts = {"subject": term.subject, "predicate": term.predicate, "object": term.object}
        return {"type": "triple", "value": {key: term_json(part) for key, part in parts.items()}}
    found: dict[str, object] = {"type": "literal", "value": term.value}
    if term.language is not None:
        found["xml:lang"] = term.language
        if term.direction is not None:
            found["its:dir"] = str(term.direction)
    elif term.datatype.value != XSD_STRING:
        found["datatype"] = term.datatype.value
    return found


def results_json(answer: Solutions | bool) -> str:
    """Return a ``SELECT`` or ``ASK`` answer as SPARQL 1.1 Query Results JSON, indented.

    Examples:
        >>> print(results_json(True))
        {
          "head": {},
          "boolean": true
        }
        >>> answer = Solutions(("s", "label"), ((ox.NamedNode("https://example.org/a"), None),))
        >>> json.loads(results_json(answer))
        {'head': {'vars': ['s', 'label']}, 'results': {'bindings': [{'s': {'type': 'uri', 'value': 'https://example.org/a'}}]}}
    """
    if isinstance(answer, bool):
        document: dict[str, object] = {"head": {}, "boolean": answer}
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    bindings = [
        {
            name: term_json(term)
            for name, term in zip(answer.variables, row, strict=True)
            if term is not None
        }
        for row in answer.rows
    ]
    document = {"head": {"vars": list(answer.variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
