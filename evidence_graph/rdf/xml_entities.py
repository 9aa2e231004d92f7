"""XML entities in an RDF/XML document: refused before a parser can expand them.

An XML document may declare entities in its document type declaration, and a parser expands
each reference to them: ten entities that each name the one before ten times make a file of a
few hundred bytes that expands to gigabytes (an "entity bomb"), and an external entity names a
file or URL to fetch. pyoxigraph's RDF/XML parser expands the internal entities a document
declares, without bound, and finds declarations by their text alone, even inside a comment of
the declaration. So the document's bytes are searched for ``<!ENTITY`` first, and a document
that holds it anywhere is refused before it is parsed.

That parser reads UTF-8 only, where ``<!ENTITY`` is always these bytes, so nothing it would
expand escapes the search; the cost is one pass over the bytes. A document without entity
declarations is read as before, even one that names an external DTD (no parser fetches it).
The text ``<!ENTITY`` inside a CDATA section or a comment of the content is refused too.
"""

from __future__ import annotations

import re

from evidence_graph.exceptions import Problem

__all__ = ["entity_problem"]

_DECLARED = re.compile(rb"<!ENTITY\s+(%\s+)?([^\s\"'>]{0,100})")


def entity_problem(data: bytes) -> Problem | None:
    """Return the problem of an XML document that declares an entity, or ``None``.

    Examples:
        >>> entity_problem(b'<?xml version="1.0"?><r/>') is None
        True
        >>> problem = entity_problem(b'<!DOCTYPE r [<!ENTITY a "lol">]><r>&a;</r>')
        >>> problem.line, problem.message[:50]
        (1, "declares the XML entity 'a' (<!ENTITY a ...>), whi")
    """
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
