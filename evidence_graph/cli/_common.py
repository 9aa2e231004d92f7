"""What the command's parts share: the default source, the exit statuses, the usage error."""

from __future__ import annotations

__all__ = ["DEFAULT_SOURCE", "EXIT_INVALID", "EXIT_STORE", "EXIT_USAGE", "UsageError"]

DEFAULT_SOURCE = "kverme2019"
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_STORE = 3


class UsageError(Exception):
    """A mistake in how the command was called."""
