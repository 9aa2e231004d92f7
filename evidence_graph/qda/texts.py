"""A project's text sources read as works, and their coded selections, checked against the text.

A text source's plain text is its ``PlainTextContent``, or the archive's entry that its
``plainTextPath`` names (``internal://NAME`` is ``Sources/NAME``), UTF-8 with or without a byte
order mark. A path outside the archive (``relative://``, ``absolute://``) is never read: the
source is skipped. So are the sources that are not text (pictures, PDFs, audio, video) and the
codings of a whole source, which code no words.
"""

from __future__ import annotations

import codecs
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from evidence_graph.display import quoted
from evidence_graph.qda.elements import (
    Ids,
    Malformed,
    guid,
    integer,
    optional_guid,
    target,
    timestamp,
    valued,
)
from evidence_graph.qda.offsets import OffsetUnit, SourceText
from evidence_graph.qda.skipped import Skipped
from evidence_graph.qda.xml import Element

__all__ = [
    "Coding",
    "Context",
    "Selection",
    "Source",
    "Texts",
    "coder_of",
    "plain_text",
    "read_sources",
]

_INTERNAL = "internal://"
_OTHER_SOURCES = {
    "PictureSource": ("picture source", "picture sources"),
    "PDFSource": ("PDF source", "PDF sources"),
    "AudioSource": ("audio source", "audio sources"),
    "VideoSource": ("video source", "video sources"),
}

Entries = Callable[[str], bytes | None]
"""Returns the bytes of the archive's entry of a name (folders' case ignored), or ``None``."""


@dataclass
class Source:
    """A text source: its work, and its text."""

    key: str
    work: dict[str, Any]
    text: SourceText


@dataclass
class Coding:
    """One coding of a selection: the theme it codes it with, who did it, when."""

    element: Element
    key: str
    theme: str
    coder: str | None
    created: dt.datetime | None
    quote: str | None = None
    """The id of the quote the coding went into, once made."""


@dataclass
class Selection:
    """A coded selection of a text source, its offsets in code points."""

    element: Element
    key: str
    source: Source
    start: int
    end: int
    codings: list[Coding]


@dataclass
class Texts:
    """The text sources of a project, as works, and their coded selections."""

    sources: list[Source] = field(default_factory=list)
    selections: list[Selection] = field(default_factory=list)
    notes: list[tuple[Element, Source | Selection | Coding]] = field(default_factory=list)
    """Each ``NoteRef`` of a source, selection or coding, with what it is in."""


@dataclass
class Context:
    """What reading a project's sources needs from the rest of it."""

    index: dict[str, Element]
    themes: dict[str, str]
    """The theme of each code, by the code's GUID."""
    coders: dict[str, str]
    """The coder of each user, by the user's GUID."""
    unit: OffsetUnit
    ids: Ids
    entries: Entries
    skipped: Skipped
    study: str
    """The project's study, whose id begins the ids of its sources' works: works are not
    scoped by study, and two projects may both have an "Interview 1"."""


def read_sources(root: Element, context: Context) -> Texts:
    """Read a project's text sources and their coded selections; skip (and count) the rest.

    Raises:
        Malformed: If a source or a selection is malformed: an offset outside its text or
            inside a character, a code or a user that the project lacks, a text that is
            missing from the archive or is not UTF-8.
    """
    texts = Texts()
    sources = root.first("Sources")
    for element in [] if sources is None else sources.children:
        if element.name in _OTHER_SOURCES:
            context.skipped.add(*_OTHER_SOURCES[element.name])
        elif element.name == "TextSource":
            _read_source(element, context, texts)
    return texts


def _read_source(element: Element, context: Context, texts: Texts) -> None:
    key = guid(element)
    name = valued(element, "name")
    text = plain_text(element, context)
    if text is None:
        return
    made = context.ids.make(name, "source", key, prefix=context.study)
    work: dict[str, Any] = {"id": made, "type": "dataset"}
    if name is not None:
        work["title"] = name
    work["text"] = text
    source = Source(key, work, SourceText(text, name or work["id"], context.unit))
    texts.sources.append(source)
    texts.notes.extend((ref, source) for ref in element.all("NoteRef"))
    if whole := list(element.all("Coding")):
        context.skipped.add("coding of a whole source", "codings of a whole source", len(whole))
    for selection in element.all("PlainTextSelection"):
        found = _selection(selection, source, context)
        texts.notes.extend((ref, found) for ref in selection.all("NoteRef"))
        for coding in found.codings:
            texts.notes.extend((ref, coding) for ref in coding.element.all("NoteRef"))
        if found.codings:
            texts.selections.append(found)
        else:
            context.skipped.add("selection without a code", "selections without a code")


def plain_text(
    element: Element, context: Context, noun: tuple[str, str] = ("text source", "text sources")
) -> str | None:
    """Return the plain text of a text source (or a note), or ``None`` (counted as skipped).

    ``noun`` names such an element, in the singular and the plural, for what was skipped.

    Raises:
        Malformed: If it has both a ``PlainTextContent`` and a ``plainTextPath``, or the archive
            lacks the entry its ``plainTextPath`` names, or the entry is not UTF-8.
    """
    content = element.first("PlainTextContent")
    path = valued(element, "plainTextPath")
    if content is not None and path is not None:
        raise Malformed(
            element,
            f"holds both a PlainTextContent and a plainTextPath ({quoted(path)}), so which is "
            "its text cannot be told; expected one of them",
        )
    if content is not None:
        return content.text
    if path is None:
        context.skipped.add(f"{noun[0]} without a text", f"{noun[1]} without a text")
        return None
    if not path.startswith(_INTERNAL):
        where = f"({path.partition('://')[0]}://)"
        context.skipped.add(
            f"{noun[0]} outside the archive {where}", f"{noun[1]} outside the archive {where}"
        )
        return None
    name = f"Sources/{path.removeprefix(_INTERNAL)}"
    data = context.entries(name)
    if data is None:
        raise Malformed(element, f"plainTextPath {quoted(path)}: the archive has no {name}")
    try:
        return data.removeprefix(codecs.BOM_UTF8).decode("utf-8")
    except UnicodeDecodeError as error:
        byte = data[error.start]
        raise Malformed(
            element,
            f"{name} is not UTF-8 text (byte 0x{byte:02x} at offset {error.start}); expected UTF-8",
        ) from None


def _selection(element: Element, source: Source, context: Context) -> Selection:
    key = guid(element)
    offsets = integer(element, "startPosition"), integer(element, "endPosition")
    try:
        start, end = source.text.span(*offsets)
    except ValueError as error:
        raise Malformed(element, str(error)) from None
    selected_by = coder_of(element, "creatingUser", context)
    created = timestamp(element, "creationDateTime")
    codings = [_coding(coding, context, selected_by, created) for coding in element.all("Coding")]
    if codings and not source.text.text[start:end].strip():
        raise Malformed(element, "selects only white space; expected words to quote")
    return Selection(element, key, source, start, end, codings)


def _coding(
    element: Element, context: Context, selected_by: str | None, selected: dt.datetime | None
) -> Coding:
    reference = element.first("CodeRef")
    if reference is None:
        raise Malformed(element, "holds no CodeRef; expected the code it codes with")
    code = target(reference, context.index, ("Code",), "a code")
    if code not in context.themes:
        raise Malformed(reference, "names a code outside the CodeBook; expected a code of it")
    coder = coder_of(element, "creatingUser", context) or selected_by
    created = timestamp(element, "creationDateTime") or selected
    return Coding(element, guid(element), context.themes[code], coder, created)


def coder_of(element: Element, attribute: str, context: Context) -> str | None:
    """Return the coder of the user an attribute names, or ``None``; refuse an unknown user."""
    user = optional_guid(element, attribute)
    if user is None:
        return None
    if user not in context.coders:
        raise Malformed(element, f"{attribute} {quoted(user)} names no user of the project")
    return context.coders[user]
