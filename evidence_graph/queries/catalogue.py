"""The named questions: each one Python function, one SPARQL query, one CLI name, one row type.

:data:`QUESTIONS` names each question as the command line does (``quotes-for-theme``), with
its parameters in kebab-case. :func:`ask` answers a question in Python over the graph, or with
its SPARQL query over the graph's RDF export; both give the same rows.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

import pyoxigraph as ox

from evidence_graph.exceptions import QueryError
from evidence_graph.graph import EvidenceGraph
from evidence_graph.queries.citations import cited_works, citing_works
from evidence_graph.queries.claims import evidence_for, unsupported_claims
from evidence_graph.queries.concepts import about_concept
from evidence_graph.queries.counts import stats
from evidence_graph.queries.directory import Directory
from evidence_graph.queries.eligibility import studies_matching
from evidence_graph.queries.mappings import mapped_to
from evidence_graph.queries.parameters import Parameter, ParameterKind
from evidence_graph.queries.question import Engine, Question
from evidence_graph.queries.results import Rows, check_page
from evidence_graph.queries.rows import (
    AboutRow,
    CitationRow,
    CountRow,
    EvidenceRow,
    MappedRow,
    MatchRow,
    Profile,
    QuoteRow,
    Row,
    SearchRow,
    ThemeRow,
    UnsupportedRow,
)
from evidence_graph.queries.themes import (
    quotes_for_theme,
    search_quotes,
    theme_tree,
    tree_order,
)
from evidence_graph.sparql import Queryable, Term, select, to_store

__all__ = [
    "QUESTIONS",
    "Engine",
    "Question",
    "ask",
    "ask_sparql",
    "find_question",
    "profile_of",
    "sparql_bindings",
]


def profile_of(values: Mapping[str, Any]) -> Profile:
    """Return the profile the parsed parameters of studies-matching give (the diagnosis an IRI)."""
    return Profile(
        sex=values["sex"],
        age=values["age"],
        months_since_diagnosis=values["months_since_diagnosis"],
        in_treatment=values["in_treatment"],
        psychosis=values["psychosis"],
        diagnosis=values["concept"],
        diagnosis_source=values["diagnosis_source"],
        setting=values["setting"],
        recovery_status=values["recovery_status"],
    )


_THEME = Parameter("theme", ParameterKind.THEME, "the theme", required=True)
_STUDY = Parameter("study", ParameterKind.STUDY, "keep to this study")
_WORK = Parameter("work", ParameterKind.WORK, "the work", required=True)
_DIAGNOSIS = Parameter("concept", ParameterKind.DIAGNOSIS, "the diagnosis", sparql="diagnosis")

QUESTIONS: dict[str, Question] = {
    question.name: question
    for question in (
        Question(
            "quotes-for-theme",
            "quotes coded under a theme and its sub-themes, with role, speaker, work and study",
            QuoteRow,
            (
                _THEME,
                _STUDY,
                Parameter(
                    "subthemes",
                    ParameterKind.BOOLEAN,
                    "count quotes under sub-themes (default true)",
                    default=True,
                ),
                Parameter(
                    "subgroup",
                    ParameterKind.SAMPLE,
                    "keep to quotes whose speaker belongs to this sample or subgroup",
                ),
            ),
            lambda graph, v: quotes_for_theme(
                graph,
                v["theme"],
                subthemes=v["subthemes"],
                study=v["study"],
                subgroup=v["subgroup"],
            ),
            columns=("theme_label", "role", "quote_id", "speaker", "subgroup_id", "text", "doi"),
        ),
        Question(
            "theme-tree",
            "each study's themes as a tree, with quote counts",
            ThemeRow,
            (Parameter("study", ParameterKind.STUDY, "the study (default: every study)"),),
            lambda graph, v: theme_tree(graph, v["study"]),
            columns=(
                "study_id",
                "number",
                "kind",
                "label",
                "depth",
                "quotes",
                "quotes_with_subthemes",
            ),
            order=tree_order,
        ),
        Question(
            "studies-matching",
            "whether a profile meets each study's criteria and lies within its sample",
            MatchRow,
            (
                Parameter("sex", ParameterKind.SEX, "the profile's sex"),
                Parameter("age", ParameterKind.AGE, "age in years"),
                Parameter(
                    "months-since-diagnosis", ParameterKind.NUMBER, "months since the diagnosis"
                ),
                Parameter("in-treatment", ParameterKind.BOOLEAN, "in treatment now"),
                Parameter("psychosis", ParameterKind.BOOLEAN, "ever had a psychosis"),
                _DIAGNOSIS,
                Parameter(
                    "diagnosis-source",
                    ParameterKind.DIAGNOSIS_SOURCE,
                    "how the diagnosis was established",
                ),
                Parameter("setting", ParameterKind.SETTING, "where recruited or treated"),
                Parameter("recovery-status", ParameterKind.RECOVERY_STATUS, "recovered or not"),
            ),
            lambda graph, v: studies_matching(graph, profile_of(v)),
            columns=(
                "study_id",
                "verdict",
                "sample_fit",
                "check",
                "about",
                "kind",
                "text",
                "outcome",
                "reason",
            ),
        ),
        Question(
            "evidence-for",
            "the chain behind a claim: quotes, themes, study, work and DOI",
            EvidenceRow,
            (Parameter("claim", ParameterKind.CLAIM, "the claim", required=True),),
            lambda graph, v: evidence_for(graph, v["claim"]),
            columns=("claim_id", "evidence_kind", "role", "theme_label", "text", "doi"),
        ),
        Question(
            "citing-works",
            "the works that cite a work, with the citation intent",
            CitationRow,
            (_WORK,),
            lambda graph, v: citing_works(graph, v["work"]),
            columns=("citing_title", "citing_doi", "intent", "cited_doi"),
        ),
        Question(
            "cited-works",
            "the works a work cites, with the citation intent",
            CitationRow,
            (_WORK,),
            lambda graph, v: cited_works(graph, v["work"]),
            columns=("citing_doi", "intent", "cited_title", "cited_doi"),
        ),
        Question(
            "search-quotes",
            "quotes (and theme labels) containing some words, ignoring case and accents",
            SearchRow,
            (
                Parameter("text", ParameterKind.TEXT, "the words", required=True, sparql="words"),
                Parameter(
                    "themes",
                    ParameterKind.BOOLEAN,
                    "search theme labels too (default true)",
                    default=True,
                ),
            ),
            lambda graph, v: search_quotes(graph, v["text"], themes=v["themes"]),
            columns=("match", "item_id", "theme_label", "text"),
        ),
        Question(
            "unsupported-claims",
            "claims without evidence here, with why: none offered, or not transcribed",
            UnsupportedRow,
            (),
            lambda graph, _: unsupported_claims(graph),
            columns=("claim_id", "kind", "reason", "statement", "candidate_doi"),
        ),
        Question(
            "about-concept",
            "works, studies, criteria and claims about a concept, asked by it or a match",
            AboutRow,
            (Parameter("concept", ParameterKind.CONCEPT, "the concept", required=True),),
            lambda graph, v: about_concept(graph, v["concept"]),
            columns=("via", "item_kind", "item_id", "label"),
        ),
        Question(
            "mapped-to",
            "themes of every study mapped to a concept or theme, with the quotes under them",
            MappedRow,
            (
                Parameter(
                    "target",
                    ParameterKind.TARGET,
                    "the concept or theme (default: every one mapped to)",
                ),
            ),
            lambda graph, v: mapped_to(graph, v["target"]),
            columns=(
                "target_label",
                "relation",
                "study_id",
                "theme_label",
                "under_label",
                "quote_id",
            ),
        ),
        Question(
            "stats",
            "how many entities of each kind the graph holds",
            CountRow,
            (),
            lambda graph, _: stats(graph),
            columns=("kind", "count"),
        ),
    )
}
"""Every named question, by name."""


def sparql_bindings(
    name: str, parameters: Mapping[str, object] | None = None, graph: EvidenceGraph | None = None
) -> dict[str, Term]:
    """Return the SPARQL bindings of a question's parameters, checked as :func:`ask` does.

    With a ``graph``, each reference is also looked up in it, and a diagnosis named by a code or
    an id becomes its IRI; without one, a diagnosis must be given as an IRI.

    Raises:
        QueryError: If the question is unknown, or a parameter unknown, missing or malformed,
            or naming nothing in ``graph``.

    Examples:
        >>> sparql_bindings("citing-works", {"work": "doi:10.3389/FPSYG.2019.00430"})
        {'work_iri': <NamedNode value=https://doi.org/10.3389/fpsyg.2019.00430>}
    """
    question = find_question(name)
    parsed = question.parse(parameters or {})
    return question.bindings(parsed if graph is None else question.check(graph, parsed))


def find_question(name: str) -> Question:
    """Return the question of that name.

    Raises:
        QueryError: If there is none; the closest names are suggested.

    Examples:
        >>> find_question("quotes-for-them")
        Traceback (most recent call last):
        ...
        evidence_graph.exceptions.QueryError: question: 'quotes-for-them': expected one of: ...
    """
    try:
        return QUESTIONS[name]
    except KeyError:
        close = difflib.get_close_matches(name, list(QUESTIONS), n=3, cutoff=0.5)
        raise QueryError(
            "question", name, f"expected one of: {', '.join(QUESTIONS)}", close
        ) from None


def ask(
    graph: EvidenceGraph,
    name: str,
    parameters: Mapping[str, object] | None = None,
    *,
    engine: Engine = "python",
    store: ox.Store | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Rows[Row]:
    """Answer a named question over ``graph``, in Python or with its SPARQL query.

    Args:
        graph: The evidence graph.
        name: The question's name, e.g. ``"quotes-for-theme"`` (see :data:`QUESTIONS`).
        parameters: Its parameters by kebab-case name, as text (as the command line gives them)
            or as Python values.
        engine: ``"python"`` runs the function over the graph; ``"sparql"`` runs the query over
            the graph's RDF export, with the values bound.
        store: For ``"sparql"``, a store already holding the export (see
            :func:`~evidence_graph.sparql.to_store`), to save building it again.
        limit: Return at most this many rows (a page); all when ``None``.
        offset: Skip this many rows first. Pages are cut from the rows in their order, the
            same from either engine (see :meth:`Rows.page`).

    Returns:
        The rows, in the same order from either engine (a tree's rows each theme before its
        sub-themes): a list that gives a DataFrame (:meth:`Rows.to_pandas`) or a workbook
        (:meth:`Rows.to_xlsx`), typed by the question's row type.

    Raises:
        QueryError: If the question is unknown, or a parameter unknown, missing, malformed or
            naming nothing in the graph, whichever the engine.

    Examples:
        >>> from evidence_graph import load_graph
        >>> graph = load_graph("kverme2019")
        >>> python = ask(graph, "search-quotes", {"text": "little steps"})
        >>> python == ask(graph, "search-quotes", {"text": "little steps"}, engine="sparql")
        True
        >>> [row.item_id for row in python]
        ['little-steps']
    """
    check_page(limit, offset)
    if engine == "sparql":
        return ask_sparql(
            store or to_store(graph), name, parameters, graph, limit=limit, offset=offset
        )
    question = find_question(name)
    parsed = question.check(graph, question.parse(parameters or {}), lookups=False)
    return Rows(question.row, question.answer(graph, parsed)).page(limit, offset)


def ask_sparql(
    store: Queryable,
    name: str,
    parameters: Mapping[str, object] | None,
    nodes: EvidenceGraph | Directory,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> Rows[Row]:
    """Answer a named question with its SPARQL query over a store, its parameters looked up.

    Args:
        store: Where the query runs: a pyoxigraph store holding the export, or a remote
            endpoint (:class:`~evidence_graph.store.SparqlEndpoint`).
        name: The question's name.
        parameters: Its parameters by kebab-case name.
        nodes: What the parameters are looked up in: the graph the store holds, or the
            store's own :class:`~evidence_graph.queries.Directory`.
        limit: Return at most this many rows; all when ``None``.
        offset: Skip this many rows first (see :meth:`Rows.page`).

    Raises:
        QueryError: If the question is unknown, or a parameter unknown, missing, malformed or
            naming nothing.
    """
    question = find_question(name)
    # SPARQL answers a name that names nothing with no rows, so the look-ups come first, for
    # the error the Python questions give.
    parsed = question.check(nodes, question.parse(parameters or {}), lookups=True)
    bindings = question.bindings(parsed)
    table = select(store, question.sparql, bindings, source=f"{name}.rq")
    rows = [question.row.model_validate(record) for record in table.records()]
    ordered = Rows(question.row, question.order(rows) if question.order else rows)
    return ordered.page(limit, offset)
