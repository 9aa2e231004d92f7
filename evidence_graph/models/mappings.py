"""Frameworks of concepts, and the mappings of a study's themes onto them or onto other themes."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from evidence_graph.models.base import IRI, Entity, NodeKind, Ref, Text
from evidence_graph.models.evidence import MatchRelation
from evidence_graph.models.references import Relation, refers

__all__ = ["Scheme", "ThemeMapping"]


class Scheme(Entity):
    """A framework or vocabulary of concepts, such as the CHIME framework of personal recovery.

    Its concepts name it in their ``scheme`` field; in RDF it is a ``skos:ConceptScheme`` whose
    top concepts they are.

    Examples:
        >>> Scheme(id="chime", label="CHIME", defined_in="leamy2011").defined_in
        'leamy2011'
    """

    node_kind = NodeKind.SCHEME

    iri: IRI | None = Field(
        default=None, description="The scheme's public IRI; empty for a scheme minted here."
    )
    label: Text = Field(description="The scheme's name.")
    definition: str | None = Field(default=None, description="What the scheme is.")
    defined_in: Annotated[Ref | None, refers(Relation.DEFINED_IN, NodeKind.WORK)] = Field(
        default=None, description="The local id of the work that sets the scheme out."
    )


class ThemeMapping(Entity):
    """A theme of a study mapped to a concept of a framework or to a theme of another study.

    A mapping is a judgement, so it states its reasons. In RDF it is the SKOS mapping triple
    (``skos:closeMatch`` and the like) and an ``owl:Axiom`` annotating it with the
    justification, as SSSOM writes mappings.

    Examples:
        >>> ThemeMapping(
        ...     id="m", subject="daring-to-belong", relation="close",
        ...     object="chime-connectedness", justification="Both are about belonging.",
        ... ).relation.value
        'close'
    """

    node_kind = NodeKind.MAPPING

    subject: Annotated[Ref, refers(Relation.MAPS_FROM, NodeKind.THEME)] = Field(
        description="The local id of the theme mapped."
    )
    relation: MatchRelation = Field(
        description="How the object matches the theme: 'exact', 'close', 'broad' (the object "
        "is broader), 'narrow' or 'related'."
    )
    object: Annotated[
        Ref,
        refers(
            Relation.MAPS_TO,
            NodeKind.THEME,
            NodeKind.CONCEPT,
            attributes={"relation": "relation"},
        ),
    ] = Field(description="The local id of the concept or theme it is mapped to.")
    justification: Text = Field(description="Why the two match so, in the mapper's words.")
