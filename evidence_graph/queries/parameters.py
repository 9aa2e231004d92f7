"""A question's parameters: what each takes, how text becomes a value, and its SPARQL bindings."""

from __future__ import annotations

import contextlib
import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

import pyoxigraph as ox

from evidence_graph.exceptions import QueryError
from evidence_graph.folding import fold
from evidence_graph.graph import EvidenceGraph
from evidence_graph.models import MAX_AGE, DiagnosisSource, RecoveryStatus, Setting, Sex
from evidence_graph.queries.directory import Directory
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
from evidence_graph.queries.references import Reference, parse_reference
from evidence_graph.rdf import parameter_literal, to_oxigraph
from evidence_graph.sparql import Term

__all__ = ["Parameter", "ParameterKind"]

_TRUE = {"true", "yes", "1", "y"}
_FALSE = {"false", "no", "0", "n"}


class ParameterKind(StrEnum):
    """What a parameter's value is."""

    THEME = "theme"
    STUDY = "study"
    SAMPLE = "sample"
    CLAIM = "claim"
    WORK = "work"
    CONCEPT = "concept"
    DIAGNOSIS = "diagnosis"
    TARGET = "target"
    TEXT = "text"
    NUMBER = "number"
    AGE = "age"
    BOOLEAN = "boolean"
    SEX = "sex"
    DIAGNOSIS_SOURCE = "diagnosis-source"
    SETTING = "setting"
    RECOVERY_STATUS = "recovery-status"


_CHOICES: dict[ParameterKind, tuple[StrEnum, ...]] = {
    ParameterKind.SEX: (Sex.FEMALE, Sex.MALE),
    ParameterKind.DIAGNOSIS_SOURCE: tuple(DiagnosisSource),
    ParameterKind.SETTING: tuple(Setting),
    ParameterKind.RECOVERY_STATUS: tuple(RecoveryStatus),
}
"""The values a parameter of a closed set takes, by its kind."""

_NUMBERS: dict[ParameterKind, float | None] = {
    ParameterKind.NUMBER: None,
    ParameterKind.AGE: MAX_AGE,
}
"""The numeric kinds, each with the greatest value it takes (from 0), if it has one."""


_EXPECTED = {
    ParameterKind.THEME: "a theme's label, local id or IRI",
    ParameterKind.STUDY: "a study's local id or IRI",
    ParameterKind.SAMPLE: "a sample's or subgroup's local id or IRI",
    ParameterKind.CLAIM: "a claim's local id or IRI",
    ParameterKind.WORK: "a work's DOI, local id or IRI",
    ParameterKind.CONCEPT: "a concept's IRI, id or code, or a match's (e.g. wikidata:Q208166)",
    ParameterKind.DIAGNOSIS: "a concept's IRI, id or code, or a match's (e.g. mesh:D001883)",
    ParameterKind.TARGET: "a concept's or a theme's label, id or IRI (e.g. Connectedness)",
    ParameterKind.TEXT: "some text",
    ParameterKind.NUMBER: "a number >= 0",
    ParameterKind.AGE: f"an age in years, from 0 to {MAX_AGE}",
    ParameterKind.BOOLEAN: "true or false",
    ParameterKind.SEX: "female or male",
    ParameterKind.DIAGNOSIS_SOURCE: "clinician-assessed or self-reported",
    ParameterKind.SETTING: "community, outpatient, inpatient or forensic",
    ParameterKind.RECOVERY_STATUS: "recovered or not-recovered",
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
        """Return the value checked and converted: text as given, numbers, booleans, a choice.

        Raises:
            QueryError: If the value is not of the parameter's kind.
        """
        text = str(value).strip()
        if self.kind in _NUMBERS:
            number = float("nan")
            if not isinstance(value, bool):
                with contextlib.suppress(ValueError, OverflowError):
                    number = float(value) if isinstance(value, int | float) else float(text)
            most = _NUMBERS[self.kind]
            if not (math.isfinite(number) and number >= 0 and (most is None or number <= most)):
                raise QueryError(self.name, str(value), f"expected {self.expected}")
            return number
        if self.kind is ParameterKind.BOOLEAN:
            if isinstance(value, bool):
                return value
            if text.lower() in _TRUE | _FALSE:
                return text.lower() in _TRUE
            raise QueryError(self.name, str(value), f"expected {self.expected}")
        if self.kind in _CHOICES:
            for choice in _CHOICES[self.kind]:
                if text.lower() == choice.value:
                    return choice
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

    def check(
        self,
        graph: EvidenceGraph | Directory,
        value: object,
        parsed: Mapping[str, object],
        *,
        lookups: bool = True,
    ) -> object:
        """Return a parsed value once looked up in ``graph`` (or a directory): as it is, or its IRI.

        A diagnosis is always looked up, as the questions take its IRI; other references only
        with ``lookups`` (the Python questions look them up), a mapping's target becoming its IRI.

        Raises:
            QueryError: If a reference names nothing in the graph (with the closest values).
        """
        text = str(value)
        if self.kind is ParameterKind.DIAGNOSIS:
            return find_diagnosis(graph, text, parameter=self.name)
        if not lookups:
            return value
        if self.kind is ParameterKind.TARGET:
            return find_target(graph, text, parameter=self.name)
        if self.kind is ParameterKind.THEME:
            study = parsed.get("study")
            find_themes(graph, text, study=None if study is None else str(study))
        elif self.kind is ParameterKind.STUDY:
            find_study(graph, text, parameter=self.name)
        elif self.kind is ParameterKind.SAMPLE:
            find_samples(graph, text, parameter=self.name)
        elif self.kind is ParameterKind.CLAIM:
            find_claim(graph, text, parameter=self.name)
        elif self.kind is ParameterKind.WORK:
            find_work(graph, text, parameter=self.name)
        elif self.kind is ParameterKind.CONCEPT:
            find_concepts(graph, text, parameter=self.name)
        return value

    def bindings(self, value: object) -> dict[str, Term]:
        """Return the SPARQL bindings of a parsed (and, for a diagnosis or target, checked) value.

        A reference binds ``<variable>_iri`` when it is an IRI (or a DOI, or a code of a scheme
        with IRIs), and ``<variable>_key`` (and ``<variable>_scheme`` for ``scheme:code``)
        when it has a key; a diagnosis or a target binds its IRI.
        """
        var = self.variable
        if isinstance(value, bool | float):
            return {var: to_oxigraph(parameter_literal(value))}
        if isinstance(value, StrEnum) or self.kind is ParameterKind.TEXT:
            return {var: ox.Literal(str(value))}
        reference = self.reference(str(value))
        if self.kind in {ParameterKind.DIAGNOSIS, ParameterKind.TARGET}:
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
