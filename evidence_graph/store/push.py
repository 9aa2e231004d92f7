"""Pushing a corpus to a store, as the SPARQL 1.1 Graph Store HTTP Protocol says.

Each source goes to a named graph of its own: a built-in dataset to ``<base>graph/<name>``, a
study, bibliography or RDF file to ``<base>graph/<file name without its ending>``, and a file
in a folder's sub-folder to ``<base>graph/<sub-folder>/<file name>``. The sources are read and
merged together first, as every command merges them, so the corpus is checked whole before
anything is sent, and each triple goes to one graph only: that of the first source that gave
its entity. The graphs together hold the export, each triple once, and a store that answers
over all its graphs gives the answers of the corpus.

A graph is sent as N-Triples in chunks of at most ``chunk`` triples: with ``replace``, the
first chunk is ``PUT`` (the graph's old triples go) and the others ``POST`` (added); without,
every chunk is ``POST``, and the triples join those the graph holds. The triples that share
blank nodes go in one request, never sent twice. ``connections`` graphs are sent at once, each
over a connection of its own, a graph's requests one after another.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from evidence_graph.graph import EvidenceGraph
from evidence_graph.ids import check_iri
from evidence_graph.io.sources import Sources, flatten_sources, load_traced, resolve_sources
from evidence_graph.models import Corpus, Entity
from evidence_graph.rdf import nt_lines, nt_parts
from evidence_graph.store._credentials import Credentials, redact_url
from evidence_graph.store._http import Client
from evidence_graph.store._sending import DEFAULT_CHUNK, DEFAULT_CONNECTIONS, Pushed, Sender

__all__ = [
    "DEFAULT_CHUNK",
    "DEFAULT_CONNECTIONS",
    "PushReport",
    "Pushed",
    "graph_names",
    "push",
    "push_graph",
]

_NOT_IN_NAME = re.compile(r"[^\w.-]+")


@dataclass(frozen=True, slots=True)
class PushReport:
    """What a push sent, graph by graph.

    Attributes:
        endpoint: The Graph Store endpoint, as messages show it (credentials in its query string
            redacted).
        graphs: Each graph sent, in the order of the sources.
        replaced: Whether the graphs were replaced (else the triples were added).
        seconds: How long it took, reading the sources included.
    """

    endpoint: str
    graphs: tuple[Pushed, ...]
    replaced: bool
    seconds: float

    @property
    def triples(self) -> int:
        """The triples sent to every graph."""
        return sum(graph.triples for graph in self.graphs)

    @property
    def requests(self) -> int:
        """The requests that carried them."""
        return sum(graph.requests for graph in self.graphs)


def _segment(name: str, file: Path) -> str:
    """Return a name as a segment of a graph IRI: letters (of any script), digits, ``.``, ``-``.

    Examples:
        >>> _segment("Étude et al 2012", Path("x"))
        'Étude-et-al-2012'
    """
    segment = _NOT_IN_NAME.sub("-", name).strip(".-_")
    if not segment:
        raise ValueError(
            f"{file}: cannot name a graph after it (its name holds no letter or digit); "
            "push it with --graph IRI"
        )
    return segment


def graph_names(sources: Sequence[Sources], base: str) -> dict[Path, str]:
    """Return the graph IRI of each file that the sources name, as :func:`push` names graphs.

    A file that several sources name belongs to the first.

    Raises:
        ValueError: If two sources (or two files of one folder) would share a graph, naming
            both.

    Examples:
        >>> names = graph_names(["bpd-literature"], "https://example.org/")
        >>> sorted(set(names.values()))
        ['https://example.org/graph/bpd-literature']
    """
    names: dict[Path, str] = {}
    owners: dict[str, str] = {}
    for source in flatten_sources(sources, "graph_names"):
        path = Path(source)
        dataset = None if path.exists() else os.fspath(source)
        for file in resolve_sources([source]):
            if file in names:
                continue
            if dataset is not None:
                segments, owner = [dataset], f"the dataset {dataset!r}"
            else:
                folder = path.resolve() if path.is_dir() else file.parent
                parts = file.relative_to(folder).parent.parts
                segments, owner = [*parts, file.stem], str(file)
            iri = check_iri(f"{base}graph/" + "/".join(_segment(s, file) for s in segments))
            first = owners.setdefault(iri, owner)
            if first != owner:
                raise ValueError(
                    f"{first} and {owner} would both be pushed to the graph <{iri}>; push them "
                    "one at a time with --graph IRI, or rename one"
                )
            names[file] = iri
    return names


def push(
    *given: Sources,
    endpoint: str,
    graph: str | None = None,
    replace: bool = False,
    base: str | None = None,
    credentials: Credentials | None = None,
    chunk: int = DEFAULT_CHUNK,
    connections: int = DEFAULT_CONNECTIONS,
    timeout: float = 60.0,
    retries: int = 3,
    backoff: float = 0.5,
    progress: bool = False,
    strict: bool = False,
) -> PushReport:
    """Send the corpus of the sources to a SPARQL 1.1 Graph Store endpoint, a graph per source.

    Args:
        *given: What :func:`~evidence_graph.io.load` takes: sources, or lists of them.
        endpoint: The Graph Store endpoint, e.g. ``http://localhost:7878/store``.
        graph: Send everything to this one named graph, instead of a graph per source.
        replace: Replace each graph's triples (else add to them).
        base: The base of minted IRIs, as ``export --base`` takes it.
        credentials: Sent with every request; by default those of the environment (see
            :meth:`Credentials.from_env`).
        chunk: The most triples one request sends.
        connections: How many graphs are sent at once, each over a connection of its own.
        timeout: Seconds one try of a request may take, from connecting to the last byte of
            the answer.
        retries: How many times to try a failed request again (see
            :class:`~evidence_graph.store.Client`).
        backoff: The first wait before trying again, in seconds.
        progress: Draw a bar on standard error while reading and sending.
        strict: Refuse real differences between the sources, as :func:`~evidence_graph.load`
            does.

    Returns:
        What was sent, graph by graph.

    Raises:
        StoreError: If the store could not be reached, refused a request, failed or did not
            answer in time. The message says what the graph holds by then, which graphs were
            sent whole and how many were not sent. Nothing is sent when the sources are
            invalid.
        ValueError: If the endpoint, the graph, ``chunk`` or ``connections`` is not one that
            can be used, or
            two sources would share a graph.
        TypeError: If a source is neither a name, a path nor a list of them.
    """
    started = time.perf_counter()
    sources = flatten_sources(given, "push")
    sender = Sender.checked(
        endpoint, graph, replace=replace, chunk=chunk, connections=connections, progress=progress
    )
    client = _client(credentials, timeout, retries, backoff)
    traced = load_traced(*sources, base=base, progress=progress, strict=strict)
    if graph is None:
        files = graph_names(sources, traced.graph.base)
    else:
        files = dict.fromkeys(resolve_sources(sources), graph)
    origins = traced.origins

    def part(entity: Entity) -> str:
        return files[origins[entity.id]]

    extra: dict[str, list[object]] = {}
    for file, triples in traced.extra.items():
        extra.setdefault(files[file], []).extend(triples)
    parts = nt_parts(traced.graph, part, extra, progress=progress)
    graphs = {name: parts.get(name, []) for name in files.values()}
    return _report(sender, sender.send(client, graphs), started)


def push_graph(
    source: EvidenceGraph | Corpus,
    *,
    endpoint: str,
    graph: str,
    replace: bool = False,
    credentials: Credentials | None = None,
    chunk: int = DEFAULT_CHUNK,
    timeout: float = 60.0,
    retries: int = 3,
    backoff: float = 0.5,
    progress: bool = False,
) -> PushReport:
    """Send a graph (or a corpus) built in Python to one named graph of a store.

    The arguments are those of :func:`push` (one graph, its requests one after another).

    Raises:
        StoreError: As :func:`push` does.
        ValueError: If the endpoint, the graph or ``chunk`` is not one that can be used.
    """
    started = time.perf_counter()
    sender = Sender.checked(
        endpoint, graph, replace=replace, chunk=chunk, connections=1, progress=progress
    )
    client = _client(credentials, timeout, retries, backoff)
    lines, _ = nt_lines(source, progress=progress)
    return _report(sender, sender.send(client, {graph: lines}), started)


def _client(
    credentials: Credentials | None, timeout: float, retries: int, backoff: float
) -> Client:
    """Return the client of a push: the credentials given, else those of the environment."""
    chosen = Credentials.from_env() if credentials is None else credentials
    return Client(
        credentials=chosen, timeout=timeout, retries=retries, backoff=backoff, keep_alive=True
    )


def _report(sender: Sender, graphs: tuple[Pushed, ...], started: float) -> PushReport:
    """Return the report of the graphs sent, timed from ``started``."""
    seconds = time.perf_counter() - started
    return PushReport(redact_url(sender.endpoint), graphs, sender.replace, seconds)
