r"""Credentials for a store, and keeping them out of every message.

Credentials come from the environment (or are given in Python) and are sent as an
``Authorization`` header. A store may echo that header, the password or the token in what it
answers (an error page, a reason phrase, a ``Location``), so every text of a store that a
message shows goes through :meth:`Credentials.redact` first: the secrets, and the forms a
server may give them in, are replaced by ``[redacted]``: in base64 (with or without its
padding, or in its URL-safe alphabet), percent-, HTML- or JSON-escaped (a slash as ``\/``
too), or both. Only a whole secret is found: a part of one alone (a store that echoes its
first characters) is shown as it is. A URL's user name and password, and the values of query
parameters named like a secret (``token``, ``key``, ``password``, ``secret``, ``auth``,
``signature``…), are redacted wherever a URL is shown (:func:`redact_url`), in messages and in
urllib3's log.
"""

from __future__ import annotations

import base64
import functools
import html
import json
import logging
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import quote, quote_plus

from evidence_graph.exceptions import CredentialsError

__all__ = [
    "ENV_PASSWORD",
    "ENV_TOKEN",
    "ENV_USER",
    "REDACTED",
    "Credentials",
    "redact_url",
]

ENV_TOKEN = "EVIDENCE_GRAPH_STORE_TOKEN"  # noqa: S105 - a variable's name
"""The environment variable of a bearer token."""
ENV_USER = "EVIDENCE_GRAPH_STORE_USER"
"""The environment variable of a user name, for basic authentication."""
ENV_PASSWORD = "EVIDENCE_GRAPH_STORE_PASSWORD"  # noqa: S105 - a variable's name
"""The environment variable of that user's password."""
REDACTED = "[redacted]"
"""What a message shows in place of a credential."""

_TOKEN = re.compile(r"[\x21-\x7e]+")
"""What a bearer token may hold: printable ASCII, no spaces (it is sent as it is)."""
_USERINFO = re.compile(r"(?<=//)[^/?#@\s]+@")
"""The user name and password of a URL (``//user:password@``)."""
_SECRET_PARAMETER = re.compile(
    r"""([?&;][^=&#\s]*(?:token|key|pass|pwd|secret|auth|sig|credential|session)[^=&#\s]*=)"""
    r"""[^&#\s"'<>]*""",
    re.IGNORECASE,
)
"""A query parameter named like a secret, and its value."""
_URL_SAFE = str.maketrans("+/", "-_")
"""From base64's alphabet to the URL-safe one."""


def redact_url(text: str) -> str:
    """Return ``text`` with the credentials of the URLs in it redacted.

    Examples:
        >>> redact_url("http://me:pw@host/q?db=bpd&access_token=abc123")
        'http://[redacted]@host/q?db=bpd&access_token=[redacted]'
    """
    text = _USERINFO.sub(f"{REDACTED}@", text)
    return _SECRET_PARAMETER.sub(rf"\g<1>{REDACTED}", text)


def _encodings(secret: str) -> tuple[str, ...]:
    """Return a secret as sent, and in base64: padded or not, in either alphabet.

    Examples:
        >>> _encodings("a?>")
        ('a?>', 'YT8+', 'YT8-')
        >>> _encodings("pw")
        ('pw', 'cHc=', 'cHc')
    """
    standard = base64.b64encode(secret.encode()).decode("ascii")
    url_safe = standard.translate(_URL_SAFE)
    forms = (secret, standard, standard.rstrip("="), url_safe, url_safe.rstrip("="))
    return tuple(dict.fromkeys(forms))


def _escapes(secret: str) -> Iterator[str]:
    r"""Yield a secret as a store may give it back: as it is, or escaped in some way.

    Examples:
        >>> sorted(set(_escapes("a/b")))
        ['a%2Fb', 'a/b', 'a\\/b']
        >>> sorted(set(_escapes("it's")) - {"it's"})
        ['it%27s', 'it&#039;s', 'it&#x27;s']
    """
    yield secret
    yield " ".join(secret.split())  # white space collapsed, as a message shows text
    yield quote(secret, safe="")
    yield quote(secret)
    yield quote_plus(secret)
    for quoted in (True, False):
        escaped = html.escape(secret, quote=quoted)
        yield escaped
        yield escaped.replace("&#x27;", "&#039;")  # as PHP writes a quote
    for ascii_only in (True, False):
        escaped = json.dumps(secret, ensure_ascii=ascii_only)[1:-1]
        yield escaped
        yield escaped.replace("/", "\\/")  # as PHP writes a slash


def _forms(secret: str) -> Iterator[str]:
    """Yield a secret as a store may give it back: as sent or in base64, escaped or not."""
    for encoded in _encodings(secret):
        yield from _escapes(encoded)


@functools.cache
def _pattern(secrets: tuple[str, ...]) -> re.Pattern[str] | None:
    """Return a pattern that finds every form of the secrets, the longest first (made once)."""
    forms = {form for secret in secrets for form in _forms(secret) if form.strip()}
    if not forms:
        return None
    alternatives = sorted(forms, key=lambda form: (-len(form), form))
    return re.compile("|".join(map(re.escape, alternatives)), re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Credentials:
    """How to authenticate to a store: HTTP basic (user and password) or a bearer token.

    Examples:
        >>> Credentials.from_env({ENV_TOKEN: "s3cret"})
        Credentials(bearer, from EVIDENCE_GRAPH_STORE_TOKEN)
        >>> Credentials.from_env({}) is None
        True
        >>> Credentials.bearer("s3cret").redact("401: 'Authorization: Bearer s3cret' refused")
        "401: 'Authorization: [redacted]' refused"
    """

    scheme: Literal["basic", "bearer"]
    source: str
    """The environment variables they were read from, for messages."""
    _header: str = field(repr=False)
    _secrets: tuple[str, ...] = field(repr=False, default=())
    """The password (and ``user:password``, which the header carries in base64) or the token."""

    @classmethod
    def basic(
        cls, user: str, password: str, *, source: tuple[str, str] = ("the user", "the password")
    ) -> Credentials:
        """Return basic credentials, in UTF-8 as RFC 7617 allows.

        ``source`` names where the user and the password came from, for messages.

        Raises:
            CredentialsError: If either holds a control character, or the user a ``:``.
        """
        for name, value in zip(source, (user, password), strict=True):
            if not value.isprintable():
                raise CredentialsError(f"{name} holds a control character; expected none")
        if ":" in user:
            raise CredentialsError(
                f"{source[0]} holds ':', which basic authentication cannot carry"
            )
        token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        secrets = (password, f"{user}:{password}")  # the latter's base64 is the header's
        return cls("basic", " and ".join(source), f"Basic {token}", secrets)

    @classmethod
    def bearer(cls, token: str, *, source: str = "the token") -> Credentials:
        """Return a bearer token; ``source`` names where it came from, for messages.

        Raises:
            CredentialsError: If it holds a character other than printable ASCII, or a space.
        """
        if not _TOKEN.fullmatch(token):
            raise CredentialsError(
                f"{source} holds a character a token cannot; expected printable ASCII without "
                "spaces"
            )
        return cls("bearer", source, f"Bearer {token}", (token,))

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Credentials | None:
        """Return the credentials the environment sets, or None if it sets none.

        A token is read from ``EVIDENCE_GRAPH_STORE_TOKEN``; a user and password from
        ``EVIDENCE_GRAPH_STORE_USER`` and ``EVIDENCE_GRAPH_STORE_PASSWORD``.

        Raises:
            CredentialsError: If both kinds are set, or a user without a password (or the
                other way round).
        """
        env = os.environ if environ is None else environ
        token, user, password = (
            env.get(name) or None for name in (ENV_TOKEN, ENV_USER, ENV_PASSWORD)
        )
        if token is not None and (user is not None or password is not None):
            raise CredentialsError(
                f"{ENV_TOKEN} and {ENV_USER}/{ENV_PASSWORD} are both set; expected a token or "
                "a user and password, not both"
            )
        if token is not None:
            return cls.bearer(token, source=ENV_TOKEN)
        if user is None and password is None:
            return None
        if user is None or password is None:
            given, missing = (
                (ENV_USER, ENV_PASSWORD) if password is None else (ENV_PASSWORD, ENV_USER)
            )
            raise CredentialsError(f"{given} is set but {missing} is not; expected both")
        return cls.basic(user, password, source=(ENV_USER, ENV_PASSWORD))

    def __repr__(self) -> str:
        return f"Credentials({self.scheme}, from {self.source})"

    @property
    def header(self) -> str:
        """The ``Authorization`` header's value."""
        return self._header

    def redact(self, text: str) -> str:
        """Return ``text`` with these credentials, in every form a store may echo, redacted.

        The URLs in it lose their credentials too (see :func:`redact_url`).
        """
        pattern = _pattern((*self._secrets, self._header))
        return redact_url(text if pattern is None else pattern.sub(REDACTED, text))


class _RedactedLog(logging.Filter):
    """Takes the credentials out of the URLs that a log record shows."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        shown = redact_url(message)
        if shown != message:
            record.msg, record.args = shown, None
        return True


for _logger in ("urllib3.connection", "urllib3.connectionpool", "urllib3.response"):
    logging.getLogger(_logger).addFilter(_RedactedLog())
