"""Loading a corpus from any mix of built-in datasets, study files and folders."""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from evidence_graph.collector import paused_collection
from evidence_graph.display import quoted
from evidence_graph.exceptions import (
    DroppedTriplesWarning,
    Problem,
    StudyFileError,
    UnfollowedImportWarning,
)
from evidence_graph.graph import EvidenceGraph
from evidence_graph.ids import DEFAULT_BASE
from evidence_graph.io.bibliography import (
    bibliography_format,
    read_bibliography,
)
from evidence_graph.io.merge import merge_documents
from evidence_graph.io.report import MergeDifference, MergeReport
from evidence_graph.io.resolving import (
    EXPECTED_SOURCE,
    SOURCE_SUFFIXES,
    Source,
    Sources,
    flatten_sources,
    resolve_sources,
)
from evidence_graph.io.spreadsheets import SPREADSHEET_SUFFIXES, Spreadsheet, read_spreadsheet
from evidence_graph.io.study_files import (
    ParsedFile,
    parse_study_file,
    problems_from_validation,
)
from evidence_graph.io.text_files import file_error
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
            :func:`~evidence_graph.qda.read_qda`), spreadsheets of quotes (``.csv``,
            ``.tsv``, ``.xlsx``; see :mod:`evidence_graph.io.spreadsheets`), whose cells
            name the studies, themes and works of the other files, or folders of them; each
            given alone or in a list (any iterable), as ``load("a.yaml", "b.bib")`` or
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
    with paused_collection():
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
    with paused_collection():
        corpus, reading = _read_sources(sources, "load_graph", progress=progress, strict=strict)
        base, extra = reading.base(base), reading.extra
        del reading  # the files' data, as read, is not held beside the graph
        return EvidenceGraph.from_corpus(corpus, base=base, extra=extra)


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
    with paused_collection():
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
    reading.resolve_sheets()
    reading.check_qda()
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
    sheets: list[tuple[int, Spreadsheet]] = field(default_factory=list)
    qda_samples: list[tuple[Path, str]] = field(default_factory=list)
    """The REFI-QDA projects read with a sample to put their cases in, and its id."""
    """The spreadsheets of quotes read, each with its place among the files, to be named
    against the others once all are read."""

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
        if path.suffix.lower() in SPREADSHEET_SUFFIXES:
            self.sheets.append((len(self.parsed) + len(self.sheets), read_spreadsheet(path)))
            return
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
        if path.suffix.lower() not in SOURCE_SUFFIXES and bibliography_format(path) is None:
            raise file_error(
                path,
                f"unknown file type {quoted(path.suffix)}; expected {EXPECTED_SOURCE}: "
                f"{', '.join(SOURCE_SUFFIXES)}",
            )
        if path.suffix.lower() in QDA_SUFFIXES:
            file = ParsedFile(path, read_qda(qda or QdaProject(path)))
            if qda is not None and qda.sample is not None and path.suffix.lower() == ".qdpx":
                self.qda_samples.append((path, qda.sample))
        elif bibliography_format(path) is not None:
            file = read_bibliography(path)
        else:
            file = parse_study_file(path)
        self.parsed.append(file)
        try:
            self.documents.append(StudyDocument.model_validate(file.data))
        except ValidationError as error:
            self.problems.extend(problems_from_validation(error, file))

    def check_qda(self) -> None:
        """Refuse what a REFI-QDA file names that no source declares.

        That is a codebook's study (a codebook holds themes alone: the message says how to
        name their study), and the sample a project's cases are put in (``--qda-sample``).
        """
        samples = {sample.id for document in self.documents for sample in document.samples}
        for path, sample in self.qda_samples:
            if sample not in samples:
                message = (
                    f"--qda-sample {sample}: no source declares a sample {sample!r} to put the "
                    "project's cases in; expected the id of the whole sample of the study, "
                    "declared by a study file loaded beside the project"
                )
                self.problems.append(Problem((), message, file=path))
        declared = {study.id for document in self.documents for study in document.studies}
        for file, document in zip(self.parsed, self.documents, strict=False):
            if file.path.suffix.lower() != ".qdc" or not document.themes:
                continue
            study = document.themes[0].study
            if study not in declared:
                message = (
                    f"a codebook holds themes alone, and no source declares their study "
                    f"{study!r} (named after the file); name the study they belong to with "
                    "--qda-study ID (QdaProject(path, study=ID) in Python), and load the file "
                    "that declares it beside the codebook"
                )
                self.problems.append(Problem((), message, file=file.path))

    def resolve_sheets(self) -> None:
        """Make the spreadsheets read quotes, named against the other files, in their places."""
        others = list(self.documents)
        for place, sheet in self.sheets:
            file, document, problems = sheet.study_document(others)
            self.problems.extend(problems)
            self.parsed.insert(place, file)
            if document is not None:
                self.documents.insert(place, document)
