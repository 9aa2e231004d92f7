"""The commands that answer in rows: query (the named questions) and sparql (one's own query)."""

from __future__ import annotations

import argparse
import csv
import io
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import pyoxigraph as ox
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from evidence_graph.cli._common import DEFAULT_SOURCE, UsageError, emit
from evidence_graph.cli._store import endpoint_of
from evidence_graph.display import quoted, shorten
from evidence_graph.ids import DEFAULT_BASE
from evidence_graph.io import load_graph, write_all
from evidence_graph.queries import QUESTIONS, Question, ask, find_question
from evidence_graph.rdf import to_oxigraph, typed_literal
from evidence_graph.sparql import (
    SparqlError,
    Term,
    parameters,
    query_text,
    run,
    to_store,
)
from evidence_graph.store import ask as ask_store

__all__ = ["OUTPUTS", "print_rows", "query", "sparql"]

OUTPUTS = ("table", "json", "csv")
"""The formats an answer prints in."""

Value = str | int | float | bool | None
"""A cell of an answer: text (IRIs too), a number, a boolean, or None when unbound."""


def query(args: argparse.Namespace, out: Console) -> None:
    """Answer a named question (or list them) and print the rows."""
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
    values = _pairs(args.param)
    endpoint = endpoint_of(args)
    if endpoint is not None:
        base = DEFAULT_BASE
        with endpoint:
            rows = ask_store(endpoint, name, values)
    else:
        graph = load_graph(*(args.sources or [DEFAULT_SOURCE]), strict=args.strict)
        base = graph.base
        rows = ask(graph, name, values, engine="sparql" if args.sparql else "python")
    records = [row.model_dump(mode="json") for row in rows]
    fields = list(question.row.model_fields)
    print_rows(out, args.format, name, fields, records, base=base, shown=question.columns)


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
    if not path.is_file():
        what = "is a folder, not a query file" if path.is_dir() else "no such file"
        raise UsageError(f"{path}: {what}")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        reason = f"is not UTF-8 text: {error.reason} at byte {error.start}"
        raise SparqlError(str(path), reason) from None
    except OSError as error:
        raise UsageError(f"{path}: {error.strerror or error}") from None
    bindings = {name.lstrip("?$"): _term(name, value) for name, value in _pairs(args.param).items()}
    declared = parameters(text, source=str(path))
    for name in bindings:
        if name not in declared:
            expected = ", ".join(f"?{variable}" for variable in declared) or "none"
            shown = shorten(name)
            raise UsageError(
                f"--param {shown}: {path} has no parameter block (VALUES of UNDEF) with ?{shown}; "
                f"it declares: {expected}"
            )
    endpoint = endpoint_of(args)
    if endpoint is not None:
        base = DEFAULT_BASE
        with endpoint:
            answer = run(endpoint, text, bindings, source=str(path))
    else:
        graph = load_graph(*(args.sources or [DEFAULT_SOURCE]), strict=args.strict)
        base = graph.base
        answer = run(to_store(graph), text, bindings, source=str(path))
    if isinstance(answer, bool):  # ASK: true or false, which is JSON too
        emit(f"{str(answer).lower()}\n")
    elif isinstance(answer, list):  # CONSTRUCT, DESCRIBE: N-Triples, sorted, whatever the format
        triples = (ox.serialize(answer, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")
        emit("".join(f"{line}\n" for line in sorted(triples.splitlines())))
    else:
        records = [dict(zip(answer.variables, row, strict=True)) for row in answer.rows]
        print_rows(out, args.format, path.name, answer.variables, records, base=base)


def _pairs(pairs: Sequence[str]) -> dict[str, str]:
    """Return ``--param KEY=VALUE`` options as a dict, refusing one without ``=`` or twice given."""
    found: dict[str, str] = {}
    for pair in pairs:
        key, equals, value = pair.partition("=")
        key = key.strip()
        if not equals or not key:
            raise UsageError(
                f"--param {quoted(pair)}: expected KEY=VALUE, e.g. --param theme=belonging"
            )
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

    A table shows the ``shown`` columns (or all), less those empty in every row, and IRIs
    under ``base`` without it.
    """
    if output == "json":
        write_all(out.file, json.dumps(list(records), ensure_ascii=False, indent=2) + "\n")
    elif output == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_cell(record[column]) for column in columns] for record in records)
        write_all(out.file, buffer.getvalue())
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
            table.add_row(*(escape(cell.removeprefix(base)) for cell in cells))
        out.print(table)


def _cell(value: Value) -> str:
    if value is None:
        return ""
    return str(value).lower() if isinstance(value, bool) else str(value)
