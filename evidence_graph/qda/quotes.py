"""A project's coded selections read as quotes: verbatim, placed, coded, attributed.

A selection becomes one quote, or one per coder where several users coded it: its text is the
source's text between the selection's offsets, its themes the codes of its codings, its
speaker the one case that covers it. Its id is the slug of the selection's name where no other
selection has that name, else ``q-`` and the start of its GUID; a quote split by coder adds
the coder's id.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from evidence_graph.models import CONTEXT_CHARS
from evidence_graph.qda.cases import Cases
from evidence_graph.qda.elements import Ids, slug, valued
from evidence_graph.qda.texts import Coding, Selection

__all__ = ["make_quotes"]

_ID_LENGTH = 120  # of 128: room for "-2"


def make_quotes(
    selections: list[Selection], study: str, cases: Cases, ids: Ids
) -> list[dict[str, Any]]:
    """Return the quotes of the coded selections, as a study file has them, in their order.

    Each coding is told the id of the quote it went into.
    """
    names = Counter(valued(selection.element, "name") for selection in selections)
    quotes: list[dict[str, Any]] = []
    for selection in selections:
        name = valued(selection.element, "name")
        named = slug(name) if name and names[name] == 1 else ""
        base = ids.unique(named or "q-" + selection.key.replace("-", "")[:8])
        groups: dict[str | None, list[Coding]] = {}
        for coding in selection.codings:
            groups.setdefault(coding.coder, []).append(coding)
        for coder, codings in groups.items():
            split = len(groups) > 1 and coder is not None
            own = ids.unique(f"{base}-{coder}"[:_ID_LENGTH].strip("._-")) if split else base
            quote = _quote(own, selection, study)
            quote["themes"] = list(dict.fromkeys(coding.theme for coding in codings))
            person = cases.speaker(selection.source.key, selection.key)
            if person is not None:
                quote["speaker"] = person.get("name", person["id"])
                quote["participant"] = person["id"]
            if coder is not None:
                quote["coded_by"] = coder
            dates = [coding.created for coding in codings if coding.created is not None]
            if dates:  # a time without a zone is taken as UTC, to compare it with one with
                quote["coded_at"] = min(dates, key=_instant)
            for coding in codings:
                coding.quote = quote["id"]
            quotes.append(quote)
    return quotes


def _quote(id_: str, selection: Selection, study: str) -> dict[str, Any]:
    """Return a quote's text, work, position, prefix and suffix."""
    text, start, end = selection.source.text.text, selection.start, selection.end
    work = selection.source.work["id"]
    quote: dict[str, Any] = {"id": id_, "study": study, "text": text[start:end]}
    quote |= {"read_in": work, "appears_in": work, "position": {"start": start, "end": end}}
    if prefix := text[max(0, start - CONTEXT_CHARS) : start]:
        quote["prefix"] = prefix
    if suffix := text[end : end + CONTEXT_CHARS]:
        quote["suffix"] = suffix
    return quote


def _instant(moment: dt.datetime) -> dt.datetime:
    """Return a time comparable with any other: one without a zone taken as UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
