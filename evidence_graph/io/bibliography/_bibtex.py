"""BibTeX entries, parsed by bibtexparser, with LaTeX accents decoded."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bibtexparser import middlewares
from bibtexparser.entrypoint import parse_string
from bibtexparser.exceptions import BlockAbortedException
from bibtexparser.library import Library
from bibtexparser.middlewares.names import NameParts
from bibtexparser.model import (
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    ImplicitComment,
    MiddlewareErrorBlock,
    String,
)

from evidence_graph.exceptions import Problem, StudyFileError
from evidence_graph.io.bibliography._entries import (
    Author,
    Record,
    leave_out_unread,
    set_date,
    set_first,
    set_issn,
    unique,
)
from evidence_graph.io.bibliography._latex import decode_latex
from evidence_graph.io.bibliography._macros import Budget, ValueTooLongError, evaluate
from evidence_graph.io.text_files import file_error
from evidence_graph.models import WorkType

__all__ = ["bibtex_entries"]

_EXPECTED_BIBTEX = "expected BibTeX entries such as '@article{key, title = {...}, ...}'"
_BIBTEX_TYPES = {
    "article": WorkType.JOURNAL_ARTICLE,
    "book": WorkType.BOOK,
    "incollection": WorkType.BOOK_CHAPTER,
    "inbook": WorkType.BOOK_CHAPTER,
    "techreport": WorkType.REPORT,
    "report": WorkType.REPORT,
    "dataset": WorkType.DATASET,
}
# BibTeX fields whose LaTeX (accents, braces, '--') is decoded; identifiers, URLs and page
# ranges are taken as written, as LaTeX decoding would read a URL's '%' as a comment.
_BIBTEX_TEXT_FIELDS = (
    "title",
    "journal",
    "journaltitle",
    "booktitle",
    "publisher",
    "institution",
    "keywords",
    "abstract",
    "note",
)
_BIBTEX_AUTHOR_FIELD = "author"
_BIBTEX_SOURCES = (
    ("title", ("title",)),
    ("container_title", ("journal", "journaltitle", "booktitle")),
    ("publisher", ("publisher", "institution")),
    ("volume", ("volume",)),
    ("issue", ("number",)),
    ("article_number", ("eid", "article-number", "articleno")),
    ("doi", ("doi",)),
    ("pmid", ("pmid",)),
    ("pmcid", ("pmcid",)),
    ("url", ("url",)),
    ("isbn", ("isbn",)),
    ("abstract", ("abstract",)),
    ("note", ("note",)),
)
"""Each Work field read as it is written, and the BibTeX fields that give it, first first."""
# Every field read; the others (editor, month, address, file, ...) are named as left out.
_BIBTEX_READ = frozenset(
    {source for _, sources in _BIBTEX_SOURCES for source in sources}
    | {"pages", "issn", "keywords", "date", "year", "cites", _BIBTEX_AUTHOR_FIELD}
)
_FIELD_AFTER_ENTRY = re.compile(r"(?:^|,)\s*([A-Za-z][\w:.+-]*)\s*=", re.MULTILINE)


def bibtex_entries(path: Path, text: str) -> list[Record]:
    library = parse_string(text, parse_stack=[])
    problems = [_bibtex_failure(path, block) for block in library.failed_blocks]
    problems.extend(_resolve_values(path, library, Budget.for_text(text)))
    problems.extend(_lost_fields(path, library))
    if problems:
        raise StudyFileError(path, sorted(problems, key=lambda problem: problem.line or 0))
    for middleware in (middlewares.SeparateCoAuthors(), middlewares.SplitNameParts()):
        library = middleware.transform(library)
    if failed := library.failed_blocks:
        raise StudyFileError(path, [_bibtex_failure(path, block) for block in failed])
    if not library.entries:
        raise file_error(path, f"holds no entries; {_EXPECTED_BIBTEX}")
    decoder = middlewares.LatexDecodingMiddleware()
    return [_bibtex_entry(path, entry, decoder) for entry in library.entries]


def _line(start_line: int | None) -> int | None:
    """Return the 1-based line of a 0-based line number, as bibtexparser gives them."""
    return None if start_line is None else start_line + 1


def _resolve_values(path: Path, library: Library, budget: Budget) -> Iterator[Problem]:
    """Give each field and ``@string`` its text as BibTeX reads it (see :func:`evaluate`).

    Values that would pass the file's budget are refused: the first is reported, and no
    value after it is built.
    """
    macros: dict[str, str] = {}
    for block in library.blocks:
        if isinstance(block, String):
            try:
                block.value = macros[block.key.lower()] = evaluate(block.value, macros, budget)
            except ValueTooLongError as error:
                yield Problem(
                    ("@string", block.key), str(error), _line(block.start_line), None, path
                )
                return
            except ValueError as error:
                macros[block.key.lower()] = ""  # reported here, not again where it is used
                line = _line(block.start_line)
                yield Problem(("@string", block.key), str(error), line, None, path)
        elif isinstance(block, Entry):
            for item in block.fields:
                try:
                    item.value = evaluate(item.value, macros, budget)
                except ValueError as error:
                    place = (block.key, item.key)
                    yield Problem(place, str(error), _line(item.start_line), None, path)
                    if isinstance(error, ValueTooLongError):
                        return


def _lost_fields(path: Path, library: Library) -> Iterator[Problem]:
    """Report fields left outside their entry, which a stray closing brace ended early.

    BibTeX reads whatever stands between entries as a comment, so that ``@article{a, title =
    {T}}, year = 2004}`` is an entry without its year, and the year is lost in silence.
    """
    previous: Any = None
    for block in library.blocks:
        if isinstance(block, ImplicitComment) and isinstance(previous, Entry):
            names = _FIELD_AFTER_ENTRY.findall(block.comment)
            if names:
                lost = ", ".join(dict.fromkeys(names))
                message = (
                    f"the entry ends before its field(s) {lost}, which BibTeX would drop: a "
                    "closing brace ends it early; expected the braces of each value to balance"
                )
                yield Problem((previous.key,), message, _line(block.start_line), None, path)
        previous = block


def _bibtex_failure(path: Path, block: Any) -> Problem:
    line = _line(block.start_line)
    error = block.error
    if isinstance(block, DuplicateBlockKeyBlock):
        first = _line(block.previous_block.start_line)
        message = f"the key {block.key!r} is used twice (first on line {first}); expected it once"
        return Problem((block.key,), message, line, None, path)
    if isinstance(block, DuplicateFieldKeyBlock):
        keys = ", ".join(sorted(block.duplicate_keys))
        key = getattr(block.ignore_error_block, "key", None)
        message = f"the field(s) {keys} appear twice in one entry; expected each field once"
        return Problem((key,) if key else (), message, line, None, path)
    if isinstance(block, MiddlewareErrorBlock):
        key = getattr(block.ignore_error_block, "key", None)
        reason = str(error).removeprefix("Middleware could not be fully applied: ")
        message = f"the entry cannot be read: {reason}; expected authors joined by 'and'"
        return Problem((key,) if key else (), message, line, None, path)
    reason = error.abort_reason if isinstance(error, BlockAbortedException) else str(error)
    reason = " ".join(reason.split()).rstrip(".")
    return Problem((), f"is not valid BibTeX: {reason}; {_EXPECTED_BIBTEX}", line, None, path)


def _bibtex_entry(path: Path, entry: Entry, decoder: middlewares.LatexDecodingMiddleware) -> Record:
    kind = entry.entry_type.lower()
    values: dict[str, tuple[Any, int | None]] = {
        f.key.lower(): (f.value, _line(f.start_line)) for f in entry.fields
    }
    decoded = _decode_latex(path, entry, decoder)
    work_type = _BIBTEX_TYPES.get(kind, WorkType.OTHER)
    if kind in {"online", "misc"} and "url" in values:
        work_type = WorkType.WEB_PAGE
    subtype = values.get("entrysubtype", (None,))[0]
    read = _BIBTEX_READ
    if kind == "article" and isinstance(subtype, str) and subtype.strip().lower() == "magazine":
        work_type = WorkType.MAGAZINE_ARTICLE  # biblatex's subtype of @article
        read = read | {"entrysubtype"}
    result = Record(entry.key, _line(entry.start_line), work_type)

    def text(name: str) -> str | None:
        value = decoded.get(name, values.get(name, (None,))[0])
        return value if isinstance(value, str) else None

    def line(name: str) -> int | None:
        return values.get(name, (None, None))[1]

    for target, sources in _BIBTEX_SOURCES:
        set_first(result, target, [(source, text(source), line(source)) for source in sources])
    if pages := text("pages"):
        result.set("pages", pages.replace("--", "–"), "pages", line("pages"))
    if issn := text("issn"):
        set_issn(result, issn, "issn", line("issn"))
    if keywords := text("keywords"):
        result.set("keywords", unique(re.split(r"[,;]", keywords)), "keywords", line("keywords"))
    for source in ("date", "year"):
        if value := text(source):
            set_date(result, value, source, line(source))
    if cites := text("cites"):
        result.cites = [key.strip() for key in re.split(r"[,;]", cites) if key.strip()]
        result.places["cites"] = ("cites", line("cites"))
    fields = [(item.key.lower(), item.value, _line(item.start_line)) for item in entry.fields]
    leave_out_unread(result, fields, read)
    names = decoded.get(_BIBTEX_AUTHOR_FIELD)
    if isinstance(names, list):
        result.authors = names
        result.places["authors"] = (_BIBTEX_AUTHOR_FIELD, line(_BIBTEX_AUTHOR_FIELD))
    return result


def _decode_latex(
    path: Path, entry: Entry, decoder: middlewares.LatexDecodingMiddleware
) -> dict[str, Any]:
    r"""Decode the LaTeX of an entry's text fields and author names, e.g. ``F{\o}rde``."""
    names: list[str] = []
    texts: list[str] = []
    people: list[NameParts] = []
    for item in entry.fields:
        name = item.key.lower()
        if name in _BIBTEX_TEXT_FIELDS and isinstance(item.value, str):
            names.append(name)
            texts.append(item.value)
        elif name == _BIBTEX_AUTHOR_FIELD and isinstance(item.value, list):
            people.extend(item.value)
    for parts in people:
        texts.extend((*parts.first, *parts.von, *parts.last, *parts.jr))
    decoded_texts = decode_latex(decoder, texts)
    if isinstance(decoded_texts, str):
        message = f"its LaTeX cannot be decoded: {decoded_texts}; expected balanced braces"
        raise StudyFileError(
            path, [Problem((entry.key,), message, _line(entry.start_line), None, path)]
        )
    decoded: dict[str, Any] = {
        name: " ".join(value.split()) for name, value in zip(names, decoded_texts, strict=False)
    }
    words = iter(decoded_texts[len(names) :])
    authors = [_author(parts, words) for parts in people]
    if authors:
        decoded[_BIBTEX_AUTHOR_FIELD] = authors
    return decoded


def _author(parts: NameParts, words: Iterator[str]) -> Author:
    """Return an author from the parts of their name, taking the decoded words in order."""
    first, von, last, jr = (
        [next(words) for _ in part] for part in (parts.first, parts.von, parts.last, parts.jr)
    )
    whole = parts.last[0] if len(parts.last) == 1 else ""
    braced = not (parts.first or parts.von or parts.jr) and whole.startswith("{")
    given = " ".join(first) or None
    family = " ".join((*von, *last)) or None
    name = " ".join(part for part in (given, family) if part)
    if jr:
        name += ", " + " ".join(jr)
    if braced and whole.endswith("}"):  # a corporate author, e.g. {World Health Organization}
        given = family = None
    return Author(" ".join(name.split()), given, family)
