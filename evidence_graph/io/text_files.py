"""Reading text files: UTF-8 (a byte order mark allowed), with errors that say where and why.

Only regular files are read: a folder, a named pipe (which would wait for a writer forever), a
device or a socket is refused before a byte is read. JSON is read within bounds, as YAML is
(see :mod:`evidence_graph.io.yaml_files`): lists and objects nested at most :data:`MAX_DEPTH`
deep, and whole numbers no longer than Python reads.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
import sys
from collections.abc import Callable
from itertools import accumulate
from pathlib import Path
from typing import Any

from evidence_graph.exceptions import StudyFileError

__all__ = [
    "MAX_DEPTH",
    "decode_utf8",
    "file_error",
    "parse_json",
    "read_bytes",
    "read_head",
    "read_utf8",
    "special_file_error",
    "special_kind",
]

MAX_DEPTH = 100
"""How deep lists and mappings may be nested in a file read: far deeper than any study needs."""

_KINDS = {
    stat.S_IFIFO: "a named pipe",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
}
# A JSON string without escapes, or a run of text without brackets or quotes, or a stray quote:
# what is left once escapes are gone is the brackets that nest.
_NOT_NESTING = re.compile(r'"[^"]*"|[^"\[\]{}]+|"')
# A JSON string (one left open runs to the end), or a bracket.
_NESTING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[\]{}]')
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


file_error = StudyFileError.of_file
"""Return the error for one problem of a whole file (not of one of its fields)."""


def special_file_error(path: Path, mode: int, expected: str) -> StudyFileError:
    """Return the error for a path that is neither a regular file nor a folder.

    Examples:
        >>> print(special_file_error(Path("in.yaml"), stat.S_IFIFO, "a study file"))
        in.yaml: is a named pipe, not a regular file; expected a study file
    """
    return file_error(path, f"is {special_kind(mode)}, not a regular file; expected {expected}")


def special_kind(mode: int) -> str:
    """Return what a path of ``mode`` is, when it is neither a regular file nor a folder.

    Examples:
        >>> special_kind(stat.S_IFIFO)
        'a named pipe'
    """
    return _KINDS.get(stat.S_IFMT(mode), "a special file")


def _read(path: Path, expected: str, size: int = -1) -> bytes:
    """Return the bytes of a regular file (its first ``size``, if given)."""
    try:
        # Opened without waiting, so that a named pipe is refused rather than waited on.
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise file_error(path, f"cannot be read ({error.strerror})") from None
    mode = os.fstat(handle).st_mode
    if not stat.S_ISREG(mode):
        os.close(handle)
        if stat.S_ISDIR(mode):
            raise file_error(path, f"is a folder; expected {expected}")
        raise special_file_error(path, mode, expected)
    with os.fdopen(handle, "rb") as file:
        try:
            return file.read(size)
        except OSError as error:
            raise file_error(path, f"cannot be read ({error.strerror})") from None


def read_bytes(path: Path, expected: str, size: int = -1) -> bytes:
    """Return the bytes of a regular file (its first ``size``, if given).

    Args:
        path: The file.
        expected: What the file should be, for the message when it is a folder.
        size: How many bytes to read at most; all of them if negative.

    Raises:
        StudyFileError: If it cannot be read, or is not a regular file (a folder, a named pipe,
            a device).
    """
    return _read(path, expected, size)


def read_head(path: Path, size: int) -> bytes | None:
    """Return the first ``size`` bytes of a regular file, or ``None`` if it cannot be read."""
    try:
        return _read(path, "a file", size)
    except StudyFileError:
        return None


def read_utf8(path: Path, expected: str) -> str:
    r"""Return the text of a UTF-8 file, without its byte order mark if it has one.

    Args:
        path: The file.
        expected: What the file should be, for the message when it is a folder, e.g.
            ``"a study file"``.

    Raises:
        StudyFileError: If it cannot be read, is not a regular file (a folder, a named pipe, a
            device), or a byte is not UTF-8 (with its line and column).

    Examples:
        >>> import tempfile
        >>> path = Path(tempfile.mkdtemp()) / "bad.yaml"
        >>> _ = path.write_bytes(b"title: caf\xe9\n")
        >>> read_utf8(path, "a study file")
        Traceback (most recent call last):
        ...
        evidence_graph.exceptions.StudyFileError: ...: line 1, column 11: byte 0xe9 is not ...
    """
    return decode_utf8(path, _read(path, expected))


def decode_utf8(
    path: Path, raw: bytes, expected: str = "a UTF-8 text file", *, offset: bool = False
) -> str:
    """Return the text of a file's UTF-8 bytes, without its byte order mark if it has one.

    Args:
        path: The file, as the error names it.
        raw: Its bytes.
        expected: What the message says was expected.
        offset: Whether the message gives the offset of the byte too.

    Raises:
        StudyFileError: If a byte is not UTF-8, naming its line and column.
    """
    # The byte order mark is skipped here rather than by the "utf-8-sig" codec, whose error
    # offsets would not count it and so would point at the wrong byte.
    start = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
    try:
        return raw[start:].decode("utf-8")
    except UnicodeDecodeError as error:
        bad = start + error.start
        line = raw[:bad].count(b"\n") + 1
        column = bad - (raw.rfind(b"\n", 0, bad) + 1) + 1
        at = f" at offset {bad}" if offset else ""
        message = f"byte 0x{raw[bad]:02x}{at} is not UTF-8; expected {expected}"
        raise file_error(path, message, line, column) from None


class _TooLongError(ValueError):
    """A whole number with more digits than Python reads."""

    def __init__(self, digits: str) -> None:
        super().__init__(digits)
        self.digits = digits


def _whole(digits: str) -> int:
    try:
        return int(digits)
    except ValueError:
        raise _TooLongError(digits) from None


def parse_json(
    path: Path,
    text: str,
    expected: str | None = None,
    pairs: Callable[[list[tuple[str, Any]]], Any] | None = None,
) -> Any:
    """Return the data of a JSON text, within the bounds.

    Args:
        path: The file the text is from, for messages.
        text: The text.
        expected: What the file should hold, added to the message when it is not JSON.
        pairs: Builds each object from its keys and values, as ``object_pairs_hook`` does; a
            ``ValueError`` it raises is reported as a problem of the file.

    Raises:
        StudyFileError: If the text is not JSON, is nested deeper than :data:`MAX_DEPTH`, or
            has a whole number too long to read; with the line and column where known.

    Examples:
        >>> parse_json(Path("a.json"), '{"a": [1, {"b": null}]}')
        {'a': [1, {'b': None}]}
        >>> parse_json(Path("a.json"), "[" * 1000)
        Traceback (most recent call last):
        ...
        evidence_graph.exceptions.StudyFileError: a.json: line 1, column 101: lists and objects ...
    """
    _check_depth(path, text)
    try:
        return json.loads(text, object_pairs_hook=pairs, parse_int=_whole)
    except json.JSONDecodeError as error:
        more = f"; {expected}" if expected else ""
        message = f"is not valid JSON: {error.msg}{more}"
        raise file_error(path, message, error.lineno, error.colno) from None
    except _TooLongError as error:
        at = text.find(error.digits)
        line, column = _place(text, at)
        message = (
            f"the number is {len(error.digits.lstrip('-')):,} digits long; expected a number of "
            "at most "
            f"{sys.get_int_max_str_digits():,} digits"
        )
        raise file_error(path, message, line, column) from None
    except ValueError as error:
        raise file_error(path, str(error)) from None


def _check_depth(path: Path, text: str) -> None:
    """Refuse JSON nested deeper than :data:`MAX_DEPTH`, naming where it passes it."""
    brackets = _NOT_NESTING.sub("", text.replace("\\\\", "").replace('\\"', ""))
    if len(brackets) <= MAX_DEPTH or max(accumulate(map(_STEP.__getitem__, brackets))) <= MAX_DEPTH:
        return
    depth = 0
    for token in _NESTING.finditer(text):
        depth += _STEP.get(token.group(), 0)
        if depth > MAX_DEPTH:
            line, column = _place(text, token.start())
            message = (
                f"lists and objects are nested deeper than {MAX_DEPTH} levels here; expected "
                f"at most {MAX_DEPTH}"
            )
            raise file_error(path, message, line, column)


def _place(text: str, offset: int) -> tuple[int, int]:
    """Return the line and column (1-based) of an offset of a text."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
