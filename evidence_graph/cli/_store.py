"""The command that speaks to a triple store: push; and the options that ask one instead."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from evidence_graph.cli._common import DEFAULT_SOURCE, UsageError, add_strict
from evidence_graph.cli._console import TerminalConsole
from evidence_graph.display import quoted
from evidence_graph.exceptions import EvidenceGraphError
from evidence_graph.ids import check_base, check_iri
from evidence_graph.progress import on_terminal
from evidence_graph.store import (
    DEFAULT_CHUNK,
    DEFAULT_CONNECTIONS,
    SparqlEndpoint,
    check_endpoint,
    push,
)

__all__ = ["add_push", "add_remote_options", "endpoint_of", "run_push"]


_LONGEST = 86_400
"""The most seconds a timeout may be: a day."""


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value <= _LONGEST:
        raise argparse.ArgumentTypeError(
            f"{quoted(text)}: expected a number of seconds above 0, at most {_LONGEST}"
        )
    return value


def _whole(least: int) -> Callable[[str], int]:
    """Return a parser of a whole number of ``least`` or more."""

    def parse(text: str) -> int:
        if not text.isdigit() or int(text) < least:
            raise argparse.ArgumentTypeError(
                f"{quoted(text)}: expected a whole number, {least} or more"
            )
        return int(text)

    return parse


_TIMEOUT_HELP = (
    "seconds a request to the store may take, from connecting to the last byte of its "
    "answer; each try again has as long (default: 60)"
)


def _connection_options(parser: argparse.ArgumentParser, timeout_help: str = _TIMEOUT_HELP) -> None:
    parser.add_argument("--timeout", type=_seconds, metavar="SECONDS", help=timeout_help)
    parser.add_argument(
        "--retries",
        type=_whole(0),
        metavar="N",
        help="how many times to try a request again when the store fails for a while (default: 3)",
    )


def _connection(args: argparse.Namespace) -> dict[str, Any]:
    """Return the connection options given, as keyword arguments (the defaults left out)."""
    given = {"timeout": args.timeout, "retries": args.retries}
    return {name: value for name, value in given.items() if value is not None}


def add_push(commands: Any, sources_help: str) -> None:
    """Add the ``push`` command."""
    command: argparse.ArgumentParser = commands.add_parser(
        "push",
        help="send the corpus to a triple store (SPARQL 1.1 Graph Store Protocol)",
        description=(
            "Send the corpus of the sources to a triple store's SPARQL 1.1 Graph Store "
            "endpoint, a named graph per source (a dataset, or a file), in chunks. Credentials "
            "are read from EVIDENCE_GRAPH_STORE_TOKEN (a bearer token), or "
            "EVIDENCE_GRAPH_STORE_USER and EVIDENCE_GRAPH_STORE_PASSWORD (basic)."
        ),
    )
    command.add_argument("sources", nargs="*", metavar="SOURCE", help=sources_help)
    command.add_argument(
        "--endpoint",
        required=True,
        metavar="URL",
        help="the Graph Store endpoint, e.g. http://localhost:7878/store (Oxigraph)",
    )
    command.add_argument(
        "--graph", metavar="IRI", help="send everything to this named graph instead"
    )
    command.add_argument(
        "--replace",
        action="store_true",
        help="replace each graph's triples (default: add to them)",
    )
    command.add_argument(
        "--base", metavar="IRI", help="base of the IRIs minted for entities (as export takes it)"
    )
    command.add_argument(
        "--chunk",
        type=_whole(1),
        default=DEFAULT_CHUNK,
        metavar="TRIPLES",
        help=f"the most triples one request sends (default: {DEFAULT_CHUNK})",
    )
    command.add_argument(
        "--connections",
        type=_whole(1),
        default=DEFAULT_CONNECTIONS,
        metavar="N",
        help=f"graphs sent at once, each over a connection (default: {DEFAULT_CONNECTIONS})",
    )
    _connection_options(command)
    add_strict(command)


def add_remote_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--endpoint``, ``--graph`` and the connection options to a command that asks."""
    parser.add_argument(
        "--endpoint",
        metavar="URL",
        help=(
            "ask this SPARQL query endpoint instead of the sources, e.g. "
            "http://localhost:7878/query (Oxigraph)"
        ),
    )
    parser.add_argument(
        "--graph",
        action="append",
        default=[],
        metavar="IRI",
        help=(
            "with --endpoint: ask this named graph (repeatable; default: the union of the "
            "store's named graphs, which push wrote)"
        ),
    )
    parser.add_argument(
        "--default-graph",
        action="store_true",
        help="with --endpoint: ask the store's own default graph instead",
    )
    _connection_options(
        parser,
        "seconds the query may run, over the sources or at the store, before it is stopped "
        "(exit 3) (default: 60)",
    )


def endpoint_of(args: argparse.Namespace) -> SparqlEndpoint | None:
    """Return the endpoint that ``--endpoint`` names, or None; refuse sources beside it."""
    if args.default_graph and args.endpoint is None:
        raise UsageError("--default-graph is for a store: give --endpoint URL too")
    if args.endpoint is None:
        options = [f"--{name}" for name in _connection(args) if name != "timeout"]
        given = (["--graph"] if args.graph else []) + options
        if given:
            raise UsageError(f"{given[0]} is for a store: give --endpoint URL too")
        return None
    if args.sources:
        raise UsageError(
            f"--endpoint asks the store, not sources: leave out {' '.join(args.sources)}"
        )
    if getattr(args, "sparql", False):
        raise UsageError("--sparql is for sources: a store is always asked in SPARQL")
    if args.graph and args.default_graph:
        raise UsageError("--graph and --default-graph: give one or the other")
    for graph in args.graph:
        _check(check_iri, graph, "--graph")
    err = TerminalConsole(stderr=True, highlight=False, soft_wrap=True)
    try:
        return SparqlEndpoint(
            args.endpoint,
            graphs=args.graph,
            default_graph=args.default_graph,
            on_dataset=lambda graphs: err.print(f"asking {escape(graphs)}"),
            **_connection(args),
        )
    except ValueError as error:
        if isinstance(error, EvidenceGraphError):  # credentials set wrongly
            raise
        raise UsageError(f"--{error}") from None


def _check(check: Any, value: str, option: str) -> None:
    try:
        check(value)
    except ValueError as error:
        raise UsageError(f"{option}: {error}") from None


def run_push(args: argparse.Namespace, out: Console, err: Console) -> None:
    """Send the sources to the store and print what each graph was sent."""
    try:
        check_endpoint(args.endpoint)
    except ValueError as error:
        raise UsageError(f"--{error}") from None
    if args.graph is not None:
        _check(check_iri, args.graph, "--graph")
    if args.base is not None:
        _check(check_base, args.base, "--base")
    try:
        report = push(
            *(args.sources or [DEFAULT_SOURCE]),
            endpoint=args.endpoint,
            graph=args.graph,
            replace=args.replace,
            base=args.base,
            chunk=args.chunk,
            connections=args.connections,
            progress=on_terminal(),
            strict=args.strict,
            **_connection(args),
        )
    except ValueError as error:
        if isinstance(error, EvidenceGraphError):  # the sources, or credentials, are wrong
            raise
        raise UsageError(str(error)) from None
    if not report.requests:
        err.print("sent nothing: the sources hold no triples (--replace would empty the graphs)")
        return
    table = Table("graph", "triples", "requests")
    table.columns[0].overflow = "fold"
    for pushed in report.graphs:
        table.add_row(escape(pushed.graph), str(pushed.triples), str(pushed.requests))
    out.print(table)
    how = "replacing" if report.replaced else "adding to"
    rate = report.triples / report.seconds if report.seconds > 0 else 0.0
    graphs = f"{len(report.graphs)} graph{'' if len(report.graphs) == 1 else 's'}"
    err.print(
        f"pushed {report.triples} triples to {graphs} ({how} them) at "
        f"{escape(report.endpoint)} in {report.seconds:.1f} s ({rate:,.0f} triples/s)"
    )
