"""Hostile and careless bibliographies: each case of issue 15 about BibTeX, RIS and CSL-JSON.

Cases:

- A BibTeX title of 4 MB, plain words around a few LaTeX accents and ligatures (and one
  braced whole, as ``cite`` writes titles), is read and written back in time linear in its
  length: under the hang limit of a guarded run, where decoding it whole took minutes.
- A long LaTeX value, decoded in pieces, decodes as it does whole (a property over text of
  macros, accents, groups, math, environments, comments, ligatures and optional arguments).
- ``@string`` macros joined by ``#`` with quoted and braced text and numbers, one macro made
  of others, and the month macros, read as BibTeX reads them.
- A macro not defined (or defined only after its use), a value ending in ``#``, two parts
  without ``#`` between them, and an ``@string`` that uses an undefined macro: each an error
  naming the file, the line, the entry (or ``@string``) and the field.
- An ``@string`` doubling bomb (``s1 = s0 # s0`` ... ``s39``, 2**40 characters from a 1 kB
  file) and one macro of 200 kB used twenty times in a field: the file's values, macros
  expanded, may have ten times its length (at least 1,000,000 characters) in all; the value
  that would pass that is refused before it is built, naming the line, the ``@string`` or
  entry, and the field, under the memory limit of a guarded run. A macro used in each of
  3,000 entries stays well within it.
- Fields after a stray closing brace (on the entry's line, in the middle of a value, or on
  lines of their own), which BibTeX would drop as a comment: an error naming the file, the
  line, the entry and each lost field; a plain comment between entries is no error.
- Every field of an entry that no work field holds (BibTeX ``translator``, ``language``,
  ``file``, ``urldate``, ``eprint``; CSL-JSON ``original-title``, ``translator``,
  ``language``, ``call-number``; RIS ``C1``, ``J2``; a second journal name of another
  text) is named in one warning per file, each field with its first entry and line and how
  many more entries hold it: the files of Zotero, Mendeley, JabRef and EndNote, and a
  reference manager's export of 2,000 entries, each with ``file``, ``urldate`` and
  ``langid``, give one warning of three lines. Empty fields, and a journal named twice the
  same, are no loss and no warning.
- A BibTeX entry of 50,000 authors is read and written back, and a title in 300,000 nested
  braces is read, each under the hang limit of a guarded run: telling each author from those
  before it, and asking of each brace whether all those around it may be cut, took time
  quadratic in their number (30,000 authors: 62 s; 100,000 braces: 27 s). Two authors of one
  name are still told apart by their ORCID iDs where the format carries them (CSL-JSON), and
  refused where it does not (BibTeX, RIS).
- A DOI given twice in one file names the other entry by key and line, not ``works[0]``,
  and the file too where other files are loaded beside it.
"""

from __future__ import annotations

import tempfile
import warnings
from pathlib import Path
from typing import Any

import pytest
import rispy
from bibtexparser import middlewares
from bibtexparser.entrypoint import parse_string
from bibtexparser.model import Entry
from bibtexparser.model import Field as BibField
from helpers import Cli, examples, guarded
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import corpora

from evidence_graph import Corpus, DroppedFieldsWarning, Work, load
from evidence_graph.exceptions import NotWritableError
from evidence_graph.io import read_bibliography, to_bibtex, to_csl_json, to_ris

# -- 4: a long BibTeX value is read in linear time ----------------------------------------------

WORDS = "Moving Toward {Connectedness} "
REPEATS = 4_000_000 // len(WORDS)
"""How often a long title repeats ``WORDS``: 4 MB, which took minutes to decode whole."""


def _long_title() -> str:
    return "F{\\o}rde -- " + WORDS * REPEATS + "--- the end"


def test_a_long_bibtex_title_is_read_whole(tmp_path: Path) -> None:
    title = _long_title()
    bib = tmp_path / "long.bib"
    bib.write_text(
        f"@article{{long, author = {{Kverme, Britt}}, title = {{{title}}}, year = 2019}}"
    )
    done = guarded("cite", str(bib), "--format", "bibtex")
    assert done.status == 0, done.stderr
    written = done.stdout
    assert "title = {{Førde – Moving Toward Connectedness Moving" in written
    assert written.count("Moving Toward Connectedness ") == REPEATS
    assert "Connectedness — the end}}" in written


def test_a_long_braced_bibtex_title_is_written_and_read_back(tmp_path: Path) -> None:
    title = _long_title()
    bib = tmp_path / "long.bib"
    bib.write_text(f"@article{{long, title = {{{{{title}}}}}, year = 2019}}")  # braced whole
    done = guarded("cite", str(bib), "--format", "bibtex")
    assert done.status == 0, done.stderr
    assert "title = {{Førde – Moving Toward Connectedness Moving" in done.stdout
    assert done.stdout.count("Moving Toward Connectedness ") == REPEATS
    assert "Connectedness — the end}}" in done.stdout


_DECODER = middlewares.LatexDecodingMiddleware()
_ATOMS = (
    "a", "b", "é", " ", "  ", "\n", "\\'", "\\o", "\\textbf", "\\frac", "\\\\ ", "\\ ", "\\&",
    "\\%", "$", "$$", "%", "&", "~", "^", "_", "-", "--", "---", "`", "``", "'", "''", "!", "?",
    "\\(", "\\)", "\\[", "\\]", "[", "]", "#", "\\url", "\\c", "\\emph", "\\relax",
)  # fmt: skip
"""Pieces of LaTeX; '\\\\' (a line break) comes with a space after it, as bibtexparser takes a
brace right after it for an escaped one, and so splits the entry where BibTeX would not."""


def _latex(depth: int = 2) -> st.SearchStrategy[str]:
    """Draw LaTeX text whose braces are balanced, as a BibTeX value's must be."""
    atom = st.sampled_from(_ATOMS)
    if depth:
        inner = _latex(depth - 1)
        group = inner.map(lambda text: "{" + text + "}")
        environment = inner.map(lambda text: "\\begin{x}" + text + "\\end{x}")
        atom = st.one_of(atom, group, environment)
    return st.lists(atom, max_size=12).map("".join)


def _decoded_whole(text: str) -> str:
    """Return a BibTeX value as bibtexparser decodes it in one piece, white space collapsed."""
    block = _DECODER.transform_entry(Entry("article", "k", [BibField("title", text)]), None)  # type: ignore[arg-type]
    assert isinstance(block, Entry)
    return " ".join(block.fields[0].value.split())


@settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_latex(), min_size=1, max_size=6), st.integers(600, 1200))
def test_a_long_latex_value_decodes_in_pieces_as_whole(parts: list[str], length: int) -> None:
    pattern = " ".join(parts) + " "
    text = "plain " + pattern * (length // len(pattern) + 1)
    source = f"@article{{k, title = {{{text}}}}}"
    library = parse_string(source)
    if library.failed_blocks or not library.entries:
        return  # not BibTeX (e.g. a value ending in a backslash): the reader reports that
    value = library.entries[0]["title"]
    expected = _decoded_whole(value).strip()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "k.bib")
        path.write_text(source, encoding="utf-8")
        works = read_bibliography(path).data["works"]
    assert works[0].get("title") == (expected or None)


# -- 13: @string concatenation, fields lost to a stray brace, a DOI clash named by entry -------

STRINGS = r"""@string{jn = "Journal of"}
@string{PD = {Personality} # " " # "Disorders"}
@string{full = jn # " " # pd}

@article{lieb2004,
  title = "Borderline " # {Personality Disorder} # ", " # 2 # "nd part",
  journal = full,
  volume = 1 # "8",
  year = 20 # {04},
}
"""


def test_string_macros_are_joined_as_bibtex_joins_them(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(STRINGS, encoding="utf-8")
    [work] = read_bibliography(bib).data["works"]
    assert work["title"] == "Borderline Personality Disorder, 2nd part"
    assert work["container_title"] == "Journal of Personality Disorders"
    assert work["volume"] == "18"
    assert work["year"] == 2004


@pytest.mark.parametrize(
    ("value", "line", "expected"),
    [
        ("jnl", 3, "lieb2004.journal: the @string 'jnl' is not defined"),
        ("jn #", 3, "lieb2004.journal: a value ends after '#'"),
        ('jn " of"', 3, "lieb2004.journal: expected '#' between the parts of a value"),
        ("later", 3, "lieb2004.journal: the @string 'later' is not defined; expected an @string"),
    ],
)
def test_a_value_that_is_not_bibtex_names_the_entry_field_and_line(
    cli: Cli, tmp_path: Path, value: str, line: int, expected: str
) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(
        '@string{jn = "J"}\n@article{lieb2004, title = {T},\n journal = '
        + value
        + "}\n@string{later = {L}}\n",
        encoding="utf-8",
    )
    result = cli("cite", str(bib))
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {bib}: line {line}: {expected}")
    assert "Traceback" not in result.stderr


def test_an_undefined_string_in_a_string_is_named(cli: Cli, tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text('@string{a = b # "x"}\n@article{k, title = a}\n', encoding="utf-8")
    result = cli("cite", str(bib))
    assert result.returncode == 1
    assert result.stderr == (
        f"error: {bib}: line 1: @string.a: the @string 'b' is not defined; expected an @string "
        "that defines it before it is used, or the text in braces\n"
    )


BUDGET_REFUSAL = (
    "its @string macros would make the file's values longer than {limit} characters in all "
    "(10 times the file's length, or 1,000,000 if more); expected macros that do not multiply "
    "the text, such as an @string made of another twice over\n"
)


def test_a_string_doubling_bomb_is_refused_by_its_line(tmp_path: Path) -> None:
    bib = tmp_path / "strbomb.bib"
    doubled = [f"@string{{s{n} = s{n - 1} # s{n - 1}}}" for n in range(1, 40)]
    bib.write_text("\n".join(['@string{s0="ab"}', *doubled, "@article{k, title = s39}\n"]))
    done = guarded("cite", str(bib))
    assert done.status == 1, done.stderr
    assert done.stdout == ""
    # s0 to s17 hold 2 + 4 + ... + 2**18 characters; s18, 2**19 more, would pass 1,000,000
    assert done.stderr == f"error: {bib}: line 19: @string.s18: " + BUDGET_REFUSAL.format(
        limit="1,000,000"
    )


def test_a_macro_used_over_and_over_in_one_field_is_refused(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    text = "@string{big = {" + "x" * 200_000 + "}}\n@article{k,\n title = " + "big # " * 20
    bib.write_text(text + "{end}}\n")
    done = guarded("cite", str(bib))
    assert done.status == 1, done.stderr
    assert done.stdout == ""
    limit = f"{10 * len(bib.read_text()):,}"
    assert done.stderr == f"error: {bib}: line 3: k.title: " + BUDGET_REFUSAL.format(limit=limit)


def test_a_macro_used_in_every_entry_is_within_the_budget(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    journal = "Journal of Personality Disorders and Their Treatment in Practice"
    entries = [f"@article{{e{n}, title = {{T{n}}}, journal = j}}" for n in range(3_000)]
    bib.write_text("\n".join([f"@string{{j = {{{journal}}}}}", *entries]))
    works = read_bibliography(bib).data["works"]
    assert [work["container_title"] for work in works] == [journal] * 3_000


@pytest.mark.parametrize(
    ("entry", "line", "lost"),
    [
        ("@article{k, title = {Moving}}, year = 2004, doi = {10.1/x}}", 2, "year, doi"),
        ("@article{k, title = {Moving}} Toward}, year = 2004}", 2, "year"),
        (
            "@article{k,\n  title = {Moving}},\n  year = 2004,\n  pages = {1--2},\n}",
            3,
            "year, pages",
        ),
    ],
)
def test_fields_lost_after_a_stray_brace_are_an_error(
    cli: Cli, tmp_path: Path, entry: str, line: int, lost: str
) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(f"@article{{first, title = {{F}}}}\n{entry}\n", encoding="utf-8")
    result = cli("cite", str(bib))
    assert result.returncode == 1
    assert result.stderr.startswith(
        f"error: {bib}: line {line}: k: the entry ends before its field(s) {lost}, which BibTeX "
        "would drop: a closing brace ends it early; expected the braces of each value to balance"
    )


def test_a_comment_between_entries_is_no_lost_field(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(
        "@article{a, title = {A}}\nRead these two first.\n@article{b, title = {B}}\n",
        encoding="utf-8",
    )
    assert [work["id"] for work in read_bibliography(bib).data["works"]] == ["a", "b"]


def test_a_doi_clash_in_one_file_names_the_other_entry(cli: Cli, tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(
        "@article{one, title = {A}, doi = {10.1000/xyz}}\n"
        "@article{two, title = {B}, doi = {10.1000/XYZ}}\n",
        encoding="utf-8",
    )
    result = cli("cite", str(bib))
    assert result.returncode == 1
    assert result.stderr == (
        f"error: {bib}: line 2: two.doi: the entry 'one' (line 1) has the same doi "
        "'10.1000/xyz': expected one entity for each public identifier\n"
    )


def test_a_doi_clash_beside_another_file_names_the_file_and_entry(cli: Cli, tmp_path: Path) -> None:
    first, second = tmp_path / "a.bib", tmp_path / "b.bib"
    first.write_text("@article{zero, title = {Z}, doi = {10.1000/abc}}\n", encoding="utf-8")
    second.write_text(
        "@article{one, title = {A}, doi = {10.1000/xyz}}\n"
        "@article{two, title = {B}, doi = {10.1000/XYZ}}\n",
        encoding="utf-8",
    )
    result = cli("cite", str(first), str(second))
    assert result.returncode == 1
    assert result.stderr == (
        f"error: {second}: line 2: two.doi: {second}, the entry 'one' (line 1) has the same doi "
        "'10.1000/xyz': expected one entity for each public identifier\n"
    )


# -- 23: RIS out, and the abstract, ISBN, editors, month and note of other tools' files -------

HOSTILE = Path(__file__).parent / "hostile" / "bibliography"
KVERME_ABSTRACT = "Borderline personality disorder (BPD) is a severe mental disorder."


def test_cite_writes_ris_that_rispy_and_our_reader_read(cli: Cli, tmp_path: Path) -> None:
    result = cli("cite", "bpd-literature", "--format", "ris")
    assert result.returncode == 0, result.stderr
    assert cli("cite", "bpd-literature", "--format", "ris").stdout == result.stdout
    assert not result.stdout.startswith("1.")  # no numbered line before a record
    records = rispy.loads(result.stdout)
    corpus = load("bpd-literature")
    assert [record["id"] for record in records] == sorted(work.id for work in corpus.works)
    by_id = {record["id"]: record for record in records}
    paper = corpus.get("kverme2019-paper")
    assert isinstance(paper, Work)
    assert by_id[paper.id]["title"] == paper.title
    assert by_id[paper.id]["doi"] == paper.doi
    assert by_id[paper.id]["custom7"] == "430"
    assert by_id[paper.id]["authors"][0] == "Kverme, Britt"
    target = tmp_path / "refs.ris"
    assert cli("cite", "bpd-literature", "-f", "ris", "-o", str(target)).returncode == 0
    assert load("bpd-literature", target) == corpus  # RIS's works join the dataset's by DOI


OTHER_TOOLS = {
    "zotero.bib": {
        "bateman_mentalization-based_2016": {
            "isbn": "978-0-19-968037-5",
            "abstract": "Mentalization-based treatment (MBT) is an evidence-based "
            "psychotherapy for borderline personality disorder.",
            "note": "Second edition",
        },
        "gunderson_borderline_2014": {"pages": "1019–1044"},
    },
    "mendeley.bib": {
        "Kverme2019": {"abstract": KVERME_ABSTRACT + " Recovery is possible.", "year": 2019},
    },
    "jabref.bib": {
        "Kverme2019": {"abstract": KVERME_ABSTRACT, "container_title": "Frontiers in Psychology"},
        "Linehan1993": {"isbn": "0-89862-183-6", "note": "Chapter 1", "year": 1993},
    },
    "endnote.ris": {
        "kverme2019": {"abstract": KVERME_ABSTRACT, "note": "PMC6403141", "issn": "1664-1078"},
        "gunderson2014": {"isbn": "978-1-58562-442-3", "pages": "1019–1044"},
    },
    "zotero.csl.json": {
        "http-zotero.org-users-12345-items-ABCD2345": {
            "abstract": KVERME_ABSTRACT + "\n\nRecovery is possible.",
            "note": "PMID: 30873097\nPMCID: PMC6403141",
        },
        "http-zotero.org-users-12345-items-EFGH6789": {"isbn": "978-0-19-968037-5"},
    },
}
DROPPED = {
    "zotero.bib": [
        "address: line 3: bateman_mentalization-based_2016, and 1 more entry",
        "edition: line 4: bateman_mentalization-based_2016",
        "shorttitle: line 7: bateman_mentalization-based_2016",
        "language: line 9: bateman_mentalization-based_2016",
        "month: line 12: bateman_mentalization-based_2016",
        "editor: line 24: gunderson_borderline_2014",
    ],
    "mendeley.bib": [
        "file: line 5: Kverme2019",
        "mendeley-groups: line 9: Kverme2019",
        "month: line 10: Kverme2019",
    ],
    "jabref.bib": [
        "comment: line 13: Kverme2019",
        "owner: line 14: Kverme2019",
        "creationdate: line 15: Kverme2019",
        "the month of date: line 21: Linehan1993",
        "editor: line 22: Linehan1993",
    ],
    "endnote.ris": [
        "J2: line 8: kverme2019",
        "AN: line 19: kverme2019",
        "LA: line 20: kverme2019",
        "ED: line 25: gunderson2014",
        "CY: line 29: gunderson2014",
        "the month of DA: line 31: gunderson2014",
    ],
    "zotero.csl.json": [
        # Zotero indents with tabs, which YAML refuses and JSON allows: the lines are found.
        "journalAbbreviation: line 9: http://zotero.org/users/12345/items/ABCD2345",
        "language: line 10: http://zotero.org/users/12345/items/ABCD2345",
        "source: line 13: http://zotero.org/users/12345/items/ABCD2345",
        "editor: line 32: http://zotero.org/users/12345/items/EFGH6789",
        "the month of issued: line 35: http://zotero.org/users/12345/items/EFGH6789",
    ],
}
"""The fields that each tool's file holds and a work does not, as the one warning names them."""


def _read_warned(path: Path) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Read a bibliography; return its works by id and the warnings of dropped fields."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        works = {work["id"]: work for work in read_bibliography(path).data["works"]}
    assert all(issubclass(warning.category, DroppedFieldsWarning) for warning in caught)
    return works, [str(warning.message) for warning in caught]


@pytest.mark.parametrize("name", sorted(OTHER_TOOLS))
def test_other_tools_files_keep_abstract_isbn_and_note(name: str) -> None:
    works, _ = _read_warned(HOSTILE / name)
    for work_id, fields in OTHER_TOOLS[name].items():
        assert {field: works[work_id].get(field) for field in fields} == fields


@pytest.mark.parametrize("name", sorted(DROPPED))
def test_other_tools_fields_without_a_place_are_warned_of_once_by_field(name: str) -> None:
    _, warned = _read_warned(HOSTILE / name)
    path = HOSTILE / name
    fields = DROPPED[name]
    head = f"{path}: {len(fields)} fields left out, as a work holds no place for them:"
    assert warned == ["\n  ".join([head, *fields])]


def test_cite_prints_the_warning_of_a_dropped_editor(cli: Cli) -> None:
    result = cli("cite", str(HOSTILE / "zotero.bib"))
    assert result.returncode == 0
    assert result.stderr.startswith(
        f"warning: {HOSTILE / 'zotero.bib'}: 6 fields left out, as a work holds no place for "
        "them:\n  address: line 3: bateman_mentalization-based_2016, and 1 more entry\n"
    )
    assert "\n  editor: line 24: gunderson_borderline_2014\n" in result.stderr


UNREAD = [
    (
        "refs.bib",
        (
            "@article{a,\n title = {T},\n translator = {Doe, Jane},\n language = {norwegian},\n"
            " file = {a.pdf},\n urldate = {2024-01-02},\n eprint = {2101.00001},\n year = 2019}\n"
        ),
        [
            "translator: line 3: a",
            "language: line 4: a",
            "file: line 5: a",
            "urldate: line 6: a",
            "eprint: line 7: a",
        ],
    ),
    (
        "refs.csl.json",
        (
            '[{"id": "a", "type": "book", "title": "T", "original-title": "O",\n'
            ' "translator": [{"family": "Doe"}], "language": "nb", "call-number": "RC569",\n'
            ' "editor": [], "note": ""}]\n'
        ),
        [
            "original-title: line 1: a",
            "translator: line 2: a",
            "language: line 2: a",
            "call-number: line 2: a",
        ],
    ),
    (
        "refs.ris",
        "TY  - JOUR\nID  - a\nTI  - T\nC1  - Oslo\nJ2  - Front Psychol\nER  - \n",
        ["C1: line 4: a", "J2: line 5: a"],
    ),
    (
        "other.bib",  # of two journal names the second is kept nowhere; the same name twice is
        (  # no loss, and an empty field none either
            "@article{a, title = {T}, journal = {J}, journaltitle = {K}}\n"
            "@article{b, title = {T}, journal = {J}, journaltitle = { J }, booktitle = {}}\n"
        ),
        ["journaltitle: line 1: a"],
    ),
]


@pytest.mark.parametrize(("name", "text", "fields"), UNREAD)
def test_every_field_not_read_is_named_in_the_warning(
    tmp_path: Path, name: str, text: str, fields: list[str]
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    _, warned = _read_warned(path)
    count = f"{len(fields)} fields" if len(fields) > 1 else "1 field"
    them = "them" if len(fields) > 1 else "it"
    head = f"{path}: {count} left out, as a work holds no place for {them}:"
    assert warned == ["\n  ".join([head, *fields])]


def test_a_reference_managers_export_gives_one_warning_counting_entries(tmp_path: Path) -> None:
    entries = [
        f"@article{{e{n},\n title = {{T{n}}},\n file = {{e{n}.pdf}},\n urldate = {{2024-01-02}},"
        f"\n langid = {{english}},\n keywords = {{bpd}},\n year = 2019}}\n"
        for n in range(2_000)
    ]
    entries[5] = entries[5].replace(" langid = {english},\n", "")
    path = tmp_path / "zotero.bib"
    path.write_text("".join(entries), encoding="utf-8")
    works, warned = _read_warned(path)
    assert len(works) == 2_000
    expected = (
        f"{path}: 3 fields left out, as a work holds no place for them:\n"
        "  file: line 3: e0, and 1,999 more entries\n"
        "  urldate: line 4: e0, and 1,999 more entries\n"
        "  langid: line 5: e0, and 1,998 more entries"
    )
    assert warned == [expected]


def test_a_file_with_every_field_read_gives_no_warning(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_text("@article{a, title = {T}, journal = {J}, year = 2019, month = {}}\n")
    _, warned = _read_warned(path)
    assert warned == []


WRITERS = {
    "bibtex": (to_bibtex, "out.bib"),
    "csl-json": (to_csl_json, "out.json"),
    "ris": (to_ris, "out.ris"),
}


@pytest.mark.parametrize("form", sorted(WRITERS))
@pytest.mark.parametrize("name", sorted(OTHER_TOOLS))
def test_kept_fields_are_written_in_every_format(name: str, form: str, tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DroppedFieldsWarning)
        corpus = load(HOSTILE / name)
    writer, target = WRITERS[form]
    (tmp_path / target).write_text(writer(corpus), encoding="utf-8")
    again = load(tmp_path / target)
    spaced = form != "csl-json"  # BibTeX and RIS carry white space as single spaces
    for work in corpus.works:
        other = again.get(work.id)
        assert isinstance(other, Work)
        for field in ("isbn", "abstract", "note"):
            value = getattr(work, field)
            if spaced and value is not None:
                value = " ".join(value.split())
            assert getattr(other, field) == value, (work.id, field)


def test_ris_written_gives_rispy_the_abstract_isbn_and_note() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DroppedFieldsWarning)
        corpus = load(HOSTILE / "zotero.bib")
    [book, chapter] = rispy.loads(to_ris(corpus))
    assert book["type_of_reference"] == "BOOK"
    assert book["issn"] == "978-0-19-968037-5"  # rispy's key for SN, which holds ISBNs too
    assert book["abstract"].startswith("Mentalization-based treatment (MBT)")
    assert book["notes"] == ["Second edition"]
    assert (chapter["type_of_reference"], chapter["start_page"], chapter["end_page"]) == (
        "CHAP",
        "1019",
        "1044",
    )


def test_a_wrong_isbn_names_the_entry_and_line(cli: Cli, tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text("@book{b,\n  title = {B},\n  isbn = {978-0-19-968037-4},\n}\n")
    result = cli("cite", str(bib))
    assert result.returncode == 1
    assert result.stderr == (
        f"error: {bib}: line 3: b.isbn: '978-0-19-968037-4' is not an ISBN: its check digit "
        "is wrong\n"
    )


def test_ris_refuses_a_work_with_both_an_issn_and_an_isbn(cli: Cli, tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text("@book{b, title = {B}, issn = {1664-1078}, isbn = {0-89862-183-6}}\n")
    result = cli("cite", str(bib), "--format", "ris")
    assert result.returncode == 1
    assert "work 'b': RIS cannot carry its isbn '0-89862-183-6' as it is" in result.stderr


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora())
def test_ris_read_back_writes_the_same_ris(corpus: Corpus) -> None:
    try:
        text = to_ris(corpus)
    except NotWritableError:
        return  # a value RIS cannot carry as it is, which the writer names
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "refs.ris")
        path.write_text(text, encoding="utf-8")
        assert to_ris(load(path)) == text


# -- many authors, deep braces: read and written in time linear in their number -----------------


def test_fifty_thousand_authors_are_read_and_written(tmp_path: Path) -> None:
    bib = tmp_path / "many.bib"
    names = " and ".join(f"Family{n}, Given{n}" for n in range(50_000))
    bib.write_text(f"@article{{many, title = {{T}}, year = 2019, author = {{{names}}}}}\n")
    done = guarded("cite", str(bib), "--format", "bibtex")
    assert done.status == 0, done.stderr
    assert done.stdout.count(" and ") == 49_999
    assert "Family0, Given0 and Family1, Given1 and" in done.stdout
    assert "Family49999, Given49999}" in done.stdout


def test_a_title_of_300_000_nested_braces_is_read(tmp_path: Path) -> None:
    bib = tmp_path / "deep.bib"
    depth = 300_000
    bib.write_text(f"@article{{deep, title = {{{'{' * depth}Deep{'}' * depth}}}, year = 2019}}\n")
    done = guarded("cite", str(bib), "--format", "csl-json")
    assert done.status == 0, done.stderr
    assert '"title": "Deep"' in done.stdout


TWINS = (
    '[{"id": "a", "type": "article-journal", "title": "T", "author": ['
    '{"family": "Lee", "given": "Min", "ORCID": "https://orcid.org/0000-0002-1825-0097"}, '
    '{"family": "Lee", "given": "Min", "ORCID": "https://orcid.org/0000-0001-5109-3700"}]}]'
)
"""Two authors of one name, told apart by their ORCID iDs alone."""


@pytest.mark.parametrize(("form", "status"), [("bibtex", 1), ("ris", 1), ("csl-json", 0)])
def test_two_authors_of_one_name_are_written_only_with_their_orcids(
    cli: Cli, tmp_path: Path, form: str, status: int
) -> None:
    path = tmp_path / "twins.csl.json"
    path.write_text(TWINS, encoding="utf-8")
    result = cli("cite", str(path), "--format", form)
    assert result.returncode == status
    if status:
        name = {"bibtex": "BibTeX", "ris": "RIS"}[form]
        assert result.stderr == (
            f"error: work 'a': {name} cannot tell its author 'lee-min-2' from an earlier author "
            "of the same name 'Min Lee'\n"
        )
    else:
        assert result.stdout.count('"family": "Lee"') == 2
