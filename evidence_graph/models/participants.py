"""The people who took part in a study, one by one, and the quotes they are the speakers of.

A quote names its speaker as the paper does (``speaker``: "P7", "Participant 3", a
pseudonym). Where the quote's study declares a participant whose local id or name is that
text, :func:`with_speakers` fills the quote's ``participant`` reference before the lists are
validated; the reference is declared once, on :attr:`Quote.participant`, like every other. A
speaker that names no declared participant stays text.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping
from typing import Annotated, Any

from pydantic import Field, field_validator

from evidence_graph.models.base import Entity, Frozen, NodeKind, Ref, Text, Unordered
from evidence_graph.models.references import Relation, refers

__all__ = ["Participant", "Trait", "speaker_matches", "with_speakers"]


_ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})?)?")
"""A date (2019-03-05), or a date and time (2019-03-05T14:30:00, perhaps with its offset)."""


class Trait(Frozen):
    """One characteristic of one participant, as a QDA project's case variable gives it.

    A text in the form of a date (``2019-03-05``) or of a date and time is read as one.

    Examples:
        >>> Trait(name="Age", value=27).value
        27
        >>> Trait(name="Recovered", value=True).value
        True
    """

    name: Text = Field(description="The characteristic's name, e.g. 'Age' or 'Recovered'.")
    value: bool | int | float | dt.datetime | dt.date | str = Field(
        description="Its value for the participant: text, true/false, a number or a date."
    )

    @field_validator("value", mode="before")
    @classmethod
    def _read_dates(cls, value: object) -> object:
        """Read a text in the form of a date or a date and time (as JSON writes them) as one."""
        if isinstance(value, str) and _ISO_MOMENT.fullmatch(value):
            try:
                moment = dt.datetime.fromisoformat(value)
            except ValueError:
                return value
            return moment.date() if len(value) == len("2019-03-05") else moment
        return value

    @field_validator("value")
    @classmethod
    def _check_value(cls, value: object) -> object:
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"expected a finite number, not {value}")
        if isinstance(value, str) and not value.strip():
            raise ValueError("expected a value, not only white space")
        return value


class Participant(Entity):
    """A person who took part in a study, named as the paper names them.

    Examples:
        >>> Participant(id="p3", study="s", name="Participant 3", sample="recovered").name
        'Participant 3'
    """

    node_kind = NodeKind.PARTICIPANT

    study: Annotated[Ref, refers(Relation.HAS_PARTICIPANT, NodeKind.STUDY, inverse=True)] = Field(
        description="The local id of the study they took part in."
    )
    name: str | None = Field(
        default=None,
        description="How the paper names them: 'Participant 3', 'P7' or a pseudonym, if at all.",
    )
    sample: Annotated[Ref | None, refers(Relation.MEMBER_OF, NodeKind.SAMPLE)] = Field(
        default=None,
        description="The local id of the sample, or subgroup, of the same study they belong to.",
    )
    characteristics: Annotated[tuple[Trait, ...], Unordered] = Field(
        default=(),
        description="Their characteristics, each named once, e.g. {name: Age, value: 27}.",
    )

    @field_validator("characteristics")
    @classmethod
    def _check_traits(cls, traits: tuple[Trait, ...]) -> tuple[Trait, ...]:
        names = [trait.name for trait in traits]
        if repeated := sorted({name for name in names if names.count(name) > 1}):
            raise ValueError(f"expected each characteristic once; repeated: {', '.join(repeated)}")
        return traits

    @field_validator("name")
    @classmethod
    def _check_name(cls, name: str | None) -> str | None:
        if name is not None and not name.strip():
            raise ValueError("expected the name the paper gives them, not only white space")
        return name


def _get(item: object, field: str) -> Any:
    return item.get(field) if isinstance(item, Mapping) else getattr(item, field, None)


def speaker_matches(speaker: str, participants: Iterable[object]) -> list[str]:
    """Return the ids of the participants a speaker names: by local id, else by name.

    Examples:
        >>> people = [Participant(id="p1", study="s", name="Anna")]
        >>> speaker_matches("Anna", people), speaker_matches("p1", people)
        (['p1'], ['p1'])
    """
    by_id = [_get(person, "id") for person in participants if _get(person, "id") == speaker]
    if by_id:
        return by_id
    return [_get(person, "id") for person in participants if _get(person, "name") == speaker]


def with_speakers(data: Any) -> Any:
    """Return the lists of a study file with each quote's ``participant`` filled from its speaker.

    ``data`` holds the lists as read (items as mappings or as models). A quote that already
    names its participant, whose speaker names none of its study's participants, or names
    several, is left as it is; anything that is not a list of the expected shape is left for
    validation to refuse.

    Examples:
        >>> lists = {"participants": [{"id": "p3", "study": "s", "name": "Participant 3"}],
        ...          "quotes": [{"id": "q", "study": "s", "speaker": "Participant 3"}]}
        >>> with_speakers(lists)["quotes"][0]["participant"]
        'p3'
    """
    if not isinstance(data, Mapping):
        return data
    participants, quotes = data.get("participants"), data.get("quotes")
    if not isinstance(participants, list | tuple) or not isinstance(quotes, list | tuple):
        return data
    by_study: dict[object, list[object]] = {}
    for person in participants:
        by_study.setdefault(_get(person, "study"), []).append(person)
    filled: list[object] = []
    for quote in quotes:
        speaker, study = _get(quote, "speaker"), _get(quote, "study")
        found = (
            speaker_matches(speaker, by_study.get(study, []))
            if isinstance(speaker, str) and _get(quote, "participant") is None
            else []
        )
        if len(found) != 1:
            filled.append(quote)
        elif isinstance(quote, Mapping):
            filled.append({**quote, "participant": found[0]})
        else:
            filled.append(quote.model_copy(update={"participant": found[0]}))
    return {**data, "quotes": filled}
