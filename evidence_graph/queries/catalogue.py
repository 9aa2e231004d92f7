"""The named questions: each one Python function, one SPARQL query, one CLI name, one row type.

:data:`QUESTIONS` names each question as the command line does (``quotes-for-theme``), with
its parameters in kebab-case. :func:`ask` answers a question in Python over the graph, or with
its SPARQL query over the graph's RDF export; both give the same rows.
"""

from __future__ import annotations

import contextlib
import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal

import pyoxigraph as ox

from evidence_graph.exceptions import QueryError
from evidence_graph.graph import EvidenceGraph
from evidence_graph.models import Sex
from evidence_graph.queries.citations import cited_works, citing_works
from evidence_graph.queries.claims import evidence_for, unsupported_claims
from evidence_graph.queries.concepts import about_concept
from evidence_graph.queries.counts import stats
from evidence_graph.queries.eligibility import studies_matching
from evidence_graph.queries.folding import fold
from evidence_graph.queries.lookup import (
    Reference,
    find_claim,
    find_concepts,
    find_diagnosis,
    find_study,
    find_themes,
    find_work,
    parse_reference,
)
from evidence_graph.queries.rows import (
    AboutRow,
    CitationRow,
    CountRow,
    EvidenceRow,
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
    walk,
)
from evidence_graph.sparql.runner import Term, query_text, select, to_store

__all__ = [
    "QUESTIONS",
    "Engine",
    "Parameter",
    "ParameterKind",
    "Question",
    "ask",
    "find_question",
    "sparql_bindings",
]

Engine = Literal["python", "sparql"]
"""How a question is answered: by the Python function, or by its SPARQL query."""

_XSD = "http://www.w3.org/2001/XMLSchema#"
_TRUE = {"true", "yes", "1", "y"}
_FALSE = {"false", "no", "0", "n"}


class ParameterKind(StrEnum):
    """What a parameter's value is."""

    THEME = "theme"
    STUDY = "study"
    CLAIM = "claim"
    WORK = "work"
    CONCEPT = "concept"
    DIAGNOSIS = "diagnosis"
    TEXT = "text"
    NUMBER = "number"
    BOOLEAN = "boolean"
    SEX = "sex"


_EXPECTED = {
    ParameterKind.THEME: "a theme's label, local id or IRI",
    ParameterKind.STUDY: "a study's local id or IRI",
    ParameterKind.CLAIM: "a claim's local id or IRI",
    ParameterKind.WORK: "a work's DOI, local id or IRI",
    ParameterKind.CONCEPT: "a concept's IRI, id or code, or a match's (e.g. wikidata:Q208166)",
    ParameterKind.DIAGNOSIS: "a concept's IRI, id or code, or a match's (e.g. mesh:D001883)",
    ParameterKind.TEXT: "some text",
    ParameterKind.NUMBER: "a number >= 0",
    ParameterKind.BOOLEAN: "true or false",
    ParameterKind.SEX: "female or male",
}


@dataclass(frozen=True, slots=True)
class Parameter:
    """A parameter of a question.

    Attributes:
        name: Its name in kebab-case, as ``--param NAME=VALUE`` spells it.
        kind: What its value is.
        help: What it means, in a line.
        required: Whether the question needs it.
        default: Its value when left out.
        sparql: The SPARQL variable (stem) that holds it, where not :attr:`key`.
    """

    name: str
    kind: ParameterKind
    help: str
    required: bool = False
    default: object = None
    sparql: str | None = None

    @property
    def key(self) -> str:
        """The name in snake_case, as the Python functions spell it."""
        return self.name.replace("-", "_")

    @property
    def variable(self) -> str:
        """The SPARQL variable (stem) that holds it, without ``?``."""
        return self.sparql or self.key

    @property
    def expected(self) -> str:
        """What a value should look like, for help and errors."""
        return _EXPECTED[self.kind]

    def parse(self, value: object) -> object:
        """Return the value checked and converted: text as given, numbers, booleans, a sex.

        Raises:
            QueryError: If the value is not of the parameter's kind.
        """
        text = str(value).strip()
        if self.kind is ParameterKind.NUMBER:
            number = float("nan")
            if not isinstance(value, bool):
                with contextlib.suppress(ValueError, OverflowError):
                    number = float(value) if isinstance(value, int | float) else float(text)
            if not 0 <= number < float("inf"):
                raise QueryError(self.name, str(value), f"expected {self.expected}")
            return number
        if self.kind is ParameterKind.BOOLEAN:
            if isinstance(value, bool):
                return value
            if text.lower() in _TRUE | _FALSE:
                return text.lower() in _TRUE
            raise QueryError(self.name, str(value), f"expected {self.expected}")
        if self.kind is ParameterKind.SEX:
            if text.lower() in {Sex.FEMALE, Sex.MALE}:
                return Sex(text.lower())
            raise QueryError(self.name, str(value), f"expected {self.expected}")
        if not fold(text).strip():  # a lone accent, say, folds to nothing
            raise QueryError(self.name, str(value), f"expected {self.expected}")
        if self.kind is not ParameterKind.TEXT:
            self.reference(str(value))  # a malformed IRI or DOI is refused before any look-up
        return str(value)

    def reference(self, value: str) -> Reference:
        """Return what a reference parameter's value names, before any look-up.

        Raises:
            QueryError: If it is malformed (an IRI with a space, say, or a DOI without digits).
        """
        return parse_reference(
            self.name,
            value,
            doi=self.kind is ParameterKind.WORK,
            scheme=self.kind in {ParameterKind.CONCEPT, ParameterKind.DIAGNOSIS},
        )

    def check(self, graph: EvidenceGraph, value: object, parsed: Mapping[str, object]) -> object:
        """Return a parsed value once looked up in ``graph``: unchanged, or a diagnosis's IRI.

        Raises:
            QueryError: If a reference names nothing in the graph (with the closest values).
        """
        text = str(value)
        if self.kind is ParameterKind.THEME:
            study = parsed.get("study")
            find_themes(graph, text, study=None if study is None else str(study))
        elif self.kind is ParameterKind.STUDY:
            find_study(graph, text, parameter=self.name)
        elif self.kind is ParameterKind.CLAIM:
            find_claim(graph, text, parameter=self.name)
        elif self.kind is ParameterKind.WORK:
            find_work(graph, text, parameter=self.name)
        elif self.kind is ParameterKind.CONCEPT:
            find_concepts(graph, text, parameter=self.name)
        elif self.kind is ParameterKind.DIAGNOSIS:
            return find_diagnosis(graph, text, parameter=self.name)
        return value

    def bindings(self, value: object) -> dict[str, Term]:
        """Return the SPARQL bindings of a parsed (and, for a diagnosis, checked) value.

        A reference binds ``<variable>_iri`` when it is an IRI (or a DOI, or a code of a scheme
        with IRIs), and ``<variable>_key`` (and ``<variable>_scheme`` for ``scheme:code``)
        when it has a key; a diagnosis binds its IRI.
        """
        var = self.variable
        if isinstance(value, bool):
            return {var: ox.Literal(str(value).lower(), datatype=ox.NamedNode(_XSD + "boolean"))}
        if isinstance(value, float):
            return {var: ox.Literal(repr(value), datatype=ox.NamedNode(_XSD + "double"))}
        if isinstance(value, Sex) or self.kind is ParameterKind.TEXT:
            return {var: ox.Literal(str(value))}
        reference = self.reference(str(value))
        if self.kind is ParameterKind.DIAGNOSIS:
            if reference.iri is None:
                raise QueryError(
                    self.name, str(value), "expected an IRI here; look it up in a graph first"
                )
            return {var: ox.NamedNode(reference.iri)}
        found: dict[str, Term] = {}
        if reference.iri is not None:
            found[f"{var}_iri"] = ox.NamedNode(reference.iri)
        if reference.key is not None:
            found[f"{var}_key"] = ox.Literal(reference.key)
        if reference.scheme is not None:
            found[f"{var}_scheme"] = ox.Literal(reference.scheme)
        return found


@dataclass(frozen=True, slots=True)
class Question:
    """A named question.

    Attributes:
        name: Its name, as the command line and the SPARQL file spell it.
        summary: What it answers, in a line.
        row: The type of the rows it answers with.
        parameters: What it takes.
        answer: The Python function: the graph and the parsed parameters (by snake_case name)
            to rows.
        order: Puts the SPARQL answer's rows in the Python order, where ``ORDER BY`` cannot
            (a tree's pre-order); ``None`` where the query's ``ORDER BY`` gives it.
        columns: The row fields a table shows, for reading in a terminal (JSON and CSV carry
            every field).
    """

    name: str
    summary: str
    row: type[Row]
    parameters: tuple[Parameter, ...]
    answer: Callable[[EvidenceGraph, dict[str, Any]], list[Any]]
    columns: tuple[str, ...]
    order: Callable[[list[Any]], list[Any]] | None = None

    @property
    def sparql(self) -> str:
        """The text of its SPARQL query."""
        return query_text(self.name)

    def parse(self, values: Mapping[str, object]) -> dict[str, object]:
        """Return the parameters checked and converted, by snake_case name, defaults filled in.

        Raises:
            QueryError: If a parameter is unknown, missing or malformed.
        """
        by_name = {parameter.name: parameter for parameter in self.parameters}
        for name in values:
            if name not in by_name:
                known = ", ".join(by_name) or "none"
                raise QueryError(
                    name, str(values[name]), f"is not a parameter of {self.name}; it takes {known}"
                )
        parsed: dict[str, object] = {}
        for parameter in self.parameters:
            value = values.get(parameter.name)
            if value is None:
                if parameter.required:
                    raise QueryError(
                        parameter.name,
                        "",
                        f"{self.name} needs it: expected {parameter.expected}",
                    )
                parsed[parameter.key] = parameter.default
            else:
                parsed[parameter.key] = parameter.parse(value)
        return parsed

    def check(self, graph: EvidenceGraph, parsed: Mapping[str, object]) -> dict[str, object]:
        """Return parsed parameters once looked up in ``graph`` (see :meth:`Parameter.check`).

        Raises:
            QueryError: If a reference names nothing in the graph (with the closest values).
        """
        checked = dict(parsed)
        for parameter in self.parameters:
            value = parsed[parameter.key]
            if value is not None:
                checked[parameter.key] = parameter.check(graph, value, parsed)
        return checked

    def bindings(self, parsed: Mapping[str, object]) -> dict[str, Term]:
        """Return the SPARQL bindings of parsed (and checked) parameters."""
        bound: dict[str, Term] = {}
        for parameter in self.parameters:
            value = parsed[parameter.key]
            if value is not None:
                bound.update(parameter.bindings(value))
        return bound


def _profile(values: dict[str, Any]) -> Profile:
    """Return the profile the parameters of studies-matching give (the diagnosis an IRI)."""
    return Profile(
        sex=values["sex"],
        age=values["age"],
        months_since_diagnosis=values["months_since_diagnosis"],
        in_treatment=values["in_treatment"],
        psychosis=values["psychosis"],
        diagnosis=values["concept"],
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
            "quotes coded under a theme and its sub-themes, with role, work and study",
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
            ),
            lambda graph, v: quotes_for_theme(
                graph, v["theme"], subthemes=v["subthemes"], study=v["study"]
            ),
            columns=("theme_label", "role", "quote_id", "text", "doi"),
        ),
        Question(
            "theme-tree",
            "each study's themes as a tree, with quote counts",
            ThemeRow,
            (Parameter("study", ParameterKind.STUDY, "the study (default: every study)"),),
            lambda graph, v: list(walk(theme_tree(graph, v["study"]))),
            columns=("study_id", "number", "label", "depth", "quotes", "quotes_with_subthemes"),
            order=tree_order,
        ),
        Question(
            "studies-matching",
            "whether a profile meets each study's criteria and lies within its sample",
            MatchRow,
            (
                Parameter("sex", ParameterKind.SEX, "the profile's sex"),
                Parameter("age", ParameterKind.NUMBER, "age in years"),
                Parameter(
                    "months-since-diagnosis", ParameterKind.NUMBER, "months since the diagnosis"
                ),
                Parameter("in-treatment", ParameterKind.BOOLEAN, "in treatment now"),
                Parameter("psychosis", ParameterKind.BOOLEAN, "ever had a psychosis"),
                _DIAGNOSIS,
            ),
            lambda graph, v: studies_matching(graph, _profile(v)),
            columns=(
                "study_id",
                "verdict",
                "sample_fit",
                "check",
                "about",
                "kind",
                "text",
                "outcome",
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
            "claims offered without evidence, with their candidate sources",
            UnsupportedRow,
            (),
            lambda graph, _: unsupported_claims(graph),
            columns=("claim_id", "kind", "statement", "candidate_doi"),
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
) -> list[Row]:
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

    Returns:
        The rows, in the same order from either engine (a tree's rows each theme before its
        sub-themes).

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
    question = find_question(name)
    parsed = question.check(graph, question.parse(parameters or {}))
    if engine == "python":
        return list(question.answer(graph, parsed))
    bindings = question.bindings(parsed)
    table = select(store or to_store(graph), question.sparql, bindings, source=f"{name}.rq")
    rows = [question.row.model_validate(record) for record in table.records()]
    return question.order(rows) if question.order else rows
