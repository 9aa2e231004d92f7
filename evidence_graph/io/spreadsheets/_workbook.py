"""Reading an ``.xlsx`` workbook's sheet of quotes with openpyxl, in read-only mode.

The sheet read is the one named ``quotes`` (in any case), else the first. Formulas are read
as the values the spreadsheet program saved with them; a formula saved without its value
(as a program that does not calculate writes it) or whose value is an error (``#N/A``) is
refused, naming its cell.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from itertools import zip_longest
from pathlib import Path
from typing import TYPE_CHECKING, Any

from evidence_graph.exceptions import Problem, StudyFileError
from evidence_graph.io.spreadsheets._archive import MAX_FILE_BYTES, check_workbook
from evidence_graph.io.spreadsheets._tables import EXPECTED_FILE, Row, Table, Value
from evidence_graph.io.text_files import file_error, read_bytes

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

__all__ = ["QUOTES_SHEET", "read_workbook"]

QUOTES_SHEET = "quotes"
"""The name (in any case) of the sheet read when a workbook has one; else the first is read."""

# What openpyxl raises for a workbook it cannot make sense of: a part missing or malformed.
_UNREADABLE = (
    KeyError,
    ValueError,
    TypeError,
    AttributeError,
    IndexError,
    SyntaxError,  # the XML parsers' errors derive from it
    OSError,
    zipfile.BadZipFile,
)


def read_workbook(path: Path) -> Table:
    """Read the sheet of quotes of an ``.xlsx`` workbook into a table.

    Raises:
        StudyFileError: If the file cannot be read, is not a workbook, passes the bounds of
            :func:`~evidence_graph.io.spreadsheets._archive.check_workbook`, has no sheet, or
            a cell holds a formula without a saved value or an error value.
    """
    raw = read_bytes(path, EXPECTED_FILE, MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise file_error(
            path, f"is larger than {MAX_FILE_BYTES:,} bytes; expected a smaller workbook"
        )
    check_workbook(path, raw)
    try:
        values = _open(raw, data_only=True)
        formulas = _open(raw, data_only=False)
        try:
            sheet = _sheet(path, values)
            rows = tuple(_rows(path, sheet, formulas[sheet.title]))
        finally:
            values.close()
            formulas.close()
    except StudyFileError:
        raise
    except _UNREADABLE as error:
        raise file_error(
            path, f"cannot be read as an .xlsx workbook ({type(error).__name__}: {error})"
        ) from None
    return Table(path, rows, sheet.title)


def _open(raw: bytes, *, data_only: bool) -> Workbook:
    import openpyxl  # noqa: PLC0415 - slow to import, and only workbooks need it

    return openpyxl.load_workbook(
        io.BytesIO(raw), read_only=True, data_only=data_only, keep_links=False
    )


def _sheet(path: Path, book: Workbook) -> ReadOnlyWorksheet:
    sheets: Sequence[Any] = book.worksheets
    if not sheets:
        raise file_error(path, "the workbook has no sheet of cells; expected a sheet of quotes")
    named = [sheet for sheet in sheets if sheet.title.casefold() == QUOTES_SHEET]
    sheet: ReadOnlyWorksheet = (named or sheets)[0]
    sheet.reset_dimensions()  # the size a file declares may be wrong: read every cell it has
    return sheet


def _rows(path: Path, sheet: Any, formulas: Any) -> Iterator[Row]:
    formulas.reset_dimensions()
    problems: list[Problem] = []
    table = Table(path, (), sheet.title)
    pairs = zip_longest(sheet.iter_rows(), formulas.iter_rows(), fillvalue=())
    for number, (cells, written) in enumerate(pairs, 1):
        row = Row(number, tuple(_value(cell) for cell in cells))
        for column, (cell, given) in enumerate(zip_longest(cells, written)):
            if (message := _refused(cell, given)) is not None:
                problems.append(Problem((table.place(row, column, None),), message, file=path))
        if any(value is not None for value in row.values):  # rows of nothing are not kept
            yield row
    if problems:
        raise StudyFileError(path, problems)


_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
"""A character as Office Open XML escapes it in a string (``_x000D_`` a carriage return)."""


def _value(cell: Any) -> Value:
    """Return a cell's value; in text, the characters Excel escapes (``_x000D_``) unescaped.

    openpyxl reads an escaped underscore (``_x005F_``) but leaves the other escapes, so a text
    that spells ``_x000D_`` itself cannot be told from a carriage return: both are one.
    """
    value: Value = cell.value
    if isinstance(value, str) and "_x" in value:
        return _ESCAPED.sub(lambda found: chr(int(found[1], 16)), value)
    return value


def _refused(cell: Any, given: Any) -> str | None:
    """Say why a cell's value cannot be read, if it cannot."""
    value = getattr(cell, "value", None)
    if getattr(cell, "data_type", None) == "e":
        return f"the cell holds the error value {value}; expected a value"
    formula = getattr(getattr(given, "value", None), "text", getattr(given, "value", None))
    if getattr(given, "data_type", None) == "f" and value is None:
        return (
            f"the formula {formula} was saved without its value; expected a value (open the "
            "workbook in a spreadsheet program and save it, so that it saves the values)"
        )
    return None
