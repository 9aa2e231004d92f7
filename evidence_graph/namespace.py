"""Every vocabulary evidence_graph uses, in one place.

Each vocabulary is an rdflib ``DefinedNamespace`` holding only the terms we use, so a misspelt
term fails at once. :class:`EG` is our own namespace; every term of it is declared in
``ontologies/evidence-graph.ttl``.
"""

from __future__ import annotations

import re

from rdflib import Namespace, URIRef
from rdflib.namespace import (
    DCAT,
    DCTERMS,
    FOAF,
    OWL,
    PROV,
    RDF,
    RDFS,
    SKOS,
    XSD,
    DefinedNamespace,
)

__all__ = [
    "BIBO",
    "CITO",
    "CONCEPT_PREFIXES",
    "DCAT",
    "DCTERMS",
    "EG",
    "EG_NAMESPACE",
    "FABIO",
    "FOAF",
    "OA",
    "OBO",
    "OWL",
    "PREFIXES",
    "PRISM",
    "PROV",
    "RDF",
    "RDFS",
    "SEMAPV",
    "SHAPES_NAMESPACE",
    "SKOS",
    "SSSOM",
    "XSD",
    "XSD_BOOLEAN",
    "XSD_DATE",
    "XSD_DATETIME",
    "XSD_DECIMAL",
    "XSD_DOUBLE",
    "XSD_FLOATS",
    "XSD_GYEAR",
    "XSD_INTEGER",
    "XSD_INTEGERS",
    "XSD_NON_NEGATIVE_INTEGER",
    "XSD_STRING",
    "member_place",
    "member_property",
]

EG_NAMESPACE = "https://w3id.org/evidence-graph/ontology#"
SHAPES_NAMESPACE = "https://w3id.org/evidence-graph/shapes#"
"""The namespace of the SHACL shapes in ``ontologies/evidence-graph-shapes.ttl``."""


class EG(DefinedNamespace):
    """The evidence_graph ontology: terms for what standard vocabularies do not cover."""

    _NS = Namespace(EG_NAMESPACE)
    _fail = True

    # classes
    Study: URIRef  # a study (an investigation, a prov:Activity)
    Sample: URIRef  # who took part in a study
    Participant: URIRef  # one person who took part in a study
    Claim: URIRef  # a statement a work makes
    Theme: URIRef  # a theme a study found (a skos:Concept in the study's theme scheme)
    MainTheme: URIRef  # the kinds of theme a study may name, subclasses of Theme
    SubTheme: URIRef
    Category: URIRef
    Stage: URIRef
    Process: URIRef
    Domain: URIRef
    Grouping: URIRef  # a node that only gathers others (also a skos:Collection)
    RangeConstraint: URIRef
    EqualsConstraint: URIRef
    ConditionConstraint: URIRef
    QuoteRole: URIRef
    ClaimKind: URIRef
    Coder: URIRef  # a person who coded a study's data (a prov:Agent)
    Memo: URIRef  # a coder's note (an oa:Annotation motivated by commenting)
    ParticipantCharacteristic: URIRef  # one characteristic of one participant
    # individuals
    supporting: URIRef
    contrasting: URIRef
    finding: URIRef
    background: URIRef
    limitation: URIRef
    # study
    design: URIRef
    reportedIn: URIRef
    dataCollection: URIRef
    analysis: URIRef
    leadInvestigator: URIRef
    institution: URIRef
    country: URIRef
    analysisMethod: URIRef
    recruitmentSetting: URIRef
    setting: URIRef
    samplingStrategy: URIRef
    diagnosisSource: URIRef
    diagnosisMethod: URIRef
    hasSample: URIRef
    hasCriterion: URIRef
    hasThemeScheme: URIRef
    # sample
    sampleSize: URIRef
    sex: URIRef
    minimumAge: URIRef
    maximumAge: URIRef
    characteristicAttribute: URIRef
    characteristicValue: URIRef
    # participant
    hasCharacteristic: URIRef
    # criterion
    hasConstraint: URIRef
    attribute: URIRef
    minimum: URIRef
    maximum: URIRef
    requiredValue: URIRef
    condition: URIRef
    # theme
    facet: URIRef
    themeNumber: URIRef
    color: URIRef
    # quote
    quoteRole: URIRef
    speaker: URIRef
    fromStudy: URIRef
    page: URIRef
    # claim
    statement: URIRef
    assertedBy: URIRef
    claimKind: URIRef
    concernsStudy: URIRef
    evidencedBy: URIRef
    candidateSource: URIRef
    evidenceNotTranscribed: URIRef
    # work and person
    correspondingAuthor: URIRef
    publisherName: URIRef
    rightsStatement: URIRef
    affiliation: URIRef
    plainText: URIRef
    # concept matches
    vocabulary: URIRef


class FABIO(DefinedNamespace):
    """FaBiO, the FRBR-aligned Bibliographic Ontology (SPAR)."""

    _NS = Namespace("http://purl.org/spar/fabio/")
    _fail = True

    JournalArticle: URIRef
    MagazineArticle: URIRef
    Book: URIRef
    BookChapter: URIRef
    ReportDocument: URIRef
    WebPage: URIRef
    DataFile: URIRef
    Work: URIRef
    hasPubMedId: URIRef
    hasPubMedCentralId: URIRef
    hasDateReceived: URIRef
    hasPublicationYear: URIRef
    hasElectronicArticleIdentifier: URIRef


class CITO(DefinedNamespace):
    """CiTO, the Citation Typing Ontology (SPAR)."""

    _NS = Namespace("http://purl.org/spar/cito/")
    _fail = True

    cites: URIRef
    discusses: URIRef
    includesQuotationFrom: URIRef
    citesAsEvidence: URIRef
    citesAsDataSource: URIRef
    citesAsAuthority: URIRef
    citesForInformation: URIRef
    obtainsBackgroundFrom: URIRef
    usesMethodIn: URIRef
    extends: URIRef
    supports: URIRef
    agreesWith: URIRef
    disagreesWith: URIRef
    critiques: URIRef


class PRISM(DefinedNamespace):
    """PRISM basic metadata, version 2.0."""

    _NS = Namespace("http://prismstandard.org/namespaces/basic/2.0/")
    _fail = True

    doi: URIRef
    issn: URIRef
    publicationName: URIRef
    section: URIRef
    volume: URIRef
    number: URIRef
    pageRange: URIRef
    keyword: URIRef
    isbn: URIRef


class OA(DefinedNamespace):
    """The W3C Web Annotation vocabulary."""

    _NS = Namespace("http://www.w3.org/ns/oa#")
    _fail = True

    Annotation: URIRef
    SpecificResource: URIRef
    TextQuoteSelector: URIRef
    TextPositionSelector: URIRef
    classifying: URIRef
    motivatedBy: URIRef
    hasBody: URIRef
    hasTarget: URIRef
    hasSource: URIRef
    hasSelector: URIRef
    exact: URIRef
    prefix: URIRef
    suffix: URIRef
    bodyValue: URIRef
    commenting: URIRef
    start: URIRef
    end: URIRef


class BIBO(DefinedNamespace):
    """The Bibliographic Ontology."""

    _NS = Namespace("http://purl.org/ontology/bibo/")
    _fail = True

    authorList: URIRef


class OBO(DefinedNamespace):
    """Terms of OBO Foundry ontologies (OBI, ECO, BFO, RO) that we use."""

    _NS = Namespace("http://purl.obolibrary.org/obo/")
    _fail = True

    OBI_0000066: URIRef  # investigation
    OBI_0000181: URIRef  # population
    OBI_0500027: URIRef  # inclusion criterion
    OBI_0500028: URIRef  # exclusion criterion
    ECO_0006153: URIRef  # self-reported individual's statement evidence
    BFO_0000050: URIRef  # part of
    RO_0000057: URIRef  # has participant
    RO_0002350: URIRef  # member of


class SSSOM(DefinedNamespace):
    """The Simple Standard for Sharing Ontological Mappings, as it writes mappings in RDF."""

    _NS = Namespace("https://w3id.org/sssom/")
    _fail = True

    mapping_justification: URIRef


class SEMAPV(DefinedNamespace):
    """The Semantic Mapping Vocabulary: how a mapping was made."""

    _NS = Namespace("https://w3id.org/semapv/vocab/")
    _fail = True

    ManualMappingCuration: URIRef


PREFIXES: dict[str, str] = {
    "bibo": str(BIBO._NS),
    "cito": str(CITO._NS),
    "dcat": str(DCAT._NS),
    "dcterms": str(DCTERMS._NS),
    "eg": EG_NAMESPACE,
    "fabio": str(FABIO._NS),
    "foaf": str(FOAF._NS),
    "oa": str(OA._NS),
    "obo": str(OBO._NS),
    "owl": str(OWL._NS),
    "prism": str(PRISM._NS),
    "prov": str(PROV._NS),
    "rdf": str(RDF._NS),
    "rdfs": str(RDFS._NS),
    "semapv": str(SEMAPV._NS),
    "skos": str(SKOS._NS),
    "sssom": str(SSSOM._NS),
    "xsd": str(XSD._NS),
}
"""The prefixes written at the top of every export, in the order written."""

CONCEPT_PREFIXES: dict[str, str] = {
    "mesh": "http://id.nlm.nih.gov/mesh/",
    "wikidata": "http://www.wikidata.org/entity/",
    "mondo": "http://purl.obolibrary.org/obo/MONDO_",
    "doid": "http://purl.obolibrary.org/obo/DOID_",
    "hp": "http://purl.obolibrary.org/obo/HP_",
}
"""Schemes whose codes stand for IRIs: ``mesh:D001883`` is ``http://id.nlm.nih.gov/mesh/D001883``
(Mondo and the other OBO vocabularies take the code after their own prefix, ``mondo:0001156``)."""

XSD_STRING = str(XSD.string)
"""The datatype of a simple literal."""
XSD_BOOLEAN = str(XSD.boolean)
"""The datatype of a true/false literal."""
XSD_DATE = str(XSD.date)
"""The datatype of a date."""
XSD_DATETIME = str(XSD.dateTime)
"""The datatype of a date and time of day."""
XSD_DECIMAL = str(XSD.decimal)
"""The datatype of a decimal number."""
XSD_DOUBLE = str(XSD.double)
"""The datatype of a floating-point number."""
XSD_GYEAR = str(XSD.gYear)
"""The datatype of a year."""
XSD_INTEGER = str(XSD.integer)
"""The datatype of a whole number."""
XSD_NON_NEGATIVE_INTEGER = str(XSD.nonNegativeInteger)
"""The datatype of a whole number from 0 (an offset into a text)."""
XSD_INTEGERS = frozenset(
    str(XSD[name])
    for name in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
)
"""The datatypes of whole numbers, as answers give them."""
XSD_FLOATS = frozenset({str(XSD.decimal), str(XSD.double), str(XSD.float)})
"""The datatypes of other numbers."""


def member_property(place: int) -> str:
    """Return the ``rdf:_n`` property of the ``n``-th member of a container (from 1).

    Examples:
        >>> member_property(2)
        'http://www.w3.org/1999/02/22-rdf-syntax-ns#_2'
    """
    return str(RDF[f"_{place}"])


_MEMBER = re.compile(re.escape(str(RDF)) + r"_(?:([1-9][0-9]{0,17})|.*)", re.DOTALL)


def member_place(predicate: str) -> int | None:
    """Return the place an ``rdf:_n`` property names (from 1), or ``None`` for another one.

    Raises:
        ValueError: If the predicate is ``rdf:_`` followed by anything but a whole number from 1
            of up to 18 digits without leading zeros (``rdf:_x``, ``rdf:_0``, ``rdf:_01``).

    Examples:
        >>> member_place(member_property(2)), member_place(str(RDF.type))
        (2, None)
    """
    found = _MEMBER.fullmatch(predicate)
    if found is None:
        return None
    if found[1] is None:
        raise ValueError(
            "is not a place in a list: expected rdf:_1, rdf:_2, … (a whole number from 1, "
            "of up to 18 digits, without leading zeros)"
        )
    return int(found[1])
