"""The vocabularies the RDF mapping names, and the IRI of each value of an enumeration.

With :mod:`evidence_graph.rdf.mapping`, whose tables use these, the only place in the package
that spells an RDF term.
"""

from __future__ import annotations

from evidence_graph import namespace
from evidence_graph.models import (
    CitationIntent,
    ClaimKind,
    CriterionKind,
    QuoteRole,
    ThemeKind,
    WorkType,
)
from evidence_graph.rdf.rows import Vocabulary

__all__ = [
    "BIBO",
    "CITATION_PREDICATES",
    "CITO",
    "CLAIM_KINDS",
    "CRITERION_CLASSES",
    "DCAT",
    "DCTERMS",
    "EG",
    "FABIO",
    "FOAF",
    "IDENTIFIER",
    "IMPORTS",
    "MATCH_PREDICATES",
    "OA",
    "OBO",
    "OWL",
    "PRISM",
    "PROV",
    "QUOTE_ROLES",
    "RDF",
    "RDFS",
    "RDF_TYPE",
    "SEMAPV",
    "SKOS",
    "SSSOM",
    "THEME_KINDS",
    "WORK_CLASSES",
    "XSD",
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


WORK_CLASSES: dict[WorkType, str] = {
    WorkType.JOURNAL_ARTICLE: FABIO.JournalArticle,
    WorkType.MAGAZINE_ARTICLE: FABIO.MagazineArticle,
    WorkType.BOOK: FABIO.Book,
    WorkType.BOOK_CHAPTER: FABIO.BookChapter,
    WorkType.REPORT: FABIO.ReportDocument,
    WorkType.WEB_PAGE: FABIO.WebPage,
    WorkType.DATASET: FABIO.DataFile,
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
