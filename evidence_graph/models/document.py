"""The lists of a study file: every kind of entity, checked one by one."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import Field, model_validator

from evidence_graph.models.base import Entity, Frozen, NodeKind
from evidence_graph.models.bibliographic import Person, Work
from evidence_graph.models.coding import Coder, Memo
from evidence_graph.models.evidence import Claim, Concept, Quote, Theme
from evidence_graph.models.mappings import Scheme, ThemeMapping
from evidence_graph.models.participants import Participant, with_speakers
from evidence_graph.models.study import Criterion, Sample, Study

__all__ = ["COLLECTIONS", "MODELS", "StudyDocument"]

COLLECTIONS: dict[str, NodeKind] = {
    "works": NodeKind.WORK,
    "people": NodeKind.PERSON,
    "studies": NodeKind.STUDY,
    "samples": NodeKind.SAMPLE,
    "participants": NodeKind.PARTICIPANT,
    "criteria": NodeKind.CRITERION,
    "themes": NodeKind.THEME,
    "quotes": NodeKind.QUOTE,
    "coders": NodeKind.CODER,
    "memos": NodeKind.MEMO,
    "claims": NodeKind.CLAIM,
    "schemes": NodeKind.SCHEME,
    "concepts": NodeKind.CONCEPT,
    "mappings": NodeKind.MAPPING,
}
"""The corpus's lists, in the order a study file has them, with the kind each holds."""

MODELS: dict[NodeKind, type[Entity]] = {
    model.node_kind: model
    for model in (
        Work,
        Person,
        Study,
        Sample,
        Participant,
        Criterion,
        Theme,
        Quote,
        Coder,
        Memo,
        Claim,
        Scheme,
        Concept,
        ThemeMapping,
    )
}
"""The model class of each kind of entity."""


def _field(description: str) -> Any:
    return Field(default=(), description=description)


class StudyDocument(Frozen):
    """The lists of one study file, each entity checked on its own but not yet as a whole.

    A study file may refer to entities of another file loaded beside it; a :class:`Corpus`
    is what the files make together.
    """

    works: tuple[Work, ...] = _field("Papers, articles and other citable documents.")
    people: tuple[Person, ...] = _field("Authors and investigators.")
    studies: tuple[Study, ...] = _field("Research activities, each reported in works.")
    samples: tuple[Sample, ...] = _field("Who took part in each study, and subgroups of them.")
    participants: tuple[Participant, ...] = _field(
        "The people who took part, one by one, as the works name them."
    )
    criteria: tuple[Criterion, ...] = _field("The studies' inclusion and exclusion criteria.")
    themes: tuple[Theme, ...] = _field("The studies' theme hierarchies.")
    quotes: tuple[Quote, ...] = _field("Participants' words, verbatim, coded under themes.")
    coders: tuple[Coder, ...] = _field("The people who coded a study's data in a QDA tool.")
    memos: tuple[Memo, ...] = _field("The notes coders kept on themes, quotes and sources.")
    claims: tuple[Claim, ...] = _field("Statements works make, with their evidence.")
    schemes: tuple[Scheme, ...] = _field("Frameworks of concepts, such as CHIME.")
    concepts: tuple[Concept, ...] = _field(
        "Concepts: external ones by their public IRIs, and those of the schemes."
    )
    mappings: tuple[ThemeMapping, ...] = _field(
        "Themes mapped to concepts or to other studies' themes, each with its justification."
    )

    @model_validator(mode="before")
    @classmethod
    def _link_speakers(cls, data: Any) -> Any:
        """Link each quote to the participant its speaker names (see :func:`with_speakers`)."""
        return with_speakers(data)

    def entities(self) -> Iterator[Entity]:
        """Yield every entity, list by list in the order of :data:`COLLECTIONS`."""
        for name in COLLECTIONS:
            yield from getattr(self, name)
