"""What a participant is, and the constraints a criterion puts on it that a program can check."""

from __future__ import annotations

import math
from enum import StrEnum
from typing import Annotated, Any, Literal, Self

from pydantic import Field, ValidationInfo, field_validator, model_validator

from evidence_graph.display import quoted
from evidence_graph.models.base import Frozen, Id, NodeKind, Ref
from evidence_graph.models.references import Relation, refers

__all__ = [
    "ADULT_AGE",
    "MAX_AGE",
    "Attribute",
    "Characteristic",
    "ConditionConstraint",
    "Constraint",
    "DiagnosisSource",
    "EqualsConstraint",
    "RangeConstraint",
    "RecoveryStatus",
    "Setting",
    "Sex",
]


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

MAX_AGE = 150
"""The greatest age in years a sample, a criterion or a profile may give: older than anyone."""


def _either(choices: tuple[StrEnum, ...]) -> str:
    """Return the values as a reader lists them: ``'a', 'b' or 'c'``."""
    quoted = [f"{choice.value!r}" for choice in choices]
    return f"{', '.join(quoted[:-1])} or {quoted[-1]}" if len(quoted) > 1 else quoted[0]


def _accepted(attribute: Attribute, value: object) -> object | None:
    """Return a value as a non-numeric attribute takes it, or ``None`` if it takes no such value."""
    if attribute in _BOOLEAN:
        return value if isinstance(value, bool) else None
    choices = _CHOICES[attribute]
    return next((c for c in choices if isinstance(value, str) and value == c.value), None)


def _expected(attribute: Attribute) -> str:
    """Say which values a non-numeric attribute takes."""
    return "true or false" if attribute in _BOOLEAN else _either(_CHOICES[attribute])


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
            raise ValueError(f"expected a finite number or nothing, not {quoted(value)}")
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
        if self.attribute is Attribute.AGE:
            for name, bound in (("min", self.min), ("max", self.max)):
                if bound is not None and not 0 <= bound <= MAX_AGE:
                    raise ValueError(
                        f"{name}: expected an age in years from 0 to {MAX_AGE} (got {bound:g})"
                    )
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
        found = _accepted(attribute, value)
        if found is None:
            raise ValueError(f"value: {attribute.value} expects {_expected(attribute)}")
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
        if attribute in _NUMERIC:
            others = ", ".join(other for other in Attribute if other not in _NUMERIC)
            raise ValueError(
                f"{attribute.value} is numeric; describe a subgroup by its ages with age_min "
                f"and age_max, and choose one of: {others}"
            )
        return attribute

    @field_validator("value", mode="before")
    @classmethod
    def _check_value(cls, value: object, info: ValidationInfo) -> object:
        attribute = info.data.get("attribute")
        if attribute is None:  # the attribute is refused already: no value can be checked
            return False
        found = _accepted(attribute, value)
        if found is None:
            raise ValueError(
                f"{attribute.value} expects {_expected(attribute)}, not {quoted(value)}"
            )
        return found
