"""Tables read from spreadsheets: rows of cells, each cell named as the file's reader sees it."""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from evidence_graph.io.text_files import decode_utf8, file_error, read_bytes

__all__ = ["EXPECTED_FILE", "Row", "Table", "column_letter", "read_delimited", "sheet_reference"]

EXPECTED_FILE = "a spreadsheet of quotes"
"""What a spreadsheet should be, for the message when a path is a folder."""

Value = str | int | float | bool | datetime | date | time | None
"""A cell's value as the file holds it: CSV cells are text, a workbook's may be numbers too."""

_BARE_SHEET = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a table.

    Attributes:
        number: The row's number in the sheet (1-based; the header is row 1 when it is first).
        values: Its cells' values, from the first column.
        line: For a CSV or TSV file, the line the row starts on where it differs from its
            number (a cell above it holds line breaks); ``None`` otherwise.
    """

    number: int
    values: tuple[Value, ...]
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Table:
    """The rows of a spreadsheet's sheet, and how its cells are named.

    Attributes:
        path: The file.
        rows: Its rows, in order.
        sheet: The name of the workbook's sheet that was read; ``None`` for a CSV or TSV file.
    """

    path: Path
    rows: tuple[Row, ...]
    sheet: str | None = None

    def place(self, row: Row, column: int, name: str | None) -> str:
        """Name a cell: ``Sheet1!C7`` in a workbook, ``row 7, column "theme"`` in a CSV file.

        Args:
            row: The cell's row.
            column: The cell's column (0-based).
            name: The column's name in the header row, if it has one.

        Examples:
            >>> row = Row(7, ())
            >>> Table(Path("q.xlsx"), (), "Sheet1").place(row, 2, "theme")
            'Sheet1!C7'
            >>> Table(Path("q.csv"), ()).place(row, 2, "theme")
            'row 7, column "theme"'
            >>> Table(Path("q.csv"), ()).place(row, 4, None)
            'row 7, column 5'
        """
        if self.sheet is not None:
            return f"{sheet_reference(self.sheet)}!{column_letter(column)}{row.number}"
        named = f'"{name}"' if name else str(column + 1)
        return f"row {row.number}, column {named}"


def column_letter(column: int) -> str:
    """Return the letters of a 0-based column, as a spreadsheet names it.

    Examples:
        >>> column_letter(0), column_letter(25), column_letter(26), column_letter(701)
        ('A', 'Z', 'AA', 'ZZ')
    """
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def sheet_reference(name: str) -> str:
    r"""Return a sheet's name as a cell reference starts with it, quoted where needed.

    A character that does not print (a line break, say) is written as its escape, so that a
    name cannot make a message look like two.

    Examples:
        >>> sheet_reference("Sheet1"), sheet_reference("Quotes 2019"), sheet_reference("Bob's")
        ('Sheet1', "'Quotes 2019'", "'Bob''s'")
        >>> print(sheet_reference("a\nerror: b"))
        'a\nerror: b'
    """
    if _BARE_SHEET.fullmatch(name):
        return name
    shown = "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in name)
    return "'" + shown.replace("'", "''") + "'"


def read_delimited(path: Path) -> Table:
    """Read a CSV or TSV file (a ``.tsv`` is split at tabs) into a table, cells kept as given.

    The file is UTF-8 (a byte order mark is skipped); cells are quoted as Excel and LibreOffice
    quote them (a cell holding the separator, a line break or a double quote is enclosed in
    double quotes, a double quote within it doubled). A ``.csv`` file whose first line has
    semicolons (or tabs) and no comma is split at those, as Excel writes CSV in many
    languages. Line breaks within cells are kept as they are, CR LF included.

    Raises:
        StudyFileError: If the file cannot be read, is not UTF-8 (naming the byte's offset), or
            a row cannot be split into cells (a quote left open, a cell longer than the
            ``csv`` module's field size limit), naming the row and its line.
    """
    text = _decode(path, read_bytes(path, EXPECTED_FILE))
    delimiter = "\t" if path.suffix.lower() == ".tsv" else _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[Row] = []
    start = 1
    try:
        for number, values in enumerate(reader, 1):
            rows.append(Row(number, tuple(values), start if start != number else None))
            start = reader.line_num + 1
    except csv.Error as error:
        number = len(rows) + 1
        message = f"row {number}: the row cannot be split into cells: {_reason(error)}"
        raise file_error(path, message, start) from None
    return Table(path, tuple(rows))


def _reason(error: csv.Error) -> str:
    text = str(error)
    if text.startswith("field larger than field limit"):
        limit = csv.field_size_limit()
        return (
            f"a cell is longer than {limit:,} characters, the most the csv module reads in one "
            "cell; expected a quote of at most that length"
        )
    if "expected after" in text or text == "unexpected end of data":
        return (
            f"{text}; expected a cell that starts with a double quote to end with one, each "
            'double quote within it doubled ("")'
        )
    return text


def _delimiter(text: str) -> str:
    r"""Return the separator of a CSV file's cells, from its first line.

    Examples:
        >>> _delimiter("study;theme;quote\r\n"), _delimiter('study,theme,"quote;x"\n')
        (';', ',')
    """
    first = text.split("\n", 1)[0]
    if "," in first:
        return ","
    return ";" if ";" in first else "\t" if "\t" in first else ","


def _decode(path: Path, raw: bytes) -> str:
    """Return the text of a UTF-8 file without its byte order mark; refuse other encodings."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise file_error(
            path,
            "the file is UTF-16 text (as Excel saves 'Unicode Text'); expected UTF-8 text "
            "(in Excel, save as 'CSV UTF-8')",
        )
    return decode_utf8(path, raw, "UTF-8 text (in Excel, save as 'CSV UTF-8')", offset=True)
