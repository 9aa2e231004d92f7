"""Studies, their samples, and the inclusion and exclusion criteria that shaped them."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Self

from pydantic import (
    BeforeValidator,
    Field,
    WithJsonSchema,
    model_validator,
)

from evidence_graph.display import quoted
from evidence_graph.models.base import IRI, Entity, NodeKind, Ref, Text, Unordered
from evidence_graph.models.characteristics import (
    MAX_AGE,
    Characteristic,
    Constraint,
    DiagnosisSource,
    Setting,
    Sex,
)
from evidence_graph.models.references import Relation, refers

__all__ = [
    "Criterion",
    "CriterionKind",
    "PartialDate",
    "Sample",
    "Study",
    "StudyDesign",
]


class StudyDesign(StrEnum):
    """The broad design of a study."""

    QUALITATIVE = "qualitative"
    QUANTITATIVE = "quantitative"
    MIXED_METHODS = "mixed-methods"
    SYSTEMATIC_REVIEW = "systematic-review"
    OTHER = "other"


class CriterionKind(StrEnum):
    """Whether meeting a criterion lets a person in, or keeps them out."""

    INCLUSION = "inclusion"
    EXCLUSION = "exclusion"


_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _partial_date(value: object) -> object:
    """Return a year, year-month or date as its ISO 8601 text: 2016, '2016-03', '2016-03-14'."""
    expected = "expected a year (2016), a year and month (2016-03) or a date (2016-03-14)"
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    found = _PARTIAL_DATE.fullmatch(text.strip()) if isinstance(text, str) else None
    if found is None:
        shown = value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value
        raise ValueError(f"{expected}, not {quoted(shown)}")
    year, month, day = found.groups()
    if month is not None and not 1 <= int(month) <= 12:  # noqa: PLR2004 - the months of a year
        raise ValueError(f"{expected}; {quoted(value)} has no month {int(month)}")
    if day is not None:
        try:
            dt.date(int(year), int(month), int(day))
        except ValueError:
            raise ValueError(f"{expected}; {quoted(value)} is not a day of the calendar") from None
    return found[0]


PartialDate = Annotated[
    str,
    BeforeValidator(_partial_date),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1000, "maximum": 9999},
                {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
            ],
            "examples": [2016, "2016-03", "2016-03-14"],
        }
    ),
]
"""A year, a year and month or a date, as ISO 8601 text: ``2016``, ``2016-03``, ``2016-03-14``."""


class Study(Entity):
    """A research activity, reported in one or more works.

    Examples:
        >>> Study(id="s", design="qualitative", reported_in=("paper",)).design.value
        'qualitative'
    """

    node_kind = NodeKind.STUDY

    label: str | None = Field(default=None, description="A short name for the study.")
    design: StudyDesign = Field(description="The broad design, e.g. 'qualitative'.")
    reported_in: Annotated[
        tuple[Ref, ...], Unordered, refers(Relation.REPORTED_IN, NodeKind.WORK)
    ] = Field(min_length=1, description="The local ids of the works that report the study.")
    data_collection: Annotated[tuple[Text, ...], Unordered] = Field(
        default=(), description="How data were collected, e.g. 'individual in-depth interviews'."
    )
    analysis: str | None = Field(
        default=None, description="How the data were analysed, in the report's words."
    )
    lead_investigator: Annotated[Ref | None, refers(Relation.LED_BY, NodeKind.PERSON)] = Field(
        default=None, description="The local id of the person who led the study."
    )
    institution: str | None = Field(default=None, description="Where the study was led from.")
    country: str | None = Field(default=None, description="The country of that institution.")
    conditions: Annotated[tuple[Ref, ...], Unordered, refers(Relation.ABOUT, NodeKind.CONCEPT)] = (
        Field(default=(), description="The local ids of the concepts the study is about, e.g. BPD.")
    )
    analysis_concept: IRI | None = Field(
        default=None,
        description="The IRI of the analysis method's concept in a vocabulary, beside 'analysis'.",
    )
    recruitment_setting: str | None = Field(
        default=None,
        description="Where participants were recruited, as reported, e.g. 'a community sample'.",
    )
    setting: Setting | None = Field(
        default=None,
        description="Where participants were recruited: 'community', 'outpatient', 'inpatient' "
        "or 'forensic'.",
    )
    sampling_strategy: str | None = Field(
        default=None, description="How participants were sampled, as reported, e.g. 'purposive'."
    )
    data_collection_start: PartialDate | None = Field(
        default=None,
        description="When data collection began: a year, year-month or date (2016, 2016-03).",
    )
    data_collection_end: PartialDate | None = Field(
        default=None,
        description="When data collection ended: a year, year-month or date (2017-06-30).",
    )
    data_collection_country: str | None = Field(
        default=None, description="The country where the data were collected, e.g. 'Norway'."
    )
    diagnosis_source: DiagnosisSource | None = Field(
        default=None,
        description="How participants' diagnoses were established: 'clinician-assessed' or "
        "'self-reported'.",
    )
    diagnosis_method: str | None = Field(
        default=None,
        description="How the diagnosis was established, as reported, e.g. 'SCID-II interview'.",
    )

    @model_validator(mode="after")
    def _check_period(self) -> Self:
        start, end = self.data_collection_start, self.data_collection_end
        if start is not None and end is not None:
            common = min(len(start), len(end))  # compared to the coarser of the two
            if end[:common] < start[:common]:
                raise ValueError(
                    f"data_collection_end ({end}) is before data_collection_start ({start}): "
                    "expected an end on or after the start"
                )
        return self


class Sample(Entity):
    """Who took part in a study, or a subgroup of them.

    Examples:
        >>> Sample(id="p", study="s", size=12, age_min=36, age_max=21)
        Traceback (most recent call last):
        ...
        pydantic_core._pydantic_core.ValidationError: 1 validation error for Sample
        ...
    """

    node_kind = NodeKind.SAMPLE

    study: Annotated[Ref, refers(Relation.HAS_SAMPLE, NodeKind.STUDY, inverse=True)] = Field(
        description="The local id of the study."
    )
    size: int = Field(ge=1, strict=True, description="How many took part: a whole number >= 1.")
    sex: Sex | None = Field(default=None, description="The participants' sex, where reported.")
    age_min: int | None = Field(
        default=None,
        ge=0,
        le=MAX_AGE,
        strict=True,
        description="The youngest participant's age in years, from 0 to 150.",
    )
    age_max: int | None = Field(
        default=None,
        ge=0,
        le=MAX_AGE,
        strict=True,
        description="The oldest participant's age in years, from 0 to 150.",
    )
    description: str | None = Field(
        default=None, description="Further characteristics as reported, e.g. 'recently diagnosed'."
    )
    part_of: Annotated[Ref | None, refers(Relation.PART_OF, NodeKind.SAMPLE)] = Field(
        default=None,
        description="For a subgroup: the local id of the sample of the same study it is part of.",
    )
    characteristic: Characteristic | None = Field(
        default=None,
        description="For a subgroup: the characteristic its members share, e.g. "
        "{attribute: recovery_status, value: recovered}.",
    )

    @model_validator(mode="after")
    def _check_ages(self) -> Self:
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            raise ValueError(
                f"age_min ({self.age_min}) is greater than age_max ({self.age_max}): "
                "expected age_min <= age_max"
            )
        return self


class Criterion(Entity):
    """An inclusion or exclusion rule of a study, as reported, and where it can be, as checked.

    A criterion without a ``constraint`` ("recruited from a community sample", worded so that no
    attribute says it) is recorded as stated; no program checks it, so it never admits anyone.

    Examples:
        >>> rule = Criterion(
        ...     id="no-psychosis",
        ...     study="s",
        ...     kind="exclusion",
        ...     text="had not experienced psychosis",
        ...     constraint={"type": "condition", "condition": "psychosis"},
        ... )
        >>> rule.admits(True), rule.admits(False)
        (False, True)
    """

    node_kind = NodeKind.CRITERION

    study: Annotated[Ref, refers(Relation.HAS_CRITERION, NodeKind.STUDY, inverse=True)] = Field(
        description="The local id of the study."
    )
    kind: CriterionKind = Field(
        description="'inclusion' (must be met) or 'exclusion' (must not be met)."
    )
    text: Text = Field(description="The criterion as stated in its source.")
    constraint: Constraint | None = Field(
        default=None,
        description="The same rule in a form a program can check; left out when it has none.",
    )
    stated_in: Annotated[Ref | None, refers(Relation.STATED_IN, NodeKind.WORK)] = Field(
        default=None, description="The local id of the work whose words 'text' are."
    )

    def admits(self, value: float | bool | str) -> bool:
        """Return whether a person with this attribute value passes the criterion.

        Raises:
            ValueError: If the criterion has no constraint: nothing can be checked against it.
        """
        if self.constraint is None:
            raise ValueError(f"criterion {self.id!r} has no constraint to check a value against")
        holds = self.constraint.holds(value)  # type: ignore[arg-type]
        return holds if self.kind is CriterionKind.INCLUSION else not holds
