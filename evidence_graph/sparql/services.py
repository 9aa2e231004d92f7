r"""The ``SERVICE`` calls of a SPARQL query: the parts of it that would be sent to other servers.

A ``SERVICE <IRI> { … }`` pattern makes the store that runs the query send that part of it to
the server at the IRI, and join what it answers: a query file shared by someone else could make
the tool contact any server. :func:`services` finds every such call in the query as it is run
(its ``#include`` lines expanded), nested or not, so that :func:`~evidence_graph.sparql.run` can
refuse them unless they are allowed.

The query is read as SPARQL reads it: the ``\u`` escapes undone first (SPARQL undoes them before
it parses, so ``\u0053ERVICE`` is a ``SERVICE``), then a ``SERVICE`` keyword is looked for in
its code only, not in comments, strings or IRIs. A query with one is parsed (by rdflib's SPARQL
1.1 parser) to name each call's target; one that parser cannot read is judged by its code.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rdflib.term import URIRef, Variable

from evidence_graph.sparql.syntax import code

__all__ = ["services"]

_ESCAPE = re.compile(r"\\u(?P<short>[0-9A-Fa-f]{4})|\\U(?P<long>[0-9A-Fa-f]{8})")
_KEYWORD = re.compile(r"(?i)(?<![\w$?:.\\-])SERVICE(?![\w:-])")
_CALL = re.compile(r"(?i)(?<![\w$?:.\\-])SERVICE\s+(?:SILENT\s+)?(?P<target>[^\s{]+)")


def _unescape(query: str) -> str:
    r"""Return ``query`` with its ``\u`` and ``\U`` escapes undone, as SPARQL reads it first."""

    def character(found: re.Match[str]) -> str:
        point = int(found["short"] or found["long"], 16)
        return chr(point) if point < 0x110000 else found[0]  # noqa: PLR2004 - beyond Unicode

    return _ESCAPE.sub(character, query)


def _targets(tree: object) -> list[str]:
    """Return the target of every ``SERVICE`` pattern in rdflib's parse tree, in order."""
    from rdflib.plugins.sparql.parserutils import CompValue  # noqa: PLC0415 - see services()

    found: list[str] = []
    if isinstance(tree, CompValue):
        if tree.name == "ServiceGraphPattern":
            found.append(_spelled(tree["term"]))
        for value in tree.values():
            found += _targets(value)
    elif isinstance(tree, list | tuple) or hasattr(tree, "asList"):
        for value in tree:  # type: ignore[attr-defined]  # a pyparsing ParseResults
            found += _targets(value)
    return found


def _spelled(term: object) -> str:
    """Return a ``SERVICE`` target of rdflib's parse tree as the query spells it."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Variable):
        return f"?{term}"
    name = getattr(term, "name", None)
    if name == "pname" and isinstance(term, dict):  # a prefixed name, left unexpanded
        return f"{term.get('prefix') or ''}:{term.get('localname') or ''}"
    return str(term)


@lru_cache(maxsize=256)
def services(query: str) -> tuple[str, ...]:
    r"""Return the target of each ``SERVICE`` call in ``query``, as written: IRI, name or variable.

    A text is read once: the answer is kept for the next call with the same text.

    Args:
        query: The query as it is run (its ``#include`` lines expanded).

    Examples:
        >>> services("SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE <https://example.org/q> {} } }")
        ('<https://example.org/q>',)
        >>> services("# SERVICE <https://example.org/q> {}\nSELECT * WHERE { ?s ?p 'SERVICE' }")
        ()
        >>> services(r"SELECT * WHERE { \u0053ERVICE SILENT ?where { ?s ?p ?o } }")
        ('?where',)
    """
    text = _unescape(query)
    masked = code(text)
    if not _KEYWORD.search(masked):
        return ()
    # rdflib's SPARQL grammar takes a while to build: only a query with the keyword needs it
    from pyparsing import ParseException  # noqa: PLC0415
    from rdflib.plugins.sparql.parser import parseQuery  # noqa: PLC0415

    try:
        tree = parseQuery(query)
    except ParseException:  # a query that SPARQL 1.1 does not read: judge it by its code
        calls = [
            text[found.start("target") : found.end("target")] for found in _CALL.finditer(masked)
        ]
        return tuple(calls) or ("SERVICE",)
    return tuple(_targets(tree))
