"""Reading study files and loading corpora: every bad input gets an error that says where and what.

Also writing files whole or not at all (``io.writers``), the other half of ``io``.
"""

from __future__ import annotations

import os
import pathlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence_graph import (
    EvidenceGraphError,
    OutputError,
    Problem,
    SourceNotFoundError,
    StudyDocument,
    StudyFileError,
    Work,
    load,
    read_study_file,
    write_atomic,
)
from evidence_graph.exceptions import format_path
from evidence_graph.ids import REFERENCE_EXPECTED
from evidence_graph.io import resolve_sources
from evidence_graph.models import Person

WriteStudy = Callable[..., Path]

EXPECTED_STUDY = (
    "expected a study: a mapping with keys such as 'works', 'people', 'studies', 'themes' "
    "and 'quotes'"
)
SLUG_MESSAGE = (
    "is not a valid id: expected a local id (letters, digits, '.', '_' or '-', starting and "
    "ending with a letter or digit, at most 128 characters), or 'study-id/local-id'"
)
REFERENCE_MESSAGE = f"names no entity: expected {REFERENCE_EXPECTED}"


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    """Return the line (1-based) of the ``occurrence``-th line of the file holding ``needle``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = [number for number, line in enumerate(lines, start=1) if needle in line]
    assert len(found) >= occurrence, f"{needle!r} is not {occurrence} times in {path}"
    return found[occurrence - 1]


def load_error(*sources: str | Path) -> StudyFileError:
    with pytest.raises(StudyFileError) as info:
        load(*sources)
    error = info.value
    assert isinstance(error, ValueError)
    assert isinstance(error, EvidenceGraphError)
    return error


def only_problem(
    error: StudyFileError, file: Path, path: tuple[str | int, ...], line: int | None
) -> Problem:
    """Check that ``error`` holds one problem, at ``path`` and ``line`` of ``file``; return it."""
    [problem] = error.problems
    assert error.file == file
    assert problem.file == file
    assert problem.path == path
    assert problem.line == line
    if path:
        assert str(error) == f"{file}: line {line}: {format_path(path)}: {problem.message}"
    return problem


# --- syntax ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        (
            "works:\n  - id: paper\n    type: journal-article\n    title: Moving: Toward\n",
            4,
            18,
            "is not valid YAML: mapping values are not allowed here",
        ),
        (
            "works:\n  - id: paper\n   type: book\n",
            3,
            4,
            (
                "is not valid YAML: while parsing a block collection, expected <block end>, "
                "but found '<block mapping start>'"
            ),
        ),
        (
            "works: [paper, book\npeople: []\n",
            2,
            7,
            "is not valid YAML: while parsing a flow sequence, expected ',' or ']', but got ':'",
        ),
        (
            "works:\n\t- id: paper\n",
            2,
            1,
            (
                "is not valid YAML: while scanning for the next token, found character '\\t' that "
                "cannot start any token"
            ),
        ),
    ],
)
def test_malformed_yaml(
    write_study: WriteStudy, text: str, line: int, column: int, message: str
) -> None:
    path = write_study(text)
    error = load_error(path)
    problem = only_problem(error, path, (), line)
    assert (problem.column, problem.message) == (column, message)
    assert str(error) == f"{path}: line {line}, column {column}: {message}"


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        (
            '{"works": [{"id": "paper", "type": "book",}]}',
            1,
            43,
            "is not valid JSON: Expecting property name enclosed in double quotes",
        ),
        (
            '{\n  "works": [\n    {"id": "paper"\n  ]\n}\n',
            4,
            3,
            "is not valid JSON: Expecting ',' delimiter",
        ),
        ('{"works": [}', 1, 12, "is not valid JSON: Expecting value"),
    ],
)
def test_malformed_json(
    write_study: WriteStudy, text: str, line: int, column: int, message: str
) -> None:
    path = write_study(text, "study.json")
    error = load_error(path)
    problem = only_problem(error, path, (), line)
    assert (problem.column, problem.message) == (column, message)
    assert str(error) == f"{path}: line {line}, column {column}: {message}"


def test_json_problems_have_lines(write_study: WriteStudy) -> None:
    path = write_study('{\n  "works": [\n    {"id": "paper", "type": "bok"}\n  ]\n}\n', "s.json")
    problem = only_problem(load_error(path), path, ("works", 0, "type"), 3)
    assert problem.message == (
        "expected 'journal-article', 'magazine-article', 'book', 'book-chapter', 'report', "
        "'web-page', 'dataset' or 'other' (got 'bok')"
    )


def test_duplicate_keys_in_one_yaml_mapping(write_study: WriteStudy) -> None:
    path = write_study("works:\n  - id: paper\n    type: book\n    id: book\n")
    error = load_error(path)
    problem = only_problem(error, path, (), 4)
    assert problem.column == 5
    assert str(error) == (
        f"{path}: line 4, column 5: the key 'id' appears twice in one mapping (first on line 2); "
        "expected each key once"
    )


def test_duplicate_top_level_keys_in_yaml(write_study: WriteStudy) -> None:
    path = write_study("works: []\npeople: []\nworks: []\n")
    problem = only_problem(load_error(path), path, (), 3)
    assert problem.message == (
        "the key 'works' appears twice in one mapping (first on line 1); expected each key once"
    )


def test_duplicate_keys_in_one_json_object(write_study: WriteStudy) -> None:
    path = write_study('{"works": [], "people": [], "works": []}', "study.json")
    error = load_error(path)
    only_problem(error, path, (), None)
    assert str(error) == f"{path}: the key 'works' appears twice in one object; expected it once"


def test_a_file_that_is_not_utf8(write_study: WriteStudy) -> None:
    path = write_study("works:\n  - id: paper\n    title: Førde\n".encode("latin-1"))
    error = load_error(path)
    problem = only_problem(error, path, (), 3)
    assert problem.column == 13
    assert str(error) == (
        f"{path}: line 3, column 13: byte 0xf8 is not UTF-8; expected a UTF-8 text file"
    )


def test_a_byte_order_mark_is_allowed_and_not_counted(write_study: WriteStudy) -> None:
    good = write_study(b"\xef\xbb\xbfpeople:\n  - {id: p, name: F\xc3\xb8rde}\n", "good.yaml")
    assert load(good).people[0].name == "Førde"
    bad = write_study(b"\xef\xbb\xbfpeople:\n  - {id: p, name: \xff}\n", "bad.yaml")
    problem = only_problem(load_error(bad), bad, (), 2)
    assert (problem.column, problem.message) == (
        19,
        "byte 0xff is not UTF-8; expected a UTF-8 text file",
    )


@pytest.mark.parametrize(
    "content", [b"", b"  \n\n\t \r\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf \n"], ids=repr
)
def test_an_empty_or_blank_file(write_study: WriteStudy, content: bytes) -> None:
    path = write_study(content)
    error = load_error(path)
    only_problem(error, path, (), None)
    assert str(error) == f"{path}: the file is empty; {EXPECTED_STUDY}"


@pytest.mark.parametrize(
    ("name", "text", "found", "line"),
    [
        ("study.yaml", "- works\n- people\n", "a list", 1),
        ("study.yaml", "# a comment and nothing else\n", "nothing", None),
        ("study.yaml", "\nkverme2019\n", "a text", 2),
        ("study.json", "[1, 2]", "a list", 1),
        ("study.json", "\n\n  42", "a number", 3),
    ],
)
def test_the_top_must_be_a_mapping(
    write_study: WriteStudy, name: str, text: str, found: str, line: int | None
) -> None:
    path = write_study(text, name)
    error = load_error(path)
    problem = only_problem(error, path, (), line)
    assert problem.message == f"holds {found} at the top; {EXPECTED_STUDY}"
    where = f"line {line}, column {problem.column}: " if line else ""
    assert str(error) == f"{path}: {where}holds {found} at the top; {EXPECTED_STUDY}"


def test_an_unknown_file_type(write_study: WriteStudy) -> None:
    path = write_study("works: []\n", "study.txt")
    error = load_error(path)
    assert str(error) == (
        f"{path}: unknown file type '.txt'; expected a study file, a bibliography, an RDF file, "
        "a REFI-QDA project or codebook, a spreadsheet of quotes, or a folder of them: .yaml, "
        ".yml, .json, .bib, .ris, .ttl, .nt, .jsonld, .rdf, .owl, .trig, .nq, .qdpx, .qdc, .csv, "
        ".tsv, .xlsx"
    )


# --- content -----------------------------------------------------------------------------------


def test_the_kverme_document_is_valid_as_written_here(
    write_study: WriteStudy, kverme: dict[str, Any]
) -> None:
    assert load(write_study(kverme)) == load("kverme2019")
    assert load(write_study(kverme, "kverme.json")) == load("kverme2019")


def test_an_unknown_field_with_a_suggestion(
    write_study: WriteStudy, kverme: dict[str, Any]
) -> None:
    kverme["works"][0]["titel"] = kverme["works"][0].pop("title")
    path = write_study(kverme)
    problem = only_problem(load_error(path), path, ("works", 0, "titel"), line_of(path, "titel:"))
    assert problem.message == (
        "unknown field 'titel'; did you mean 'title'? "
        f"Expected one of: {', '.join(sorted(Work.model_fields))}."
    )


def test_an_unknown_field_without_a_suggestion(
    write_study: WriteStudy, kverme: dict[str, Any]
) -> None:
    kverme["people"][0]["colour"] = "blue"
    path = write_study(kverme)
    problem = only_problem(
        load_error(path), path, ("people", 0, "colour"), line_of(path, "colour:")
    )
    assert problem.message == (
        "unknown field 'colour'; expected one of: affiliations, family_name, given_name, id, "
        "name, orcid."
    )


def test_an_unknown_top_level_list(write_study: WriteStudy) -> None:
    path = write_study("wroks: []\n")
    problem = only_problem(load_error(path), path, ("wroks",), 1)
    assert problem.message == (
        "unknown field 'wroks'; did you mean 'works'? Expected one of: claims, coders, concepts, "
        "criteria, mappings, memos, participants, people, quotes, samples, schemes, studies, "
        "themes, works."
    )


def test_an_unknown_field_in_a_constraint(write_study: WriteStudy, kverme: dict[str, Any]) -> None:
    kverme["criteria"][1]["constraint"]["maximum"] = kverme["criteria"][1]["constraint"].pop("max")
    path = write_study(kverme)
    line = line_of(path, "maximum: 18")
    problem = only_problem(load_error(path), path, ("criteria", 1, "constraint", "maximum"), line)
    assert problem.message == (
        "unknown field 'maximum'; did you mean 'max'? Expected one of: attribute, max, min, type."
    )


def test_a_missing_required_field(write_study: WriteStudy, kverme: dict[str, Any]) -> None:
    del kverme["works"][0]["type"]
    path = write_study(kverme)
    line = line_of(path, "id: kverme2019-paper")
    problem = only_problem(load_error(path), path, ("works", 0, "type"), line)
    assert problem.message == (
        "missing required field 'type'; expected the kind of document, e.g. 'journal-article'."
    )


def test_a_missing_required_field_of_a_constraint(
    write_study: WriteStudy, kverme: dict[str, Any]
) -> None:
    del kverme["criteria"][1]["constraint"]["attribute"]
    path = write_study(kverme)
    line = line_of(path, "constraint:", occurrence=2)
    problem = only_problem(load_error(path), path, ("criteria", 1, "constraint", "attribute"), line)
    assert problem.message == (
        "missing required field 'attribute'; "
        "expected a numeric attribute: 'age' or 'months_since_diagnosis'."
    )


def test_a_constraint_without_its_type(write_study: WriteStudy, kverme: dict[str, Any]) -> None:
    del kverme["criteria"][1]["constraint"]["type"]
    kverme["criteria"][2]["constraint"]["type"] = "between"
    path = write_study(kverme)
    error = load_error(path)
    assert [(problem.location, problem.message) for problem in error.problems] == [
        ("criteria[1].constraint", "expected a 'type' field that says which form this is"),
        (
            "criteria[2].constraint",
            "expected 'type' to be one of 'range', 'equals', 'condition' (got 'between')",
        ),
    ]


def test_a_duplicate_id_in_one_file(write_study: WriteStudy, kverme: dict[str, Any]) -> None:
    kverme["people"].append({"id": "lane", "name": "Someone Else"})
    path = write_study(kverme)
    line = line_of(path, "name: Someone Else") - 1
    problem = only_problem(load_error(path), path, ("people", 8, "id"), line)
    assert problem.message == (
        "duplicate id 'lane': people[5] has it too; expected each id once, "
        "or the same entity written alike"
    )


def test_one_id_in_two_files_for_two_people_names_each_within_its_file(
    write_study: WriteStudy,
) -> None:
    first = write_study("people:\n  - id: x\n    name: Xenia\n", "a.yaml")
    second = write_study(
        "people:\n  - id: y\n    name: Yves\n  - id: x\n    name: Xavier\n", "b.yaml"
    )
    for sources in ((first, second), (second, first)):
        corpus = load(*sources)
        assert {person.id: person.name for person in corpus.people} == {
            "a/x": "Xenia",
            "b/x": "Xavier",
            "y": "Yves",
        }


def test_the_same_entity_written_alike_in_two_files_is_one(write_study: WriteStudy) -> None:
    person = {"id": "x", "name": "Xenia", "orcid": "0000-0002-1825-0097"}
    first = write_study({"people": [person]}, "a.yaml")
    # The same person in JSON, its ORCID iD as an IRI: equal once normalised.
    alike = {**person, "orcid": "https://orcid.org/0000-0002-1825-0097"}
    second = write_study({"people": [alike]}, "b.json")
    corpus = load(first, second)
    assert corpus.people == (Person(**person),)


def test_one_file_may_refer_to_entities_of_another(write_study: WriteStudy) -> None:
    works = write_study(
        {
            "works": [{"id": "w", "type": "journal-article", "authors": ["x"]}],
            "studies": [{"id": "s", "design": "qualitative", "reported_in": ["w"]}],
        },
        "works.yaml",
    )
    findings = write_study(
        {
            "people": [{"id": "x", "name": "Xenia"}],
            "themes": [{"id": "t", "study": "s", "label": "T"}],
            "quotes": [
                {
                    "id": "q",
                    "study": "s",
                    "text": "words",
                    "themes": ["t"],
                    "read_in": "w",
                    "appears_in": "w",
                }
            ],
        },
        "findings.yaml",
    )
    for corpus in (load(works, findings), load(findings, works)):
        assert sorted(entity.id for entity in corpus.entities()) == ["q", "s", "t", "w", "x"]
    error = load_error(works)
    problem = only_problem(error, works, ("works", 0, "authors", 0), line_of(works, "- x"))
    assert problem.message == "no entity has the id 'x'; expected the id of a person"


def test_integrity_problems_name_the_right_file_and_place(write_study: WriteStudy) -> None:
    first = write_study("works:\n  - {id: w1, type: book, doi: 10.1234/abc}\n", "a.yaml")
    # A DOI that one file gives two works joins neither to the first file's work.
    second = write_study(
        "works:\n  - {id: w0, type: book}\n  - {id: w2, type: book, doi: 10.1234/ABC}\n"
        "  - {id: w3, type: book, doi: 'doi:10.1234/abc'}\n",
        "b.yaml",
    )
    error = load_error(first, second)
    assert error.file == second
    message = (
        f"{first}, works[0] has the same doi '10.1234/abc': "
        "expected one entity for each public identifier"
    )
    assert [(p.file, p.path, p.line, p.message) for p in error.problems] == [
        (second, ("works", 1, "doi"), 3, message),
        (second, ("works", 2, "doi"), 4, message),
    ]


def test_a_quote_coded_under_an_unknown_theme(
    write_study: WriteStudy, kverme: dict[str, Any]
) -> None:
    kverme["quotes"][0]["themes"] = ["no-such-theme"]
    path = write_study(kverme)
    line = line_of(path, "- no-such-theme")
    problem = only_problem(load_error(path), path, ("quotes", 0, "themes", 0), line)
    assert problem.message == "no entity has the id 'no-such-theme'; expected the id of a theme"


def test_a_quote_coded_under_a_theme_of_another_study(
    write_study: WriteStudy, kverme: dict[str, Any]
) -> None:
    kverme["studies"].append(
        {"id": "other-study", "design": "qualitative", "reported_in": ["kverme2019-paper"]}
    )
    kverme["themes"].append({"id": "other-theme", "study": "other-study", "label": "Other"})
    kverme["quotes"][2]["themes"] = ["daring-to-belong", "other-theme"]
    path = write_study(kverme)
    line = line_of(path, "- other-theme")
    problem = only_problem(load_error(path), path, ("quotes", 2, "themes", 1), line)
    assert problem.message == (
        "theme 'other-theme' belongs to study 'other-study'; "
        "expected a theme of the quote's study 'kverme2019'"
    )


def test_an_invalid_doi(write_study: WriteStudy, kverme: dict[str, Any]) -> None:
    kverme["works"][2]["doi"] = "10.1016/j biopsych"
    path = write_study(kverme)
    line = line_of(path, "doi: 10.1016/j biopsych")
    problem = only_problem(load_error(path), path, ("works", 2, "doi"), line)
    assert problem.message == (
        "'10.1016/j biopsych' is not a DOI: expected '10.' followed by 4 to 9 digits, '/' and "
        "a suffix without spaces, e.g. '10.3389/fpsyg.2019.00430'"
    )


@pytest.mark.parametrize(
    ("orcid", "message"),
    [
        (
            "0000-0002-1825-0098",
            "'0000-0002-1825-0098' is not a valid ORCID iD: its check digit should be 7",
        ),
        (
            "0000-0002-1825",
            (
                "'0000-0002-1825' is not an ORCID iD: expected four groups of four digits "
                "joined by '-', the last character a digit or 'X', e.g. '0000-0002-1825-0097'"
            ),
        ),
    ],
    ids=["checksum", "form"],
)
def test_an_invalid_orcid(
    write_study: WriteStudy, kverme: dict[str, Any], orcid: str, message: str
) -> None:
    kverme["people"][3]["orcid"] = orcid
    path = write_study(kverme)
    line = line_of(path, f"orcid: {orcid}")
    problem = only_problem(load_error(path), path, ("people", 3, "orcid"), line)
    assert problem.message == message


def test_an_inverted_age_range(write_study: WriteStudy, kverme: dict[str, Any]) -> None:
    kverme["samples"][0].update(age_min=36, age_max=21)
    path = write_study(kverme)
    line = line_of(path, "id: kverme2019-participants")
    problem = only_problem(load_error(path), path, ("samples", 0), line)
    assert problem.message == (
        "age_min (36) is greater than age_max (21): expected age_min <= age_max"
    )


def test_a_theme_cycle(write_study: WriteStudy, kverme: dict[str, Any]) -> None:
    assert kverme["themes"][3]["id"] == "daring-to-belong"
    kverme["themes"][0]["parent"] = "daring-to-belong"
    path = write_study(kverme)
    # Reported where the loop closes: daring-to-belong's parent, the third such line.
    line = line_of(path, "parent: moving-toward-connectedness", occurrence=3)
    problem = only_problem(load_error(path), path, ("themes", 3, "parent"), line)
    assert problem.message == (
        "the theme hierarchy has a cycle (moving-toward-connectedness -> daring-to-belong -> "
        "moving-toward-connectedness); expected a tree"
    )


def test_a_second_parent_for_a_theme(write_study: WriteStudy, kverme: dict[str, Any]) -> None:
    kverme["themes"][1]["parent"] = ["moving-toward-connectedness", "daring-to-belong"]
    path = write_study(kverme)
    problem = only_problem(
        load_error(path), path, ("themes", 1, "parent"), line_of(path, "parent:")
    )
    assert problem.message == (
        "expected the id of one parent theme, not a list of 2 "
        "(moving-toward-connectedness, daring-to-belong): a theme has at most one parent"
    )


@pytest.mark.parametrize("bad", ["limitation small-sample", "<limitation-small-sample>"])
def test_an_id_that_is_not_a_slug(
    write_study: WriteStudy, kverme: dict[str, Any], bad: str
) -> None:
    index = [claim["id"] for claim in kverme["claims"]].index("limitation-small-sample")
    kverme["claims"][index]["id"] = bad
    path = write_study(kverme)
    problem = only_problem(load_error(path), path, ("claims", index, "id"), line_of(path, bad))
    assert problem.message == f"{bad!r} {SLUG_MESSAGE}"


def test_a_reference_that_is_not_a_slug_is_reported_once(
    write_study: WriteStudy, kverme: dict[str, Any]
) -> None:
    kverme["quotes"][0]["themes"] = ["learning to hold ones own"]
    path = write_study(kverme)
    line = line_of(path, "- learning to hold ones own")
    problem = only_problem(load_error(path), path, ("quotes", 0, "themes", 0), line)
    assert problem.message == f"'learning to hold ones own' {REFERENCE_MESSAGE}"


def test_pydantic_messages_are_reworded_as_expectations(
    write_study: WriteStudy, kverme: dict[str, Any]
) -> None:
    kverme["samples"][0]["size"] = "12"
    kverme["samples"][0]["age_min"] = -1
    kverme["quotes"][1]["themes"] = []
    kverme["quotes"][1]["speaker"] = "P 7"  # any text: it names the speaker as the paper does
    kverme["concepts"][0]["matches"][0]["scheme"] = "WikiData"
    error = load_error(write_study(kverme))
    assert [(problem.location, problem.message) for problem in error.problems] == [
        ("samples[0].size", "expected a valid integer (got '12')"),
        ("samples[0].age_min", "expected a number greater than or equal to 0 (got -1)"),
        ("quotes[1].themes", "expected at least 1 item (got [])"),
        (
            "concepts[0].matches[0].scheme",
            "expected text matching '^[a-z0-9][a-z0-9-]{0,63}$' (got 'WikiData')",
        ),
    ]


def test_several_problems_in_one_file_are_reported_at_once(
    write_study: WriteStudy, kverme: dict[str, Any]
) -> None:
    kverme["works"][0]["doi"] = "nope"
    kverme["people"][0]["nmae"] = "Britt"
    kverme["samples"][0]["age_min"] = 40
    path = write_study(kverme)
    error = load_error(path)
    assert error.file == path
    lines = [
        line_of(path, "doi: nope"),
        line_of(path, "nmae:"),
        line_of(path, "id: kverme2019-participants"),
    ]
    assert [(problem.path, problem.line, problem.file) for problem in error.problems] == [
        (("works", 0, "doi"), lines[0], path),
        (("people", 0, "nmae"), lines[1], path),
        (("samples", 0), lines[2], path),
    ]
    assert str(error) == (
        f"{path}: 3 problems\n"
        f"  line {lines[0]}: works[0].doi: 'nope' is not a DOI: expected '10.' followed by 4 to "
        "9 digits, '/' and a suffix without spaces, e.g. '10.3389/fpsyg.2019.00430'\n"
        f"  line {lines[1]}: people[0].nmae: unknown field 'nmae'; did you mean 'name'? "
        "Expected one of: affiliations, family_name, given_name, id, name, orcid.\n"
        f"  line {lines[2]}: samples[0]: age_min (40) is greater than age_max (36): "
        "expected age_min <= age_max"
    )


def test_several_integrity_problems_are_reported_at_once(
    write_study: WriteStudy, kverme: dict[str, Any]
) -> None:
    kverme["studies"][0]["lead_investigator"] = "nobody"
    kverme["claims"][0]["evidence"] = ["kverme2019"]
    kverme["criteria"][0]["stated_in"] = "bpd"
    error = load_error(write_study(kverme))
    assert [(problem.location, problem.message) for problem in error.problems] == [
        (
            "studies[0].lead_investigator",
            "no entity has the id 'nobody'; expected the id of a person",
        ),
        ("criteria[0].stated_in", "'bpd' is a concept; expected the id of a work"),
        ("claims[0].evidence[0]", "'kverme2019' is a study; expected the id of a quote or a work"),
    ]


def test_problems_in_several_files_are_reported_together(write_study: WriteStudy) -> None:
    first = write_study("people:\n  - {id: x, name: ''}\n", "a.yaml")
    second = write_study("works:\n  - {id: w, type: novel}\n", "b.yaml")
    error = load_error(first, second)
    assert error.file is None
    assert str(error) == (
        "2 problems\n"
        f"  {first}: line 2: people[0].name: expected non-empty text\n"
        f"  {second}: line 2: works[0].type: expected 'journal-article', 'magazine-article', "
        "'book', 'book-chapter', 'report', 'web-page', 'dataset' or 'other' (got 'novel')"
    )


# --- verbatim text -----------------------------------------------------------------------------

VERBATIM = [
    "  leading and trailing spaces  ",
    "Oh my\u00a0God, she believes!\u00a0",
    "“calm down, I’m not\u00a0that\u00a0good!” and \u2018single\u2019",
    "\"straight\" and 'single' and a backslash \\",
    "first line\nsecond line\n\n",
    "\ttabbed",
    "# not a comment: nor - a list",
    "yes",  # YAML 1.1 would read a bare yes as true
    "12",
    "null",
]


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_quote_text_is_kept_exactly(
    write_study: WriteStudy, kverme: dict[str, Any], suffix: str
) -> None:
    for index, text in enumerate(VERBATIM):
        kverme["quotes"].append({**kverme["quotes"][0], "id": f"q{index}", "text": text})
    corpus = load(write_study(kverme, "study" + suffix))
    assert [quote.text for quote in corpus.quotes[4:]] == VERBATIM


def test_the_built_in_quotes_keep_their_non_breaking_spaces() -> None:
    quote = load("kverme2019").get("she-believes")
    assert "Oh my\u00a0God" in quote.text  # type: ignore[attr-defined]


_MINIMAL = {
    "works": [{"id": "w", "type": "journal-article"}],
    "studies": [{"id": "s", "design": "qualitative", "reported_in": ["w"]}],
    "themes": [{"id": "t", "study": "s", "label": "T"}],
}

# Any text with a word in it, but for two kinds of character:
# - surrogate code points (category Cs), which no UTF-8 file can hold;
# - U+0085 (NEL), which YAML 1.1 reads as a line break: PyYAML's dumper, with allow_unicode,
#   writes it raw inside a double-quoted scalar, where the reader then folds it to a space. That
#   is the writer's fault, not the loader's (written escaped, as "\N", it loads exactly; see
#   test_an_escaped_next_line_character_is_kept). Every other control character (C0 but tab and
#   line breaks, DEL, C1, U+FEFF, U+FFFE/U+FFFF) PyYAML writes escaped, and it stays in the
#   alphabet: the round trip must keep it too.
_QUOTE_TEXT = st.text(
    st.characters(exclude_categories=("Cs",), exclude_characters="\x85"), min_size=1
).filter(lambda text: text.strip() != "")


def test_an_escaped_next_line_character_is_kept(write_study: WriteStudy) -> None:
    document = {**_MINIMAL, "quotes": [{"id": "q", "study": "s", "text": "TEXT", "themes": ["t"]}]}
    document["quotes"][0].update(read_in="w", appears_in="w")
    path = write_study(dump_yaml(document).replace("TEXT", '"a\\Nb\\x85c"'))
    [quote] = load(path).quotes
    assert quote.text == "a\x85b\x85c"


def dump_yaml(document: dict[str, Any]) -> str:
    """Return a study document as YAML, as a person would write it, non-ASCII unescaped."""
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_QUOTE_TEXT)
def test_any_quote_text_round_trips_through_yaml(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    document = {
        **_MINIMAL,
        "quotes": [
            {
                "id": "q",
                "study": "s",
                "text": text,
                "themes": ["t"],
                "read_in": "w",
                "appears_in": "w",
            }
        ],
    }
    path = tmp_path_factory.mktemp("round-trip") / "study.yaml"
    # Double-quoted scalars: in a plain one PyYAML's emitter writes a line break such as U+0085
    # raw, which YAML then folds into a space; quoted, every character is written as itself or
    # as an escape, so what the file holds is exactly the text.
    dumped = yaml.safe_dump(document, allow_unicode=True, default_style='"')
    path.write_text(dumped, encoding="utf-8")
    [quote] = load(path).quotes
    assert quote.text == text


# --- sources: files, folders, datasets ---------------------------------------------------------


def test_load_needs_a_source() -> None:
    with pytest.raises(ValueError, match=r"^load\(\) needs at least one source") as info:
        load()
    assert str(info.value) == (
        "load() needs at least one source: a dataset name, a file or a folder"
    )


def test_a_path_that_does_not_exist(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    with pytest.raises(SourceNotFoundError) as info:
        load(missing)
    assert isinstance(info.value, FileNotFoundError)
    assert isinstance(info.value, EvidenceGraphError)
    assert info.value.source == str(missing)
    assert str(info.value) == (
        f"{missing}: no such file, folder or built-in dataset; built-in: kverme2019, bpd-literature"
    )


def test_a_misspelt_dataset_name_suggests_the_right_one() -> None:
    with pytest.raises(SourceNotFoundError) as info:
        load("kverme2018")
    assert isinstance(info.value, FileNotFoundError)
    assert info.value.hint == "; did you mean 'kverme2019'?"
    assert str(info.value) == (
        "kverme2018: no such file, folder or built-in dataset; did you mean 'kverme2019'?"
    )


def test_a_source_named_like_the_message_is_shown_as_given() -> None:
    with pytest.raises(SourceNotFoundError) as info:
        load("old dataset")
    assert str(info.value) == (
        "old dataset: no such file, folder or built-in dataset; "
        "built-in: kverme2019, bpd-literature"
    )


def test_a_dataset_name_given_as_a_path_object(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # where no file is called kverme2019
    assert load(Path("kverme2019")) == load("kverme2019")


def test_a_path_wins_over_a_dataset_name(
    write_study: WriteStudy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_study({"works": [{"id": "mine", "type": "book"}]}, "kverme2019/study.yaml")
    monkeypatch.chdir(tmp_path)
    assert [work.id for work in load("kverme2019").works] == ["mine"]


def _folder(write_study: WriteStudy) -> Path:
    write_study({"works": [{"id": "b", "type": "book"}]}, "folder/b.yaml")
    write_study({"works": [{"id": "a", "type": "book"}]}, "folder/a.json")
    write_study({"works": [{"id": "c", "type": "book"}]}, "folder/sub/c.yml")
    write_study({"works": [{"id": "d", "type": "book"}]}, "folder/sub/deeper/D.YAML")
    write_study("not: [valid", "folder/.hidden.yaml")
    write_study("not: [valid", "folder/.git/config.yaml")
    write_study("not: [valid", "folder/sub/.cache/x.json")
    return write_study("not a study", "folder/notes.txt").parent


def test_a_folder_gives_its_study_files_sorted_skipping_hidden_ones(
    write_study: WriteStudy,
) -> None:
    folder = _folder(write_study)
    names = [path.relative_to(folder).as_posix() for path in resolve_sources([folder])]
    assert names == ["a.json", "b.yaml", "sub/c.yml", "sub/deeper/D.YAML"]
    assert [work.id for work in load(folder).works] == ["a", "b", "c", "d"]


def test_each_file_is_read_once(write_study: WriteStudy) -> None:
    folder = _folder(write_study)
    again = folder / "sub" / ".." / "b.yaml"
    assert resolve_sources([folder, again, str(folder / "a.json")]) == resolve_sources([folder])
    assert len(load(folder, again).works) == 4


def test_a_folder_with_no_study_files(write_study: WriteStudy) -> None:
    write_study("works: []\n", "empty/.hidden.yaml")
    folder = write_study("notes", "empty/notes.txt").parent
    error = load_error(folder)
    only_problem(error, folder, (), None)
    assert str(error) == (
        f"{folder}: the folder holds no study file; expected .yaml, .yml, .json, .bib, .ris, "
        ".ttl, .nt, .jsonld, .rdf, .owl, .trig, .nq, .qdpx, .qdc, .csv, .tsv, .xlsx files"
    )


def test_read_study_file_checks_entities_but_not_references(write_study: WriteStudy) -> None:
    path = write_study({"studies": [{"id": "s", "design": "qualitative", "reported_in": ["w"]}]})
    document = read_study_file(path)
    assert isinstance(document, StudyDocument)
    assert [study.id for study in document.studies] == ["s"]
    bad = write_study("studies:\n  - id: s\n    design: qualitative\n", "bad.yaml")
    with pytest.raises(StudyFileError) as info:
        read_study_file(bad)
    only_problem(info.value, bad, ("studies", 0, "reported_in"), 2)


def test_a_study_file_that_is_a_folder(write_study: WriteStudy) -> None:
    folder = write_study("works: []\n", "odd.yaml/inner.yaml").parent
    with pytest.raises(StudyFileError) as info:
        read_study_file(folder)
    assert str(info.value) == f"{folder}: is a folder; expected a study file"


# --- writing whole or not at all ---------------------------------------------------------------


def test_write_atomic_writes_text_and_bytes_whole(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    assert write_atomic(target, "Førde\n") == target
    assert target.read_bytes() == "Førde\n".encode()
    write_atomic(str(target), b"\x00\xff")
    assert target.read_bytes() == b"\x00\xff"
    assert [path.name for path in tmp_path.iterdir()] == ["out.ttl"]


def _boom(*_args: object, **_kwargs: object) -> None:
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_write_atomic_leaves_the_old_file_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    target = tmp_path / "out.ttl"
    target.write_text("old\n", encoding="utf-8")
    if failing == "fsync":
        monkeypatch.setattr(os, "fsync", _boom)
    else:
        monkeypatch.setattr(pathlib.Path, "replace", _boom)
    with pytest.raises(OutputError) as info:
        write_atomic(target, "new\n" * 1000)
    assert str(info.value) == f"{target}: cannot write: no space left on the device"
    assert isinstance(info.value, OSError)
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [path.name for path in tmp_path.iterdir()] == ["out.ttl"]


def test_write_atomic_leaves_nothing_when_there_was_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "fsync", _boom)
    with pytest.raises(OutputError, match="cannot write: no space left on the device"):
        write_atomic(tmp_path / "out.ttl", "new\n")
    assert list(tmp_path.iterdir()) == []
