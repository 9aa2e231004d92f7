"""Does a study's sample resemble my patient? A profile held against criteria and samples."""

from __future__ import annotations

from collections.abc import Iterator

from evidence_graph.graph import EvidenceGraph
from evidence_graph.models import (
    Attribute,
    Concept,
    ConditionConstraint,
    Criterion,
    CriterionKind,
    EqualsConstraint,
    MatchRelation,
    RangeConstraint,
    Sample,
    Sex,
    Study,
    match_iri,
)
from evidence_graph.queries.rows import Fit, MatchRow, Outcome, Profile, Verdict

__all__ = ["PSYCHOSIS", "studies_matching"]

PSYCHOSIS = "psychosis"
"""The condition (a criterion's ``condition``) that a profile's ``psychosis`` answers."""

_SAME_DIAGNOSIS = frozenset({MatchRelation.EXACT, MatchRelation.CLOSE})


def studies_matching(graph: EvidenceGraph, profile: Profile | None = None) -> list[MatchRow]:
    """Return, for each study, whether ``profile`` meets its criteria and lies within its sample.

    Each criterion is checked on its own: it *admits* or *excludes* the profile, or the outcome
    is *unknown* when the profile leaves the attribute empty. A condition criterion is answered
    by ``psychosis`` when its condition is ``psychosis``, and by ``diagnosis`` when it names a
    concept: the diagnosis is that condition if it is the concept's IRI or an exact or close
    match's IRI, and is not otherwise. The verdict is *not-eligible* if any criterion excludes,
    else *unknown* if any is unknown (or the study states none), else *eligible*.

    Each characteristic a sample reports (sex; age range) is checked too: *within*, *outside* or
    *unknown*. A sample fits if every reported characteristic is within; the study's
    ``sample_fit`` is *within* if one of its samples fits, else *unknown* if one is unknown (or
    it reports no characteristic, or the study has no sample), else *outside*.

    Args:
        graph: The evidence graph.
        profile: The prospective participant; an empty profile when left out.

    Returns:
        Rows ordered by study IRI, check ('criterion' before 'sample'), item IRI and what is
        checked. A study without criteria, or without samples, has a row with an empty
        ``item`` that says so; a sample that reports neither sex nor age has a row with an
        empty ``about``.

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
    """
    profile = profile or Profile()
    rows: list[MatchRow] = []
    for study in sorted(graph.studies(), key=graph.iri):
        checks = list(_criterion_checks(graph, study, profile))
        samples = list(_sample_checks(graph, study, profile))
        verdict = _verdict([outcome for *_, outcome in checks])
        fit = _study_fit(samples)
        iri = graph.iri(study)
        for check, item, about, kind, text, outcome in checks + samples:
            rows.append(
                MatchRow(
                    study=iri,
                    study_id=study.id,
                    verdict=verdict,
                    sample_fit=fit,
                    check=check,
                    item=item,
                    about=about,
                    kind=kind,
                    text=text,
                    outcome=outcome,
                )
            )
    return sorted(rows, key=_order)


def _order(row: MatchRow) -> tuple[str, str, tuple[bool, str], tuple[bool, str]]:
    """SPARQL's order: unbound values first."""
    return (
        row.study,
        row.check,
        (row.item is not None, row.item or ""),
        (row.about is not None, row.about or ""),
    )


Check = tuple[str, str | None, str | None, CriterionKind | None, str | None, Outcome]
"""(check, item, about, kind, text, outcome), as in :class:`MatchRow`."""


def _criterion_checks(graph: EvidenceGraph, study: Study, profile: Profile) -> Iterator[Check]:
    criteria = list(graph.criteria(study.id))
    if not criteria:
        yield "criterion", None, None, None, None, Outcome.UNKNOWN
    for criterion in criteria:
        value = _value(graph, criterion, profile)
        if value is None:
            outcome = Outcome.UNKNOWN
        else:
            outcome = Outcome.ADMITS if criterion.admits(value) else Outcome.EXCLUDES
        rule = criterion.constraint
        about = rule.condition if isinstance(rule, ConditionConstraint) else rule.attribute.value
        yield "criterion", graph.iri(criterion), about, criterion.kind, criterion.text, outcome


def _value(
    graph: EvidenceGraph, criterion: Criterion, profile: Profile
) -> float | bool | str | None:
    """Return the profile's value for what the criterion constrains, or None if it is empty."""
    rule = criterion.constraint
    if isinstance(rule, RangeConstraint | EqualsConstraint):
        return {
            Attribute.AGE: profile.age,
            Attribute.MONTHS_SINCE_DIAGNOSIS: profile.months_since_diagnosis,
            Attribute.IN_TREATMENT: profile.in_treatment,
            Attribute.SEX: profile.sex,
        }[rule.attribute]
    if rule.condition == PSYCHOSIS:
        return profile.psychosis
    if rule.concept is None or profile.diagnosis is None:
        return None
    concept = graph.get(rule.concept, Concept)
    names = {concept.iri} | {
        match_iri(graph.base, match)
        for match in concept.matches
        if match.relation in _SAME_DIAGNOSIS
    }
    return profile.diagnosis in names


def _sample_checks(graph: EvidenceGraph, study: Study, profile: Profile) -> Iterator[Check]:
    samples = sorted(graph.samples(study.id), key=graph.iri)
    if not samples:
        yield "sample", None, None, None, None, Outcome.UNKNOWN
    for sample in samples:
        iri = graph.iri(sample)
        reported = False
        if sample.sex is not None:
            reported = True
            yield "sample", iri, "sex", None, sample.sex.value, _sex_fit(sample.sex, profile)
        if sample.age_min is not None or sample.age_max is not None:
            reported = True
            low = "" if sample.age_min is None else str(sample.age_min)
            high = "" if sample.age_max is None else str(sample.age_max)
            yield "sample", iri, "age", None, f"{low}–{high}", _age_fit(sample, profile)
        if not reported:
            yield "sample", iri, None, None, None, Outcome.UNKNOWN


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


def _study_fit(checks: list[Check]) -> Fit:
    by_sample: dict[str | None, list[Outcome]] = {}
    for _, item, *_, outcome in checks:
        by_sample.setdefault(item, []).append(outcome)
    fits = [
        Fit.OUTSIDE
        if Outcome.OUTSIDE in outcomes
        else Fit.UNKNOWN
        if Outcome.UNKNOWN in outcomes
        else Fit.WITHIN
        for outcomes in by_sample.values()
    ]
    if Fit.WITHIN in fits:
        return Fit.WITHIN
    return Fit.UNKNOWN if Fit.UNKNOWN in fits else Fit.OUTSIDE
