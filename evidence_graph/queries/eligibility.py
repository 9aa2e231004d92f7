"""Does a study's sample resemble my patient? A profile held against criteria and samples."""

from __future__ import annotations

from collections.abc import Iterator
from typing import cast

from evidence_graph.graph import EvidenceGraph
from evidence_graph.models import (
    ADULT_AGE,
    Attribute,
    Concept,
    ConditionConstraint,
    Criterion,
    CriterionKind,
    EqualsConstraint,
    MatchRelation,
    NodeKind,
    RangeConstraint,
    Sample,
    Sex,
    Study,
    match_iri,
)
from evidence_graph.queries.results import Rows
from evidence_graph.queries.rows import Fit, MatchRow, Outcome, Profile, Verdict

__all__ = ["PSYCHOSIS", "REASONS", "studies_matching"]

PSYCHOSIS = "psychosis"
"""The condition (a criterion's ``condition``) that a profile's ``psychosis`` answers."""

REASONS: dict[str, str] = {
    "no constraint": "not machine-checkable",
    "no criteria": "the study states no criteria",
    "no sample": "the study reports no sample",
    "profile silent": "the profile does not say",
    "no answer": "no field of the profile answers this condition",
    "no sex": "the sample reports no sex",
    "no age": "the sample reports no ages",
}
"""Why a check is unknown, by case, in the words of a row's ``reason``."""

_SAME_DIAGNOSIS = frozenset({MatchRelation.EXACT, MatchRelation.CLOSE})


def studies_matching(graph: EvidenceGraph, profile: Profile | None = None) -> Rows[MatchRow]:
    """Return, for each study, whether ``profile`` meets its criteria and lies within its sample.

    Each criterion is checked on its own: it *admits* or *excludes* the profile, or the outcome
    is *unknown* when the profile leaves the attribute empty, or when the criterion has no
    constraint (its reason: "not machine-checkable"); an unknown never admits. ``adult`` is
    answered by ``age`` (18 or over). A condition criterion is answered by ``psychosis`` when
    its condition is ``psychosis``, and by ``diagnosis`` when it names a concept: the diagnosis
    is that condition if it is the concept's IRI or an exact or close match's IRI, and is not
    otherwise. The verdict is *not-eligible* if any criterion excludes, else *unknown* if any is
    unknown (or the study states none), else *eligible*.

    Each sample is compared on sex and on age range: *within*, *outside*, or *unknown* when the
    sample does not report it or the profile does not say. A sample fits if both are within;
    the study's ``sample_fit`` is *within* if one of its samples fits, else *unknown* if one is
    unknown (or the study has no sample), else *outside*; ``sample_fit_detail`` says it in words
    for the first sample (by IRI) whose fit it is ("sex within; age unknown: the sample reports
    no ages"), led by the sample's id when the study has several. Each unknown row gives its
    ``reason`` (see :data:`REASONS`).

    Args:
        graph: The evidence graph.
        profile: The prospective participant; an empty profile when left out.

    Returns:
        Rows ordered by study IRI, check ('criterion' before 'sample'), item IRI and what is
        checked. A study without criteria, or without samples, has one row with an empty
        ``item`` whose ``reason`` says so.

    Examples:
        >>> from evidence_graph import load_graph
        >>> graph = load_graph("kverme2019")
        >>> rows = studies_matching(graph, Profile(sex="female", age=25, months_since_diagnosis=12,
        ...                                        in_treatment=True, psychosis=False))
        >>> rows[0].verdict.value, rows[0].sample_fit.value
        ('unknown', 'within')
        >>> [(row.about, row.outcome.value) for row in rows if row.check == "criterion"]
        [('months_since_diagnosis', 'admits'), ('borderline-personality-disorder', 'unknown'), \
('in_treatment', 'admits'), ('psychosis', 'admits')]
        >>> rows = studies_matching(graph, Profile(psychosis=True))
        >>> rows[0].verdict.value
        'not-eligible'
        >>> [(row.about, row.reason) for row in studies_matching(graph) if row.check == "sample"]
        [('age', 'the profile does not say'), ('sex', 'the profile does not say')]
    """
    answers = _Answers(graph, profile or Profile())
    rows: list[MatchRow] = []
    for iri, study, criteria, samples in _studies(graph):
        checks = list(_criterion_checks(criteria, answers))
        compared = list(_sample_checks(samples, answers.profile))
        verdict = _verdict([outcome for *_, outcome, _ in checks])
        fit, detail = _study_fit(compared, samples)
        rows.extend(
            MatchRow.known(
                {
                    "study": iri,
                    "study_id": study.id,
                    "verdict": verdict,
                    "sample_fit": fit,
                    "sample_fit_detail": detail,
                    "check": check,
                    "item": item,
                    "about": about,
                    "kind": kind,
                    "text": text,
                    "outcome": outcome,
                    "reason": reason,
                }
                for check, item, about, kind, text, outcome, reason in checks + compared
            )
        )
    return Rows(MatchRow, rows)


Check = tuple[str, str | None, str | None, CriterionKind | None, str | None, Outcome, str | None]
"""(check, item, about, kind, text, outcome, reason), as in :class:`MatchRow`."""

StudyParts = tuple[str, Study, list[tuple[str, Criterion, str | None]], list[tuple[str, Sample]]]
"""A study's IRI, the study, its criteria (with their IRIs and what each checks) and its samples
(with their IRIs), each by IRI."""


def _studies(graph: EvidenceGraph) -> list[StudyParts]:
    """Every study with its criteria and samples, in the order of the rows: built once.

    The rows of a study are its criteria by IRI, then its samples by IRI, each sample's age
    before its sex: the order of SPARQL's ``ORDER BY``, whatever the profile.
    """

    def build() -> list[StudyParts]:
        return [
            (
                iri,
                cast("Study", study),
                sorted(
                    ((graph.iri(item), item, _about(item)) for item in graph.criteria(iri)),
                    key=lambda criterion: criterion[0],
                ),
                sorted((graph.iri(item), item) for item in graph.samples(iri)),
            )
            for iri, study in graph.sorted_nodes(NodeKind.STUDY)
        ]

    return graph.memo("studies to match", build)


class _Answers:
    """A profile's answer to each constraint, found once for each attribute and concept."""

    def __init__(self, graph: EvidenceGraph, profile: Profile) -> None:
        self.graph = graph
        self.profile = profile
        self.by_attribute: dict[Attribute, float | bool | str | None] = {
            Attribute.AGE: profile.age,
            Attribute.MONTHS_SINCE_DIAGNOSIS: profile.months_since_diagnosis,
            Attribute.IN_TREATMENT: profile.in_treatment,
            Attribute.SEX: profile.sex,
            Attribute.DIAGNOSIS_SOURCE: profile.diagnosis_source,
            Attribute.SETTING: profile.setting,
            Attribute.RECOVERY_STATUS: profile.recovery_status,
            Attribute.ADULT: None if profile.age is None else profile.age >= ADULT_AGE,
        }
        self.by_concept: dict[str, bool] = {}

    def value(
        self, rule: RangeConstraint | EqualsConstraint | ConditionConstraint
    ) -> float | bool | str | None:
        """Return the profile's value for what the rule constrains, or None if it is empty."""
        if isinstance(rule, RangeConstraint | EqualsConstraint):
            return self.by_attribute[rule.attribute]
        if rule.condition == PSYCHOSIS:
            return self.profile.psychosis
        if rule.concept is None or self.profile.diagnosis is None:
            return None
        found = self.by_concept.get(rule.concept)
        if found is None:
            names = _diagnosis_names(self.graph, self.graph.iri(rule.concept))
            found = self.by_concept[rule.concept] = self.profile.diagnosis in names
        return found


def _about(criterion: Criterion) -> str | None:
    """What a criterion checks: its condition or attribute; None without a constraint."""
    rule = criterion.constraint
    if rule is None:
        return None
    return rule.condition if isinstance(rule, ConditionConstraint) else rule.attribute.value


def _criterion_checks(
    criteria: list[tuple[str, Criterion, str | None]], answers: _Answers
) -> Iterator[Check]:
    """Each criterion's outcome for the profile, by IRI (a study without one has a row)."""
    if not criteria:
        yield "criterion", None, None, None, None, Outcome.UNKNOWN, REASONS["no criteria"]
    for iri, criterion, about in criteria:
        rule = criterion.constraint
        if rule is None:
            reason: str | None = REASONS["no constraint"]
            yield "criterion", iri, None, criterion.kind, criterion.text, Outcome.UNKNOWN, reason
            continue
        value = answers.value(rule)
        if value is None:
            outcome, reason = Outcome.UNKNOWN, REASONS["profile silent"]
            if isinstance(rule, ConditionConstraint) and not _answerable(rule):
                reason = REASONS["no answer"]
        else:
            outcome = Outcome.ADMITS if criterion.admits(value) else Outcome.EXCLUDES
            reason = None
        yield "criterion", iri, about, criterion.kind, criterion.text, outcome, reason


def _answerable(rule: ConditionConstraint) -> bool:
    """Whether a field of a profile answers the condition: psychosis, or a named diagnosis."""
    return rule.condition == PSYCHOSIS or rule.concept is not None


def _diagnosis_names(graph: EvidenceGraph, concept_iri: str) -> frozenset[str | None]:
    """The IRIs that name a concept as a diagnosis: its own, and its exact and close matches'.

    Built once for each concept of the graph: every criterion about it asks again.
    """

    def build() -> frozenset[str | None]:
        concept = graph.get(concept_iri, Concept)
        return frozenset(
            {concept.iri}
            | {
                match_iri(graph.base, match)
                for match in concept.matches
                if match.relation in _SAME_DIAGNOSIS
            }
        )

    return graph.memo(("diagnosis-names", concept_iri), build)


def _sample_checks(samples: list[tuple[str, Sample]], profile: Profile) -> Iterator[Check]:
    """Each sample's comparisons with the profile, by IRI, age before sex (a row if none)."""
    if not samples:
        yield "sample", None, None, None, None, Outcome.UNKNOWN, REASONS["no sample"]
    for iri, sample in samples:
        if sample.age_min is None and sample.age_max is None:
            yield "sample", iri, "age", None, None, Outcome.UNKNOWN, REASONS["no age"]
        else:
            low = "" if sample.age_min is None else str(sample.age_min)
            high = "" if sample.age_max is None else str(sample.age_max)
            fit = _age_fit(sample, profile)
            yield "sample", iri, "age", None, f"{low}–{high}", fit, _silent(fit)
        if sample.sex is None:
            yield "sample", iri, "sex", None, None, Outcome.UNKNOWN, REASONS["no sex"]
        else:
            fit = _sex_fit(sample.sex, profile)
            yield "sample", iri, "sex", None, sample.sex.value, fit, _silent(fit)


def _silent(outcome: Outcome) -> str | None:
    """The reason of a comparison the sample reports for: the profile's silence, if unknown."""
    return REASONS["profile silent"] if outcome is Outcome.UNKNOWN else None


def _sex_fit(sex: Sex, profile: Profile) -> Outcome:
    if profile.sex is None:
        return Outcome.UNKNOWN
    return Outcome.WITHIN if sex in {Sex.MIXED, profile.sex} else Outcome.OUTSIDE


def _age_fit(sample: Sample, profile: Profile) -> Outcome:
    age = profile.age
    if age is None:
        return Outcome.UNKNOWN
    low = sample.age_min is None or age >= sample.age_min
    high = sample.age_max is None or age <= sample.age_max
    return Outcome.WITHIN if low and high else Outcome.OUTSIDE


def _verdict(outcomes: list[Outcome]) -> Verdict:
    if Outcome.EXCLUDES in outcomes:
        return Verdict.NOT_ELIGIBLE
    if Outcome.UNKNOWN in outcomes:
        return Verdict.UNKNOWN
    return Verdict.ELIGIBLE


def _sample_fit(outcomes: list[Outcome]) -> Fit:
    if Outcome.OUTSIDE in outcomes:
        return Fit.OUTSIDE
    return Fit.UNKNOWN if Outcome.UNKNOWN in outcomes else Fit.WITHIN


def _study_fit(checks: list[Check], samples: list[tuple[str, Sample]]) -> tuple[Fit, str]:
    """Return the study's fit, and it in words for the first sample (by IRI) whose fit it is.

    ``checks`` are each sample's age and sex, the samples by IRI, or the one row of a study
    without a sample, which says so.
    """
    if not samples:
        return Fit.UNKNOWN, checks[0][6] or ""
    fits = [
        (_sample_fit([age[5], sex[5]]), age, sex)
        for age, sex in zip(checks[0::2], checks[1::2], strict=True)
    ]
    found = {fit for fit, _, _ in fits}
    fit = (
        Fit.WITHIN if Fit.WITHIN in found else Fit.UNKNOWN if Fit.UNKNOWN in found else Fit.OUTSIDE
    )
    first = next(index for index, (each, _, _) in enumerate(fits) if each is fit)
    _, age, sex = fits[first]
    detail = f"{_said(sex)}; {_said(age)}"
    return fit, f"{samples[first][1].id}: {detail}" if len(samples) > 1 else detail


def _said(check: Check) -> str:
    """One characteristic's comparison in words: 'sex within', 'age unknown: <reason>'."""
    _, _, about, _, _, outcome, reason = check
    return f"{about} {outcome.value}" + (f": {reason}" if reason else "")
