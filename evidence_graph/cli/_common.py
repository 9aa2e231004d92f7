"""What the command's parts share: the default source, exit statuses, loading options, output."""

from __future__ import annotations

import argparse
import codecs
import contextlib
import io
import os
import stat
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING

from evidence_graph.exceptions import OutputError, UsageError
from evidence_graph.io import check_writable, write_all
from evidence_graph.qda import QDA_SUFFIXES, OffsetUnit, QdaProject

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

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
    "qda_sources",
    "suffix_format",
]

DEFAULT_SOURCE = "kverme2019"
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_STORE = 3
EXIT_INTERRUPTED = 130


def add_strict(parser: argparse.ArgumentParser) -> None:
    """Add ``--strict`` to a command that loads sources, and the options of REFI-QDA sources."""
    parser.add_argument(
        "--strict",
        action="store_true",
        help=(
            "refuse real differences between the sources (other words in one field of one "
            "entity) instead of keeping the fuller value"
        ),
    )
    qda = parser.add_argument_group("REFI-QDA projects (.qdpx) and codebooks (.qdc) named")
    qda.add_argument(
        "--qda-study",
        metavar="ID",
        help="the id of the study they are, e.g. that of a study file given beside "
        "(default: the slug of the project's name, or of a codebook's file name)",
    )
    qda.add_argument(
        "--qda-sample",
        metavar="ID",
        help="the id of the whole sample their cases are, declared by a study file given "
        "beside (default: 'cases', declared by the project)",
    )
    qda.add_argument(
        "--qda-offsets",
        choices=[unit.value for unit in OffsetUnit],
        help="what the selections' offsets count (default: utf-16 for a project NVivo wrote, "
        "else code-points)",
    )


def qda_sources(args: argparse.Namespace) -> list[str | os.PathLike[str]]:
    """Return the sources of a command, each REFI-QDA file with the ``--qda-*`` options given.

    Raises:
        UsageError: If an option is given but no source is a ``.qdpx`` or ``.qdc`` file, or
            its value is not an id.
    """
    sources: list[str | os.PathLike[str]] = list(args.sources)
    given = {
        option: value
        for option, value in (
            ("study", args.qda_study),
            ("sample", args.qda_sample),
            ("offsets", args.qda_offsets),
        )
        if value is not None
    }
    if not given:
        return sources
    named = [
        index
        for index, source in enumerate(sources)
        if Path(source).suffix.lower() in QDA_SUFFIXES and Path(source).is_file()
    ]
    if not named:
        options = ", ".join(f"--qda-{option}" for option in given)
        raise UsageError(
            f"{options}: no source is a REFI-QDA project (.qdpx) or codebook (.qdc) file; "
            "name the file itself"
        )
    for index in named:
        try:
            sources[index] = QdaProject(sources[index], **given)
        except ValueError as error:
            raise UsageError(f"--qda-{error}") from None
    return sources


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


def _is_device(name: str) -> bool:
    """Whether ``name`` is a device or a FIFO (``/dev/stdout``), whose name says no format."""
    try:
        mode = Path(name).stat().st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def suffix_format(name: str | None, given: str | None, suffixes: Mapping[str, str]) -> str | None:
    """The format given, else the one the file's suffix names (``None`` if neither names one).

    Raises:
        UsageError: If the format given is not the one the suffix names (unless the file is a
            device, such as ``/dev/stdout``, whose name says nothing).
    """
    if name is None or name == "-":
        return given
    named = suffixes.get(Path(name).suffix.lower())
    if given is not None and named is not None and named != given and not _is_device(name):
        raise UsageError(
            f"{name}: --format {given} clashes with the file's suffix, which names {named}; "
            f"name the file for {given}, or leave out --format"
        )
    return given or named


def emit(text: str) -> None:
    """Write ``text`` to standard output in full, or fail with an error that says why.

    Raises:
        OutputError: If standard output cannot take it, or is closed (``>&-``).
    """
    if sys.stdout is None:
        raise OutputError("standard output", "it is closed")
    write_all(sys.stdout, text)


class _Emitted(io.RawIOBase):
    """A binary stream whose UTF-8 bytes go to standard output in full, as :func:`emit` writes."""

    def __init__(self) -> None:
        super().__init__()
        self.decoder = codecs.getincrementaldecoder("utf-8")()

    def writable(self) -> bool:
        return True

    def write(self, data: ReadableBuffer, /) -> int:
        given = bytes(data)
        emit(self.decoder.decode(given))
        return len(given)


@contextlib.contextmanager
def emitted() -> Iterator[IO[bytes]]:
    """Yield a binary stream to standard output: a document written in pieces, in full.

    Raises:
        OutputError: If standard output cannot take it, or is closed (``>&-``).
    """
    with io.BufferedWriter(_Emitted(), 1 << 20) as stream:
        yield stream
