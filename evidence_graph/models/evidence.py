"""What studies found: themes, the participants' quotes under them, claims, and concepts."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Self

from pydantic import Field, PlainValidator, ValidationInfo, field_validator, model_validator

from evidence_graph.ids import check_reference
from evidence_graph.models.base import IRI, Entity, Frozen, NodeKind, Ref, Text, Unordered
from evidence_graph.models.references import Relation, refers

__all__ = [
    "CONTEXT_CHARS",
    "Claim",
    "ClaimKind",
    "Concept",
    "ConceptMatch",
    "MatchRelation",
    "Quote",
    "QuotePosition",
    "QuoteRole",
    "Theme",
    "ThemeKind",
]


def _one_parent(value: object) -> str:
    """Accept one theme id; a list is a second parent, which a theme tree does not allow."""
    if isinstance(value, list | tuple):
        raise ValueError(  # noqa: TRY004 - pydantic reports ValueError as a validation error
            f"expected the id of one parent theme, not a list of {len(value)} "
            f"({', '.join(map(str, value))}): a theme has at most one parent"
        )
    if not isinstance(value, str):
        raise ValueError(f"expected the id of the parent theme, not {type(value).__name__}")  # noqa: TRY004
    return check_reference(value)


_COLOR = re.compile(r"#([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})")


def _color(value: object) -> object:
    """Return a colour as ``#RRGGBB`` in capitals; ``#abc`` stands for ``#AABBCC``.

    Examples:
        >>> _color("#1f77b4"), _color("#abc")
        ('#1F77B4', '#AABBCC')
    """
    if not isinstance(value, str) or not _COLOR.fullmatch(value.strip()):
        raise ValueError(
            f"expected a colour as #RRGGBB (six hex digits, e.g. #1F77B4), not {value!r}"
        )
    digits = value.strip()[1:]
    if len(digits) == 3:  # noqa: PLR2004 - the short form
        digits = "".join(digit * 2 for digit in digits)
    return f"#{digits.upper()}"


Color = Annotated[str, PlainValidator(_color)]
"""A colour: ``#RRGGBB``, kept in capitals."""

CONTEXT_CHARS = 32
"""How many characters of the text around a coded span readers keep as a quote's prefix and
suffix."""


class ThemeKind(StrEnum):
    """What a study calls a node of its analytic structure."""

    THEME = "theme"
    SUB_THEME = "sub-theme"
    CATEGORY = "category"
    STAGE = "stage"
    PROCESS = "process"
    DOMAIN = "domain"
    GROUPING = "grouping"
    """A node that only gathers others, such as "Stages of recovery": its members are the
    themes whose parent it is."""


class Theme(Entity):
    """A node of a study's theme hierarchy: an overarching theme, a sub-theme, or a grouping.

    Siblings (the themes of one parent, or a study's overarching themes) come in the file's
    order: those with a number first, by number, then the rest in the order they are given.

    Examples:
        >>> Theme(id="daring-to-belong", study="s", label="Daring to Belong", parent="top").parent
        'top'
        >>> Theme(id="stages", study="s", label="Stages", kind="grouping", ordered=True).kind
        <ThemeKind.GROUPING: 'grouping'>
    """

    node_kind = NodeKind.THEME

    study: Annotated[Ref, refers(Relation.HAS_THEME, NodeKind.STUDY, inverse=True)] = Field(
        description="The local id of the study that found the theme."
    )
    label: Text = Field(description="The theme's name, as the study gives it.")
    alt_labels: Annotated[tuple[Text, ...], Unordered] = Field(
        default=(), description="Other names the sources give the theme."
    )
    definition: str | None = Field(default=None, description="What the theme is about.")
    facets: Annotated[tuple[Text, ...], Unordered] = Field(
        default=(), description="What the theme encompasses, e.g. 'feelings of belonging'."
    )
    number: int | None = Field(
        default=None, ge=1, description="The theme's number in the report's order, if numbered."
    )
    parent: Annotated[
        Annotated[str, PlainValidator(_one_parent)] | None,
        refers(Relation.SUBTHEME_OF, NodeKind.THEME),
    ] = Field(
        default=None,
        description="The local id of the overarching theme; empty for a top-level theme.",
    )
    kind: ThemeKind | None = Field(
        default=None,
        description="What the study calls the node: 'theme', 'sub-theme', 'category', 'stage', "
        "'process', 'domain', or 'grouping' (a node that only gathers others); empty if not "
        "given.",
    )
    ordered: bool = Field(
        default=False,
        description="Whether a grouping's members come in an order that matters (stages, say): "
        "by number, then as given. Only a grouping may be ordered.",
    )
    color: Color | None = Field(
        default=None,
        description="The colour a QDA tool shows the theme's code in, as #RRGGBB.",
    )

    @field_validator("ordered")
    @classmethod
    def _only_a_grouping(cls, ordered: bool, info: ValidationInfo) -> bool:
        if "kind" not in info.data:  # the kind is wrong, and said so
            return ordered
        kind = info.data["kind"]
        if ordered and kind is not ThemeKind.GROUPING:
            what = f"a {kind.value}" if kind else "a theme without a kind"
            raise ValueError(
                f"true on {what}; expected kind: grouping beside it, for only a grouping "
                "orders its members (or leave ordered out)"
            )
        return ordered


class QuoteRole(StrEnum):
    """How a quote bears on its theme."""

    SUPPORTING = "supporting"
    CONTRASTING = "contrasting"
    """A negative case: the participant's experience ran against the theme."""


class QuotePosition(Frozen):
    """Where a quote stands in the text of the work it was read in (character offsets)."""

    start: int = Field(ge=0, description="The offset of the quote's first character.")
    end: int = Field(ge=1, description="The offset just past the quote's last character.")

    @model_validator(mode="after")
    def _check_order(self) -> Self:
        if self.end <= self.start:
            raise ValueError(
                f"end ({self.end}) is not after start ({self.start}): expected start < end"
            )
        return self


class Quote(Entity):
    """A participant's words, verbatim, coded under one or more themes.

    The text is kept exactly as given: no whitespace is trimmed and no quotation mark changed.

    Examples:
        >>> Quote(
        ...     id="q1", study="s", text=" as given ", themes=("t",), read_in="w", appears_in="w"
        ... ).text
        ' as given '
    """

    node_kind = NodeKind.QUOTE

    study: Annotated[Ref, refers(Relation.FROM_STUDY, NodeKind.STUDY)] = Field(
        description="The local id of the study whose participant said it."
    )
    text: Text = Field(description="The words, verbatim, without the enclosing quotation marks.")
    themes: Annotated[
        tuple[Ref, ...],
        Unordered,
        refers(Relation.SUPPORTS, NodeKind.THEME, attributes={"role": "role"}),
    ] = Field(min_length=1, description="The local ids of the themes the quote is coded under.")
    role: QuoteRole = Field(
        default=QuoteRole.SUPPORTING,
        description="'supporting', or 'contrasting' for a negative case.",
    )
    read_in: Annotated[Ref, refers(Relation.QUOTED_IN, NodeKind.WORK)] = Field(
        description="The local id of the work the text was read in."
    )
    appears_in: Annotated[Ref, refers(Relation.APPEARS_IN, NodeKind.WORK)] = Field(
        description="The local id of the work the quote first appeared in."
    )
    speaker: str | None = Field(
        default=None,
        description="Who said it, as the work names them: 'P7', 'Participant 3' or a "
        "pseudonym, where it does.",
    )
    participant: Annotated[Ref | None, refers(Relation.SPOKEN_BY, NodeKind.PARTICIPANT)] = Field(
        default=None,
        description="The local id of the participant who said it: filled from 'speaker' when "
        "the quote's study declares a participant of that id or name.",
    )
    position: QuotePosition | None = Field(
        default=None, description="Where the text stands in the work it was read in."
    )
    prefix: str | None = Field(
        default=None,
        description="The text just before the quote in the work it was read in, which tells "
        "apart two places with the same words.",
    )
    suffix: str | None = Field(
        default=None, description="The text just after the quote in the work it was read in."
    )
    page: str | None = Field(
        default=None, description="The page of the work the text was read on, e.g. '7' or '7-8'."
    )
    coded_by: Annotated[Ref | None, refers(Relation.ATTRIBUTED_TO, NodeKind.CODER)] = Field(
        default=None, description="The local id of the coder who coded the text under its themes."
    )
    coded_at: dt.datetime | None = Field(
        default=None, description="When it was coded, as the QDA tool recorded it."
    )

    @model_validator(mode="after")
    def _check_themes(self) -> Self:
        if not self.text.strip():
            raise ValueError("text: expected words, not only white space")
        if self.speaker is not None and not self.speaker.strip():
            raise ValueError(
                "speaker: expected the speaker's name or id as the work gives it, "
                "not only white space"
            )
        position = self.position
        if position is not None and position.end - position.start != len(self.text):
            raise ValueError(
                f"position: {position.start}–{position.end} spans "
                f"{position.end - position.start} characters and the text {len(self.text)}; "
                "expected end - start to be the length of the text, in characters"
            )
        return self


class ClaimKind(StrEnum):
    """What a claim is, in the work that makes it."""

    FINDING = "finding"
    BACKGROUND = "background"
    LIMITATION = "limitation"


class Claim(Entity):
    """A statement a work makes, with the evidence behind it, if any.

    Examples:
        >>> Claim(id="c", statement="S", asserted_by="w", kind="background").evidence
        ()
    """

    node_kind = NodeKind.CLAIM

    statement: Text = Field(
        description="The claim: the work's own words where it states it in one sentence."
    )
    asserted_by: Annotated[Ref, refers(Relation.ASSERTS, NodeKind.WORK, inverse=True)] = Field(
        description="The local id of the work that makes the claim."
    )
    kind: ClaimKind = Field(description="'finding', 'background' or 'limitation'.")
    study: Annotated[Ref | None, refers(Relation.CONCERNS, NodeKind.STUDY)] = Field(
        default=None, description="The local id of the study the claim is about, if any."
    )
    evidence: Annotated[
        tuple[Ref, ...],
        Unordered,
        refers(Relation.EVIDENCED_BY, NodeKind.QUOTE, NodeKind.WORK),
    ] = Field(
        default=(), description="The local ids of the quotes or works the work offers for it."
    )
    candidate_sources: Annotated[
        tuple[Ref, ...], Unordered, refers(Relation.CANDIDATE_SOURCE, NodeKind.WORK)
    ] = Field(
        default=(),
        description="Works that may support the claim but that the asserting work does not cite.",
    )
    about: Annotated[tuple[Ref, ...], Unordered, refers(Relation.ABOUT, NodeKind.CONCEPT)] = Field(
        default=(), description="The local ids of concepts it is about."
    )
    evidence_not_transcribed: bool = Field(
        default=False,
        strict=True,
        description=(
            "Whether the asserting work gives evidence for the claim that is not transcribed "
            "here (its quotes or works are not in 'evidence'): true or false."
        ),
    )


class MatchRelation(StrEnum):
    """How closely another vocabulary's concept matches (each a SKOS mapping property)."""

    EXACT = "exact"
    CLOSE = "close"
    BROAD = "broad"
    NARROW = "narrow"
    RELATED = "related"


class ConceptMatch(Frozen):
    """A concept of another vocabulary and how it matches: by IRI, by code, or both."""

    relation: MatchRelation = Field(description="'exact', 'close', 'broad', 'narrow' or 'related'.")
    scheme: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")] = Field(
        description="The vocabulary, as a lower-case slug, e.g. 'wikidata' or 'icd-10-cm'."
    )
    code: str | None = Field(
        default=None,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$",
        description="The concept's code in that vocabulary, e.g. 'F60.3'.",
    )
    iri: IRI | None = Field(default=None, description="The concept's IRI, where it has one.")
    label: str | None = Field(default=None, description="The concept's name in that vocabulary.")
    note: str | None = Field(default=None, description="What a reader should know of the match.")

    @model_validator(mode="after")
    def _check_identified(self) -> Self:
        if self.iri is None and self.code is None:
            raise ValueError("expected an iri, a code or both")
        return self


class Concept(Entity):
    """A concept, named by its public IRI where it has one, with its matches in other vocabularies.

    A concept of a framework that has no IRI of its own (such as a process of the CHIME
    framework of personal recovery) belongs to a :class:`~evidence_graph.models.Scheme`.

    Examples:
        >>> Concept(id="bpd", iri="http://id.nlm.nih.gov/mesh/D001883", label="BPD").iri
        'http://id.nlm.nih.gov/mesh/D001883'
        >>> Concept(id="chime-identity", label="Identity", scheme="chime").iri is None
        True
    """

    node_kind = NodeKind.CONCEPT

    iri: IRI | None = Field(
        default=None,
        description="The concept's public IRI, e.g. MeSH's; empty for a concept minted here.",
    )
    label: Text = Field(description="The concept's preferred name.")
    notation: str | None = Field(default=None, description="Its code in its own vocabulary.")
    definition: str | None = Field(default=None, description="What the concept means.")
    scheme: Annotated[Ref | None, refers(Relation.IN_SCHEME, NodeKind.SCHEME)] = Field(
        default=None, description="The local id of the scheme (framework) it belongs to, if any."
    )
    matches: Annotated[tuple[ConceptMatch, ...], Unordered] = Field(
        default=(), description="The same or related concepts in other vocabularies."
    )
