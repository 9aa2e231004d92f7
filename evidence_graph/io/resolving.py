"""Which files the sources of a load name: datasets, files, folders, and lists of them."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path

from evidence_graph.datasets import dataset_paths
from evidence_graph.display import quoted
from evidence_graph.exceptions import DatasetNotFoundError, SourceNotFoundError
from evidence_graph.io.bibliography import BIBLIOGRAPHY_SUFFIXES
from evidence_graph.io.spreadsheets import SPREADSHEET_SUFFIXES
from evidence_graph.io.study_files import STUDY_FILE_SUFFIXES
from evidence_graph.io.text_files import file_error, special_file_error
from evidence_graph.qda import QDA_SUFFIXES
from evidence_graph.rdf import RDF_SUFFIXES

__all__ = [
    "EXPECTED_SOURCE",
    "SOURCE_SUFFIXES",
    "Source",
    "Sources",
    "flatten_sources",
    "resolve_sources",
]

Source = str | os.PathLike[str]
"""One source: a built-in dataset's name, or the path of a file or a folder (a
:class:`~evidence_graph.qda.QdaProject` is the path of a REFI-QDA file, with how to read it)."""
Sources = Source | Iterable[Source]
"""What a loading function takes in each place: a source, or a list (any iterable) of them."""

# The endings of the files a folder is searched for, each once, in the order messages name them.
SOURCE_SUFFIXES = tuple(
    dict.fromkeys(
        (
            *STUDY_FILE_SUFFIXES,
            *BIBLIOGRAPHY_SUFFIXES,
            *RDF_SUFFIXES,
            *QDA_SUFFIXES,
            *SPREADSHEET_SUFFIXES,
        )
    )
)


def flatten_sources(sources: Iterable[Sources], function: str = "load") -> list[Source]:
    """Return the sources, each list (or other iterable) of them replaced by its items.

    Args:
        sources: Sources, and lists of them, as the loading functions take them.
        function: The function they were given to, as an error names it.

    Raises:
        TypeError: If something is neither a source nor an iterable of sources, naming it.

    Examples:
        >>> flatten_sources(["kverme2019", ["a.yaml", Path("b.bib")]])
        ['kverme2019', 'a.yaml', PosixPath('b.bib')]
        >>> flatten_sources([3])
        Traceback (most recent call last):
        ...
        TypeError: load() takes dataset names, paths and lists of them, not 3 (of type int)
    """
    found: list[Source] = []
    for source in sources:
        if isinstance(source, str | os.PathLike):
            found.append(source)
            continue
        if not isinstance(source, Iterable) or isinstance(source, bytes | bytearray | Mapping):
            raise TypeError(_not_a_source(source, function))
        for item in source:
            if not isinstance(item, str | os.PathLike):
                raise TypeError(_not_a_source(item, function, within=source))
            found.append(item)
    return found


def _not_a_source(value: object, function: str, within: object = None) -> str:
    where = "" if within is None else f", in a {type(within).__name__}"
    return (
        f"{function}() takes dataset names, paths and lists of them, not {quoted(value)} "
        f"(of type {type(value).__name__}{where})"
    )


def resolve_sources(sources: Iterable[Sources]) -> list[Path]:
    """Return the files that ``sources`` name, in order, each once.

    A source is a path to a study, bibliography, RDF, REFI-QDA or spreadsheet file, a folder
    (its files, sorted, sub-folders included, hidden ones left out) or the name of a built-in
    dataset. A path that exists wins over a dataset of the same name. A list of sources stands
    for its sources.

    Raises:
        TypeError: If something is neither a source nor a list of sources.
        SourceNotFoundError: If a source is neither an existing path nor a dataset name.
        StudyFileError: If a source is not a regular file or a folder (a named pipe, say), cannot
            be read, or is a folder that (or a sub-folder of which) cannot be read or that holds
            no study file.
    """
    files: list[Path] = []
    for source in flatten_sources(sources, "resolve_sources"):
        path = Path(source)
        mode = _mode(path)
        if mode is None:
            try:
                files.extend(dataset_paths(os.fspath(source)))
            except DatasetNotFoundError as error:
                raise SourceNotFoundError(os.fspath(source), error.hint) from None
        elif stat.S_ISDIR(mode):
            files.extend(_folder_files(path))
        elif stat.S_ISREG(mode):
            files.append(path)
        else:
            raise special_file_error(path, mode, EXPECTED_SOURCE)
    unique: dict[Path, None] = {}
    for file in files:
        unique.setdefault(file.resolve(), None)
    return list(unique)


EXPECTED_SOURCE = (
    "a study file, a bibliography, an RDF file, a REFI-QDA project or codebook, a spreadsheet of "
    "quotes, or a folder of them"
)


def _mode(path: Path) -> int | None:
    """Return the file mode of what ``path`` names (links followed), or ``None`` if nothing."""
    try:
        return path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError, ValueError):  # ValueError: a NUL in the name
        return None
    except OSError as error:
        if error.errno == errno.ENAMETOOLONG:  # no such file can be
            return None
        raise file_error(path, f"cannot be read ({error.strerror})") from None


def _folder_files(folder: Path) -> list[Path]:
    """Return the files of a folder that are read, sorted; hidden ones and lock files left out.

    Raises:
        StudyFileError: If the folder or one of its sub-folders cannot be read, or if it holds
            no file that is read.
    """
    found: list[Path] = []
    for top, folders, names in os.walk(folder, onerror=_unreadable):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in names:
            child = Path(top, name)
            if (
                not name.startswith(_SKIPPED)
                and child.suffix.lower() in SOURCE_SUFFIXES
                and child.is_file()
            ):
                found.append(child)
    if not found:
        suffixes = ", ".join(SOURCE_SUFFIXES)
        raise file_error(folder, f"the folder holds no study file; expected {suffixes} files")
    return sorted(found)


_SKIPPED = (".", "~$")
"""The beginnings of the names of files a folder's reading leaves out: hidden files, and the
lock files Microsoft Office keeps beside a document open in it (``~$quotes.xlsx``)."""


def _unreadable(error: OSError) -> None:
    """Refuse a folder that cannot be listed: what it holds would be left out unsaid."""
    path = Path(error.filename)
    raise file_error(path, f"the folder cannot be read ({error.strerror})")
