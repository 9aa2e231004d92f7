"""evidence_graph: published research on borderline personality disorder as a typed evidence graph.

A study — its citation, participants, criteria, themes and the verbatim quotes behind each
theme — becomes pydantic models, a networkx graph keyed by IRIs, and RDF in standard
vocabularies.

Examples:
    >>> import evidence_graph as eg
    >>> corpus = eg.load("kverme2019")
    >>> graph = eg.EvidenceGraph.from_corpus(corpus)
    >>> [quote.role.value for quote in graph.quotes("needing-honesty-and-genuine-mutuality")]
    ['contrasting']
"""

import importlib
from types import ModuleType

from evidence_graph import draw, queries, sparql
from evidence_graph.datasets import DATASETS, dataset_path
from evidence_graph.exceptions import (
    CredentialsError,
    DatasetNotFoundError,
    DrawingWarning,
    DroppedFieldsWarning,
    DroppedTriplesWarning,
    EvidenceGraphError,
    EvidenceGraphWarning,
    MissingExtraError,
    MissingProgramError,
    NodeNotFoundError,
    NotWritableError,
    OutputError,
    Problem,
    QueryError,
    QueryTimeoutError,
    SkippedContentWarning,
    SourceNotFoundError,
    StoreError,
    StudyFileError,
    UnfollowedImportWarning,
    UnknownColumnWarning,
    UsageError,
)
from evidence_graph.graph import EvidenceGraph, Relation, entity_iri
from evidence_graph.ids import DEFAULT_BASE
from evidence_graph.io import (
    DifferenceKind,
    MergeDifference,
    MergeReport,
    load,
    load_graph,
    merge_report,
    read_rdf_file,
    read_study_file,
    study_file_schema,
    to_gexf,
    to_graphml,
    write_atomic,
    write_rdf,
)
from evidence_graph.models import (
    Attribute,
    Characteristic,
    Citation,
    CitationIntent,
    Claim,
    ClaimKind,
    Concept,
    ConceptMatch,
    ConditionConstraint,
    Corpus,
    Criterion,
    CriterionKind,
    DiagnosisSource,
    Entity,
    EqualsConstraint,
    MatchRelation,
    NodeKind,
    Participant,
    Person,
    Quote,
    QuotePosition,
    QuoteRole,
    RangeConstraint,
    RecoveryStatus,
    Sample,
    Scheme,
    Setting,
    Sex,
    Study,
    StudyDesign,
    StudyDocument,
    Theme,
    ThemeKind,
    ThemeMapping,
    Work,
    WorkType,
)
from evidence_graph.qda import OffsetUnit, QdaProject, read_qda, to_qdc, to_qdpx
from evidence_graph.queries import Profile, ask
from evidence_graph.rdf import FORMATS, from_rdf, serialize, to_rdf
from evidence_graph.sparql import SparqlError
from evidence_graph.validation import Severity, ValidationReport, ValidationResult, validate

__version__ = "0.1.0"

__all__ = [
    "DATASETS",
    "DEFAULT_BASE",
    "FORMATS",
    "Attribute",
    "Characteristic",
    "Citation",
    "CitationIntent",
    "Claim",
    "ClaimKind",
    "Concept",
    "ConceptMatch",
    "ConditionConstraint",
    "Corpus",
    "CredentialsError",
    "Criterion",
    "CriterionKind",
    "DatasetNotFoundError",
    "DiagnosisSource",
    "DifferenceKind",
    "DrawingWarning",
    "DroppedFieldsWarning",
    "DroppedTriplesWarning",
    "Entity",
    "EqualsConstraint",
    "EvidenceGraph",
    "EvidenceGraphError",
    "EvidenceGraphWarning",
    "MatchRelation",
    "MergeDifference",
    "MergeReport",
    "MissingExtraError",
    "MissingProgramError",
    "NodeKind",
    "NodeNotFoundError",
    "NotWritableError",
    "OffsetUnit",
    "OutputError",
    "Participant",
    "Person",
    "Problem",
    "Profile",
    "QdaProject",
    "QueryError",
    "QueryTimeoutError",
    "Quote",
    "QuotePosition",
    "QuoteRole",
    "RangeConstraint",
    "RecoveryStatus",
    "Relation",
    "Sample",
    "Scheme",
    "Setting",
    "Severity",
    "Sex",
    "SkippedContentWarning",
    "SourceNotFoundError",
    "SparqlError",
    "StoreError",
    "Study",
    "StudyDesign",
    "StudyDocument",
    "StudyFileError",
    "Theme",
    "ThemeKind",
    "ThemeMapping",
    "UnfollowedImportWarning",
    "UnknownColumnWarning",
    "UsageError",
    "ValidationReport",
    "ValidationResult",
    "Work",
    "WorkType",
    "__version__",
    "ask",
    "dataset_path",
    "draw",
    "entity_iri",
    "from_rdf",
    "load",
    "load_graph",
    "merge_report",
    "queries",
    "read_qda",
    "read_rdf_file",
    "read_study_file",
    "serialize",
    "sparql",
    "store",
    "study_file_schema",
    "to_gexf",
    "to_graphml",
    "to_qdc",
    "to_qdpx",
    "to_rdf",
    "validate",
    "write_atomic",
    "write_rdf",
]


def __getattr__(name: str) -> ModuleType:
    """Import :mod:`evidence_graph.store` when it is first used: it loads an HTTP client."""
    if name == "store":
        return importlib.import_module("evidence_graph.store")
    raise AttributeError(f"module 'evidence_graph' has no attribute {name!r}")
