"""The RDF mapping: one table from the models to standard vocabularies, and the exports.

:data:`MAPPING` says, for each kind of entity, its RDF classes and which predicate each of its
plain fields becomes. What a table row cannot say (a quote's annotation, target and selector,
a theme's place in its scheme, a criterion's constraint, a work's ordered author list and its
citations, a concept's matches) is written by one function per kind below, using the same
vocabularies. Nothing else in the package spells a predicate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal

from rdflib import Graph, URIRef
from rdflib import Literal as RDFLiteral
from rdflib.term import Node

from evidence_graph.graph import EvidenceGraph
from evidence_graph.ids import check_slug
from evidence_graph.io.rdf_formats import FORMATS, Format, json_ld_context, serialize_rdf
from evidence_graph.models import (
    CitationIntent,
    Claim,
    ClaimKind,
    Concept,
    ConditionConstraint,
    Corpus,
    Criterion,
    CriterionKind,
    Entity,
    EqualsConstraint,
    NodeKind,
    Quote,
    QuoteRole,
    RangeConstraint,
    Study,
    Theme,
    Work,
    WorkType,
)
from evidence_graph.namespace import (
    BIBO,
    CITO,
    DCTERMS,
    EG,
    FABIO,
    FOAF,
    OA,
    OBO,
    PREFIXES,
    PRISM,
    PROV,
    RDF,
    RDFS,
    SKOS,
    XSD,
)

__all__ = [
    "CITATION_PREDICATES",
    "FORMATS",
    "MAPPING",
    "WORK_CLASSES",
    "FieldMap",
    "Format",
    "KindMap",
    "json_ld_context",
    "serialize",
    "to_rdf",
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
        (SKOS.Concept,),
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
    NodeKind.CONCEPT: KindMap(
        (SKOS.Concept,),
        (
            _lit("id", DCTERMS.identifier),
            _lit("label", SKOS.prefLabel),
            _lit("notation", SKOS.notation),
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


def _literal(value: Any, datatype: URIRef | None = None) -> RDFLiteral:
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


class _Writer:
    """Turns the entities of an evidence graph into triples."""

    def __init__(self, graph: EvidenceGraph) -> None:
        self.graph = graph
        self.base = graph.base

    def node(self, ref: str) -> URIRef:
        return URIRef(self.graph.iri(ref))

    def minted(self, *segments: str) -> URIRef:
        return URIRef(self.base + "/".join(check_slug(segment) for segment in segments))

    def triples(self) -> Iterator[Triple]:
        for iri, entity in self.graph.nodes():
            subject = URIRef(iri)
            table = MAPPING[entity.node_kind]
            for cls in table.classes:
                yield subject, RDF.type, cls
            yield from self.fields(subject, entity, table.fields)
            extra = getattr(self, f"extra_{entity.node_kind.value}", None)
            if extra is not None:
                yield from extra(subject, entity)

    def fields(
        self, subject: URIRef, entity: Entity, fields: Iterable[FieldMap]
    ) -> Iterator[Triple]:
        for spec in fields:
            value = getattr(entity, spec.field)
            values = value if isinstance(value, tuple) else (value,)
            for item in values:
                if item is None:
                    continue
                if spec.value == "ref":
                    yield subject, spec.predicate, self.node(item)
                elif spec.value == "iri":
                    yield subject, spec.predicate, URIRef(item)
                else:
                    yield subject, spec.predicate, _literal(item, spec.datatype)

    def extra_work(self, subject: URIRef, work: Work) -> Iterator[Triple]:
        yield subject, RDF.type, WORK_CLASSES[work.type]
        if work.authors:
            authors = self.minted("authors", work.id)
            yield subject, BIBO.authorList, authors
            yield authors, RDF.type, RDF.Seq
            for position, person in enumerate(work.authors, start=1):
                yield authors, RDF[f"_{position}"], self.node(person)
        for citation in work.cites:
            for intent in citation.intents:
                yield subject, CITATION_PREDICATES[intent], self.node(citation.work)

    def extra_study(self, subject: URIRef, study: Study) -> Iterator[Triple]:
        themes = list(self.graph.themes(study.id))
        if not themes:
            return
        scheme = self.minted("scheme", study.id)
        yield subject, EG.hasThemeScheme, scheme
        yield scheme, RDF.type, SKOS.ConceptScheme
        yield scheme, DCTERMS.subject, subject
        label = study.label or study.id
        yield scheme, SKOS.prefLabel, RDFLiteral(f"Themes of {label}")
        for theme in themes:
            if theme.parent is None:
                yield scheme, SKOS.hasTopConcept, self.node(theme.id)
        for sample in self.graph.samples(study.id):
            yield subject, EG.hasSample, self.node(sample.id)
        for criterion in self.graph.criteria(study.id):
            yield subject, EG.hasCriterion, self.node(criterion.id)

    def extra_criterion(self, subject: URIRef, criterion: Criterion) -> Iterator[Triple]:
        yield subject, RDF.type, CRITERION_CLASSES[criterion.kind]
        constraint = criterion.constraint
        node = URIRef(f"{subject}/constraint")
        yield subject, EG.hasConstraint, node
        if isinstance(constraint, RangeConstraint):
            yield node, RDF.type, EG.RangeConstraint
            yield node, EG.attribute, RDFLiteral(constraint.attribute.value)
            if constraint.min is not None:
                yield node, EG.minimum, _literal(constraint.min)
            if constraint.max is not None:
                yield node, EG.maximum, _literal(constraint.max)
        elif isinstance(constraint, EqualsConstraint):
            yield node, RDF.type, EG.EqualsConstraint
            yield node, EG.attribute, RDFLiteral(constraint.attribute.value)
            yield node, EG.requiredValue, _literal(constraint.value)
        elif isinstance(constraint, ConditionConstraint):
            yield node, RDF.type, EG.ConditionConstraint
            yield node, EG.condition, RDFLiteral(constraint.condition)
            if constraint.concept:
                yield node, DCTERMS.subject, self.node(constraint.concept)

    def extra_theme(self, subject: URIRef, theme: Theme) -> Iterator[Triple]:
        scheme = self.minted("scheme", theme.study)
        yield subject, SKOS.inScheme, scheme
        if theme.parent is None:
            yield subject, SKOS.topConceptOf, scheme

    def extra_quote(self, subject: URIRef, quote: Quote) -> Iterator[Triple]:
        target = URIRef(f"{subject}/target")
        selector = URIRef(f"{subject}/selector")
        yield subject, OA.motivatedBy, OA.classifying
        yield subject, DCTERMS.type, OBO.ECO_0006153
        yield subject, EG.quoteRole, QUOTE_ROLES[quote.role]
        yield subject, OA.hasTarget, target
        yield target, RDF.type, OA.SpecificResource
        yield target, OA.hasSource, self.node(quote.read_in)
        yield target, OA.hasSelector, selector
        yield selector, RDF.type, OA.TextQuoteSelector
        yield selector, OA.exact, RDFLiteral(quote.text)
        if quote.position is not None:
            position = URIRef(f"{subject}/position")
            yield target, OA.hasSelector, position
            yield position, RDF.type, OA.TextPositionSelector
            yield (
                position,
                OA.start,
                RDFLiteral(quote.position.start, datatype=XSD.nonNegativeInteger),
            )
            yield position, OA.end, RDFLiteral(quote.position.end, datatype=XSD.nonNegativeInteger)

    def extra_claim(self, subject: URIRef, claim: Claim) -> Iterator[Triple]:
        yield subject, EG.claimKind, CLAIM_KINDS[claim.kind]

    def extra_concept(self, subject: URIRef, concept: Concept) -> Iterator[Triple]:
        for match in concept.matches:
            if match.iri is not None:
                target = URIRef(match.iri)
            else:
                target = self.minted("code", match.scheme, str(match.code))
            yield subject, MATCH_PREDICATES[match.relation.value], target
            yield target, EG.vocabulary, RDFLiteral(match.scheme)
            if match.code is not None:
                yield target, SKOS.notation, RDFLiteral(match.code)
            if match.label is not None:
                yield target, SKOS.prefLabel, RDFLiteral(match.label)
            if match.note is not None:
                yield target, SKOS.scopeNote, RDFLiteral(match.note)


def _as_graph(source: Corpus | EvidenceGraph) -> EvidenceGraph:
    return source if isinstance(source, EvidenceGraph) else EvidenceGraph.from_corpus(source)


def to_rdf(source: Corpus | EvidenceGraph) -> Graph:
    """Return the corpus as an rdflib ``Graph`` in standard vocabularies, without blank nodes.

    Examples:
        >>> from evidence_graph import load
        >>> from rdflib import URIRef
        >>> rdf = to_rdf(load("kverme2019"))
        >>> paper = URIRef("https://doi.org/10.3389/fpsyg.2019.00430")
        >>> str(rdf.value(paper, URIRef("http://prismstandard.org/namespaces/basic/2.0/doi")))
        '10.3389/fpsyg.2019.00430'
    """
    graph = _as_graph(source)
    rdf = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        rdf.bind(prefix, namespace)
    for triple in _Writer(graph).triples():
        rdf.add(triple)
    return rdf


def serialize(source: Corpus | EvidenceGraph | Graph, format: Format = "turtle") -> str:  # noqa: A002
    """Return the corpus written in an RDF format, the same text for the same input.

    Args:
        source: A corpus, an evidence graph, or an rdflib graph made by :func:`to_rdf`.
        format: ``turtle``, ``nt`` (N-Triples), ``jsonld`` (context embedded), ``xml``
            (RDF/XML) or ``trig``.

    Raises:
        ValueError: If the format is not one of those.

    Examples:
        >>> from evidence_graph import load
        >>> print(serialize(load("kverme2019"), "turtle").splitlines()[0])
        @prefix bibo: <http://purl.org/ontology/bibo/> .
    """
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; expected one of: {', '.join(FORMATS)}")
    rdf = source if isinstance(source, Graph) else to_rdf(source)
    return serialize_rdf(rdf, format)
