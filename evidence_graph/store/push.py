"""Pushing a corpus to a store, as the SPARQL 1.1 Graph Store HTTP Protocol says.

Each source goes to a named graph of its own: a built-in dataset to ``<base>graph/<name>``, a
study, bibliography or RDF file (alone or in a folder) to ``<base>graph/<file name without its
ending>``. The sources are read and merged together first, as every command merges them, so
the corpus is checked whole before anything is sent, and each triple goes to one graph only:
that of the first source that gave its entity. The graphs together hold the export, each
triple once, and a store that answers over all its graphs gives the answers of the corpus.

A graph is sent as N-Triples in chunks of at most ``chunk`` triples: with ``replace``, the
first chunk is ``PUT`` (the graph's old triples go) and the others ``POST`` (added); without,
every chunk is ``POST``, and the triples join those the graph holds.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from evidence_graph.exceptions import StoreError
from evidence_graph.graph import EvidenceGraph
from evidence_graph.ids import check_iri, check_slug
from evidence_graph.io.sources import Source, load_traced, resolve_sources
from evidence_graph.models import Corpus, Entity
from evidence_graph.progress import Advance, steps
from evidence_graph.rdf.export import nt_lines, nt_parts
from evidence_graph.store._http import Client, Credentials, check_endpoint

__all__ = ["DEFAULT_CHUNK", "PushReport", "Pushed", "graph_names", "push", "push_graph"]

DEFAULT_CHUNK = 50_000
"""The most triples one request sends (about 10 MB of N-Triples for typical studies)."""

_NOT_IN_SLUG = re.compile(r"[^A-Za-z0-9._-]+")
_BLANK = re.compile(r"^_:|\s_:\S+ \.$")
"""An N-Triples line whose subject or object is a blank node (a literal ends in a quote, a
language tag or a datatype, so a line ending in `` _:x .`` has a blank node as object)."""
_MEDIA_TYPE = "application/n-triples"
_GSP_HINT = (
    "expected the store's Graph Store endpoint, e.g. http://localhost:7878/store for Oxigraph "
    "or http://localhost:3030/DATASET/data for Fuseki"
)


@dataclass(frozen=True, slots=True)
class Pushed:
    """What one named graph was sent.

    Attributes:
        graph: The graph's IRI.
        triples: The triples sent.
        requests: The requests that sent them.
    """

    graph: str
    triples: int
    requests: int


@dataclass(frozen=True, slots=True)
class PushReport:
    """What a push sent, graph by graph.

    Attributes:
        endpoint: The Graph Store endpoint.
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


def _slug(name: str) -> str:
    """Return a file's name as a graph IRI's last segment: letters, digits, ``.``, ``_``, ``-``.

    Examples:
        >>> _slug("Katsakou et al 2012")
        'Katsakou-et-al-2012'
    """
    slug = _NOT_IN_SLUG.sub("-", name).strip("._-")[:128].strip("._-")
    return check_slug(slug or "source")


def graph_names(sources: Sequence[Source], base: str) -> dict[Path, str]:
    """Return the graph IRI of each file that the sources name, as :func:`push` names graphs.

    A file that several sources name belongs to the first.

    Examples:
        >>> names = graph_names(["bpd-literature"], "https://example.org/")
        >>> sorted(set(names.values()))
        ['https://example.org/graph/bpd-literature']
    """
    names: dict[Path, str] = {}
    for source in sources:
        path = Path(source)
        dataset = None if path.exists() else os.fspath(source)
        for file in resolve_sources([source]):
            slug = check_slug(dataset) if dataset is not None else _slug(file.stem)
            names.setdefault(file, f"{base}graph/{slug}")
    return names


def push(
    *sources: Source,
    endpoint: str,
    graph: str | None = None,
    replace: bool = False,
    base: str | None = None,
    credentials: Credentials | None = None,
    chunk: int = DEFAULT_CHUNK,
    timeout: float = 60.0,
    retries: int = 3,
    backoff: float = 0.5,
    progress: bool = False,
) -> PushReport:
    """Send the corpus of the sources to a SPARQL 1.1 Graph Store endpoint, a graph per source.

    Args:
        *sources: What :func:`~evidence_graph.io.load` takes.
        endpoint: The Graph Store endpoint, e.g. ``http://localhost:7878/store``.
        graph: Send everything to this one named graph, instead of a graph per source.
        replace: Replace each graph's triples (else add to them).
        base: The base of minted IRIs, as ``export --base`` takes it.
        credentials: Sent with every request; by default those of the environment (see
            :meth:`Credentials.from_env`).
        chunk: The most triples one request sends.
        timeout: Seconds to wait for the store, per connection and per read.
        retries: How many times to try a failed request again (see
            :class:`~evidence_graph.store.Client`).
        backoff: The first wait before trying again, in seconds.
        progress: Draw a bar on standard error while reading and sending.

    Returns:
        What was sent, graph by graph.

    Raises:
        StoreError: If the store could not be reached, refused a request, failed or did not
            answer in time. The message says what the graph holds by then. Nothing is sent
            when the sources are invalid.
        ValueError: If the endpoint, the graph or ``chunk`` is not one that can be used.
    """
    started = time.perf_counter()
    sender = _Sender.checked(endpoint, graph, replace, chunk, progress)
    chosen = Credentials.from_env() if credentials is None else credentials
    client = Client(credentials=chosen, timeout=timeout, retries=retries, backoff=backoff)
    traced = load_traced(*sources, base=base, progress=progress)
    files = graph_names(sources, traced.graph.base)
    if graph is not None:
        files = dict.fromkeys(files, graph)
    origins = traced.origins

    def part(entity: Entity) -> str:
        return files[origins[entity.id]]

    extra: dict[str, list[object]] = {}
    for file, triples in traced.extra.items():
        extra.setdefault(files[file], []).extend(triples)
    parts = nt_parts(traced.graph, part, extra, progress=progress)
    graphs = {name: parts.get(name, []) for name in files.values()}
    return sender.send(client, graphs, started)


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

    The arguments are those of :func:`push`.

    Raises:
        StoreError: As :func:`push` does.
        ValueError: If the endpoint, the graph or ``chunk`` is not one that can be used.
    """
    started = time.perf_counter()
    sender = _Sender.checked(endpoint, graph, replace, chunk, progress)
    chosen = Credentials.from_env() if credentials is None else credentials
    client = Client(credentials=chosen, timeout=timeout, retries=retries, backoff=backoff)
    lines, _ = nt_lines(source, progress=progress)
    return sender.send(client, {graph: lines}, started)


@dataclass(frozen=True, slots=True)
class _Sender:
    """How a push sends its graphs."""

    endpoint: str
    replace: bool
    chunk: int
    progress: bool

    @classmethod
    def checked(
        cls, endpoint: str, graph: str | None, replace: bool, chunk: int, progress: bool
    ) -> _Sender:
        check_endpoint(endpoint)
        if graph is not None:
            try:
                check_iri(graph)
            except ValueError as error:
                raise ValueError(f"graph: {error}") from None
        if chunk < 1:
            raise ValueError(f"chunk: {chunk!r}: expected 1 or more triples")
        return cls(endpoint, replace, chunk, progress)

    def send(self, client: Client, graphs: dict[str, list[str]], started: float) -> PushReport:
        """Send each graph's lines; return the report."""
        sent: list[Pushed] = []
        try:
            total = sum(map(len, graphs.values()))
            with steps("pushing", total, show=self.progress) as advance:
                for name, lines in graphs.items():
                    sent.append(self._graph(client, name, lines, advance))
        finally:
            client.close()
        seconds = time.perf_counter() - started
        return PushReport(self.endpoint, tuple(sent), self.replace, seconds)

    def _graph(self, client: Client, graph: str, lines: list[str], advance: Advance) -> Pushed:
        """Send one graph's lines, chunk by chunk; say what it holds if a request fails."""
        endpoint = self.endpoint
        url = f"{endpoint}{'&' if '?' in endpoint else '?'}graph={quote(graph, safe='')}"
        chunks = list(_chunks(lines, self.chunk)) or ([[]] if self.replace else [])
        done = 0
        for number, part in enumerate(chunks, start=1):
            method = "PUT" if self.replace and number == 1 else "POST"
            body = "".join(f"{line}\n" for line in part).encode("utf-8")
            try:
                client.request(
                    method,
                    url,
                    body=body,
                    headers={"Content-Type": f"{_MEDIA_TYPE}; charset=utf-8"},
                    shown=endpoint,
                    hint=_GSP_HINT,
                )
            except StoreError as error:
                what = str(error).removeprefix(error.url + ": ")
                state = _state(done, number, self.replace, error)
                where = f"request {number} of {len(chunks)} ({len(part)} triples)"
                message = f"pushing <{graph}>, {where}: {what}; {state}"
                raise StoreError(
                    error.url, message, status=error.status, reached=error.reached
                ) from None
            done += len(part)
            advance(len(part))
        return Pushed(graph, len(lines), len(chunks))


def _chunks(lines: list[str], size: int) -> Iterator[list[str]]:
    """Yield the lines in chunks of at most ``size``, the lines with blank nodes in the last.

    A blank node is one node only within one request, so the lines that name any go together.

    Examples:
        >>> lines = ["<a> <p> _:b .", "<a> <p> <c> .", '<a> <p> " _:x ." .', "<a> <p> <d> ."]
        >>> list(_chunks(lines, 2))
        [['<a> <p> <c> .', '<a> <p> " _:x ." .'], ['<a> <p> <d> .'], ['<a> <p> _:b .']]
    """
    named = [line for line in lines if "_:" not in line or not _BLANK.search(line)]
    blank = [line for line in lines if "_:" in line and _BLANK.search(line)]
    for start in range(0, len(named), size):
        yield named[start : start + size]
    if blank:
        yield blank


def _state(done: int, number: int, replace: bool, error: StoreError) -> str:
    """Say what a graph holds after request ``number`` failed."""
    refused = error.status is not None and error.status < 500  # noqa: PLR2004 - 5xx: the store's fault
    if number == 1:
        if refused or not error.reached:
            return "the graph was not changed"
        return "the store did not say whether it took the triples; push again to be sure"
    if replace:
        return (
            f"the graph holds the {done} triples sent before it, not the whole corpus; push "
            "again with --replace to replace it whole"
        )
    return f"the {done} triples sent before were added; pushing again adds the rest"
