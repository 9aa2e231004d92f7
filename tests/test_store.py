"""Pushing to and asking a real triple store: the Oxigraph server of the session.

The server is ``oxigraph serve`` from PyPI's ``oxigraph`` (a dev dependency), on 127.0.0.1 at
a free port, with a temporary data folder, started once for the whole run by the fixtures of
``conftest.py``. Without it these tests skip, or fail where ``CI`` is set. What a real server
will not do on demand (fail with 5xx, hang, ask for credentials) is played by a small scripted
HTTP server.
"""

from __future__ import annotations

import http.server
import json
import logging
import re
import shlex
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import pytest
import urllib3
from cases import KVERME_CASES, LITERATURE_CASES, drawn_cases
from helpers import LITERATURE, Server, examples, same_answer, serving
from helpers import oxigraph_program as _oxigraph
from helpers import stderr_on_a_terminal as _stderr_on_a_terminal
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import corpora

from benchmarks.server import free_port as _free_port
from evidence_graph import Corpus, EvidenceGraph, load, load_graph
from evidence_graph.cli import main
from evidence_graph.exceptions import CredentialsError, QueryError, StoreError
from evidence_graph.io import DroppedTriplesWarning
from evidence_graph.models import NodeKind
from evidence_graph.queries import QUESTIONS, Entry, ask, directory
from evidence_graph.rdf import serialize
from evidence_graph.rdf.export import nt_lines, nt_parts
from evidence_graph.store import (
    ENV_PASSWORD,
    ENV_TOKEN,
    ENV_USER,
    Credentials,
    RemoteDirectory,
    SparqlEndpoint,
    check_endpoint,
    graph_names,
    push,
    push_graph,
)
from evidence_graph.store import ask as ask_store
from evidence_graph.store._sending import chunks as _chunks

KATSAKOU = Path(__file__).parents[1] / "examples/studies/katsakou2012.yaml"
GRAPH = "https://w3id.org/evidence-graph/data/graph/"


def _written(triples: Iterable[ox.Triple]) -> list[str]:
    """Triples as sorted N-Triples, as pyoxigraph writes terms (the store's and ours alike)."""
    return sorted(f"{t.subject} {t.predicate} {t.object} ." for t in triples)


def _local(*sources: str, graph: EvidenceGraph | None = None) -> list[str]:
    """The export of the sources (or of a graph), as an Oxigraph store holds it.

    Oxigraph keeps the value of a literal of a type derived from ``xsd:integer`` (a quote's
    ``xsd:nonNegativeInteger`` position) as an ``xsd:integer``, in its server as in pyoxigraph.
    """
    store = ox.Store()
    store.load(serialize(graph or load_graph(*sources), "nt"), ox.RdfFormat.N_TRIPLES)
    return _written(quad.triple for quad in store)


# -- pushing -----------------------------------------------------------------------------------


def test_pushing_kverme2019_sends_every_triple_of_the_export(server: Server) -> None:
    report = push("kverme2019", endpoint=server.store)
    local = _local("kverme2019")
    assert report.triples == len(local) == 346
    assert server.count() == len(local)
    assert server.lines() == local
    assert server.graphs() == {f"{GRAPH}kverme2019": 346}


def test_each_source_is_a_graph_of_its_own_and_together_they_are_the_corpus(
    server: Server,
) -> None:
    report = push(*LITERATURE, endpoint=server.store)
    local = _local(*LITERATURE)
    sizes = {pushed.graph: pushed.triples for pushed in report.graphs}
    assert sizes == {f"{GRAPH}bpd-literature": 873, f"{GRAPH}katsakou2012": 108}
    assert server.graphs() == sizes
    assert sum(sizes.values()) == len(local)  # no triple is in two graphs
    assert server.lines() == local
    # Each graph asked alone holds its own part.
    assert len(server.lines(f"{GRAPH}katsakou2012")) == 108


@given(corpus=corpora(), parts=st.integers(1, 4))
@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_parts_of_a_push_hold_the_export_each_line_once(corpus: Corpus, parts: int) -> None:
    graph = EvidenceGraph.from_corpus(corpus)
    split = nt_parts(graph, lambda entity: sum(map(ord, entity.id)) % parts)
    lines = [line for part in split.values() for line in part]
    assert len(lines) == len(set(lines))
    assert sorted(lines) == nt_lines(graph)[0]
    assert all(part == sorted(part) for part in split.values())


def test_graph_names() -> None:
    names = graph_names(["kverme2019", str(KATSAKOU)], "https://example.org/")
    assert sorted(set(names.values())) == [
        "https://example.org/graph/katsakou2012",
        "https://example.org/graph/kverme2019",
    ]


def test_graphs_are_named_after_files_and_folders(tmp_path: Path) -> None:
    study = KATSAKOU.read_text(encoding="utf-8")
    for folder in ("a", "b", "Études 2012"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "study.yaml").write_text(study, encoding="utf-8")
    names = graph_names([str(tmp_path)], "https://example.org/")
    assert sorted(names.values()) == [
        "https://example.org/graph/a/study",
        "https://example.org/graph/b/study",
        "https://example.org/graph/Études-2012/study",
    ]
    with pytest.raises(ValueError, match="would both be pushed to the graph") as error:
        graph_names([str(tmp_path / "a/study.yaml"), str(tmp_path / "b")], "https://example.org/")
    assert str(tmp_path / "a" / "study.yaml") in str(error.value)
    assert str(tmp_path / "b" / "study.yaml") in str(error.value)


def test_two_sources_for_one_graph_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "kverme2019.ttl"
    copy.write_text(serialize(load_graph("kverme2019"), "turtle"), encoding="utf-8")
    assert main(["push", "kverme2019", str(copy), "--endpoint", "http://127.0.0.1:9/store"]) == 2
    err = capsys.readouterr().err
    assert "the dataset 'kverme2019' and" in err
    assert "Traceback" not in err


def test_one_graph_for_everything(server: Server) -> None:
    graph = "https://example.org/graphs/bpd"
    report = push(*LITERATURE, endpoint=server.store, graph=graph)
    assert [pushed.graph for pushed in report.graphs] == [graph]
    assert server.graphs() == {graph: 981}


def test_pushing_again_with_replace_changes_nothing(server: Server) -> None:
    stale = '<https://example.org/old> <https://example.org/p> "stale" .\n'
    for graph in ("bpd-literature", "katsakou2012"):
        answer = urllib3.request(
            "POST",
            f"{server.store}?graph={GRAPH}{graph}",
            body=stale.encode(),
            headers={"Content-Type": "application/n-triples"},
        )
        assert answer.status in {200, 201, 204}
    assert server.count() == 2
    first = push(*LITERATURE, endpoint=server.store, replace=True)
    assert server.lines() == _local(*LITERATURE)  # the stale triples are gone
    second = push(*LITERATURE, endpoint=server.store, replace=True)
    assert second.triples == first.triples == 981
    assert server.lines() == _local(*LITERATURE)


def test_replace_replaces_and_merging_adds(server: Server) -> None:
    graph = "https://example.org/graphs/one"
    push("kverme2019", endpoint=server.store, graph=graph)
    push(*LITERATURE, endpoint=server.store, graph=graph)  # adds the rest of the literature
    assert server.count(graph) == 981
    push("kverme2019", endpoint=server.store, graph=graph, replace=True)
    assert server.count(graph) == 346
    assert server.lines() == _local("kverme2019")


def test_large_graphs_go_in_chunks(server: Server) -> None:
    report = push("kverme2019", endpoint=server.store, chunk=50, replace=True)
    assert report.graphs[0].requests == 7  # 346 triples, 50 at a time
    assert server.lines() == _local("kverme2019")


def test_invalid_sources_send_nothing(server: Server, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("studies: [{id: 'no good'}]\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"bad\.yaml"):
        push("kverme2019", str(bad), endpoint=server.store)
    assert server.count() == 0


# -- asking -------------------------------------------------------------------------------------


CASES = [*KVERME_CASES, *LITERATURE_CASES]


@pytest.mark.parametrize(
    ("name", "parameters"), CASES, ids=[f"{n}-{i}" for i, (n, _) in enumerate(CASES)]
)
def test_every_question_has_the_same_answer_from_the_store(
    pushed_literature: SparqlEndpoint, name: str, parameters: dict[str, str]
) -> None:
    local = load_graph(*LITERATURE)
    same_answer(name, ask(local, name, parameters), ask_store(pushed_literature, name, parameters))


def test_a_store_pages_an_answer_as_python_does(pushed_literature: SparqlEndpoint) -> None:
    local = load_graph(*LITERATURE)
    for limit, offset in ((3, 2), (None, 5), (0, 0)):
        paged = ask_store(pushed_literature, "mapped-to", limit=limit, offset=offset)
        assert paged == ask(local, "mapped-to", limit=limit, offset=offset)


def test_every_question_is_asked_of_the_store() -> None:
    assert {name for name, _ in CASES} == set(QUESTIONS)


@pytest.mark.parametrize(
    ("name", "parameters"),
    [
        ("quotes-for-theme", {"theme": "conectedness"}),
        ("quotes-for-theme", {"theme": "Daring to Belong", "study": "katsakou2012"}),
        ("evidence-for", {"claim": "finding-daring"}),
        ("citing-works", {"work": "doi:10.1234/none"}),
        ("about-concept", {"concept": "mesh:D000001"}),
        ("studies-matching", {"concept": "F60"}),
        ("mapped-to", {"target": "connectednes"}),
        ("mapped-to", {"target": "https://example.org/nothing"}),
        ("theme-tree", {"study": "kverme"}),
    ],
)
def test_a_parameter_that_names_nothing_gives_the_same_error(
    pushed_literature: SparqlEndpoint, name: str, parameters: dict[str, str]
) -> None:
    with pytest.raises(QueryError) as local:
        ask(load_graph(*LITERATURE), name, parameters)
    with pytest.raises(QueryError) as remote:
        ask_store(pushed_literature, name, parameters)
    assert str(remote.value) == str(local.value)


def test_named_graphs_can_be_asked_alone(server: Server) -> None:
    push(*LITERATURE, endpoint=server.store)
    alone = server.endpoint(f"{GRAPH}katsakou2012")
    rows = ask_store(alone, "theme-tree", {})
    assert {row.study_id for row in rows} == {"katsakou2012"}


def test_the_store_s_directory_is_the_graph_s(pushed_literature: SparqlEndpoint) -> None:
    local = directory(load_graph(*LITERATURE))
    remote = RemoteDirectory(pushed_literature)

    def normal(entries: Sequence[Entry]) -> list[tuple[object, ...]]:
        return sorted(
            (e.iri, e.id, e.labels[:1], frozenset(e.labels), e.notation, e.study, set(e.matches))
            for e in entries
        )

    for kind in (NodeKind.WORK, NodeKind.STUDY, NodeKind.CLAIM, NodeKind.THEME, NodeKind.CONCEPT):
        assert normal(remote.entries(kind)) == normal(local.entries(kind)), kind
        assert remote.entries(kind)


@given(corpus=corpora(), data=st.data())
@settings(
    max_examples=examples(25),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
def test_the_store_answers_as_the_graph_on_generated_corpora(
    oxigraph: Server, corpus: Corpus, data: st.DataObject
) -> None:
    graph = EvidenceGraph.from_corpus(corpus)
    target = "https://example.org/graphs/generated"
    push_graph(graph, endpoint=oxigraph.store, graph=target, replace=True)
    endpoint = oxigraph.endpoint(target)
    assert oxigraph.lines(target) == _local(graph=graph)
    for name, parameters in drawn_cases(graph, data):
        try:
            local = ask(graph, name, parameters)
        except QueryError as error:
            with pytest.raises(QueryError, match=re.escape(str(error))):
                ask_store(endpoint, name, parameters)
        else:
            same_answer(name, local, ask_store(endpoint, name, parameters))


def test_triples_the_models_do_not_hold_are_pushed_too(server: Server, tmp_path: Path) -> None:
    exported = tmp_path / "kverme.ttl"
    extra = (
        '_:note <https://example.org/says> "kept" ; <https://example.org/about> '
        "<https://doi.org/10.3389/fpsyg.2019.00430> .\n"
        '<https://example.org/x> <https://example.org/label> "é \\u0007"@en .\n'
    )
    exported.write_text(serialize(load_graph("kverme2019"), "turtle") + extra, encoding="utf-8")
    with pytest.warns(DroppedTriplesWarning, match="3 RDF triples"):
        load(str(exported))
    report = push(str(exported), endpoint=server.store, chunk=100)
    assert report.triples == 349
    assert server.count() == 349
    assert report.graphs[0].graph == f"{GRAPH}kverme"
    # The blank node's two triples arrived in one request, as one node.
    answer = server.endpoint().query(
        'ASK { ?note <https://example.org/says> "kept" ; <https://example.org/about> ?work '
        "FILTER(isBlank(?note)) }"
    )
    assert bool(answer)


# -- the command line ---------------------------------------------------------------------------


def test_push_and_query_on_the_command_line(
    server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["push", *LITERATURE, "--endpoint", server.store, "--replace"]) == 0
    out, err = capsys.readouterr()
    assert "pushed 981 triples to 2 graphs (replacing them)" in err
    assert "katsakou2012" in out
    for name, parameters in LITERATURE_CASES:
        params = [f"--param={key}={value}" for key, value in parameters.items()]
        assert main(["query", name, *params, "-f", "json", "--endpoint", server.query]) == 0
        remote = json.loads(capsys.readouterr().out)
        assert main(["query", name, *LITERATURE, *params, "-f", "json"]) == 0
        local = json.loads(capsys.readouterr().out)
        row = QUESTIONS[name].row
        same_answer(name, [row(**r) for r in local], [row(**r) for r in remote])


def test_sparql_files_run_on_the_store(
    server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    push("kverme2019", endpoint=server.store)
    query = tmp_path / "labels.rq"
    query.write_text(
        "SELECT ?label WHERE { VALUES (?id) { (UNDEF) } "
        "?t <http://purl.org/dc/terms/identifier> ?id ; "
        "<http://www.w3.org/2004/02/skos/core#prefLabel> ?label }",
        encoding="utf-8",
    )
    args = ["sparql", str(query), "-p", "id=daring-to-belong", "-f", "csv"]
    assert main([*args, "--endpoint", server.query]) == 0
    assert capsys.readouterr().out == "label\nDaring to Belong\n"
    ask_file = tmp_path / "ask.rq"
    ask_file.write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    assert main(["sparql", str(ask_file), "--endpoint", server.query]) == 0
    assert capsys.readouterr().out == "true\n"
    construct = tmp_path / "construct.rq"
    construct.write_text(
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(isLiteral(?o) && CONTAINS(?o, 'Dar')) }",
        encoding="utf-8",
    )
    assert main(["sparql", str(construct), "--endpoint", server.query]) == 0
    remote = capsys.readouterr().out
    assert main(["sparql", str(construct), "kverme2019"]) == 0
    assert remote == capsys.readouterr().out
    assert "Daring to Belong" in remote


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "stats", "kverme2019", "--endpoint", "{query}"], "leave out kverme2019"),
        (["query", "stats", "--graph", "https://example.org/g"], "give --endpoint URL too"),
        (["query", "stats", "--endpoint", "ftp://example.org/q"], "expected an http:// or"),
        (["push", "--endpoint", "http://me:secret@127.0.0.1/store"], "never in the URL"),
        (["push", "--endpoint", "{store}", "--graph", "not an iri"], "--graph"),
        (["push", "--endpoint", "{store}", "--base", "nope"], "--base"),
        (["push", "nowhere-dataset", "--endpoint", "{store}"], "nowhere-dataset"),
        (["push", "--endpoint", "{store}#top"], "fragment"),
        (["query", "stats", "--endpoint", "{query}", "--sparql"], "always asked in SPARQL"),
        (["sparql", "{rq}", "--retries", "0"], "--retries is for a store"),
    ],
)
def test_usage_errors(
    oxigraph: Server, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    rq = Path(__file__).parents[1] / "evidence_graph/sparql/stats.rq"
    filled = [arg.format(query=oxigraph.query, store=oxigraph.store, rq=rq) for arg in args]
    assert main(filled) == 2
    out, err = capsys.readouterr()
    assert message in err
    assert "Traceback" not in err
    assert "secret" not in out + err
    assert out == ""


def test_bad_command_line_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    for option in (
        ["--timeout", "0"],
        ["--timeout", "inf"],
        ["--timeout", "1e300"],
        ["--retries", "-1"],
        ["--chunk", "x"],
        ["--chunk", "0"],
    ):
        with pytest.raises(SystemExit) as exit_:
            main(["push", "--endpoint", "http://127.0.0.1/store", *option])
        assert exit_.value.code == 2
        assert option[0] in capsys.readouterr().err


# -- when the store fails -----------------------------------------------------------------------


def test_a_store_that_is_down(capsys: pytest.CaptureFixture[str]) -> None:
    url = f"http://127.0.0.1:{_free_port()}/store"
    with pytest.raises(StoreError, match="could not be reached") as error:
        push("kverme2019", endpoint=url, retries=1, backoff=0.01)
    assert "(tried 2 times)" in str(error.value)
    assert "the graph was not changed" in str(error.value)
    assert main(["push", "--endpoint", url, "--retries", "0"]) == 3
    out, err = capsys.readouterr()
    assert out == ""
    assert "could not be reached" in err
    assert "pushed" not in err


def test_a_wrong_endpoint_on_a_real_server(server: Server) -> None:
    with pytest.raises(StoreError, match="404") as error:
        push("kverme2019", endpoint=f"{server.url}/nowhere")
    assert "Graph Store endpoint" in str(error.value)
    assert error.value.status == 404
    with pytest.raises(StoreError, match="400"):
        server.endpoint().query("SELECT nonsense")


@dataclass
class Scripted:
    """A scripted HTTP server: each request gets the next answer (status, seconds to wait
    first, and headers if any); once they run out, 204 No Content."""

    answers: list[tuple[int, float] | tuple[int, float, dict[str, str]]]
    requests: list[tuple[str, str, dict[str, str], bytes]] = field(default_factory=list)
    url: str = ""

    @property
    def query(self) -> str:
        return self.url.replace("/store", "/query")


@pytest.fixture
def scripted() -> Iterator[Scripted]:
    script = Scripted([])

    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            script.requests.append((self.command, self.path, dict(self.headers), body))
            status, wait, *more = script.answers.pop(0) if script.answers else (204, 0.0)
            time.sleep(wait)
            text = b"" if status < 400 else f"scripted failure {status}".encode()
            try:
                self.send_response(status)
                self.send_header("Content-Length", str(len(text)))
                for name, value in (more[0] if more else {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(text)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting

        do_PUT = do_POST = do_GET = _answer  # noqa: N815 - http.server's names

        def log_message(self, format: str, *args: object) -> None:  # noqa: ARG002
            return

    with serving(Handler) as url:
        script.url = f"{url}/store"
        yield script


def test_a_store_that_keeps_failing_is_tried_again_then_reported(scripted: Scripted) -> None:
    scripted.answers = [(503, 0.0)] * 3
    with pytest.raises(StoreError, match="503") as error:
        push("kverme2019", endpoint=scripted.url, retries=2, backoff=0.01)
    assert len(scripted.requests) == 3
    assert "(tried 3 times)" in str(error.value)
    assert "scripted failure 503" in str(error.value)
    assert error.value.status == 503


def test_a_passing_failure_is_tried_again_and_the_push_succeeds(scripted: Scripted) -> None:
    scripted.answers = [(502, 0.0), (204, 0.0)]
    report = push("kverme2019", endpoint=scripted.url, retries=2, backoff=0.01)
    assert report.triples == 346
    first, second = scripted.requests
    assert first[3] == second[3]  # the same triples sent again
    assert first[2]["Content-Type"].startswith("application/n-triples")
    graph = urllib.parse.parse_qs(urllib.parse.urlsplit(first[1]).query)["graph"]
    assert graph == [f"{GRAPH}kverme2019"]


def test_a_client_error_is_not_tried_again(scripted: Scripted) -> None:
    scripted.answers = [(415, 0.0)]
    with pytest.raises(StoreError, match="415") as error:
        push("kverme2019", endpoint=scripted.url, retries=3, backoff=0.01)
    assert len(scripted.requests) == 1
    assert "(tried" not in str(error.value)
    assert "the graph was not changed" in str(error.value)


def test_a_store_that_does_not_answer_in_time(scripted: Scripted) -> None:
    scripted.answers = [(204, 2.0), (204, 2.0)]
    started = time.monotonic()
    with pytest.raises(StoreError, match=r"did not answer within 0\.3 s \(tried 2 times\)"):
        push("kverme2019", endpoint=scripted.url, timeout=0.3, retries=1, backoff=0.01)
    assert time.monotonic() - started < 5


def test_a_push_that_fails_half_way_says_what_the_graph_holds(
    scripted: Scripted, capsys: pytest.CaptureFixture[str]
) -> None:
    scripted.answers = [(204, 0.0), (500, 0.0)]
    args = ["push", "--endpoint", scripted.url, "--replace", "--chunk", "200", "--retries", "0"]
    assert main(args) == 3
    out, err = capsys.readouterr()
    assert out == ""
    assert "pushed" not in err
    assert "request 2 of 2 (146 triples)" in err
    assert "holds the 200 triples sent before it" in err
    assert [request[0] for request in scripted.requests] == ["PUT", "POST"]


def _bodies(scripted: Scripted) -> list[tuple[str, int]]:
    """Each request's method and the triples its body held."""
    return [(method, body.decode().count("\n")) for method, _, _, body in scripted.requests]


def test_chunks_are_bounded_and_the_first_replaces(scripted: Scripted) -> None:
    report = push("kverme2019", endpoint=scripted.url, chunk=50, replace=True)
    assert report.graphs[0].requests == 7
    assert _bodies(scripted) == [("PUT", 50)] + [("POST", 50)] * 5 + [("POST", 46)]
    scripted.requests.clear()
    push("kverme2019", endpoint=scripted.url, chunk=200)
    assert _bodies(scripted) == [("POST", 200), ("POST", 146)]


def test_an_empty_graph_is_emptied_with_replace_and_left_alone_without(
    scripted: Scripted, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.yaml"
    empty.write_text("works: []\n", encoding="utf-8")
    report = push(str(empty), endpoint=scripted.url, replace=True)
    assert _bodies(scripted) == [("PUT", 0)]
    assert report.graphs[0].graph == f"{GRAPH}empty"
    scripted.requests.clear()
    assert main(["push", str(empty), "--endpoint", scripted.url]) == 0
    assert scripted.requests == []
    assert "sent nothing" in capsys.readouterr().err


def test_the_graph_is_added_to_the_endpoint_s_own_query(scripted: Scripted) -> None:
    push("kverme2019", endpoint=f"{scripted.url}?token=x&db=bpd")
    path = scripted.requests[0][1]
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query)
    assert query == {"token": ["x"], "db": ["bpd"], "graph": [f"{GRAPH}kverme2019"]}


def test_a_redirect_is_a_failure_not_a_success(
    scripted: Scripted, capsys: pytest.CaptureFixture[str]
) -> None:
    scripted.answers = [(301, 0.0, {"Location": "https://elsewhere.example.org/store"})]
    assert main(["push", "--endpoint", scripted.url, "--replace"]) == 3
    out, err = capsys.readouterr()
    assert out == ""
    assert "answered 301" in err
    assert "moved it to https://elsewhere.example.org/store: use that URL" in err
    assert "pushed" not in err
    scripted.answers = [(302, 0.0, {"Location": "/other"})]
    with pytest.raises(StoreError, match="answered 302"):
        SparqlEndpoint(scripted.query).query("ASK {}")


def test_waits_grow_and_follow_retry_after_at_most_30_s(
    scripted: Scripted, monkeypatch: pytest.MonkeyPatch
) -> None:
    waits: list[float] = []
    monkeypatch.setattr("evidence_graph.store._http._sleep", waits.append)
    scripted.answers = [(500, 0.0)] * 3
    push("kverme2019", endpoint=scripted.url, retries=3, backoff=0.5)
    assert waits == [0.5, 1.0, 2.0]
    waits.clear()
    scripted.answers = [(429, 0.0, {"Retry-After": "7"}), (503, 0.0, {"Retry-After": "3600"})]
    push("kverme2019", endpoint=scripted.url, retries=3, backoff=0.5)
    assert waits == [7.0, 30.0]
    assert len(scripted.requests) == 3 + 1 + 3


def test_triples_with_blank_nodes_go_together_and_are_not_sent_twice(
    scripted: Scripted, tmp_path: Path
) -> None:
    exported = tmp_path / "notes.ttl"
    notes = "".join(
        f'_:n{i} <https://example.org/says> "note {i}" ; <https://example.org/next> _:n{i + 1} .\n'
        for i in range(6)
    )
    exported.write_text(serialize(load_graph("kverme2019"), "turtle") + notes, encoding="utf-8")
    scripted.answers = [(204, 0.0)] * 7 + [(503, 0.0)]
    with pytest.raises(StoreError, match="503") as error:
        push(str(exported), endpoint=scripted.url, chunk=50, retries=3, backoff=0.01)
    # 346 triples in 7 requests, then the 12 that chain the blank nodes in one, sent once.
    assert _bodies(scripted)[-1] == ("POST", 12)
    assert len(scripted.requests) == 8
    assert "(tried once)" in str(error.value)
    assert "the 346 triples sent before were added" in str(error.value)


def test_chunks_keep_blank_nodes_together() -> None:
    lines = ["_:a <p> _:b .", "_:c <p> _:d .", "<x> <p> <y> .", "_:b <p> _:c .", "_:e <p> 1 ."]
    assert list(_chunks(lines, 2)) == [
        (["<x> <p> <y> ."], False),
        (["_:a <p> _:b .", "_:c <p> _:d .", "_:b <p> _:c ."], True),
        (["_:e <p> 1 ."], True),
    ]


def test_asking_a_store_that_fails(scripted: Scripted, capsys: pytest.CaptureFixture[str]) -> None:
    scripted.answers = [(503, 0.0)] * 2
    assert main(["query", "stats", "--endpoint", scripted.query, "--retries", "1"]) == 3
    assert "answered 503 Service Unavailable: scripted failure 503 (tried 2 times)" in (
        capsys.readouterr().err
    )
    scripted.answers = [(204, 2.0)]
    args = ["query", "stats", "--endpoint", scripted.query, "--timeout", "0.3", "--retries", "0"]
    assert main(args) == 3
    assert "did not answer within 0.3 s (tried once)" in capsys.readouterr().err
    down = f"http://127.0.0.1:{_free_port()}/query"
    assert main(["sparql", str(Path(__file__)), "--endpoint", down, "--retries", "0"]) in {1, 3}
    assert main(["query", "stats", "--endpoint", down, "--retries", "0"]) == 3
    assert "could not be reached" in capsys.readouterr().err


def test_a_bad_query_file_is_named_by_the_store_too(
    server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT nonsense", encoding="utf-8")
    assert main(["sparql", str(bad), "--endpoint", server.query]) == 1
    err = capsys.readouterr().err
    assert f"{bad}: was refused by {server.query}: POST answered 400" in err.replace("\n", "")


def test_credentials_are_sent_and_never_shown(
    scripted: Scripted,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv(ENV_TOKEN, "t0ken-s3cret")
    scripted.answers = [(204, 0.0), (401, 0.0)]
    push("kverme2019", endpoint=scripted.url)
    assert scripted.requests[0][2]["Authorization"] == "Bearer t0ken-s3cret"
    assert main(["push", "--endpoint", scripted.url]) == 3
    out, err = capsys.readouterr()
    assert "401" in err
    assert f"bearer credentials from {ENV_TOKEN} were sent" in err
    assert "t0ken-s3cret" not in out + err + caplog.text

    monkeypatch.delenv(ENV_TOKEN)
    monkeypatch.setenv(ENV_USER, "reader")
    monkeypatch.setenv(ENV_PASSWORD, "pa55-s3cret")
    scripted.answers = [(204, 0.0)]
    push("kverme2019", endpoint=scripted.url)
    assert scripted.requests[-1][2]["Authorization"] == "Basic cmVhZGVyOnBhNTUtczNjcmV0"
    assert "pa55-s3cret" not in repr(Credentials.from_env()) + caplog.text


def test_a_token_a_header_cannot_carry_is_refused_unshown(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(ENV_TOKEN, "s3cr3t-tok\nX-Evil: 1")
    for args in (["push"], ["query", "stats"]):
        assert main([*args, "--endpoint", "http://127.0.0.1:9/x"]) == 2
        err = capsys.readouterr().err
        assert ENV_TOKEN in err
        assert "s3cr3t" not in err


def test_without_credentials_a_401_says_how_to_give_them(
    scripted: Scripted, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in (ENV_TOKEN, ENV_USER, ENV_PASSWORD):
        monkeypatch.delenv(name, raising=False)
    scripted.answers = [(401, 0.0)]
    with pytest.raises(StoreError, match=f"no credentials were sent: set {ENV_TOKEN}"):
        push("kverme2019", endpoint=scripted.url)
    assert "Authorization" not in scripted.requests[0][2]


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({ENV_TOKEN: "SECRET1", ENV_USER: "SECRET2", ENV_PASSWORD: "SECRET3"}, "not both"),
        ({ENV_USER: "SECRET2"}, f"{ENV_USER} is set but {ENV_PASSWORD} is not"),
        ({ENV_PASSWORD: "SECRET3"}, f"{ENV_PASSWORD} is set but {ENV_USER} is not"),
        ({ENV_TOKEN: "SECRET\nX-Evil: 1"}, "a character a token cannot"),
        ({ENV_TOKEN: "SECRET-é"}, "a character a token cannot"),
        ({ENV_USER: "SECRET:1", ENV_PASSWORD: "SECRET"}, "holds ':'"),
        ({ENV_USER: "u", ENV_PASSWORD: "SECRET\r\n"}, "a control character"),
    ],
)
def test_credentials_set_wrongly(environ: dict[str, str], message: str) -> None:
    with pytest.raises(CredentialsError, match=message) as error:
        Credentials.from_env(environ)
    assert "SECRET" not in str(error.value)


def test_endpoints_are_checked() -> None:
    assert check_endpoint("https://store.example.org/ds/data?x=1") == (
        "https://store.example.org/ds/data?x=1"
    )
    for bad in ("localhost:7878/store", "http:///store", "http://a b/store", "http://h:port/"):
        with pytest.raises(ValueError, match="endpoint"):
            check_endpoint(bad)


# -- the docs: docs/triple-stores.md ------------------------------------------------------------

TRIPLE_STORES = Path(__file__).parents[1] / "docs" / "triple-stores.md"
DOCS = TRIPLE_STORES.read_text(encoding="utf-8")
LOCAL = "http://localhost:7878"


def _docs(language: str) -> str:
    blocks = re.findall(rf"```{language} store\n(.*?)```", DOCS, flags=re.DOTALL)
    assert len(blocks) == 1
    return str(blocks[0])


def test_the_docs_server_command_takes_those_options() -> None:
    serve = next(line for line in _docs("sh").splitlines() if line.startswith("oxigraph"))
    shown = subprocess.run(
        [_oxigraph(), "serve", "--help"], capture_output=True, text=True, check=True, timeout=30
    ).stdout
    for option in (word for word in serve.split() if word.startswith("--")):
        assert option in shown


def test_the_docs_store_commands_run(
    server: Server, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(Path(__file__).parents[1])
    lines = [line for line in _docs("sh").splitlines() if line.startswith("evidence-graph")]
    assert [line.split()[1] for line in lines] == ["push", "query", "sparql"]
    for line in lines:
        args = shlex.split(line.replace(LOCAL, server.url))[1:]
        assert main(args) == 0, line
    out = capsys.readouterr().out
    assert "katsakou2012" in out  # the tree of the one graph asked


def test_the_docs_store_python_runs(server: Server, capsys: pytest.CaptureFixture[str]) -> None:
    code = _docs("python").replace(LOCAL, server.url)
    exec(compile(code, "docs/triple-stores.md", "exec"), {})  # noqa: S102 - the docs' own example
    first, *rows = capsys.readouterr().out.splitlines()
    assert first.startswith("873 ['https://w3id.org/evidence-graph/data/graph/bpd-literature']")
    assert len(rows) == 3


def test_a_progress_bar_is_drawn_on_a_terminal_only(server: Server) -> None:
    status, drawn = _stderr_on_a_terminal("push", "bpd-literature", "--endpoint", server.store)
    assert status == 0
    assert b"pushing" in drawn
    assert b"pushed 873 triples to 1 graph" in drawn
    piped = subprocess.run(
        [sys.executable, "-m", "evidence_graph.cli", "push", "--endpoint", server.store],
        capture_output=True,
        text=True,
        check=False,
    )
    assert piped.returncode == 0
    assert piped.stderr.startswith("pushed 346 triples to 1 graph (adding to them)")
    assert piped.stderr.count("\n") == 1  # no bar in a pipe
