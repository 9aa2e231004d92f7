"""How two records of one entity combine: which values agree, which are taken, which is kept.

Entities of different files that are one entity (one id, DOI, ORCID iD or concept IRI) combine
as a reference manager merges duplicates:

- a value only one record gives is taken (a flag that is false unless given, such as a
  claim's ``evidence_not_transcribed``, is given only when true);
- lists kept sorted are united (nested items one for each entity they name, such as citations
  work by work, their lists united, a plain ``cites`` dropped beside a more specific intent);
- where both give different values of a field that does not identify the record (a title, a
  journal, pages, a name, a year, any other), the fuller value is kept
  (:func:`~evidence_graph.io.values.fullness`) and the other is a difference, which the merge
  report lists;
- where both give different values of a field that identifies it (:data:`IDENTIFYING`: a DOI,
  PMID, PMCID, ORCID iD or a concept's IRI), the records conflict.

The value kept is the greatest of all the records' values by a total measure, so it does not
depend on the order of the files; the earlier file's value is kept only where two values are
equal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from pydantic import BaseModel

from evidence_graph.io.values import fullness
from evidence_graph.models import CitationIntent, Entity, Unordered, united

__all__ = ["IDENTIFYING", "Combined", "combine", "show"]

IDENTIFYING = frozenset({"doi", "pmid", "pmcid", "orcid", "iri"})
"""The fields that identify a record: two records of one entity that differ on one conflict."""

_SHOWN = 40  # the characters of a text a message shows before it cuts it short


@dataclass(slots=True)
class Combined:
    """Two records of one entity combined.

    Attributes:
        data: The fields of the entity they make, to validate.
        taken: The fields that only the second record gives.
        conflicts: Each identifying field on which they differ, with the first's and the
            second's values.
        differences: Each other field on which they differ, with the first's and the second's
            values and whether the second's is kept (being the fuller).
    """

    data: dict[str, Any]
    taken: list[str] = field(default_factory=list)
    conflicts: list[tuple[str, Any, Any]] = field(default_factory=list)
    differences: list[tuple[str, Any, Any, bool]] = field(default_factory=list)


def _nested(value: Any) -> bool:
    """Whether a field's value is a list of nested models."""
    return isinstance(value, tuple) and any(isinstance(item, BaseModel) for item in value)


def _specific(item: dict[str, Any]) -> dict[str, Any]:
    """Drop the plain ``cites`` that every other intent implies: cito:cites is their parent."""
    for key, value in item.items():
        if isinstance(value, tuple) and value and all(isinstance(v, CitationIntent) for v in value):
            rest = tuple(intent for intent in value if intent is not CitationIntent.CITES)
            item[key] = sorted(rest or value)
    return item


def _empty(value: Any, default: Any = None) -> bool:
    """Whether a record leaves a field unsaid: nothing, no items, or a flag false by default."""
    unset_flag = value is False and default is False
    return value is None or unset_flag or (isinstance(value, tuple | list) and not value)


def combine(old: Entity, new: Entity) -> Combined:
    """Return two records of one entity combined, by the rules of the module's docstring."""
    model = type(old)
    before, after = old.model_dump(), new.model_dump()
    combined = Combined(dict(before))
    for key, info in model.model_fields.items():
        first, second = before[key], after[key]
        if first == second or _empty(second, info.default):
            continue
        if _empty(first, info.default):
            combined.data[key] = second
            combined.taken.append(key)
        elif _nested(getattr(old, key)):
            items = (*getattr(old, key), *getattr(new, key))
            combined.data[key] = [
                _specific(item)
                for item in united((type(item), item.model_dump()) for item in items)
            ]
        elif Unordered in info.metadata:
            combined.data[key] = (*first, *(item for item in second if item not in first))
        elif key in IDENTIFYING:
            combined.conflicts.append((key, first, second))
        else:
            newer = fullness(second) > fullness(first)
            combined.data[key] = second if newer else first
            combined.differences.append((key, first, second, newer))
    return combined


def show(value: Any, *, private: bool = False) -> str:
    """Show a value in a message: a long text cut short, a list as a list.

    A private value (a transcript) is not shown: only how long it is.

    Examples:
        >>> show("Words of an interview", private=True)
        'a private text of 21 characters'
    """
    if private:
        return f"a private text of {len(value)} characters" if isinstance(value, str) else "a value"
    if isinstance(value, Enum):
        return repr(value.value)
    if isinstance(value, str):
        if len(value) > _SHOWN:
            value = value[:_SHOWN].rsplit(" ", 1)[0] + " …"
        return repr(value)
    if isinstance(value, tuple | list):
        return "[" + ", ".join(show(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {show(item)}" for key, item in value.items()) + "}"
    return str(value)
