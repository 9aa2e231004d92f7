"""Writing files whole or not at all, and streams in full.

A regular file is written whole or not at all: the data go to a temporary file beside it, which
is flushed to disk and renamed over it. A symbolic link is written through, so the link stays
and its target gets the data; an existing file keeps its mode (and its owner and group, where
the user may give them). What is not a regular file (a device such as ``/dev/null``, a FIFO, a
terminal) and what names an open descriptor (``/dev/stdout``, ``/dev/fd/1``,
``/proc/self/fd/1``) is written straight to, as a shell's ``>`` would. A target the user may
not write is refused before anything is written, and every failure is an
:class:`~evidence_graph.exceptions.OutputError` that names the file and says why in plain words.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import secrets
import select
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from evidence_graph.exceptions import OutputError

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

__all__ = ["check_writable", "open_atomic", "write_all", "write_atomic"]

_REASONS = {
    errno.EACCES: "permission denied",
    errno.EDQUOT: "the disk quota is used up",
    errno.EFBIG: "the file would be larger than the file system or the limit on file size allows",
    errno.EISDIR: "is a folder; expected a file",
    errno.ELOOP: "the symbolic links lead round in a circle",
    errno.ENAMETOOLONG: "the name is too long",
    errno.ENOSPC: "no space left on the device",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.ENXIO: "nothing can be written there (a socket, or a device that is not there)",
    errno.EPERM: "permission denied",
    errno.EROFS: "the file system is read-only",
}
"""The plain words for the reasons a file cannot be written."""

_DESCRIPTORS = re.compile(r"/proc/(?:self|thread-self|\d+)(?:/task/\d+)?/fd")
"""The folder of a process's descriptor links, as the kernel names it."""

_LINKS_FOLLOWED = 40
"""How many symbolic links a path may lead through, as on Linux."""


@dataclass(frozen=True, slots=True)
class _Target:
    """Where the data of a write go.

    Attributes:
        path: The final regular file (symbolic links resolved), or the path as named when the
            data are written straight to it.
        found: What is there now, or ``None`` when the file is new.
        direct: Whether the data are written straight to the path rather than by a rename.
    """

    path: Path
    found: os.stat_result | None
    direct: bool


def check_writable(path: str | os.PathLike[str]) -> None:
    """Refuse a file that cannot be written, before any work is done for it.

    Raises :class:`~evidence_graph.exceptions.OutputError` when the name is empty or too long,
    names a folder, lies in a folder that does not exist, or when the user may not write the
    file (or make a file beside it) or its file system is read-only. A full disk or a limit on
    file size shows only when writing.

    Examples:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> check_writable(folder / "out.ttl")
        >>> check_writable(folder)
        Traceback (most recent call last):
        ...
        evidence_graph.exceptions.OutputError: /...: cannot write: is a folder; expected a file
    """
    _target(path)


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> Path:
    r"""Write ``data`` to ``path`` whole or not at all, and return the path.

    A regular file (new, or reached through symbolic links) gets the data by a temporary file
    beside it, flushed to disk and then renamed over it, so a reader never sees half a file and
    a failure, or an interruption, leaves the old one and no temporary file. A device, a FIFO
    or an open descriptor (``/dev/null``, ``/dev/stdout``) is written straight to.

    Raises:
        OutputError: The file cannot be written; the message names it and says why.

    Examples:
        >>> import tempfile, pathlib
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.ttl"
        >>> write_atomic(target, "<a:b> <a:c> <a:d> .\n").read_text()
        '<a:b> <a:c> <a:d> .\n'
        >>> write_atomic("/dev/null", "<a:b> <a:c> <a:d> .\n")
        PosixPath('/dev/null')
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with open_atomic(path) as handle:
        handle.write(payload)
    return Path(path)


@contextlib.contextmanager
def open_atomic(path: str | os.PathLike[str]) -> Iterator[IO[bytes]]:
    r"""Open ``path`` to be written whole or not at all, as a binary stream, in a ``with``.

    What is written goes where :func:`write_atomic` puts it: to a temporary file beside a
    regular file, flushed to disk and renamed over it when the ``with`` block ends without an
    error; an error or an interruption inside the block removes the temporary file and leaves
    the old file as it was. A device, a FIFO or an open descriptor is written straight to.
    So a document can be written in many pieces, never held whole in memory.

    Raises:
        OutputError: The file cannot be written; the message names it and says why.

    Examples:
        >>> import tempfile, pathlib
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.nt"
        >>> with open_atomic(target) as out:
        ...     _ = out.write(b"<a:b> <a:c> ")
        ...     _ = out.write(b"<a:d> .\n")
        >>> target.read_text()
        '<a:b> <a:c> <a:d> .\n'
    """
    target = _target(path)
    name = os.fspath(path)
    try:
        with _straight(target) if target.direct else _beside(target) as handle:
            yield handle
    except OSError as error:
        raise _failed(name, error) from error


def write_all(stream: IO[str], text: str, *, name: str = "standard output") -> None:
    r"""Write ``text`` to a text stream in full, or fail.

    A text stream over an unbuffered one (standard output under ``PYTHONUNBUFFERED=1``) hands
    each write to one system call, which may take only part of the bytes (on Linux at most
    2 GiB less 4 KiB) and says so; the text stream drops what was left. Here the bytes go to
    the binary stream below, again and again until all are written.

    Raises:
        OutputError: The stream cannot take the text (a full disk, say), named ``name``.
            A closed pipe stays a :class:`BrokenPipeError`.

    Examples:
        >>> import io
        >>> stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
        >>> write_all(stream, "Førde\n")
        >>> stream.buffer.getvalue()
        b'F\xc3\xb8rde\n'
    """
    binary = getattr(stream, "buffer", None)
    try:
        if not isinstance(binary, io.RawIOBase | io.BufferedIOBase):  # a StringIO takes it all
            stream.write(text)
            return
        stream.flush()
        encoding = getattr(stream, "encoding", None) or "utf-8"
        data = text.encode(encoding, getattr(stream, "errors", None) or "strict")
        _write_fully(binary.write, data, lambda: _wait_for(binary))
        binary.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        raise _failed(name, error) from error


def _target(path: str | os.PathLike[str]) -> _Target:
    """Find where a write of ``path`` goes, refusing what cannot be written."""
    name = os.fspath(path)
    if not name:
        raise OutputError(name, "the name is empty")
    try:
        found: os.stat_result | None = Path(name).stat()
    except FileNotFoundError:
        found = None
    except OSError as error:
        raise _failed(name, error) from error
    if found is not None and stat.S_ISDIR(found.st_mode):
        raise OutputError(name, _REASONS[errno.EISDIR], errno.EISDIR)
    if found is not None and (not stat.S_ISREG(found.st_mode) or _names_a_descriptor(name)):
        _check_access(name, Path(name), os.W_OK)
        return _Target(Path(name), found, direct=True)
    final = Path(os.path.realpath(name))
    if not final.parent.is_dir():
        raise OutputError(name, f"the folder {final.parent} does not exist", errno.ENOENT)
    if found is not None:
        _check_access(name, final, os.W_OK)
    _check_access(name, final.parent, os.W_OK | os.X_OK)
    return _Target(final, found, direct=False)


def _check_access(name: str, where: Path, mode: int) -> None:
    """Refuse ``name`` when the user may not write ``where`` (the file, or its folder)."""
    if os.access(where, mode):
        return
    if os.statvfs(where).f_flag & os.ST_RDONLY:
        raise OutputError(name, _REASONS[errno.EROFS], errno.EROFS)
    if where.is_dir():
        reason = f"permission denied to make a file in the folder {where}"
    else:
        reason = _REASONS[errno.EACCES]
    raise OutputError(name, reason, errno.EACCES)


def _names_a_descriptor(name: str) -> bool:
    """Whether ``name`` leads to an open descriptor's link, as ``/dev/stdout`` does.

    Such a link names an open file of a process (a pipe, a terminal, a file a shell opened);
    renaming over it would only replace the link, so it is written straight to.
    """
    current = Path(name).absolute()
    for _ in range(_LINKS_FOLLOWED):
        folder = current.parent.resolve()
        if _DESCRIPTORS.fullmatch(str(folder)):
            return True
        if not current.is_symlink():
            return False
        current = folder / current.readlink()
    return False


class _Descriptor(io.RawIOBase):
    """A binary stream over an open descriptor that writes every byte it is given.

    A device or a pipe may take part of the bytes of one ``write``, or none for now (a
    non-blocking one): the rest is written again, after a wait.
    """

    def __init__(self, handle: int, *, wait: bool) -> None:
        super().__init__()
        self.handle = handle
        self.wait = wait

    def writable(self) -> bool:
        return True

    def write(self, data: ReadableBuffer, /) -> int:
        view = memoryview(data).cast("B")
        waiting = (lambda: _wait_for(self.handle)) if self.wait else (lambda: None)
        _write_fully(lambda part: os.write(self.handle, part), view, waiting)
        return len(view)


@contextlib.contextmanager
def _straight(target: _Target) -> Iterator[IO[bytes]]:
    """Write to a device, a FIFO or an open descriptor, as a shell's ``>`` would.

    A regular file reached through a descriptor is appended to, so that a file the shell
    opened with ``>>`` keeps what it holds.
    """
    assert target.found is not None  # noqa: S101 - only what exists is written straight to
    flags = os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC
    if stat.S_ISREG(target.found.st_mode):
        flags |= os.O_APPEND
    handle = os.open(target.path, flags)
    try:
        with io.BufferedWriter(_Descriptor(handle, wait=True), _BUFFER) as stream:
            yield stream
    finally:
        os.close(handle)


_BUFFER = 1 << 20
"""The bytes a stream gathers before it writes them: a write per megabyte."""


@contextlib.contextmanager
def _beside(target: _Target) -> Iterator[IO[bytes]]:
    """Write a regular file by a temporary file beside it, renamed over it when whole."""
    final = target.path
    temporary = final.with_name(f".{final.name[:40]}.{secrets.token_hex(6)}.tmp")
    created = False
    try:
        # A new file gets the mode the umask gives; an old one keeps its own, set below.
        mode = 0o600 if target.found is not None else 0o666
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
        handle = os.open(temporary, flags, mode)
        created = True
        try:
            with io.BufferedWriter(_Descriptor(handle, wait=False), _BUFFER) as stream:
                yield stream
            if target.found is not None:
                _keep_owner_and_mode(handle, target.found)
            os.fsync(handle)
        finally:
            os.close(handle)
        temporary.replace(final)
    except BaseException:
        if created:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
        raise


def _keep_owner_and_mode(handle: int, found: os.stat_result) -> None:
    """Give the new file the old one's owner and group where the user may, then its mode."""
    for owner in (found.st_uid, -1):
        try:
            os.fchown(handle, owner, found.st_gid)
            break
        except PermissionError:
            continue
    os.fchmod(handle, stat.S_IMODE(found.st_mode))


def _write_fully(
    write: Callable[[memoryview], int | None],
    data: bytes | memoryview,
    wait: Callable[[], None],
) -> None:
    """Call ``write`` until it has taken all of ``data``; ``wait`` while it would block."""
    view = memoryview(data)
    while view:
        written = write(view)
        if written is None:  # a non-blocking stream, full for now
            wait()
            continue
        if written == 0:
            raise OSError(errno.EIO, "the stream took no bytes")
        view = view[written:]


def _wait_for(stream: io.IOBase | int) -> None:
    """Wait until a non-blocking stream can take bytes again."""
    select.select([], [stream], [])


def _failed(name: str, error: OSError) -> OutputError:
    """The error that says, in plain words, why ``name`` could not be written."""
    if isinstance(error, OutputError):
        return error
    reason = _REASONS.get(error.errno or 0) or (error.strerror or str(error)).lower()
    return OutputError(name, reason, error.errno)
