"""Loading a corpus from any mix of built-in datasets, study files and folders."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import warnings
from collections.abc import Iterable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from evidence_graph.datasets import dataset_paths
from evidence_graph.display import quoted
from evidence_graph.exceptions import (
    DatasetNotFoundError,
    DroppedTriplesWarning,
    Problem,
    SourceNotFoundError,
    StudyFileError,
    UnfollowedImportWarning,
)
from evidence_graph.graph import EvidenceGraph
from evidence_graph.ids import DEFAULT_BASE
from evidence_graph.io.bibliography import (
    BIBLIOGRAPHY_SUFFIXES,
    bibliography_format,
    read_bibliography,
)
from evidence_graph.io.merge import merge_documents
from evidence_graph.io.report import MergeDifference, MergeReport
from evidence_graph.io.study_files import (
    STUDY_FILE_SUFFIXES,
    ParsedFile,
    parse_study_file,
    problems_from_validation,
)
from evidence_graph.io.text_files import file_error, special_file_error
from evidence_graph.models import Corpus, StudyDocument
from evidence_graph.progress import steps
from evidence_graph.qda import QDA_SUFFIXES, QdaProject, read_qda
from evidence_graph.rdf import RDF_SUFFIXES, read_rdf

__all__ = [
    "Source",
    "Sources",
    "Traced",
    "flatten_sources",
    "load",
    "load_graph",
    "load_traced",
    "merge_report",
    "recorded_merges",
    "resolve_sources",
]

Source = str | os.PathLike[str]
"""One source: a built-in dataset's name, or the path of a file or a folder (a
:class:`~evidence_graph.qda.QdaProject` is the path of a REFI-QDA file, with how to read it)."""
Sources = Source | Iterable[Source]
"""What a loading function takes in each place: a source, or a list (any iterable) of them."""

# The endings of the files a folder is searched for, each once, in the order messages name them.
_SUFFIXES = tuple(
    dict.fromkeys((*STUDY_FILE_SUFFIXES, *BIBLIOGRAPHY_SUFFIXES, *RDF_SUFFIXES, *QDA_SUFFIXES))
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

    A source is a path to a study, bibliography, RDF or REFI-QDA file, a folder (its files,
    sorted, sub-folders included, hidden ones left out) or the name of a built-in dataset. A
    path that exists wins over a dataset of the same name. A list of sources stands for its
    sources.

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
            raise special_file_error(path, mode, _EXPECTED)
    unique: dict[Path, None] = {}
    for file in files:
        unique.setdefault(file.resolve(), None)
    return list(unique)


_EXPECTED = (
    "a study file, a bibliography, an RDF file, a REFI-QDA project or codebook, or a folder of them"
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
    """Return the files of a folder that are read, sorted; its hidden parts are left out.

    Raises:
        StudyFileError: If the folder or one of its sub-folders cannot be read, or if it holds
            no file that is read.
    """
    found: list[Path] = []
    for top, folders, names in os.walk(folder, onerror=_unreadable):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in names:
            child = Path(top, name)
            if not name.startswith(".") and child.suffix.lower() in _SUFFIXES and child.is_file():
                found.append(child)
    if not found:
        suffixes = ", ".join(_SUFFIXES)
        raise file_error(folder, f"the folder holds no study file; expected {suffixes} files")
    return sorted(found)


def _unreadable(error: OSError) -> None:
    """Refuse a folder that cannot be listed: what it holds would be left out unsaid."""
    path = Path(error.filename)
    raise file_error(path, f"the folder cannot be read ({error.strerror})")


_RECORDERS: ContextVar[tuple[list[MergeReport], ...]] = ContextVar("recorders", default=())


@contextlib.contextmanager
def recorded_merges() -> Iterator[list[MergeReport]]:
    """Collect the merge report of every load within the block, in the order they ran.

    This is how a program that loads sources in many places, such as the command line, tells
    its user once what merging dropped.

    Examples:
        >>> with recorded_merges() as reports:
        ...     corpus = load("kverme2019")
        >>> [report.summary() for report in reports]
        ['merged 1 file: no differences']
    """
    found: list[MergeReport] = []
    token = _RECORDERS.set((*_RECORDERS.get(), found))
    try:
        yield found
    finally:
        _RECORDERS.reset(token)


def load(*sources: Sources, strict: bool = False) -> Corpus:
    """Load a corpus from built-in datasets, study files, RDF files and folders of them.

    Files are read together, in order, and may refer to each other's entities. The same DOI,
    ORCID iD or concept IRI is one entity under the id the first file gives it (later files'
    references follow, as do the authors, place by place, of a work joined by DOI whose names
    are one person: one ORCID iD, or one family name and compatible initials). Entities with
    one id are one entity: each value given by either file is taken and lists are united; of
    two values of a field the fuller is kept, whatever the order of the files, and the other
    goes into the merge report (:func:`merge_report`). Identifiers that disagree (a DOI, PMID,
    PMCID, ORCID iD or concept IRI) are an error naming both files and the field, as are
    values with other words where entities share only a local id (two entities under one id).

    Args:
        *sources: Dataset names (see :data:`evidence_graph.datasets.DATASETS`), paths to
            ``.yaml``, ``.yml`` or ``.json`` study files, bibliographies whose entries become
            works and people (BibTeX ``.bib``, RIS ``.ris``, CSL-JSON ``.json`` whose top
            level is an array of objects; see :func:`~evidence_graph.io.read_bibliography`),
            RDF files in our vocabularies, ours or another tool's (``.ttl``, ``.nt``,
            ``.jsonld``, ``.rdf``, ``.trig``, ``.nq``), REFI-QDA projects (``.qdpx``) and
            codebooks (``.qdc``), each a study of its own unless a
            :class:`~evidence_graph.qda.QdaProject` names the study it is (see
            :func:`~evidence_graph.qda.read_qda`), or folders of them; each given
            alone or in a list (any iterable), as ``load("a.yaml", "b.bib")`` or
            ``load(["a.yaml", "b.bib"])``.
        strict: Refuse real differences between files (different words, not only another
            spelling, an abbreviation or another form of a name) as errors.

    Returns:
        The corpus, validated as a whole.

    Raises:
        SourceNotFoundError: If a source does not exist.
        TypeError: If a source is neither a name, a path nor a list of them.
        StudyFileError: With every problem found, each naming its file, field path and line;
            with ``strict``, each real difference too, naming both files, entries and values.

    Warns:
        DroppedTriplesWarning: If RDF files hold triples a corpus cannot; use
            :func:`load_graph` to keep them.
        SkippedContentWarning: Once for each REFI-QDA file that holds what a corpus cannot
            (pictures, PDFs, audio or video, codings of a whole source), naming what was left
            out.

    Examples:
        >>> corpus = load("kverme2019")
        >>> len(corpus.quotes)
        4
    """
    corpus, reading = _read_sources(sources, "load", progress=False, strict=strict)
    if extra := reading.extra:
        warnings.warn(
            f"{len(extra)} RDF triples that the models do not hold were left out of the "
            "corpus; load_graph() keeps them",
            DroppedTriplesWarning,
            stacklevel=2,
        )
    return corpus


def load_graph(
    *sources: Sources, base: str | None = None, progress: bool = False, strict: bool = False
) -> EvidenceGraph:
    """Load the evidence graph of any mix of sources, as :func:`load` does, losing nothing.

    Triples of RDF files that the models do not hold are kept in
    :attr:`~evidence_graph.EvidenceGraph.extra` and written back out by the export. The base
    of minted IRIs is ``base`` if given, else the one the RDF files use, else the default.
    With ``progress``, a bar on standard error counts the files read; ``strict`` refuses real
    differences between files, as :func:`load` does.

    Examples:
        >>> load_graph("kverme2019").iri("kverme2019-paper")
        'https://doi.org/10.3389/fpsyg.2019.00430'
    """
    corpus, reading = _read_sources(sources, "load_graph", progress=progress, strict=strict)
    return EvidenceGraph.from_corpus(corpus, base=reading.base(base), extra=reading.extra)


def merge_report(*sources: Sources, strict: bool = False) -> MergeReport:
    """Return what merging the sources dropped: each value of a field kept for a fuller one.

    Args:
        *sources: What :func:`load` takes.
        strict: Refuse real differences as errors, as :func:`load` does.

    Raises:
        StudyFileError: If the sources cannot be loaded together.

    Examples:
        >>> merge_report("kverme2019").differences
        ()
    """
    return _read_sources(sources, "merge_report", progress=False, strict=strict)[1].report


@dataclass(frozen=True, slots=True)
class Traced:
    """An evidence graph, and the file each of its entities and extra triples came from.

    Attributes:
        graph: The graph, as :func:`load_graph` gives it.
        origins: Each entity's id, and the first file that gave it.
        extra: The triples of :attr:`~evidence_graph.EvidenceGraph.extra` that each RDF file
            gave.
        report: What merging the files dropped.
    """

    graph: EvidenceGraph
    origins: dict[str, Path]
    extra: dict[Path, frozenset[Any]]
    report: MergeReport


def load_traced(
    *sources: Sources, base: str | None = None, progress: bool = False, strict: bool = False
) -> Traced:
    """Load the graph of the sources as :func:`load_graph` does, and where each entity came from.

    Examples:
        >>> traced = load_traced("kverme2019")
        >>> traced.origins["kverme2019-paper"].name
        'kverme2019.yaml'
    """
    origins: dict[str, Path] = {}
    corpus, reading = _read_sources(
        sources, "load_traced", progress=progress, origins=origins, strict=strict
    )
    graph = EvidenceGraph.from_corpus(corpus, base=reading.base(base), extra=reading.extra)
    extra = {path: frozenset(triples) for path, triples in reading.extra_by_file.items()}
    return Traced(graph, origins, extra, reading.report)


def _read_sources(
    given: tuple[Sources, ...],
    function: str,
    *,
    progress: bool,
    origins: dict[str, Path] | None = None,
    strict: bool = False,
) -> tuple[Corpus, _Reading]:
    """Read every file the sources name and merge them: the corpus, and what was read."""
    sources = flatten_sources(given, function)
    if not sources:
        raise ValueError(
            f"{function}() needs at least one source: a dataset name, a file or a folder"
        )
    reading = _Reading()
    paths = resolve_sources(sources)
    qda = {Path(source).resolve(): source for source in sources if isinstance(source, QdaProject)}
    with steps("reading", len(paths), show=progress) as advance:
        for path in paths:
            reading.read(path, qda.get(path))
            advance(1)
    parsed, problems = reading.parsed, reading.problems
    if problems:
        raise StudyFileError(parsed[0].path if len(parsed) == 1 else None, problems)
    documents = list(zip(parsed, reading.documents, strict=True))
    differences: list[MergeDifference] = []
    corpus = merge_documents(documents, origins=origins, differences=differences, strict=strict)
    reading.report = MergeReport(tuple(file.path for file in parsed), tuple(differences))
    for recorder in _RECORDERS.get():
        recorder.append(reading.report)
    return corpus, reading


@dataclass
class _Reading:
    """What the files read so far hold: their data and documents, or their problems."""

    parsed: list[ParsedFile] = field(default_factory=list)
    documents: list[StudyDocument] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    extra_by_file: dict[Path, set[Any]] = field(default_factory=dict)
    """The RDF triples of each file that the models do not hold."""
    bases: set[str] = field(default_factory=set)
    report: MergeReport = field(default_factory=lambda: MergeReport(()))

    @property
    def extra(self) -> set[Any]:
        """The RDF triples of every file that the models do not hold."""
        return set().union(*self.extra_by_file.values())

    def base(self, given: str | None) -> str:
        """Return the base of minted IRIs: ``given``, else the one the RDF files use, else ours."""
        if given:
            return given
        return next(iter(self.bases)) if len(self.bases) == 1 else DEFAULT_BASE

    def read(self, path: Path, qda: QdaProject | None = None) -> None:
        """Read one file (a REFI-QDA file as ``qda`` says, if given)."""
        if path.suffix.lower() in RDF_SUFFIXES:
            found = read_rdf(path)
            for target in found.imports:
                warnings.warn(
                    f"{path}: owl:imports <{target}> is not followed; nothing was fetched",
                    UnfollowedImportWarning,
                    stacklevel=4,  # the caller of load() or load_graph()
                )
            if found.extra:
                self.extra_by_file.setdefault(path, set()).update(found.extra)
            self.bases.add(found.base)
            self.parsed.append(ParsedFile(path, dict(found.data)))
            self.documents.append(found.document)
            return
        if path.suffix.lower() in QDA_SUFFIXES:
            file = ParsedFile(path, read_qda(qda or QdaProject(path)))
        elif bibliography_format(path) is not None:
            file = read_bibliography(path)
        else:
            file = parse_study_file(path)
        self.parsed.append(file)
        try:
            self.documents.append(StudyDocument.model_validate(file.data))
        except ValidationError as error:
            self.problems.extend(problems_from_validation(error, file))
