"""Quick start: load the Kverme et al. (2019) study, walk its evidence graph, export Turtle.

Run it with ``python examples/01_quickstart.py [OUTPUT.ttl]``; without an argument the Turtle
goes to a temporary folder.
"""

import sys
import tempfile
from pathlib import Path

import networkx as nx

import evidence_graph as eg

# 1. Load the built-in dataset: a corpus of validated, frozen models.
corpus = eg.load("kverme2019")

# 2. Build the evidence graph: a networkx MultiDiGraph whose nodes are IRIs.
graph = eg.EvidenceGraph.from_corpus(corpus)
paper = graph.get("kverme2019-paper", eg.Work)
print(f"{paper.title}\n  doi:{paper.doi}, {len(corpus.quotes)} participant quotes\n")
for top in graph.top_themes("kverme2019"):
    print(f"{top.label} ({'; '.join(top.facets)})")
    for theme in graph.subthemes(top):
        for quote in graph.quotes(theme):
            print(f"  {theme.number}. {theme.label} [{quote.role.value}]: “{quote.text[:50]}…”")

# 3. Any networkx algorithm runs on graph.graph: how does a quote reach the BPD concept?
path = nx.shortest_path(graph.graph, graph.iri("little-steps"), graph.iri("bpd"))
print("\npath:", " -> ".join(graph.get(node).id for node in path))

# 4. Export standard linked data, byte-identical for the same input.
target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp()) / "kverme2019.ttl"
eg.write_atomic(target, eg.serialize(graph, "turtle"))
print(f"wrote {len(eg.to_rdf(graph))} triples to {target}")
