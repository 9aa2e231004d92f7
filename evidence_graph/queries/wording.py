"""A study's facts in words, as a reader is shown them: a work's citation, a sample, a rule.

The command line's ``show``, the drawings and the explorer page say these alike.
"""

from __future__ import annotations

from collections.abc import Iterator

from evidence_graph.graph import EvidenceGraph
from evidence_graph.models import (
    ConditionConstraint,
    Criterion,
    EqualsConstraint,
    RangeConstraint,
    Sample,
    Study,
    Work,
)
from evidence_graph.queries.eligibility import REASONS

__all__ = [
    "collection_period",
    "constraint_text",
    "sample_line",
    "study_facts",
    "subgroup_name",
    "work_label",
]


def work_label(graph: EvidenceGraph, work: Work) -> str:
    """Cite a work in a line: "Kverme, Natvik, Veseth & Moltu (2019), Title, Journal doi:…"."""
    names = [person.family_name or person.name for person in graph.authors(work)]
    byline = ", ".join(names[:-1]) + f" & {names[-1]}" if len(names) > 1 else "".join(names)
    year = work.issued.year if work.issued else work.year
    head = " ".join(part for part in (byline, f"({year})" if year else "") if part)
    parts = [head, work.title or "", work.container_title or ""]
    doi = f" doi:{work.doi}" if work.doi else ""
    return ", ".join(part for part in parts if part) + doi


def study_facts(study: Study) -> Iterator[tuple[str, str]]:
    """Yield the facts a study gives of how its sample came about, each as a name and a text."""
    setting = study.setting and f"{study.setting.value} setting"
    recruited = "; ".join(part for part in (study.recruitment_setting, setting) if part)
    if recruited:
        yield "recruited", recruited
    if study.sampling_strategy:
        yield "sampling", study.sampling_strategy
    where = study.data_collection_country and f"in {study.data_collection_country}"
    collected = " ".join(part for part in (collection_period(study), where) if part)
    if collected:
        yield "data collected", collected
    source = study.diagnosis_source and f"{study.diagnosis_source.value} diagnosis"
    diagnosis = "; ".join(part for part in (source, study.diagnosis_method) if part)
    if diagnosis:
        yield "diagnosis", diagnosis


def collection_period(study: Study) -> str | None:
    """The data-collection period, as the study gives it: '2016-03 to 2017', 'from 2016'."""
    start, end = study.data_collection_start, study.data_collection_end
    if start and end:
        return start if start == end else f"{start} to {end}"
    return (start and f"from {start}") or (end and f"until {end}")


def sample_line(graph: EvidenceGraph, sample: Sample) -> str:
    """Say who took part, e.g. "14 participants: 7 recovered, 7 not recovered; female"."""
    ages = ""
    if sample.age_min is not None and sample.age_max is not None:
        ages = f", aged {sample.age_min}–{sample.age_max}"
    sex = f" {sample.sex.value}" if sample.sex else ""
    more = f"; {sample.description}" if sample.description else ""
    parts = graph.subgroups(sample.id)
    if not parts:
        return f"{sample.size}{sex} participants{ages}{more}"
    groups = ", ".join(f"{part.size} {subgroup_name(part)}" for part in parts)
    facts = f"{sample.sex.value}{ages}" if sample.sex else ages.removeprefix(", ")
    return f"{sample.size} participants: {groups}" + (f"; {facts}" if facts else "") + more


def subgroup_name(sample: Sample) -> str:
    """Name a subgroup by its characteristic's value ("not recovered"), or its description."""
    found = sample.characteristic
    if found is None:
        return sample.description or sample.id
    if isinstance(found.value, bool):
        return f"{'' if found.value else 'not '}{found.attribute.value.replace('_', ' ')}"
    return found.value.value.replace("-", " ")


def constraint_text(criterion: Criterion) -> str:
    """Say a criterion's rule as the program checks it: "6 ≤ months_since_diagnosis ≤ 18"."""
    rule = criterion.constraint
    if rule is None:
        return REASONS["no constraint"]
    if isinstance(rule, RangeConstraint):
        low = "" if rule.min is None else f"{rule.min} ≤ "
        high = "" if rule.max is None else f" ≤ {rule.max}"
        return f"{low}{rule.attribute.value}{high}"
    if isinstance(rule, EqualsConstraint):
        value = rule.value if isinstance(rule.value, bool) else rule.value.value
        return f"{rule.attribute.value} = {str(value).lower()}"
    assert isinstance(rule, ConditionConstraint)  # noqa: S101 - the union is closed
    return f"condition {rule.condition}"
