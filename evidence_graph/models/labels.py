"""The words that name an entity for a reader: a title, label, name, text or statement."""

from __future__ import annotations

from evidence_graph.models.base import Entity, NodeKind

__all__ = ["LABEL_FIELDS", "label_of"]

LABEL_FIELDS: dict[NodeKind, str] = {
    NodeKind.WORK: "title",
    NodeKind.PERSON: "name",
    NodeKind.STUDY: "label",
    NodeKind.SAMPLE: "description",
    NodeKind.PARTICIPANT: "name",
    NodeKind.CRITERION: "text",
    NodeKind.THEME: "label",
    NodeKind.QUOTE: "text",
    NodeKind.CODER: "name",
    NodeKind.MEMO: "title",
    NodeKind.CLAIM: "statement",
    NodeKind.CONCEPT: "label",
    NodeKind.SCHEME: "label",
    NodeKind.MAPPING: "justification",
}
"""The field that names an entity of each kind for a reader."""


def label_of(entity: Entity) -> str | None:
    """Return the words that name an entity for a reader: a title, label, name, text or statement.

    Examples:
        >>> from evidence_graph.models import Coder, Person
        >>> label_of(Person(id="p", name="Britt Kverme"))
        'Britt Kverme'
        >>> print(label_of(Coder(id="c", study="s")))  # a coder known by id alone
        None
    """
    value = getattr(entity, LABEL_FIELDS[entity.node_kind])
    return value if isinstance(value, str) else None
