"""Works and the people who wrote them."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Self

from pydantic import AfterValidator, BeforeValidator, Field, ValidationInfo, model_validator

from evidence_graph.ids import check_issn, check_pmcid, check_pmid, normalize_doi, normalize_orcid
from evidence_graph.models.base import IRI, PRIVATE, Entity, Frozen, NodeKind, Ref, Text, Unordered
from evidence_graph.models.references import Relation, refers

__all__ = ["Citation", "CitationIntent", "Person", "Work", "WorkType"]

DOI = Annotated[str, AfterValidator(normalize_doi)]
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def _not_a_number(value: object, info: ValidationInfo) -> object:
    """Refuse a number as a date: it would be read as seconds since 1970.

    Examples:
        >>> Work(id="w", type="journal-article", title="T", issued="2019-03-05").issued
        datetime.date(2019, 3, 5)
        >>> Work(id="w", type="journal-article", title="T", issued=2019)
        Traceback (most recent call last):
        ...
        pydantic_core._pydantic_core.ValidationError: 1 validation error for Work
        issued
          Value error, expected a date such as 2019-03-05, not the number 2019; a year alone ...
        ...
    """
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if number or (isinstance(value, str) and _NUMBER.fullmatch(value.strip())):
        alone = "a year alone goes in `year`" if info.field_name == "issued" else "the whole date"
        raise ValueError(f"expected a date such as 2019-03-05, not the number {value}; {alone}")
    return value


Date = Annotated[dt.date, BeforeValidator(_not_a_number)]
"""A date (2019-03-05); never a number, which pydantic would take for seconds since 1970."""
_ISBN_DIGITS = re.compile(r"\d{9}[\dX]|\d{13}")
_ISBN_FORM = re.compile(r"[\dX][\dX -]*")


def _check_isbn(value: str) -> str:
    """Return an ISBN (10 or 13 digits, hyphens or spaces between) if its check digit is right.

    Examples:
        >>> _check_isbn("978-0-19-852663-6")
        '978-0-19-852663-6'
    """
    text = value.strip().upper()
    digits = text.replace("-", "").replace(" ", "")
    expected = "expected 10 or 13 digits, e.g. '978-0-19-852663-6'"
    if not _ISBN_FORM.fullmatch(text) or not _ISBN_DIGITS.fullmatch(digits):
        raise ValueError(f"{value!r} is not an ISBN: {expected}")
    if len(digits) == 10:  # noqa: PLR2004 - ISBN-10
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
    else:
        total = sum((3 if i % 2 else 1) * int(c) for i, c in enumerate(digits))
    if total % (11 if len(digits) == 10 else 10):  # noqa: PLR2004
        raise ValueError(f"{value!r} is not an ISBN: its check digit is wrong")
    return text


ORCID = Annotated[str, AfterValidator(normalize_orcid)]


class WorkType(StrEnum):
    """The kinds of citable document (each a FaBiO class in RDF)."""

    JOURNAL_ARTICLE = "journal-article"
    MAGAZINE_ARTICLE = "magazine-article"
    BOOK = "book"
    BOOK_CHAPTER = "book-chapter"
    REPORT = "report"
    WEB_PAGE = "web-page"
    DATASET = "dataset"
    """Research data: a QDA project, or one of its sources, such as an interview transcript."""
    OTHER = "other"


class CitationIntent(StrEnum):
    """Why one work cites another (each a CiTO property in RDF)."""

    CITES = "cites"
    DISCUSSES = "discusses"
    INCLUDES_QUOTATION_FROM = "includes-quotation-from"
    CITES_AS_EVIDENCE = "cites-as-evidence"
    CITES_AS_DATA_SOURCE = "cites-as-data-source"
    CITES_AS_AUTHORITY = "cites-as-authority"
    CITES_FOR_INFORMATION = "cites-for-information"
    OBTAINS_BACKGROUND_FROM = "obtains-background-from"
    USES_METHOD_IN = "uses-method-in"
    EXTENDS = "extends"
    SUPPORTS = "supports"
    AGREES_WITH = "agrees-with"
    DISAGREES_WITH = "disagrees-with"
    CRITIQUES = "critiques"


class Person(Entity):
    """An author or investigator.

    A person with an ORCID iD *is* ``https://orcid.org/<id>`` in RDF.

    Examples:
        >>> Person(id="kverme", name="Britt Kverme").name
        'Britt Kverme'
    """

    node_kind = NodeKind.PERSON

    name: Text = Field(description="The name as the person writes it, e.g. 'Britt Kverme'.")
    given_name: str | None = Field(default=None, description="The given name, where known.")
    family_name: str | None = Field(default=None, description="The family name, where known.")
    orcid: ORCID | None = Field(
        default=None,
        description="The ORCID iD, bare or as an orcid.org IRI; its check digit is verified.",
    )
    affiliations: Annotated[tuple[Text, ...], Unordered] = Field(
        default=(),
        description="Affiliations as stated in the work, in order, e.g. a department and city.",
    )


class Citation(Frozen):
    """One work citing another, with the reasons why."""

    work: Annotated[
        Ref, refers(Relation.CITES, NodeKind.WORK, attributes={"intents": "intents"}, unique=True)
    ] = Field(description="The local id of the cited work.")
    intents: Annotated[tuple[CitationIntent, ...], Unordered] = Field(
        default=(CitationIntent.CITES,),
        min_length=1,
        description="Why it is cited: CiTO intents such as 'discusses' or 'cites-as-evidence'.",
    )


class Work(Entity):
    """A citable document: a paper, a magazine article, a book, a report, a web page.

    A work with a DOI *is* ``https://doi.org/<doi>`` in RDF (the DOI in lower case).

    Examples:
        >>> Work(id="paper", type="journal-article", title="T", doi="10.3389/FPSYG.2019.00430").doi
        '10.3389/fpsyg.2019.00430'
    """

    node_kind = NodeKind.WORK

    type: WorkType = Field(description="The kind of document, e.g. 'journal-article'.")
    title: Text | None = Field(default=None, description="The title, as published, if known.")
    authors: Annotated[
        tuple[Ref, ...],
        refers(
            Relation.AUTHORED_BY,
            NodeKind.PERSON,
            position="position",
            marks={"corresponding": "corresponding_authors"},
        ),
    ] = Field(
        default=(), description="The local ids of the authors (people), in the byline's order."
    )
    corresponding_authors: Annotated[
        tuple[Ref, ...], Unordered, refers(Relation.CORRESPONDING_AUTHOR, NodeKind.PERSON)
    ] = Field(
        default=(), description="The local ids of the corresponding authors, all among 'authors'."
    )
    doi: DOI | None = Field(
        default=None, description="The DOI, bare or as a doi.org IRI; stored in lower case."
    )
    pmid: Annotated[str, AfterValidator(check_pmid)] | None = Field(
        default=None, description="The PubMed id, e.g. '30873097'."
    )
    pmcid: Annotated[str, AfterValidator(check_pmcid)] | None = Field(
        default=None, description="The PubMed Central id, e.g. 'PMC6403141'."
    )
    container_title: str | None = Field(
        default=None, description="The journal or magazine the work appeared in."
    )
    issn: Annotated[str, AfterValidator(check_issn)] | None = Field(
        default=None, description="The ISSN of the journal, e.g. '1664-1078'."
    )
    section: str | None = Field(
        default=None, description="The journal's section, e.g. 'Psychology for Clinical Settings'."
    )
    publisher: str | None = Field(default=None, description="The publisher, where known.")
    volume: str | None = Field(default=None, description="The volume, e.g. '10'.")
    issue: str | None = Field(default=None, description="The issue number, where there is one.")
    article_number: str | None = Field(
        default=None, description="The article number of an online journal, e.g. '430'."
    )
    pages: str | None = Field(default=None, description="The page range, e.g. '553-564'.")
    issued: Date | None = Field(default=None, description="The date of publication.")
    year: int | None = Field(
        default=None,
        ge=1000,
        le=9999,
        description="The year of publication, where the full date is not known.",
    )
    received: Date | None = Field(
        default=None, description="The date the journal received the manuscript."
    )
    accepted: Date | None = Field(
        default=None, description="The date the journal accepted the manuscript."
    )
    license: IRI | None = Field(default=None, description="The IRI of the work's licence.")
    rights: str | None = Field(
        default=None,
        description="The licence or rights in the work's own words, e.g. where no IRI is known.",
    )
    keywords: Annotated[tuple[Text, ...], Unordered] = Field(
        default=(), description="The keywords given by the work."
    )
    url: IRI | None = Field(default=None, description="Where the work can be read, if known.")
    isbn: Annotated[str, AfterValidator(_check_isbn)] | None = Field(
        default=None,
        description="The ISBN of the book, or of the book the work is part of; its check digit "
        "is verified.",
    )
    abstract: str | None = Field(default=None, description="The abstract, as published.")
    note: str | None = Field(
        default=None, description="A note on the work, as a reference manager keeps it."
    )
    subjects: Annotated[tuple[Ref, ...], Unordered, refers(Relation.ABOUT, NodeKind.CONCEPT)] = (
        Field(default=(), description="The local ids of the concepts the work is about.")
    )
    cites: Annotated[tuple[Citation, ...], Unordered] = Field(
        default=(), description="The works this work cites, each with its CiTO intents."
    )
    text: str | None = Field(
        default=None,
        description="The full plain text of a source the study's quotes were coded in, such as "
        "an interview transcript. Private: exports leave it out unless asked to include sources.",
        json_schema_extra=PRIVATE,
    )

    @model_validator(mode="after")
    def _check_dates_and_authors(self) -> Self:
        if self.issued and self.year and self.issued.year != self.year:
            raise ValueError(
                f"year ({self.year}) is not the year of issued ({self.issued}): expected the same"
            )
        if self.received and self.accepted and self.received > self.accepted:
            raise ValueError(
                f"received ({self.received}) is after accepted ({self.accepted}): "
                "expected a manuscript to be received before it is accepted"
            )
        if self.accepted and self.issued and self.accepted > self.issued:
            raise ValueError(
                f"accepted ({self.accepted}) is after issued ({self.issued}): "
                "expected a work to be accepted before it is published"
            )
        if stray := [ref for ref in self.corresponding_authors if ref not in self.authors]:
            raise ValueError(
                f"corresponding_authors: {', '.join(stray)} expected among the authors"
            )
        if len(set(self.authors)) != len(self.authors):
            raise ValueError("authors: expected each id at most once")
        cited = [citation.work for citation in self.cites]
        if len(set(cited)) != len(cited):
            raise ValueError("cites: expected each cited work at most once")
        return self
