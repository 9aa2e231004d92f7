"""Who coded a study's data, and the notes they kept: coders and memos of a QDA project."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, field_validator

from evidence_graph.models.base import Entity, NodeKind, Ref, Text, Unordered
from evidence_graph.models.references import Relation, refers

__all__ = ["Coder", "Memo"]


def _words(value: str | None, what: str) -> str | None:
    if value is not None and not value.strip():
        raise ValueError(f"expected {what}, not only white space")
    return value


class Coder(Entity):
    """A person who coded a study's data, as a QDA project names its user.

    Examples:
        >>> Coder(id="anna", study="s", name="Anna").name
        'Anna'
    """

    node_kind = NodeKind.CODER

    study: Annotated[Ref, refers(Relation.FROM_STUDY, NodeKind.STUDY)] = Field(
        description="The local id of the study whose data they coded."
    )
    name: str | None = Field(default=None, description="Their name, as the QDA tool gives it.")

    @field_validator("name")
    @classmethod
    def _check_name(cls, name: str | None) -> str | None:
        return _words(name, "the coder's name")


class Memo(Entity):
    """A note a coder kept on a theme, a quote, a source or the study: a memo of a QDA project.

    Examples:
        >>> Memo(id="m1", study="s", text="Ask about groups.", about=("t",)).about
        ('t',)
    """

    node_kind = NodeKind.MEMO

    study: Annotated[Ref, refers(Relation.FROM_STUDY, NodeKind.STUDY)] = Field(
        description="The local id of the study whose project holds the memo."
    )
    text: Text = Field(description="The memo's text, as written.")
    title: str | None = Field(default=None, description="The memo's name, if it has one.")
    about: Annotated[
        tuple[Ref, ...],
        Unordered,
        refers(
            Relation.ANNOTATES,
            NodeKind.THEME,
            NodeKind.QUOTE,
            NodeKind.WORK,
            NodeKind.PARTICIPANT,
            NodeKind.STUDY,
        ),
    ] = Field(
        default=(),
        description="The local ids of the themes, quotes, works (sources), participants or "
        "study it is a note on; empty for a memo of the project alone.",
    )
    written_by: Annotated[Ref | None, refers(Relation.ATTRIBUTED_TO, NodeKind.CODER)] = Field(
        default=None, description="The local id of the coder who wrote it."
    )
    created: dt.datetime | None = Field(
        default=None, description="When it was written, as the QDA tool recorded it."
    )

    @field_validator("title")
    @classmethod
    def _check_title(cls, title: str | None) -> str | None:
        return _words(title, "the memo's name")
