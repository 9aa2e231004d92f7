"""One HTTP request within a deadline: connecting, sending and reading the whole answer.

A socket's timeout bounds each read and write alone, so a store that sends one byte a second
holds a request for as long as it likes. Here the deadline is the request's: when it passes,
the connection's socket is shut down, which ends whatever read or write is under way. One
thread of the process watches the deadlines of every request under way (a thread started for
each request would cost more than a small request, on a busy machine most of all).

The socket is kept from the moment it is connected: for an answer that closes the connection
(HTTP/1.0, or ``Connection: close``), http.client lets go of the connection's socket once the
head is read and reads the body through a file made from it, which the shutdown still ends.
"""

from __future__ import annotations

import contextlib
import heapq
import http.client
import itertools
import os
import re
import socket
import ssl
import threading
import time
from collections.abc import Iterator, Mapping
from typing import Literal
from urllib.parse import urlsplit

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.exceptions import HTTPError, NewConnectionError
from urllib3.exceptions import SSLError as TlsError
from urllib3.exceptions import TimeoutError as LateError

from evidence_graph.display import shorten

__all__ = ["Kept", "Kind", "RequestFailedError", "exchange"]

Kind = Literal["unreached", "late", "tls", "broken", "stale"]
"""How a request failed."""


_CONNECTION = re.compile(r"^\w+\(host=.*?, port=.*?\): ")
"""The connection object that urllib3 names first in its errors."""


class RequestFailedError(Exception):
    """A request that got no whole answer.

    Attributes:
        kind: ``unreached`` (no connection was made: nothing was sent), ``late`` (the
            deadline passed once connected), ``tls`` (the TLS handshake failed), ``broken``
            (the connection broke off) or ``stale`` (a connection kept from an earlier
            request broke off before any answer: the store may have closed it meanwhile).
        reason: What went wrong, in a few words.
    """

    def __init__(self, kind: Kind, reason: str = "") -> None:
        super().__init__(kind, reason)
        self.kind = kind
        self.reason = reason


class _Deadline:
    """Shuts a connection's socket down when ``seconds`` have passed, unless stopped before."""

    def __init__(self, connection: HTTPConnection, seconds: float) -> None:
        self._connection: HTTPConnection | None = connection
        self._socket: socket.socket | None = None
        self._lock = threading.Lock()
        self._stopped = False
        self.passed = False
        self.at = time.monotonic() + seconds
        _WATCH.add(self)

    def expire(self) -> None:
        """Shut the socket down, unless the request is over."""
        with self._lock:
            if self._stopped:
                return
            self.passed = True
            sock = self._socket
            if sock is None and self._connection is not None:
                sock = self._connection.sock
            if sock is not None:  # else connecting, which the socket's own timeout bounds
                with contextlib.suppress(OSError):
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)

    def hold(self, sock: socket.socket | None) -> None:
        """Keep the connected socket, to shut it down even once the connection lets go of it."""
        with self._lock:
            self._socket = sock

    @property
    def stopped(self) -> bool:
        """Whether the request is over."""
        return self._stopped

    def stop(self) -> None:
        """End the watch: the request is over (its connection and socket are let go)."""
        with self._lock:
            self._stopped = True
            self._connection = self._socket = None


class _Watch:
    """One thread that ends the requests whose deadline passed, started when first needed."""

    def __init__(self) -> None:
        self._waiting = threading.Condition()
        self._deadlines: list[tuple[float, int, _Deadline]] = []
        self._order = itertools.count()
        self._thread: threading.Thread | None = None
        self._tidy_at = _TIDY

    def add(self, deadline: _Deadline) -> None:
        """Watch ``deadline`` until it passes (a stopped one is let go then)."""
        with self._waiting:
            first = not self._deadlines or deadline.at < self._deadlines[0][0]
            heapq.heappush(self._deadlines, (deadline.at, next(self._order), deadline))
            if len(self._deadlines) >= self._tidy_at:  # let go of the requests that are over
                self._deadlines = [entry for entry in self._deadlines if not entry[2].stopped]
                heapq.heapify(self._deadlines)
                self._tidy_at = max(_TIDY, 2 * len(self._deadlines))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="store-deadlines", daemon=True
                )
                self._thread.start()
            elif first:
                self._waiting.notify()

    def _run(self) -> None:
        while True:
            with self._waiting:
                while not self._deadlines or self._deadlines[0][0] > time.monotonic():
                    left = self._deadlines[0][0] - time.monotonic() if self._deadlines else None
                    self._waiting.wait(left)
                _, _, deadline = heapq.heappop(self._deadlines)
            deadline.expire()


_TIDY = 1024
"""The deadlines watched (those of requests over included) past which the watch forgets the
requests that are over."""
_WATCH = _Watch()


def _watch_anew() -> None:
    """Give a forked child a watch of its own: it has no thread watching, and no request."""
    global _WATCH  # noqa: PLW0603 - the one watch of the process
    _WATCH = _Watch()


os.register_at_fork(after_in_child=_watch_anew)


class Kept:
    """Connections kept open between requests: one for each thread, to one host.

    A connection is kept when its answer was read whole and the store did not close it; it is
    taken again by the next request of the same thread to the same host, unless the store has
    closed it since.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._idle: dict[int, tuple[str, HTTPConnection]] = {}

    def take(self, host: str) -> HTTPConnection | None:
        """Return this thread's connection to ``host``, if one is kept and still open."""
        with self._lock:
            kept = self._idle.pop(threading.get_ident(), None)
        if kept is None:
            return None
        where, connection = kept
        if where == host and connection.is_connected:
            return connection
        connection.close()
        return None

    def give(self, host: str, connection: HTTPConnection) -> None:
        """Keep ``connection`` for this thread's next request to ``host``."""
        with self._lock:
            before = self._idle.pop(threading.get_ident(), None)
            self._idle[threading.get_ident()] = (host, connection)
        if before is not None:
            before[1].close()

    def close(self) -> None:
        """Close every connection kept."""
        with self._lock:
            kept, self._idle = list(self._idle.values()), {}
        for _, connection in kept:
            connection.close()


@contextlib.contextmanager
def _within(
    connection: HTTPConnection, seconds: float, kept: Kept | None, host: str
) -> Iterator[_Deadline]:
    """Watch the request's deadline; then keep its connection if it may serve again, else close."""
    deadline = _Deadline(connection, seconds)
    whole = False
    try:
        yield deadline
        whole = True
    finally:
        deadline.stop()
        if kept is not None and whole and connection.sock is not None:  # the store keeps it open
            kept.give(host, connection)
        else:
            connection.close()


def _connection(url: str, seconds: float, kept: Kept | None) -> tuple[HTTPConnection, bool]:
    """Return a connection to the URL's host: one kept open, else a new one (not yet made)."""
    parts = urlsplit(url)
    if kept is not None and (connection := kept.take(_host(url))) is not None:
        if connection.sock is not None:
            connection.sock.settimeout(seconds)
        return connection, True
    kind = HTTPSConnection if parts.scheme == "https" else HTTPConnection
    return kind(parts.hostname or "", parts.port, timeout=seconds), False


def _host(url: str) -> str:
    """Return the scheme, host and port of a URL: what a connection kept open is for."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _target(url: str) -> str:
    """Return what a request asks the host for: the URL's path and query."""
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _reason(error: BaseException) -> str:
    """Return what went wrong, without the connection object urllib3 puts first, cut if long.

    Examples:
        >>> _reason(OSError("HTTPConnection(host='h', port=1): Failed: [Errno 111] refused"))
        'Failed: [Errno 111] refused'
    """
    return shorten(_CONNECTION.sub("", str(error)) or type(error).__name__)


def exchange(
    method: str,
    url: str,
    *,
    body: bytes | None,
    headers: Mapping[str, str],
    seconds: float,
    kept: Kept | None = None,
) -> urllib3.BaseHTTPResponse:
    """Send one request and return the answer, read whole.

    The request goes on a connection of its own, or on one that ``kept`` holds open (and that
    keeps it after, if the store leaves it open). Redirects are not followed. Connecting,
    sending and reading every byte of the answer take at most ``seconds`` together.

    Raises:
        RequestFailedError: If there was no whole answer in time.
    """
    connection, reused = _connection(url, seconds, kept)
    target = _target(url)
    with _within(connection, seconds, kept, _host(url)) as deadline:
        late = f"no connection within {seconds:g} s"
        try:
            if not reused:
                connection.connect()
        except (HTTPError, OSError) as error:
            # urllib3's NewConnectionError (a refusal, an unknown host) is also a LateError.
            timed_out = isinstance(error, LateError | TimeoutError) and not isinstance(
                error, NewConnectionError
            )
            if deadline.passed or timed_out:
                raise RequestFailedError("unreached", late) from None
            kind: Kind = "tls" if isinstance(error, (ssl.SSLError, TlsError)) else "unreached"
            raise RequestFailedError(kind, _reason(error)) from None
        deadline.hold(connection.sock)
        if deadline.passed:  # connected as it passed: nothing was sent
            raise RequestFailedError("unreached", late)
        try:
            connection.request(method, target, body=body, headers=headers, preload_content=True)
            answer = connection.getresponse()
        except (HTTPError, http.client.HTTPException, OSError) as error:
            if deadline.passed or isinstance(error, (LateError, TimeoutError)):
                raise RequestFailedError("late") from None
            raise RequestFailedError("stale" if reused else "broken", _reason(error)) from None
        if deadline.passed:  # the answer may have been cut where the socket was shut down
            raise RequestFailedError("late")
        return answer
