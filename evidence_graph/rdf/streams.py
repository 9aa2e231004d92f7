"""RDF written as a stream: sorted N-Triples lines in, a document out, a chunk at a time.

The export's lines come gathered by subject (:func:`nt_chunks` writes them as N-Triples bytes,
about a megabyte at a time). Turtle, TriG, JSON-LD and RDF/XML are written by pyoxigraph's
serializers (:func:`write_by_oxigraph`), which read those N-Triples lazily and hand their
output, a few kilobytes at a time, to a writer of this module that gives it the project's
form: sorted prefixes and indented Turtle, JSON-LD with the project's context. No whole
document is ever held in memory.

pyoxigraph writes the triples in the order it reads them, grouping those of one subject, so
sorted lines give the same bytes for the same triples.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Mapping
from itertools import chain
from typing import IO, TYPE_CHECKING, Literal

import pyoxigraph as ox

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

__all__ = ["CHUNK", "json_ld_head", "nt_chunks", "write_by_oxigraph"]

CHUNK = 1 << 20
"""About how many bytes of N-Triples each chunk holds: a megabyte."""

Syntax = Literal["turtle", "trig", "jsonld", "xml"]
"""The formats pyoxigraph writes here."""

_OXIGRAPH = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TURTLE,  # TriG is written as the Turtle of the default graph, in braces
    "jsonld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}


def nt_chunks(groups: dict[str, set[str]], size: int = CHUNK) -> Iterator[bytes]:
    r"""Yield the N-Triples lines of ``groups`` in sorted order, as UTF-8 chunks.

    ``groups`` holds, for each subject's term and a space, the rest of each of its lines;
    as no subject's term followed by a space begins another's, sorting the subjects and then
    each subject's lines gives the order of one sort of all the lines. Each group is taken out
    of ``groups`` once it is written, so the memory it held is free for what follows.

    Examples:
        >>> groups = {"<b> ": {'<p> "2" .', '<p> "1" .'}, "<a> ": {"<p> <b> ."}}
        >>> b"".join(nt_chunks(groups)).decode()
        '<a> <p> <b> .\n<b> <p> "1" .\n<b> <p> "2" .\n'
    """
    pieces: list[bytes] = []
    length = 0
    for head in sorted(groups):
        tails = sorted(groups.pop(head))
        # Each subject's lines are encoded on their own: text that is all ASCII is copied as
        # it is, and one character beyond it widens only its own subject's text, not a chunk's.
        text = (head + f"\n{head}".join(tails) + "\n").encode()
        pieces.append(text)
        length += len(text)
        if length >= size:
            yield b"".join(pieces)
            pieces = []
            length = 0
    if pieces:
        yield b"".join(pieces)


def write_by_oxigraph(
    chunks: Iterator[bytes],
    out: IO[bytes],
    syntax: Syntax,
    prefixes: Mapping[str, str],
    context: Mapping[str, object] | None = None,
    *,
    blanks: bool = True,
) -> None:
    r"""Write the N-Triples ``chunks`` to ``out`` in ``syntax``, by pyoxigraph's serializers.

    Each chunk holds whole lines (as :func:`nt_chunks` makes them).

    Turtle and TriG declare the ``prefixes`` (sorted), JSON-LD carries ``context`` as its
    ``@context``, and RDF/XML declares the prefixes as XML namespaces. ``blanks`` says
    whether the lines may name a blank node; without one, Turtle is given its form sooner.

    Examples:
        >>> out = io.BytesIO()
        >>> lines = [b"<https://e.org/a> <https://e.org/p> <https://e.org/b> .\n"]
        >>> write_by_oxigraph(iter(lines), out, "turtle", {"ex": "https://e.org/"})
        >>> print(out.getvalue().decode(), end="")
        @prefix ex: <https://e.org/> .
        <BLANKLINE>
        ex:a ex:p ex:b .
    """
    writer: _Turtle | _JsonLd | _Xml
    if syntax in {"turtle", "trig"}:
        writer = _Turtle(out, trig=syntax == "trig", flat=not blanks)
    elif syntax == "jsonld":
        writer = _JsonLd(out, context or {})
    else:
        writer = _Xml(out)
    # The lines are the export's own, their IRIs checked when they were read: pyoxigraph reads
    # them without checking each IRI again (lenient), which gives the same triples sooner.
    # Each chunk is read on its own, straight from its bytes.
    quads = chain.from_iterable(
        ox.parse(chunk, format=ox.RdfFormat.N_TRIPLES, lenient=True) for chunk in chunks
    )
    with io.BufferedWriter(writer, _PIECE) as pieces:
        ox.serialize(quads, pieces, _OXIGRAPH[syntax], prefixes=dict(prefixes))
    writer.finish()


_PIECE = 1 << 16
"""The bytes pyoxigraph's output is handed on in."""


_NEWLINE = ord("\n")


class _Turtle(io.RawIOBase):
    r"""Gives pyoxigraph's Turtle the project's form, as it is written.

    The ``@prefix`` lines come first, sorted. pyoxigraph writes every literal on one line
    (escaping line breaks), so a line that ends in `` .`` ends a statement: a blank line
    follows each, and a continuation line gets four spaces for its tab. TriG is the same
    statements, in braces: the default graph.

    With ``flat``, no statement nests another (no blank node is written in brackets): each
    line ends a statement (`` .``) or goes on to the next (`` ;``, then a tab), so every
    line break is doubled and those before a tab taken back, two passes that search for a
    single byte or a rare one, not for `` .`` and a line break, which is slower.
    """

    def __init__(self, out: IO[bytes], *, trig: bool, flat: bool = False) -> None:
        super().__init__()
        self.out = out
        self.trig = trig
        self.flat = flat
        self.header: list[bytes] | None = []  # the @prefix lines, until the first statement
        self.carry = b""  # the start of a line not written yet
        self.newlines = b""  # line breaks held back: the last ones of the document are cut
        self.started = False  # whether a statement has been written

    def writable(self) -> bool:
        return True

    def write(self, data: ReadableBuffer, /) -> int:
        given = bytes(data)
        text = self.carry + given
        if self.header is not None:
            text = self._take_header(text)
            if self.header is not None:
                self.carry = text
                return len(given)
        cut = text.rfind(b"\n") + 1
        self.carry = text[cut:]
        self._body(text[:cut], end=False)
        return len(given)

    def _take_header(self, text: bytes) -> bytes:
        """Keep the complete ``@prefix`` lines; write them once a statement begins."""
        assert self.header is not None  # noqa: S101 - only while the header is read
        start = 0
        while (end := text.find(b"\n", start)) >= 0:
            line = text[start:end]
            if not line.startswith(b"@prefix"):
                self._write_header()
                break
            self.header.append(line)
            start = end + 1
        return text[start:]

    def _write_header(self) -> None:
        assert self.header is not None  # noqa: S101 - written once
        header = b"".join(line + b"\n" for line in sorted(self.header))
        self.out.write(header + (b"\n{\n" if self.trig else b"\n"))
        self.header = None

    def _body(self, text: bytes, *, end: bool) -> None:
        """Write whole lines of statements, holding back the line breaks that end them."""
        if not self.flat:
            text = (b"\n" + text).replace(b"\n\t", b"\n    ")[1:]
            if not end:
                text = text.replace(b" .\n", b" .\n\n")
        else:
            if text.startswith(b"\t"):  # the statement of the last piece goes on
                self.newlines = self.newlines[:1]
                text = b"    " + text[1:]
            if not end:
                text = text.replace(b"\n", b"\n\n").replace(b";\n\n\t", b";\n    ")
        if not self.started:
            text = text.lstrip(b"\n")
            self.started = bool(text)
        kept = len(text)
        while kept and text[kept - 1] == _NEWLINE:
            kept -= 1
        if kept:
            self.out.write(self.newlines)
            self.out.write(text if kept == len(text) else text[:kept])
            self.newlines = text[kept:]
        else:
            self.newlines += text

    def finish(self) -> None:
        """Write what is left, and the end of the document."""
        if self.header is not None:
            if not self.header and not self.carry and not self.trig:
                return  # no triples: an empty document
            self._write_header()
        self._body(self.carry, end=True)
        if self.started:
            self.out.write(b"\n")
        if self.trig:
            self.out.write(b"}\n")


class _JsonLd(io.RawIOBase):
    r"""Puts pyoxigraph's expanded JSON-LD in a document that carries the project's context.

    pyoxigraph writes a JSON array of node objects, every key and value in full (expanded
    JSON-LD); it becomes the ``@graph`` of an object whose ``@context`` is the project's, so a
    JSON-LD processor can compact it. JSON escapes the control characters; DEL, U+FFFE and
    U+FFFF are escaped too, as N-Triples does, so a terminal shown the file shows them.
    """

    _MORE = ((b"\xef\xbf\xbe", b"\\ufffe"), (b"\xef\xbf\xbf", b"\\uffff"))

    def __init__(self, out: IO[bytes], context: Mapping[str, object]) -> None:
        super().__init__()
        self.out = out
        self.out.write(json_ld_head(context))
        self.carry = b""  # the last character, which may be cut short

    def writable(self) -> bool:
        return True

    def write(self, data: ReadableBuffer, /) -> int:
        given = bytes(data)
        text = self.carry + given
        cut = len(text) - 1  # the start of the last character, which may be cut short
        while cut > 0 and text[cut] & 0xC0 == 0x80:  # noqa: PLR2004 - a UTF-8 continuation byte
            cut -= 1
        self.carry = text[cut:]
        self.out.write(self._escaped(text[:cut]))
        return len(given)

    def _escaped(self, text: bytes) -> bytes:
        if b"\x7f" in text:
            text = text.replace(b"\x7f", b"\\u007f")
        if b"\xef" in text:  # the first byte of U+FFFE and U+FFFF, found as fast as DEL
            for raw, escape in self._MORE:
                if raw in text:
                    text = text.replace(raw, escape)
        return text

    def finish(self) -> None:
        """Write what is left, and the end of the document."""
        self.out.write(self._escaped(self.carry) + b"\n}\n")


def json_ld_head(context: Mapping[str, object]) -> bytes:
    """Return the start of a JSON-LD export: its ``@context``, then ``@graph``'s key.

    Examples:
        >>> print(json_ld_head({"title": "http://purl.org/dc/terms/title"}).decode())
        {
          "@context": {
            "title": "http://purl.org/dc/terms/title"
          },
          "@graph":
    """
    written = json.dumps(context, indent=2, sort_keys=True, ensure_ascii=False)
    nested = written.replace("\n", "\n  ")
    return f'{{\n  "@context": {nested},\n  "@graph": '.encode()


class _Xml(io.RawIOBase):
    """Writes pyoxigraph's RDF/XML, a carriage return as ``&#13;``, and a line break at its end.

    pyoxigraph writes a carriage return in a text as it is, which every XML parser reads as a
    line break (XML normalises line ends); written as a character reference it stays itself.
    It is one byte, which no piece can split, and stands nowhere else in the document.
    """

    def __init__(self, out: IO[bytes]) -> None:
        super().__init__()
        self.out = out

    def writable(self) -> bool:
        return True

    def write(self, data: ReadableBuffer, /) -> int:
        given = bytes(data)
        self.out.write(given.replace(b"\r", b"&#13;") if b"\r" in given else given)
        return len(given)

    def finish(self) -> None:
        """Write the line break that ends the document."""
        self.out.write(b"\n")
