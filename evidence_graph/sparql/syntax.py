"""Reading a SPARQL query's code apart from its comments, strings and IRIs."""

from __future__ import annotations

import re

__all__ = ["code"]

_OPAQUE = re.compile(
    r"""
      (?P<comment>\#[^\n\r]*)
    | (?P<literal>
          "{3}(?:"{0,2}(?:[^"\\]|\\.))*"{3}
        | '{3}(?:'{0,2}(?:[^'\\]|\\.))*'{3}
        | "(?:[^"\\\n\r]|\\.)*"
        | '(?:[^'\\\n\r]|\\.)*'
        | <[^<>"{}|^`\\\x00-\x20]*>
      )
    | \\.
    """,
    re.VERBOSE | re.DOTALL,
)
"""What is not code: comments, strings and IRIs.

Read left to right, so a ``#`` inside a string or an IRI does not start a comment, and a quote
inside a comment does not start a string. A backslash outside them is a prefixed name's escape
(``ex:a\\#b``): the character after it is taken as it is.
"""


def code(query: str) -> str:
    r"""Return ``query`` with its comments blanked out and its strings and IRIs made opaque.

    The copy is as long as the query, so a match in it is at the same place in the query. A
    comment becomes spaces (to SPARQL it is white space); a string or an IRI becomes a run of
    ``~``, which no part of a parameter block or a prefixed name can match or pass over.

    Examples:
        >>> code("VALUES (?a) { (UNDEF) } # VALUES (?b) { (UNDEF) }\n<a#b> '#' .")
        'VALUES (?a) { (UNDEF) }                          \n~~~~~ ~~~ .'
    """

    def mask(token: re.Match[str]) -> str:
        if token["comment"] is not None:
            return " " * len(token[0])
        if token["literal"] is not None:
            return "~" * len(token[0])
        return token[0]

    return _OPAQUE.sub(mask, query)
