"""Hostile and careless triple stores: secrets echoed back, stores that trickle, graphs unseen.

The catalogue, each case a test below:

A store that echoes the credentials sent (never printed, logged or kept in an error):
- the ``Authorization`` header, a bearer token from the environment, echoed in the body of a
  401, a 403, a 400 and a 500 (tried again) to ``push``, ``query --endpoint`` and
  ``sparql --endpoint``: the message shows ``[redacted]`` where the store echoed it;
- a basic user's password (spaces, ``&"<>``, non-ASCII) and the header's base64, echoed as
  sent, decoded, percent-, HTML- and JSON-escaped, and in the first 300 characters of the
  answer, where a message cuts it;
- a token with ``/``, ``+`` and ``=``, and a password whose base64 holds ``+`` and ``/``, echoed
  in base64 (padded or not, standard or URL-safe), the header's base64 unpadded or URL-safe,
  and JSON-escaped with ``\\/`` for a slash, as PHP writes it: each alone and all at once;
- the token in the reason phrase and in a redirect's ``Location``;
- the token in the ``Content-Type`` of a query's answer, and in answers that cannot be read;
- credentials given in Python (``Credentials.basic``), in ``str()`` of the error and the log;
- a token in the endpoint's query string (``?access_token=``): redacted in errors, in the
  line ``push`` prints, in ``repr`` and in urllib3's log, yet sent to the store.

A slow store (each run in a child process, bounded; ``--timeout 2`` is the whole request's):
- a store that sends its answer, status line included, one byte a second: ``push``,
  ``query --endpoint`` and ``sparql --endpoint`` exit 3 naming the timeout, not success; in
  HTTP/1.1 and in HTTP/1.0 (which closes the connection after the answer);
- a store that sends its headers at once, then the body one byte a second: in HTTP/1.1 with a
  ``Content-Length``, with ``Connection: close`` and chunked, and in HTTP/1.0 with a
  ``Content-Length``, kept alive, and with no length (the body ends where the connection does);
- a store that never reads a 32 MB request, so that sending stalls;
- each try again has a deadline of its own, and the message counts the tries;
- ``https://`` to a store that speaks plain HTTP: the TLS handshake fails, at once;
- a port where nothing listens, or a host name too long to look up: "could not be reached",
  with the reason, never "no connection within" the timeout.

Push, then ask a store started plainly (Oxigraph without ``--union-default-graph``):
- ``query --endpoint`` sees the graphs ``push`` wrote (the union of the store's named graphs),
  answers as over the files, and says on standard error which graphs it asked;
- ``GRAPH ?g`` in a query file finds the graphs too; a query's own ``FROM`` is kept;
- ``--graph IRI`` asks that graph alone; ``--default-graph`` asks the store's default graph,
  and warns, naming the named graphs, when it is empty but they are not; the same in Python;
- an empty store is asked its default graph, and says so; a store that will not list its
  graphs is asked its default graph;
- ``--default-graph`` beside ``--graph``, or without ``--endpoint``: a usage error.
"""

from __future__ import annotations

import base64
import http.server
import json
import logging
import socket
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from helpers import GUARD_SECONDS, LITERATURE, Cli, StoreUrls, guarded, oxigraph_program, serving

from benchmarks.server import oxigraph_server
from evidence_graph.exceptions import EvidenceGraphWarning, StoreError
from evidence_graph.store import (
    ENV_PASSWORD,
    ENV_TOKEN,
    ENV_USER,
    Credentials,
    SparqlEndpoint,
    push,
)

TOKEN = "t0ken-S3CRET-4f9a"  # noqa: S105 - the secret the tests watch for
USER = "reader"
PASSWORD = 'pa55 w\u00f6rd  &"<S3CRET>'  # noqa: S105
SECRETS = (
    TOKEN,
    PASSWORD,
    "S3CRET",
    base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode(),
)
GRAPH = "https://w3id.org/evidence-graph/data/graph/"
STATS = Path(__file__).parents[1] / "evidence_graph/sparql/stats.rq"


def _shown(text: str) -> list[str]:
    """The secrets, or pieces of them, that ``text`` shows."""
    return [secret for secret in SECRETS if secret.lower() in text.lower()]


# -- a store that echoes what it was sent --------------------------------------------------------


@dataclass
class Echo(StoreUrls):
    """A store that answers every request with ``status`` and a body echoing the request.

    ``reason``, the ``headers`` and ``content_type`` may hold ``{auth}``: the ``Authorization``
    header sent.
    """

    status: int = 401
    reason: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "text/plain; charset=utf-8"
    body: str | None = None
    script: list[tuple[int, str, str]] = field(default_factory=list)
    """Answers (status, content type, body) given first, one a request."""
    url: str = ""
    requests: list[str] = field(default_factory=list)
    """Each request's path and body."""


def _echoed(handler: http.server.BaseHTTPRequestHandler) -> str:
    """The request as a careless store echoes it: as sent, decoded and escaped."""
    sent = f"{handler.requestline}\n{handler.headers}"
    auth = handler.headers.get("Authorization", "")
    decoded = ""
    if auth.startswith("Basic "):
        decoded = base64.b64decode(auth.removeprefix("Basic ")).decode("utf-8")
    forms = [
        f"you sent {auth!r}; user and password: {decoded}",
        urllib.parse.quote(decoded),
        urllib.parse.quote_plus(decoded),
        json.dumps({"password": decoded.partition(":")[2]}),
        decoded.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"),
        sent,
    ]
    return "\n".join(forms)


@pytest.fixture
def echo() -> Iterator[Echo]:
    store = Echo()

    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self) -> None:
            sent = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            store.requests.append(f"{self.path}\n{sent.decode('utf-8', 'replace')}")
            auth = self.headers.get("Authorization", "")
            status, media, text = store.status, store.content_type, store.body
            if store.script:
                status, media, text = store.script.pop(0)
            body = (_echoed(self) if text is None else text.format(auth=auth)).encode("utf-8")
            reason = None if store.reason is None else store.reason.format(auth=auth)
            self.send_response(status, reason)
            self.send_header("Content-Type", media.format(auth=auth))
            self.send_header("Content-Length", str(len(body)))
            for name, value in store.headers.items():
                self.send_header(name, value.format(auth=urllib.parse.quote(auth)))
            self.end_headers()
            self.wfile.write(body)

        do_PUT = do_POST = do_GET = _answer  # noqa: N815 - http.server's names

        def log_message(self, format: str, *args: object) -> None:  # noqa: ARG002
            return

    with serving(Handler) as store.url:
        yield store


@pytest.fixture
def token(monkeypatch: pytest.MonkeyPatch) -> str:
    for name in (ENV_USER, ENV_PASSWORD):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(ENV_TOKEN, TOKEN)
    return TOKEN


@pytest.fixture
def password(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.delenv(ENV_TOKEN, raising=False)
    monkeypatch.setenv(ENV_USER, USER)
    monkeypatch.setenv(ENV_PASSWORD, PASSWORD)
    return PASSWORD


def _commands(echo: Echo) -> list[list[str]]:
    return [
        ["push", "--endpoint", echo.store, "--retries", "1"],
        ["query", "stats", "--endpoint", echo.query, "--retries", "1"],
        ["sparql", str(STATS), "--endpoint", echo.query, "--retries", "1"],
    ]


@pytest.mark.parametrize("status", [401, 403, 400, 500])
def test_a_token_echoed_in_an_error_is_redacted(
    echo: Echo, token: str, cli: Cli, caplog: pytest.LogCaptureFixture, status: int
) -> None:
    caplog.set_level(logging.DEBUG)
    echo.status = status
    for args in _commands(echo):
        done = cli(*args)
        assert done.returncode in {1, 3}, done.stderr  # sparql: a store's 400 is the file's
        assert f"answered {status}" in done.stderr
        assert "you sent '[redacted]'" in done.stderr
        assert _shown(done.stdout + done.stderr + caplog.text) == []
    assert token not in caplog.text


def test_a_password_echoed_in_every_form_is_redacted(
    echo: Echo, password: str, cli: Cli, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    echo.status = 403
    for args in _commands(echo):
        done = cli(*args)
        assert done.returncode in {1, 3}
        assert "basic credentials from" in done.stderr
        assert "[redacted]" in done.stderr
        assert _shown(done.stdout + done.stderr + caplog.text) == [], done.stderr
    # Each form alone, first in the answer, so that the 300 characters shown hold it whole.
    sent = f"Basic {base64.b64encode(f'{USER}:{password}'.encode()).decode()}"
    forms = _echoed_forms(sent)
    for form in forms:
        echo.body = f"{form} was refused"
        with pytest.raises(StoreError) as error:
            push("kverme2019", endpoint=echo.store, retries=0)
        assert _shown(str(error.value)) == [], form
        assert str(error.value).endswith(
            ": [redacted] was refused; basic credentials from "
            f"{ENV_USER} and {ENV_PASSWORD} were sent; the graph was "
            "not changed"
        ), form


def _echoed_forms(header: str) -> list[str]:
    decoded = base64.b64decode(header.removeprefix("Basic ")).decode()
    secret = decoded.partition(":")[2]
    return [
        header,
        secret,
        " ".join(secret.split()),
        urllib.parse.quote(secret),
        urllib.parse.quote(secret, safe="").lower(),
        urllib.parse.quote_plus(secret),
        json.dumps(secret)[1:-1],
        secret.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;"),
    ]


ENCODED_TOKEN = "~~?~~~T0ken/with+chars==x"  # noqa: S105 - base64 with "+", "/" and "="
ENCODED_PASSWORD = "~~~p\u00e4ss/w+rd=?!"  # noqa: S105


def _encoded(secret: str) -> list[str]:
    """``secret`` in base64, padded and not, in both alphabets, each form unlike the others."""
    standard = base64.b64encode(secret.encode()).decode()
    url_safe = base64.urlsafe_b64encode(secret.encode()).decode()
    forms = [standard, standard.rstrip("="), url_safe, url_safe.rstrip("=")]
    assert len(set(forms)) == len(forms), forms
    return forms


def _encoded_forms(scheme: str) -> list[str]:
    """The encoded forms of the token or the password, and of the header that carried it."""
    if scheme == "bearer":
        header = f"Bearer {ENCODED_TOKEN}"
        forms = [*_encoded(ENCODED_TOKEN), *_encoded(header)]
        secret = ENCODED_TOKEN
    else:
        forms = [*_encoded(ENCODED_PASSWORD), *_encoded(f"{USER}:{ENCODED_PASSWORD}")]
        secret = ENCODED_PASSWORD
    json_escaped = json.dumps(secret)[1:-1].replace("/", "\\/")
    assert "\\/" in json_escaped
    return [*forms, json_escaped]


@pytest.mark.parametrize("scheme", ["bearer", "basic"])
def test_a_secret_echoed_in_base64_or_escaped_as_php_does_is_redacted(
    echo: Echo, cli: Cli, monkeypatch: pytest.MonkeyPatch, scheme: str
) -> None:
    for name in (ENV_TOKEN, ENV_USER, ENV_PASSWORD):
        monkeypatch.delenv(name, raising=False)
    if scheme == "bearer":
        monkeypatch.setenv(ENV_TOKEN, ENCODED_TOKEN)
        source = ENV_TOKEN
    else:
        monkeypatch.setenv(ENV_USER, USER)
        monkeypatch.setenv(ENV_PASSWORD, ENCODED_PASSWORD)
        source = f"{ENV_USER} and {ENV_PASSWORD}"
    echo.status = 403
    forms = _encoded_forms(scheme)
    for form in forms:
        echo.body = f"{form} was refused"
        with pytest.raises(StoreError) as error:
            push("kverme2019", endpoint=echo.store, retries=0)
        assert str(error.value).endswith(
            f": [redacted] was refused; {scheme} credentials from {source} were sent; the "
            "graph was not changed"
        ), form
    echo.body = " | ".join(f"{number}={form}" for number, form in enumerate(forms))
    done = cli("push", "--endpoint", echo.store, "--retries", "0")
    assert done.returncode == 3
    assert " | ".join(f"{number}=[redacted]" for number in range(len(forms))) in done.stderr


def test_a_secret_cut_where_the_message_ends_is_redacted_before(echo: Echo, token: str) -> None:
    echo.status = 400
    for start in range(285, 300):
        echo.body = "x" * start + token
        with pytest.raises(StoreError) as error:
            push("kverme2019", endpoint=echo.store, retries=0)
        assert _shown(str(error.value)) == []
        assert token[:4] not in str(error.value)


@pytest.mark.usefixtures("token")
def test_a_token_in_the_reason_phrase_or_a_redirect_is_redacted(echo: Echo, cli: Cli) -> None:
    echo.status, echo.reason = 418, "Refused {auth}"
    done = cli("push", "--endpoint", echo.store)
    assert done.returncode == 3
    assert "answered 418 Refused [redacted]" in done.stderr
    echo.status, echo.reason = 302, None
    echo.headers = {"Location": "https://elsewhere.example.org/store?echo={auth}"}
    done = cli("query", "stats", "--endpoint", echo.query)
    assert done.returncode == 3
    assert "moved it to https://elsewhere.example.org/store?echo=" in done.stderr
    assert _shown(done.stdout + done.stderr) == []


@pytest.mark.usefixtures("token")
def test_a_token_in_an_answer_that_cannot_be_read_is_redacted(echo: Echo, cli: Cli) -> None:
    echo.status, echo.content_type = 200, "text/x-{auth}"
    done = cli("sparql", str(STATS), "--endpoint", echo.query, "--graph", f"{GRAPH}g")
    assert done.returncode == 3
    assert "answered text/x-[redacted]; expected SPARQL results" in done.stderr
    echo.content_type = "application/sparql-results+json"
    echo.body = '{{"head": {{"vars": ["{auth}"]}}, "results": {{"bindings": [{{"{auth}": 1}}]}}'
    done = cli("sparql", str(STATS), "--endpoint", echo.query, "--graph", f"{GRAPH}g")
    assert done.returncode == 3
    assert "that cannot be read" in done.stderr
    assert _shown(done.stdout + done.stderr) == []


def test_credentials_given_in_python_are_redacted(
    echo: Echo, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    credentials = Credentials.basic(USER, PASSWORD)
    echo.status = 500
    with pytest.raises(StoreError) as error:
        push("kverme2019", endpoint=echo.store, credentials=credentials, retries=0)
    assert "[redacted]" in str(error.value)
    with pytest.raises(StoreError) as asked:
        SparqlEndpoint(echo.query, credentials=credentials, retries=0).query("ASK {}")
    shown = str(error.value) + str(asked.value) + repr(credentials) + caplog.text
    assert _shown(shown) == []


def test_a_token_in_the_endpoint_s_query_string_is_never_shown(
    echo: Echo, cli: Cli, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in (ENV_TOKEN, ENV_USER, ENV_PASSWORD):
        monkeypatch.delenv(name, raising=False)
    caplog.set_level(logging.DEBUG)
    store = f"{echo.store}?db=bpd&access_token={TOKEN}"
    echo.status, echo.body = 204, ""
    done = cli("push", "--endpoint", store)
    assert done.returncode == 0, done.stderr
    assert "/store?db=bpd&access_token=[redacted] in" in done.stderr
    assert f"access_token={TOKEN}" in echo.requests[-1].splitlines()[0]  # sent all the same
    echo.status, echo.body = 500, None
    done = cli("push", "--endpoint", store, "--retries", "0")
    assert done.returncode == 3
    assert "/store?db=bpd&access_token=[redacted]: pushing <" in done.stderr
    endpoint = SparqlEndpoint(f"{echo.query}?key={TOKEN}")
    shown = done.stdout + done.stderr + caplog.text + repr(endpoint)
    assert _shown(shown) == []


def test_urllib3_s_log_shows_no_secret_of_a_url(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    for name in ("urllib3.connectionpool", "urllib3.connection"):
        logging.getLogger(name).debug(
            '%s "%s %s"', "http://me:pw@127.0.0.1:1", "POST", f"/query?access_token={TOKEN}&db=1"
        )
    assert (
        caplog.messages
        == ['http://[redacted]@127.0.0.1:1 "POST /query?access_token=[redacted]&db=1"'] * 2
    )


# -- a slow store ---------------------------------------------------------------------------------


@dataclass
class Slow(StoreUrls):
    """A store whose answers come slowly: ``head`` and ``body`` sent a byte every ``pace`` s
    (``head`` at once if ``fast_head``), or the request never read if ``deaf``."""

    url: str = ""
    pace: float = 1.0
    framing: str = "HTTP/1.1"
    """How the answer's head frames its body: a key of ``_FRAMINGS``."""
    fast_head: bool = False
    deaf: bool = False
    stopped: threading.Event = field(default_factory=threading.Event)


_RESULTS = b'{"head": {"vars": ["n"]}, "results": {"bindings": []}}' + b" " * 2 * GUARD_SECONDS
"""Results that, sent a byte a second, outlast the guard: a run the timeout did not stop fails
as a hang, rather than ending late with the whole answer read."""


_FRAMINGS = {
    "HTTP/1.1": b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n",
    "HTTP/1.1, Connection: close": (
        b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: %d\r\n"
    ),
    "HTTP/1.1, chunked": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n",
    "HTTP/1.0": b"HTTP/1.0 200 OK\r\nContent-Length: %d\r\n",
    "HTTP/1.0, keep-alive": b"HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: %d\r\n",
    "HTTP/1.0, no length": b"HTTP/1.0 200 OK\r\n",
}
"""The status line and the headers that frame an answer's body, in each way a store may."""


def _answer(body: bytes, framing: str) -> tuple[bytes, bytes]:
    head = _FRAMINGS[framing]
    if b"%d" in head:
        head %= len(body)
    if b"chunked" in head:
        body = b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
    return head + b"Content-Type: application/sparql-results+json\r\n\r\n", body


@pytest.fixture
def slow() -> Iterator[Slow]:
    store = Slow()

    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self) -> None:
            if store.deaf:
                store.stopped.wait(60)
                return
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            head, body = _answer(_RESULTS, store.framing)
            try:
                if store.fast_head:
                    self.wfile.write(head)
                    head = b""
                for byte in head + body:
                    if store.stopped.wait(store.pace):
                        return
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
            except OSError:
                return  # the client gave up

        do_PUT = do_POST = do_GET = _answer  # noqa: N815 - http.server's names

        def log_message(self, format: str, *args: object) -> None:  # noqa: ARG002
            return

    class Server(http.server.ThreadingHTTPServer):
        def server_bind(self) -> None:
            self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            super().server_bind()

    try:
        with serving(Handler, Server) as store.url:
            yield store
    finally:
        store.stopped.set()


def _late(args: list[str], tries: str = "once") -> None:
    done = guarded(*args)
    assert done.status == 3, done.output
    assert f"did not answer within 2 s (tried {tries})" in done.stderr
    assert "pushed" not in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize("framing", ["HTTP/1.1", "HTTP/1.0"])
def test_a_store_that_trickles_its_answer_is_stopped_at_the_timeout(
    slow: Slow, framing: str
) -> None:
    slow.framing = framing
    common = ["--timeout", "2", "--retries", "0"]
    _late(["push", "--endpoint", slow.store, *common])
    _late(["query", "stats", "--endpoint", slow.query, *common])
    _late(["sparql", str(STATS), "--endpoint", slow.query, "--graph", f"{GRAPH}g", *common])


@pytest.mark.parametrize("framing", _FRAMINGS)
def test_a_store_that_trickles_its_body_is_stopped_at_the_timeout(slow: Slow, framing: str) -> None:
    slow.fast_head, slow.framing = True, framing
    _late(["push", "--endpoint", slow.store, "--timeout", "2", "--retries", "0"])
    _late(["query", "stats", "--endpoint", slow.query, "--timeout", "2", "--retries", "0"])


def test_a_store_that_does_not_read_the_request_is_stopped_at_the_timeout(
    slow: Slow, tmp_path: Path
) -> None:
    slow.deaf = True
    large = tmp_path / "large.rq"
    with large.open("w", encoding="utf-8") as query:
        query.write("ASK { ?s ?p ?o }\n")
        line = "#" + "x" * 1023 + "\n"
        query.writelines(line for _ in range(32 * 1024))
    graph = ["--graph", f"{GRAPH}g"]
    _late(
        ["sparql", str(large), "--endpoint", slow.query, *graph, "--timeout", "2", "--retries", "0"]
    )


def test_each_try_again_has_a_deadline_of_its_own(slow: Slow) -> None:
    _late(["push", "--endpoint", slow.store, "--timeout", "2", "--retries", "1"], "2 times")


def test_a_failed_tls_handshake_is_not_tried_again(echo: Echo, cli: Cli) -> None:
    store = echo.store.replace("http://", "https://")
    done = cli("push", "--endpoint", store, "--retries", "3")
    assert done.returncode == 3
    assert f"error: {store}: pushing <{GRAPH}kverme2019>" in done.stderr
    assert "POST: the TLS handshake failed: [SSL" in done.stderr
    assert "(tried" not in done.stderr
    assert "the graph was not changed" in done.stderr


def _closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (bound, then closed at once)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.mark.parametrize(
    ("host", "reason"),
    [
        (f"127.0.0.1:{_closed_port()}", "Connection refused"),
        ("x" * 300, "more characters)"),  # the name, cut
    ],
    ids=["refused", "name too long"],
)
def test_a_store_that_cannot_be_reached_is_said_so_at_once(
    cli: Cli, host: str, reason: str
) -> None:
    done = cli("query", "stats", "--endpoint", f"http://{host}/query", "--retries", "0")
    assert done.returncode == 3, done.stderr
    assert "could not be reached" in done.stderr
    assert reason in done.stderr
    assert "within" not in done.stderr  # a refusal is no timeout


# -- push, then ask a store started plainly -----------------------------------------------------


@dataclass
class Plain(StoreUrls):
    url: str


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Plain]:
    """An Oxigraph server started without ``--union-default-graph``, holding the literature."""
    oxigraph_program()
    with oxigraph_server(tmp_path_factory.mktemp("plain"), union_default_graph=False) as running:
        yield Plain(running.url)


@pytest.fixture
def pushed(plain: Plain, cli: Cli) -> Plain:
    done = cli("push", *LITERATURE, "--endpoint", plain.store, "--replace")
    assert done.returncode == 0, done.stderr
    return plain


UNION = (
    f"asking the union of the store's 2 named graphs: <{GRAPH}bpd-literature>, "
    f"<{GRAPH}katsakou2012>"
)


def test_a_query_sees_the_graphs_push_wrote(pushed: Plain, cli: Cli) -> None:
    args = ["-p", "target=Connectedness", "-f", "json"]
    remote = cli("query", "mapped-to", *args, "--endpoint", pushed.query)
    assert remote.returncode == 0, remote.stderr
    assert remote.stderr.splitlines() == [UNION]
    local = cli("query", "mapped-to", *LITERATURE, *args)
    assert json.loads(remote.stdout) == json.loads(local.stdout) != []
    theme = cli(
        "query",
        "quotes-for-theme",
        "-p",
        "theme=Daring to Belong",
        "--endpoint",
        pushed.query,
        "-f",
        "json",
    )
    assert theme.returncode == 0, theme.stderr
    assert "no theme has this id or label" not in theme.stderr
    assert json.loads(theme.stdout) != []


def test_graph_patterns_and_a_query_s_own_from_are_kept(
    pushed: Plain, cli: Cli, tmp_path: Path
) -> None:
    graphs = tmp_path / "graphs.rq"
    graphs.write_text(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
        encoding="utf-8",
    )
    done = cli("sparql", str(graphs), "--endpoint", pushed.query, "-f", "csv")
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"g,n\n{GRAPH}bpd-literature,873\n{GRAPH}katsakou2012,108\n"
    own = tmp_path / "own.rq"
    own.write_text(
        f"SELECT (COUNT(*) AS ?n) FROM <{GRAPH}katsakou2012> WHERE {{ ?s ?p ?o }}",  # noqa: S608
        encoding="utf-8",
    )
    done = cli("sparql", str(own), "--endpoint", pushed.query, "-f", "csv")
    assert (done.returncode, done.stdout) == (0, "n\n108\n")
    assert done.stderr.splitlines() == ["asking the graphs the query names (FROM)"]


def test_a_named_graph_or_the_default_graph_when_asked(pushed: Plain, cli: Cli) -> None:
    one = cli(
        "sparql",
        str(STATS),
        "--endpoint",
        pushed.query,
        "--graph",
        f"{GRAPH}katsakou2012",
        "-f",
        "json",
    )
    assert one.returncode == 0, one.stderr
    assert one.stderr.splitlines() == [f"asking the named graph <{GRAPH}katsakou2012>"]
    default = cli(
        "query",
        "quotes-for-theme",
        "-p",
        "theme=Daring to Belong",
        "--endpoint",
        pushed.query,
        "--default-graph",
    )
    assert default.returncode == 2
    lines = default.stderr.replace("\n", " ")
    assert "asking the store's default graph" in lines
    assert "no theme has this id or label" in lines
    assert (
        "the store's default graph is empty, but it holds 2 named graphs "
        f"(<{GRAPH}bpd-literature>, <{GRAPH}katsakou2012>): leave out --default-graph"
    ) in lines


def test_the_graphs_asked_in_python(pushed: Plain) -> None:
    said: list[str] = []
    endpoint = SparqlEndpoint(pushed.query, on_dataset=said.append)
    assert endpoint.dataset().graphs == (f"{GRAPH}bpd-literature", f"{GRAPH}katsakou2012")
    assert bool(endpoint.query("ASK { ?s ?p ?o }"))
    assert said == [UNION.removeprefix("asking ")]
    default = SparqlEndpoint(pushed.query, default_graph=True)
    with pytest.warns(EvidenceGraphWarning, match="the store's default graph is empty, but it"):
        assert not bool(default.query("ASK { ?s ?p ?o }"))
    with pytest.raises(ValueError, match="expected graphs or default_graph, not both"):
        SparqlEndpoint(pushed.query, graphs=[f"{GRAPH}g"], default_graph=True)


def test_a_store_with_no_named_graph_is_asked_its_default_graph(cli: Cli, tmp_path: Path) -> None:
    oxigraph_program()
    with oxigraph_server(tmp_path) as empty:
        done = cli("sparql", str(STATS), "--endpoint", f"{empty.url}/query", "-f", "csv")
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        "asking the store's default graph (the store holds no named graph)"
    ]
    assert done.stdout.startswith("kind,count\nwork,0\n")


def test_a_store_that_will_not_list_its_graphs_is_asked_its_default_graph(
    echo: Echo, cli: Cli, tmp_path: Path
) -> None:
    echo.script = [
        (400, "text/plain", "GRAPH ?g {{}} is not supported"),
        (200, "application/sparql-results+json", '{{"head": {{}}, "boolean": true}}'),
    ]
    ask = tmp_path / "ask.rq"
    ask.write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    done = cli("sparql", str(ask), "--endpoint", echo.query, "--retries", "0")
    assert (done.returncode, done.stdout) == (0, "true\n"), done.stderr
    assert done.stderr.splitlines() == [
        "asking the store's default graph (the store refused to list its named graphs)"
    ]
    assert "default-graph-uri" not in echo.requests[-1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--endpoint", "{query}", "--graph", "https://example.org/g", "--default-graph"],
            "--graph and --default-graph: give one or the other",
        ),
        (["--default-graph"], "--default-graph is for a store: give --endpoint URL too"),
    ],
)
def test_default_graph_usage_errors(cli: Cli, args: list[str], message: str) -> None:
    filled = [arg.format(query="http://127.0.0.1:9/query") for arg in args]
    done = cli("query", "stats", *filled)
    assert done.returncode == 2
    assert message in done.stderr
    assert done.stdout == ""
