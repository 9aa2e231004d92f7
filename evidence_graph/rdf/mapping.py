"""The RDF mapping: one table from the models to standard vocabularies.

:data:`MAPPING` says, for each kind of entity, its RDF classes, the predicate of each of its
plain fields, the fields whose value is an enumeration written as an IRI, and the structures
that write its other fields. :data:`RELATIONS` says how each :class:`Relation` a model field
declares is written: by one predicate, the edge's way or the other way, or by a structure.
Export and import both read these tables; no other module of the package spells an RDF term
but :mod:`evidence_graph.rdf.vocabulary`, which names the vocabularies and the IRIs of the
values of enumerations.
"""

from __future__ import annotations

from evidence_graph.models import NodeKind, Relation
from evidence_graph.namespace import member_place, member_property
from evidence_graph.rdf import groupings, selectors, structures
from evidence_graph.rdf.characteristics import Characteristic, Traits
from evidence_graph.rdf.coverage import Described
from evidence_graph.rdf.rows import EnumMap, FieldMap, KindMap, Predicate, Structure
from evidence_graph.rdf.vocabulary import (
    BIBO,
    CITATION_PREDICATES,
    CLAIM_KINDS,
    CRITERION_CLASSES,
    DCAT,
    DCTERMS,
    EG,
    FABIO,
    FOAF,
    IDENTIFIER,
    IMPORTS,
    MATCH_PREDICATES,
    OA,
    OBO,
    OWL,
    PRISM,
    PROV,
    QUOTE_ROLES,
    RDF,
    RDF_TYPE,
    RDFS,
    SEMAPV,
    SKOS,
    SSSOM,
    THEME_KINDS,
    WORK_CLASSES,
    XSD,
)

__all__ = [
    "CITATION_PREDICATES",
    "CLAIM_KINDS",
    "CRITERION_CLASSES",
    "IDENTIFIER",
    "IMPORTS",
    "MAPPING",
    "MATCHES",
    "MATCH_PREDICATES",
    "QUOTE_ROLES",
    "RDF_TYPE",
    "RELATIONS",
    "THEME_KINDS",
    "WORK_CLASSES",
    "member_place",
]


def _lit(field: str, predicate: str, datatype: str | None = None) -> FieldMap:
    return FieldMap(field, predicate, "literal", datatype)


THEME_SCHEME = structures.ThemeScheme(
    in_scheme=SKOS.inScheme,
    top_concept_of=SKOS.topConceptOf,
    has_top_concept=SKOS.hasTopConcept,
    has_scheme=EG.hasThemeScheme,
    rdf_type=RDF.type,
    scheme_class=SKOS.ConceptScheme,
    about=DCTERMS.subject,
    label=SKOS.prefLabel,
    study_label=RDFS.label,
    expected={"study": "an skos:inScheme whose scheme has dcterms:subject its study"},
)
"""A study's themes in a SKOS concept scheme of its own."""

GROUPING = groupings.Grouping(
    RDF.type,
    (SKOS.Collection, SKOS.OrderedCollection),
    (SKOS.member, SKOS.memberList),
    (RDF.first, RDF.rest, RDF.nil),
    SKOS.broader,
)
"""A grouping of themes: a SKOS collection of its members, in order if it is ordered."""

MATCHES = structures.Matches(
    MATCH_PREDICATES,
    {
        "scheme": EG.vocabulary,
        "code": SKOS.notation,
        "label": SKOS.prefLabel,
        "note": SKOS.scopeNote,
    },
)
"""A concept's matches, each described on the matched node."""

_PERIOD = (DCTERMS.temporal, RDF.type, DCTERMS.PeriodOfTime, "data-collection-period")
_DATES = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}
START = Described(*_PERIOD, DCAT.startDate, _DATES)
END = Described(*_PERIOD, DCAT.endDate, _DATES, shared_with="data_collection_start")
PLACE = Described(DCTERMS.spatial, RDF.type, DCTERMS.Location, "data-collection-place", RDFS.label)
"""A study's data-collection period (DCAT's start and end of a ``dcterms:PeriodOfTime``) and
the country it collected its data in (a ``dcterms:Location`` named by its label)."""

RELATIONS: dict[Relation, Predicate | Structure] = {
    Relation.REPORTED_IN: Predicate(EG.reportedIn),
    Relation.AUTHORED_BY: structures.AuthorList(
        DCTERMS.creator, BIBO.authorList, RDF.type, RDF.Seq, member_property, member_place
    ),
    Relation.CORRESPONDING_AUTHOR: Predicate(EG.correspondingAuthor),
    Relation.LED_BY: Predicate(EG.leadInvestigator),
    Relation.HAS_SAMPLE: Predicate(EG.hasSample),
    Relation.PART_OF: Predicate(OBO.BFO_0000050),
    Relation.HAS_PARTICIPANT: Predicate(OBO.RO_0000057),
    Relation.MEMBER_OF: Predicate(OBO.RO_0002350),
    Relation.HAS_CRITERION: Predicate(EG.hasCriterion),
    Relation.STATED_IN: Predicate(PROV.wasQuotedFrom),
    Relation.HAS_THEME: THEME_SCHEME,
    Relation.SUBTHEME_OF: Predicate(SKOS.broader),
    Relation.SUPPORTS: Predicate(OA.hasBody),
    Relation.QUOTED_IN: selectors.QuoteTarget(
        OA.hasTarget,
        RDF.type,
        OA.SpecificResource,
        OA.hasSource,
        expected={"read_in": "an oa:hasSource of its oa:hasTarget"},
    ),
    Relation.APPEARS_IN: Predicate(PROV.wasQuotedFrom),
    Relation.FROM_STUDY: Predicate(EG.fromStudy),
    Relation.SPOKEN_BY: Predicate(PROV.wasAttributedTo),
    Relation.ATTRIBUTED_TO: Predicate(PROV.wasAttributedTo),
    Relation.ANNOTATES: Predicate(OA.hasTarget),
    Relation.CITES: structures.Citations(CITATION_PREDICATES),
    Relation.ASSERTS: Predicate(EG.assertedBy, against=True),
    Relation.CONCERNS: Predicate(EG.concernsStudy),
    Relation.EVIDENCED_BY: Predicate(EG.evidencedBy),
    Relation.CANDIDATE_SOURCE: Predicate(EG.candidateSource),
    Relation.ABOUT: Predicate(DCTERMS.subject),
    Relation.DEFINED_IN: Predicate(DCTERMS.source),
    Relation.IN_SCHEME: structures.FrameworkMember(
        SKOS.inScheme, SKOS.topConceptOf, SKOS.hasTopConcept
    ),
    Relation.MAPS_FROM: Predicate(OWL.annotatedSource),
    Relation.MAPS_TO: Predicate(OWL.annotatedTarget),
}
"""How each relation a model field declares is written: a predicate, or a structure."""

MAPPING: dict[NodeKind, KindMap] = {
    NodeKind.WORK: KindMap(
        (),  # the class follows the work's type
        (
            _lit("id", DCTERMS.identifier),
            _lit("title", DCTERMS.title),
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
            _lit("isbn", PRISM.isbn),
            _lit("abstract", DCTERMS.abstract),
            _lit("note", SKOS.note),
            _lit("text", EG.plainText),
        ),
        enums=(EnumMap("type", RDF.type, WORK_CLASSES, "an rdf:type of FaBiO"),),
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
            _lit("data_collection", EG.dataCollection),
            _lit("analysis", EG.analysis),
            _lit("institution", EG.institution),
            _lit("country", EG.country),
            FieldMap("analysis_concept", EG.analysisMethod, "iri"),
            _lit("recruitment_setting", EG.recruitmentSetting),
            _lit("setting", EG.setting),
            _lit("sampling_strategy", EG.samplingStrategy),
            _lit("diagnosis_source", EG.diagnosisSource),
            _lit("diagnosis_method", EG.diagnosisMethod),
        ),
        shapes=(
            ("data_collection_start", START),
            ("data_collection_end", END),
            ("data_collection_country", PLACE),
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
        shapes=(
            (
                "characteristic",
                Characteristic(EG.characteristicAttribute, EG.characteristicValue),
            ),
        ),
    ),
    NodeKind.PARTICIPANT: KindMap(
        (EG.Participant,),
        (_lit("id", DCTERMS.identifier), _lit("name", RDFS.label)),
        shapes=(
            (
                "characteristics",
                Traits(
                    EG.hasCharacteristic,
                    RDF.type,
                    EG.ParticipantCharacteristic,
                    RDFS.label,
                    RDF.value,
                ),
            ),
        ),
    ),
    NodeKind.CRITERION: KindMap(
        (),  # OBI inclusion or exclusion criterion, by its kind
        (_lit("id", DCTERMS.identifier), _lit("text", RDFS.label)),
        enums=(
            EnumMap(
                "kind",
                RDF.type,
                CRITERION_CLASSES,
                "an rdf:type obo:OBI_0500027 or obo:OBI_0500028",
            ),
        ),
        shapes=(
            (
                "constraint",
                structures.Constraint(
                    EG.hasConstraint,
                    RDF.type,
                    forms={
                        "range": EG.RangeConstraint,
                        "equals": EG.EqualsConstraint,
                        "condition": EG.ConditionConstraint,
                    },
                    fields={
                        "attribute": EG.attribute,
                        "min": EG.minimum,
                        "max": EG.maximum,
                        "value": EG.requiredValue,
                        "condition": EG.condition,
                    },
                    relations=RELATIONS,
                    expected={"constraint": "an eg:hasConstraint"},
                ),
            ),
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
            _lit("color", EG.color),
        ),
        enums=(EnumMap("kind", RDF.type, THEME_KINDS, "an rdf:type of a kind of theme"),),
        shapes=(("kind", GROUPING),),
    ),
    NodeKind.QUOTE: KindMap(
        (OA.Annotation,),
        (
            _lit("id", DCTERMS.identifier),
            _lit("speaker", EG.speaker),
            _lit("page", EG.page),
            _lit("coded_at", DCTERMS.created),
        ),
        enums=(EnumMap("role", EG.quoteRole, QUOTE_ROLES, "an eg:quoteRole"),),
        constants=((OA.motivatedBy, OA.classifying), (DCTERMS.type, OBO.ECO_0006153)),
        shapes=(
            (
                "text",
                selectors.QuoteSelectors(
                    OA.hasTarget,
                    OA.hasSelector,
                    RDF.type,
                    OA.TextQuoteSelector,
                    OA.exact,
                    OA.prefix,
                    OA.suffix,
                    OA.TextPositionSelector,
                    OA.start,
                    OA.end,
                    XSD.nonNegativeInteger,
                    expected={"text": "an oa:exact of the selector of its oa:hasTarget"},
                ),
            ),
        ),
    ),
    NodeKind.CODER: KindMap(
        (EG.Coder,),
        (_lit("id", DCTERMS.identifier), _lit("name", RDFS.label)),
    ),
    NodeKind.MEMO: KindMap(
        (EG.Memo,),
        (
            _lit("id", DCTERMS.identifier),
            _lit("text", OA.bodyValue),
            _lit("title", DCTERMS.title),
            _lit("created", DCTERMS.created),
        ),
        constants=((OA.motivatedBy, OA.commenting),),
    ),
    NodeKind.CLAIM: KindMap(
        (EG.Claim,),
        (
            _lit("id", DCTERMS.identifier),
            _lit("statement", EG.statement),
            _lit("evidence_not_transcribed", EG.evidenceNotTranscribed),
        ),
        enums=(EnumMap("kind", EG.claimKind, CLAIM_KINDS, "an eg:claimKind"),),
    ),
    NodeKind.SCHEME: KindMap(
        (SKOS.ConceptScheme,),
        (
            _lit("id", DCTERMS.identifier),
            _lit("label", SKOS.prefLabel),
            _lit("definition", SKOS.definition),
        ),
    ),
    NodeKind.CONCEPT: KindMap(
        (SKOS.Concept,),
        (
            _lit("id", DCTERMS.identifier),
            _lit("label", SKOS.prefLabel),
            _lit("notation", SKOS.notation),
            _lit("definition", SKOS.definition),
        ),
        shapes=(("matches", MATCHES),),
    ),
    NodeKind.MAPPING: KindMap(
        (OWL.Axiom,),
        (
            _lit("id", DCTERMS.identifier),
            _lit("justification", RDFS.comment),
        ),
        enums=(
            EnumMap(
                "relation",
                OWL.annotatedProperty,
                MATCH_PREDICATES,
                "an owl:annotatedProperty that is a SKOS mapping property",
            ),
        ),
        constants=((SSSOM.mapping_justification, SEMAPV.ManualMappingCuration),),
        shapes=(("relation", structures.MappingTriple(MATCH_PREDICATES)),),
    ),
}
"""For each kind of entity: its RDF classes and the predicates of its plain fields."""
