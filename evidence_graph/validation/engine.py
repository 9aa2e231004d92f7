"""The SHACL engine: the RDF written for it as N-Triples, and its report read back.

The engine ([shacl](https://pypi.org/project/shacl/)) reads a file, not an rdflib graph. It
names blank nodes anew, counting on from those of the shapes: with n of them in the shapes, the
data's are ``_:0_b<n>``, ``_:0_b<n+1>``, … in the order they first appear in the file.
:class:`DataFile` writes the file and keeps that order, so that a result about a blank node
names it as the source does.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox
import shacl
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from evidence_graph.exceptions import NotWritableError
from evidence_graph.graph import EvidenceGraph
from evidence_graph.models import Corpus
from evidence_graph.namespace import RDF, RDFS
from evidence_graph.rdf import stream_rdf
from evidence_graph.rdf.mapping import member_place
from evidence_graph.validation.report import ValidationReport, ValidationResult, report_results

__all__ = ["DataFile", "Engine"]

_MEMBER = f" <{RDF}_"
"""What an N-Triples line whose predicate may be an ``rdf:_n`` holds, after its subject."""
_NOTED = (b"_:", _MEMBER.encode())
"""What marks a line that may hold a blank node or an ``rdf:_n`` predicate."""
_BLOCK = 1 << 24
"""Bytes of the data file read at a time."""
_ENGINE_BLANK = re.compile(r"0_b(0|[1-9][0-9]*)")
"""How the engine names a blank node of the data graph."""


class Engine:
    """The shapes compiled for the engine, ready to validate against.

    Args:
        shapes: The shapes file, in Turtle.
    """

    def __init__(self, shapes: Path) -> None:
        self.shapes = shacl.Shapes.from_file(str(shapes))
        quads = ox.parse(path=shapes, format=ox.RdfFormat.TURTLE)
        self.blank_nodes = len(
            {
                term.value
                for quad in quads
                for term in (quad.subject, quad.object)
                if isinstance(term, ox.BlankNode)
            }
        )
        """How many blank nodes the shapes hold: the engine's first number for the data's."""

    def validate(self, source: Corpus | EvidenceGraph | Graph) -> ValidationReport:
        """Return the report of validating the source: the engine reads it from a temporary file.

        Raises:
            NotWritableError: If an rdflib graph holds a term that N-Triples cannot write.
        """
        data = DataFile(self.blank_nodes)
        with tempfile.TemporaryDirectory(prefix="evidence-graph-") as folder:
            path = Path(folder) / "data.nt"
            data.write(source, path)
            try:
                report = self.shapes.validate_file(str(path))
            except ValueError as error:  # a term of an rdflib graph that N-Triples cannot write
                raise _unreadable(path, error) from None
        return ValidationReport(
            conforms=report.conforms, triples=data.triples, results=data.results(report)
        )


class DataFile:
    """The data as the engine reads it: N-Triples, with the ``rdfs:member`` lines RDFS entails.

    Args:
        first_blank: The engine's number for the first blank node of the data.

    Attributes:
        triples: How many triples the source holds (the ``rdfs:member`` lines not counted).
        blanks: The source's blank node labels, in the order they first appear in the file.
    """

    def __init__(self, first_blank: int) -> None:
        self.first_blank = first_blank
        self.triples = 0
        self.blanks: list[str] = []
        self._seen: set[str] = set()

    def write(self, source: Corpus | EvidenceGraph | Graph, path: Path) -> None:
        """Write the source to ``path`` as N-Triples, then the ``rdfs:member`` lines.

        The file is read back a block at a time and searched for the lines that hold an
        ``rdf:_n`` predicate or a blank node.
        """
        with path.open("wb") as out:
            self.triples = _write_triples(source, out)
        members = []
        for line in _lines_holding(path, _NOTED):
            if line.startswith("_:") or " _:" in line:
                self._note_blanks(line)
            if _MEMBER in line and (member := _member_line(line)) is not None:
                members.append(f"{member}\n".encode())
        with path.open("ab") as out:
            out.writelines(members)

    def _note_blanks(self, line: str) -> None:
        subject, _, rest = line.split(" ", 2)  # neither an IRI nor a blank node has a space
        for term in (subject, rest[:-2]):  # the object: the rest without " ."
            if term.startswith("_:") and term not in self._seen:
                self._seen.add(term)
                self.blanks.append(term[2:])

    def results(self, report: shacl.Report) -> tuple[ValidationResult, ...]:
        """Return the engine's results, each with the named shape the engine says it breaks."""
        if not report.results:
            return ()
        graph = Graph(bind_namespaces="none")
        for quad in ox.parse(report.serialize("ntriples"), format=ox.RdfFormat.N_TRIPLES):
            graph.add(
                (self._term(quad.subject), self._term(quad.predicate), self._term(quad.object))
            )
        roots: dict[Node, Node] = {
            _named(result.source_shape): _named(result.root_shape)
            for result in report.results
            if result.source_shape and result.root_shape
        }
        return report_results(
            graph, lambda shape: None if shape is None else roots.get(shape, shape)
        )

    def _term(self, term: Any) -> Node:
        """Return the rdflib term of a term of the report; a blank node of the data as named."""
        if isinstance(term, ox.NamedNode):
            return URIRef(term.value)
        if isinstance(term, ox.BlankNode):
            found = _ENGINE_BLANK.fullmatch(term.value)
            place = int(found[1]) - self.first_blank if found else -1
            return BNode(self.blanks[place] if 0 <= place < len(self.blanks) else term.value)
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))


def _write_triples(source: Corpus | EvidenceGraph | Graph, out: BinaryIO) -> int:
    """Write the source's triples to ``out`` as N-Triples, a line each; return how many.

    A corpus or an evidence graph is written as the N-Triples export writes it, streamed a
    chunk at a time; an rdflib graph as it is.
    """
    return stream_rdf(source, out, "nt")


def _lines_holding(path: Path, marks: tuple[bytes, ...]) -> Iterator[str]:
    """Yield each line of a file (without its line break) that holds one of ``marks``, in order.

    The file is read a block at a time and searched whole, not line by line: few lines hold one.
    """
    rest = b""
    with path.open("rb") as data:
        while True:
            block = data.read(_BLOCK)
            if not block:
                if not rest:
                    return
                block = b"\n"  # the last line had no line break
            block = rest + block
            end = block.rfind(b"\n") + 1
            block, rest = block[:end], block[end:]
            for start in sorted({start for mark in marks for start in _starts(block, mark)}):
                yield block[start : block.index(b"\n", start)].decode()


def _starts(block: bytes, mark: bytes) -> Iterator[int]:
    """Yield where each line of ``block`` that holds ``mark`` starts."""
    found = block.find(mark)
    while found != -1:
        start = block.rfind(b"\n", 0, found) + 1
        yield start
        found = block.find(mark, block.index(b"\n", found))


def _member_line(line: str) -> str | None:
    """Return the ``rdfs:member`` line of an ``rdf:_n`` line, or None for another predicate."""
    subject, predicate, rest = line.split(" ", 2)
    if not predicate.startswith(_MEMBER[1:]) or not _is_member(URIRef(predicate[1:-1])):
        return None
    return f"{subject} <{RDFS.member}> {rest}"


def _is_member(predicate: URIRef) -> bool:
    """Whether a predicate is an ``rdf:_n`` property; ``rdf:_x`` is none, nor a long ``rdf:_9…``."""
    try:
        return member_place(predicate) is not None
    except ValueError:
        return False


def _named(term: str) -> Node:
    """Return the rdflib term of a shape the engine names: an IRI, or a blank node of its own."""
    return BNode(term[2:]) if term.startswith("_:") else URIRef(term.strip("<>"))


def _unreadable(data: Path, error: ValueError) -> NotWritableError:
    """Return the error for data the engine could not read, showing the triple it stopped at.

    Only an rdflib graph can hold such a term (an IRI with a space, say): an export cannot.
    """
    found = re.search(r"at line (\d+)[^:]*: (.*)", str(error))
    if found is None:
        return NotWritableError(f"SHACL validation cannot read the RDF as N-Triples: {error}")
    with data.open(encoding="utf-8") as lines:
        line = next(
            (text for number, text in enumerate(lines, start=1) if number == int(found[1])), ""
        )
    return NotWritableError(
        f"SHACL validation cannot write the triple {line.rstrip()} as N-Triples: {found[2]}; "
        'expected IRIs without spaces or any of <>"{}|^`\\, and blank node labels of letters, '
        "digits, _ . and -"
    )
