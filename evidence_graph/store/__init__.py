"""Beyond one machine: push a corpus to a triple store, and ask it the named questions.

The store is any that speaks the SPARQL 1.1 standards: the Graph Store HTTP Protocol to
receive the graphs (:func:`push`), and the SPARQL 1.1 Protocol to answer queries
(:class:`SparqlEndpoint`, :func:`ask`) — Oxigraph server, Apache Jena Fuseki, GraphDB,
Virtuoso or QLever.

Credentials come from the environment (see :class:`Credentials`) and are never shown: not in
a message, even where the store echoes them, nor in a URL shown (:func:`redact_url`).
"""

from evidence_graph.exceptions import CredentialsError, StoreError
from evidence_graph.store._credentials import (
    ENV_PASSWORD,
    ENV_TOKEN,
    ENV_USER,
    REDACTED,
    Credentials,
    redact_url,
)
from evidence_graph.store._dataset import Dataset
from evidence_graph.store._http import Client, check_endpoint
from evidence_graph.store.push import (
    DEFAULT_CHUNK,
    DEFAULT_CONNECTIONS,
    Pushed,
    PushReport,
    graph_names,
    push,
    push_graph,
)
from evidence_graph.store.remote import RemoteDirectory, SparqlEndpoint, ask

__all__ = [
    "DEFAULT_CHUNK",
    "DEFAULT_CONNECTIONS",
    "ENV_PASSWORD",
    "ENV_TOKEN",
    "ENV_USER",
    "REDACTED",
    "Client",
    "Credentials",
    "CredentialsError",
    "Dataset",
    "PushReport",
    "Pushed",
    "RemoteDirectory",
    "SparqlEndpoint",
    "StoreError",
    "ask",
    "check_endpoint",
    "graph_names",
    "push",
    "push_graph",
    "redact_url",
]
