"""Which graphs of a store a query asks: those named, its default graph, or all named ones.

:func:`~evidence_graph.store.push` writes named graphs only, and a store's default graph is
not their union unless the store is set up so (Oxigraph's ``--union-default-graph``). So a
query asks, unless told otherwise, the union of the store's named graphs: they are sent as
the SPARQL 1.1 Protocol's ``default-graph-uri`` values, and as its ``named-graph-uri`` values
too, so that ``GRAPH ?g`` finds them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from evidence_graph.sparql.syntax import code

__all__ = ["DEFAULT_HOLDS", "NAMED_GRAPHS", "Dataset", "listed", "names_its_graphs"]

NAMED_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"
"""Lists the named graphs of a store."""
DEFAULT_HOLDS = "ASK { ?s ?p ?o }"
"""Whether the default graph asked holds a triple."""

_FROM = re.compile(r"(?<![\w:?$.-])FROM(?![\w:.-])", re.IGNORECASE)
"""The keyword of a dataset clause, ``FROM`` or ``FROM NAMED`` (not a name or variable)."""
_LISTED = 5
"""The graphs a message names; the others are counted."""


def names_its_graphs(query: str) -> bool:
    """Return whether a query names the graphs it asks, with ``FROM`` or ``FROM NAMED``.

    Examples:
        >>> names_its_graphs("SELECT * FROM <https://example.org/g> WHERE { ?s ?p ?o }")
        True
        >>> names_its_graphs("SELECT ?from WHERE { ?from ex:from '# FROM <g>' }")
        False
    """
    return _FROM.search(code(query)) is not None


def listed(graphs: tuple[str, ...]) -> str:
    """Return the graphs as a message names them: a few, and how many more.

    Examples:
        >>> listed(("https://example.org/a", "https://example.org/b"))
        '<https://example.org/a>, <https://example.org/b>'
        >>> listed(tuple(f"urn:g{n}" for n in range(7)))
        '<urn:g0>, <urn:g1>, <urn:g2>, <urn:g3>, <urn:g4> and 2 more'
    """
    shown = ", ".join(f"<{graph}>" for graph in graphs[:_LISTED])
    more = len(graphs) - _LISTED
    return f"{shown} and {more} more" if more > 0 else shown


@dataclass(frozen=True, slots=True)
class Dataset:
    """The graphs a query asks of a store.

    Attributes:
        graphs: The named graphs whose union is the query's default graph; none for the
            store's own default graph.
        named: Whether they are the query's named graphs too: the union of the store's named
            graphs, found by asking it.
        own: Whether the query names its graphs itself (``FROM``), so none are sent.
        why: Why the store's own default graph is asked, when it is.

    Examples:
        >>> print(Dataset(("https://example.org/a",), named=True))
        the union of the store's 1 named graph: <https://example.org/a>
        >>> print(Dataset(why="the store holds no named graph"))
        the store's default graph (the store holds no named graph)
    """

    graphs: tuple[str, ...] = ()
    named: bool = False
    own: bool = False
    why: str = ""

    def fields(self) -> dict[str, str | list[str]]:
        """Return the protocol's fields that ask these graphs."""
        fields: dict[str, str | list[str]] = {}
        if self.graphs:
            fields["default-graph-uri"] = list(self.graphs)
        if self.named:
            fields["named-graph-uri"] = list(self.graphs)
        return fields

    def __str__(self) -> str:
        count = len(self.graphs)
        if self.own:
            return "the graphs the query names (FROM)"
        if self.named:
            plural = "" if count == 1 else "s"
            return f"the union of the store's {count} named graph{plural}: {listed(self.graphs)}"
        if self.graphs:
            return f"the named graph{'' if count == 1 else 's'} {listed(self.graphs)}"
        return f"the store's default graph{f' ({self.why})' if self.why else ''}"
