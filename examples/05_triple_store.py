"""Push the literature to a triple store, then ask the store what you would ask at home.

Start a store that speaks the SPARQL 1.1 standards first, e.g. Oxigraph server
(``pip install oxigraph``), and give this script its address:

    oxigraph serve --location ./store --bind localhost:7878
    python examples/05_triple_store.py http://localhost:7878

The questions ask the union of the store's named graphs, which push wrote.

Credentials, if the store asks for them, come from EVIDENCE_GRAPH_STORE_TOKEN, or from
EVIDENCE_GRAPH_STORE_USER and EVIDENCE_GRAPH_STORE_PASSWORD.
"""

import sys
from pathlib import Path

import evidence_graph as eg

SOURCES = ("bpd-literature", str(Path(__file__).parent / "studies"))
QUESTIONS = [
    ("stats", {}),
    ("mapped-to", {"target": "Connectedness"}),
    ("quotes-for-theme", {"theme": "daring to belong"}),
    ("about-concept", {"concept": "mesh:D001883"}),
    ("studies-matching", {"sex": "female", "age": "25", "concept": "icd-10-cm:F60.3"}),
]


def main(server: str) -> None:
    # One named graph per source; --replace semantics, so running this twice changes nothing.
    report = eg.store.push(*SOURCES, endpoint=f"{server}/store", replace=True)
    for pushed in report.graphs:
        print(f"pushed {pushed.triples} triples to <{pushed.graph}>")

    # The same questions, asked of the store and of the files: the same rows.
    local = eg.load_graph(*SOURCES)
    with eg.store.SparqlEndpoint(f"{server}/query") as store:
        for name, parameters in QUESTIONS:
            rows = eg.store.ask(store, name, parameters)
            same = rows == eg.ask(local, name, parameters)
            print(f"{name}: {len(rows)} rows, {'as at home' if same else 'DIFFERENT'}")
        # A typo gets the suggestions it gets at home, from what the store holds.
        try:
            eg.store.ask(store, "mapped-to", {"target": "conectedness"})
        except eg.QueryError as error:
            print(f"error: {error}")


if __name__ == "__main__":
    if len(sys.argv) != 2:  # noqa: PLR2004 - the script's name and the server's address
        sys.exit(f"usage: {sys.argv[0]} SERVER (e.g. http://localhost:7878)")
    main(sys.argv[1].rstrip("/"))
