"""CSL-JSON items, as Zotero and Crossref export them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from evidence_graph.exceptions import Problem, StudyFileError
from evidence_graph.io.bibliography._entries import (
    Author,
    Record,
    first_text,
    leave_out_unread,
    set_date,
    set_date_parts,
    set_issn,
    unique,
)
from evidence_graph.io.text_files import file_error, parse_json
from evidence_graph.io.yaml_files import compose_yaml
from evidence_graph.models import WorkType

__all__ = ["csl_entries"]

_EXPECTED_CSL = "expected CSL-JSON: a list of objects, each with 'id', 'type' and 'title'"
_CSL_SOURCES = (
    ("title", "title"),
    ("container_title", "container-title"),
    ("publisher", "publisher"),
    ("volume", "volume"),
    ("issue", "issue"),
    ("article_number", "article-number"),
    ("pages", "page"),
    ("doi", "DOI"),
    ("pmid", "PMID"),
    ("pmcid", "PMCID"),
    ("url", "URL"),
    ("isbn", "ISBN"),
    ("abstract", "abstract"),
    ("note", "note"),
)
"""Each Work field read as it is written, and the CSL-JSON variable that gives it."""
# Every variable read; the others (editor, translator, language, ...) are named as left out.
_CSL_READ = frozenset(
    {source for _, source in _CSL_SOURCES}
    | {"id", "type", "ISSN", "keyword", "issued", "cites", "author"}
)
_CSL_TYPES = {
    "article-journal": WorkType.JOURNAL_ARTICLE,
    "article-magazine": WorkType.MAGAZINE_ARTICLE,
    "book": WorkType.BOOK,
    "chapter": WorkType.BOOK_CHAPTER,
    "report": WorkType.REPORT,
    "webpage": WorkType.WEB_PAGE,
    "dataset": WorkType.DATASET,
}


def csl_entries(path: Path, text: str) -> list[Record]:
    data = parse_json(path, text, _EXPECTED_CSL)
    lines = _json_lines(text)
    if not isinstance(data, list):
        raise file_error(path, f"holds {_json_type(data)} at the top; {_EXPECTED_CSL}")
    if not data:
        raise file_error(path, f"holds no entries; {_EXPECTED_CSL}")
    entries: list[Record] = []
    problems: list[Problem] = []
    for index, item in enumerate(data):
        where = lines[index] if index < len(lines) else ({}, None)
        if not isinstance(item, dict):
            message = f"entry {index + 1} is {_json_type(item)}; {_EXPECTED_CSL}"
            problems.append(Problem((index,), message, where[1], None, path))
            continue
        entries.append(_csl_entry(item, where))
    if problems:
        raise StudyFileError(path, problems)
    return entries


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    names = {dict: "an object", list: "an array", str: "a string", int: "a number"}
    return names.get(type(value), "a number" if isinstance(value, float) else "null")


def _json_lines(text: str) -> list[tuple[dict[str, int], int | None]]:
    """Return, for each item of a JSON array, the line of each key and of the item itself."""
    node = compose_yaml(text)  # JSON is YAML enough for finding lines; where not, none are given
    if not isinstance(node, yaml.SequenceNode):
        return []
    found: list[tuple[dict[str, int], int | None]] = []
    for item in node.value:
        keys: dict[str, int] = {}
        if isinstance(item, yaml.MappingNode):
            for key, _value in item.value:
                keys.setdefault(str(key.value), key.start_mark.line + 1)
        found.append((keys, item.start_mark.line + 1))
    return found


def _csl_entry(item: dict[str, Any], where: tuple[dict[str, int], int | None]) -> Record:
    keys, entry_line = where
    key = first_text(item.get("id"))
    result = Record(key, entry_line, _CSL_TYPES.get(str(item.get("type")), WorkType.OTHER))

    def line(name: str) -> int | None:
        return keys.get(name, entry_line)

    for target, source in _CSL_SOURCES:
        result.set(target, first_text(item.get(source)), source, line(source))
    read = _CSL_READ
    if result.type is WorkType.JOURNAL_ARTICLE and "article_number" not in result.fields:
        result.set("article_number", first_text(item.get("number")), "number", line("number"))
        read = read | {"number"}
    if issn := first_text(item.get("ISSN")):
        set_issn(result, issn, "ISSN", line("ISSN"))
    if keywords := first_text(item.get("keyword")):
        result.set("keywords", unique(keywords.split(",")), "keyword", line("keyword"))
    if "issued" in item:
        _set_csl_date(result, item["issued"], line("issued"))
    cites = item.get("cites")
    if cites is not None:
        if isinstance(cites, list) and all(isinstance(cited, str) for cited in cites):
            result.cites = [cited.strip() for cited in cites if cited.strip()]
            result.places["cites"] = ("cites", line("cites"))
        else:
            result.problems.append(("cites", "expected a list of the ids of cited entries"))
    leave_out_unread(result, [(key, value, line(key)) for key, value in item.items()], read)
    authors = item.get("author", [])
    if isinstance(authors, list) and all(isinstance(author, dict) for author in authors):
        for author in authors:
            if person := _csl_author(author):
                result.authors.append(person)
        result.places["authors"] = ("author", line("author"))
    else:
        expected = "expected a list of names such as {'family': 'Lieb', 'given': 'Klaus'}"
        result.problems.append(("author", expected))
    return result


def _csl_author(author: dict[str, Any]) -> Author | None:
    def part(name: str) -> str:
        value = author.get(name)
        return " ".join(value.split()) if isinstance(value, str) else ""

    orcid = part("ORCID") or None
    if literal := part("literal"):
        return Author(literal, orcid=orcid)
    family = " ".join(p for p in (part("non-dropping-particle"), part("family")) if p)
    given = " ".join(p for p in (part("given"), part("dropping-particle")) if p)
    name = " ".join(p for p in (given, family) if p)
    if not name:
        return None
    if suffix := part("suffix"):
        name += f", {suffix}"
    return Author(name, given or None, family or None, orcid)


def _set_csl_date(result: Record, issued: Any, line: int | None) -> None:
    parts = issued.get("date-parts") if isinstance(issued, dict) else None
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        set_date_parts(result, [str(p) for p in parts[0][:3]], "issued", line)
    elif isinstance(issued, dict) and isinstance(issued.get("raw"), str):
        set_date(result, issued["raw"], "issued", line)
    else:
        expected = "expected a date such as {'date-parts': [[2019, 2, 28]]}"
        result.problems.append(("issued", expected))
