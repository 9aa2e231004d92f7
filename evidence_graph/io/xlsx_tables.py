"""Tables as Excel workbooks (``.xlsx``): typed cells, a bold frozen header, no formula.

A table (column names, then rows of cells) becomes a workbook of one sheet, written with
openpyxl. Numbers, booleans, dates and times are cells of their type; text is a text cell,
even text that a spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return): such a cell is stored as a string and marked with a quote
prefix, so it is shown and never run, and keeps its characters exactly. The header is bold,
frozen above the rows and filterable, and each column is as wide as its longest line (within
bounds).

The same table gives the same bytes: the ZIP entries and the document's created and modified
times are fixed, at ``SOURCE_DATE_EPOCH`` (seconds since 1970) where it is set, else at
1980-01-01, the ZIP format's first day.

What a workbook cannot hold as it is raises a
:class:`~evidence_graph.exceptions.NotWritableError` that names the cell
(``quotes-for-theme!F7``): a character that XML does not allow (the control characters other
than tab, line feed and carriage return), text longer than a cell's 32,767 characters, a whole
number of more than 15 digits (a spreadsheet keeps 15), a float that is not a number or
infinite.
"""

from __future__ import annotations

import io
import math
import os
import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, TypeAlias

from evidence_graph.display import quoted
from evidence_graph.exceptions import NotWritableError, UsageError

if TYPE_CHECKING:  # openpyxl is imported when a workbook is written, not at start-up
    from openpyxl.cell.cell import Cell as SheetCell
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["MAX_CELL_TEXT", "Cell", "sheet_name", "table_workbook"]

Cell: TypeAlias = str | int | float | bool | date | datetime | None
"""A cell of a table: text, a number, a boolean, a date, a time, or ``None`` for an empty one."""

MAX_CELL_TEXT = 32_767
"""The most characters (UTF-16 code units, as a spreadsheet counts them) a cell of text holds."""

_MAX_DIGITS = 15
"""The significant digits a spreadsheet keeps of a number."""

_SHEET_NAME = 31
"""The most characters a sheet's name may have."""

_NOT_IN_SHEET_NAMES = re.compile(r"[\\*?:/\[\]]")
"""A character a sheet's name may not hold."""

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""A character that XML 1.0 cannot carry, escaped or not."""

_FORMULA = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet may read as the start of a formula, in a cell of text (OWASP)."""

_NARROWEST, _WIDEST = 8, 60
"""The bounds of a column's width, in characters."""

_DATE_FORMAT, _TIME_FORMAT = "yyyy-mm-dd", "yyyy-mm-dd hh:mm:ss"

_ZIP_EPOCH = datetime(1980, 1, 1, tzinfo=UTC)


def table_workbook(sheet: str, columns: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """Return the bytes of a workbook whose one sheet holds the table.

    Args:
        sheet: The sheet's name, made valid by :func:`sheet_name`.
        columns: The header: a name for each column.
        rows: The rows, each a cell for each column. A time with a time zone is written in
            UTC (a spreadsheet's times have no zone); a ``str`` subclass (an enum's member)
            as its text.

    Raises:
        NotWritableError: If a cell holds what a workbook cannot (see the module's text).

    Examples:
        >>> import io, openpyxl
        >>> data = table_workbook("stats", ["kind", "count"], [["quote", 23], ["=1+1", None]])
        >>> data == table_workbook("stats", ["kind", "count"], [["quote", 23], ["=1+1", None]])
        True
        >>> book = openpyxl.load_workbook(io.BytesIO(data))
        >>> [[cell.value for cell in row] for row in book["stats"].iter_rows()]
        [['kind', 'count'], ['quote', 23], ['=1+1', None]]
    """
    # openpyxl takes a sixth of a second to import: imported when a workbook is written
    from openpyxl import Workbook  # noqa: PLC0415 - slow to import
    from openpyxl.styles import Font  # noqa: PLC0415 - slow to import
    from openpyxl.utils import get_column_letter  # noqa: PLC0415 - slow to import
    from openpyxl.writer.excel import ExcelWriter  # noqa: PLC0415 - slow to import

    book = Workbook()
    table = book.worksheets[0]
    table.title = sheet_name(sheet)
    widths = [_width(name) for name in columns]
    bold = Font(bold=True)
    header = _cells(table, 1, columns)
    for cell in header:
        cell.font = bold
    table.append(header)
    count = 1
    for count, row in enumerate(rows, start=2):
        if len(row) != len(columns):
            raise ValueError(f"row {count - 1} has {len(row)} cells for {len(columns)} columns")
        table.append(_cells(table, count, row))
        widths = [max(width, _width(value)) for width, value in zip(widths, row, strict=True)]
    for number, width in enumerate(widths, start=1):
        table.column_dimensions[get_column_letter(number)].width = width
    table.freeze_panes = "A2"
    if columns:
        table.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count}"
    stamp = _timestamp()
    book.properties.creator = "evidence_graph"
    book.properties.title = table.title
    book.properties.created = book.properties.modified = stamp.replace(tzinfo=None)
    buffer = io.BytesIO()
    # ExcelWriter, not Workbook.save, which would set the modified time to now
    ExcelWriter(book, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    return _stamped(buffer.getvalue(), stamp)


def sheet_name(title: str) -> str:
    r"""Return ``title`` as a valid sheet name: no ``[]:*?/\\``, at most 31 characters.

    A character a name may not hold becomes ``-``; an apostrophe at either end, which a
    name may not have, is dropped; an empty name becomes ``answer``.

    Examples:
        >>> sheet_name("quotes-for-theme")
        'quotes-for-theme'
        >>> sheet_name("my/query.rq: a very long name indeed, cut")
        'my-query.rq- a very long name i'
        >>> sheet_name("'")
        'answer'
    """
    name = _NOT_IN_SHEET_NAMES.sub("-", title)[:_SHEET_NAME].strip("'")
    return name if name and name.lower() != "history" else "answer"


def _cells(table: Worksheet, number: int, values: Sequence[Cell]) -> list[SheetCell]:
    """Return the cells of row ``number`` of ``table``, holding ``values``."""
    from openpyxl.cell.cell import Cell as SheetCell  # noqa: PLC0415 - slow to import

    cells = []
    for column, value in enumerate(values, start=1):
        cell = SheetCell(table, row=number, column=column)
        _put(cell, value, table.title)
        cells.append(cell)
    return cells


def _put(cell: SheetCell, value: Cell, sheet: str) -> None:
    """Give ``cell`` the value, typed, refusing what a workbook cannot hold as it is."""
    if value is None:
        return
    if isinstance(value, bool):
        cell.value = value
    elif isinstance(value, int):
        if len(str(abs(value))) > _MAX_DIGITS:
            raise _refused(cell, sheet, f"the number {quoted(value)} has more than 15 digits")
        cell.value = value
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise _refused(cell, sheet, f"{value} is not a number a workbook can hold")
        cell.value = value
    elif isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        cell.value = value
        cell.number_format = _TIME_FORMAT
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = _DATE_FORMAT
    else:
        _put_text(cell, str(value), sheet)


def _put_text(cell: SheetCell, text: str, sheet: str) -> None:
    """Give ``cell`` the text as text, never as a formula."""
    bad = _NOT_XML.search(text)
    if bad:
        raise _refused(
            cell,
            sheet,
            f"the text holds the character {quoted(bad.group())} at {bad.start() + 1}, which a "
            "workbook cannot hold; CSV or JSON keeps it",
        )
    units = len(text.encode("utf-16-le")) // 2
    if units > MAX_CELL_TEXT:
        raise _refused(
            cell,
            sheet,
            f"the text is {units:,} characters long; a cell holds at most {MAX_CELL_TEXT:,}; "
            "CSV or JSON keeps it",
        )
    cell.value = text
    cell.data_type = "s"  # openpyxl would take text that starts with "=" for a formula
    if text.startswith(_FORMULA):
        cell.quotePrefix = True  # and a spreadsheet keeps it text when the cell is edited


def _refused(cell: SheetCell, sheet: str, reason: str) -> NotWritableError:
    return NotWritableError(f"{sheet}!{cell.coordinate}: {reason}")


def _width(value: Cell) -> int:
    """Return the width of a column that shows ``value``: its longest line, within bounds."""
    if value is None:
        return _NARROWEST
    if isinstance(value, datetime):
        text = "2000-01-01 00:00:00"
    elif isinstance(value, bool):
        text = str(value).upper()
    else:
        text = str(value)
    longest = max((len(line) for line in text[: _WIDEST * 4].splitlines()), default=0)
    return min(max(longest + 2, _NARROWEST), _WIDEST)


def _timestamp() -> datetime:
    """Return the time a workbook is stamped with: ``SOURCE_DATE_EPOCH``, else 1980-01-01.

    Raises:
        UsageError: If ``SOURCE_DATE_EPOCH`` is set but not a whole number of seconds.
    """
    given = os.environ.get("SOURCE_DATE_EPOCH")
    if not given:
        return _ZIP_EPOCH
    try:
        stamp = datetime.fromtimestamp(int(given), tz=UTC)
    except (ValueError, OverflowError, OSError):
        raise UsageError(
            f"SOURCE_DATE_EPOCH: {quoted(given)}: expected a whole number of seconds since "
            "1970-01-01"
        ) from None
    return max(stamp, _ZIP_EPOCH)


def _stamped(data: bytes, stamp: datetime) -> bytes:
    """Return a ZIP archive's entries again, in their order, each bearing the time ``stamp``."""
    when = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for found in source.infolist():
            entry = zipfile.ZipInfo(found.filename, date_time=when)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16  # a plain file, readable by all
            target.writestr(entry, source.read(found))
    return buffer.getvalue()
