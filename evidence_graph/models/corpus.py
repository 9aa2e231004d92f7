"""The corpus: every entity of one or more studies, validated as a whole."""

from __future__ import annotations

from functools import cached_property
from typing import Self

from pydantic import ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from evidence_graph.exceptions import NodeNotFoundError
from evidence_graph.models.base import Entity
from evidence_graph.models.document import StudyDocument
from evidence_graph.models.integrity import integrity_problems

__all__ = ["Corpus"]


class Corpus(StudyDocument):
    """Every entity of one or more studies, whole: no dangling reference and no duplicate id.

    Building a corpus checks it as a whole and reports every problem at once, each with its
    field path. Two corpora are equal when they hold the same entities, whatever the order of
    their lists (RDF, like a set, keeps no order).

    Examples:
        >>> corpus = Corpus(
        ...     works=[{"id": "w", "type": "journal-article", "title": "T"}],
        ...     studies=[{"id": "s", "design": "qualitative", "reported_in": ["w"]}],
        ... )
        >>> corpus.get("s").design.value
        'qualitative'
        >>> Corpus(studies=[{"id": "s", "design": "qualitative", "reported_in": ["nowhere"]}])
        Traceback (most recent call last):
        ...
        pydantic_core._pydantic_core.ValidationError: 1 validation error for Corpus
          studies[0].reported_in: no entity has the id 'nowhere'; expected the id of a work ...
        ...
    """

    @model_validator(mode="after")
    def _check_whole(self, info: ValidationInfo) -> Self:
        # Whoever merged files into this corpus may pass, as context "place", how to name a
        # place of the corpus in a message, e.g. as the file and the place it came from.
        context = info.context if isinstance(info.context, dict) else {}
        if problems := integrity_problems(self, place=context.get("place")):
            summary = "\n  ".join(str(problem) for problem in problems)
            raise PydanticCustomError(
                "corpus_integrity",
                "{summary}",
                {"summary": summary, "problems": problems},
            )
        return self

    @cached_property
    def _by_id(self) -> dict[str, Entity]:
        return {entity.id: entity for entity in self.entities()}

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Corpus):
            return NotImplemented
        return self._by_id == other._by_id

    def __hash__(self) -> int:
        return hash(frozenset(self._by_id.items()))

    def get(self, entity_id: str) -> Entity:
        """Return the entity with this local id.

        Raises:
            NodeNotFoundError: If no entity has the id.
        """
        try:
            return self._by_id[entity_id]
        except KeyError:
            raise NodeNotFoundError(entity_id, "entity") from None

    def __len__(self) -> int:
        return len(self._by_id)
