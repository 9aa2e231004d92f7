"""What the command's parts share: the default source and the exit statuses."""

from __future__ import annotations

from evidence_graph.exceptions import UsageError

__all__ = ["DEFAULT_SOURCE", "EXIT_INVALID", "EXIT_STORE", "EXIT_USAGE", "UsageError"]

DEFAULT_SOURCE = "kverme2019"
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_STORE = 3
