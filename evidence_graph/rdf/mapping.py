"""The RDF mapping: one table from the models to standard vocabularies.

:data:`MAPPING` says, for each kind of entity, its RDF classes, the predicate of each of its
plain fields, the fields whose value is an enumeration written as an IRI, and the structures
that write its other fields. :data:`RELATIONS` says how each :class:`Relation` a model field
declares is written: by one predicate, the edge's way or the other way, or by a structure.
Export and import both read these tables; no other module of the package spells an RDF term.
"""

from __future__ import annotations

from evidence_graph import namespace
from evidence_graph.models import (
    CitationIntent,
    ClaimKind,
    CriterionKind,
    NodeKind,
    QuoteRole,
    Relation,
    ThemeKind,
    WorkType,
)
from evidence_graph.namespace import member_place, member_property
from evidence_graph.rdf import groupings, structures
from evidence_graph.rdf.characteristics import Characteristic
from evidence_graph.rdf.coverage import Described
from evidence_graph.rdf.rows import EnumMap, FieldMap, KindMap, Predicate, Structure, Vocabulary

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


BIBO = Vocabulary(namespace.BIBO)
CITO = Vocabulary(namespace.CITO)
DCAT = Vocabulary(namespace.DCAT)
DCTERMS = Vocabulary(namespace.DCTERMS)
EG = Vocabulary(namespace.EG)
FABIO = Vocabulary(namespace.FABIO)
FOAF = Vocabulary(namespace.FOAF)
OA = Vocabulary(namespace.OA)
OBO = Vocabulary(namespace.OBO)
OWL = Vocabulary(namespace.OWL)
PRISM = Vocabulary(namespace.PRISM)
PROV = Vocabulary(namespace.PROV)
RDF = Vocabulary(namespace.RDF)
RDFS = Vocabulary(namespace.RDFS)
SEMAPV = Vocabulary(namespace.SEMAPV)
SKOS = Vocabulary(namespace.SKOS)
SSSOM = Vocabulary(namespace.SSSOM)
XSD = Vocabulary(namespace.XSD)

RDF_TYPE = RDF.type
"""``rdf:type``."""
IDENTIFIER = DCTERMS.identifier
"""The predicate of every entity's local id; a node with one is an entity."""
IMPORTS = OWL.imports
"""``owl:imports``, never followed."""


def _lit(field: str, predicate: str, datatype: str | None = None) -> FieldMap:
    return FieldMap(field, predicate, "literal", datatype)


WORK_CLASSES: dict[WorkType, str] = {
    WorkType.JOURNAL_ARTICLE: FABIO.JournalArticle,
    WorkType.MAGAZINE_ARTICLE: FABIO.MagazineArticle,
    WorkType.BOOK: FABIO.Book,
    WorkType.BOOK_CHAPTER: FABIO.BookChapter,
    WorkType.REPORT: FABIO.ReportDocument,
    WorkType.WEB_PAGE: FABIO.WebPage,
    WorkType.OTHER: FABIO.Work,
}
"""The FaBiO class of each type of work."""

CITATION_PREDICATES: dict[CitationIntent, str] = {
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

CRITERION_CLASSES: dict[CriterionKind, str] = {
    CriterionKind.INCLUSION: OBO.OBI_0500027,
    CriterionKind.EXCLUSION: OBO.OBI_0500028,
}
QUOTE_ROLES: dict[QuoteRole, str] = {
    QuoteRole.SUPPORTING: EG.supporting,
    QuoteRole.CONTRASTING: EG.contrasting,
}
CLAIM_KINDS: dict[ClaimKind, str] = {
    ClaimKind.FINDING: EG.finding,
    ClaimKind.BACKGROUND: EG.background,
    ClaimKind.LIMITATION: EG.limitation,
}
THEME_KINDS: dict[ThemeKind, str] = {
    ThemeKind.THEME: EG.MainTheme,
    ThemeKind.SUB_THEME: EG.SubTheme,
    ThemeKind.CATEGORY: EG.Category,
    ThemeKind.STAGE: EG.Stage,
    ThemeKind.PROCESS: EG.Process,
    ThemeKind.DOMAIN: EG.Domain,
    ThemeKind.GROUPING: EG.Grouping,
}
MATCH_PREDICATES: dict[str, str] = {
    "exact": SKOS.exactMatch,
    "close": SKOS.closeMatch,
    "broad": SKOS.broadMatch,
    "narrow": SKOS.narrowMatch,
    "related": SKOS.relatedMatch,
}
"""The SKOS mapping property of each match relation."""


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
    Relation.QUOTED_IN: structures.QuoteTarget(
        OA.hasTarget,
        RDF.type,
        OA.SpecificResource,
        OA.hasSource,
        expected={"read_in": "an oa:hasSource of its oa:hasTarget"},
    ),
    Relation.APPEARS_IN: Predicate(PROV.wasQuotedFrom),
    Relation.FROM_STUDY: Predicate(EG.fromStudy),
    Relation.SPOKEN_BY: Predicate(PROV.wasAttributedTo),
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
        ),
        enums=(EnumMap("kind", RDF.type, THEME_KINDS, "an rdf:type of a kind of theme"),),
        shapes=(("kind", GROUPING),),
    ),
    NodeKind.QUOTE: KindMap(
        (OA.Annotation,),
        (
            _lit("id", DCTERMS.identifier),
            _lit("speaker", EG.speaker),
        ),
        enums=(EnumMap("role", EG.quoteRole, QUOTE_ROLES, "an eg:quoteRole"),),
        constants=((OA.motivatedBy, OA.classifying), (DCTERMS.type, OBO.ECO_0006153)),
        shapes=(
            (
                "text",
                structures.QuoteSelectors(
                    OA.hasTarget,
                    OA.hasSelector,
                    RDF.type,
                    OA.TextQuoteSelector,
                    OA.exact,
                    OA.TextPositionSelector,
                    OA.start,
                    OA.end,
                    XSD.nonNegativeInteger,
                    expected={"text": "an oa:exact of the selector of its oa:hasTarget"},
                ),
            ),
        ),
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
