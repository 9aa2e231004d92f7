"""Studies, their samples, and the inclusion and exclusion criteria that shaped them."""

from __future__ import annotations

import datetime as dt
import math
import re
from enum import StrEnum
from typing import Annotated, Any, Literal, Self

from pydantic import BeforeValidator, Field, WithJsonSchema, field_validator, model_validator

from evidence_graph.models.base import IRI, Entity, Frozen, Id, NodeKind, Ref, Text, Unordered
from evidence_graph.models.references import Relation, refers

__all__ = [
    "ADULT_AGE",
    "Attribute",
    "ConditionConstraint",
    "Constraint",
    "Criterion",
    "CriterionKind",
    "DiagnosisSource",
    "EqualsConstraint",
    "PartialDate",
    "RangeConstraint",
    "RecoveryStatus",
    "Sample",
    "Setting",
    "Sex",
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


class Sex(StrEnum):
    """The sex of the participants of a sample, or of one person in a profile."""

    FEMALE = "female"
    MALE = "male"
    MIXED = "mixed"


class DiagnosisSource(StrEnum):
    """How a participant's diagnosis was established."""

    CLINICIAN_ASSESSED = "clinician-assessed"
    SELF_REPORTED = "self-reported"


class Setting(StrEnum):
    """Where participants were recruited or treated."""

    COMMUNITY = "community"
    OUTPATIENT = "outpatient"
    INPATIENT = "inpatient"
    FORENSIC = "forensic"


class RecoveryStatus(StrEnum):
    """Whether a participant counts as recovered, by the study's own definition."""

    RECOVERED = "recovered"
    NOT_RECOVERED = "not-recovered"


class CriterionKind(StrEnum):
    """Whether meeting a criterion lets a person in, or keeps them out."""

    INCLUSION = "inclusion"
    EXCLUSION = "exclusion"


class Attribute(StrEnum):
    """A property of a prospective participant that a criterion can constrain."""

    AGE = "age"
    """Age in years."""
    SEX = "sex"
    """Sex: 'female' or 'male'."""
    MONTHS_SINCE_DIAGNOSIS = "months_since_diagnosis"
    """Months since the diagnosis the study is about."""
    IN_TREATMENT = "in_treatment"
    """Whether the person is in treatment now: true or false."""
    DIAGNOSIS_SOURCE = "diagnosis_source"
    """How the diagnosis was established: 'clinician-assessed' or 'self-reported'."""
    SETTING = "setting"
    """Where the person was recruited: 'community', 'outpatient', 'inpatient' or 'forensic'."""
    RECOVERY_STATUS = "recovery_status"
    """Whether the person counts as recovered: 'recovered' or 'not-recovered'."""
    ADULT = "adult"
    """Whether the person is an adult, aged 18 or over: true or false."""


_NUMERIC = frozenset({Attribute.AGE, Attribute.MONTHS_SINCE_DIAGNOSIS})
_BOOLEAN = frozenset({Attribute.IN_TREATMENT, Attribute.ADULT})
_CHOICES: dict[Attribute, tuple[StrEnum, ...]] = {
    Attribute.SEX: (Sex.FEMALE, Sex.MALE),  # one person's sex: 'mixed' could admit nobody
    Attribute.DIAGNOSIS_SOURCE: tuple(DiagnosisSource),
    Attribute.SETTING: tuple(Setting),
    Attribute.RECOVERY_STATUS: tuple(RecoveryStatus),
}
"""The values an equals constraint may require of each attribute with a closed set of them."""

ADULT_AGE = 18
"""The age in years from which a person is an adult (:attr:`Attribute.ADULT`)."""


def _either(choices: tuple[StrEnum, ...]) -> str:
    """Return the values as a reader lists them: ``'a', 'b' or 'c'``."""
    quoted = [f"{choice.value!r}" for choice in choices]
    return f"{', '.join(quoted[:-1])} or {quoted[-1]}" if len(quoted) > 1 else quoted[0]


class RangeConstraint(Frozen):
    """A numeric attribute within bounds, both inclusive.

    Examples:
        >>> rule = RangeConstraint(attribute="months_since_diagnosis", min=6, max=18)
        >>> rule.holds(12), rule.holds(24)
        (True, False)
    """

    type: Literal["range"] = Field(default="range", description="The constraint's form.")
    attribute: Attribute = Field(
        description="A numeric attribute: 'age' or 'months_since_diagnosis'."
    )
    min: int | float | None = Field(default=None, description="The least value allowed.")
    max: int | float | None = Field(default=None, description="The greatest value allowed.")

    @field_validator("min", "max", mode="before")
    @classmethod
    def _check_number(cls, value: object) -> object:
        """Refuse what lax validation would turn into a bound: true/false, text, NaN or infinity."""
        finite = isinstance(value, int | float) and math.isfinite(value)
        if value is not None and (isinstance(value, bool) or not finite):
            raise ValueError(f"expected a finite number or nothing, not {value!r}")
        return value

    @model_validator(mode="after")
    def _check_bounds(self) -> Self:
        if self.attribute not in _NUMERIC:
            raise ValueError(
                f"attribute: a range needs a numeric attribute (age or months_since_diagnosis), "
                f"not {self.attribute.value!r}"
            )
        if self.min is None and self.max is None:
            raise ValueError("expected min, max or both")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(
                f"min ({self.min}) is greater than max ({self.max}): expected min <= max"
            )
        return self

    def holds(self, value: float) -> bool:
        """Return whether ``value`` lies within the bounds."""
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)


class EqualsConstraint(Frozen):
    """An attribute with one required value: ``in_treatment`` true, or ``setting`` community.

    Each attribute takes its own values: ``in_treatment`` and ``adult`` true or false, ``sex``
    'female' or 'male', ``diagnosis_source``, ``setting`` and ``recovery_status`` one of
    :class:`DiagnosisSource`, :class:`Setting` and :class:`RecoveryStatus`.

    Examples:
        >>> EqualsConstraint(attribute="in_treatment", value=True).holds(True)
        True
        >>> EqualsConstraint(attribute="setting", value="community").value
        <Setting.COMMUNITY: 'community'>
    """

    type: Literal["equals"] = Field(default="equals", description="The constraint's form.")
    attribute: Attribute = Field(
        description="The attribute: 'in_treatment', 'adult', 'sex', 'diagnosis_source', "
        "'setting' or 'recovery_status'."
    )
    value: bool | Sex | DiagnosisSource | Setting | RecoveryStatus = Field(
        description="The value required: true/false for 'in_treatment' and 'adult'; 'female' or "
        "'male' for 'sex'; 'clinician-assessed' or 'self-reported' for 'diagnosis_source'; "
        "'community', 'outpatient', 'inpatient' or 'forensic' for 'setting'; 'recovered' or "
        "'not-recovered' for 'recovery_status'."
    )

    @model_validator(mode="before")
    @classmethod
    def _check_value(cls, data: Any) -> Any:
        """Check the value against its attribute, and read it as that attribute's values."""
        if not isinstance(data, dict) or "value" not in data:
            return data
        try:
            attribute = Attribute(str(data.get("attribute")))
        except ValueError:
            return data  # the attribute's own check says what was expected
        value = data["value"]
        if attribute in _NUMERIC:
            raise ValueError(
                f"attribute: {attribute.value} is numeric; expected a range constraint"
            )
        if attribute in _BOOLEAN:
            if not isinstance(value, bool):
                raise ValueError(f"value: {attribute.value} expects true or false")
            return data
        choices = _CHOICES[attribute]
        found = next((c for c in choices if isinstance(value, str) and value == c.value), None)
        if found is None:
            raise ValueError(f"value: {attribute.value} expects {_either(choices)}")
        return {**data, "value": found}

    def holds(self, value: bool | str) -> bool:
        """Return whether ``value`` is the required one."""
        return value == self.value


class ConditionConstraint(Frozen):
    """Having (had) a condition, such as a BPD diagnosis or a psychosis.

    Examples:
        >>> ConditionConstraint(condition="psychosis").holds(True)
        True
    """

    type: Literal["condition"] = Field(default="condition", description="The constraint's form.")
    condition: Id = Field(description="A short name of the condition, e.g. 'psychosis'.")
    concept: Annotated[Ref | None, refers(Relation.ABOUT, NodeKind.CONCEPT)] = Field(
        default=None, description="The local id of the concept that names the condition, if any."
    )

    def holds(self, value: bool) -> bool:
        """Return whether a person who has (``True``) or lacks the condition meets it."""
        return value


Constraint = Annotated[
    RangeConstraint | EqualsConstraint | ConditionConstraint,
    Field(discriminator="type"),
]
"""A machine-checkable constraint, told apart by its ``type``."""


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
        raise ValueError(f"{expected}, not {shown!r}")
    year, month, day = found.groups()
    if month is not None and not 1 <= int(month) <= 12:  # noqa: PLR2004 - the months of a year
        raise ValueError(f"{expected}; {value!r} has no month {int(month)}")
    if day is not None:
        try:
            dt.date(int(year), int(month), int(day))
        except ValueError:
            raise ValueError(f"{expected}; {value!r} is not a day of the calendar") from None
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
    """Who took part in a study.

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
        default=None, ge=0, strict=True, description="The youngest participant's age in years."
    )
    age_max: int | None = Field(
        default=None, ge=0, strict=True, description="The oldest participant's age in years."
    )
    description: str | None = Field(
        default=None, description="Further characteristics as reported, e.g. 'recently diagnosed'."
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
