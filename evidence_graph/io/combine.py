"""How two records of one entity combine: which values agree, which are taken, which clash.

Entities of different files with one id are one entity if they agree: a value only one gives is
taken (a flag that is false unless given, such as a claim's ``evidence_not_transcribed``, is
given only when true), lists kept sorted are united (nested items one for each entity they name,
such as citations work by work, their lists united, a plain ``cites`` dropped beside a more
specific intent), titles, names and labels agree when their words do, and any other value given
by both must be equal.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Any

from pydantic import BaseModel

from evidence_graph.folding import fold
from evidence_graph.models import (
    CitationIntent,
    Concept,
    Entity,
    Person,
    Scheme,
    Theme,
    Unordered,
    Work,
    united,
)

__all__ = ["combine", "same_words", "show"]

# The fields compared by their words, not their characters: the same title, name or label is
# spelt in many ways across bibliographies, databases and papers.
_LOOSE: dict[type[Entity], frozenset[str]] = {
    Work: frozenset({"title"}),
    Person: frozenset({"name", "given_name", "family_name"}),
    Concept: frozenset({"label"}),
    Scheme: frozenset({"label"}),
    Theme: frozenset({"label"}),
}


_NOT_A_WORD = re.compile(r"[^\w\s]|_")

_SHOWN = 40  # the characters of a text a message shows before it cuts it short


def same_words(first: str, second: str) -> bool:
    """Return whether two texts have the same words, whatever their case, accents and punctuation.

    Both texts are folded (:func:`~evidence_graph.folding.fold`), apostrophes dropped,
    other punctuation read as a space, and the words compared.

    Examples:
        >>> same_words(
        ...     "Moving Toward Connectedness – A Qualitative Study",
        ...     "Moving toward connectedness: a qualitative study.",
        ... )
        True
        >>> same_words("Søren O’Neil", "soren oneil")
        True
        >>> same_words("Borderline personality disorder", "Borderline personality")
        False
    """
    return _words(first) == _words(second)


def _words(text: str) -> list[str]:
    return _NOT_A_WORD.sub(" ", fold(text).replace("'", "")).split()


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


def combine(
    old: Entity, new: Entity
) -> tuple[dict[str, Any], list[str], list[tuple[str, Any, Any]]]:
    """Return the fields of two entities combined, those taken from ``new``, and conflicts."""
    model = type(old)
    before, after = old.model_dump(), new.model_dump()
    loose = _LOOSE.get(model, frozenset())
    data = dict(before)
    taken: list[str] = []
    conflicts: list[tuple[str, Any, Any]] = []
    for key, info in model.model_fields.items():
        first, second = before[key], after[key]
        if first == second or _empty(second, info.default):
            continue
        if _empty(first, info.default):
            data[key] = second
            taken.append(key)
        elif _nested(getattr(old, key)):
            items = (*getattr(old, key), *getattr(new, key))
            data[key] = [
                _specific(item)
                for item in united((type(item), item.model_dump()) for item in items)
            ]
        elif Unordered in info.metadata:
            data[key] = (*first, *(item for item in second if item not in first))
        elif not (key in loose and same_words(first, second)):
            conflicts.append((key, first, second))
    return data, taken, conflicts


def show(value: Any) -> str:
    """Show a value in a message: a long text cut short, a list as a list."""
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
