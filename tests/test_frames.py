"""Answers as DataFrames and workbooks: Rows.to_pandas, Rows.to_xlsx, query --format xlsx.

Every question of the catalogue is covered through the cases of ``cases.py``: a new question
without a case fails here. Workbooks are read back with openpyxl and, as ZIP archives, with
zipfile.
"""

from __future__ import annotations

import io
import os
import pickle
import pty
import re
import sys
import types
import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from enum import Enum
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

import openpyxl
import pandas as pd
import pytest
from cases import KVERME_CASES, LITERATURE_CASES, drawn_cases
from helpers import LITERATURE, Cli, Server, WriteStudy, examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import Field
from strategies import corpora

from evidence_graph import (
    EvidenceGraph,
    MissingExtraError,
    NotWritableError,
    QueryError,
    load_graph,
)
from evidence_graph.io import sheet_name, table_workbook
from evidence_graph.models import Corpus, NodeKind, ThemeKind
from evidence_graph.queries import (
    QUESTIONS,
    CountRow,
    MappedRow,
    QuoteRow,
    Row,
    Rows,
    ThemeRow,
    ask,
    co_citations,
    most_cited,
    path_between,
)
from evidence_graph.store import SparqlEndpoint
from evidence_graph.store import ask as ask_store

CASES = [(name, parameters, ()) for name, parameters in KVERME_CASES] + [
    (name, parameters, LITERATURE) for name, parameters in LITERATURE_CASES
]
"""Every case of cases.py, with the sources it is asked of (() for kverme2019)."""

_GRAPHS: dict[tuple[str, ...], EvidenceGraph] = {}


def _graph(sources: tuple[str, ...]) -> EvidenceGraph:
    if sources not in _GRAPHS:
        _GRAPHS[sources] = load_graph(*(sources or ("kverme2019",)))
    return _GRAPHS[sources]


def _cases(name: str) -> list[tuple[dict[str, str], tuple[str, ...]]]:
    return [(parameters, sources) for asked, parameters, sources in CASES if asked == name]


# -- what a column should be, by the rules the docs give ---------------------------------------


def _kind(annotation: object) -> object:
    """``X`` for ``X | None``."""
    if get_origin(annotation) in {Union, types.UnionType}:
        kinds = [kind for kind in get_args(annotation) if kind is not type(None)]
        if len(kinds) == 1:
            return kinds[0]
    return annotation


def _expected_dtype(annotation: object) -> object:
    kind = _kind(annotation)
    if get_origin(kind) is Literal:
        return pd.CategoricalDtype(list(get_args(kind)), ordered=False)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return pd.CategoricalDtype([member.value for member in kind], ordered=False)
    table: dict[object, str] = {
        str: "string",
        int: "Int64",
        float: "Float64",
        bool: "boolean",
        date: "datetime64[s]",
        datetime: "datetime64[us, UTC]",
    }
    return table.get(kind, "object")


def _expected_value(value: object) -> object:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return pd.Timestamp(value if value.tzinfo else value.replace(tzinfo=UTC))
    if isinstance(value, date):
        return pd.Timestamp(value)
    return value


def _same_frame(frame: pd.DataFrame, rows: Rows[Any]) -> None:
    """Assert that ``frame`` holds ``rows``: the columns and dtypes of the row type, the values."""
    fields = rows.row.model_fields
    assert list(frame.columns) == list(fields)
    for name, field in fields.items():
        assert frame[name].dtype == _expected_dtype(field.annotation), name
    assert len(frame) == len(rows)
    assert list(frame.index) == list(range(len(rows)))
    for index, row in enumerate(rows):
        for name in fields:
            value, cell = getattr(row, name), frame.at[index, name]
            if value is None:
                assert pd.isna(cell), (index, name, cell)
            else:
                assert cell == _expected_value(value), (index, name, cell, value)


# -- DataFrames --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(QUESTIONS))
def test_every_question_has_a_case_with_rows(name: str) -> None:
    answered = [ask(_graph(sources), name, parameters) for parameters, sources in _cases(name)]
    assert any(answered), f"add a case for {name} to cases.py"


@pytest.mark.parametrize("name", list(QUESTIONS))
@pytest.mark.parametrize("engine", ["python", "sparql"])
def test_every_answer_becomes_a_typed_frame_of_its_rows(name: str, engine: str) -> None:
    question = QUESTIONS[name]
    for parameters, sources in _cases(name):
        rows = ask(_graph(sources), name, parameters, engine=engine)  # type: ignore[arg-type]
        assert type(rows) is Rows
        assert rows.row is question.row
        _same_frame(rows.to_pandas(), rows)


@pytest.mark.parametrize("name", list(QUESTIONS))
def test_every_question_s_function_answers_in_rows(name: str) -> None:
    question = QUESTIONS[name]
    for parameters, sources in _cases(name):
        graph = _graph(sources)
        parsed = question.check(graph, question.parse(parameters), lookups=False)
        rows = question.answer(graph, parsed)
        assert type(rows) is Rows, "the question's Python function should return Rows"
        assert rows.row is question.row


@pytest.mark.parametrize("name", list(QUESTIONS))
def test_no_rows_give_the_same_columns_and_types(name: str) -> None:
    question = QUESTIONS[name]
    parameters, sources = _cases(name)[0]
    full = ask(_graph(sources), name, parameters).to_pandas()
    empty = Rows(question.row).to_pandas()
    assert empty.empty
    assert list(empty.columns) == list(full.columns)
    assert empty.dtypes.to_dict() == full.dtypes.to_dict()


def test_an_empty_answer_is_an_empty_typed_frame(graph: EvidenceGraph) -> None:
    rows = ask(
        graph, "quotes-for-theme", {"theme": "moving-toward-connectedness", "subthemes": "false"}
    )
    assert rows == []
    frame = rows.to_pandas()
    assert frame.shape == (0, len(QuoteRow.model_fields))
    assert frame["role"].dtype == pd.CategoricalDtype(["supporting", "contrasting"])
    assert frame["text"].dtype == "string"


def test_the_theme_tree_s_columns(graph: EvidenceGraph) -> None:
    frame = ask(graph, "theme-tree").to_pandas()
    assert frame.dtypes.astype(str).to_dict() == {
        "theme": "string",
        "theme_id": "string",
        "label": "string",
        "number": "Int64",
        "kind": "category",
        "position": "Int64",
        "parent": "string",
        "depth": "Int64",
        "quotes": "Int64",
        "quotes_with_subthemes": "Int64",
        "study": "string",
        "study_id": "string",
    }
    assert list(frame["kind"].cat.categories) == [kind.value for kind in ThemeKind]
    assert not frame["kind"].cat.ordered
    assert frame["number"].tolist() == [pd.NA, 1, 2, 3, 4]
    assert frame["depth"].sum() == 4


class _Mood(Enum):
    LOW = 1
    HIGH = 2


class _Every(Row):
    """A row with a field of every kind a column can be."""

    text: str = Field(description="Text.")
    maybe_text: str | None = Field(default=None, description="Text, or none.")
    whole: int = Field(description="A whole number.")
    real: float | None = Field(default=None, description="A float.")
    flag: bool | None = Field(default=None, description="A boolean.")
    kind: NodeKind = Field(description="A string enum.")
    mood: _Mood | None = Field(default=None, description="An integer enum.")
    side: Literal["left", "right"] = Field(description="A literal.")
    day: date | None = Field(default=None, description="A date.")
    moment: datetime | None = Field(default=None, description="A time.")
    many: tuple[str, ...] = Field(default=(), description="Several IRIs.")
    either: str | int | None = Field(default=None, description="Text or a number.")


_EVERY = [
    _Every(
        text="=1+1",
        whole=-3,
        real=1.5,
        flag=False,
        kind=NodeKind.QUOTE,
        mood=_Mood.HIGH,
        side="right",
        day=date(2019, 3, 1),
        moment=datetime(2020, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=2))),
        many=("https://a.example/1", "https://a.example/2"),
        either=7,
    ),
    _Every(
        text="Førde 😀", whole=2**40, kind=NodeKind.THEME, side="left", moment=datetime(2021, 6, 1)
    ),
]


def test_every_kind_of_field_gets_its_column() -> None:
    frame = Rows(_Every, _EVERY).to_pandas()
    assert frame.dtypes.astype(str).to_dict() == {
        "text": "string",
        "maybe_text": "string",
        "whole": "Int64",
        "real": "Float64",
        "flag": "boolean",
        "kind": "category",
        "mood": "category",
        "side": "category",
        "day": "datetime64[s]",
        "moment": "datetime64[us, UTC]",
        "many": "object",
        "either": "object",
    }
    assert list(frame["mood"].cat.categories) == [1, 2]
    assert list(frame["side"].cat.categories) == ["left", "right"]
    assert frame.at[0, "moment"] == pd.Timestamp("2020-01-02T01:04:05Z")  # in UTC
    assert frame.at[1, "moment"] == pd.Timestamp("2021-06-01T00:00:00Z")  # no zone: UTC
    assert frame.at[0, "many"] == ("https://a.example/1", "https://a.example/2")
    assert frame.at[1, "flag"] is pd.NA
    assert frame.at[1, "whole"] == 2**40
    _same_frame(frame, Rows(_Every, _EVERY))
    _same_frame(Rows(_Every).to_pandas(), Rows(_Every))


def test_a_whole_number_too_large_for_int64_is_refused() -> None:
    row = ThemeRow(
        theme="https://x.example/t",
        theme_id="t",
        label="T",
        number=2**63,
        depth=0,
        quotes=0,
        quotes_with_subthemes=0,
        study="https://x.example/s",
        study_id="s",
    )
    with pytest.raises(NotWritableError) as raised:
        Rows(ThemeRow, [row]).to_pandas()
    assert str(raised.value) == (
        "ThemeRow 1: number: 9223372036854775808 does not fit a column of 64-bit whole numbers"
    )
    fits = row.model_copy(update={"number": 2**63 - 1})
    huge = row.model_copy(update={"number": 10**400})
    assert Rows(ThemeRow, [fits]).to_pandas().at[0, "number"] == 2**63 - 1
    with pytest.raises(NotWritableError) as raised:
        Rows(ThemeRow, [fits, huge]).to_pandas()
    assert str(raised.value) == (
        "ThemeRow 2: number: a whole number of about 401 digits does not fit a column of 64-bit "
        "whole numbers"
    )


def test_without_pandas_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, graph: EvidenceGraph
) -> None:
    rows = ask(graph, "stats")
    monkeypatch.setitem(sys.modules, "pandas", None)  # `import pandas` now raises ImportError
    with pytest.raises(MissingExtraError) as raised:
        rows.to_pandas()
    assert str(raised.value) == (
        "to_pandas needs pandas, which is not installed; install it with: "
        "pip install 'evidence-graph[pandas]'"
    )
    assert isinstance(raised.value, ImportError)
    assert (raised.value.name, raised.value.extra) == ("pandas", "pandas")
    assert rows.to_xlsx("stats")  # a workbook needs no pandas


def test_rows_are_a_list(graph: EvidenceGraph) -> None:
    rows = ask(graph, "stats")
    assert isinstance(rows, list)
    assert rows == list(rows)
    assert type(rows[:2]) is list
    again = pickle.loads(pickle.dumps(rows))  # noqa: S301 - our own bytes
    assert (again, again.row) == (rows, CountRow)


def test_the_network_questions_answer_in_rows(literature: EvidenceGraph) -> None:
    cited = most_cited(literature, top=3)
    assert cited.row.__name__ == "CitedRow"
    _same_frame(cited.to_pandas(), cited)
    pairs = co_citations(literature)
    assert pairs, "the literature should have co-cited works"
    frame = pairs.to_pandas()
    assert frame["citing"].dtype == object
    _same_frame(frame, pairs)
    path = path_between(literature, "little-steps", "bpd")
    assert path.to_pandas()["forward"].dtype == "boolean"
    _same_frame(path.to_pandas(), path)


# -- workbooks ---------------------------------------------------------------------------------


def _read(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _cells(value: object) -> object:
    """A value as the workbook gives it back."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return "\n".join(value) or None
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return value


def _same_sheet(data: bytes, sheet: str, rows: Rows[Any]) -> None:
    book = _read(data)
    assert book.sheetnames == [sheet]
    table = book[sheet]
    got = [[cell.value for cell in row] for row in table.iter_rows()]
    fields = list(rows.row.model_fields)
    assert got[0] == fields
    assert got[1:] == [[_cells(getattr(row, name)) for name in fields] for row in rows]
    assert all(cell.font.b for cell in table[1])
    assert table.freeze_panes == "A2"
    for row in table.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                assert cell.data_type == "s"


@pytest.mark.parametrize("name", list(QUESTIONS))
def test_every_answer_becomes_a_workbook_of_its_rows(name: str) -> None:
    for parameters, sources in _cases(name):
        rows = ask(_graph(sources), name, parameters)
        _same_sheet(rows.to_xlsx(name), name, rows)


def test_every_kind_of_field_gets_its_cell() -> None:
    rows = Rows(_Every, _EVERY)
    data = rows.to_xlsx()
    _same_sheet(data, "_Every", rows)
    table = _read(data)["_Every"]
    assert table["J2"].value == datetime(2020, 1, 2, 1, 4, 5)  # the time in UTC
    assert (table["I2"].number_format, table["J2"].number_format) == (
        "yyyy-mm-dd",
        "yyyy-mm-dd hh:mm:ss",
    )
    assert (table["E2"].data_type, table["E2"].value) == ("b", False)
    assert (table["C2"].data_type, table["C2"].value) == ("n", -3)
    assert table.auto_filter.ref == "A1:L3"


TRICKY = [
    '=HYPERLINK("https://evil.example","click")',
    "+1+1",
    "-2",
    "@SUM(A1:A2)",
    "\tTab first",
    "\r\ncarriage return first",
    "Emoji 😀, a clef 𝄞 and 𠜎 outside the BMP, Førde",
    "a line\nand another",
    "'already quoted",
]


def test_text_is_kept_verbatim_and_never_a_formula() -> None:
    data = table_workbook("tricky", ["text"], [[text] for text in TRICKY])
    table = _read(data)["tricky"]
    cells = [row[0] for row in table.iter_rows(min_row=2)]
    assert [cell.value for cell in cells] == TRICKY
    assert [cell.data_type for cell in cells] == ["s"] * len(TRICKY)
    prefixed = [cell.quotePrefix for cell in cells]
    assert prefixed == [True] * 6 + [False] * 3
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert not re.search(r"<f[\s>/]", sheet)
    assert "&#128512;" in sheet or "😀" in sheet


@pytest.mark.parametrize(
    ("text", "shown", "position"),
    [
        ("escape \x1b[31m red", "'\\x1b'", 8),
        ("nul\x00", "'\\x00'", 4),
        ("not a char \ufffe", "'\\ufffe'", 12),
        ("a lone \ud800 surrogate", "'\\ud800'", 8),
    ],
)
def test_a_character_xml_cannot_carry_is_refused_naming_the_cell(
    text: str, shown: str, position: int
) -> None:
    with pytest.raises(NotWritableError) as raised:
        table_workbook("quotes", ["id", "text"], [["a", "fine"], ["b", text]])
    assert str(raised.value) == (
        f"quotes!B3: the text holds the character {shown} at {position}, which a workbook "
        "cannot hold; CSV or JSON keeps it"
    )


def test_text_longer_than_a_cell_is_refused() -> None:
    fits = "😀" * 16_383  # 32,766 UTF-16 code units
    assert _read(table_workbook("long", ["text"], [[fits]]))["long"]["A2"].value == fits
    with pytest.raises(NotWritableError) as raised:
        table_workbook("long", ["text"], [[fits + "😀"]])
    assert str(raised.value) == (
        "long!A2: the text is 32,768 characters long; a cell holds at most 32,767; "
        "CSV or JSON keeps it"
    )


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (10**15, "the number 1000000000000000 has more than 15 digits"),
        (float("nan"), "nan is not a number a workbook can hold"),
        (float("-inf"), "-inf is not a number a workbook can hold"),
    ],
)
def test_a_number_a_workbook_cannot_hold_is_refused(value: float, reason: str) -> None:
    assert _read(table_workbook("n", ["n"], [[10**15 - 1]]))["n"]["A2"].value == 10**15 - 1
    with pytest.raises(NotWritableError) as raised:
        table_workbook("n", ["n"], [[value]])
    assert str(raised.value) == f"n!A2: {reason}"


def test_the_same_rows_give_the_same_bytes_stamped_with_a_fixed_time(
    monkeypatch: pytest.MonkeyPatch, graph: EvidenceGraph
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    rows = ask(graph, "quotes-for-theme", {"theme": "Moving Toward Connectedness"})
    data = rows.to_xlsx("quotes-for-theme")
    assert data == rows.to_xlsx("quotes-for-theme")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {entry.date_time for entry in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode("utf-8")
    assert re.findall(r"<dcterms:(\w+)[^>]*>([^<]*)<", core) == [
        ("created", "1980-01-01T00:00:00Z"),
        ("modified", "1980-01-01T00:00:00Z"),
    ]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    stamped = rows.to_xlsx("quotes-for-theme")
    with zipfile.ZipFile(io.BytesIO(stamped)) as archive:
        assert {entry.date_time for entry in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}
        assert "2023-11-14T22:13:20Z" in archive.read("docProps/core.xml").decode("utf-8")
    assert _read(stamped).properties.created == datetime(2023, 11, 14, 22, 13, 20)


def test_column_widths_follow_the_longest_line_within_bounds() -> None:
    data = table_workbook(
        "w", ["id", "text", "n"], [["a", "x" * 500, 1], ["b", "short\n" + "y" * 30, 2]]
    )
    widths = _read(data)["w"].column_dimensions
    assert (widths["A"].width, widths["B"].width, widths["C"].width) == (8, 60, 8)
    data = table_workbook("w", ["a-longer-header"], [["short\n" + "y" * 30]])
    assert _read(data)["w"].column_dimensions["A"].width == 32


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("quotes-for-theme", "quotes-for-theme"),
        ("a/b\\c?d*e:f[g]h", "a-b-c-d-e-f-g-h"),
        ("x" * 40, "x" * 31),
        ("'quoted'", "quoted"),
        ("", "answer"),
        ("History", "answer"),
    ],
)
def test_sheet_names_are_valid(title: str, name: str) -> None:
    assert sheet_name(title) == name
    assert _read(table_workbook(title, ["a"], []))[name]["A1"].value == "a"


# -- query --format xlsx -----------------------------------------------------------------------


def test_query_writes_a_workbook(cli: Cli, tmp_path: Path, graph: EvidenceGraph) -> None:
    target = tmp_path / "answer.xlsx"
    result = cli(
        "query",
        "quotes-for-theme",
        "-p",
        "theme=Moving Toward Connectedness",
        "--format",
        "xlsx",
        "-o",
        str(target),
    )
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr == f"wrote 4 rows (xlsx) to {target}\n"
    rows = ask(graph, "quotes-for-theme", {"theme": "Moving Toward Connectedness"})
    _same_sheet(target.read_bytes(), "quotes-for-theme", rows)
    assert target.read_bytes() == rows.to_xlsx("quotes-for-theme")
    again = tmp_path / "again.xlsx"
    cli(
        "query",
        "quotes-for-theme",
        "-p",
        "theme=Moving Toward Connectedness",
        "--sparql",
        "-f",
        "xlsx",
        "-o",
        str(again),
    )
    assert again.read_bytes() == target.read_bytes()


def test_query_writes_tricky_quotes_verbatim(
    cli: Cli, kverme: dict[str, Any], write_study: WriteStudy, tmp_path: Path
) -> None:
    first = kverme["quotes"][0]
    kverme["quotes"] += [{**first, "id": f"tricky-{i}", "text": t} for i, t in enumerate(TRICKY)]
    study = write_study(kverme, "tricky.json")
    target = tmp_path / "tricky.xlsx"
    result = cli(
        "query",
        "quotes-for-theme",
        str(study),
        "-p",
        "theme=Moving Toward Connectedness",
        "-f",
        "xlsx",
        "-o",
        str(target),
    )
    assert result.returncode == 0, result.stderr
    table = _read(target.read_bytes())["quotes-for-theme"]
    column = [cell.value for cell in table[1]].index("text")
    texts = {row[column].value for row in table.iter_rows(min_row=2)}
    assert texts == {*TRICKY, *(quote["text"] for quote in kverme["quotes"])}
    with zipfile.ZipFile(target) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


def test_query_refuses_a_control_character_and_writes_nothing(
    cli: Cli, kverme: dict[str, Any], write_study: WriteStudy, tmp_path: Path
) -> None:
    kverme["quotes"][0]["text"] = "she said \x1b[2J and left"
    study = write_study(kverme, "control.json")
    target = tmp_path / "control.xlsx"
    target.write_bytes(b"old")
    result = cli(
        "query", "search-quotes", str(study), "-p", "text=she said", "-f", "xlsx", "-o", str(target)
    )
    assert result.returncode == 1
    assert result.stderr == (
        "error: search-quotes!D2: the text holds the character '\\x1b' at 10, which a workbook "
        "cannot hold; CSV or JSON keeps it\n"
    )
    assert target.read_bytes() == b"old"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["control.json", "control.xlsx"]


@pytest.mark.parametrize(
    "output",
    [[], ["-o", "-"]],
    ids=["no -o", "-o -"],
)
def test_a_workbook_needs_a_file(cli: Cli, output: list[str]) -> None:
    result = cli("query", "stats", "--format", "xlsx", *output)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "error: --format xlsx writes a workbook, a binary file, not text for standard output: "
        "name the file with -o FILE.xlsx\n"
    )


def test_a_workbook_is_not_written_to_a_terminal(cli: Cli) -> None:
    master, slave = pty.openpty()
    try:
        terminal = os.ttyname(slave)
        result = cli("query", "stats", "--format", "xlsx", "-o", terminal)
    finally:
        os.close(master)
        os.close(slave)
    assert result.returncode == 2
    assert result.stderr == (
        f"error: -o {terminal!r} is a terminal; --format xlsx writes a workbook, a binary file: "
        "name a file with -o FILE.xlsx\n"
    )


def test_a_workbook_goes_to_a_device_that_is_no_terminal(cli: Cli) -> None:
    assert cli("query", "stats", "-f", "xlsx", "-o", os.devnull).returncode == 0


def test_a_workbook_in_a_missing_folder_is_a_usage_error(cli: Cli, tmp_path: Path) -> None:
    result = cli("query", "stats", "-f", "xlsx", "-o", str(tmp_path / "no" / "a.xlsx"))
    assert result.returncode == 2
    assert "cannot write: the folder" in result.stderr


@pytest.mark.parametrize("output", ["xlsx", "csv"])
def test_a_folder_or_no_name_as_the_output_is_a_usage_error(
    cli: Cli, tmp_path: Path, output: str
) -> None:
    result = cli("query", "stats", "-f", output, "-o", str(tmp_path))
    assert (result.returncode, result.stderr) == (
        2,
        f"error: {tmp_path}: cannot write: is a folder; expected a file\n",
    )
    result = cli("query", "stats", "-f", output, "-o", "")
    assert (result.returncode, result.stderr) == (
        2,
        "error: -o: the file name is empty; name a file, or leave out -o for standard output\n",
    )
    assert list(tmp_path.iterdir()) == []


def test_a_malformed_source_date_epoch_is_a_usage_error(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    result = cli("query", "stats", "-f", "xlsx", "-o", str(tmp_path / "a.xlsx"))
    assert result.returncode == 2
    assert result.stderr == (
        "error: SOURCE_DATE_EPOCH: 'yesterday': expected a whole number of seconds since "
        "1970-01-01\n"
    )
    assert not (tmp_path / "a.xlsx").exists()


def test_sparql_offers_no_workbook(cli: Cli, tmp_path: Path) -> None:
    query = tmp_path / "q.rq"
    query.write_text("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1", encoding="utf-8")
    result = cli("sparql", str(query), "-f", "xlsx")
    assert result.returncode == 2
    assert "invalid choice: 'xlsx'" in result.stderr


@pytest.mark.parametrize("output", ["csv", "json", "json-rows", "table"])
def test_o_writes_what_standard_output_would_show(cli: Cli, tmp_path: Path, output: str) -> None:
    target = tmp_path / f"stats.{output}"
    shown = cli("query", "stats", "-f", output)
    written = cli("query", "stats", "-f", output, "-o", str(target))
    assert (written.returncode, written.stdout) == (0, "")
    assert written.stderr == f"wrote {len(NodeKind)} rows ({output}) to {target}\n"  # one a kind
    assert target.read_text("utf-8") == shown.stdout


def test_a_store_s_answer_gives_the_same_frame_and_workbook(
    cli: Cli, tmp_path: Path, pushed_literature: SparqlEndpoint, oxigraph_serve: Server
) -> None:
    parameters = {"target": "Connectedness"}
    local = ask(_graph(LITERATURE), "mapped-to", parameters)
    remote = ask_store(pushed_literature, "mapped-to", parameters)
    assert (type(remote), remote.row) == (Rows, MappedRow)
    assert remote
    pd.testing.assert_frame_equal(remote.to_pandas(), local.to_pandas())
    target = tmp_path / "mapped.xlsx"
    result = cli(
        "query",
        "mapped-to",
        "-p",
        "target=Connectedness",
        "-f",
        "xlsx",
        "-o",
        str(target),
        "--endpoint",
        oxigraph_serve.query,
    )
    assert result.returncode == 0, result.stderr
    assert target.read_bytes() == local.to_xlsx("mapped-to")


# -- generated corpora -------------------------------------------------------------------------


def _writable(rows: Rows[Any]) -> bool:
    """Whether every text of the rows fits a cell of a workbook."""
    for row in rows:
        for value in row.model_dump(mode="json").values():
            for text in value if isinstance(value, list) else [value]:
                if isinstance(text, str) and (
                    re.search("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", text)
                    or len(text.encode("utf-16-le")) > 2 * 32_767
                ):
                    return False
    return True


def _asked(graph: EvidenceGraph, data: st.DataObject) -> Iterator[tuple[str, Rows[Any]]]:
    for name, parameters in drawn_cases(graph, data):
        try:
            yield name, ask(graph, name, parameters)
        except QueryError:  # a drawn parameter that names nothing; test_sparql covers it
            continue


@given(corpus=corpora(), data=st.data())
@settings(
    max_examples=examples(20),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
def test_generated_answers_become_frames_and_workbooks(corpus: Corpus, data: st.DataObject) -> None:
    graph = EvidenceGraph.from_corpus(corpus)
    for name, rows in _asked(graph, data):
        _same_frame(rows.to_pandas(), rows)
        if _writable(rows):
            _same_sheet(rows.to_xlsx(name), name, rows)
        else:
            with pytest.raises(NotWritableError, match=rf"^{re.escape(name)}![A-Z]+\d+: "):
                rows.to_xlsx(name)
