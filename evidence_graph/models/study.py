"""Studies, their samples, and the inclusion and exclusion criteria that shaped them."""

from __future__ import annotations

import math
from enum import StrEnum
from typing import Annotated, Literal, Self

from pydantic import Field, ValidationInfo, field_validator, model_validator

from evidence_graph.models.base import Entity, Frozen, Id, NodeKind, Ref, Text, Unordered
from evidence_graph.models.references import Relation, refers

__all__ = [
    "Attribute",
    "Characteristic",
    "ConditionConstraint",
    "Constraint",
    "Criterion",
    "CriterionKind",
    "DiagnosisSource",
    "EqualsConstraint",
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
    """An attribute with one required value: ``in_treatment`` true, or ``sex`` female.

    Examples:
        >>> EqualsConstraint(attribute="in_treatment", value=True).holds(True)
        True
    """

    type: Literal["equals"] = Field(default="equals", description="The constraint's form.")
    attribute: Attribute = Field(description="The attribute: 'in_treatment' or 'sex'.")
    value: bool | Sex = Field(description="The value required: true/false, or a sex.")

    @model_validator(mode="after")
    def _check_value_type(self) -> Self:
        if self.attribute is Attribute.IN_TREATMENT and not isinstance(self.value, bool):
            raise ValueError("value: in_treatment expects true or false")
        if self.attribute is Attribute.SEX and (
            not isinstance(self.value, Sex) or self.value is Sex.MIXED
        ):  # one person's sex: a criterion of sex 'mixed' could admit nobody
            raise ValueError("value: sex expects 'female' or 'male'")
        if self.attribute in _NUMERIC:
            raise ValueError(
                f"attribute: {self.attribute.value} is numeric; expected a range constraint"
            )
        return self

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


_CHARACTERISTIC_VALUES: dict[Attribute, type[StrEnum] | type[bool]] = {
    Attribute.SEX: Sex,
    Attribute.IN_TREATMENT: bool,
    Attribute.DIAGNOSIS_SOURCE: DiagnosisSource,
    Attribute.SETTING: Setting,
    Attribute.RECOVERY_STATUS: RecoveryStatus,
    Attribute.ADULT: bool,
}
"""The values each attribute that can define a subgroup takes."""


def _expected_values(attribute: Attribute) -> str:
    kind = _CHARACTERISTIC_VALUES[attribute]
    if kind is bool:
        return "true or false"
    names = [repr(member.value) for member in kind if member is not Sex.MIXED]
    return f"{', '.join(names[:-1])} or {names[-1]}"


class Characteristic(Frozen):
    """The characteristic that defines a subgroup, such as recovery status: recovered.

    Examples:
        >>> Characteristic(attribute="recovery_status", value="recovered").value
        <RecoveryStatus.RECOVERED: 'recovered'>
        >>> Characteristic(attribute="recovery_status", value="yes")
        Traceback (most recent call last):
        ...
        pydantic_core._pydantic_core.ValidationError: 1 validation error for Characteristic
        value
          Value error, recovery_status expects 'recovered' or 'not-recovered', not 'yes' ...
    """

    attribute: Attribute = Field(
        description="The attribute that all of the subgroup share, e.g. 'recovery_status'; "
        "not a numeric one (give age_min and age_max for ages)."
    )
    value: bool | Sex | DiagnosisSource | Setting | RecoveryStatus = Field(
        description="The value they share: true/false, or one of the attribute's values, "
        "e.g. 'recovered'."
    )

    @field_validator("attribute")
    @classmethod
    def _check_attribute(cls, attribute: Attribute) -> Attribute:
        if attribute not in _CHARACTERISTIC_VALUES:
            raise ValueError(
                f"{attribute.value} is numeric; describe a subgroup by its ages with age_min "
                f"and age_max, and choose one of: {', '.join(_CHARACTERISTIC_VALUES)}"
            )
        return attribute

    @field_validator("value", mode="before")
    @classmethod
    def _check_value(cls, value: object, info: ValidationInfo) -> object:
        attribute = info.data.get("attribute")
        if attribute is None:  # the attribute is refused already: no value can be checked
            return False
        kind = _CHARACTERISTIC_VALUES[attribute]
        if kind is bool and isinstance(value, bool):
            return value
        if kind is not bool and isinstance(value, str) and value != Sex.MIXED:
            try:
                return kind(value)
            except ValueError:
                pass
        raise ValueError(f"{attribute.value} expects {_expected_values(attribute)}, not {value!r}")


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
        default=None, ge=0, strict=True, description="The youngest participant's age in years."
    )
    age_max: int | None = Field(
        default=None, ge=0, strict=True, description="The oldest participant's age in years."
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
    """An inclusion or exclusion rule of a study, with a constraint a program can check.

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
    constraint: Constraint = Field(description="The same rule in a form a program can check.")
    stated_in: Annotated[Ref | None, refers(Relation.STATED_IN, NodeKind.WORK)] = Field(
        default=None, description="The local id of the work whose words 'text' are."
    )

    def admits(self, value: float | bool | str) -> bool:
        """Return whether a person with this attribute value passes the criterion."""
        holds = self.constraint.holds(value)  # type: ignore[arg-type]
        return holds if self.kind is CriterionKind.INCLUSION else not holds
