"""Researchers' questions, graph first: each returns typed rows, the same as its SPARQL query.

=====================  ===============================================================
``quotes_for_theme``   quotes coded under a theme (and its sub-themes), with speaker and subgroup
``theme_tree``         a study's themes as a tree with quote counts
``studies_matching``   a profile against each study's criteria and sample
``evidence_for``       claim → quotes → themes → study → work
``citing_works``       the works citing a work, with the intent
``cited_works``        the works a work cites, with the intent
``search_quotes``      quotes and theme labels containing some words
``unsupported_claims`` claims without evidence, with candidate sources
``about_concept``      everything about a concept, asked by it or any of its matches
``mapped_to``          the themes of every study mapped to a concept or another theme
``stats``              entities counted by kind, each subgroup in its whole sample
=====================  ===============================================================

:func:`ask` answers any of them by name (``"quotes-for-theme"``), in Python or in SPARQL,
with the rows its function returns: :class:`Rows`, a list that also gives a pandas DataFrame
(:meth:`Rows.to_pandas`, with the optional extra ``evidence-graph[pandas]``) or an Excel
workbook (:meth:`Rows.to_xlsx`), a typed column for each field of the row type.
:func:`nested_theme_tree` gives the theme tree nested, each theme holding its sub-themes.
On the networkx graph alone, :func:`most_cited`, :func:`co_citations` and
:func:`path_between` answer questions about the citation network and about how two nodes
are joined.

Examples:
    >>> from evidence_graph import load_graph, queries
    >>> graph = load_graph("kverme2019")
    >>> rows = queries.quotes_for_theme(graph, "needing honesty and genuine mutuality")
    >>> [(row.quote_id, row.role.value) for row in rows]
    [('she-doesnt-hear-me', 'contrasting')]
"""

from evidence_graph.folding import fold
from evidence_graph.queries.catalogue import (
    QUESTIONS,
    Engine,
    Question,
    ask,
    ask_sparql,
    find_question,
    profile_of,
    sparql_bindings,
)
from evidence_graph.queries.citations import cited_works, citing_works
from evidence_graph.queries.claims import evidence_for, unsupported_claims
from evidence_graph.queries.concepts import about_concept
from evidence_graph.queries.counts import stats
from evidence_graph.queries.directory import Directory, Entry, Match, directory
from evidence_graph.queries.eligibility import studies_matching
from evidence_graph.queries.finding import (
    find_claim,
    find_concepts,
    find_diagnosis,
    find_samples,
    find_study,
    find_target,
    find_themes,
    find_work,
)
from evidence_graph.queries.mappings import mapped_to
from evidence_graph.queries.network import (
    CitedRow,
    CoCitationRow,
    PathStep,
    co_citations,
    label_of,
    most_cited,
    path_between,
)
from evidence_graph.queries.parameters import Parameter, ParameterKind
from evidence_graph.queries.references import CONCEPT_PREFIXES, Reference, parse_reference
from evidence_graph.queries.results import Rows
from evidence_graph.queries.rows import (
    AboutRow,
    CitationRow,
    CountRow,
    EvidenceRow,
    Fit,
    MappedRow,
    MatchRow,
    Outcome,
    Profile,
    QuoteRow,
    Row,
    SearchRow,
    ThemeRow,
    UnsupportedReason,
    UnsupportedRow,
    Verdict,
)
from evidence_graph.queries.themes import (
    ThemeNode,
    nested_theme_tree,
    quotes_for_theme,
    search_quotes,
    theme_tree,
    tree_order,
    walk,
)

__all__ = [
    "CONCEPT_PREFIXES",
    "QUESTIONS",
    "AboutRow",
    "CitationRow",
    "CitedRow",
    "CoCitationRow",
    "CountRow",
    "Directory",
    "Engine",
    "Entry",
    "EvidenceRow",
    "Fit",
    "MappedRow",
    "Match",
    "MatchRow",
    "Outcome",
    "Parameter",
    "ParameterKind",
    "PathStep",
    "Profile",
    "Question",
    "QuoteRow",
    "Reference",
    "Row",
    "Rows",
    "SearchRow",
    "ThemeNode",
    "ThemeRow",
    "UnsupportedReason",
    "UnsupportedRow",
    "Verdict",
    "about_concept",
    "ask",
    "ask_sparql",
    "cited_works",
    "citing_works",
    "co_citations",
    "directory",
    "evidence_for",
    "find_claim",
    "find_concepts",
    "find_diagnosis",
    "find_question",
    "find_samples",
    "find_study",
    "find_target",
    "find_themes",
    "find_work",
    "fold",
    "label_of",
    "mapped_to",
    "most_cited",
    "nested_theme_tree",
    "parse_reference",
    "path_between",
    "profile_of",
    "quotes_for_theme",
    "search_quotes",
    "sparql_bindings",
    "stats",
    "studies_matching",
    "theme_tree",
    "tree_order",
    "unsupported_claims",
    "walk",
]
