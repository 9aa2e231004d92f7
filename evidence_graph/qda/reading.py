"""Reading a ``.qdpx`` project or a ``.qdc`` codebook as study-file data, or a clear error.

The archive is read in memory within bounds (:mod:`evidence_graph.qda.archive`), its XML
without entities or network (:mod:`evidence_graph.qda.xml`), and every value used is checked as
it is read: an error names the file, the entry, the line, the element and its GUID.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from evidence_graph.exceptions import Problem, StudyFileError
from evidence_graph.qda.archive import MAX_TOTAL, Archive, file_error, open_archive
from evidence_graph.qda.elements import Malformed
from evidence_graph.qda.options import QdaProject
from evidence_graph.qda.project import read_codebook, read_project
from evidence_graph.qda.skipped import Skipped
from evidence_graph.qda.xml import XmlError, parse_xml

__all__ = ["read_qda"]


def read_qda(source: str | os.PathLike[str]) -> dict[str, Any]:
    """Read a REFI-QDA project (``.qdpx``) or codebook (``.qdc``) as study-file data.

    Args:
        source: The file, or a :class:`QdaProject` that says how to read it.

    Returns:
        The lists of a study file (``works``, ``studies``, ``themes``, ``quotes``…), each
        entity a mapping as a study file has it, not yet validated.

    Raises:
        StudyFileError: If the file cannot be read, or the archive or an element in it is
            refused: the message names the file, the entry and line, the element and its GUID,
            and what was expected.

    Warns:
        SkippedContentWarning: Once, listing what was left out: sources that are not text,
            codings of a whole source, selections without a code, sets, links, graphs.

    Examples:
        >>> import tempfile
        >>> codebook = Path(tempfile.mkdtemp()) / "codes.qdc"
        >>> _ = codebook.write_text(
        ...     '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
        ...     '<Code guid="{6B0C0000-0000-4000-8000-000000000001}" name="Hope" isCodable="true"'
        ...     ' color="#3A7"/></Codes></CodeBook>'
        ... )
        >>> read_qda(QdaProject(codebook, study="kverme2019"))["themes"]
        [{'id': 'hope', 'study': 'kverme2019', 'label': 'Hope', 'color': '#3A7'}]
    """
    options = source if isinstance(source, QdaProject) else QdaProject(source)
    path = options.path
    skipped = Skipped()
    with _open(path) as stream:
        if path.suffix.lower() == ".qdc":
            data = stream.read(MAX_TOTAL + 1)
            if len(data) > MAX_TOTAL:
                raise file_error(path, f"is larger than {MAX_TOTAL // 2**20} MiB: refused")
            with _reported(path, None):
                found = read_codebook(parse_xml(data), options, skipped)
        else:
            found = _project(path, open_archive(path, stream), options, skipped)
    skipped.warn(path)
    return found


def _project(path: Path, archive: Archive, options: QdaProject, skipped: Skipped) -> dict[str, Any]:
    """Read the project of an open archive."""
    try:
        roots = [name for name in archive.names if "/" not in name and _is_project(name)]
        if len(roots) != 1:
            found = ", ".join(roots) if roots else "none"
            raise file_error(
                path,
                f"expected one project (a .qde file such as project.qde) at the archive's root, "
                f"found {found}",
            )
        entry = roots[0]

        def entries(name: str) -> bytes | None:
            found = archive.find(name, any_case=True)
            return None if found is None else archive.read(found)

        with _reported(path, entry):
            return read_project(parse_xml(archive.read(entry)), options, entries, skipped)
    finally:
        archive.close()


def _is_project(name: str) -> bool:
    return name.lower().endswith(".qde")


@contextlib.contextmanager
def _open(path: Path) -> Iterator[BinaryIO]:
    """Open a regular file for reading, or raise the error that says why it cannot be."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise file_error(path, "is not a regular file; expected a file to read")
        stream = path.open("rb")
    except OSError as error:
        raise file_error(path, f"cannot be read ({error.strerror})") from None
    with stream:
        yield stream


@contextlib.contextmanager
def _reported(path: Path, entry: str | None) -> Iterator[None]:
    """Turn a malformed element, or XML refused, within the block into the error naming where.

    In an archive the message names the entry, its line and column; a ``.qdc`` file is the
    entry itself, so the problem has the line and column.
    """
    try:
        yield
    except Malformed as error:
        raise _error(path, entry, str(error), error.element.line, error.element.column) from None
    except XmlError as error:
        raise _error(path, entry, error.message, error.line, error.column) from None


def _error(
    path: Path, entry: str | None, message: str, line: int | None, column: int | None
) -> StudyFileError:
    if entry is None:
        return StudyFileError(path, [Problem((), message, line, column, path)])
    where = entry if line is None else f"{entry}, line {line}, column {column}"
    return StudyFileError(path, [Problem((), f"{where}: {message}", file=path)])
