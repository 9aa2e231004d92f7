"""An Oxigraph server for the push benchmarks and the tests: fresh, on this machine, stopped after.

``oxigraph serve`` (PyPI's ``oxigraph``, a dev dependency) is started on ``127.0.0.1`` at a
free port, with a data folder of its own made for it and removed after it stops, so that a
push is never timed into a store that already holds the data. The test suite starts its one
server of the session here too (``tests/conftest.py``). The server shares the machine's
cores with the process that times it; its CPU time is reported beside the timings, and its
memory is not in their peak RSS. On Linux the server is stopped by the kernel if the process
that started it dies, so that a benchmark stopped for taking too long leaves no server behind.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import urllib3

__all__ = [
    "COUNT_QUERY",
    "MISSING",
    "Server",
    "count_quads",
    "free_port",
    "oxigraph_binary",
    "oxigraph_server",
]

STARTUP = 30.0
"""Seconds the server may take to answer its first request."""
STOP = 10.0
"""Seconds the server may take to stop when asked, before it is killed."""
COUNT_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
"""Counts the triples of every named graph of the store."""
MISSING = "the Oxigraph server is not installed (`oxigraph`, PyPI's oxigraph, a dev dependency)"
"""Why the operations that need the server are skipped without it."""

_PR_SET_PDEATHSIG = 1
_LOG_TAIL = 5
"""The lines of the server's log that an error shows."""


def oxigraph_binary() -> Path | None:
    """Return the ``oxigraph`` program beside this Python's, else on the ``PATH``, or None."""
    beside = str(Path(sys.executable).parent)
    found = shutil.which("oxigraph", path=os.pathsep.join([beside, os.environ.get("PATH", "")]))
    return None if found is None else Path(found)


def free_port() -> int:
    """Return a TCP port of 127.0.0.1 that nothing listens on (the system chooses it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _stop_with_parent() -> None:
    """Have the kernel stop this (the server's) process when its parent dies (Linux only)."""
    ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def _children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class Server:
    """A running Oxigraph server.

    Attributes:
        url: Its root, e.g. ``http://127.0.0.1:40123`` (``/store`` is its Graph Store
            endpoint, ``/query`` its query endpoint).
        cpu_seconds: The CPU time (user and system) it took from start to stop, all its
            threads; None until it has stopped.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self.cpu_seconds: float | None = None

    @property
    def store(self) -> str:
        """The Graph Store endpoint."""
        return f"{self.url}/store"


def _log_tail(log: Path) -> str:
    lines = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    return " | ".join(lines[-_LOG_TAIL:]) or "nothing in its log"


def _wait_until_up(process: subprocess.Popen[bytes], url: str, log: Path) -> None:
    """Return once ``GET /`` answers; raise if the server exits or takes over :data:`STARTUP`."""
    deadline = time.monotonic() + STARTUP
    while True:
        if process.poll() is not None:
            raise RuntimeError(
                f"oxigraph serve exited with status {process.returncode}: {_log_tail(log)}"
            )
        with contextlib.suppress(urllib3.exceptions.HTTPError):
            if urllib3.request("GET", f"{url}/", timeout=1.0, retries=False).status < 500:  # noqa: PLR2004
                return
        if time.monotonic() > deadline:
            raise RuntimeError(f"oxigraph serve did not answer within {STARTUP:g} s at {url}")
        time.sleep(0.05)


@contextlib.contextmanager
def oxigraph_server(parent: Path, *, union_default_graph: bool = False) -> Iterator[Server]:
    """Start an Oxigraph server with an empty store in a new folder of ``parent``; stop it after.

    Args:
        parent: Where the server's data folder is made (and removed when it has stopped).
        union_default_graph: Whether a query's default graph is the union of every graph
            (``--union-default-graph``), as the README starts it; else the store's default
            graph alone.

    Yields:
        The running server; its :attr:`Server.cpu_seconds` is set once it has stopped.

    Raises:
        RuntimeError: If ``oxigraph`` is not installed, exits or does not answer in time.
    """
    binary = oxigraph_binary()
    if binary is None:
        raise RuntimeError(MISSING)
    parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="oxigraph-serve-", dir=parent) as folder:
        data, log = Path(folder) / "data", Path(folder) / "server.log"
        address = f"127.0.0.1:{free_port()}"
        command = [str(binary), "serve", "--location", str(data), "--bind", address]
        if union_default_graph:
            command.append("--union-default-graph")
        cpu = _children_cpu_seconds()
        with log.open("wb") as output:
            process = subprocess.Popen(  # noqa: S603 - the oxigraph program, no shell
                command,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                preexec_fn=_stop_with_parent if sys.platform == "linux" else None,  # noqa: PLW1509 - one prctl call
            )
        server = Server(f"http://{address}")
        try:
            _wait_until_up(process, server.url, log)
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=STOP)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            server.cpu_seconds = _children_cpu_seconds() - cpu


def count_quads(server: Server) -> int:
    """Return the triples the server's named graphs hold, together (:data:`COUNT_QUERY`)."""
    answer = urllib3.request(
        "POST",
        f"{server.url}/query",
        body=COUNT_QUERY.encode("utf-8"),
        headers={
            "Content-Type": "application/sparql-query",
            "Accept": "application/sparql-results+json",
        },
        retries=False,
        timeout=urllib3.Timeout(connect=10.0, read=None),
    )
    if answer.status != 200:  # noqa: PLR2004
        raise RuntimeError(f"counting the store's triples: HTTP {answer.status}: {answer.data!r}")
    [row] = json.loads(answer.data)["results"]["bindings"]
    return int(row["n"]["value"])
