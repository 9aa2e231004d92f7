"""Sending graphs to a Graph Store endpoint: chunks of N-Triples, over a few connections at once.

A graph is sent as N-Triples in chunks of at most ``chunk`` triples: with ``replace``, the
first chunk is ``PUT`` (the graph's old triples go) and the others ``POST`` (added); without,
every chunk is ``POST``, and the triples join those the graph holds. A graph's requests go one
after another, in order; ``connections`` graphs are sent at once, each over a connection of
its own, so that a store that takes each request as a transaction of its own works on several
while the next is sent.

Our exports hold no blank nodes; triples that other tools added to an RDF file read as a source
may. A blank node is one node within one request only, so the triples that share blank nodes
go in one request (a chunk of its own when they are more than ``chunk``), and such a request
is not sent again once it may have reached the store: a store would take its blank nodes
twice.

When a request fails, no graph is started after it; the graphs being sent on the other
connections are sent to their end, and the error says what each graph that failed holds, which
graphs were sent whole and how many were not sent.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from queue import Empty, SimpleQueue

from evidence_graph.exceptions import StoreError
from evidence_graph.ids import check_iri
from evidence_graph.progress import Advance, steps
from evidence_graph.store._http import Client, check_endpoint, with_query

__all__ = ["DEFAULT_CHUNK", "DEFAULT_CONNECTIONS", "Pushed", "Sender", "chunks"]

DEFAULT_CHUNK = 10_000
"""The most triples one request sends (about 1.5 MB of N-Triples for typical studies).

Oxigraph takes a request as one transaction, which costs it more per triple as it grows: at
100k triples, chunks of 1,000 to 20,000 triples cost its server about the same, 50,000 a third
more, and one request of them all twice as much."""
DEFAULT_CONNECTIONS = 2
"""The graphs sent at once, each over a connection of its own."""

_BLANK_SUBJECT = re.compile(r"_:(\S+) ")
_BLANK_OBJECT = re.compile(r" _:(\S+) \.$")
"""A blank node as the object of an N-Triples line: a literal ends in a quote, a language tag
or a datatype, so a line ending in `` _:x .`` has a blank node as object."""
_MEDIA_TYPE = "application/n-triples"
_GSP_HINT = (
    "expected the store's Graph Store endpoint, e.g. http://localhost:7878/store for Oxigraph "
    "or http://localhost:3030/DATASET/data for Fuseki"
)
_LISTED = 5
"""The graphs sent whole that a message names; the others are counted."""


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
class Sender:
    """How a push sends its graphs.

    Attributes:
        endpoint: The Graph Store endpoint.
        replace: Whether each graph's first request replaces its triples.
        chunk: The most triples one request sends.
        connections: The graphs sent at once.
        progress: Whether a bar is drawn on standard error.
    """

    endpoint: str
    replace: bool
    chunk: int
    connections: int
    progress: bool

    @classmethod
    def checked(
        cls,
        endpoint: str,
        graph: str | None,
        *,
        replace: bool,
        chunk: int,
        connections: int,
        progress: bool,
    ) -> Sender:
        """Return the sender, once its endpoint, graph, chunk and connections are checked.

        Raises:
            ValueError: Naming the option that cannot be used, and what was expected.
        """
        check_endpoint(endpoint)
        if graph is not None:
            try:
                check_iri(graph)
            except ValueError as error:
                raise ValueError(f"graph: {error}") from None
        if chunk < 1:
            raise ValueError(f"chunk: {chunk!r}: expected 1 or more triples")
        if connections < 1:
            raise ValueError(f"connections: {connections!r}: expected 1 or more")
        return cls(endpoint, replace, chunk, connections, progress)

    def send(self, client: Client, graphs: Mapping[str, list[str]]) -> tuple[Pushed, ...]:
        """Send each graph's lines, ``connections`` graphs at once; return them in order.

        Raises:
            StoreError: Saying, beside what failed, which graphs were sent whole.
        """
        pending: SimpleQueue[str] = SimpleQueue()
        for name in graphs:
            pending.put(name)
        outcomes: dict[str, Pushed | Exception] = {}
        stop, interrupted = threading.Event(), threading.Event()
        with client, steps("pushing", sum(map(len, graphs.values())), show=self.progress) as step:
            advance = _locked(step)

            def work() -> None:
                while not stop.is_set():
                    try:
                        name = pending.get_nowait()
                    except Empty:
                        return
                    try:
                        outcomes[name] = self._graph(
                            client, name, graphs[name], advance, interrupted
                        )
                    except Exception as error:  # raised again once all stop
                        outcomes[name] = error
                        stop.set()

            others = [
                threading.Thread(target=work, name=f"push-{number}", daemon=True)
                for number in range(1, min(self.connections, len(graphs)))
            ]
            for thread in others:
                thread.start()
            try:
                work()
            except BaseException:  # Ctrl-C, say: the others stop after the request under way
                interrupted.set()
                raise
            finally:
                stop.set()
                for thread in others:
                    thread.join()
        return _outcome(graphs, outcomes)

    def _graph(
        self,
        client: Client,
        graph: str,
        lines: list[str],
        advance: Advance,
        interrupted: threading.Event,
    ) -> Pushed:
        """Send one graph's lines, chunk by chunk; say what it holds if a request fails.

        Stops before the next request once the push is interrupted (Ctrl-C in another thread).
        """
        url = with_query(self.endpoint, "graph", graph)
        parts = list(chunks(lines, self.chunk)) or ([([], False)] if self.replace else [])
        done = 0
        for number, (part, blank) in enumerate(parts, start=1):
            if interrupted.is_set():
                raise _Interrupted(graph)
            method = "PUT" if self.replace and number == 1 else "POST"
            try:
                client.request(
                    method,
                    url,
                    body=_body(part),
                    headers={"Content-Type": f"{_MEDIA_TYPE}; charset=utf-8"},
                    shown=self.endpoint,
                    hint=_GSP_HINT,
                    again=not blank,
                )
            except StoreError as error:
                state = _state(done, number, self.replace, error)
                where = f"request {number} of {len(parts)} ({len(part)} triples)"
                raise StoreError(
                    error.url,
                    f"pushing <{graph}>, {where}: {error.message}; {state}",
                    status=error.status,
                    reached=error.reached,
                ) from None
            done += len(part)
            advance(len(part))
        return Pushed(graph, len(lines), len(parts))


class _Interrupted(Exception):  # noqa: N818 - a signal between threads, never shown
    """The push was interrupted while this graph was being sent; it is not sent whole."""


def _locked(advance: Advance) -> Advance:
    """Return ``advance``, called by one thread at a time."""
    lock = threading.Lock()

    def locked(count: int) -> None:
        with lock:
            advance(count)

    return locked


def _body(lines: list[str]) -> bytes:
    r"""Return the N-Triples document of the lines, each ended by a line break.

    Examples:
        >>> _body(["<a> <p> <b> .", '<a> <p> "é" .'])
        b'<a> <p> <b> .\n<a> <p> "\xc3\xa9" .\n'
        >>> _body([])
        b''
    """
    return "".join(("\n".join(lines), "\n")).encode("utf-8") if lines else b""


def _outcome(
    graphs: Mapping[str, list[str]], outcomes: Mapping[str, Pushed | Exception]
) -> tuple[Pushed, ...]:
    """Return the graphs sent, in order; or raise the first failure, saying what was sent."""
    sent = [outcome for name in graphs if isinstance(outcome := outcomes.get(name), Pushed)]
    failed = [error for name in graphs if isinstance(error := outcomes.get(name), Exception)]
    if not failed:
        return tuple(sent)
    for error in failed:
        if not isinstance(error, StoreError):
            raise error
    first, *others = (error for error in failed if isinstance(error, StoreError))
    said = [first.message, *(error.message for error in others)]
    if sent:
        named = ", ".join(
            f"<{pushed.graph}> ({pushed.triples} triples)" for pushed in sent[:_LISTED]
        )
        more = len(sent) - _LISTED
        said.append(f"sent whole: {named}{f' and {more} more graphs' if more > 0 else ''}")
    if unsent := len(graphs) - len(outcomes):
        said.append(f"not sent: {unsent} graph{'' if unsent == 1 else 's'}")
    raise StoreError(first.url, "; ".join(said), status=first.status, reached=first.reached)


def _blank_nodes(line: str) -> list[str]:
    """Return the blank nodes an N-Triples line names, as subject or object."""
    found = []
    if line.startswith("_:") and (subject := _BLANK_SUBJECT.match(line)):
        found.append(subject[1])
    if (obj := _BLANK_OBJECT.search(line)) is not None:
        found.append(obj[1])
    return found


def chunks(lines: list[str], size: int) -> Iterator[tuple[list[str], bool]]:
    """Yield the lines in chunks of at most ``size``, and whether each names blank nodes.

    The lines that share blank nodes (directly or through others) stay in one chunk, which is
    larger than ``size`` only when they are more.

    Examples:
        >>> lines = ["<a> <p> _:b .", "<a> <p> <c> .", '<a> <p> " _:x ." .', "_:b <p> _:c ."]
        >>> for chunk in chunks(lines, 2):
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
