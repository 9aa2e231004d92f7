"""The base model and the annotated field types that every entity shares."""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from typing import Annotated, ClassVar, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, JsonValue

from evidence_graph.ids import check_iri, check_local_id, check_reference

__all__ = [
    "IRI",
    "PRIVATE",
    "Entity",
    "Frozen",
    "Id",
    "NodeKind",
    "Ref",
    "Text",
    "Unordered",
    "private_fields",
]


class Frozen(BaseModel):
    """A frozen model that refuses unknown fields."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", validate_default=True, coerce_numbers_to_str=True
    )


T = TypeVar("T")

Id = Annotated[
    str,
    AfterValidator(check_local_id),
    Field(
        description="The entity's local id, unique in its study (for the kinds that belong to a "
        "study) or in its file.",
        examples=["kverme2019"],
    ),
]
Ref = Annotated[str, AfterValidator(check_reference)]
"""How an entity names another: a local id of its own file (or study), ``study-id/local-id``,
or a public identifier (an IRI, a DOI, an ORCID iD, a PMID, a PMCID, or a compact IRI such as
``mesh:D001883``). In a corpus, every reference is the id of an entity of the corpus."""

IRI = Annotated[str, AfterValidator(check_iri)]
"""An absolute IRI that can stand in Turtle unescaped."""

Text = Annotated[str, Field(min_length=1)]
"""Text that must not be empty."""


def _sort_key(value: object) -> str:
    if isinstance(value, BaseModel):
        return value.model_dump_json()
    return str(value)


def _in_order(values: tuple[T, ...]) -> tuple[T, ...]:
    keys = [_sort_key(value) for value in values]
    if len(set(keys)) != len(keys):
        repeated = sorted(
            {str(value) for value, key in zip(values, keys, strict=True) if keys.count(key) > 1}
        )
        raise ValueError(f"expected each value at most once; repeated: {', '.join(repeated)}")
    return tuple(sorted(values, key=_sort_key))


Unordered = AfterValidator(_in_order)
"""Marks a list whose order carries no meaning: it is kept sorted, as RDF keeps no order."""


class NodeKind(StrEnum):
    """The kinds of entity, and so of graph node."""

    WORK = "work"
    PERSON = "person"
    STUDY = "study"
    SAMPLE = "sample"
    PARTICIPANT = "participant"
    CRITERION = "criterion"
    THEME = "theme"
    QUOTE = "quote"
    CODER = "coder"
    MEMO = "memo"
    CLAIM = "claim"
    CONCEPT = "concept"
    SCHEME = "scheme"
    MAPPING = "mapping"


PRIVATE: dict[str, JsonValue] = {"private": True}
"""The ``json_schema_extra`` of a private field (a source's full text, an interview transcript):
no export writes it unless asked, and no message shows it."""


@cache
def private_fields(model: type[BaseModel]) -> frozenset[str]:
    """Return the names of a model's private fields (see :data:`PRIVATE`), asked once a model.

    Examples:
        >>> from evidence_graph.models import Work
        >>> sorted(private_fields(Work))
        ['text']
    """
    return frozenset(
        name for name, info in model.model_fields.items() if info.json_schema_extra == PRIVATE
    )


class Entity(Frozen):
    """An entity of the domain: something with a local id that becomes a node of the graph."""

    node_kind: ClassVar[NodeKind]
    """The kind of node this entity becomes."""

    id: Id
