"""Writing a study as a REFI-QDA project (``.qdpx``): a ZIP of ``project.qde`` and ``Sources/``.

What each part of the study becomes:

- the study is the project, named by its label (or id);
- its coders are the users; its themes the codebook (see :mod:`.write_codebook`);
- its participants the cases, their characteristics the variables (see :mod:`.write_cases`);
- each work its quotes were read in is a text source, each quote a selection of it coded under
  the quote's themes, by the quote's coder, at the time it was coded (see :mod:`.write_sources`);
- its memos are the notes, each referred to by the code, selection, source or project it is
  about (a case has no place for one, so a memo about a participant is referred to by none).

The sources' texts are files of ``Sources/``, ``internal://<GUID>.txt``. The archive's
entries come in a fixed order with a fixed time, so the same corpus gives the same bytes.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Mapping, Sequence

from evidence_graph.graph import EvidenceGraph
from evidence_graph.models import Coder, Corpus, Memo, NodeKind, Study, local_id
from evidence_graph.qda.names import PROJECT_NAMESPACE
from evidence_graph.qda.write_cases import add_cases, add_variables, variables_of
from evidence_graph.qda.write_codebook import add_codes
from evidence_graph.qda.write_sources import Selection, TextSource, text_sources
from evidence_graph.qda.writing import ORIGIN, XmlBuilder, chosen_study, guid, xml_datetime

__all__ = ["PROJECT_ENTRY", "to_qdpx"]

PROJECT_ENTRY = "project.qde"
"""The name of the project's XML in a ``.qdpx`` archive."""

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""The time every entry of an archive written here bears: the earliest a ZIP file can."""

Notes = Mapping[str, Sequence[str]]
"""For the IRI of what memos are about, the GUIDs of their notes."""


def to_qdpx(
    source: Corpus | EvidenceGraph, study: str | None = None, *, include_sources: bool = False
) -> bytes:
    """Return a study as a REFI-QDA project: the bytes of a ``.qdpx`` archive.

    ``study`` names the study; it may be left out when the sources hold only one. The texts
    of the works are interview transcripts, private: a source holds its work's whole text
    only with ``include_sources``, else only the quotes (with their prefixes and suffixes)
    at their offsets, every other character a space and line breaks kept.

    Raises:
        UsageError: If no study has the id ``study``, or none is named and there are several.
        NotWritableError: If a text holds a character XML 1.0 cannot hold, or a quote's
            position does not fit its text, naming the entity and the field.

    Examples:
        >>> import io, zipfile
        >>> from evidence_graph import load
        >>> archive = zipfile.ZipFile(io.BytesIO(to_qdpx(load("kverme2019"))))
        >>> archive.namelist()[0], len(archive.namelist())
        ('project.qde', 2)
        >>> to_qdpx(load("kverme2019")) == to_qdpx(load("kverme2019"))
        True
    """
    graph = EvidenceGraph.of(source)
    chosen = chosen_study(graph, study)
    sources = text_sources(graph, chosen, include_sources=include_sources)
    project = _project_xml(graph, chosen, sources)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        _add_entry(archive, PROJECT_ENTRY, project.encode("utf-8"))
        for text_source in sources:
            _add_entry(archive, f"Sources/{text_source.guid}.txt", text_source.text.encode())
    return buffer.getvalue()


def _add_entry(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    """Add a compressed entry that bears the fixed time, made as on a Unix system."""
    entry = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.create_system = 3
    entry.external_attr = 0o100644 << 16
    archive.writestr(entry, data)


def _project_xml(graph: EvidenceGraph, study: Study, sources: Sequence[TextSource]) -> str:
    """The project's XML: ``project.qde``."""
    xml = XmlBuilder(PROJECT_NAMESPACE)
    where = f"study {study.id!r}"
    name = study.label or study.id
    project = xml.root("Project", where=f"{where}: label", name=name, origin=ORIGIN)
    coders, memos = _coders(graph, study), _memos(graph, study)
    notes = _notes(graph, memos)
    if coders:
        users = xml.child(project, "Users")
        for coder in coders:
            xml.child(
                users,
                "User",
                where=f"coder {coder.id!r}: name",
                guid=guid(graph.iri(coder)),
                name=coder.name,
                id=local_id(coder),
            )
    if graph.top_themes(study.id):
        add_codes(xml, xml.child(project, "CodeBook"), graph, study, notes)
    participants = sorted(
        (person for person in graph.participants() if person.study == study.id),
        key=lambda person: person.id,
    )
    variables = variables_of(graph, study, participants)
    add_variables(xml, project, variables)
    add_cases(xml, project, graph, study, sources, participants=participants, variables=variables)
    _add_sources(xml, project, graph, sources, notes)
    _add_notes(xml, project, graph, memos)
    for note in notes.get(graph.iri(study), ()):
        xml.child(project, "NoteRef", targetGUID=note)
    return xml.serialize(project)


def _coders(graph: EvidenceGraph, study: Study) -> list[Coder]:
    """The coders of the study, by id."""
    found = [model for _, model in graph.nodes(NodeKind.CODER) if isinstance(model, Coder)]
    return sorted((coder for coder in found if coder.study == study.id), key=lambda c: c.id)


def _memos(graph: EvidenceGraph, study: Study) -> list[Memo]:
    """The memos of the study, by id."""
    found = [model for _, model in graph.nodes(NodeKind.MEMO) if isinstance(model, Memo)]
    return sorted((memo for memo in found if memo.study == study.id), key=lambda m: m.id)


def _notes(graph: EvidenceGraph, memos: Sequence[Memo]) -> dict[str, list[str]]:
    """For the IRI of each thing memos are about, the GUIDs of their notes, by memo id."""
    notes: dict[str, list[str]] = {}
    for memo in memos:
        for about in memo.about:
            notes.setdefault(graph.iri(about), []).append(guid(graph.iri(memo)))
    return notes


def _add_sources(
    xml: XmlBuilder,
    project: ET.Element,
    graph: EvidenceGraph,
    sources: Sequence[TextSource],
    notes: Notes,
) -> None:
    if not sources:
        return
    parent = xml.child(project, "Sources")
    for source in sources:
        work_iri = graph.iri(source.work)
        element = xml.child(
            parent,
            "TextSource",
            where=f"work {source.work.id!r}: title",
            guid=source.guid,
            name=source.name,
            plainTextPath=f"internal://{source.guid}.txt",
        )
        for selection in source.selections:
            _add_selection(xml, element, graph, selection, notes)
        if source.guid == guid(work_iri):
            for note in notes.get(work_iri, ()):
                xml.child(element, "NoteRef", targetGUID=note)


def _add_selection(
    xml: XmlBuilder, parent: ET.Element, graph: EvidenceGraph, selection: Selection, notes: Notes
) -> None:
    element = xml.child(
        parent,
        "PlainTextSelection",
        guid=selection.guid,
        name=selection.name,
        startPosition=str(selection.start),
        endPosition=str(selection.end),
    )
    referred: list[str] = []
    for quote in selection.quotes:
        iri = graph.iri(quote)
        coder = guid(graph.iri(quote.coded_by)) if quote.coded_by is not None else None
        coded_at = xml_datetime(quote.coded_at) if quote.coded_at is not None else None
        for theme in quote.themes:
            theme_iri = graph.iri(theme)
            coding = xml.child(
                element,
                "Coding",
                guid=guid(iri, "coding", theme_iri),
                creatingUser=coder,
                creationDateTime=coded_at,
            )
            xml.child(coding, "CodeRef", targetGUID=guid(theme_iri))
        referred.extend(note for note in notes.get(iri, ()) if note not in referred)
    for note in referred:
        xml.child(element, "NoteRef", targetGUID=note)


def _add_notes(
    xml: XmlBuilder, project: ET.Element, graph: EvidenceGraph, memos: Sequence[Memo]
) -> None:
    if not memos:
        return
    parent = xml.child(project, "Notes")
    for memo in memos:
        where = f"memo {memo.id!r}"
        writer = guid(graph.iri(memo.written_by)) if memo.written_by is not None else None
        note = xml.child(
            parent,
            "Note",
            where=f"{where}: title",
            guid=guid(graph.iri(memo)),
            name=memo.title,
            creatingUser=writer,
            creationDateTime=xml_datetime(memo.created) if memo.created is not None else None,
        )
        xml.text(note, "PlainTextContent", memo.text, where=f"{where}: text")
