"""The entities of the domain as frozen pydantic models, and the corpus that holds them.

Every model refuses unknown fields, describes each of its own, and says what it expected
when a value is wrong.
"""

from evidence_graph.models._base import Entity, NodeKind
from evidence_graph.models.bibliographic import Citation, CitationIntent, Person, Work, WorkType
from evidence_graph.models.corpus import COLLECTIONS, MODELS, Corpus, StudyDocument
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
)
from evidence_graph.models.mappings import Scheme, ThemeMapping
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
    "Entity",
    "EqualsConstraint",
    "MatchRelation",
    "NodeKind",
    "Person",
    "Quote",
    "QuotePosition",
    "QuoteRole",
    "RangeConstraint",
    "Sample",
    "Scheme",
    "Sex",
    "Study",
    "StudyDesign",
    "StudyDocument",
    "Theme",
    "ThemeMapping",
    "Work",
    "WorkType",
]
