"""The typed rows that questions answer with, and the profile that ``studies_matching`` takes.

Every row is flat: IRIs, texts, numbers and enumerated values, nothing nested, so the same
row comes from Python and from SPARQL and prints as a table, CSV or JSON alike. IRIs name the
nodes; ``*_id`` fields give their local ids for reading.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any, Self

from pydantic import Field, model_validator

from evidence_graph.models import (
    MAX_AGE,
    CitationIntent,
    ClaimKind,
    CriterionKind,
    DiagnosisSource,
    MatchRelation,
    NodeKind,
    QuoteRole,
    RecoveryStatus,
    Setting,
    Sex,
    ThemeKind,
)
from evidence_graph.models.base import Frozen

__all__ = [
    "AboutRow",
    "CitationRow",
    "CountRow",
    "EvidenceRow",
    "Fit",
    "MappedRow",
    "MatchRow",
    "Outcome",
    "Profile",
    "QuoteRow",
    "Row",
    "SearchRow",
    "ThemeRow",
    "UnsupportedReason",
    "UnsupportedRow",
    "Verdict",
]


class Row(Frozen):
    """The base of every answer's row."""

    @classmethod
    def known(cls, rows: Iterable[dict[str, Any]]) -> list[Self]:
        """Return the rows of values that validation would keep as they are, not validating them.

        A question builds its rows from the graph's models, whose values are validated already:
        each value is what the field holds (an enum member, not its text; ``None`` where empty),
        so validating it again would give the same rows, at three times the cost. Each row gives
        every field, in the order the row type declares them (the order its ``repr`` shows).

        Examples:
            >>> [row] = CountRow.known([{"kind": NodeKind.WORK, "count": 3}])
            >>> row == CountRow(kind="work", count=3)
            True
        """
        built = []
        for values in rows:
            row = _new(cls)
            _set(row, "__dict__", values)
            _set(row, "__pydantic_fields_set__", set(values))
            _set(row, "__pydantic_extra__", None)
            _set(row, "__pydantic_private__", None)
            built.append(row)
        return built


_new = object.__new__
_set = object.__setattr__


class QuoteRow(Row):
    """A quote coded under a theme asked for (or one of its sub-themes)."""

    quote: str = Field(description="The quote's IRI.")
    quote_id: str = Field(description="The quote's local id.")
    text: str = Field(description="The participant's words, verbatim.")
    role: QuoteRole = Field(description="'supporting', or 'contrasting' for a negative case.")
    theme: str = Field(description="The IRI of the theme it is coded under.")
    theme_label: str = Field(description="That theme's label.")
    study: str = Field(description="The IRI of the study whose participant said it.")
    study_id: str = Field(description="That study's local id.")
    work: str = Field(description="The IRI of the work the quote first appeared in.")
    doi: str | None = Field(default=None, description="That work's DOI, if it has one.")
    speaker: str | None = Field(
        default=None, description="Who said it, as the work names them, if it does."
    )
    subgroup: str | None = Field(
        default=None,
        description="The IRI of the sample or subgroup the speaker belongs to, where the study "
        "declares the speaker as a participant of one.",
    )
    subgroup_id: str | None = Field(default=None, description="That sample's local id.")


class MappedRow(Row):
    """A theme under a concept (or another study's theme) by a mapping, with one of its quotes.

    Each mapping gives a row for every quote coded under the mapped theme or a theme below it,
    and a row with no quote for each of those themes that has none.
    """

    target: str = Field(description="The IRI of the concept or theme mapped to.")
    target_id: str = Field(description="Its local id.")
    target_label: str = Field(description="Its label.")
    target_kind: NodeKind = Field(description="'concept' or 'theme'.")
    mapping_id: str = Field(description="The mapping's local id.")
    relation: MatchRelation = Field(
        description="How the target matches the theme: 'exact', 'close', 'broad' (the target is "
        "broader), 'narrow' or 'related'."
    )
    justification: str = Field(description="Why, in the mapper's words.")
    study: str = Field(description="The IRI of the study whose theme is mapped.")
    study_id: str = Field(description="That study's local id.")
    theme: str = Field(description="The IRI of the theme mapped.")
    theme_id: str = Field(description="Its local id.")
    theme_label: str = Field(description="Its label.")
    under: str = Field(
        description="The IRI of the theme the quote is coded under: the mapped "
        "theme or one below it."
    )
    under_id: str = Field(description="Its local id.")
    under_label: str = Field(description="Its label.")
    quote: str | None = Field(default=None, description="The quote's IRI; empty for none.")
    quote_id: str | None = Field(default=None, description="The quote's local id.")
    text: str | None = Field(default=None, description="The participant's words, verbatim.")
    role: QuoteRole | None = Field(
        default=None, description="'supporting', or 'contrasting' for a negative case."
    )


class ThemeRow(Row):
    """A theme of a study's theme tree, with how many quotes stand under it."""

    theme: str = Field(description="The theme's IRI.")
    theme_id: str = Field(description="The theme's local id.")
    label: str = Field(description="The theme's label.")
    number: int | None = Field(default=None, description="Its number in the report, if any.")
    kind: ThemeKind | None = Field(
        default=None,
        description="What the study calls it ('stage', 'process', 'grouping', ...), if it says.",
    )
    position: int | None = Field(
        default=None,
        description="Its place among the members of an ordered grouping, from 1; empty for a "
        "theme that is not a member of one.",
    )
    parent: str | None = Field(default=None, description="The overarching theme's IRI, if any.")
    depth: int = Field(description="0 for an overarching theme, 1 for its sub-themes, and so on.")
    quotes: int = Field(description="How many quotes are coded directly under the theme.")
    quotes_with_subthemes: int = Field(
        description="How many different quotes are coded under it or any theme below it."
    )
    study: str = Field(description="The IRI of the study.")
    study_id: str = Field(description="The study's local id.")


class Verdict(StrEnum):
    """Whether a profile meets a study's criteria."""

    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not-eligible"
    UNKNOWN = "unknown"


class Outcome(StrEnum):
    """What one check of a profile says."""

    ADMITS = "admits"
    """The criterion lets the profile in."""
    EXCLUDES = "excludes"
    """The criterion keeps the profile out."""
    WITHIN = "within"
    """The profile lies within what the sample reports."""
    OUTSIDE = "outside"
    """The profile lies outside what the sample reports."""
    UNKNOWN = "unknown"
    """The profile, or the study, does not say."""


class Fit(StrEnum):
    """Whether a profile lies within a study's reported sample."""

    WITHIN = "within"
    OUTSIDE = "outside"
    UNKNOWN = "unknown"


class MatchRow(Row):
    """One reason behind a study's verdict on a profile: a criterion, or a sample characteristic.

    ``verdict`` and ``sample_fit`` repeat on every row of the study. Every sample has a row for
    each characteristic compared (``sex``, ``age``), whether or not it reports it; each row
    that is ``unknown`` says why in ``reason``.
    """

    study: str = Field(description="The study's IRI.")
    study_id: str = Field(description="The study's local id.")
    verdict: Verdict = Field(description="Whether the profile meets the study's criteria.")
    sample_fit: Fit = Field(description="Whether the profile lies within a sample of the study.")
    sample_fit_detail: str = Field(
        description="The fit in words, for the first sample (by IRI) whose fit it is: each "
        "characteristic and why it is unknown, e.g. 'sex within; age unknown: the sample "
        "reports no ages', led by the sample's id when the study has several."
    )
    check: str = Field(description="'criterion' or 'sample'.")
    item: str | None = Field(
        default=None,
        description="The criterion's or the sample's IRI; empty when the study has none.",
    )
    about: str | None = Field(
        default=None,
        description="What is checked: the criterion's attribute or condition, or 'age' / 'sex'; "
        "empty for a criterion without a constraint.",
    )
    kind: CriterionKind | None = Field(
        default=None, description="For a criterion, 'inclusion' or 'exclusion'."
    )
    text: str | None = Field(
        default=None,
        description="The criterion as stated, or the sample's reported value (e.g. '21–36').",
    )
    outcome: Outcome = Field(description="What this check says of the profile.")
    reason: str | None = Field(
        default=None,
        description="Why the outcome is unknown, e.g. 'not machine-checkable', 'the profile "
        "does not say', 'the sample reports no ages'; empty otherwise.",
    )


class EvidenceRow(Row):
    """One link of the chain behind a claim: claim → quote → theme → study → work."""

    claim: str = Field(description="The claim's IRI.")
    claim_id: str = Field(description="The claim's local id.")
    statement: str = Field(description="The claim.")
    asserted_by: str = Field(description="The IRI of the work that makes the claim.")
    evidence: str | None = Field(
        default=None, description="The IRI of a quote or work offered for it; empty if none."
    )
    evidence_kind: NodeKind | None = Field(default=None, description="'quote' or 'work'.")
    text: str | None = Field(
        default=None, description="The quote's words, or the work's title, where it has one."
    )
    role: QuoteRole | None = Field(default=None, description="For a quote, its role.")
    theme: str | None = Field(default=None, description="For a quote, a theme it is coded under.")
    theme_label: str | None = Field(default=None, description="That theme's label.")
    study: str | None = Field(default=None, description="For a quote, the study's IRI.")
    work: str | None = Field(
        default=None,
        description="The work the evidence comes from: the quote's first appearance, or itself.",
    )
    doi: str | None = Field(default=None, description="That work's DOI, if it has one.")


class CitationRow(Row):
    """A citation from one work of the corpus to another, with one of its intents."""

    citing: str = Field(description="The citing work's IRI.")
    citing_title: str | None = Field(default=None, description="The citing work's title.")
    citing_doi: str | None = Field(default=None, description="The citing work's DOI.")
    cited: str = Field(description="The cited work's IRI.")
    cited_title: str | None = Field(default=None, description="The cited work's title.")
    cited_doi: str | None = Field(default=None, description="The cited work's DOI.")
    intent: CitationIntent = Field(description="Why the work is cited (a CiTO property).")


class SearchRow(Row):
    """A quote, or a theme label, that contains the words searched for."""

    match: NodeKind = Field(description="'quote' or 'theme': where the words were found.")
    item: str = Field(description="The quote's or the theme's IRI.")
    item_id: str = Field(description="Its local id.")
    text: str = Field(description="The quote's words, or the theme's label that matched.")
    theme: str = Field(description="The theme's IRI (for a quote, a theme it is coded under).")
    theme_label: str = Field(description="That theme's label.")
    study: str = Field(description="The IRI of the study.")
    study_id: str = Field(description="The study's local id.")


class UnsupportedReason(StrEnum):
    """Why a claim stands here without evidence."""

    NO_EVIDENCE_OFFERED = "no-evidence-offered"
    """The work that makes the claim offers no evidence for it."""
    NOT_TRANSCRIBED = "not-transcribed"
    """The work offers evidence for it that is not transcribed here."""


class UnsupportedRow(Row):
    """A claim without evidence here, with why, and with one of its candidate sources, if any."""

    claim: str = Field(description="The claim's IRI.")
    claim_id: str = Field(description="The claim's local id.")
    statement: str = Field(description="The claim.")
    kind: ClaimKind = Field(description="'finding', 'background' or 'limitation'.")
    asserted_by: str = Field(description="The IRI of the work that makes the claim.")
    reason: UnsupportedReason = Field(
        description=(
            "'no-evidence-offered' (the work offers none) or 'not-transcribed' (it offers "
            "evidence that is not transcribed here)."
        )
    )
    candidate: str | None = Field(
        default=None, description="The IRI of a work that may support it; empty if none is known."
    )
    candidate_title: str | None = Field(default=None, description="That work's title.")
    candidate_doi: str | None = Field(default=None, description="That work's DOI.")


class AboutRow(Row):
    """Something linked to a concept: a work, study, criterion or claim about it."""

    concept: str = Field(description="The concept's IRI.")
    concept_label: str = Field(description="The concept's label.")
    via: str = Field(
        description=(
            "How what was asked for names the concept: 'concept' for the concept itself, or the "
            "match ('exact', 'close', 'broad', 'narrow', 'related')."
        )
    )
    item: str = Field(description="The IRI of what is about the concept.")
    item_id: str = Field(description="Its local id.")
    item_kind: NodeKind = Field(description="'work', 'study', 'criterion' or 'claim'.")
    label: str | None = Field(
        default=None,
        description="Its title, label, criterion text or statement, where it has one.",
    )


class CountRow(Row):
    """How many entities of one kind the graph holds."""

    kind: NodeKind = Field(description="The kind of entity.")
    count: int = Field(description="How many there are.")


class Profile(Frozen):
    """A prospective participant (or a patient) to hold against studies' criteria and samples.

    Every field may be left empty; a check that needs it is then 'unknown', never admitting or
    excluding. ``age`` also answers whether the person is an adult (18 or over).

    Examples:
        >>> Profile(sex="female", age=25, months_since_diagnosis=12).age
        25.0
        >>> Profile(setting="community", diagnosis_source="self-reported").setting
        <Setting.COMMUNITY: 'community'>
    """

    sex: Sex | None = Field(default=None, description="'female' or 'male'.")
    age: float | None = Field(
        default=None, ge=0, le=MAX_AGE, allow_inf_nan=False, description="In years, 0 to 150."
    )
    months_since_diagnosis: float | None = Field(
        default=None, ge=0, allow_inf_nan=False, description="Months since the diagnosis."
    )
    in_treatment: bool | None = Field(default=None, description="Whether in treatment now.")
    psychosis: bool | None = Field(default=None, description="Whether ever psychotic.")
    diagnosis: str | None = Field(
        default=None,
        description="The diagnosis, as a concept's IRI or one of its matches' IRIs.",
    )
    diagnosis_source: DiagnosisSource | None = Field(
        default=None,
        description="How the diagnosis was established: 'clinician-assessed' or 'self-reported'.",
    )
    setting: Setting | None = Field(
        default=None,
        description="Where recruited or treated: 'community', 'outpatient', 'inpatient' or "
        "'forensic'.",
    )
    recovery_status: RecoveryStatus | None = Field(
        default=None, description="'recovered' or 'not-recovered'."
    )

    @model_validator(mode="after")
    def _check_sex(self) -> Self:
        if self.sex is Sex.MIXED:
            raise ValueError("sex: one person's sex is 'female' or 'male', not 'mixed'")
        return self
