"""Careless and hostile spreadsheets: refused with a message that names the file and the place.

Bombs run in a child process whose memory and time are bounded (``helpers.guarded``): a ZIP
bomb, entities that expand without end, a huge CSV cell. The workbooks are written part by
part from the standard (``helpers.workbook_parts``), as a hostile writer would.
"""

from __future__ import annotations

import codecs
import os
import zipfile
from pathlib import Path

import pytest
from helpers import Cli, Guarded, guarded, workbook_parts

import evidence_graph as eg
from evidence_graph import StudyFileError
from evidence_graph.io.spreadsheets import MAX_RATIO, MAX_UNPACKED_BYTES

HEADER = ["study", "theme", "quote"]
ROW = ["kverme2019", "Daring to Belong", "words"]

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE sst [<!ENTITY a "lol">'
    + "".join(f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(9))
    + ']>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    "<si><t>&j;</t></si></sst>"
)


def write_workbook(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def error_of(*sources: str | Path) -> str:
    with pytest.raises(StudyFileError) as raised:
        eg.load(*sources)
    return str(raised.value)


def refused(result: Guarded, message: str) -> None:
    """A guarded run ended as a user's error (exit 1) saying ``message``, without a traceback."""
    assert result.status == 1, result.output[-2000:]
    assert message in result.stderr, result.stderr[-2000:]
    assert "Traceback" not in result.output


# -- ZIP bombs and XML entities -------------------------------------------------------------------


def test_a_part_that_unpacks_far_past_its_size_is_refused(tmp_path: Path) -> None:
    parts = workbook_parts([HEADER, ROW])
    path = tmp_path / "bomb.xlsx"
    write_workbook(path, parts)
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/media/padding.bin", "w") as part,
    ):
        for _ in range(8):
            part.write(bytes(1024**2))
    result = guarded("validate", "kverme2019", str(path))
    refused(result, "the part 'xl/media/padding.bin' unpacks to 8,388,608 bytes from")
    assert f"expected at most {MAX_RATIO} times" in result.stderr


def test_parts_that_add_up_past_the_bound_are_refused(tmp_path: Path) -> None:
    parts = workbook_parts([HEADER, ROW])
    path = tmp_path / "big.xlsx"
    write_workbook(path, parts)
    # Each mebibyte is a twentieth random bytes: it packs about 20 times, within the ratio.
    chunk = os.urandom(1024**2 // 20) + bytes(1024**2 - 1024**2 // 20)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        for number in range(3):
            with archive.open(f"xl/media/image{number}.bin", "w", force_zip64=True) as part:
                for _ in range(MAX_UNPACKED_BYTES // 3 // 1024**2 + 1):
                    part.write(chunk)
    result = guarded("validate", "kverme2019", str(path))
    refused(result, f"expected a workbook of at most {MAX_UNPACKED_BYTES:,} bytes unpacked")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_entities_that_expand_without_end_are_refused(tmp_path: Path, encoding: str) -> None:
    parts = workbook_parts([HEADER, ROW])
    text = (
        BILLION_LAUGHS
        if encoding == "utf-8"
        else BILLION_LAUGHS.replace('"1.0"', '"1.0" encoding="UTF-16"')
    )
    parts["xl/sharedStrings.xml"] = text.encode(encoding)
    path = write_workbook(tmp_path / "laughs.xlsx", parts)
    result = guarded("validate", "kverme2019", str(path))
    refused(
        result,
        f"{path}: the part 'xl/sharedStrings.xml' declares a document type or an entity; "
        "expected workbook XML without them (they can expand without end or read other files)",
    )
    assert "lol" not in result.output


def test_an_external_entity_is_refused_before_it_is_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read me")
    parts = workbook_parts([HEADER])
    parts["xl/worksheets/sheet1.xml"] = (
        parts["xl/worksheets/sheet1.xml"]
        .replace(b"?>\n", f'?>\n<!DOCTYPE w [<!ENTITY x SYSTEM "file://{secret}">]>'.encode(), 1)
        .replace(
            b"</sheetData>",
            b'<row r="2"><c r="A2" t="inlineStr"><is><t>&x;</t></is></c></row></sheetData>',
        )
    )
    path = write_workbook(tmp_path / "xxe.xlsx", parts)
    message = error_of("kverme2019", path)
    assert "the part 'xl/worksheets/sheet1.xml' declares a document type" in message
    assert "do not read me" not in message


@pytest.mark.parametrize("encoding", ["UTF-7", "cp500", "x-no-such"])
def test_an_encoding_that_could_hide_a_declaration_is_refused(
    tmp_path: Path, encoding: str
) -> None:
    parts = workbook_parts([HEADER, ROW])
    parts["xl/sharedStrings.xml"] = parts["xl/sharedStrings.xml"].replace(
        b'encoding="UTF-8"', f'encoding="{encoding}"'.encode()
    )
    path = write_workbook(tmp_path / "enc.xlsx", parts)
    assert error_of("kverme2019", path) == (
        f"{path}: the part 'xl/sharedStrings.xml' declares the encoding {encoding!r}; expected "
        "UTF-8 or UTF-16 XML"
    )


# -- files that are not what their name says ------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"study,theme,quote\n",
            "is not an .xlsx workbook (not a ZIP archive: File is not a zip file)",
        ),
        (
            bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504),
            (
                "is an Excel 97-2003 workbook (.xls) or one protected by a password; expected an "
                ".xlsx workbook without a password (save it as 'Excel Workbook')"
            ),
        ),
        (b"", "is not an .xlsx workbook (not a ZIP archive: File is not a zip file)"),
    ],
    ids=["csv-named-xlsx", "ole", "empty"],
)
def test_a_file_that_is_no_workbook_is_refused(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "not.xlsx"
    path.write_bytes(content)
    assert message in error_of("kverme2019", path)


def test_a_zip_without_a_workbook_is_refused(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "zip.xlsx", {"readme.txt": b"hello"})
    message = error_of("kverme2019", path)
    assert message.startswith(f"{path}: cannot be read as an .xlsx workbook (KeyError: ")


def test_a_workbook_with_an_error_value_is_refused_at_the_cell(tmp_path: Path) -> None:
    cells = (
        '<row r="2"><c r="A2" t="inlineStr"><is><t>kverme2019</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>Daring to Belong</t></is></c>'
        '<c r="C2" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>'
    )
    path = write_workbook(tmp_path / "e.xlsx", workbook_parts([HEADER], cells=cells))
    assert error_of("kverme2019", path) == (
        f"{path}: Sheet1!C2: the cell holds the error value #DIV/0!; expected a value"
    )


def test_a_date_in_a_cell_is_refused(tmp_path: Path) -> None:
    cells = (
        '<row r="2"><c r="A2" t="inlineStr"><is><t>kverme2019</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>Daring to Belong</t></is></c>'
        '<c r="C2" t="inlineStr"><is><t>w</t></is></c><c r="D2" t="b"><v>1</v></c></row>'
    )
    parts = workbook_parts([[*HEADER, "speaker"]], cells=cells)
    path = write_workbook(tmp_path / "b.xlsx", parts)
    assert error_of("kverme2019", path) == (
        f"{path}: Sheet1!D2: the cell holds a true/false value (True); expected text"
    )


# -- careless CSV ------------------------------------------------------------------------------


def test_a_csv_that_is_not_utf8_is_refused_at_its_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes(
        codecs.BOM_UTF8 + "study,theme,quote\nkverme2019,x,caf\xe9\n".encode("latin-1")
    )
    assert error_of("kverme2019", path) == (
        f"{path}: line 2, column 17: byte 0xe9 at offset 37 is not UTF-8; expected UTF-8 text "
        "(in Excel, save as 'CSV UTF-8')"
    )


def test_a_utf16_file_as_excel_saves_unicode_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "unicode.tsv"
    path.write_bytes(codecs.BOM_UTF16_LE + "study\ttheme\tquote\n".encode("utf-16-le"))
    assert error_of("kverme2019", path) == (
        f"{path}: the file is UTF-16 text (as Excel saves 'Unicode Text'); expected UTF-8 text "
        "(in Excel, save as 'CSV UTF-8')"
    )


def test_an_unquoted_separator_that_shifts_the_cells_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "shift.csv"
    path.write_text("study,theme,quote\nkverme2019,Daring to Belong,first, then more\n")
    assert error_of("kverme2019", path) == (
        f"{path}: row 2, column 4: ' then more' stands in a column the header row does not name; "
        "expected each value under a named column (a cell holding the separator must be quoted)"
    )


@pytest.mark.parametrize(
    ("text", "where", "reason"),
    [
        (
            'study,theme,quote\nkverme2019,Daring to Belong,"open\nand never closed\n',
            "line 2: row 2",
            (
                "unexpected end of data; expected a cell that starts with a double quote to end "
                'with one, each double quote within it doubled ("")'
            ),
        ),
        (
            'study,theme,quote\nkverme2019,Daring to Belong,"quoted" then more\n',
            "line 2: row 2",
            "',' expected after '\"'; expected a cell that starts with a double quote",
        ),
    ],
    ids=["left-open", "text-after-quote"],
)
def test_a_row_that_cannot_be_split_is_refused_at_its_line(
    tmp_path: Path, text: str, where: str, reason: str
) -> None:
    path = tmp_path / "broken.csv"
    path.write_text(text)
    message = error_of("kverme2019", path)
    assert message.startswith(f"{path}: {where}: the row cannot be split into cells: "), message
    assert reason in message


def test_a_huge_cell_is_refused_within_bounds(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("w", encoding="utf-8") as file:
        file.write('study,theme,quote\nkverme2019,Daring to Belong,"')
        for _ in range(64):
            file.write("words " * (1024**2 // 6))
        file.write('"\n')
    result = guarded("validate", "kverme2019", str(path), memory=1024**3)
    refused(result, f"{path}: line 2: row 2: the row cannot be split into cells: a cell is longer")


def test_an_empty_file_and_a_file_of_empty_rows_say_what_is_expected(tmp_path: Path) -> None:
    for name, text in (("empty.csv", ""), ("blank.csv", ",,\n\n ,\n")):
        path = tmp_path / name
        path.write_text(text)
        assert error_of("kverme2019", path) == (
            f"{path}: the file is empty; expected a header row naming the columns study, theme "
            "and quote, and any of id, speaker, subgroup, role, page and work"
        )


def test_a_column_named_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "twice.csv"
    path.write_text("study,theme,quote, Theme\n")
    assert error_of("kverme2019", path) == (
        f"{path}: row 1, column 4: the column 'theme' is named twice, here and at row 1, "
        "column 2; expected each column once"
    )


def test_a_named_pipe_is_refused_without_waiting(tmp_path: Path, cli: Cli) -> None:
    path = tmp_path / "pipe.csv"
    os.mkfifo(path)
    done = cli("validate", "kverme2019", str(path))
    assert done.returncode == 1
    assert f"{path}: is a named pipe, not a regular file" in done.stderr


def test_a_sheet_name_cannot_make_a_message_look_like_two(tmp_path: Path) -> None:
    parts = workbook_parts([HEADER, ["kverme2019", "No Such Theme", "w"]], sheet="X")
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
        b'name="X"', b'name="Q&#10;error: all is well"'
    )
    path = write_workbook(tmp_path / "name.xlsx", parts)
    message = error_of("kverme2019", path)
    assert message.startswith(f"{path}: 'Q\\nerror: all is well'!B2: 'No Such Theme' is neither")
    assert "\n" not in message
