"""Answers as pandas DataFrames, and as cells of a table: typed by the row model's fields.

Each field of a row model gives a column, in the model's order, whose type follows the
field's annotation (``None`` allowed or not, every column takes a missing value):

==========================  ================================================================
field                       column
==========================  ================================================================
``str``                     ``string``
``int``                     ``Int64``
``float``                   ``Float64``
``bool``                    ``boolean``
an enum, a ``Literal``      ``category``: the enum's values (or the literal's), in the order
                            declared, unordered (no enum of a row is a scale)
``date``                    ``datetime64[s]``
``datetime``                ``datetime64[us, UTC]`` (a time without a zone is taken as UTC)
anything else               ``object``, values as they are (a tuple of IRIs, say)
==========================  ================================================================

pandas is an optional extra (``pip install 'evidence-graph[pandas]'``): it is imported only
when a DataFrame is asked for.
"""

from __future__ import annotations

import types
from collections.abc import Sequence
from datetime import UTC, date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Literal, Union, get_args, get_origin

from evidence_graph.display import quoted
from evidence_graph.exceptions import MissingExtraError, NotWritableError
from evidence_graph.io.xlsx_tables import Cell
from evidence_graph.queries.rows import Row

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["column_types", "to_cells", "to_pandas"]

_INT64 = 2**63
"""Where the whole numbers of an ``Int64`` column end (they are at least ``-_INT64``)."""


def column_types(row: type[Row]) -> dict[str, tuple[str, tuple[object, ...]]]:
    """Return each field's column type: the pandas dtype's name, and a category's values.

    Examples:
        >>> from evidence_graph.queries import CountRow, ThemeRow
        >>> column_types(CountRow)["count"]
        ('Int64', ())
        >>> column_types(ThemeRow)["kind"][0], column_types(ThemeRow)["kind"][1][:2]
        ('category', ('theme', 'sub-theme'))
    """
    return {name: _column_type(field.annotation) for name, field in row.model_fields.items()}


def _column_type(annotation: object) -> tuple[str, tuple[object, ...]]:
    kind = _without_none(annotation)
    if get_origin(kind) is Literal:
        return "category", get_args(kind)
    if not isinstance(kind, type):
        return "object", ()
    if issubclass(kind, Enum):  # before str and int: StrEnum, IntEnum
        return "category", tuple(member.value for member in kind)
    found = "object"
    for base, name in (
        (bool, "boolean"),  # before int, which it is
        (int, "Int64"),
        (float, "Float64"),
        (str, "string"),
        (datetime, "datetime64[us, UTC]"),  # before date, which it is
        (date, "datetime64[s]"),
    ):
        if issubclass(kind, base):
            found = name
            break
    return found, ()


def _without_none(annotation: object) -> object:
    """Return ``X`` for ``X | None`` (and ``Annotated[X, ...]``); any other union as it is."""
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    if get_origin(annotation) in {Union, types.UnionType}:
        kinds = [kind for kind in get_args(annotation) if kind is not type(None)]
        if len(kinds) == 1:
            return _without_none(kinds[0])
    return annotation


def to_pandas(row: type[Row], rows: Sequence[Row]) -> pd.DataFrame:
    """Return rows as a DataFrame: a column for each field of ``row``, typed by its annotation.

    Args:
        row: The type of the rows, which gives the columns even when there are no rows.
        rows: The rows.

    Raises:
        MissingExtraError: If pandas is not installed.
        NotWritableError: If a whole number does not fit an ``Int64`` column.

    Examples:
        >>> from evidence_graph import load_graph, queries
        >>> frame = to_pandas(queries.CountRow, queries.stats(load_graph("kverme2019")))
        >>> frame.dtypes.astype(str).to_dict()
        {'kind': 'category', 'count': 'Int64'}
        >>> int(frame.set_index("kind").loc["quote", "count"])
        4
    """
    try:
        import pandas as pd  # noqa: PLC0415 - an optional extra, imported when asked for
    except ImportError as error:
        raise MissingExtraError("pandas", "pandas", "to_pandas") from error
    columns: dict[str, pd.Series] = {}
    for name, (kind, categories) in column_types(row).items():
        values = [
            _value(getattr(item, name), kind, row, index, name) for index, item in enumerate(rows)
        ]
        dtype = pd.CategoricalDtype(list(categories)) if kind == "category" else kind
        columns[name] = pd.Series(values, dtype=dtype, name=name)
    return pd.DataFrame(columns, columns=list(columns))


def _value(value: object, kind: str, row: type[Row], index: int, name: str) -> object:
    """Return a field's value as its column takes it."""
    if isinstance(value, Enum):
        return value.value
    if kind == "Int64" and isinstance(value, int) and not -_INT64 <= value < _INT64:
        raise NotWritableError(
            f"{row.__name__} {index + 1}: {name}: {quoted(value)} does not fit a column of 64-bit "
            "whole numbers"
        )
    if isinstance(value, datetime):
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    return value


def to_cells(row: Row) -> list[Cell]:
    """Return a row's fields as cells of a table, in order: an enum as its value, a tuple as lines.

    Examples:
        >>> from evidence_graph.models import NodeKind
        >>> from evidence_graph.queries import CountRow
        >>> to_cells(CountRow(kind=NodeKind.QUOTE, count=23))
        ['quote', 23]
    """
    return [_cell(getattr(row, name)) for name in type(row).model_fields]


def _cell(value: object) -> Cell:
    if isinstance(value, Enum):
        value = value.value
    if value is None or isinstance(value, str | int | float | date):
        return value
    if isinstance(value, tuple | list):  # an empty one is an empty cell
        return "\n".join(str(_cell(item)) for item in value) or None
    return str(value)
