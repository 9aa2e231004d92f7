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
- Fields after a stray closing brace (on the entry's line, in the middle of a value, or on
  lines of their own), which BibTeX would drop as a comment: an error naming the file, the
  line, the entry and each lost field; a plain comment between entries is no error.
- A DOI given twice in one file names the other entry by key and line, not ``works[0]``,
  and the file too where other files are loaded beside it.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from bibtexparser import middlewares
from bibtexparser.entrypoint import parse_string
from bibtexparser.model import Entry
from bibtexparser.model import Field as BibField
from helpers import Cli, examples, guarded
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence_graph.io.bibliography import read_bibliography

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
    "a", "b", "é", " ", "  ", "\n", "\\'", "\\o", "\\textbf", "\\frac", "\\\\", "\\ ", "\\&",
    "\\%", "$", "$$", "%", "&", "~", "^", "_", "-", "--", "---", "`", "``", "'", "''", "!", "?",
    "\\(", "\\)", "\\[", "\\]", "[", "]", "#", "\\url", "\\c", "\\emph", "\\relax",
)  # fmt: skip


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
