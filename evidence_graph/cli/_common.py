"""What the command's parts share: the default source, the exit statuses, ``--strict``."""

from __future__ import annotations

import argparse

from evidence_graph.exceptions import UsageError

__all__ = [
    "DEFAULT_SOURCE",
    "EXIT_INVALID",
    "EXIT_STORE",
    "EXIT_USAGE",
    "UsageError",
    "add_strict",
]

DEFAULT_SOURCE = "kverme2019"
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_STORE = 3


def add_strict(parser: argparse.ArgumentParser) -> None:
    """Add ``--strict`` to a command that loads sources."""
    parser.add_argument(
        "--strict",
        action="store_true",
        help=(
            "refuse real differences between the sources (other words in one field of one "
            "entity) instead of keeping the fuller value"
        ),
    )
