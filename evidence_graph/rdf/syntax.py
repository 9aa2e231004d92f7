"""RDF syntaxes: each export format written; the same triples always give the same bytes.

Files are read by :mod:`evidence_graph.rdf.parsing`.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Iterable
from typing import Any, Literal
from xml.sax.saxutils import escape

import pyoxigraph as ox
from rdflib import XSD, Graph, URIRef
from rdflib import Literal as RDFLiteral
from rdflib.term import Node

from evidence_graph.exceptions import NotWritableError
from evidence_graph.namespace import PREFIXES
from evidence_graph.rdf.terms import Term, qname, split_iri, to_rdflib
from evidence_graph.resources import ontology_path

__all__ = [
    "FORMATS",
    "Format",
    "json_ld_context",
    "not_xml",
    "nt_controls",
    "ox_term",
    "rdflib_graph",
    "serialize_rdf",
    "turtle_from_lines",
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

_NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9._-]*")
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""The characters XML 1.0 cannot hold, not even as character references."""
_ATTRIBUTE = {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
_CONTENT = {"\r": "&#13;"}


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
    object properties coerced to ``@id`` and typed literals to their datatype. A value that does
    not fit a term's coercion is written in expanded form under its compact IRI. Each call
    returns a fresh copy, so changing it changes no later export.

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


def serialize_rdf(rdf: Graph, format: Format = "turtle") -> str:  # noqa: A002
    """Return ``rdf`` written in ``format``; the same triples always give the same text.

    Raises:
        ValueError: If the format is unknown, or the triples cannot be written in it.
    """
    if format in {"turtle", "trig"}:
        triples = sorted(
            (ox.Triple(ox_term(s), ox_term(p), ox_term(o)) for s, p, o in rdf),
            key=lambda triple: (str(triple.subject), str(triple.predicate), str(triple.object)),
        )
        return _turtle(triples, _used_prefixes(rdf), trig=format == "trig")
    if format == "nt":
        # split at "\n" only: str.splitlines() also splits at characters a literal may hold;
        # rdflib writes the other control characters as they are
        lines = sorted(
            {nt_controls(line) for line in rdf.serialize(format="nt").split("\n")} - {""}
        )
        return "".join(f"{line}\n" for line in lines)
    if format == "jsonld":
        _check_native(rdf)
        try:
            text = rdf.serialize(format="json-ld", context=json_ld_context(), auto_compact=True)
        except RecursionError:  # rdflib's writer nests each blank node in the one naming it
            raise NotWritableError(
                "blank nodes are nested too deeply (one inside another) for the JSON-LD writer; "
                "expected another format, such as --format turtle or nt"
            ) from None
        document = _canonical_json(json.loads(text))
        text = json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True)
        # JSON escapes the control characters below U+0020; these only in strings, as N-Triples
        return _JSON_MORE.sub(lambda found: f"\\u{ord(found.group()):04x}", text) + "\n"
    if format == "xml":
        return _rdf_xml(rdf)
    raise ValueError(f"unknown format {format!r}; expected one of: {', '.join(FORMATS)}")


_SHOWN = 40  # the characters of a literal a message shows
_NATIVE = frozenset({XSD.boolean, XSD.integer, XSD.double, XSD.string})
"""The datatypes whose literals rdflib's JSON-LD writer writes as JSON values."""


def _check_native(rdf: Graph) -> None:
    """Refuse an ill-typed literal that rdflib's JSON-LD writer would write as another value.

    It writes a literal of a datatype JSON has as a JSON value: ``"yes"^^xsd:boolean`` would
    become ``false`` and ``"twelve"^^xsd:integer`` the text ``"twelve"``.
    """
    for subject, predicate, obj in rdf:
        if isinstance(obj, RDFLiteral) and obj.ill_typed and obj.datatype in _NATIVE:
            text = str(obj) if len(obj) <= _SHOWN else str(obj)[:_SHOWN] + "…"
            datatype = qname(str(obj.datatype))
            raise NotWritableError(
                f'JSON-LD cannot carry the literal "{text}"^^{datatype} of <{subject}> '
                f"{qname(str(predicate))} as it is: it is not a valid {datatype}, and would be "
                "written as another value; expected another format, such as turtle"
            )


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


def _turtle(triples: Any, prefixes: dict[str, str], *, trig: bool) -> str:
    """Write Turtle by pyoxigraph: the sorted prefixes, then the statements.

    TriG is the same, with the statements in braces: the default graph.

    pyoxigraph's serializer escapes every literal correctly. The triples go in sorted, so the
    text is the same for the same triples; the prefixes it declares come first, sorted. It
    writes every literal on one line (escaping line breaks), so a line that ends in `` .`` ends
    a statement: a blank line follows each, and continuation lines get four spaces.
    """
    written = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    lines = (written or b"").decode().split("\n")
    cut = next((index for index, line in enumerate(lines) if not line.startswith("@prefix")), 0)
    statements = [
        ("    " + line[1:] if line.startswith("\t") else line)
        + ("\n" if line.endswith(" .") else "")
        for line in lines[cut:]
    ]
    header = "".join(f"{line}\n" for line in sorted(lines[:cut]))
    body = "\n".join(statements).strip("\n")
    if trig:
        return f"{header}\n{{\n{body}\n}}\n" if body else f"{header}\n{{\n}}\n"
    return f"{header}\n{body}\n" if body else header


_NT_CONTROLS = re.compile(r"[\x00-\x1f\x7f\ufffe\uffff]")
"""The characters canonical N-Triples escapes besides ``\\`` and ``"``: the control characters,
DEL, U+FFFE and U+FFFF."""
_JSON_MORE = re.compile(r"[\x7f\ufffe\uffff]")
"""The characters JSON-LD exports escape beyond those JSON itself escapes."""
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


def turtle_from_lines(lines: list[str], iris: set[str], *, trig: bool = False) -> str:
    """Write Turtle (or TriG) from sorted, distinct N-Triples lines and the IRIs they name.

    The text is what :func:`serialize_rdf` writes for the same triples: pyoxigraph reads the
    lines in their order, which is the order of its terms' text, as the lines escape every
    character as pyoxigraph does (:func:`nt_controls`).
    """
    data = "".join(f"{line}\n" for line in lines)
    triples = ox.parse(data.encode(), format=ox.RdfFormat.N_TRIPLES)
    return _turtle(triples, _prefixes_for(iris), trig=trig)


def _used_prefixes(rdf: Graph) -> dict[str, str]:
    """Return our prefixes that name a predicate, class or other IRI of the graph."""
    iris = {str(term) for triple in rdf for term in triple if isinstance(term, URIRef)}
    iris |= {
        str(term.datatype) for _, _, term in rdf if isinstance(term, RDFLiteral) and term.datatype
    }
    return _prefixes_for(iris)


def _prefixes_for(iris: set[str]) -> dict[str, str]:
    """Return our prefixes whose namespace begins one of the IRIs, in the order written."""
    return {
        prefix: namespace
        for prefix, namespace in PREFIXES.items()
        if any(iri.startswith(namespace) for iri in iris)
    }


def _canonical_json(value: Any) -> Any:
    """Sort every JSON-LD array (their order carries no meaning outside ``@list``)."""
    if isinstance(value, dict):
        return {
            key: (
                [_canonical_json(item) for item in item_list]
                if key == "@list" and isinstance(item_list := value[key], list)
                else _canonical_json(value[key])
            )
            for key in value
        }
    if isinstance(value, list):
        items = [_canonical_json(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return value


def _qname(predicate: URIRef) -> tuple[str, str]:
    text = str(predicate)
    found = split_iri(text, _NCNAME)
    if found is not None:
        return found
    raise NotWritableError(
        f"the predicate <{text}> cannot be written in RDF/XML: expected it in a namespace of "
        f"{', '.join(PREFIXES)} followed by an XML name"
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


def _text(value: str, table: dict[str, str], where: str) -> str:
    if (bad := not_xml(value)) is not None:
        raise NotWritableError(
            f"{where}: the character U+{ord(bad):04X} cannot stand in XML 1.0; "
            "expected text without control characters other than tab and newline"
        )
    return escape(value, table)


def _rdf_xml(rdf: Graph) -> str:
    """Write flat, sorted RDF/XML: one ``rdf:Description`` per subject."""
    by_subject: dict[Node, list[tuple[Node, Node]]] = {}
    for subject, predicate, obj in sorted(rdf):
        if not isinstance(subject, URIRef):
            raise NotWritableError(
                f"cannot write the blank node {subject} in RDF/XML: expected IRIs"
            )
        by_subject.setdefault(subject, []).append((predicate, obj))
    used: set[str] = {"rdf"}
    body: list[str] = []
    for subject, pairs in by_subject.items():
        about = _text(str(subject), _ATTRIBUTE, str(subject))
        body.append(f'  <rdf:Description rdf:about="{about}">')
        for predicate, obj in pairs:
            prefix, local = _qname(URIRef(str(predicate)))
            used.add(prefix)
            body.append(
                f"    {_property(f'{prefix}:{local}', obj, f'<{subject}> {prefix}:{local}')}"
            )
        body.append("  </rdf:Description>")
    declarations = "".join(
        f'\n    xmlns:{prefix}="{escape(PREFIXES[prefix])}"' for prefix in sorted(used)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f"<rdf:RDF{declarations}>\n" + "\n".join(body) + "\n</rdf:RDF>\n"
    )


def _property(name: str, obj: Node, where: str) -> str:
    if isinstance(obj, URIRef):
        return f'<{name} rdf:resource="{_text(str(obj), _ATTRIBUTE, where)}"/>'
    if not isinstance(obj, RDFLiteral):
        raise NotWritableError(f"{where}: cannot write the blank node {obj} in RDF/XML")
    attributes = ""
    if obj.language:
        attributes = f' xml:lang="{obj.language}"'
    elif obj.datatype is not None:
        attributes = f' rdf:datatype="{_text(str(obj.datatype), _ATTRIBUTE, where)}"'
    return f"<{name}{attributes}>{_text(str(obj), _CONTENT, where)}</{name}>"
