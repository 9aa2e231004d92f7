"""A project's notes read as memos, about what their references name.

A note is about each element whose ``NoteRef`` names it: a code's theme, a selection's quotes,
a coding's quote, a source's work, or (a reference of the project itself) the study. A note
that nothing names is a memo of the project alone, about nothing in particular.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from evidence_graph.qda.elements import guid, target, timestamp, valued
from evidence_graph.qda.texts import Coding, Context, Selection, Source, coder_of, plain_text
from evidence_graph.qda.xml import Element

__all__ = ["read_notes"]

Named = Source | Selection | Coding | str
"""What a note's reference is in: a source, a selection, a coding, or a theme or study by id."""


def read_notes(
    root: Element, study: str, references: Iterable[tuple[Element, Named]], context: Context
) -> list[dict[str, Any]]:
    """Return the memos of a project's notes, in their order.

    Args:
        root: The ``Project`` element.
        study: The id of its study.
        references: Each ``NoteRef`` element, with what it is in (quotes made already).
        context: What reading the project's sources used.

    Raises:
        Malformed: If a reference names no note, or a note is malformed.
    """
    about: dict[str, list[str]] = {}
    for reference, named in [*references, *((ref, study) for ref in root.all("NoteRef"))]:
        about.setdefault(target(reference, context.index, ("Note",), "a note"), []).extend(
            _ids(named)
        )
    memos: list[dict[str, Any]] = []
    for note in root.within("Notes", "Note"):
        key = guid(note)
        text = plain_text(note, context, ("note", "notes"))
        for selection in note.all("PlainTextSelection"):
            if any(True for _ in selection.all("Coding")):
                context.skipped.add("coded selection in a note", "coded selections in notes")
        if text is None:
            continue
        if not text.strip():
            context.skipped.add("empty note", "empty notes")
            continue
        name = valued(note, "name")
        memo: dict[str, Any] = {"id": context.ids.make(name, "memo", key), "study": study}
        memo |= {"text": text, "about": list(dict.fromkeys(about.get(key, [])))}
        if (writer := coder_of(note, "creatingUser", context)) is not None:
            memo["written_by"] = writer
        if (created := timestamp(note, "creationDateTime")) is not None:
            memo["created"] = created
        if name is not None:
            memo["title"] = name
        memos.append(memo)
    return memos


def _ids(named: Named) -> list[str]:
    """Return the ids of the entities a note's reference is about."""
    if isinstance(named, str):
        return [named]
    if isinstance(named, Source):
        return [named.work["id"]]
    codings = named.codings if isinstance(named, Selection) else [named]
    return [coding.quote for coding in codings if coding.quote is not None]
