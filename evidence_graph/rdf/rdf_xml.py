"""RDF/XML documents checked before they are parsed: no entity declared, no nesting too deep.

pyoxigraph's RDF/XML parser, which reads every RDF/XML file and store answer, has two ways to
be made to run out of memory or time, and each is refused first, naming its line:

- An XML entity. A document may declare entities in its document type declaration, and the
  parser expands each reference to them: ten entities that each name the one before ten times
  make a file of a few hundred bytes that expands to gigabytes (an "entity bomb"), and an
  external entity names a file or URL to fetch. The parser expands the internal entities a
  document declares, without bound, and finds declarations by their text alone, even inside a
  comment. So the bytes are searched for ``<!ENTITY``: the parser reads UTF-8 only, where it
  is always these bytes, so nothing it would expand escapes the search. The text
  ``<!ENTITY`` inside a CDATA section or a comment is refused too.
- Deep nesting. The parser's time grows with the square of the depth of nested elements: a
  file of 100,000 nested nodes (2 MB) takes minutes. Real RDF/XML nests a few levels deep, so
  a document nested more than :data:`DEEPEST` elements deep is refused. The depth is counted by
  the standard library's expat, which expands nothing and fetches nothing here, and which also
  refuses a document that is not well-formed XML.

A document that names an external DTD is read as before: no parser fetches it.
"""

from __future__ import annotations

import re
from xml.parsers import expat

from evidence_graph.exceptions import Problem

__all__ = ["DEEPEST", "rdf_xml_problem"]

DEEPEST = 1000
"""The deepest nesting of elements an RDF/XML document may have."""

_DECLARED = re.compile(rb"<!ENTITY\s+(%\s+)?([^\s\"'>]{0,100})")


class _TooDeep(Exception):  # noqa: N818 - a signal from expat's callback, caught below
    """The document nests its elements deeper than it may, from this line and column."""

    def __init__(self, line: int, column: int) -> None:
        super().__init__(line, column)
        self.line = line
        self.column = column


def rdf_xml_problem(data: bytes) -> Problem | None:
    """Return the problem of an RDF/XML document that must not be parsed, or ``None``.

    Examples:
        >>> rdf_xml_problem(b'<?xml version="1.0"?><r/>') is None
        True
        >>> problem = rdf_xml_problem(b'<!DOCTYPE r [<!ENTITY a "lol">]><r>&a;</r>')
        >>> problem.line, problem.message[:50]
        (1, "declares the XML entity 'a' (<!ENTITY a ...>), whi")
        >>> print(rdf_xml_problem(b"<r>" * 1001))
        line 1, column 3001: nests elements more than 1000 deep: expected RDF/XML nested at \
most 1000 elements deep (its parser takes time with the square of the depth)
    """
    return _entity_problem(data) or _depth_problem(data)


def _entity_problem(data: bytes) -> Problem | None:
    """The problem of a document that holds an entity declaration, or ``None``."""
    start = data.find(b"<!ENTITY")
    if start < 0:
        return None
    found = _DECLARED.match(data, start)
    parameter, name = (found[1], found[2]) if found else (None, b"")
    shown = name.decode("utf-8", "replace")
    written = f"% {shown}" if parameter else shown
    return Problem(
        (),
        f"declares the XML entity {shown!r} (<!ENTITY {written} ...>), which is not read: "
        "an entity may expand beyond any memory or name a file to fetch; expected a document "
        "without entity declarations",
        data.count(b"\n", 0, start) + 1,
    )


def _depth_problem(data: bytes) -> Problem | None:
    """The problem of a document nested too deep, or not well-formed XML; or ``None``."""
    parser = expat.ParserCreate()
    depth = 0

    def start(*_: object) -> None:
        nonlocal depth
        depth += 1
        if depth > DEEPEST:
            raise _TooDeep(parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)

    def end(*_: object) -> None:
        nonlocal depth
        depth -= 1

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(data, True)
    except _TooDeep as deep:
        return Problem(
            (),
            f"nests elements more than {DEEPEST} deep: expected RDF/XML nested at most "
            f"{DEEPEST} elements deep (its parser takes time with the square of the depth)",
            deep.line,
            deep.column,
        )
    except expat.ExpatError as error:
        if error.code == expat.errors.codes[expat.errors.XML_ERROR_NO_ELEMENTS] and not depth:
            return None  # no element at all: the parser reads it as no triples
        reason = expat.errors.messages[error.code]
        return Problem((), f"is not well-formed XML: {reason}", error.lineno, error.offset + 1)
    return None
