"""The answer to a question: rows in a list that knows their type, for a DataFrame or a workbook."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import Enum
from typing import TYPE_CHECKING, Generic, TypeVar

from evidence_graph.display import SHOWN_ROWS, html_table
from evidence_graph.exceptions import QueryError
from evidence_graph.io.xlsx_tables import table_workbook
from evidence_graph.queries.frames import to_cells, to_pandas
from evidence_graph.queries.rows import Row

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Rows", "check_page"]

R = TypeVar("R", bound=Row)


def check_page(limit: int | None, offset: int) -> None:
    """Refuse a page that is not a whole number of rows, 0 or more, after a whole offset.

    Raises:
        QueryError: Naming ``limit`` or ``offset`` and what was expected.
    """
    for name, value in (("limit", limit), ("offset", offset)):
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or value < 0
        ):
            raise QueryError(name, str(value), "expected a whole number, 0 or more")


class Rows(list[R], Generic[R]):
    """The rows a question answers with, in order: a list that also knows the type of its rows.

    It is a list in every way (compared with a list, indexed, sorted; a slice of it is a plain
    list), and, knowing its row type, it gives a DataFrame or a workbook whose columns are the
    row type's fields, in order, even when there are no rows.

    Attributes:
        row: The type of the rows.

    Examples:
        >>> from evidence_graph import load_graph, queries
        >>> rows = queries.quotes_for_theme(load_graph("kverme2019"), "daring to belong")
        >>> rows.row.__name__, len(rows), isinstance(rows, list)
        ('QuoteRow', 1, True)
        >>> frame = rows.to_pandas()
        >>> list(frame.columns) == list(rows.row.model_fields)
        True
        >>> frame["role"].tolist() == [row.role.value for row in rows]
        True
    """

    __slots__ = ("row",)

    def __init__(self, row: type[R], rows: Iterable[R] = ()) -> None:
        super().__init__(rows)
        self.row = row

    def page(self, limit: int | None = None, offset: int = 0) -> Rows[R]:
        """Return ``limit`` rows (all the rest when ``None``) after the first ``offset``.

        The rows keep their order, so pages of one answer follow each other: a question pages
        the same way in Python, in SPARQL and on the command line (``--limit``, ``--offset``).

        Raises:
            QueryError: If ``limit`` or ``offset`` is not a whole number of 0 or more.

        Examples:
            >>> from evidence_graph import load_graph, ask
            >>> rows = ask(load_graph("kverme2019"), "theme-tree")
            >>> [row.number for row in rows.page(2, offset=1)]
            [1, 2]
            >>> rows.page(offset=4) == rows[4:], rows.page(0)
            (True, [])
        """
        check_page(limit, offset)
        end = None if limit is None else offset + limit
        return Rows(self.row, self[offset:end])

    def _repr_html_(self) -> str:
        """Return the rows as an HTML table for a notebook: a column for each field, escaped.

        A long answer shows its first :data:`~evidence_graph.display.SHOWN_ROWS` rows and says
        how many more there are.

        Examples:
            >>> from evidence_graph import load_graph, queries
            >>> rows = queries.quotes_for_theme(load_graph("kverme2019"), "daring to belong")
            >>> print(rows._repr_html_()[:60])
            <table><thead><tr><th>quote</th><th>quote_id</th><th>text</t
        """
        columns = list(self.row.model_fields)
        cells = ([_cell(getattr(row, column)) for column in columns] for row in self[:SHOWN_ROWS])
        return html_table(columns, cells, total=len(self))

    def to_pandas(self) -> pd.DataFrame:
        """Return the rows as a pandas DataFrame, a typed column for each field of the row type.

        Text is a ``string`` column, a whole number ``Int64``, a float ``Float64``, a boolean
        ``boolean``, an enum ``category`` (its values the categories, in the order declared),
        a date ``datetime64[s]``, a time ``datetime64[us, UTC]``; every column takes a missing
        value (see :mod:`evidence_graph.queries.frames`).

        Raises:
            MissingExtraError: If pandas is not installed: ``pip install 'evidence-graph[pandas]'``.
        """
        return to_pandas(self.row, self)

    def to_xlsx(self, sheet: str | None = None) -> bytes:
        """Return the rows as an Excel workbook: a bold header of the fields, a row for each row.

        Cells are typed (numbers, booleans, dates); text is never a formula, even when it starts
        with ``=`` (see :func:`evidence_graph.io.table_workbook`). The same rows give the same
        bytes.

        Args:
            sheet: The sheet's name (the question's, say); by default, the row type's.

        Raises:
            NotWritableError: If a cell holds what a workbook cannot (a control character, text
                longer than 32,767 characters), naming the cell.
        """
        columns = list(self.row.model_fields)
        return table_workbook(sheet or self.row.__name__, columns, map(to_cells, self))


def _cell(value: object) -> str:
    """A field's value as a table cell shows it: empty for none, a list joined by commas."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return ", ".join(_cell(item) for item in value)
    return str(value)
