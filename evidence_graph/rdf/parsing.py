"""RDF files read strictly and offline: by pyoxigraph, with nothing fetched and nothing guessed.

Three things a parser would otherwise let through are refused, each naming its place:

- a remote JSON-LD ``@context`` (it would be fetched);
- an XML entity declared in an RDF/XML file (it may expand beyond any memory; see
  :mod:`evidence_graph.rdf.rdf_xml`);
- a relative IRI in a file that sets no base. Resolved against the file's own path it would
  become a ``file:`` IRI naming a folder of this computer, and travel into every export.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from evidence_graph.display import shorten
from evidence_graph.exceptions import Problem, StudyFileError
from evidence_graph.namespace import XSD_STRING
from evidence_graph.rdf.rdf_xml import rdf_xml_problem
from evidence_graph.rdf.syntax import rdflib_graph
from evidence_graph.rdf.terms import Blank, Lit, Term, qname

__all__ = ["RDF_SUFFIXES", "read_rdf_file", "read_triples", "stream_triples"]

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

_BASES: dict[ox.RdfFormat, str] = {
    ox.RdfFormat.TURTLE: "; or a @base to resolve them against",
    ox.RdfFormat.TRIG: "; or a @base to resolve them against",
    ox.RdfFormat.RDF_XML: "; or an xml:base to resolve them against",
    ox.RdfFormat.JSON_LD: '; or an "@base" in the "@context" to resolve them against',
}
"""How a file of each syntax sets a base (N-Triples and N-Quads cannot)."""

_RELATIVE = "x-evidence-graph-relative:"
"""The base the parsers that cannot refuse a relative IRI resolve one against, to find it.

Without a base, pyoxigraph refuses a relative IRI of Turtle, TriG, N-Triples or N-Quads at
its line, but one of RDF/XML without naming a place, and JSON-LD drops it silently. Those two
are read against this base instead, and any IRI it begins was relative in the file.
"""
_FOUND_BY_BASE = (ox.RdfFormat.RDF_XML, ox.RdfFormat.JSON_LD)
_SHOWN = 40  # the characters of a literal a message shows


def read_triples(path: str | Path) -> list[tuple[Term, Term, Term]]:
    """Return the triples of an RDF file, read by a strict parser without the network.

    The triples of every graph of a dataset (TriG, N-Quads) are read together. A JSON-LD
    document that names a remote ``@context`` is refused rather than fetched, an RDF/XML file
    that declares an XML entity is refused before it is parsed, and so is a relative IRI in a
    file that sets no base.

    Raises:
        StudyFileError: If the file cannot be read or parsed; a syntax error names its line
            and column, and a relative IRI its line (or its triple, in RDF/XML and JSON-LD).
    """
    return list(stream_triples(path))


def stream_triples(path: str | Path) -> Iterator[tuple[Term, Term, Term]]:
    """Yield the triples of an RDF file as :func:`read_triples` reads them, as they are parsed.

    Turtle, TriG, N-Triples and N-Quads are parsed as the triples are taken, so that no list
    of the parser's terms is held beside what is made of them; RDF/XML and JSON-LD are parsed
    whole first, to find a relative IRI.

    Raises:
        StudyFileError: As :func:`read_triples` does, when the triples are taken.
    """
    path = Path(path)
    syntax = RDF_SUFFIXES.get(path.suffix.lower())
    if syntax is None:
        raise StudyFileError(path, [Problem((), f"unknown RDF file type {path.suffix!r}")])
    try:
        data = path.read_bytes()
    except OSError as error:
        raise StudyFileError(path, [Problem((), f"cannot be read ({error.strerror})")]) from None
    if syntax == ox.RdfFormat.RDF_XML and (problem := rdf_xml_problem(data)) is not None:
        raise StudyFileError(path, [problem])
    blanks = _Blanks(hashlib.sha256(data).hexdigest()[:12])
    if syntax not in _FOUND_BY_BASE:
        yield from _plain(_parsed(path, data, syntax), blanks)
        return
    quads = list(_parsed(path, data, syntax, _RELATIVE))
    for quad in quads:
        if relative := _relative_iri(quad):
            raise StudyFileError(path, [_relative_problem(quad, relative, syntax)])
    yield from _plain(quads, blanks)


def _parsed(
    path: Path, data: bytes, syntax: ox.RdfFormat, base: str | None = None
) -> Iterator[ox.Quad]:
    """Yield the quads pyoxigraph parses, its errors made the file's problems."""
    try:
        yield from ox.parse(data, format=syntax, base_iri=base)
    except SyntaxError as error:
        raise StudyFileError(path, [_syntax_problem(error, data, syntax)]) from None
    except ValueError as error:
        message = f"is not valid {syntax.name}: {shorten(str(error))}"
        raise StudyFileError(path, [Problem((), message)]) from None


def _plain(quads: Iterable[ox.Quad], blanks: _Blanks) -> Iterator[tuple[Term, Term, Term]]:
    """Yield the plain triple of each quad: IRIs as strings, the same string for the same IRI.

    The strings of the predicates, datatypes and IRI objects are shared, so that a large
    graph holds each once.
    """
    named: dict[str, str] = {}
    for quad in quads:
        subject, predicate, obj = quad.subject, quad.predicate.value, quad.object
        if isinstance(obj, ox.NamedNode):
            value = obj.value
            term: Term = named.setdefault(value, value)
        elif isinstance(obj, ox.Literal):
            term = _literal(obj, named)
        else:
            term = blanks.term(obj)
        yield (
            subject.value if isinstance(subject, ox.NamedNode) else blanks.term(subject),
            named.setdefault(predicate, predicate),
            term,
        )


def _literal(term: ox.Literal, named: dict[str, str]) -> Lit:
    """Return the plain literal of a pyoxigraph literal; a simple literal is an ``xsd:string``."""
    if term.language:
        return Lit(term.value, None, term.language)
    datatype = term.datatype.value
    if datatype == XSD_STRING:
        return Lit(term.value)
    return Lit(term.value, named.setdefault(datatype, datatype))


def read_rdf_file(path: str | Path) -> Graph:
    """Read an RDF file into an rdflib graph, with a strict parser and without the network.

    The triples of every graph of a dataset (TriG, N-Quads) are read together. A JSON-LD
    document that names a remote ``@context`` is refused rather than fetched, and
    ``owl:imports`` are not followed.

    Raises:
        StudyFileError: If the file cannot be read or parsed; a syntax error names its line
            and column.
    """
    return rdflib_graph(read_triples(path))


def _syntax_problem(error: SyntaxError, data: bytes, syntax: ox.RdfFormat) -> Problem:
    """The problem a parser's syntax error tells, in our words where we know its kind."""
    message = str(error)
    if "remote context" in message:
        message = (
            "names a remote JSON-LD @context, which is not fetched: expected the context "
            "embedded in the document (as evidence-graph exports write it)"
        )
    elif "No scheme found" in message:
        written = shorten(_written_at(data, error))
        message = (
            f"the relative IRI {written}, in a file that sets no base: expected absolute IRIs, "
            f"such as <https://example.org/a>{_BASES.get(syntax, '')}"
        )
    else:
        message = f"is not valid {syntax.name}: {shorten(message)}"
    return Problem((), message, error.lineno, error.offset)


def _written_at(data: bytes, error: SyntaxError) -> str:
    """The text a syntax error of one line points at (an IRI in angle brackets)."""
    if error.lineno is None or error.offset is None or error.end_offset is None:
        return "written there"
    lines = data.decode("utf-8", "replace").split("\n")
    if error.lineno > len(lines) or error.end_lineno != error.lineno:
        return "written there"
    return lines[error.lineno - 1][error.offset - 1 : error.end_offset - 1] or "written there"


def _relative_iri(quad: ox.Quad) -> str | None:
    """Return the first IRI of a quad that was relative in the file, as it was written."""
    terms: list[Any] = [quad.subject, quad.predicate, quad.object, quad.graph_name]
    if isinstance(quad.object, ox.Literal):
        terms.append(quad.object.datatype)
    for term in terms:
        if isinstance(term, ox.NamedNode) and term.value.startswith(_RELATIVE):
            return term.value.removeprefix(_RELATIVE)
    return None


def _relative_problem(quad: ox.Quad, relative: str, syntax: ox.RdfFormat) -> Problem:
    """The problem of a triple that names a relative IRI, the triple written as Turtle."""
    triple = shorten(" ".join(_shown(term) for term in (quad.subject, quad.predicate, quad.object)))
    return Problem(
        (),
        f"the triple {triple} names the relative IRI <{shorten(relative)}>, in a file that sets no "
        f"base: expected absolute IRIs, such as <https://example.org/a>{_BASES[syntax]}",
    )


def _shown(term: Any) -> str:
    """A term of a triple as a message shows it: a compact name, or the IRI as written."""
    if isinstance(term, ox.NamedNode):
        if term.value.startswith(_RELATIVE):
            return f"<{term.value.removeprefix(_RELATIVE)}>"
        return qname(term.value)
    if isinstance(term, ox.Literal):
        text = term.value if len(term.value) <= _SHOWN else term.value[:_SHOWN] + "…"
        if term.language:
            return f'"{text}"@{term.language}'
        datatype = term.datatype.value
        if datatype.startswith(_RELATIVE):
            return f'"{text}"^^<{datatype.removeprefix(_RELATIVE)}>'
        return f'"{text}"' if datatype == XSD_STRING else f'"{text}"^^{qname(datatype)}'
    return str(term)


class _Blanks:
    """Names a file's blank nodes anew: by the file's content and their order in it.

    A parser names the blank nodes of ``[ … ]`` and ``( … )`` at random, and every file of
    N-Triples written by the same tool may use the same names (``_:genid1``). Named by a digest
    of the file and their place in it, the blank nodes of two files stay apart, and the same
    file gives the same names every time.
    """

    def __init__(self, digest: str) -> None:
        self.digest = digest
        self.names: dict[str, str] = {}

    def term(self, term: Any) -> Term:
        if not isinstance(term, ox.BlankNode):
            return _term(term)
        name = self.names.get(term.value)
        if name is None:
            name = self.names[term.value] = f"b{self.digest}n{len(self.names) + 1}"
        return Blank(name)


def _term(term: Any) -> Term:
    """Return the plain term of a pyoxigraph term; a simple literal is an ``xsd:string``."""
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return Blank(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Lit(term.value, None, term.language)
        datatype = term.datatype.value
        return Lit(term.value, None if datatype == XSD_STRING else datatype)
    raise TypeError(f"unexpected RDF term {term!r}")  # pragma: no cover - RDF 1.1 has no other
