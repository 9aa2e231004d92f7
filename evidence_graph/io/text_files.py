"""Reading text files: UTF-8 (a byte order mark allowed), with errors that say where and why."""

from __future__ import annotations

import codecs
from pathlib import Path

from evidence_graph.exceptions import Problem, StudyFileError

__all__ = ["file_error", "read_utf8"]


def file_error(
    path: Path, message: str, line: int | None = None, column: int | None = None
) -> StudyFileError:
    """Return the error for one problem of a whole file (not of one of its fields)."""
    return StudyFileError(path, [Problem((), message, line, column, path)])


def read_utf8(path: Path, expected: str) -> str:
    r"""Return the text of a UTF-8 file, without its byte order mark if it has one.

    Args:
        path: The file.
        expected: What the file should be, for the message when it is a folder, e.g.
            ``"a study file"``.

    Raises:
        StudyFileError: If it cannot be read, or a byte is not UTF-8 (with its line and column).

    Examples:
        >>> import tempfile
        >>> path = Path(tempfile.mkdtemp()) / "bad.yaml"
        >>> _ = path.write_bytes(b"title: caf\xe9\n")
        >>> read_utf8(path, "a study file")
        Traceback (most recent call last):
        ...
        evidence_graph.exceptions.StudyFileError: ...: line 1, column 11: byte 0xe9 is not ...
    """
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise file_error(path, f"is a folder; expected {expected}") from None
    except OSError as error:
        raise file_error(path, f"cannot be read ({error.strerror})") from None
    # The byte order mark is skipped here rather than by the "utf-8-sig" codec, whose error
    # offsets would not count it and so would point at the wrong byte.
    start = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
    try:
        return raw[start:].decode("utf-8")
    except UnicodeDecodeError as error:
        bad = start + error.start
        line = raw[:bad].count(b"\n") + 1
        column = bad - (raw.rfind(b"\n", 0, bad) + 1) + 1
        message = f"byte 0x{raw[bad]:02x} is not UTF-8; expected a UTF-8 text file"
        raise file_error(path, message, line, column) from None
