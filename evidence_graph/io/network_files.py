"""GraphML and GEXF documents of the evidence graph, for Gephi, Cytoscape, yEd and igraph.

Each is written as text from the plain nodes and edges of :mod:`evidence_graph.io.networks`:
nodes by IRI, edges by source, target and relation, attributes declared once and by name,
every value escaped (a carriage return and, in attributes, a tab or newline as a character
reference, so that a reader gets back exactly the text written), and no date or other stamp,
so the same corpus gives the same bytes. Both documents are valid against their formats' XML
schemas (GraphML 1.0; GEXF 1.3, the version Gephi writes).

A GraphML node's id is ``n0``, ``n1``... (the schema wants XML name tokens, which IRIs are not)
and its IRI its ``iri`` attribute; a GEXF node's id is its IRI. Edges are ``e0``, ``e1``...;
in GEXF an edge's ``kind`` is its relation, which is how Gephi keeps parallel edges apart.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from evidence_graph.graph import EvidenceGraph
from evidence_graph.io.networks import Plain, PlainEdge, PlainNode, plain_edges, plain_nodes
from evidence_graph.models import Corpus

__all__ = ["NETWORK_FORMATS", "network_document", "to_gexf", "to_graphml"]

NETWORK_FORMATS = ("graphml", "gexf")
"""The network formats of ``export``: GraphML and GEXF."""

_ATTRIBUTE = {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
_CONTENT = {"\r": "&#13;"}

_GRAPHML_ROOT = (
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
    ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">'
)
_GEXF_ROOT = (
    '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    ' xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">'
)
_DESCRIPTION = (
    "An evidence graph: studies, works, themes, quotes, claims and concepts, and the relations "
    "between them"
)

_TYPES = {bool: "boolean", int: "long", str: "string"}
"""The type each kind of value is declared as, in both formats (whole numbers 64-bit: a size
may pass 2**31)."""


def to_graphml(graph: EvidenceGraph | Corpus) -> bytes:
    """Return the graph as a GraphML document, UTF-8 encoded.

    Raises:
        NotWritableError: If a text holds a character XML 1.0 cannot hold.

    Examples:
        >>> import io, networkx as nx
        >>> from evidence_graph import load_graph
        >>> read = nx.read_graphml(io.BytesIO(to_graphml(load_graph("kverme2019"))))
        >>> read.nodes["n2"]["iri"], read.nodes["n2"]["year"]
        ('https://doi.org/10.3389/fpsyg.2019.00430', 2019)
    """
    nodes, edges = _plain_graph(graph)
    names = {node.iri: f"n{index}" for index, node in enumerate(nodes)}
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        _GRAPHML_ROOT,
    ]
    for scope, items in (("node", nodes), ("edge", edges)):
        for name, kind in _declared(items).items():
            lines.append(
                f'  <key id="{scope}_{name}" for="{scope}" attr.name="{name}"'
                f' attr.type="{_TYPES[kind]}"/>'
            )
    lines.append('  <graph id="evidence-graph" edgedefault="directed">')
    for node in nodes:
        lines.append(f'    <node id="{names[node.iri]}">')
        lines.extend(_graphml_data("node", node.attributes))
        lines.append("    </node>")
    for index, edge in enumerate(edges):
        source, target = names[edge.source], names[edge.target]
        lines.append(f'    <edge id="e{index}" source="{source}" target="{target}">')
        lines.extend(_graphml_data("edge", edge.attributes))
        lines.append("    </edge>")
    lines += ["  </graph>", "</graphml>", ""]
    return "\n".join(lines).encode()


def to_gexf(graph: EvidenceGraph | Corpus) -> bytes:
    """Return the graph as a GEXF 1.3 document, UTF-8 encoded.

    Raises:
        NotWritableError: If a text holds a character XML 1.0 cannot hold.

    Examples:
        >>> import io, networkx as nx
        >>> from evidence_graph import load_graph
        >>> read = nx.read_gexf(io.BytesIO(to_gexf(load_graph("kverme2019"))))
        >>> read.nodes["https://doi.org/10.3389/fpsyg.2019.00430"]["kind"]
        'work'
    """
    nodes, edges = _plain_graph(graph)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        _GEXF_ROOT,
        "  <meta>",
        "    <creator>evidence_graph</creator>",
        f"    <description>{_DESCRIPTION}</description>",
        "  </meta>",
        '  <graph defaultedgetype="directed" mode="static" idtype="string">',
    ]
    for scope, items in (("node", nodes), ("edge", edges)):
        declared = {
            name: kind
            for name, kind in _declared(items).items()
            if not (scope == "node" and name == "label")
        }
        lines.append(f'    <attributes class="{scope}" mode="static">')
        lines.extend(
            f'      <attribute id="{name}" title="{name}" type="{_TYPES[kind]}"/>'
            for name, kind in declared.items()
        )
        lines.append("    </attributes>")
    lines.append(f'    <nodes count="{len(nodes)}">')
    for node in nodes:
        label = _attribute(str(node.attributes["label"]))
        lines.append(f'      <node id="{_attribute(node.iri)}" label="{label}">')
        shown = {name: value for name, value in node.attributes.items() if name != "label"}
        lines.extend(_gexf_values(shown))
        lines.append("      </node>")
    lines += ["    </nodes>", f'    <edges count="{len(edges)}">']
    for index, edge in enumerate(edges):
        source, target = _attribute(edge.source), _attribute(edge.target)
        lines.append(
            f'      <edge id="e{index}" source="{source}" target="{target}"'
            f' label="{edge.relation}" kind="{edge.relation}">'
        )
        lines.extend(_gexf_values(edge.attributes))
        lines.append("      </edge>")
    lines += ["    </edges>", "  </graph>", "</gexf>", ""]
    return "\n".join(lines).encode()


def _plain_graph(graph: EvidenceGraph | Corpus) -> tuple[list[PlainNode], list[PlainEdge]]:
    """The plain nodes and edges of a graph (of a corpus made one)."""
    whole = EvidenceGraph.of(graph)
    return plain_nodes(whole), plain_edges(whole)


def network_document(graph: EvidenceGraph, format: str) -> bytes:  # noqa: A002 - as export says
    """Return the graph in one of :data:`NETWORK_FORMATS`.

    Examples:
        >>> from evidence_graph import load_graph
        >>> network_document(load_graph("kverme2019"), "gexf")[:38]
        b'<?xml version="1.0" encoding="UTF-8"?>'
    """
    if format == "graphml":
        return to_graphml(graph)
    if format == "gexf":
        return to_gexf(graph)
    raise ValueError(f"unknown network format {format!r}: expected one of {NETWORK_FORMATS}")


def _declared(items: list[PlainNode] | list[PlainEdge]) -> dict[str, type]:
    """The attributes the items hold, sorted by name, each with its type."""
    found: dict[str, type] = {}
    for item in items:
        for name, value in item.attributes.items():
            found.setdefault(name, type(value))
    return dict(sorted(found.items()))


def _graphml_data(scope: str, attributes: dict[str, Plain]) -> list[str]:
    return [
        f'      <data key="{scope}_{name}">{_text(value)}</data>'
        for name, value in sorted(attributes.items())
    ]


def _gexf_values(attributes: dict[str, Plain]) -> list[str]:
    if not attributes:
        return []
    values = [
        f'          <attvalue for="{name}" value="{_attribute(_value(value))}"/>'
        for name, value in sorted(attributes.items())
    ]
    return ["        <attvalues>", *values, "        </attvalues>"]


def _value(value: Plain) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _text(value: Plain) -> str:
    return escape(_value(value), _CONTENT)


def _attribute(value: str) -> str:
    return escape(value, _ATTRIBUTE)
