"""How a push sends its graphs: several at once, over connections kept open between requests."""

from __future__ import annotations

import _thread
import http.server
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from helpers import Server, serving

from evidence_graph import load_graph
from evidence_graph.cli import main
from evidence_graph.exceptions import StoreError
from evidence_graph.rdf import serialize
from evidence_graph.store import push

STUDIES = Path(__file__).parents[1] / "examples/studies"
SOURCES = ("bpd-literature", str(STUDIES / "katsakou2012.yaml"), str(STUDIES / "ng2019.yaml"))
GRAPH = "https://w3id.org/evidence-graph/data/graph/"


@dataclass
class Keeping:
    """An HTTP/1.1 server that keeps connections open; it fails every request to the graphs
    of ``failing`` (400), and drops, unanswered, the ``drop``-th request of each connection."""

    failing: set[str] = field(default_factory=set)
    drop: int = 0
    requests: list[tuple[int, str, str, int]] = field(default_factory=list)
    """Each request answered: its connection, method, graph and triples."""
    dropped: int = 0
    meet: threading.Barrier | None = None
    """If set, the first requests wait for one another there before any is answered."""
    alone: bool = False
    """Whether a request waited there in vain."""
    delay: float = 0.0
    """Seconds each request waits before it is answered."""
    url: str = ""


@pytest.fixture
def keeping() -> Iterator[Keeping]:
    script = Keeping()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            super().setup()
            self.served = 0

        def do_PUT(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.served += 1
            if self.served == script.drop:
                script.dropped += 1
                self.close_connection = True
                return
            if (meet := script.meet) is not None:
                try:
                    meet.wait()
                except threading.BrokenBarrierError:
                    script.alone = True
                script.meet = None
            time.sleep(script.delay)
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
            graph = query["graph"][0]
            status = 400 if graph in script.failing else 204
            if status == 204:
                triples = body.count(b"\n")
                script.requests.append((self.client_address[1], self.command, graph, triples))
            text = b"" if status == 204 else b"refused"
            self.send_response(status)
            self.send_header("Content-Length", str(len(text)))
            self.end_headers()
            self.wfile.write(text)

        do_POST = do_PUT  # noqa: N815 - http.server's names

        def log_message(self, format: str, *args: object) -> None:  # noqa: ARG002
            return

    with serving(Handler) as url:
        script.url = f"{url}/store"
        yield script


def test_the_requests_of_a_push_share_the_connections_the_store_keeps_open(
    keeping: Keeping,
) -> None:
    report = push("kverme2019", endpoint=keeping.url, chunk=50, replace=True)
    assert report.requests == 7
    assert len({connection for connection, *_ in keeping.requests}) == 1
    assert [method for _, method, _, _ in keeping.requests] == ["PUT"] + ["POST"] * 6


def test_a_connection_the_store_dropped_is_not_a_try(keeping: Keeping) -> None:
    keeping.drop = 3  # each connection serves two requests, then drops the third
    report = push("kverme2019", endpoint=keeping.url, chunk=50, replace=True, retries=0)
    assert report.triples == sum(triples for *_, triples in keeping.requests) == 346
    assert [method for _, method, _, _ in keeping.requests] == ["PUT"] + ["POST"] * 6
    assert len({connection for connection, *_ in keeping.requests}) == 4


def test_triples_with_blank_nodes_go_on_a_new_connection(keeping: Keeping, tmp_path: Path) -> None:
    exported = tmp_path / "notes.ttl"
    notes = '_:n <https://example.org/says> "note" ; <https://example.org/next> _:m .\n'
    exported.write_text(serialize(load_graph("kverme2019"), "turtle") + notes, encoding="utf-8")
    keeping.drop = 2  # a request sent on a kept connection would be dropped
    report = push(str(exported), endpoint=keeping.url, chunk=400, retries=0)
    assert report.requests == 2
    assert [triples for *_, triples in keeping.requests] == [346, 2]
    assert keeping.dropped == 0


def test_graphs_go_several_at_once_and_each_whole(keeping: Keeping) -> None:
    keeping.meet = threading.Barrier(2, timeout=10)  # two requests under way at once
    report = push(*SOURCES, endpoint=keeping.url, chunk=40, replace=True, connections=3)
    assert [pushed.graph for pushed in report.graphs] == [
        f"{GRAPH}bpd-literature",
        f"{GRAPH}katsakou2012",
        f"{GRAPH}ng2019",
    ]
    for pushed in report.graphs:
        sent = [(method, n) for _, method, graph, n in keeping.requests if graph == pushed.graph]
        assert sum(n for _, n in sent) == pushed.triples
        assert len(sent) == pushed.requests
        assert [method for method, _ in sent] == ["PUT"] + ["POST"] * (pushed.requests - 1)
    assert not keeping.alone


def test_a_failed_graph_stops_the_push_and_says_what_was_sent(
    keeping: Keeping, capsys: pytest.CaptureFixture[str]
) -> None:
    keeping.failing = {f"{GRAPH}katsakou2012"}
    args = ["push", *SOURCES, "--endpoint", keeping.url, "--replace", "--connections", "1"]
    assert main(args) == 3
    out, err = capsys.readouterr()
    assert out == ""
    said = " ".join(err.split())
    assert f"pushing <{GRAPH}katsakou2012>, request 1 of 1" in said
    assert "answered 400 Bad Request: refused" in said
    assert "the graph was not changed" in said
    assert f"sent whole: <{GRAPH}bpd-literature> (873 triples); not sent: 1 graph" in said
    assert {graph for _, _, graph, _ in keeping.requests} == {f"{GRAPH}bpd-literature"}


def test_with_several_connections_every_graph_sent_whole_is_named(keeping: Keeping) -> None:
    keeping.failing = {f"{GRAPH}bpd-literature"}
    with pytest.raises(StoreError) as error:
        push(*SOURCES, endpoint=keeping.url, replace=True, connections=2)
    message = str(error.value)
    assert message.startswith(f"{keeping.url}: pushing <{GRAPH}bpd-literature>, request 1 of 1")
    whole = {graph for _, _, graph, _ in keeping.requests}
    for graph in whole:
        assert f"<{graph}> (" in message
    unsent = 2 - len(whole)
    assert (f"not sent: {unsent} graph" in message) == (unsent > 0)


def test_connections_must_be_one_or_more(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ValueError, match=r"connections: 0: expected 1 or more"):
        push("kverme2019", endpoint="http://127.0.0.1:9/store", connections=0)
    with pytest.raises(SystemExit) as exit_:
        main(["push", "--endpoint", "http://127.0.0.1:9/store", "--connections", "0"])
    assert exit_.value.code == 2
    assert "--connections" in capsys.readouterr().err


@pytest.mark.parametrize("connections", [1, 3])
def test_a_store_holds_the_same_graphs_however_many_connections(
    server: Server, connections: int
) -> None:
    report = push(*SOURCES, endpoint=server.store, chunk=100, connections=connections)
    sizes = {pushed.graph: pushed.triples for pushed in report.graphs}
    assert server.graphs() == sizes
    assert sum(sizes.values()) == server.count()


def test_an_interrupted_push_sends_nothing_more_on_any_connection(keeping: Keeping) -> None:
    keeping.delay = 0.05
    timer = threading.Timer(0.3, _thread.interrupt_main)  # Ctrl-C, as the terminal sends it
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        push(*SOURCES, endpoint=keeping.url, chunk=5, connections=2)
    answered = len(keeping.requests)
    time.sleep(0.5)
    assert 0 < answered < 50  # interrupted with the push under way
    assert len(keeping.requests) <= answered + 1  # the other's request under way, no more
