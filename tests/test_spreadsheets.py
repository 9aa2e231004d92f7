"""Spreadsheets of quotes (.csv, .tsv, .xlsx) as sources, written as other programs write them.

The CSV and TSV files are byte strings as Excel and LibreOffice save them (a byte order mark,
CR LF, quoted cells with line breaks and doubled quotes); the workbooks are made with openpyxl
or written part by part from the standard (``helpers.workbook_parts``). Each is loaded beside
the built-in kverme2019 study (or ng2019 of the examples), whose themes the cells name.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
import rdflib
from helpers import Cli, Server, workbook_parts

import evidence_graph as eg
from evidence_graph import Quote, StudyFileError, UnknownColumnWarning
from evidence_graph.io import SPREADSHEET_SUFFIXES, read_spreadsheet, resolve_sources

ROOT = Path(__file__).parents[1]
NG2019 = str(ROOT / "examples" / "studies" / "ng2019.yaml")
PAPER = "kverme2019-paper"

# As Excel saves "CSV UTF-8": a byte order mark, CR LF after each row, a cell with a line
# break (a bare LF, as Excel keeps it within a cell) or a double quote enclosed in quotes.
EXCEL_CSV = (
    b"\xef\xbb\xbfStudy,Theme,Quote,Speaker\r\n"
    b'kverme2019,Daring to Belong,"  I said ""no"",\r\nand then \xe2\x80\x9cyes\xe2\x80\x9d'
    b' \xf0\x9f\x98\x80 ",P9\r\n'
    b"kverme2019,daring-to-belong,\xf0\x9d\x84\x9e plain words\xc2\xa0,\r\n"
)


def write(tmp_path: Path, name: str, content: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def sheet_quotes(corpus: eg.Corpus, path: Path) -> dict[str, Quote]:
    """The quotes of a corpus whose ids the sheet's rows gave, by id."""
    prefix = eg.ids.slugify(path.stem, lower=True) + "-"
    return {quote.id: quote for quote in corpus.quotes if quote.id.startswith(prefix)}


def error_of(*sources: str | Path) -> str:
    with pytest.raises(StudyFileError) as raised:
        eg.load(*sources)
    return str(raised.value)


# -- CSV and TSV as other programs write them ----------------------------------------------------


def test_a_csv_as_excel_writes_it_gives_each_quote_byte_for_byte(tmp_path: Path) -> None:
    path = write(tmp_path, "excel.csv", EXCEL_CSV)
    quotes = sheet_quotes(eg.load("kverme2019", path), path)
    assert sorted(quotes) == ["excel-row-2", "excel-row-3"]
    first, second = quotes["excel-row-2"], quotes["excel-row-3"]
    assert first.text == '  I said "no",\r\nand then \u201cyes\u201d \U0001f600 '
    assert second.text == "\U0001d11e plain words\u00a0"
    assert first.themes == second.themes == ("daring-to-belong",)
    assert (first.speaker, second.speaker) == ("P9", None)
    assert first.read_in == first.appears_in == PAPER  # the study's first report, by default
    assert first.role is eg.QuoteRole.SUPPORTING


def test_the_rdf_export_keeps_the_words(tmp_path: Path, cli: Cli) -> None:
    path = write(tmp_path, "excel.csv", EXCEL_CSV)
    out = tmp_path / "out.ttl"
    done = cli("export", "kverme2019", str(path), "-o", str(out))
    assert done.returncode == 0, done.stderr
    graph = rdflib.Graph().parse(out)
    exact = {str(o) for o in graph.objects(None, rdflib.URIRef("http://www.w3.org/ns/oa#exact"))}
    assert '  I said "no",\r\nand then \u201cyes\u201d \U0001f600 ' in exact


def test_a_tsv_is_split_at_tabs_only(tmp_path: Path) -> None:
    text = (
        "study\ttheme\tquote\tid\n"
        "kverme2019\tMaking Room for Recovery\tcommas, semicolons; kept\tq1\n"
        'kverme2019\tMaking Room for Recovery\t"a\ttab, quoted"\tq2\n'
    )
    path = write(tmp_path, "quotes.tsv", text)
    corpus = eg.load("kverme2019", path)
    texts = {q.id: q.text for q in corpus.quotes if q.id in {"q1", "q2"}}
    assert texts == {"q1": "commas, semicolons; kept", "q2": "a\ttab, quoted"}


def test_a_csv_with_semicolons_as_excel_writes_it_in_many_languages(tmp_path: Path) -> None:
    text = 'study;theme;quote\r\nkverme2019;Daring to Belong;"one, two; three"\r\n'
    path = write(tmp_path, "semi.csv", text)
    [quote] = sheet_quotes(eg.load("kverme2019", path), path).values()
    assert quote.text == "one, two; three"


def test_headers_match_in_any_case_and_spacing_but_cells_are_kept(tmp_path: Path) -> None:
    text = " STUDY ,Theme , QuOtE,Role\nkverme2019,Daring to Belong,  spaced  , Contrasting \n"
    path = write(tmp_path, "case.csv", text)
    [quote] = sheet_quotes(eg.load("kverme2019", path), path).values()
    assert quote.text == "  spaced  "
    assert quote.role is eg.QuoteRole.CONTRASTING


def test_smart_quotes_and_characters_outside_the_bmp_are_kept(tmp_path: Path) -> None:
    words = (
        "\u2018it\u2019s \u201cmine\u201d\u2019 \U0001f9e1\U0001f3f3\ufe0f\u200d\U0001f308 \u2026"
    )
    path = write(tmp_path, "smart.csv", f"study,theme,quote\nkverme2019,hope,{words}\n")
    study = {
        "works": [{"id": "w", "type": "journal-article", "title": "T"}],
        "studies": [{"id": "kverme2019", "design": "qualitative", "reported_in": ["w"]}],
        "themes": [{"id": "hope", "study": "kverme2019", "label": "Hope"}],
    }
    yaml_path = write(tmp_path, "study.json", json.dumps(study))
    [quote] = sheet_quotes(eg.load(yaml_path, path), path).values()
    assert quote.text == words
    assert quote.read_in == "w"


# -- themes by label, several themes, several studies -------------------------------------------


def test_themes_are_named_by_id_label_or_other_label(tmp_path: Path) -> None:
    text = (
        "study,theme,quote\n"
        "kverme2019,learning-to-hold-ones-own,by id\n"
        "kverme2019,Learning to Hold One\u2019s Own,by label\n"
        "kverme2019,  learning to hold ONE'S own ,folded\n"
        "kverme2019,working toward connectedness,other label\n"
    )
    path = write(tmp_path, "labels.csv", text)
    quotes = sheet_quotes(eg.load("kverme2019", path), path)
    assert {q.text: q.themes for q in quotes.values()} == {
        "by id": ("learning-to-hold-ones-own",),
        "by label": ("learning-to-hold-ones-own",),
        "folded": ("learning-to-hold-ones-own",),
        "other label": ("moving-toward-connectedness",),
    }


def test_rows_of_one_id_are_one_quote_with_the_themes_of_all(tmp_path: Path) -> None:
    text = (
        "id,study,theme,quote,speaker,role,page\n"
        "q7,kverme2019,Daring to Belong,same words,P2,contrasting,4\n"
        "q7,kverme2019,Making Room for Recovery,same words,,\n"
        "q8,kverme2019,Daring to Belong,other words,,\n"
    )
    path = write(tmp_path, "joined.csv", text)
    corpus = eg.load("kverme2019", path)
    quotes = {q.id: q for q in corpus.quotes if q.id in {"q7", "q8"}}
    assert set(quotes["q7"].themes) == {"daring-to-belong", "making-room-for-recovery"}
    assert (quotes["q7"].speaker, quotes["q7"].role) == ("P2", eg.QuoteRole.CONTRASTING)
    assert quotes["q7"].page == "4"
    assert quotes["q8"].themes == ("daring-to-belong",)


def test_rows_of_one_id_must_give_the_same_words(tmp_path: Path) -> None:
    text = (
        "id,study,theme,quote\n"
        "q7,kverme2019,Daring to Belong,same words\n"
        "q7,kverme2019,Making Room for Recovery,same words \n"
    )
    path = write(tmp_path, "differ.csv", text)
    assert error_of("kverme2019", path) == (
        f'{path}: row 3, column "quote": the quote differs from the one row 2, column "quote" '
        "gives for the id 'q7'; expected the same words in every row of one quote"
    )


def test_one_sheet_holds_quotes_of_several_studies(tmp_path: Path) -> None:
    text = (
        "study,theme,quote,speaker,subgroup\n"
        "kverme2019,Daring to Belong,from the first,,\n"
        "ng2019,hope,from the second,Anna,ng2019-recovered\n"
        "ng2019,being stuck,again Anna,Anna,\n"
    )
    path = write(tmp_path, "two.csv", text)
    corpus = eg.load("kverme2019", NG2019, path)
    quotes = sheet_quotes(corpus, path)
    assert {(q.study, q.text, q.themes) for q in quotes.values()} == {
        ("kverme2019", "from the first", ("daring-to-belong",)),
        ("ng2019", "from the second", ("hope",)),
        ("ng2019", "again Anna", ("being-stuck",)),
    }
    assert {q.read_in for q in quotes.values()} == {PAPER, "ng2019-paper"}
    [anna] = [p for p in corpus.participants if p.name == "Anna"]
    assert (anna.id, anna.study, anna.sample) == ("anna", "ng2019", "ng2019-recovered")
    assert {q.participant for q in quotes.values() if q.study == "ng2019"} == {"anna"}


def test_a_subgroup_is_named_by_its_description_too(tmp_path: Path) -> None:
    text = "study,theme,quote,speaker,subgroup\nkverme2019,hope,w,P1,Recently diagnosed with BPD\n"
    path = write(tmp_path, "sub.csv", text.replace("hope", "Daring to Belong"))
    corpus = eg.load("kverme2019", path)
    [person] = corpus.participants
    assert (person.name, person.sample) == ("P1", "kverme2019-participants")


def test_the_work_column_names_a_work_by_id_or_doi(tmp_path: Path) -> None:
    text = (
        "study,theme,quote,work\n"
        "kverme2019,Daring to Belong,by id,psychology-today-4-keys\n"
        "kverme2019,Daring to Belong,by doi,https://doi.org/10.3389/FPSYG.2019.00430\n"
    )
    path = write(tmp_path, "works.csv", text)
    quotes = sheet_quotes(eg.load("kverme2019", path), path)
    assert {q.text: q.read_in for q in quotes.values()} == {
        "by id": "psychology-today-4-keys",
        "by doi": PAPER,
    }


def test_the_page_column_gives_the_quote_s_page(tmp_path: Path) -> None:
    text = "study,theme,quote,page\nkverme2019,Daring to Belong,w,7-8\n"
    path = write(tmp_path, "pages.csv", text)
    [quote] = sheet_quotes(eg.load("kverme2019", path), path).values()
    assert quote.page == "7-8"


def test_a_folder_picks_up_sheets_beside_study_files(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    write(folder, "a.tsv", "study\ttheme\tquote\nng2019\thope\tw\n")
    (folder / "ng2019.yaml").write_bytes(Path(NG2019).read_bytes())
    assert [path.name for path in resolve_sources([folder])] == ["a.tsv", "ng2019.yaml"]
    assert any(q.text == "w" for q in eg.load(folder).quotes)
    assert set(SPREADSHEET_SUFFIXES) == {".csv", ".tsv", ".xlsx"}


def test_a_folder_leaves_out_the_lock_file_of_a_workbook_open_in_excel(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    write(folder, "a.tsv", "study\ttheme\tquote\nng2019\thope\tw\n")
    (folder / "~$quotes.xlsx").write_bytes(b"\x0bAnna\x00" + bytes(150))  # as Office writes one
    (folder / "ng2019.yaml").write_bytes(Path(NG2019).read_bytes())
    assert [path.name for path in resolve_sources([folder])] == ["a.tsv", "ng2019.yaml"]


def test_a_carriage_return_excel_escapes_in_a_workbook_is_read_as_one(tmp_path: Path) -> None:
    rows = [["study", "theme", "quote"], ["kverme2019", "Daring to Belong", "  one_x000D_\ntwo "]]
    path = tmp_path / "excel.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in workbook_parts(rows).items():
            archive.writestr(name, data)
    [quote] = sheet_quotes(eg.load("kverme2019", path), path).values()
    assert quote.text == "  one\r\ntwo "


def test_ids_are_stable_and_follow_the_rows(tmp_path: Path) -> None:
    text = "study,theme,quote\n\nkverme2019,Daring to Belong,first\n,,\nkverme2019,hope,second\n"
    text = text.replace("hope", "daring-to-belong")
    path = write(tmp_path, "My Quotes (v2).csv", text)
    first = sorted(sheet_quotes(eg.load("kverme2019", path), path))
    assert first == ["my-quotes-v2-row-3", "my-quotes-v2-row-5"]
    assert sorted(sheet_quotes(eg.load("kverme2019", path), path)) == first


# -- workbooks ----------------------------------------------------------------------------------


def excel_workbook(path: Path) -> Path:
    """A workbook as a researcher keeps one: a cover sheet first, the quotes on another."""
    book = openpyxl.Workbook()
    cover = book.active
    assert cover is not None
    cover.title = "About"
    cover["A1"] = "Extraction table, second round"
    sheet = book.create_sheet("Quotes")
    sheet.append(["Study", "Theme", "Quote", "Speaker", "Page", "Coder notes"])
    sheet.append(["kverme2019", "Daring to Belong", " I felt \u201cseen\u201d \U0001f600\n", 7, 3])
    sheet.append([])  # an empty row
    sheet.append(["kverme2019", "daring-to-belong", "second", 12.0, "4-5"])
    sheet.merge_cells("F2:F4")
    sheet["F2"] = "checked"
    book.save(path)
    return path


def test_a_workbook_s_sheet_named_quotes_is_read(tmp_path: Path) -> None:
    path = excel_workbook(tmp_path / "table.xlsx")
    with pytest.warns(UnknownColumnWarning) as caught:
        corpus = eg.load("kverme2019", path)
    assert [str(w.message) for w in caught] == [
        (
            f"{path}: the column 'Coder notes' is not read; a sheet of quotes has the columns "
            "study, theme, quote, id, speaker, subgroup, role, page and work"
        )
    ]
    quotes = sheet_quotes(corpus, path)
    assert {q.id: (q.text, q.speaker, q.page) for q in quotes.values()} == {
        "table-row-2": (" I felt \u201cseen\u201d \U0001f600\n", "7", "3"),
        "table-row-4": ("second", "12", "4-5"),
    }


def test_a_workbook_s_first_sheet_is_read_whatever_its_name(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Extraction 2019"
    sheet.append(["study", "theme", "quote"])
    sheet.append(["kverme2019", "No Such Theme", "w"])
    book.create_sheet("Other")
    book.save(path := tmp_path / "first.xlsx")
    assert error_of("kverme2019", path) == (
        f"{path}: 'Extraction 2019'!B2: 'No Such Theme' is neither the id nor the label of a "
        "theme of the study 'kverme2019'; expected the id or label of one of its 5 themes"
    )


def test_a_number_in_a_quote_cell_is_refused(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["study", "theme", "quote"])
    sheet.append(["kverme2019", "Daring to Belong", 1234.5])
    book.save(path := tmp_path / "number.xlsx")
    assert error_of("kverme2019", path) == (
        f"{path}: Sheet!C2: the quote is a number (1234.5), not text; expected the words as "
        "written (format the column as text, so that the spreadsheet keeps them as they are)"
    )


def test_a_formula_s_saved_value_is_read_and_one_without_is_refused(tmp_path: Path) -> None:
    header = ["study", "theme", "quote"]
    saved = (
        '<row r="2"><c r="A2" t="inlineStr"><is><t>kverme2019</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>Daring to Belong</t></is></c>'
        '<c r="C2" t="str"><f>"it was "&amp;"fine"</f><v>it was fine</v></c></row>'
    )
    parts = workbook_parts([header], sheet="Sheet1", cells=saved)
    path = tmp_path / "saved.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    [quote] = sheet_quotes(eg.load("kverme2019", path), path).values()
    assert quote.text == "it was fine"
    unsaved = saved.replace("<v>it was fine</v>", "")
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in workbook_parts([header], cells=unsaved).items():
            archive.writestr(name, data)
    assert error_of("kverme2019", path) == (
        f'{path}: Sheet1!C2: the formula ="it was "&"fine" was saved without its value; '
        "expected a value (open the workbook in a spreadsheet program and save it, so that it "
        "saves the values)"
    )


# -- errors name the file, the row and the column ------------------------------------------------


def test_a_missing_column_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, "cols.csv", "Study,Topic,Quote\nkverme2019,x,y\n")
    assert error_of("kverme2019", path) == (
        f"{path}: the header row (row 1) has no theme column (it has 'Study', 'Topic', "
        "'Quote'); expected a header row naming the columns study, theme and quote, and any "
        "of id, speaker, subgroup, role, page and work"
    )


def test_errors_name_the_row_and_column_and_the_line_where_it_differs(tmp_path: Path) -> None:
    text = (
        "study,theme,quote,speaker,subgroup,role\n"
        'kverme2019,Daring to Belong,"two\nlines",,,\n'
        "kverme2019,Daring to Belong,,,,\n"
        "kverme2019,,w,,,\n"
        "kverme2019,Daring to Belong,w,,kverme2019-participants,\n"
        "kverme2019,Daring to Belong,w,P1,nobody,\n"
        "kverme2019,Daring to Belong,w,,,negative\n"
        "kverm2019,Daring to Belong,w,,,\n"
    )
    path = write(tmp_path, "bad.csv", text)
    assert error_of("kverme2019", path).splitlines() == [
        f"{path}: 6 problems",
        '  line 4: row 3, column "quote": the quote is empty; expected words',
        (
            '  line 5: row 4, column "theme": the theme is empty; expected the id or label of the '
            "theme the quote is coded under"
        ),
        (
            '  line 6: row 5, column "subgroup": a subgroup without a speaker; expected the '
            "speaker beside it (the subgroup is the speaker's)"
        ),
        (
            "  line 7: row 6, column \"subgroup\": 'nobody' is neither the id nor the description "
            "of a sample of the study 'kverme2019'; expected the id or description of one of its "
            "1 samples"
        ),
        (
            "  line 8: row 7, column \"role\": 'negative' is not a role; expected 'supporting' or "
            "'contrasting'"
        ),
        (
            "  line 9: row 8, column \"study\": 'kverm2019' is not the id of a study that the "
            "files loaded with this one declare; expected the id of a study declared in a study "
            "file loaded beside it; did you mean 'kverme2019'?"
        ),
    ]


def test_an_unknown_subgroup_and_an_ambiguous_label_list_what_is_close(tmp_path: Path) -> None:
    text = "study,theme,quote,speaker,subgroup\nng2019,hope,w,Anna,recovred\n"
    path = write(tmp_path, "sub.csv", text)
    assert error_of(NG2019, path) == (
        f"{path}: row 2, column \"subgroup\": 'recovred' is neither the id nor the description "
        "of a sample of the study 'ng2019'; expected the id or description of one of its 3 "
        "samples; did you mean 'ng2019-recovered'?"
    )
    study = {
        "works": [{"id": "w", "type": "journal-article", "title": "T"}],
        "studies": [{"id": "s", "design": "qualitative", "reported_in": ["w"]}],
        "themes": [
            {"id": "hope-a", "study": "s", "label": "Hope"},
            {"id": "hope-b", "study": "s", "label": "hope", "parent": "hope-a"},
        ],
    }
    study_path = write(tmp_path, "s.json", json.dumps(study))
    sheet = write(tmp_path, "amb.csv", "study,theme,quote\ns,HOPE,w\n")
    assert error_of(study_path, sheet) == (
        f"{sheet}: row 2, column \"theme\": 'HOPE' names 2 themes, 'hope-a' and 'hope-b'; "
        "expected one (give its id)"
    )


def test_a_work_that_names_nothing_is_named_at_its_cell(tmp_path: Path) -> None:
    text = "study,theme,quote,work\nkverme2019,Daring to Belong,w,no-such-work\n"
    path = write(tmp_path, "work.csv", text)
    message = error_of("kverme2019", path)
    assert message.startswith(f'{path}: row 2, column "work": '), message
    assert "no-such-work" in message


def test_the_cli_says_where_and_exits_1_without_a_traceback(tmp_path: Path, cli: Cli) -> None:
    path = write(tmp_path, "bad.csv", "study,theme,quote\nkverme2019,Nope,w\n")
    for command in ("validate", "show", "export"):
        done = cli(command, "kverme2019", str(path))
        assert done.returncode == 1, (command, done.stderr)
        assert "Traceback" not in done.stderr
        assert f"{path}: row 2, column \"theme\": 'Nope' is neither" in done.stderr


def test_the_cli_shows_the_unknown_column_warning(tmp_path: Path, cli: Cli) -> None:
    path = write(tmp_path, "w.csv", "study,theme,quote,notes\nkverme2019,Daring to Belong,w,n\n")
    done = cli("validate", "kverme2019", str(path))
    assert done.returncode == 0, done.stderr
    assert "warning: " in done.stderr
    assert "the column 'notes' is not read" in done.stderr


def test_read_spreadsheet_gives_the_rows_before_they_are_named(tmp_path: Path) -> None:
    path = write(tmp_path, "raw.csv", "study,theme,quote\nx,y, z \n")
    [row] = read_spreadsheet(path).rows
    assert {name: cell.text for name, cell in row.cells.items()} == {
        "study": "x",
        "theme": "y",
        "quote": " z ",
    }
    assert row.cells["theme"].place == 'row 2, column "theme"'


# -- the docs page -------------------------------------------------------------------------------

PAGE = ROOT / "docs" / "spreadsheets.md"


def _blocks(info: str) -> list[str]:
    fences = re.findall(r"^```([^\n]*)\n(.*?)^```$", PAGE.read_text("utf-8"), re.DOTALL | re.M)
    return [body for fence, body in fences if fence == info]


def test_the_docs_show_the_example_file_and_what_the_code_prints(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet, printed, _ = _blocks("text")
    assert sheet == (ROOT / "examples" / "spreadsheets" / "example-quotes.csv").read_text("utf-8")
    monkeypatch.chdir(ROOT)
    [code] = _blocks("python")
    exec(compile(code, "docs/spreadsheets.md", "exec"), {})  # noqa: S102 - the page's own code
    assert capsys.readouterr().out == printed


def test_the_docs_error_example_has_the_real_shape(tmp_path: Path, cli: Cli) -> None:
    [shown] = [line for line in _blocks("text")[2].splitlines() if line.startswith("error:")]
    study = ROOT / "examples" / "spreadsheets" / "example-study.yaml"
    sheet = (ROOT / "examples" / "spreadsheets" / "example-quotes.csv").read_text("utf-8")
    path = write(tmp_path, "quotes.csv", sheet.replace("being an agent of change", "Hope"))
    done = cli("validate", str(study), str(path))
    assert done.returncode == 1
    assert done.stderr.strip() == shown.replace("quotes.csv", str(path))


def test_a_problem_that_many_rows_repeat_is_said_once(tmp_path: Path) -> None:
    rows = "".join(f"my-study,Hope,words {n}\n" for n in range(500))
    path = write(tmp_path, "alone.csv", f"study,theme,quote\n{rows}")
    assert error_of(path) == (
        f"{path}: row 2, column \"study\": 'my-study' is not the id of a study that the files "
        "loaded with this one declare; expected the id of a study declared in a study file "
        "loaded beside it (and in 499 more rows)"
    )


# -- every command that reads sources -----------------------------------------------------------

SHEET = "id,study,theme,quote\nq-sheet,kverme2019,Daring to Belong,\u201cfrom the sheet\u201d\n"


@pytest.mark.parametrize("engine", [[], ["--sparql"]], ids=["python", "sparql"])
def test_query_answers_with_the_sheet_s_quotes(tmp_path: Path, cli: Cli, engine: list[str]) -> None:
    path = write(tmp_path, "extra.csv", SHEET)
    args = ["query", *engine, "-f", "json-rows", "-p", "theme=daring-to-belong"]
    done = cli(*args, "quotes-for-theme", "kverme2019", str(path))
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert {row["quote_id"]: row["text"] for row in rows}["q-sheet"] == "\u201cfrom the sheet\u201d"


def test_sparql_reads_the_sheet_too(tmp_path: Path, cli: Cli) -> None:
    path = write(tmp_path, "extra.csv", SHEET)
    query = write(
        tmp_path,
        "q.rq",
        "SELECT ?text WHERE { ?s <http://www.w3.org/ns/oa#exact> ?text } ORDER BY ?text",
    )
    done = cli("sparql", "-f", "csv", str(query), "kverme2019", str(path))
    assert done.returncode == 0, done.stderr
    assert "\u201cfrom the sheet\u201d" in done.stdout.splitlines()


def test_push_sends_the_sheet_as_a_graph_of_its_own(tmp_path: Path, server: Server) -> None:
    path = write(tmp_path, "extra.csv", SHEET)
    report = eg.store.push("kverme2019", path, endpoint=server.store)
    sizes = {pushed.graph: pushed.triples for pushed in report.graphs}
    assert server.graphs() == sizes
    [sheet_graph] = [graph for graph in sizes if graph.endswith("extra")]
    assert any("from the sheet" in line for line in server.lines(sheet_graph))


def test_one_id_in_two_studies_is_two_quotes(tmp_path: Path) -> None:
    text = "id,study,theme,quote\nq1,kverme2019,Daring to Belong,a\nq1,ng2019,hope,b\n"
    path = write(tmp_path, "ids.csv", text)
    corpus = eg.load("kverme2019", NG2019, path)
    found = {(q.id, q.study, q.text) for q in corpus.quotes if q.text in {"a", "b"}}
    assert found == {("kverme2019/q1", "kverme2019", "a"), ("ng2019/q1", "ng2019", "b")}


def test_columns_not_read_are_named_in_one_warning_even_twice(tmp_path: Path) -> None:
    text = "notes,study,theme,quote,Notes,Quotes\nx,kverme2019,Daring to Belong,w,y,z\n"
    path = write(tmp_path, "notes.csv", text)
    with pytest.warns(UnknownColumnWarning) as caught:
        eg.load("kverme2019", path)
    assert [str(w.message) for w in caught] == [
        (
            f"{path}: the columns 'notes', 'Notes' and 'Quotes' (did you mean 'quote'?) are not "
            "read; a sheet of quotes has the columns study, theme, quote, id, speaker, subgroup, "
            "role, page and work"
        )
    ]


def test_a_quote_without_a_work_is_read_in_the_study_s_publication_in_any_order(
    tmp_path: Path,
) -> None:
    """The study is reported in the paper and, by another file, in a dataset (a QDA project)."""
    data = write(
        tmp_path,
        "data.yaml",
        "works:\n  - {id: aaa-interviews, type: dataset, title: Interviews}\n"
        "studies:\n  - {id: kverme2019, design: qualitative, reported_in: [aaa-interviews]}\n",
    )
    sheet = write(tmp_path, "q.csv", "study,theme,quote\nkverme2019,Daring to Belong,It helped.\n")
    orders = [("kverme2019", data, sheet), (sheet, data, "kverme2019"), (data, sheet, "kverme2019")]
    read_in = {
        quote.read_in for order in orders for quote in sheet_quotes(eg.load(*order), sheet).values()
    }
    assert read_in == {"kverme2019-paper"}
