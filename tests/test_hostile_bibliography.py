"""Hostile and careless bibliographies: each case of issue 15 about BibTeX, RIS and CSL-JSON.

Cases:

- A BibTeX title of 4 MB, plain words around a few LaTeX accents and ligatures (and one
  braced whole, as ``cite`` writes titles), is read and written back in time linear in its
  length: under the hang limit of a guarded run, where decoding it whole took minutes.
- A long LaTeX value, decoded in pieces, decodes as it does whole (a property over text of
  macros, accents, groups, math, environments, comments, ligatures and optional arguments).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from bibtexparser import middlewares
from bibtexparser.entrypoint import parse_string
from bibtexparser.model import Entry
from bibtexparser.model import Field as BibField
from helpers import examples, guarded
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
