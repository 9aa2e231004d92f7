"""An ``.xlsx`` workbook checked before it is opened: a ZIP archive of bounded size, XML safe.

A workbook is a ZIP archive of XML parts, and a hostile one can be small on disk and huge
unpacked (a ZIP bomb), or hold XML whose entities expand without end (a billion laughs) or
name other files. So, before any part is parsed, the archive's directory is read in memory
(nothing is ever extracted to disk) and the workbook is refused if:

- the file is larger than :data:`MAX_FILE_BYTES`, or has more than :data:`MAX_PARTS` parts;
- its parts add up to more than :data:`MAX_UNPACKED_BYTES` unpacked, or a part larger than
  :data:`RATIO_FLOOR` unpacks to more than :data:`MAX_RATIO` times its packed size;
- a part declares a document type or an entity (``<!DOCTYPE``, ``<!ENTITY``, in UTF-8, UTF-16
  or UTF-32), or declares an encoding in which such a declaration could hide from that check.

The sizes checked are those the archive's directory declares; Python's :mod:`zipfile` reads
no more of a part than its declared size, so a part cannot unpack to more than it declares.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from pathlib import Path

from evidence_graph.io.text_files import file_error

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_PARTS",
    "MAX_RATIO",
    "MAX_UNPACKED_BYTES",
    "RATIO_FLOOR",
    "check_workbook",
]

MAX_FILE_BYTES = 64 * 1024**2
"""The largest workbook read (64 MiB): far more than a table of quotes takes."""
MAX_UNPACKED_BYTES = 256 * 1024**2
"""The most a workbook's parts may add up to, unpacked (256 MiB)."""
MAX_PARTS = 10_000
"""The most parts a workbook may have."""
MAX_RATIO = 100
"""How many times its packed size a part may unpack to (a sheet's XML packs 5 to 20 times)."""
RATIO_FLOOR = 1024**2
"""Parts that unpack to no more than this (1 MiB) are not held to :data:`MAX_RATIO`."""

_OLE = bytes.fromhex("d0cf11e0a1b11ae1")  # a Compound File: an .xls, or a workbook with a password
_CHUNK = 1024**2
_DECLARATIONS = tuple(
    word.encode(encoding)
    for word in ("<!doctype", "<!entity")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)
_OVERLAP = max(map(len, _DECLARATIONS)) - 1
_ENCODING = re.compile(rb"""^<\?xml[^>]*?\sencoding\s*=\s*["']([^"']*)["']""")
_NARROW = frozenset({"utf-8", "ascii", "latin-1"})
_WIDE = frozenset({"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"})
_EBCDIC = bytes.fromhex("4c6fa794")  # "<?xm" in EBCDIC, as XML parsers detect it


def check_workbook(path: Path, raw: bytes) -> None:
    """Refuse a workbook that is not a ZIP archive, or whose parts pass the bounds.

    Args:
        path: The file, for messages.
        raw: Its bytes (at most :data:`MAX_FILE_BYTES`).

    Raises:
        StudyFileError: Naming the file, the part and the bound it passes.
    """
    if raw.startswith(_OLE):
        raise file_error(
            path,
            "is an Excel 97-2003 workbook (.xls) or one protected by a password; expected an "
            ".xlsx workbook without a password (save it as 'Excel Workbook')",
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as error:
        raise file_error(
            path, f"is not an .xlsx workbook (not a ZIP archive: {error}); expected an .xlsx file"
        ) from None
    with archive:
        parts = archive.infolist()
        if len(parts) > MAX_PARTS:
            raise file_error(
                path, f"holds {len(parts):,} parts; expected a workbook of at most {MAX_PARTS:,}"
            )
        total = sum(part.file_size for part in parts)
        if total > MAX_UNPACKED_BYTES:
            raise file_error(
                path,
                f"unpacks to {total:,} bytes; expected a workbook of at most "
                f"{MAX_UNPACKED_BYTES:,} bytes unpacked",
            )
        for part in parts:
            _check_ratio(path, part)
        for part in parts:
            _check_xml(path, archive, part)


def _check_ratio(path: Path, part: zipfile.ZipInfo) -> None:
    packed = max(part.compress_size, 1)
    if part.file_size > RATIO_FLOOR and part.file_size > MAX_RATIO * packed:
        raise file_error(
            path,
            f"the part {part.filename!r} unpacks to {part.file_size:,} bytes from "
            f"{part.compress_size:,} ({part.file_size // packed:,} times); expected at most "
            f"{MAX_RATIO} times",
        )


def _check_xml(path: Path, archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> None:
    """Refuse a part that declares a document type or an entity, or hides them by encoding."""
    tail = b""
    try:
        with archive.open(part) as stream:
            head = stream.read(_CHUNK)
            _check_encoding(path, part.filename, head)
            chunk = head
            while chunk:
                window = tail + chunk.lower()
                if any(word in window for word in _DECLARATIONS):
                    raise file_error(
                        path,
                        f"the part {part.filename!r} declares a document type or an entity; "
                        "expected workbook XML without them (they can expand without end or "
                        "read other files)",
                    )
                tail = window[-_OVERLAP:]
                chunk = stream.read(_CHUNK)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as error:
        raise file_error(
            path, f"the part {part.filename!r} cannot be unpacked ({error}); expected a ZIP part"
        ) from None


def _check_encoding(path: Path, name: str, head: bytes) -> None:
    """Refuse an XML part in an encoding that could hide a declaration from the byte check."""
    if head.startswith(_EBCDIC):
        raise file_error(path, f"the part {name!r} is EBCDIC text; expected UTF-8 or UTF-16 XML")
    found = _ENCODING.match(head)
    if found is None:
        return
    declared = found.group(1).decode("ascii", "replace")
    if _readable(declared):
        return
    raise file_error(
        path,
        f"the part {name!r} declares the encoding {declared!r}; expected UTF-8 or UTF-16 XML",
    )


def _readable(declared: str) -> bool:
    """Whether an encoding is one a declaration cannot hide in from the byte check.

    Those are UTF-8, UTF-16 and UTF-32, and the single-byte encodings that keep ASCII
    (ISO 8859, Windows' code pages): not UTF-7, whose ``+ADw-`` is ``<``, nor EBCDIC.

    Examples:
        >>> _readable("UTF-8"), _readable("windows-1252"), _readable("UTF-16")
        (True, True, True)
        >>> _readable("UTF-7"), _readable("cp500"), _readable("base64"), _readable("nonsense")
        (False, False, False, False)
    """
    try:
        encoding = codecs.lookup(declared).name
    except LookupError:
        return False
    return encoding in _NARROW or encoding in _WIDE or encoding.startswith(("iso8859-", "cp125"))
