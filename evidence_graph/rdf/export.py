"""RDF export: the entities of an evidence graph as triples, and as text in each format."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rdflib import Graph, URIRef
from rdflib import Literal as RDFLiteral

from evidence_graph.graph import EvidenceGraph
from evidence_graph.ids import check_slug, code_iri
from evidence_graph.io.rdf_formats import FORMATS, Format, serialize_rdf
from evidence_graph.models import (
    Claim,
    Concept,
    ConditionConstraint,
    Corpus,
    Criterion,
    Entity,
    EqualsConstraint,
    Quote,
    RangeConstraint,
    Study,
    Theme,
    ThemeMapping,
    Work,
)
from evidence_graph.namespace import (
    BIBO,
    DCTERMS,
    EG,
    OA,
    OBO,
    OWL,
    PREFIXES,
    RDF,
    SEMAPV,
    SKOS,
    SSSOM,
    XSD,
)
from evidence_graph.rdf.mapping import (
    CITATION_PREDICATES,
    CLAIM_KINDS,
    CRITERION_CLASSES,
    MAPPING,
    MATCH_PREDICATES,
    QUOTE_ROLES,
    WORK_CLASSES,
    FieldMap,
    Triple,
    to_literal,
)

__all__ = ["serialize", "to_rdf"]


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
                    yield subject, spec.predicate, to_literal(item, spec.datatype)

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
        for sample in self.graph.samples(study.id):
            yield subject, EG.hasSample, self.node(sample.id)
        for criterion in self.graph.criteria(study.id):
            yield subject, EG.hasCriterion, self.node(criterion.id)
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

    def extra_criterion(self, subject: URIRef, criterion: Criterion) -> Iterator[Triple]:
        yield subject, RDF.type, CRITERION_CLASSES[criterion.kind]
        constraint = criterion.constraint
        node = URIRef(f"{subject}/constraint")
        yield subject, EG.hasConstraint, node
        if isinstance(constraint, RangeConstraint):
            yield node, RDF.type, EG.RangeConstraint
            yield node, EG.attribute, RDFLiteral(constraint.attribute.value)
            if constraint.min is not None:
                yield node, EG.minimum, to_literal(constraint.min)
            if constraint.max is not None:
                yield node, EG.maximum, to_literal(constraint.max)
        elif isinstance(constraint, EqualsConstraint):
            yield node, RDF.type, EG.EqualsConstraint
            yield node, EG.attribute, RDFLiteral(constraint.attribute.value)
            yield node, EG.requiredValue, to_literal(constraint.value)
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

    def extra_mapping(self, subject: URIRef, mapping: ThemeMapping) -> Iterator[Triple]:
        predicate = MATCH_PREDICATES[mapping.relation.value]
        yield self.node(mapping.subject), predicate, self.node(mapping.object)
        yield subject, OWL.annotatedProperty, predicate
        yield subject, SSSOM.mapping_justification, SEMAPV.ManualMappingCuration

    def extra_concept(self, subject: URIRef, concept: Concept) -> Iterator[Triple]:
        if concept.scheme is not None:  # a framework's concepts are its top concepts
            scheme = self.node(concept.scheme)
            yield subject, SKOS.topConceptOf, scheme
            yield scheme, SKOS.hasTopConcept, subject
        for match in concept.matches:
            if match.iri is not None:
                target = URIRef(match.iri)
            else:  # a code alone: the code may hold ':' and so is no slug, but encoded
                target = URIRef(code_iri(self.base, match.scheme, str(match.code)))
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
    for triple in graph.extra:
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
