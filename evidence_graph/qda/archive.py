"""A ``.qdpx`` archive read in memory, refusing what a hostile archive would try.

Nothing is extracted: the central directory is read, every entry's name is checked, and an
entry is decompressed only when asked for, into memory, within bounds. An archive is refused
as a whole when any entry's name is absolute, climbs out with ``..``, hides either behind
backslashes, is a symbolic link or comes twice; when it has more than :data:`MAX_ENTRIES`
entries; and while decompressing, when what it gives passes :data:`MAX_TOTAL` bytes, or
:data:`MAX_RATIO` times what was read for it (an entry alone, or all entries read so far).
The sizes an archive declares are not trusted: bytes are counted as they come.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from evidence_graph.display import quoted
from evidence_graph.exceptions import StudyFileError

__all__ = [
    "MAX_ENTRIES",
    "MAX_RATIO",
    "MAX_TOTAL",
    "Archive",
    "file_error",
    "open_archive",
]

MAX_TOTAL = 512 * 2**20
"""The bytes all entries read from one archive may decompress to, together: 512 MiB."""
MAX_RATIO = 200
"""How many times its compressed size an entry (or all entries read) may decompress to."""
MAX_ENTRIES = 10_000
"""The entries an archive may hold."""

_CHUNK = 2**16
_DRIVE = re.compile(r"[A-Za-z]:")


file_error = StudyFileError.of_file
"""Return the error for one problem of a whole file."""


@dataclass
class Archive:
    """A ZIP archive open for reading entries into memory, within the module's bounds.

    Attributes:
        path: The archive's file, as errors name it.
        names: Every entry's name, as the archive gives it (backslashes read as slashes).
    """

    path: Path
    names: tuple[str, ...]
    _zip: zipfile.ZipFile = field(repr=False)
    _infos: dict[str, zipfile.ZipInfo] = field(repr=False)
    _size: int = field(repr=False)
    _read: int = 0
    _given: int = 0

    def find(self, name: str, *, any_case: bool = False) -> str | None:
        """Return the entry named ``name``, or ``None``.

        With ``any_case``, an entry whose name differs in case alone is found when it is the
        only one: ``Sources/ABC.txt`` finds ``sources/abc.txt`` (GUIDs come in either case).
        """
        if name in self._infos:
            return name
        if not any_case:
            return None
        found = [candidate for candidate in self.names if candidate.casefold() == name.casefold()]
        return found[0] if len(found) == 1 else None

    def read(self, name: str) -> bytes:
        """Return the bytes of one entry, decompressed in memory within the bounds.

        Raises:
            StudyFileError: If the entry is encrypted, is damaged, or passes a bound.
        """
        info = self._infos[name]
        if info.flag_bits & 0x1:
            raise file_error(self.path, f"{quoted(name)} is encrypted; expected a plain entry")
        if info.compress_size > self._size:
            raise file_error(
                self.path,
                f"{quoted(name)} claims {info.compress_size} compressed bytes in an archive of "
                f"{self._size}: the archive is damaged",
            )
        chunks: list[bytes] = []
        given = 0
        try:
            with self._zip.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    given += len(chunk)
                    self._check(name, given, info.compress_size)
                    chunks.append(chunk)
        except StudyFileError:
            raise
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as error:
            raise file_error(self.path, f"{quoted(name)} cannot be read: {error}") from None
        self._read += info.compress_size
        self._given += given
        return b"".join(chunks)

    def _check(self, name: str, given: int, compressed: int) -> None:
        """Refuse an entry whose bytes so far pass a bound."""
        total = self._given + given
        if total > MAX_TOTAL:
            raise file_error(
                self.path,
                f"{quoted(name)} decompresses past {MAX_TOTAL // 2**20} MiB (with the entries "
                "read before it): refused as a ZIP bomb",
            )
        if given > _CHUNK and given > MAX_RATIO * max(compressed, 1):
            raise file_error(
                self.path,
                f"{quoted(name)} decompresses to more than {MAX_RATIO} times its "
                f"{compressed} compressed bytes: refused as a ZIP bomb",
            )
        read = self._read + compressed
        if total > _CHUNK and total > MAX_RATIO * max(read, 1):
            raise file_error(
                self.path,
                f"the entries read decompress to more than {MAX_RATIO} times their {read} "
                "compressed bytes: refused as a ZIP bomb",
            )

    def close(self) -> None:
        """Close the archive's file."""
        self._zip.close()


def open_archive(path: Path, stream: BinaryIO) -> Archive:
    """Open the ZIP archive ``stream`` (the file ``path``), checking every entry's name.

    Raises:
        StudyFileError: If it is not a ZIP archive, holds too many entries, or an entry whose
            name or kind is refused.
    """
    size = os.fstat(stream.fileno()).st_size
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError) as error:
        raise file_error(
            path, f"is not a ZIP archive ({error}); expected a .qdpx project"
        ) from None
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        archive.close()
        raise file_error(
            path, f"holds {len(infos)} entries; expected at most {MAX_ENTRIES}: refused"
        )
    by_name: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        name = info.filename.replace("\\", "/")
        problem = _name_problem(info, name) or (
            f"{quoted(name)} comes twice; expected each entry once" if name in by_name else None
        )
        if problem is not None:
            archive.close()
            raise file_error(path, f"{problem}: the archive is refused")
        if not info.is_dir():
            by_name[name] = info
    return Archive(path, tuple(by_name), archive, by_name, size)


def _name_problem(info: zipfile.ZipInfo, name: str) -> str | None:
    """Say what is wrong with an entry's name or kind, or return ``None``."""
    parts = PurePosixPath(name).parts
    if name.startswith("/") or _DRIVE.match(name):
        return f"the entry {quoted(info.filename)} has an absolute path"
    if ".." in name.split("/"):
        return f"the entry {quoted(info.filename)} climbs out of the archive with '..'"
    if "\x00" in name or not parts:
        return f"the entry {quoted(info.filename)} has no usable name"
    if stat.S_ISLNK(info.external_attr >> 16):
        return f"the entry {quoted(info.filename)} is a symbolic link"
    return None
