"""Writing the works of a corpus as BibTeX and as CSL-JSON, which read back as the same works.

Each work becomes one entry, in the order of the works' ids, keyed by its id; its authors are
listed in the byline's order. Every entry is read back with the readers of this package as it
is written, so what is written imports back to the same works, field for field (see
:data:`NOT_WRITTEN` for what the formats do not carry); a value that the format cannot carry
as it is raises a :class:`~evidence_graph.exceptions.NotWritableError` (a ``ValueError``)
naming the work and the field.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from evidence_graph.display import quoted
from evidence_graph.exceptions import NotWritableError, StudyFileError
from evidence_graph.graph import EvidenceGraph
from evidence_graph.ids import ORCID_PREFIX
from evidence_graph.io.bibliography._bibtex import bibtex_entries
from evidence_graph.io.bibliography._csl import csl_entries
from evidence_graph.io.bibliography._entries import Author, Record
from evidence_graph.models import Corpus, Person, Work, WorkType

__all__ = ["NOT_WRITTEN", "SPACED", "check_read_back", "to_bibtex", "to_csl_json", "works_of"]

NOT_WRITTEN: tuple[str, ...] = (
    "accepted",
    "corresponding_authors",
    "license",
    "received",
    "rights",
    "section",
    "subjects",
)
"""The Work fields that neither BibTeX nor CSL-JSON as written here carries.

Beside them: the white space of an abstract or a note, which BibTeX (and RIS) carry as
single spaces; ``year`` where ``issued`` is given (it is the year of ``issued``); the intents
of a citation (a cited work reads back as cited with the intent ``cites``); a person's id and
affiliations (the reader makes ids from names); a person's ``name`` where they have a family
name (it reads back as the given and family names joined), and the given name of a person
without a family name (they are written by ``name`` alone). BibTeX does not carry ORCID iDs;
a magazine article is an ``@article`` with biblatex's ``entrysubtype = {magazine}``, and a
web page without a URL and any other work is a ``@misc``, which reads back as a web page when
it has a URL and as "other" when it has none.
"""

_BIBTEX_TYPES = {
    WorkType.JOURNAL_ARTICLE: "article",
    WorkType.MAGAZINE_ARTICLE: "article",
    WorkType.BOOK: "book",
    WorkType.BOOK_CHAPTER: "incollection",
    WorkType.REPORT: "techreport",
    WorkType.WEB_PAGE: "misc",
    WorkType.DATASET: "dataset",
    WorkType.OTHER: "misc",
}
_CSL_TYPES = {
    WorkType.JOURNAL_ARTICLE: "article-journal",
    WorkType.MAGAZINE_ARTICLE: "article-magazine",
    WorkType.BOOK: "book",
    WorkType.BOOK_CHAPTER: "chapter",
    WorkType.REPORT: "report",
    WorkType.WEB_PAGE: "webpage",
    WorkType.DATASET: "dataset",
    WorkType.OTHER: "document",
}
# What LaTeX (and so the reader's LaTeX decoding) would misread in text, and how to write it.
_LATEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
}
_LATEX_SPECIAL = re.compile(r"[\\{}%&$#_~]")
# Ligatures that LaTeX makes of two characters: '--' (en dash), '``' and "''" (quotes),
# '!`' and '?`' (inverted marks); an empty group between the two keeps them apart.
_LIGATURE = re.compile(r"(?<=-)(?=-)|(?<=`)(?=`)|(?<=')(?=')|(?<=[!?])(?=`)")
_AND = re.compile(r"(?i)(?:^|\s)and(?:\s|$)")
_COMPARED = (
    "title",
    "container_title",
    "publisher",
    "volume",
    "issue",
    "article_number",
    "pages",
    "doi",
    "pmid",
    "pmcid",
    "url",
    "issn",
    "keywords",
    "issued",
    "year",
    "isbn",
    "abstract",
    "note",
)
SPACED = frozenset({"abstract", "note"})
"""The fields that BibTeX and RIS carry with their white space made single spaces."""


def to_bibtex(source: Corpus | EvidenceGraph) -> str:
    r"""Return the works of a corpus (or an evidence graph) as BibTeX, UTF-8 text.

    Text is written as LaTeX that the reader decodes back (``\%``, ``\{``, ...); titles
    are braced whole, so that no style changes their case.

    Raises:
        ValueError: If a work holds a value that BibTeX cannot carry as it is (e.g. a line
            break or a run of spaces in a title, a comma in a keyword), naming the work and
            the field.

    Examples:
        >>> from evidence_graph import load
        >>> print(to_bibtex(load("kverme2019")).splitlines()[0])
        @article{kverme2019-paper,
    """
    entries = [_checked_bibtex(work, authors, ids) for work, authors, ids in works_of(source)]
    return "\n".join(entries)


def to_csl_json(source: Corpus | EvidenceGraph) -> str:
    """Return the works of a corpus (or an evidence graph) as CSL-JSON, with a final newline.

    Raises:
        ValueError: If a work holds a value that CSL-JSON as read here cannot carry as it is
            (e.g. white space at the end of a title, a comma in a keyword), naming the work
            and the field.

    Examples:
        >>> import json
        >>> from evidence_graph import load
        >>> json.loads(to_csl_json(load("kverme2019")))[0]["type"]
        'article-journal'
    """
    items = [_checked_csl(work, authors, ids) for work, authors, ids in works_of(source)]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


# -- the works ---------------------------------------------------------------------------------


def works_of(source: Corpus | EvidenceGraph) -> Iterator[tuple[Work, list[Person], list[str]]]:
    """Yield each work, by id, with its authors in byline order and the ids of what it cites."""
    if not isinstance(source, Corpus | EvidenceGraph):
        raise TypeError(f"expected a Corpus or an EvidenceGraph, got {type(source).__name__}")
    graph = EvidenceGraph.of(source)
    for work in sorted(graph.works(), key=lambda work: work.id):
        cited = sorted(citation.work for citation in work.cites)
        yield work, graph.authors(work), cited


def _expected_fields(work: Work, spaced: frozenset[str]) -> dict[str, Any]:
    """Return the fields of a work as the reader gives them back."""
    fields: dict[str, Any] = {
        name: getattr(work, name)
        for name in _COMPARED
        if name not in {"keywords", "issued", "year"} and getattr(work, name) is not None
    }
    for name in spaced & fields.keys():
        fields[name] = " ".join(fields[name].split())
    if work.keywords:
        fields["keywords"] = list(work.keywords)
    if work.issued:
        fields["issued"] = work.issued.isoformat()
    elif work.year:
        fields["year"] = work.year
    return fields


def _carried(person: Person, *, orcid: bool) -> Author:
    """Return a person as the formats carry them: by family and given name, else by name."""
    iri = f"{ORCID_PREFIX}{person.orcid}" if orcid and person.orcid else None
    if person.family_name:
        name = " ".join(part for part in (person.given_name, person.family_name) if part)
        return Author(name, person.given_name, person.family_name, iri)
    return Author(person.name, None, None, iri)


def check_read_back(
    work: Work,
    authors: list[Person],
    cited: list[str],
    record: Record,
    *,
    orcid: bool,
    form: str,
    spaced: frozenset[str] = frozenset(),
    skipped: frozenset[str] = frozenset(),
) -> None:
    """Raise ``ValueError`` unless ``record`` (the entry read back) gives the work again.

    The fields named in ``spaced`` are compared with their white space made single spaces;
    those named in ``skipped``, which the format does not carry, are not compared.
    """
    expected = _expected_fields(work, spaced)
    for name in _COMPARED:
        if name in skipped:
            continue
        if record.fields.get(name) != expected.get(name):
            source = record.places.get(name, (name,))[0]
            shown = f" (as {source!r})" if source != name else ""
            raise NotWritableError(
                f"work {work.id!r}: {form} cannot carry its {name}{shown} "
                f"{quoted(expected.get(name))} as it is; it would read back as "
                f"{quoted(record.fields.get(name))}"
            )
    carried = [_carried(person, orcid=orcid) for person in authors]
    earlier: dict[tuple[str, str | None, str | None], set[str | None]] = {}
    for person, author in zip(authors, carried, strict=True):
        names = (author.name, author.given, author.family)
        orcids = earlier.setdefault(names, set())
        # told apart only if both have ORCID iDs, and different ones
        if orcids and (author.orcid is None or None in orcids or author.orcid in orcids):
            raise NotWritableError(
                f"work {work.id!r}: {form} cannot tell its author {person.id!r} from an earlier "
                f"author of the same name {quoted(author.name)}"
            )
        orcids.add(author.orcid)
    if record.authors != carried:
        read = next(
            (
                i
                for i, pair in enumerate(zip(record.authors, carried, strict=False))
                if pair[0] != pair[1]
            ),
            min(len(record.authors), len(carried)),
        )
        who = f"author {authors[read].id!r} " if read < len(authors) else "authors "
        raise NotWritableError(
            f"work {work.id!r}: {form} cannot carry the name of its {who}as it is "
            f"(expected {quoted(carried[read : read + 1])}, it would read back as "
            f"{quoted(record.authors[read : read + 1])})"
        )
    if record.cites != cited:
        raise NotWritableError(f"work {work.id!r}: {form} cannot carry the works it cites {cited}")


# -- BibTeX ------------------------------------------------------------------------------------


def _latex(text: str) -> str:
    """Return text as LaTeX that decodes back to it."""
    escaped = _LATEX_SPECIAL.sub(lambda match: _LATEX_ESCAPES[match[0]], text)
    return _LIGATURE.sub("{}", escaped)


def _name_part(text: str) -> str:
    """Return part of a name as LaTeX, braced if a comma or 'and' would split it."""
    latex = _latex(text)
    return f"{{{latex}}}" if "," in text or _AND.search(text) else latex


def _bibtex_name(person: Person) -> str:
    if not person.family_name:
        return f"{{{_latex(person.name)}}}"  # one author, e.g. {World Health Organization}
    family = _name_part(person.family_name)
    if person.given_name:
        return f"{family}, {_name_part(person.given_name)}"
    return family if len(person.family_name.split()) == 1 else f"{family}, {{}}"


def _bibtex_fields(work: Work, authors: list[Person], cited: list[str]) -> list[tuple[str, str]]:
    """Return the fields of a work's entry, each as BibTeX name and braced value."""
    fields: list[tuple[str, str]] = []

    def add(name: str, value: str | None, encode: Callable[[str], str] = str) -> None:
        if value is not None:
            fields.append((name, "{" + encode(value) + "}"))

    if authors:
        fields.append(("author", "{" + " and ".join(map(_bibtex_name, authors)) + "}"))
    add("title", work.title, lambda title: "{" + _latex(title) + "}")
    if work.type is WorkType.MAGAZINE_ARTICLE:  # biblatex's subtype of @article
        add("entrysubtype", "magazine")
    container = "booktitle" if work.type is WorkType.BOOK_CHAPTER else "journal"
    add(container, work.container_title, _latex)
    add("institution" if work.type is WorkType.REPORT else "publisher", work.publisher, _latex)
    add("volume", work.volume)
    add("number", work.issue)
    add("eid", work.article_number)
    add("pages", work.pages and work.pages.replace("–", "--"))
    year = work.issued.year if work.issued else work.year
    add("year", None if year is None else str(year))
    add("date", work.issued.isoformat() if work.issued else None)
    add("doi", work.doi)
    add("pmid", work.pmid)
    add("pmcid", work.pmcid)
    add("url", work.url)
    add("issn", work.issn)
    add("keywords", ", ".join(_latex(keyword) for keyword in work.keywords) or None)
    add("isbn", work.isbn)
    add("abstract", work.abstract and " ".join(work.abstract.split()), _latex)
    add("note", work.note and " ".join(work.note.split()), _latex)
    add("cites", ", ".join(cited) or None)
    return fields


def _bibtex_entry(work: Work, fields: list[tuple[str, str]]) -> str:
    lines = [f"@{_BIBTEX_TYPES[work.type]}{{{work.id},"]
    lines.extend(f"  {name} = {value}," for name, value in fields)
    return "\n".join([*lines, "}"]) + "\n"


def _checked_bibtex(work: Work, authors: list[Person], cited: list[str]) -> str:
    fields = _bibtex_fields(work, authors, cited)
    entry = _bibtex_entry(work, fields)
    place = Path(f"<BibTeX of {work.id}>")
    try:
        (record,) = bibtex_entries(place, entry)
    except StudyFileError as error:
        for name, value in fields:  # the field that BibTeX cannot parse, alone
            try:
                bibtex_entries(place, _bibtex_entry(work, [(name, value)]))
            except StudyFileError:
                raise NotWritableError(
                    f"work {work.id!r}: BibTeX cannot carry its field {name!r} as it is: "
                    f"{error.problems[0].message}"
                ) from None
        raise NotWritableError(f"work {work.id!r}: cannot be written as BibTeX: {error}") from None
    check_read_back(work, authors, cited, record, orcid=False, form="BibTeX", spaced=SPACED)
    return entry


# -- CSL-JSON ----------------------------------------------------------------------------------


def _csl_name(person: Person) -> dict[str, str]:
    name = (
        {
            "family": person.family_name,
            **({"given": person.given_name} if person.given_name else {}),
        }
        if person.family_name
        else {"literal": person.name}
    )
    if person.orcid:
        name["ORCID"] = f"{ORCID_PREFIX}{person.orcid}"
    return name


def _csl_item(work: Work, authors: list[Person], cited: list[str]) -> dict[str, Any]:
    item: dict[str, Any] = {"id": work.id, "type": _CSL_TYPES[work.type]}
    if authors:
        item["author"] = [_csl_name(person) for person in authors]
    texts = (
        ("title", work.title),
        ("container-title", work.container_title),
        ("publisher", work.publisher),
        ("volume", work.volume),
        ("issue", work.issue),
        ("article-number", work.article_number),
        ("page", work.pages),
    )
    item.update((key, value) for key, value in texts if value is not None)
    if work.issued:
        item["issued"] = {"date-parts": [[work.issued.year, work.issued.month, work.issued.day]]}
    elif work.year:
        item["issued"] = {"date-parts": [[work.year]]}
    ids = (
        ("DOI", work.doi),
        ("PMID", work.pmid),
        ("PMCID", work.pmcid),
        ("URL", work.url),
        ("ISSN", work.issn),
        ("ISBN", work.isbn),
        ("abstract", work.abstract),
        ("note", work.note),
    )
    item.update((key, value) for key, value in ids if value is not None)
    if work.keywords:
        item["keyword"] = ", ".join(work.keywords)
    if cited:
        item["cites"] = cited
    return item


def _checked_csl(work: Work, authors: list[Person], cited: list[str]) -> dict[str, Any]:
    item = _csl_item(work, authors, cited)
    place = Path(f"<CSL-JSON of {work.id}>")
    (record,) = csl_entries(place, json.dumps([item], ensure_ascii=False))
    check_read_back(work, authors, cited, record, orcid=True, form="CSL-JSON")
    return item
