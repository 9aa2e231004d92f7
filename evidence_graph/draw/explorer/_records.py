"""The records of a study as the explorer page holds them: study, samples, criteria, themes, quotes.

Each record is a plain JSON object of the entity's facts, empty fields left out, naming other
entities by their node ids (unique in a graph). Lists come sorted by IRI, or in tree order for
a theme's sub-themes, so the same graph gives the same records whatever order it was loaded in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any

from evidence_graph.graph import EvidenceGraph
from evidence_graph.models import (
    Criterion,
    Participant,
    Quote,
    Sample,
    Study,
    Theme,
)
from evidence_graph.queries.wording import constraint_text, subgroup_name

__all__ = [
    "Record",
    "compact",
    "criterion_record",
    "maybe_id",
    "node_id",
    "participant_record",
    "quote_record",
    "sample_record",
    "sorted_records",
    "study_record",
    "theme_record",
    "value_of",
]

Record = dict[str, Any]
"""One entity's facts, as the page's JSON holds them."""


def compact(fields: Mapping[str, Any]) -> Record:
    """Return the fields without the empty ones (``None``, ``False``, empty lists and text).

    Examples:
        >>> compact({"a": 1, "b": None, "c": [], "d": 0, "e": False})
        {'a': 1, 'd': 0}
    """
    return {
        key: value
        for key, value in fields.items()
        if value is not None and value is not False and value not in ([], "")
    }


def node_id(graph: EvidenceGraph, ref: str) -> str:
    """Return the node id of the entity a reference names (its id in the page's records)."""
    return str(graph.graph.nodes[graph.iri(ref)]["id"])


def maybe_id(graph: EvidenceGraph, ref: str | None) -> str | None:
    """Return the node id of the entity a reference names, or ``None`` for no reference."""
    return None if ref is None else node_id(graph, ref)


def value_of(choice: StrEnum | None) -> str | None:
    """Return the value of a choice (an enumerated member), or ``None`` for none.

    Examples:
        >>> from evidence_graph.models import Sex
        >>> value_of(Sex.FEMALE), value_of(None)
        ('female', None)
    """
    return None if choice is None else choice.value


def _ids(graph: EvidenceGraph, refs: Iterable[str]) -> list[str]:
    """Return the node ids of the entities named, sorted by their IRIs."""
    return [graph.graph.nodes[iri]["id"] for iri in sorted(graph.iri(ref) for ref in refs)]


def sorted_records(graph: EvidenceGraph, entities: Iterable[Any], build: Any) -> list[Record]:
    """Return ``build(graph, entity)`` of each entity, in the order of their IRIs."""
    ordered = sorted(entities, key=graph.iri)
    return [build(graph, entity) for entity in ordered]


def study_record(graph: EvidenceGraph, study: Study) -> Record:
    """Return a study's record: design, methods, how its sample came about, and its parts."""
    samples = [sample for sample in graph.samples(study) if sample.part_of is None]
    return compact(
        {
            "id": study.id,
            "label": study.label,
            "design": study.design.value,
            "reported_in": _ids(graph, study.reported_in),
            "data_collection": list(study.data_collection),
            "analysis": study.analysis,
            "analysis_concept": study.analysis_concept,
            "lead": maybe_id(graph, study.lead_investigator),
            "institution": study.institution,
            "country": study.country,
            "conditions": _ids(graph, study.conditions),
            "recruitment_setting": study.recruitment_setting,
            "setting": value_of(study.setting),
            "sampling_strategy": study.sampling_strategy,
            "collected_from": study.data_collection_start,
            "collected_until": study.data_collection_end,
            "collected_in": study.data_collection_country,
            "diagnosis_source": value_of(study.diagnosis_source),
            "diagnosis_method": study.diagnosis_method,
            "samples": _ids(graph, (sample.id for sample in samples)),
            "criteria": _ids(graph, (criterion.id for criterion in graph.criteria(study))),
            "themes": [theme.id for theme in graph.top_themes(study)],
        }
    )


def sample_record(graph: EvidenceGraph, sample: Sample) -> Record:
    """Return a sample's record: size, sex, ages, and its subgroups (by IRI)."""
    shared = None if sample.characteristic is None else subgroup_name(sample)
    return compact(
        {
            "id": sample.id,
            "study": node_id(graph, sample.study),
            "size": sample.size,
            "sex": value_of(sample.sex),
            "age_min": sample.age_min,
            "age_max": sample.age_max,
            "description": sample.description,
            "part_of": maybe_id(graph, sample.part_of),
            "characteristic": shared,
            "subgroups": _ids(graph, (part.id for part in graph.subgroups(sample))),
        }
    )


def participant_record(graph: EvidenceGraph, person: Participant) -> Record:
    """Return a participant's record: name, sample and characteristics."""
    return compact(
        {
            "id": person.id,
            "study": node_id(graph, person.study),
            "name": person.name,
            "sample": maybe_id(graph, person.sample),
            "traits": [[trait.name, str(trait.value)] for trait in person.characteristics],
        }
    )


def criterion_record(graph: EvidenceGraph, criterion: Criterion) -> Record:
    """Return a criterion's record: inclusion or exclusion, its words and its constraint."""
    return compact(
        {
            "id": criterion.id,
            "study": node_id(graph, criterion.study),
            "kind": criterion.kind.value,
            "text": criterion.text,
            "constraint": None if criterion.constraint is None else constraint_text(criterion),
            "stated_in": maybe_id(graph, criterion.stated_in),
        }
    )


def theme_record(graph: EvidenceGraph, theme: Theme) -> Record:
    """Return a theme's record: its words, its place in the tree and the quotes under it."""
    iri = graph.iri(theme)
    return compact(
        {
            "id": theme.id,
            "study": node_id(graph, theme.study),
            "label": theme.label,
            "alt_labels": list(theme.alt_labels),
            "definition": theme.definition,
            "facets": list(theme.facets),
            "number": theme.number,
            "kind": value_of(theme.kind),
            "ordered": theme.ordered,
            "parent": maybe_id(graph, theme.parent),
            "children": [child.id for child in graph.subthemes(iri)],
            "quotes": _ids(graph, (quote.id for quote in graph.quotes(iri))),
        }
    )


def quote_record(graph: EvidenceGraph, quote: Quote) -> Record:
    """Return a quote's record: the words, who said them, their themes and their work."""
    person = None if quote.participant is None else graph.get(quote.participant, Participant)
    subgroup = None if person is None else person.sample
    return compact(
        {
            "id": quote.id,
            "study": node_id(graph, quote.study),
            "text": quote.text,
            "role": quote.role.value,
            "themes": _ids(graph, quote.themes),
            "speaker": quote.speaker,
            "participant": None if person is None else person.id,
            "subgroup": maybe_id(graph, subgroup),
            "read_in": node_id(graph, quote.read_in),
            "appears_in": node_id(graph, quote.appears_in),
            "page": quote.page,
        }
    )
