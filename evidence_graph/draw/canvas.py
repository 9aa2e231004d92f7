"""The Graphviz graph every drawing starts from: its look, its title, and its nodes' names.

Nodes are named ``n1``, ``n2`` … in the order a drawing first names them (each drawing names
them in an order of its own data, never of the order the sources were loaded in), so the
source, and so the picture, is the same for the same graph. The IRI of each entity goes in
its tooltip (the ``<title>`` of its SVG element), and a DOI becomes a link.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from evidence_graph.draw.drawing import Drawing
from evidence_graph.draw.labels import FONT, INK, cell, plain, table

__all__ = ["Canvas", "doi_url"]


def doi_url(doi: str | None) -> str | None:
    """Return the address a DOI resolves at, or ``None`` for none.

    Examples:
        >>> doi_url("10.3389/fpsyg.2019.00430")
        'https://doi.org/10.3389/fpsyg.2019.00430'
    """
    return None if doi is None else f"https://doi.org/{doi}"


class Canvas:
    """A drawing being made: a Graphviz ``Digraph`` with the project's look and a title."""

    def __init__(self, name: str, title: str, *, rankdir: str = "TB", **attributes: str) -> None:
        self.name = name
        self.title = title
        self._names: dict[str, str] = {}
        self._edges: set[tuple[str, str]] = set()
        import graphviz  # noqa: PLC0415 - imported when a drawing is made, not at start-up

        self.dot = graphviz.Digraph(
            name,
            graph_attr={
                "label": table([[cell(title, width=90, bold=True, size=16)]]),
                "labelloc": "t",
                "labeljust": "l",
                "fontname": FONT,
                "rankdir": rankdir,
                "nodesep": "0.3",
                "ranksep": "0.5",
                "pad": "0.3",
                "bgcolor": "white",
                "ordering": "out",
                "newrank": "true",
                **attributes,
            },
            node_attr={
                "shape": "box",
                "style": "rounded,filled",
                "fillcolor": "white",
                "color": INK,
                "fontname": FONT,
                "fontsize": "11",
                "fontcolor": INK,
                "margin": "0.08,0.04",
            },
            edge_attr={
                "color": INK,
                "fontname": FONT,
                "fontsize": "9",
                "fontcolor": INK,
                "arrowsize": "0.7",
            },
        )
        self._graph = self.dot

    def name_of(self, key: str) -> str:
        """Return the node name of ``key`` (an IRI), giving it the next one on first use."""
        found = self._names.get(key)
        if found is None:
            found = self._names[key] = f"n{len(self._names) + 1}"
        return found

    def has(self, key: str) -> bool:
        """Whether a node of ``key`` has been drawn."""
        return key in self._names

    def node(
        self,
        key: str,
        label: str,
        *,
        kind: str,
        url: str | None = None,
        **attributes: str,
    ) -> str:
        """Draw the node of ``key`` (an IRI) with an HTML-like ``label``; return its name.

        ``kind`` becomes the SVG element's class (``theme``, ``quote`` …).
        """
        name = self.name_of(key)
        extra = dict(attributes)
        if url is not None:
            extra["URL"] = plain(url)
            extra["target"] = "_top"
        self._graph.node(name, label=label, tooltip=plain(key), **{"class": kind}, **extra)
        return name

    def joined(self, tail: str, head: str) -> bool:
        """Whether an edge from ``tail`` to ``head`` (keys) has been drawn."""
        return (tail, head) in self._edges

    def edge(self, tail: str, head: str, label: str | None = None, **attributes: str) -> None:
        """Draw an edge between two keys' nodes, with an HTML-like ``label`` if given."""
        self._edges.add((tail, head))
        extra = dict(attributes)
        if label is not None:
            extra["label"] = label
        self._graph.edge(self.name_of(tail), self.name_of(head), **extra)

    @contextmanager
    def cluster(self, key: str, label: str, **attributes: str) -> Iterator[None]:
        """Draw what the block draws inside a box of its own, titled ``label``."""
        look = {"label": label, "labeljust": "l", "style": "rounded", "color": INK}
        with self._inside(f"cluster_{self.name_of(key)}", {**look, **attributes}):
            yield

    @contextmanager
    def rank(self, rank: str = "same") -> Iterator[None]:
        """Keep the nodes the block draws on one rank (a row, or a column left to right)."""
        with self._inside(None, {"rank": rank}):
            yield

    @contextmanager
    def _inside(self, name: str | None, attributes: Mapping[str, str]) -> Iterator[None]:
        """Draw what the block draws into a subgraph of the one being drawn."""
        outer = self._graph
        with outer.subgraph(name=name) as inner:
            inner.attr(**attributes)
            self._graph = inner
            try:
                yield
            finally:
                self._graph = outer

    def attributes(self, values: Mapping[str, str]) -> None:
        """Set attributes of the graph being drawn (the cluster, inside a cluster)."""
        self._graph.attr(**values)

    def drawing(self) -> Drawing:
        """Return the finished drawing."""
        return Drawing(self.name, self.title, self.dot.source)
