"""The commands that answer in rows: query (the named questions) and sparql (one's own query)."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import stat
import threading
import traceback
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from evidence_graph.cli._common import DEFAULT_SOURCE, UsageError, emit, output_file
from evidence_graph.cli._console import LineByLine
from evidence_graph.cli._store import endpoint_of
from evidence_graph.display import quoted, shorten
from evidence_graph.exceptions import QueryTimeoutError
from evidence_graph.ids import DEFAULT_BASE
from evidence_graph.io import load_graph, write_all, write_atomic
from evidence_graph.io.text_files import special_kind
from evidence_graph.queries import QUESTIONS, Engine, Question, ask, find_question
from evidence_graph.rdf import to_oxigraph, typed_literal
from evidence_graph.sparql import (
    SparqlError,
    Term,
    expand,
    parameters,
    query_text,
    results_json,
    services,
    solve,
    to_python,
    to_store,
)
from evidence_graph.store import ask as ask_store

__all__ = [
    "ANSWERS",
    "DEFAULT_TIMEOUT",
    "OUTPUTS",
    "QUERY_ANSWERS",
    "csv_cell",
    "pairs",
    "print_rows",
    "query",
    "sparql",
]

OUTPUTS = ("table", "json", "csv")
"""The formats a list of records (the merge report) prints in."""

ANSWERS = ("table", "json", "json-rows", "csv")
"""The formats an answer of ``query`` or ``sparql`` prints in.

``json`` is the command's own JSON: the SPARQL 1.1 Query Results JSON for ``sparql``, the
question's typed rows for ``query``; ``json-rows`` is an array of flat objects for both.
"""

QUERY_ANSWERS = (*ANSWERS, "xlsx")
"""The formats of ``query``: those of :data:`ANSWERS`, and an Excel workbook (to a file)."""

DEFAULT_TIMEOUT = 60.0
"""The seconds a query may run when ``--timeout`` is not given, as a store is waited for."""

Value = str | int | float | bool | None
"""A cell of an answer: text (IRIs too), a number, a boolean, or None when unbound."""

T = TypeVar("T")

_FORMULA = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet may read as the start of a formula, in a cell of text (OWASP)."""


def query(args: argparse.Namespace, out: Console, err: Console) -> None:
    """Answer a named question (or list them) and print the rows, or write them to a file."""
    name: str | None = args.name
    question = None if name is None else find_question(name)
    if args.list:
        _questions(out, [question] if question else list(QUESTIONS.values()))
        return
    if name is None or question is None:
        raise UsageError(f"query needs a question NAME, one of: {', '.join(QUESTIONS)}")
    if args.show_sparql:
        emit(query_text(question.name))
        return
    output = _answer_file(args.output, args.format)
    values = pairs(args.param)
    endpoint = endpoint_of(args)
    if endpoint is not None:
        base = DEFAULT_BASE
        with endpoint:
            rows = ask_store(endpoint, name, values, limit=args.limit, offset=args.offset)
    else:
        graph = load_graph(*(args.sources or [DEFAULT_SOURCE]), strict=args.strict)
        base = graph.base
        engine: Engine = "sparql" if args.sparql else "python"
        rows = _within(
            args.timeout,
            name,
            lambda: ask(graph, name, values, engine=engine, limit=args.limit, offset=args.offset),
        )
    if args.format == "xlsx":
        assert output is not None  # noqa: S101 - _answer_file refuses xlsx without a file
        write_atomic(output, rows.to_xlsx(question.name))
    else:
        records = [row.model_dump(mode="json") for row in rows]
        fields = list(question.row.model_fields)
        target = (
            out if output is None else Console(file=io.StringIO(), width=out.width, emoji=False)
        )
        print_rows(target, args.format, name, fields, records, base=base, shown=question.columns)
        if output is None:
            return
        assert isinstance(target.file, io.StringIO)  # noqa: S101 - made just above
        write_atomic(output, target.file.getvalue())
    count = f"{len(rows)} row{'' if len(rows) == 1 else 's'}"
    err.print(f"wrote {count} ({args.format}) to {escape(str(output))}")


def _answer_file(name: str | None, output: str) -> Path | None:
    """The file ``-o`` names, refused now if it cannot be written; ``None`` for standard output.

    A workbook, being binary, is written to a file only: not to standard output (nor ``-``),
    nor to a terminal.
    """
    if output != "xlsx":
        return output_file(name)
    if name is None or name == "-":
        raise UsageError(
            "--format xlsx writes a workbook, a binary file, not text for standard output: "
            "name the file with -o FILE.xlsx"
        )
    if _is_terminal(name):
        raise UsageError(
            f"-o {quoted(name)} is a terminal; --format xlsx writes a workbook, a binary "
            "file: name a file with -o FILE.xlsx"
        )
    return output_file(name)


def _is_terminal(name: str) -> bool:
    """Whether ``name`` is a terminal (``/dev/tty``, or ``/dev/stdout`` on one)."""
    try:
        if not stat.S_ISCHR(Path(name).stat().st_mode):
            return False
        handle = os.open(name, os.O_WRONLY | os.O_NOCTTY | os.O_NONBLOCK | os.O_CLOEXEC)
    except (OSError, ValueError):  # what cannot be opened, output_file explains
        return False
    try:
        return os.isatty(handle)
    finally:
        os.close(handle)


def _questions(out: Console, questions: Sequence[Question]) -> None:
    table = Table("question", "what it answers", "parameters (--param KEY=VALUE)")
    table.columns[0].no_wrap = True
    for question in questions:
        parameters = [
            f"{p.name}{' (required)' if p.required else ''}: {escape(p.help)}"
            f" [dim]— {escape(p.expected)}[/]"
            for p in question.parameters
        ]
        table.add_row(question.name, escape(question.summary), "\n".join(parameters) or "none")
    out.print(table)


def sparql(args: argparse.Namespace, out: Console) -> None:
    """Run a SPARQL query file over the sources' RDF and print its answer."""
    path: Path = args.file
    text = _query_file(path)
    bindings = {name.lstrip("?$"): _term(name, value) for name, value in pairs(args.param).items()}
    declared = parameters(text, source=str(path))
    for name in bindings:
        if name not in declared:
            expected = ", ".join(f"?{variable}" for variable in declared) or "none"
            shown = shorten(name)
            raise UsageError(
                f"--param {shown}: {path} has no parameter block (VALUES of UNDEF) with ?{shown}; "
                f"it declares: {expected}"
            )
    source, allowed = str(path), args.allow_service
    _refuse_services(text, source, allowed=allowed)
    endpoint = endpoint_of(args)
    if endpoint is not None:
        base = DEFAULT_BASE
        with endpoint:
            answer = solve(endpoint, text, bindings, source=source, allow_service=allowed)
    else:
        graph = load_graph(*(args.sources or [DEFAULT_SOURCE]), strict=args.strict)
        base = graph.base
        store = to_store(graph)
        answer = _within(
            args.timeout,
            source,
            lambda: solve(store, text, bindings, source=source, allow_service=allowed),
        )
    if isinstance(answer, list):  # CONSTRUCT, DESCRIBE: N-Triples, sorted, whatever the format
        triples = (ox.serialize(answer, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")
        emit("".join(f"{line}\n" for line in sorted(triples.splitlines())))
    elif args.format == "json":  # the standard SPARQL 1.1 Query Results JSON
        emit(results_json(answer))
    elif isinstance(answer, bool):  # ASK: true or false
        emit(f"{str(answer).lower()}\n")
    else:
        records = [
            {name: to_python(term) for name, term in zip(answer.variables, row, strict=True)}
            for row in answer.rows
        ]
        print_rows(out, args.format, path.name, answer.variables, records, base=base)


def _refuse_services(text: str, source: str, *, allowed: bool) -> None:
    """Refuse a query that calls a SERVICE, unless --allow-service, before the sources load."""
    if allowed:
        return
    called = services(expand(text, source=source))
    if called:
        raise UsageError(
            f"{source}: calls SERVICE {', '.join(called)}, which would send part of the query to "
            "another server; give --allow-service to let it"
        )


def _within(seconds: float | None, source: str, answer: Callable[[], T]) -> T:
    """Return what ``answer()`` gives, or stop waiting for it after ``seconds`` (default 60).

    It runs in a thread of its own, since a query inside the store (Rust code) cannot be
    interrupted from Python; when time runs out, the command ends, and the query with it.

    Raises:
        QueryTimeoutError: If ``answer()`` has not returned in time.
    """
    limit = DEFAULT_TIMEOUT if seconds is None else seconds
    given: list[T] = []
    failed: list[BaseException] = []

    def work() -> None:
        try:
            given.append(answer())
        except BaseException as error:  # handed to the waiting thread, as it is
            # What the failed frames held (a store's answer, which may be dropped only by the
            # thread that made it) is let go here; the traceback keeps its lines.
            cause: BaseException | None = error
            while cause is not None:
                traceback.clear_frames(cause.__traceback__)
                cause = cause.__cause__ or cause.__context__
            failed.append(error)

    worker = threading.Thread(target=work, name=f"answering {source}", daemon=True)
    worker.start()
    worker.join(limit)
    if worker.is_alive():
        raise QueryTimeoutError(source, limit)
    if failed:
        raise failed[0]
    return given[0]


def _query_file(path: Path) -> str:
    """Return the text of a SPARQL query file (UTF-8, a byte order mark allowed).

    Raises:
        UsageError: If there is no such file, or it is a folder, a named pipe or a device.
        SparqlError: If it is not UTF-8.
    """
    name = shorten(str(path))
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):  # a name no file can have (a NUL, too long) is none
        raise UsageError(f"{name}: no such file") from None
    if stat.S_ISDIR(mode):
        raise UsageError(f"{name}: is a folder, not a query file")
    if not stat.S_ISREG(mode):  # a named pipe would be waited on
        raise UsageError(f"{name}: is {special_kind(mode)}, not a query file")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        reason = f"is not UTF-8 text: {error.reason} at byte {error.start}"
        raise SparqlError(name, reason) from None
    except OSError as error:
        raise UsageError(f"{name}: {error.strerror or error}") from None
    return text


def pairs(given: Sequence[str], example: str = "theme=belonging") -> dict[str, str]:
    """Return ``--param KEY=VALUE`` options as a dict, refusing one without ``=`` or twice given.

    ``example`` is the option the message of one without ``=`` shows.
    """
    found: dict[str, str] = {}
    for pair in given:
        key, equals, value = pair.partition("=")
        key = key.strip()
        if not equals or not key:
            raise UsageError(f"--param {quoted(pair)}: expected KEY=VALUE, e.g. --param {example}")
        if key in found:
            raise UsageError(
                f"--param {shorten(key)}: given twice ({quoted(found[key])} and {quoted(value)})"
            )
        found[key] = value
    return found


def _term(name: str, value: str) -> Term:
    """Return the RDF term a ``sparql --param`` value stands for."""
    if (value.startswith("<") and value.endswith(">")) or "://" in value:
        iri = value[1:-1] if value.startswith("<") and value.endswith(">") else value
        try:
            return ox.NamedNode(iri)
        except ValueError as error:
            reason = shorten(str(error))
            raise UsageError(
                f"--param {shorten(name)}: {quoted(value)} is not an IRI: {reason}"
            ) from None
    return to_oxigraph(typed_literal(value))


def print_rows(
    out: Console,
    output: str,
    title: str,
    columns: Sequence[str],
    records: Sequence[Mapping[str, Value]],
    *,
    base: str,
    shown: Sequence[str] | None = None,
) -> None:
    """Print an answer's rows as JSON objects or CSV, every column, or as a table, to ``out``.

    A CSV cell of text that a spreadsheet would read as a formula starts with a single quote
    (see :func:`csv_cell`). A table shows the ``shown`` columns (or all), less those empty in
    every row, and IRIs under ``base`` without it.
    """
    if output in {"json", "json-rows"}:
        write_all(out.file, json.dumps(list(records), ensure_ascii=False, indent=2) + "\n")
    elif output == "csv":
        lines = [_csv_line(columns), *(_csv_line([r[c] for c in columns]) for r in records)]
        write_all(out.file, "".join(lines))
    elif not records:
        out.print("no rows")
    else:
        shown = [
            column
            for column in (shown or columns)
            if any(record[column] is not None for record in records)
        ]
        count = f"{len(records)} row{'' if len(records) == 1 else 's'}"
        table = Table(title=f"{escape(title)} ({count})")
        for column in shown:
            table.add_column(escape(column), overflow="fold")
        for record in records:
            cells = (_cell(record[column]) for column in shown)
            # Each cell drawn line by line: a long quote, wrapped, takes time linear in its length.
            table.add_row(*(LineByLine(escape(cell.removeprefix(base))) for cell in cells))
        out.print(table)


def _csv_line(cells: Sequence[Value]) -> str:
    """Return one line of CSV, ended by a line feed; a cell holding a line break is quoted."""
    buffer = io.StringIO()
    # With "\r\n" as its terminator the writer quotes a cell holding either; then "\n" ends it.
    csv.writer(buffer, lineterminator="\r\n").writerow(csv_cell(cell) for cell in cells)
    return buffer.getvalue().removesuffix("\r\n") + "\n"


def csv_cell(value: Value) -> str:
    """Return a value as a CSV cell that a spreadsheet shows as text, never runs as a formula.

    Text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a single
    quote in front, as OWASP advises against CSV injection; numbers and booleans are written
    as they are (a number is no formula, and ``-3`` stays a number).

    Examples:
        >>> print(csv_cell('=HYPERLINK("https://example.org")'))
        '=HYPERLINK("https://example.org")
        >>> csv_cell(-3), csv_cell("a - b"), csv_cell(None)
        ('-3', 'a - b', '')
    """
    cell = _cell(value)
    return f"'{cell}" if isinstance(value, str) and cell.startswith(_FORMULA) else cell


def _cell(value: Value) -> str:
    if value is None:
        return ""
    return str(value).lower() if isinstance(value, bool) else str(value)
