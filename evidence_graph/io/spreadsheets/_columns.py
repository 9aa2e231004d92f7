"""The columns of a sheet of quotes: its header row, and each row's cells by column name."""

from __future__ import annotations

import difflib
import warnings
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from evidence_graph.display import quoted
from evidence_graph.exceptions import Problem, StudyFileError, UnknownColumnWarning
from evidence_graph.io.spreadsheets._tables import Row, Table, Value

__all__ = ["COLUMNS", "OPTIONAL_COLUMNS", "REQUIRED_COLUMNS", "Cell", "QuoteRow", "quote_rows"]

REQUIRED_COLUMNS = ("study", "theme", "quote")
"""The columns a sheet of quotes must have."""
OPTIONAL_COLUMNS = ("id", "speaker", "subgroup", "role", "page", "work")
"""The columns a sheet of quotes may have."""
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS


def _listed(names: tuple[str, ...] | list[str], last: str = "and") -> str:
    """Return names as a sentence lists them.

    Examples:
        >>> _listed(["a"]), _listed(["a", "b"]), _listed(["a", "b", "c"], "or")
        ('a', 'a and b', 'a, b or c')
    """
    names = list(names)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {last} {names[-1]}"


# The frame a warning names: the caller of load() (through quote_rows, read_spreadsheet, the
# reading of one file and of all sources).
_STACKLEVEL = 7

_EXPECTED_HEADER = (
    f"expected a header row naming the columns {_listed(REQUIRED_COLUMNS)}, and any of "
    f"{_listed(OPTIONAL_COLUMNS)}"
)


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell's text, and where it is.

    Attributes:
        text: The value, as the file has it (a number as its digits).
        place: The cell, e.g. ``Sheet1!C7`` or ``row 7, column "theme"``.
        line: The line a CSV row starts on, where it differs from the row's number.
    """

    text: str
    place: str
    line: int | None = None

    def problem(self, path: Path, message: str, value: str | None = None) -> Problem:
        """Return a problem at this cell of the file."""
        return Problem((self.place,), message, self.line, None, path, value)


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """A row of quotes: the cells of the known columns that are not empty.

    Attributes:
        number: The row's number in the sheet.
        cells: Each column's cell that is not empty, by the column's name (``quote`` is
            always there).
        empty: Each column's cell that is empty, by the column's name.
    """

    number: int
    cells: dict[str, Cell]
    empty: dict[str, Cell]

    def get(self, column: str) -> Cell | None:
        """Return the cell of a column, or ``None`` if it is empty."""
        return self.cells.get(column)


def quote_rows(table: Table) -> tuple[list[QuoteRow], list[Problem]]:
    """Return the rows of a sheet of quotes below its header, and the problems of their cells.

    Empty rows are left out, and so are rows with a problem (which the problems name).

    The header row is the first row that is not empty. Its names are matched to the
    columns without regard to case or surrounding spaces; a name that is none of
    :data:`COLUMNS` is left out with one :class:`~evidence_graph.exceptions.UnknownColumnWarning`
    for the file. Cells are taken as they are; a cell of spaces only counts as empty.

    The problems of cells are a value under no column name, a quote that is not text or
    is empty, and a date or true/false value in another column; each names its cell.

    Raises:
        StudyFileError: If there is no header row, or it lacks a required column or names one
            twice.
    """
    rows = iter(table.rows)
    header = next((row for row in rows if not _empty(row.values)), None)
    if header is None:
        raise StudyFileError(table.path, [Problem((), f"the file is empty; {_EXPECTED_HEADER}")])
    names = _header(table, header)
    problems: list[Problem] = []
    found: list[QuoteRow] = []
    for row in rows:
        if _empty(row.values):
            continue
        before = len(problems)
        cells: dict[str, Cell] = {}
        empty: dict[str, Cell] = {}
        for column in range(max(len(names), len(row.values))):
            value = row.values[column] if column < len(row.values) else None
            name = names[column] if column < len(names) else None
            place = table.place(row, column, name or None)
            if _blank(value):
                if name:
                    empty[name] = Cell("", place, row.line)
                if name == "quote":
                    message = "the quote is empty; expected words"
                    problems.append(Problem((place,), message, row.line, None, table.path))
                continue
            if name is None:
                message = (
                    f"{quoted(value)} stands in a column the header row does not name; expected "
                    "each value under a named column (a cell holding the separator must be "
                    "quoted)"
                )
                problems.append(Problem((place,), message, row.line, None, table.path))
            elif name:
                text, refused = _text(name, value)
                if refused:
                    problems.append(Problem((place,), refused, row.line, None, table.path))
                cells[name] = Cell(text, place, row.line)
        if len(problems) == before:
            found.append(QuoteRow(row.number, cells, empty))
    return found, problems


def _header(table: Table, row: Row) -> list[str | None]:
    """Return each column's name (lower case): ``""`` for an unknown one, ``None`` for none."""
    names: list[str | None] = []
    seen: dict[str, str] = {}
    unknown: list[str] = []
    problems: list[Problem] = []
    for column, value in enumerate(row.values):
        place = table.place(row, column, None)
        if _blank(value):
            names.append(None)
            continue
        given = str(value)
        name = given.strip().casefold()
        if name in seen and name in COLUMNS:  # a column not read may be named twice
            message = (
                f"the column {quoted(name)} is named twice, here and at {seen[name]}; "
                "expected each column once"
            )
            problems.append(Problem((place,), message, row.line, None, table.path))
        seen.setdefault(name, place)
        if name not in COLUMNS:
            close = difflib.get_close_matches(name, COLUMNS, n=1, cutoff=0.7)
            unknown.append(quoted(given) + (f" (did you mean {close[0]!r}?)" if close else ""))
        names.append(name if name in COLUMNS else "")
    if missing := [name for name in REQUIRED_COLUMNS if name not in seen]:
        has = ", ".join(quoted(str(value)) for value in row.values if not _blank(value))
        message = (
            f"the header row (row {row.number}) has no {_listed(missing)} column"
            f"{'s' if len(missing) > 1 else ''} (it has {has}); {_EXPECTED_HEADER}"
        )
        problems.append(Problem((), message, None, None, table.path))
    if problems:
        raise StudyFileError(table.path, problems)
    if unknown:
        warnings.warn(
            f"{table.path}: the column{'s' if len(unknown) > 1 else ''} {_listed(unknown)} "
            f"{'are' if len(unknown) > 1 else 'is'} not read; a sheet of quotes has the columns "
            f"{_listed(COLUMNS)}",
            UnknownColumnWarning,
            stacklevel=_STACKLEVEL,
        )
    return names


def _blank(value: Value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _empty(values: tuple[Value, ...]) -> bool:
    return all(_blank(value) for value in values)


def _text(column: str, value: Value) -> tuple[str, str | None]:
    """Return a cell's value as text, and why it is refused, if it is."""
    if isinstance(value, str):
        return value, None
    kind = _kind(value)
    if column == "quote":
        return "", (
            f"the quote is {kind} ({value}), not text; expected the words as written (format "
            "the column as text, so that the spreadsheet keeps them as they are)"
        )
    if isinstance(value, bool) or kind == "a date":
        return "", f"the cell holds {kind} ({value}); expected text"
    if isinstance(value, float) and value.is_integer():
        return str(int(value)), None
    return str(value), None


def _kind(value: Value) -> str:
    if isinstance(value, bool):
        return "a true/false value"
    if isinstance(value, datetime | date | time):
        return "a date"
    return "a number"
