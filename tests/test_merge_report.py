"""Merging like a reference manager (``io.report``): the fuller value kept, every other reported.

The files are one paper as Zotero (BibTeX), PubMed (RIS) and Crossref (CSL-JSON) export it:
Lenzenweger, Lane, Loranger and Kessler (2007), DSM-IV personality disorders in the National
Comorbidity Survey Replication, Biological Psychiatry 62(6), 553-564, doi:10.1016/j.biopsych.
2006.09.019 - with the abbreviated journal, the en dash, the capitals and the markup each tool
writes.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from helpers import Cli, WriteStudy, examples
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence_graph import (
    DifferenceKind,
    MergeReport,
    StudyFileError,
    load,
    load_graph,
    merge_report,
    serialize,
)
from evidence_graph.io import recorded_merges
from evidence_graph.io.report import COLUMNS

DOI = "10.1016/j.biopsych.2006.09.019"
TITLE = "DSM-IV Personality Disorders in the National Comorbidity Survey Replication"
PEOPLE = ("lenzenweger-mark-f", "lane-michael-c", "loranger-armand-w", "kessler-ronald-c")

BYLINE = "Lenzenweger, Mark F. and Lane, Michael C. and Loranger, Armand W. and Kessler, Ronald C."
ZOTERO = """@article{lenzenweger2007,
\ttitle = {{DSM}-{IV} Personality Disorders in the {National} {Comorbidity} {Survey} {Replication}},
\tvolume = {62},
\tissn = {0006-3223},
\tdoi = {10.1016/j.biopsych.2006.09.019},
\tnumber = {6},
\tjournal = {Biological Psychiatry},
\tauthor = {BYLINE},
\tyear = {2007},
\tpages = {553--564},
}
""".replace("BYLINE", BYLINE)

PUBMED = """TY  - JOUR
AU  - Lenzenweger, Mark F
AU  - Lane, Michael C
AU  - Loranger, Armand W
AU  - Kessler, Ronald C
TI  - DSM-IV personality disorders in the National Comorbidity Survey Replication.
T2  - Biol Psychiatry
VL  - 62
IS  - 6
SP  - 553
EP  - 564
PY  - 2007
DO  - 10.1016/J.BIOPSYCH.2006.09.019
ER  -
"""

CROSSREF = [
    {
        "type": "article-journal",
        "title": (
            "DSM-IV Personality Disorders in the <i>National Comorbidity Survey Replication</i>"
        ),
        "container-title": "Biological Psychiatry",
        "page": "553-564",
        "volume": "62",
        "issue": "6",
        "DOI": DOI,
        "publisher": "Elsevier BV",
        "author": [
            {"given": "Mark F.", "family": "Lenzenweger"},
            {"given": "Michael C.", "family": "Lane"},
            {"given": "Armand W.", "family": "Loranger"},
            {"given": "Ronald C.", "family": "Kessler"},
        ],
        "issued": {"date-parts": [[2007]]},
    }
]

# A study file that names the paper by its DOI, its journal abbreviated, its first author by
# the family name alone.
STUDY = {
    "works": [
        {
            "id": "ncs-r",
            "type": "journal-article",
            "doi": f"https://doi.org/{DOI}",
            "container_title": "Biol. Psychiatry",
            "authors": ["lenzenweger"],
        }
    ],
    "people": [{"id": "lenzenweger", "name": "Lenzenweger"}],
}


@pytest.fixture
def exports(write_study: WriteStudy) -> list[Path]:
    """The paper as Zotero, PubMed and Crossref export it."""
    return [
        write_study(ZOTERO, "zotero.bib"),
        write_study(PUBMED, "pubmed.ris"),
        write_study(json.dumps(CROSSREF, indent=2), "crossref.json"),
    ]


def test_the_fuller_values_are_kept(exports: list[Path]) -> None:
    corpus = load(*exports)
    [work] = corpus.works
    assert (work.title, work.container_title, work.pages) == (
        TITLE,
        "Biological Psychiatry",
        "553–564",
    )
    assert (work.volume, work.issue, work.publisher, work.issn) == (
        "62",
        "6",
        "Elsevier BV",
        "0006-3223",
    )
    assert work.authors == PEOPLE
    assert [person.name for person in corpus.people] == [
        "Mark F. Lenzenweger",
        "Michael C. Lane",
        "Armand W. Loranger",
        "Ronald C. Kessler",
    ]


def test_every_value_dropped_is_in_the_report(exports: list[Path]) -> None:
    zotero, pubmed, crossref = exports
    report = merge_report(*exports)
    assert report.files == tuple(exports)
    assert not report.real
    rows = [
        (row.entity, row.field, row.kind.value, row.kept, row.dropped, row.dropped_from.file)
        for row in report
    ]
    people = [
        (person, field, "spelling", f"{given}.{tail}", f"{given}{tail}", pubmed)
        for person, given, family in (
            ("kessler-ronald-c", "Ronald C", "Kessler"),
            ("lane-michael-c", "Michael C", "Lane"),
            ("lenzenweger-mark-f", "Mark F", "Lenzenweger"),
            ("loranger-armand-w", "Armand W", "Loranger"),
        )
        for field, tail in (("given_name", ""), ("name", f" {family}"))
    ]
    work = "lenzenweger2007"
    assert rows == [
        *people,
        (
            work,
            "container_title",
            "abbreviation",
            "Biological Psychiatry",
            "Biol Psychiatry",
            pubmed,
        ),
        (work, "pages", "spelling", "553–564", "553-564", crossref),
        (work, "title", "spelling", TITLE, CROSSREF[0]["title"], crossref),
        (
            work,
            "title",
            "spelling",
            TITLE,
            TITLE.replace("Personality Disorders", "personality disorders") + ".",
            pubmed,
        ),
    ]
    [journal] = [row for row in report if row.field == "container_title"]
    assert (str(journal.kept_from), str(journal.dropped_from)) == (
        f"{zotero}, lenzenweger2007.journal (line 7)",
        f"{pubmed}, lenzenweger2007.T2 (line 7)",
    )
    assert journal.identifier == f"https://doi.org/{DOI}"
    assert journal.rule == "fuller"


def test_the_kept_values_do_not_depend_on_the_order(exports: list[Path]) -> None:
    turtles = {serialize(load(*order)) for order in itertools.permutations(exports)}
    assert len(turtles) == 1
    reports = [merge_report(*order) for order in itertools.permutations(exports)]
    assert len({frozenset((row.field, row.kept, row.dropped) for row in r) for r in reports}) == 1


def test_a_family_name_joins_the_full_byline(write_study: WriteStudy, exports: list[Path]) -> None:
    study = write_study(STUDY, "study.yaml")
    for order in ((study, *exports), (*exports, study)):
        corpus = load(*order)
        [work] = corpus.works
        first = work.authors[0]
        assert corpus.get(first).name == "Mark F. Lenzenweger"
        assert len(corpus.people) == len(PEOPLE)
        assert work.container_title == "Biological Psychiatry"
    kinds = {(row.field, row.dropped): row.kind for row in merge_report(study, *exports)}
    assert kinds[("name", "Lenzenweger")] is DifferenceKind.NAME_FORM
    assert kinds[("container_title", "Biol. Psychiatry")] is DifferenceKind.ABBREVIATION
    assert kinds[("authors", "lenzenweger")] is DifferenceKind.TRUNCATED


def test_other_initials_are_another_person(write_study: WriteStudy, exports: list[Path]) -> None:
    other = dict(STUDY, people=[{"id": "lenzenweger", "name": "R. Lenzenweger"}])
    corpus = load(write_study(other, "study.yaml"), *exports)
    assert corpus.get("lenzenweger").name == "R. Lenzenweger"
    assert corpus.works[0].authors[0] == "lenzenweger-mark-f"


def test_an_orcid_overrides_the_names(write_study: WriteStudy) -> None:
    orcid = "0000-0002-1825-0097"
    first = write_study(
        {"people": [{"id": "a", "name": "Mark Lenzenweger", "orcid": orcid}]}, "a.yaml"
    )
    second = write_study({"people": [{"id": "b", "name": "M. Kessler", "orcid": orcid}]}, "b.yaml")
    [person] = load(first, second).people
    assert person.name == "Mark Lenzenweger"
    [row] = merge_report(first, second)
    assert (row.field, row.kind, row.identifier) == (
        "name",
        DifferenceKind.DIFFERENT,
        f"https://orcid.org/{orcid}",
    )


def _titled(write_study: WriteStudy, title: str, name: str) -> Path:
    return write_study(
        {"works": [{"id": "w", "type": "journal-article", "doi": DOI, "title": title}]}, name
    )


def test_of_two_titles_that_read_alike_the_one_without_markup_is_kept(
    write_study: WriteStudy, exports: list[Path]
) -> None:
    zotero, _, crossref = exports
    latex = _titled(
        write_study,
        r"{DSM}-{IV} Personality Disorders in the \textit{National Comorbidity Survey Replication}",
        "latex.yaml",
    )
    for sources in ((latex, zotero), (zotero, latex), (crossref, zotero), (zotero, crossref)):
        assert load(*sources).works[0].title == TITLE
    [row] = merge_report(latex, zotero)
    assert (row.kind, row.kept_from.file) == (DifferenceKind.SPELLING, zotero)


def test_a_value_is_never_rewritten(write_study: WriteStudy, exports: list[Path]) -> None:
    # Crossref's title has more capitals than this one: it is kept as Crossref gives it.
    sentence = _titled(
        write_study, TITLE.replace("Personality Disorders", "personality disorders"), "a.yaml"
    )
    assert load(sentence, exports[2]).works[0].title == CROSSREF[0]["title"]


def test_identifiers_that_differ_are_still_errors(write_study: WriteStudy) -> None:
    first = write_study(
        {"works": [{"id": "a", "type": "book", "doi": DOI, "pmid": "1234567"}]}, "a.yaml"
    )
    second = write_study(
        {"works": [{"id": "b", "type": "book", "doi": DOI, "pmid": "7654321"}]}, "b.yaml"
    )
    with pytest.raises(StudyFileError) as raised:
        load(first, second)
    [problem] = raised.value.problems
    assert (problem.file, problem.location) == (second, "works[0].pmid")
    assert problem.message == (
        f"'7654321' differs from '1234567' that {first}, works[0] gives the DOI {DOI}; "
        "expected one pmid for one work"
    )


def _renamed_title(write_study: WriteStudy) -> Path:
    """PubMed's record with another title: a real difference."""
    text = PUBMED.replace(" Replication.", ".")
    return write_study(text, "pubmed-other.ris")


def test_strict_refuses_a_real_difference(write_study: WriteStudy, exports: list[Path]) -> None:
    zotero, _, crossref = exports
    pubmed = _renamed_title(write_study)
    assert load(zotero, pubmed, crossref).works[0].title == TITLE
    [real] = merge_report(zotero, pubmed, crossref).real
    assert (real.field, real.dropped) == (
        "title",
        "DSM-IV personality disorders in the National Comorbidity Survey.",
    )
    with pytest.raises(StudyFileError) as raised:
        load(zotero, pubmed, crossref, strict=True)
    [problem] = raised.value.problems
    assert (problem.file, problem.location, problem.line) == (pubmed, "lenzenweger2007.TI", 6)
    assert problem.message == (
        "'DSM-IV personality disorders in the National Comorbidity Survey.' differs from "
        f"{TITLE!r} that {zotero}, lenzenweger2007.title (line 2) gives the DOI {DOI}; expected "
        "one title for one work (a strict merge refuses a real difference)"
    )
    with pytest.raises(StudyFileError):
        load_graph(zotero, pubmed, crossref, strict=True)
    load(*exports, strict=True)  # differences of form only: strict loads them


def test_recorded_merges_collects_each_load(exports: list[Path]) -> None:
    with recorded_merges() as reports:
        load(*exports)
        load("kverme2019")
    assert [len(report) for report in reports] == [12, 0]
    assert (
        reports[0].summary()
        == "merged 3 files: 12 differences (0 real) kept by the fuller-value rule"
    )
    assert MergeReport(()).summary() == "merged 0 files: no differences"


# --- the command line ----------------------------------------------------------------------------


def test_merge_report_as_a_table(cli: Cli, exports: list[Path]) -> None:
    result = cli("merge-report", *map(str, exports))
    assert result.returncode == 0, result.stderr
    assert "merged 3 files — 12 differences (0 real)" in result.stdout
    assert "abbreviation" in result.stdout
    assert "Biol Psychiatry" in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize("output", ["json", "csv"])
def test_merge_report_as_json_and_csv(cli: Cli, exports: list[Path], output: str) -> None:
    result = cli("merge-report", *map(str, exports), "--format", output)
    assert result.returncode == 0, result.stderr
    if output == "json":
        rows = json.loads(result.stdout)
    else:
        reader = csv.DictReader(io.StringIO(result.stdout))
        assert tuple(reader.fieldnames or ()) == COLUMNS
        rows = list(reader)
    assert len(rows) == 12
    [journal] = [row for row in rows if row["field"] == "container_title"]
    assert (journal["kind"], journal["kept"], journal["dropped"]) == (
        "abbreviation",
        "Biological Psychiatry",
        "Biol Psychiatry",
    )
    assert (journal["dropped_file"], journal["dropped_entry"]) == (
        str(exports[1]),
        "lenzenweger2007.T2",
    )
    assert str(journal["dropped_line"]) == "7"


def test_merge_report_to_a_file(cli: Cli, exports: list[Path], tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    result = cli("merge-report", *map(str, exports), "-f", "csv", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.strip() == f"wrote 12 differences (csv) to {target}"
    assert (
        target.read_text(encoding="utf-8")
        == cli("merge-report", *map(str, exports), "-f", "csv").stdout
    )


def test_a_command_that_merged_with_differences_says_so_once(cli: Cli, exports: list[Path]) -> None:
    for command in (["show"], ["export"], ["cite"], ["query", "stats"]):
        result = cli(*command, *map(str, exports))
        assert result.returncode == 0, result.stderr
        assert result.stderr.splitlines() == [
            (
                "merged 3 files: 12 differences (0 real) kept by the fuller-value rule; see "
                f"`evidence-graph merge-report {' '.join(map(str, exports))}`"
            )
        ]
    assert cli("show", "kverme2019").stderr == ""


def test_strict_on_the_command_line(cli: Cli, write_study: WriteStudy, exports: list[Path]) -> None:
    zotero, _, crossref = exports
    pubmed = _renamed_title(write_study)
    for command in (["export"], ["show"], ["merge-report"], ["validate"], ["query", "stats"]):
        result = cli(*command, str(zotero), str(pubmed), str(crossref), "--strict")
        assert result.returncode == 1, command
        assert "Traceback" not in result.stderr
        message = " ".join(result.stderr.split())
        assert f"{pubmed}: line 6: lenzenweger2007.TI:" in message
        assert f"that {zotero}, lenzenweger2007.title (line 2) gives the DOI {DOI}" in message
        assert "'DSM-IV personality disorders in the National Comorbidity Survey.'" in message
        assert repr(TITLE) in message
    assert cli("export", *map(str, exports), "--strict").returncode == 0


_FIELD = st.one_of(st.none(), st.text(st.characters(codec="utf-8"), min_size=1, max_size=12))


@settings(max_examples=examples(60))
@given(
    records=st.lists(
        st.fixed_dictionaries(
            {"title": _FIELD, "container_title": _FIELD, "pages": _FIELD, "publisher": _FIELD}
        ),
        min_size=2,
        max_size=3,
    )
)
def test_any_records_of_one_doi_merge_alike_in_every_order(records: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index, record in enumerate(records):
            fields = {key: value for key, value in record.items() if value and value.strip()}
            work = {"id": "w", "type": "journal-article", "doi": DOI, **fields}
            path = Path(folder) / f"{index}.json"
            path.write_text(json.dumps({"works": [work]}), encoding="utf-8")
            paths.append(path)
        exports = {serialize(load(*order)) for order in itertools.permutations(paths)}
        assert len(exports) == 1


def test_a_page_range_shortened_as_pubmed_writes_it_is_one_range(
    write_study: WriteStudy, exports: list[Path]
) -> None:
    zotero, _, crossref = exports
    pubmed = write_study(PUBMED.replace("EP  - 564", "EP  - 64"), "pubmed-short.ris")
    for order in itertools.permutations((zotero, pubmed, crossref)):
        assert load(*order, strict=True).works[0].pages == "553–564"
    [row] = [
        row for row in merge_report(zotero, pubmed, crossref).differences if row.dropped == "553–64"
    ]
    assert (row.field, row.kind.value) == ("pages", "abbreviation")
