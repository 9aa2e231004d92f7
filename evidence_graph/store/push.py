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
every chunk is ``POST``, and the triples join those the graph holds.

Our exports hold no blank nodes; triples that other tools added to an RDF file read as a source
may. A blank node is one node within one request only, so the triples that share blank nodes
go in one request (a chunk of its own when they are more than ``chunk``), and such a request
is not sent again once it may have reached the store: a store would take its blank nodes
twice.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from evidence_graph.exceptions import StoreError
from evidence_graph.graph import EvidenceGraph
from evidence_graph.ids import check_iri
from evidence_graph.io.sources import Sources, flatten_sources, load_traced, resolve_sources
from evidence_graph.models import Corpus, Entity
from evidence_graph.progress import Advance, steps
from evidence_graph.rdf import nt_lines, nt_parts
from evidence_graph.store._credentials import Credentials, redact_url
from evidence_graph.store._http import Client, check_endpoint, with_query

__all__ = ["DEFAULT_CHUNK", "PushReport", "Pushed", "graph_names", "push", "push_graph"]

DEFAULT_CHUNK = 50_000
"""The most triples one request sends (about 10 MB of N-Triples for typical studies)."""

_NOT_IN_NAME = re.compile(r"[^\w.-]+")
_BLANK_SUBJECT = re.compile(r"_:(\S+) ")
_BLANK_OBJECT = re.compile(r" _:(\S+) \.$")
"""A blank node as the object of an N-Triples line: a literal ends in a quote, a language tag
or a datatype, so a line ending in `` _:x .`` has a blank node as object."""
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
        requests: The requests that carried them (a graph replaced by nothing takes one; tries
            again are not counted).
    """

    graph: str
    triples: int
    requests: int


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
            answer in time. The message says what the graph holds by then, and which graphs
            were sent before it. Nothing is sent when the sources are invalid.
        ValueError: If the endpoint, the graph or ``chunk`` is not one that can be used, or
            two sources would share a graph.
        TypeError: If a source is neither a name, a path nor a list of them.
    """
    started = time.perf_counter()
    sources = flatten_sources(given, "push")
    sender = _Sender.checked(endpoint, graph, replace, chunk, progress)
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
    client = _client(credentials, timeout, retries, backoff)
    lines, _ = nt_lines(source, progress=progress)
    return sender.send(client, {graph: lines}, started)


def _client(
    credentials: Credentials | None, timeout: float, retries: int, backoff: float
) -> Client:
    """Return the client of a push: the credentials given, else those of the environment."""
    chosen = Credentials.from_env() if credentials is None else credentials
    return Client(credentials=chosen, timeout=timeout, retries=retries, backoff=backoff)


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
        """Send each graph's lines; return the report.

        Raises:
            StoreError: Saying, beside what failed, which graphs were sent before.
        """
        sent: list[Pushed] = []
        with client, steps("pushing", sum(map(len, graphs.values())), show=self.progress) as step:
            for name, lines in graphs.items():
                try:
                    sent.append(self._graph(client, name, lines, step))
                except StoreError as error:
                    if not sent:
                        raise
                    before = ", ".join(f"<{p.graph}> ({p.triples} triples)" for p in sent)
                    raise StoreError(
                        error.url,
                        f"{error.message}; sent before it: {before}",
                        status=error.status,
                        reached=error.reached,
                    ) from None
        seconds = time.perf_counter() - started
        return PushReport(redact_url(self.endpoint), tuple(sent), self.replace, seconds)

    def _graph(self, client: Client, graph: str, lines: list[str], advance: Advance) -> Pushed:
        """Send one graph's lines, chunk by chunk; say what it holds if a request fails."""
        url = with_query(self.endpoint, "graph", graph)
        chunks = list(_chunks(lines, self.chunk)) or ([([], False)] if self.replace else [])
        done = 0
        for number, (part, blank) in enumerate(chunks, start=1):
            method = "PUT" if self.replace and number == 1 else "POST"
            try:
                client.request(
                    method,
                    url,
                    body="".join(f"{line}\n" for line in part).encode("utf-8"),
                    headers={"Content-Type": f"{_MEDIA_TYPE}; charset=utf-8"},
                    shown=self.endpoint,
                    hint=_GSP_HINT,
                    again=not blank,
                )
            except StoreError as error:
                state = _state(done, number, self.replace, error)
                where = f"request {number} of {len(chunks)} ({len(part)} triples)"
                raise StoreError(
                    error.url,
                    f"pushing <{graph}>, {where}: {error.message}; {state}",
                    status=error.status,
                    reached=error.reached,
                ) from None
            done += len(part)
            advance(len(part))
        return Pushed(graph, len(lines), len(chunks))


def _blank_nodes(line: str) -> list[str]:
    """Return the blank nodes an N-Triples line names, as subject or object."""
    found = []
    if line.startswith("_:") and (subject := _BLANK_SUBJECT.match(line)):
        found.append(subject[1])
    if (obj := _BLANK_OBJECT.search(line)) is not None:
        found.append(obj[1])
    return found


def _chunks(lines: list[str], size: int) -> Iterator[tuple[list[str], bool]]:
    """Yield the lines in chunks of at most ``size``, and whether each names blank nodes.

    The lines that share blank nodes (directly or through others) stay in one chunk, which is
    larger than ``size`` only when they are more.

    Examples:
        >>> lines = ["<a> <p> _:b .", "<a> <p> <c> .", '<a> <p> " _:x ." .', "_:b <p> _:c ."]
        >>> for chunk in _chunks(lines, 2):
        ...     print(chunk)
        (['<a> <p> <c> .', '<a> <p> " _:x ." .'], False)
        (['<a> <p> _:b .', '_:b <p> _:c .'], True)
    """
    named: list[str] = []
    groups: dict[str, list[str]] = {}  # a blank node's group, by the node that heads it
    heads: dict[str, str] = {}

    def head(node: str) -> str:
        while heads.setdefault(node, node) != node:
            node = heads[node]
        return node

    for line in lines:
        nodes = _blank_nodes(line) if "_:" in line else []
        if not nodes:
            named.append(line)
            continue
        roots = {head(node) for node in nodes}
        root = min(roots)
        group = groups.setdefault(root, [])
        for other in roots - {root}:
            heads[other] = root
            group.extend(groups.pop(other, []))
        group.append(line)
    for start in range(0, len(named), size):
        yield named[start : start + size], False
    chunk: list[str] = []
    for group in groups.values():
        if chunk and len(chunk) + len(group) > size:
            yield chunk, True
            chunk = []
        chunk.extend(group)
    if chunk:
        yield chunk, True


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
