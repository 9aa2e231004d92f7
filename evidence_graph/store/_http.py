"""HTTP to a triple store: credentials from the environment, deadlines, retries with backoff.

Credentials are read from the environment and sent as an ``Authorization`` header; they are
never part of a message, a ``repr`` or a log: every message of a failed request is made by
:meth:`Client.error`, which redacts them from what the store answered too. A URL that carries
a user name or password is refused.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlencode, urlsplit, urlunsplit

import urllib3

from evidence_graph.exceptions import StoreError
from evidence_graph.store._credentials import (
    ENV_PASSWORD,
    ENV_TOKEN,
    ENV_USER,
    Credentials,
    redact_url,
)
from evidence_graph.store._transport import Kept, RequestFailedError, exchange

__all__ = ["Client", "check_endpoint", "with_query"]

_RETRIED = frozenset({408, 425, 429, 500, 502, 503, 504})
"""Statuses that may pass if asked again: a timeout, too many requests, a server error."""
_sleep = time.sleep
"""How the client waits between two tries."""
_LONGEST_WAIT = 30.0
"""The longest wait between two tries, in seconds, whatever a ``Retry-After`` asks."""
_SUCCESS = 200
_REDIRECT = 300
_ERROR = 400
_LONGEST_TIMEOUT = 86_400.0
"""The longest timeout taken, in seconds (a day)."""
_SHOWN = 300
"""The characters of a store's answer that a message shows."""


def check_endpoint(url: str, *, option: str = "endpoint") -> str:
    """Return ``url`` if it is an ``http(s)`` URL without credentials in it, else raise.

    Raises:
        ValueError: Naming what was expected.

    Examples:
        >>> check_endpoint("http://localhost:7878/store")
        'http://localhost:7878/store'
        >>> check_endpoint("http://me:pw@localhost/store")
        Traceback (most recent call last):
        ...
        ValueError: endpoint: the URL holds a user name or password; expected them in ...
    """
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is no number
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ValueError(
            f"{option}: expected an http:// or https:// URL, e.g. http://localhost:7878/store"
        )
    if parts.username is not None or parts.password is not None:
        raise ValueError(
            f"{option}: the URL holds a user name or password; expected them in {ENV_USER} and "
            f"{ENV_PASSWORD} (or a token in {ENV_TOKEN}), never in the URL"
        )
    if any(character.isspace() for character in url):
        raise ValueError(f"{option}: the URL holds white space; expected none")
    if parts.fragment or url.endswith("#"):
        raise ValueError(
            f"{option}: the URL holds a fragment (#…), which is never sent; expected none"
        )
    return url


def with_query(url: str, name: str, value: str) -> str:
    """Return ``url`` with ``name=value`` added to its query string, the value encoded.

    Examples:
        >>> with_query("http://h/ds/data?x=1", "graph", "https://example.org/g?a=b&c#d")
        'http://h/ds/data?x=1&graph=https%3A%2F%2Fexample.org%2Fg%3Fa%3Db%26c%23d'
    """
    parts = urlsplit(url)
    pair = urlencode({name: value})
    query = f"{parts.query}&{pair}" if parts.query else pair
    return urlunsplit(parts._replace(query=query))


def _seconds(value: float) -> str:
    return f"{value:g} s"


class Client:
    """Requests to a store, tried again with growing waits when they fail for a while.

    Connections that fail or time out, and the statuses 408, 425, 429, 500, 502, 503 and 504,
    are tried again up to ``retries`` times, after ``backoff``, then twice, four times as long
    (or what the store's ``Retry-After`` asks), each wait at most 30 s. Other statuses of 300
    and above, and a failed TLS handshake, fail at once. A request sent with ``again=False``
    is tried again only when no connection could be made, as sending it twice would not give
    what sending it once gives.

    With ``keep_alive``, a connection that the store leaves open serves the next request of the
    same thread (a request sent with ``again=False`` always has a new one); a kept connection
    that breaks off before any answer, as when the store closed it meanwhile, is not a try:
    the request is sent at once on a new connection. The client must then be closed
    (``with client:``), which closes them.

    Args:
        credentials: Sent with every request, if given.
        timeout: Seconds one try of a request may take, from connecting to the last byte of
            the answer.
        retries: How many times to try a failed request again.
        backoff: The first wait, in seconds.
        keep_alive: Keep connections open between requests.
    """

    def __init__(
        self,
        *,
        credentials: Credentials | None = None,
        timeout: float = 60.0,
        retries: int = 3,
        backoff: float = 0.5,
        keep_alive: bool = False,
    ) -> None:
        if not 0 < timeout <= _LONGEST_TIMEOUT:
            raise ValueError(
                f"timeout: {timeout!r}: expected a number of seconds above 0, at most "
                f"{_LONGEST_TIMEOUT:g}"
            )
        if retries < 0:
            raise ValueError(f"retries: {retries!r}: expected 0 or more")
        self.credentials = credentials
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self._kept = Kept() if keep_alive else None

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def redact(self, text: str) -> str:
        """Return ``text`` with the credentials redacted: those sent, and those of its URLs."""
        if self.credentials is None:
            return redact_url(text)
        return self.credentials.redact(text)

    def error(
        self, url: str, message: str, *, status: int | None = None, reached: bool = True
    ) -> StoreError:
        """Return the error of a request to ``url``, every credential redacted from it.

        Every message of a failed request is made here, what the store said in it included.
        """
        return StoreError(self.redact(url), self.redact(message), status=status, reached=reached)

    def request(
        self,
        method: str,
        url: str,
        *,
        body: bytes | None = None,
        fields: Mapping[str, str | list[str]] | None = None,
        headers: Mapping[str, str] | None = None,
        shown: str | None = None,
        hint: str = "",
        again: bool = True,
    ) -> urllib3.BaseHTTPResponse:
        """Send a request and return the store's answer, once its status is a success (2xx).

        Args:
            method: ``GET``, ``PUT``, ``POST``…
            url: The URL, with its query string.
            body: The body to send.
            fields: Form fields to send urlencoded in the body, instead.
            headers: More headers.
            shown: The URL that messages name (the endpoint, without the parameters added).
            hint: Said after a 404 (e.g. what the endpoint of such a store looks like).
            again: Whether the request may be sent again after it may have reached the store.

        Raises:
            StoreError: If the store could not be reached, did not answer in time, redirected
                the request or answered an error, after the tries allowed.
        """
        name = shown or url
        sent = dict(headers or {})
        if self.credentials is not None:
            sent["Authorization"] = self.credentials.header
        if fields is not None:
            body = urlencode(_pairs(fields)).encode("ascii")
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        tries = self.retries + 1
        reached = False
        attempt = 0
        while True:
            attempt += 1
            wait = self.backoff * 2 ** (attempt - 1)
            status: int | None = None
            kept = self._kept if again else None
            try:
                answer = exchange(
                    method, url, body=body, headers=sent, seconds=self.timeout, kept=kept
                )
            except RequestFailedError as failed:
                if failed.kind == "stale":  # a kept connection the store closed: not a try
                    reached, attempt = True, attempt - 1
                    continue
                if failed.kind == "tls":
                    message = f"{method}: the TLS handshake failed: {failed.reason}"
                    raise self.error(name, message, reached=False) from None
                reached = reached or failed.kind != "unreached"
                failure = self._failure(failed)
            else:
                reached = True
                status = answer.status
                if _SUCCESS <= status < _REDIRECT:
                    return answer
                said = _excerpt(answer, self.redact)
                failure = f"answered {status} {answer.reason or ''}".rstrip() + said
                if status not in _RETRIED:
                    message = f"{method} {failure}{self._hint(answer, hint)}"
                    raise self.error(name, message, status=status, reached=reached)
                wait = _retry_after(answer, wait)
            if attempt >= tries or (reached and not again):
                break
            _sleep(min(wait, _LONGEST_WAIT))
        times = "once" if attempt == 1 else f"{attempt} times"
        message = f"{method} {failure} (tried {times})"
        raise self.error(name, message, status=status, reached=reached)

    def _failure(self, failed: RequestFailedError) -> str:
        if failed.kind == "unreached":
            return f"could not be reached: {failed.reason}"
        if failed.kind == "late":
            return f"did not answer within {_seconds(self.timeout)}"
        return f"broke off the connection: {failed.reason}"

    def _hint(self, answer: urllib3.BaseHTTPResponse, hint: str) -> str:
        status = answer.status
        if _REDIRECT <= status < _ERROR:
            where = answer.headers.get("Location")
            return f"; the store moved it{f' to {where}' if where else ''}: use that URL"
        if status in {401, 403}:
            if self.credentials is None:
                return (
                    f"; no credentials were sent: set {ENV_TOKEN}, or {ENV_USER} and {ENV_PASSWORD}"
                )
            return (
                f"; {self.credentials.scheme} credentials from {self.credentials.source} were sent"
            )
        if status == 404 and hint:  # noqa: PLR2004 - HTTP's Not Found
            return f"; {hint}"
        if status == 413:  # noqa: PLR2004 - HTTP's Content Too Large
            return "; send smaller chunks"
        return ""

    def close(self) -> None:
        """Close the connections kept open, if any."""
        if self._kept is not None:
            self._kept.close()


def _pairs(fields: Mapping[str, str | list[str]]) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for key, value in fields.items():
        pairs.extend((key, item) for item in ([value] if isinstance(value, str) else value))
    return pairs


def _excerpt(answer: urllib3.BaseHTTPResponse, redact: Callable[[str], str]) -> str:
    """Return the start of what the store answered, credentials redacted before it is cut."""
    text = " ".join(redact(answer.data.decode("utf-8", "replace")).split())
    if not text:
        return ""
    return f": {text[:_SHOWN]}{'…' if len(text) > _SHOWN else ''}"


def _retry_after(answer: urllib3.BaseHTTPResponse, wait: float) -> float:
    """Return the seconds a ``Retry-After`` header asks to wait (seconds or a date), else ``wait``.

    Examples:
        >>> answer = urllib3.HTTPResponse(headers={"Retry-After": "7"})
        >>> _retry_after(answer, 0.5)
        7.0
        >>> answer = urllib3.HTTPResponse(headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"})
        >>> _retry_after(answer, 0.5)  # a date gone by
        0.0
    """
    value = answer.headers.get("Retry-After", "").strip()
    if not value:
        return wait
    try:
        asked = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return wait
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        asked = max(0.0, (when - datetime.now(UTC)).total_seconds())
    return asked if asked >= 0 and math.isfinite(asked) else wait
