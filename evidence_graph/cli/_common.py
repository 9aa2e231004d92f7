"""What the command's parts share: the default source, the exit statuses, ``--strict``, output."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from evidence_graph.exceptions import UsageError
from evidence_graph.io import check_writable, write_all

__all__ = [
    "DEFAULT_SOURCE",
    "EXIT_INTERRUPTED",
    "EXIT_INVALID",
    "EXIT_STORE",
    "EXIT_USAGE",
    "UsageError",
    "add_strict",
    "emit",
    "output_file",
]

DEFAULT_SOURCE = "kverme2019"
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_STORE = 3
EXIT_INTERRUPTED = 130


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


def output_file(name: str | None) -> Path | None:
    """The file ``-o`` names, refused now if it cannot be written; ``None`` for standard output."""
    if name is None:
        return None
    if not name:
        raise UsageError(
            "-o: the file name is empty; name a file, or leave out -o for standard output"
        )
    check_writable(name)
    return Path(name)


def emit(text: str) -> None:
    """Write ``text`` to standard output in full, or fail with an error that says why."""
    write_all(sys.stdout, text)
