"""The RDF mapping: one table from the models to standard vocabularies.

:data:`MAPPING` says, for each kind of entity, its RDF classes and which predicate each of its
plain fields becomes. What a table row cannot say (a quote's annotation, target and selector,
a theme's place in its scheme, a criterion's constraint, a work's ordered author list and its
citations, a concept's matches) uses the smaller tables below; export and import both read
them, and nothing else in the package spells a predicate.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal

from rdflib import Literal as RDFLiteral
from rdflib import URIRef
from rdflib.term import Node

from evidence_graph.models import (
    CitationIntent,
    ClaimKind,
    CriterionKind,
    NodeKind,
    QuoteRole,
    WorkType,
)
from evidence_graph.namespace import (
    CITO,
    DCTERMS,
    EG,
    FABIO,
    FOAF,
    OA,
    OBO,
    OWL,
    PRISM,
    PROV,
    RDFS,
    SKOS,
    XSD,
)

__all__ = [
    "CITATION_PREDICATES",
    "CLAIM_KINDS",
    "CRITERION_CLASSES",
    "MAPPING",
    "MATCH_PREDICATES",
    "QUOTE_ROLES",
    "WORK_CLASSES",
    "FieldMap",
    "KindMap",
    "Triple",
    "to_literal",
]


@dataclass(frozen=True, slots=True)
class FieldMap:
    """How one field of a model becomes triples: ``<entity> predicate value``.

    Attributes:
        field: The model's field name.
        predicate: The predicate IRI.
        value: ``literal`` (typed by its Python type unless ``datatype`` is given), ``ref``
            (the local id of another entity, written as that entity's IRI) or ``iri``.
        datatype: The literal's datatype, where the Python type does not settle it.
    """

    field: str
    predicate: URIRef
    value: Literal["literal", "ref", "iri"] = "literal"
    datatype: URIRef | None = None


@dataclass(frozen=True, slots=True)
class KindMap:
    """The RDF classes of one kind of entity and the predicates of its plain fields."""

    classes: tuple[URIRef, ...]
    fields: tuple[FieldMap, ...]


def _lit(field: str, predicate: URIRef, datatype: URIRef | None = None) -> FieldMap:
    return FieldMap(field, predicate, "literal", datatype)


def _ref(field: str, predicate: URIRef) -> FieldMap:
    return FieldMap(field, predicate, "ref")


MAPPING: dict[NodeKind, KindMap] = {
    NodeKind.WORK: KindMap(
        (),  # the class follows the work's type: see WORK_CLASSES
        (
            _lit("id", DCTERMS.identifier),
            _lit("title", DCTERMS.title),
            _ref("authors", DCTERMS.creator),
            _ref("corresponding_authors", EG.correspondingAuthor),
            _lit("doi", PRISM.doi),
            _lit("pmid", FABIO.hasPubMedId),
            _lit("pmcid", FABIO.hasPubMedCentralId),
            _lit("container_title", PRISM.publicationName),
            _lit("issn", PRISM.issn),
            _lit("section", PRISM.section),
            _lit("publisher", EG.publisherName),
            _lit("volume", PRISM.volume),
            _lit("issue", PRISM.number),
            _lit("article_number", FABIO.hasElectronicArticleIdentifier),
            _lit("pages", PRISM.pageRange),
            _lit("issued", DCTERMS.issued),
            _lit("year", FABIO.hasPublicationYear, XSD.gYear),
            _lit("received", FABIO.hasDateReceived),
            _lit("accepted", DCTERMS.dateAccepted),
            FieldMap("license", DCTERMS.license, "iri"),
            _lit("rights", EG.rightsStatement),
            _lit("keywords", PRISM.keyword),
            FieldMap("url", FOAF.page, "iri"),
            _ref("subjects", DCTERMS.subject),
        ),
    ),
    NodeKind.PERSON: KindMap(
        (FOAF.Person,),
        (
            _lit("id", DCTERMS.identifier),
            _lit("name", FOAF.name),
            _lit("given_name", FOAF.givenName),
            _lit("family_name", FOAF.familyName),
            _lit("affiliations", EG.affiliation),
        ),
    ),
    NodeKind.STUDY: KindMap(
        (EG.Study,),
        (
            _lit("id", DCTERMS.identifier),
            _lit("label", RDFS.label),
            _lit("design", EG.design),
            _ref("reported_in", EG.reportedIn),
            _lit("data_collection", EG.dataCollection),
            _lit("analysis", EG.analysis),
            _ref("lead_investigator", EG.leadInvestigator),
            _lit("institution", EG.institution),
            _lit("country", EG.country),
            _ref("conditions", DCTERMS.subject),
        ),
    ),
    NodeKind.SAMPLE: KindMap(
        (EG.Sample,),
        (
            _lit("id", DCTERMS.identifier),
            _lit("size", EG.sampleSize),
            _lit("sex", EG.sex),
            _lit("age_min", EG.minimumAge),
            _lit("age_max", EG.maximumAge),
            _lit("description", DCTERMS.description),
        ),
    ),
    NodeKind.CRITERION: KindMap(
        (),  # OBI inclusion or exclusion criterion, by its kind
        (
            _lit("id", DCTERMS.identifier),
            _lit("text", RDFS.label),
            _ref("stated_in", PROV.wasQuotedFrom),
        ),
    ),
    NodeKind.THEME: KindMap(
        (SKOS.Concept, EG.Theme),
        (
            _lit("id", DCTERMS.identifier),
            _lit("label", SKOS.prefLabel),
            _lit("alt_labels", SKOS.altLabel),
            _lit("definition", SKOS.definition),
            _lit("facets", EG.facet),
            _lit("number", EG.themeNumber),
            _ref("parent", SKOS.broader),
        ),
    ),
    NodeKind.QUOTE: KindMap(
        (OA.Annotation,),
        (
            _lit("id", DCTERMS.identifier),
            _ref("study", EG.fromStudy),
            _ref("themes", OA.hasBody),
            _ref("appears_in", PROV.wasQuotedFrom),
            _lit("speaker", EG.speaker),
        ),
    ),
    NodeKind.CLAIM: KindMap(
        (EG.Claim,),
        (
            _lit("id", DCTERMS.identifier),
            _lit("statement", EG.statement),
            _ref("asserted_by", EG.assertedBy),
            _ref("study", EG.concernsStudy),
            _ref("evidence", EG.evidencedBy),
            _ref("candidate_sources", EG.candidateSource),
            _ref("about", DCTERMS.subject),
        ),
    ),
    NodeKind.SCHEME: KindMap(
        (SKOS.ConceptScheme,),
        (
            _lit("id", DCTERMS.identifier),
            _lit("label", SKOS.prefLabel),
            _lit("definition", SKOS.definition),
            _ref("defined_in", DCTERMS.source),
        ),
    ),
    NodeKind.CONCEPT: KindMap(
        (SKOS.Concept,),
        (
            _lit("id", DCTERMS.identifier),
            _lit("label", SKOS.prefLabel),
            _lit("notation", SKOS.notation),
            _lit("definition", SKOS.definition),
            _ref("scheme", SKOS.inScheme),
        ),
    ),
    NodeKind.MAPPING: KindMap(
        (OWL.Axiom,),
        (
            _lit("id", DCTERMS.identifier),
            _ref("subject", OWL.annotatedSource),
            _ref("object", OWL.annotatedTarget),
            _lit("justification", RDFS.comment),
        ),
    ),
}
"""For each kind of entity: its RDF classes and the predicates of its plain fields."""

WORK_CLASSES: dict[WorkType, URIRef] = {
    WorkType.JOURNAL_ARTICLE: FABIO.JournalArticle,
    WorkType.MAGAZINE_ARTICLE: FABIO.MagazineArticle,
    WorkType.BOOK: FABIO.Book,
    WorkType.BOOK_CHAPTER: FABIO.BookChapter,
    WorkType.REPORT: FABIO.ReportDocument,
    WorkType.WEB_PAGE: FABIO.WebPage,
    WorkType.OTHER: FABIO.Work,
}
"""The FaBiO class of each type of work."""

CITATION_PREDICATES: dict[CitationIntent, URIRef] = {
    CitationIntent.CITES: CITO.cites,
    CitationIntent.DISCUSSES: CITO.discusses,
    CitationIntent.INCLUDES_QUOTATION_FROM: CITO.includesQuotationFrom,
    CitationIntent.CITES_AS_EVIDENCE: CITO.citesAsEvidence,
    CitationIntent.CITES_AS_DATA_SOURCE: CITO.citesAsDataSource,
    CitationIntent.CITES_AS_AUTHORITY: CITO.citesAsAuthority,
    CitationIntent.CITES_FOR_INFORMATION: CITO.citesForInformation,
    CitationIntent.OBTAINS_BACKGROUND_FROM: CITO.obtainsBackgroundFrom,
    CitationIntent.USES_METHOD_IN: CITO.usesMethodIn,
    CitationIntent.EXTENDS: CITO.extends,
    CitationIntent.SUPPORTS: CITO.supports,
    CitationIntent.AGREES_WITH: CITO.agreesWith,
    CitationIntent.DISAGREES_WITH: CITO.disagreesWith,
    CitationIntent.CRITIQUES: CITO.critiques,
}
"""The CiTO property of each citation intent."""

CRITERION_CLASSES: dict[CriterionKind, URIRef] = {
    CriterionKind.INCLUSION: OBO.OBI_0500027,
    CriterionKind.EXCLUSION: OBO.OBI_0500028,
}
QUOTE_ROLES: dict[QuoteRole, URIRef] = {
    QuoteRole.SUPPORTING: EG.supporting,
    QuoteRole.CONTRASTING: EG.contrasting,
}
CLAIM_KINDS: dict[ClaimKind, URIRef] = {
    ClaimKind.FINDING: EG.finding,
    ClaimKind.BACKGROUND: EG.background,
    ClaimKind.LIMITATION: EG.limitation,
}
MATCH_PREDICATES: dict[str, URIRef] = {
    "exact": SKOS.exactMatch,
    "close": SKOS.closeMatch,
    "broad": SKOS.broadMatch,
    "narrow": SKOS.narrowMatch,
    "related": SKOS.relatedMatch,
}

Triple = tuple[Node, Node, Node]


def to_literal(value: Any, datatype: URIRef | None = None) -> RDFLiteral:
    """Return a literal: booleans, integers and dates typed by XSD, floats as xsd:decimal."""
    if datatype is not None:
        return RDFLiteral(str(value), datatype=datatype)
    if isinstance(value, StrEnum):
        return RDFLiteral(value.value)
    if isinstance(value, dt.date):
        return RDFLiteral(value.isoformat(), datatype=XSD.date)
    if isinstance(value, float):
        return RDFLiteral(repr(value), datatype=XSD.decimal)
    return RDFLiteral(value)  # rdflib types bool as xsd:boolean and int as xsd:integer
