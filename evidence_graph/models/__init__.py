"""The entities of the domain as frozen pydantic models, and the corpus that holds them.

Every model refuses unknown fields, describes each of its own, and says what it expected
when a value is wrong.
"""

from evidence_graph.models.base import Entity, NodeKind, Unordered
from evidence_graph.models.bibliographic import Citation, CitationIntent, Person, Work, WorkType
from evidence_graph.models.corpus import Corpus
from evidence_graph.models.document import COLLECTIONS, MODELS, StudyDocument
from evidence_graph.models.evidence import (
    Claim,
    ClaimKind,
    Concept,
    ConceptMatch,
    MatchRelation,
    Quote,
    QuotePosition,
    QuoteRole,
    Theme,
    ThemeKind,
)
from evidence_graph.models.identity import (
    below,
    entity_iri,
    identifiers_of,
    match_iri,
    minted_iri,
    part_iri,
    public_identifier,
    public_iri,
)
from evidence_graph.models.integrity import integrity_problems
from evidence_graph.models.mappings import Scheme, ThemeMapping
from evidence_graph.models.references import (
    Declared,
    Edge,
    Found,
    Reference,
    Relation,
    declarations,
    edges,
    references,
    refers,
    renamed,
    united,
)
from evidence_graph.models.study import (
    Attribute,
    ConditionConstraint,
    Constraint,
    Criterion,
    CriterionKind,
    EqualsConstraint,
    RangeConstraint,
    Sample,
    Sex,
    Study,
    StudyDesign,
)

__all__ = [
    "COLLECTIONS",
    "MODELS",
    "Attribute",
    "Citation",
    "CitationIntent",
    "Claim",
    "ClaimKind",
    "Concept",
    "ConceptMatch",
    "ConditionConstraint",
    "Constraint",
    "Corpus",
    "Criterion",
    "CriterionKind",
    "Declared",
    "Edge",
    "Entity",
    "EqualsConstraint",
    "Found",
    "MatchRelation",
    "NodeKind",
    "Person",
    "Quote",
    "QuotePosition",
    "QuoteRole",
    "RangeConstraint",
    "Reference",
    "Relation",
    "Sample",
    "Scheme",
    "Sex",
    "Study",
    "StudyDesign",
    "StudyDocument",
    "Theme",
    "ThemeKind",
    "ThemeMapping",
    "Unordered",
    "Work",
    "WorkType",
    "below",
    "declarations",
    "edges",
    "entity_iri",
    "identifiers_of",
    "integrity_problems",
    "match_iri",
    "minted_iri",
    "part_iri",
    "public_identifier",
    "public_iri",
    "references",
    "refers",
    "renamed",
    "united",
]
