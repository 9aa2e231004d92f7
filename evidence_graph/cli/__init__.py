"""The ``evidence-graph`` command: thin, it parses arguments, calls the API and prints.

Exit status: 0 on success, 1 when the data (or a SPARQL file) are invalid, 2 for a usage
error (an unknown option, a source that does not exist, an output file that cannot be written,
an unknown question, a parameter it cannot take), 3 when a triple store could not be reached,
refused a request, failed or did not answer in time (a query over the sources that runs past
--timeout too), 130 when interrupted (Ctrl-C). SIGTERM and SIGHUP end it with 128 plus the
signal's number; none of these leaves a temporary file.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shlex
import signal
import sys
import threading
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from types import FrameType
from typing import Any, NoReturn

from rich.console import Console
from rich.markup import escape

from evidence_graph import __version__
from evidence_graph.cli._answers import ANSWERS, OUTPUTS, QUERY_ANSWERS, query, sparql
from evidence_graph.cli._common import (
    DEFAULT_SOURCE,
    EXIT_INTERRUPTED,
    EXIT_INVALID,
    EXIT_STORE,
    EXIT_USAGE,
    UsageError,
    add_strict,
    emit,
    qda_sources,
)
from evidence_graph.cli._console import TerminalConsole
from evidence_graph.cli._corpus import (
    CITE_FORMATS,
    QDA_FORMATS,
    cite,
    datasets,
    export,
    report_merges,
    show,
    validate_sources,
)
from evidence_graph.cli._draw import add_draw, run_draw
from evidence_graph.cli._explore import add_explore, run_explore
from evidence_graph.cli._store import add_push, add_remote_options, run_push
from evidence_graph.display import LIMIT, shorten, visible
from evidence_graph.exceptions import (
    CredentialsError,
    EvidenceGraphError,
    MissingProgramError,
    OutputError,
    QueryError,
    QueryTimeoutError,
    SourceNotFoundError,
    StoreError,
)
from evidence_graph.ids import DEFAULT_BASE
from evidence_graph.io import NETWORK_FORMATS, MergeReport, recorded_merges, study_file_schema
from evidence_graph.queries import QUESTIONS
from evidence_graph.rdf import FORMATS

__all__ = ["main"]


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors show the control characters of what it was given.

    A long word of its message (a value it echoes) is cut, as :func:`shorten` cuts it, unless
    it is cut already.
    """

    def error(self, message: str) -> NoReturn:
        cut = _LONG_WORD.sub(lambda word: shorten(word.group()), message)
        super().error(visible(cut))


_LONG_WORD = re.compile(rf"\S{{{LIMIT + 1},}}+(?! \(\d[\d,]* more characters\))")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="evidence-graph",
        description="Published research on borderline personality disorder as an evidence graph.",
    )
    parser.add_argument("-V", "--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sources_help = (
        "built-in dataset names, study files (.yaml, .yml, .json), bibliographies (.bib, .ris, "
        "CSL-JSON), RDF files in our vocabularies, REFI-QDA projects (.qdpx) and codebooks "
        "(.qdc), spreadsheets of quotes (.csv, .tsv, .xlsx), or folders of them (default: "
        f"{DEFAULT_SOURCE})"
    )

    export = _writing(
        commands,
        "export",
        "write the corpus as RDF or a network (GraphML, GEXF), or a study as a REFI-QDA "
        "project or codebook",
        sources=sources_help,
        formats=[*FORMATS, *QDA_FORMATS, *NETWORK_FORMATS],
        default="turtle",
        by_suffix=True,
    )
    export.add_argument(
        "--base",
        metavar="IRI",
        help=(
            "base of the IRIs minted for entities without a public id (default: the one the "
            f"RDF sources use, else {DEFAULT_BASE})"
        ),
    )
    export.add_argument(
        "--include-sources",
        action="store_true",
        help=(
            "write the full text of the sources too (interview transcripts from QDA projects); "
            "private, and left out unless asked: without it only the coded excerpts are written"
        ),
    )
    export.add_argument(
        "--study",
        metavar="ID",
        help=(
            "the study a qdpx project or qdc codebook holds (needed when the sources hold "
            "several); qdpx is a ZIP archive, written only to a file named with -o"
        ),
    )
    _writing(
        commands,
        "cite",
        "write the works as BibTeX, CSL-JSON or RIS",
        sources=sources_help,
        formats=CITE_FORMATS,
        default="bibtex",
    )

    show = commands.add_parser("show", help="print each study as a tree")
    show.add_argument("sources", nargs="*", metavar="SOURCE", help=sources_help)
    add_strict(show)

    check = commands.add_parser("validate", help="check the RDF export against the SHACL shapes")
    check.add_argument("sources", nargs="*", metavar="SOURCE", help=sources_help)
    add_strict(check)

    report = _writing(
        commands,
        "merge-report",
        "list each value that merging the sources dropped for a fuller one",
        sources=sources_help,
        formats=OUTPUTS,
        default="table",
    )
    report.description = (
        "List each value that merging the sources dropped: the entity, the field, how the values "
        "differ (spelling, abbreviation, name-form, truncated or different), the value kept "
        "(the fuller) and the one dropped, and the file, entry and line that gave each."
    )

    commands.add_parser("datasets", help="list the built-in datasets")
    commands.add_parser("schema", help="print the JSON Schema of a study file")
    _query_parsers(commands, sources_help)
    add_draw(commands, sources_help)
    add_push(commands, sources_help)
    add_explore(commands, sources_help)
    return parser


def _query_parsers(commands: Any, sources_help: str) -> None:
    query = commands.add_parser(
        "query",
        help="answer a named question (see query --list)",
        description=(
            "Answer a named question over the sources; query --list names them all. An answer "
            "that takes longer than --timeout (default: 60 s) is stopped (exit 3)."
        ),
    )
    query.add_argument("name", nargs="?", metavar="NAME", help="; ".join(QUESTIONS))
    query.add_argument("sources", nargs="*", metavar="SOURCE", help=sources_help)
    _param_options(
        query, "KEY=VALUE", "a parameter of the question, by its kebab-case name", QUERY_ANSWERS
    )
    query.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help=(
            "write the answer to FILE (written whole or not at all) instead of standard output; "
            "--format xlsx needs it"
        ),
    )
    query.add_argument(
        "--sparql",
        action="store_true",
        help="answer with the question's SPARQL query over the RDF export (same rows)",
    )
    query.add_argument(
        "--limit",
        type=_count,
        metavar="N",
        help="answer with at most N rows (a page), cut from the rows in their order",
    )
    query.add_argument(
        "--offset",
        type=_count,
        default=0,
        metavar="N",
        help="skip the first N rows of the answer (default: 0); with --limit, the next page "
        "starts at the offset plus the limit",
    )
    query.add_argument("--list", action="store_true", help="list the questions and parameters")
    add_strict(query)
    query.add_argument(
        "--show-sparql",
        action="store_true",
        help="print the question's SPARQL as it is sent (prefixes and fragments written in), "
        "to run it anywhere, and exit",
    )
    add_remote_options(query)

    sparql = commands.add_parser(
        "sparql",
        help="run a SPARQL query file over the RDF export",
        description=(
            "Run a SPARQL query file over the RDF export of the sources. --param binds a "
            "variable that a parameter block declares, e.g. VALUES (?id) { (UNDEF) }: <IRI> or "
            "a value with :// is an IRI, 12 or 1.5 a number, true/false a boolean, else text. "
            "SELECT prints rows in the --format asked; ASK prints true or false (with --format "
            "json, the standard JSON); CONSTRUCT and DESCRIBE print sorted N-Triples. A query "
            "that calls a SERVICE is refused unless --allow-service is given. A query that "
            "runs past --timeout (default: 60 s) is stopped (exit 3)."
        ),
    )
    sparql.add_argument("file", type=Path, metavar="FILE", help="the query (.rq), UTF-8")
    sparql.add_argument("sources", nargs="*", metavar="SOURCE", help=sources_help)
    _param_options(sparql, "NAME=VALUE", "bind the variable ?NAME of a parameter block", ANSWERS)
    sparql.add_argument(
        "--allow-service",
        action="store_true",
        help="let the query's SERVICE patterns send parts of it to the servers they name "
        "(refused by default: a query file could make the tool contact any server)",
    )
    add_remote_options(sparql)
    add_strict(sparql)


def _count(text: str) -> int:
    """Read a whole number of 0 or more (a count of rows) from an option's value."""
    if not text.strip().isdigit() or len(text.strip()) > _DIGITS:
        raise argparse.ArgumentTypeError(f"{text!r}: expected a whole number, 0 or more")
    return int(text)


_DIGITS = 18
"""The digits of the largest count of rows an option takes."""


def _param_options(
    parser: argparse.ArgumentParser, metavar: str, help_: str, formats: Sequence[str]
) -> None:
    """Add ``-p/--param`` (repeatable) and ``-f/--format`` to a command that answers in rows."""
    parser.add_argument(
        "-p", "--param", action="append", default=[], metavar=metavar, help=f"{help_} (repeatable)"
    )
    parser.add_argument(
        "-f",
        "--format",
        choices=formats,
        default="table",
        help=(
            "output format (default: table); json is the SPARQL 1.1 Query Results JSON for "
            "sparql and the question's rows for query, json-rows an array of flat objects for "
            "both; a CSV cell of text starting with = + - @ is prefixed with ' (no formula)"
            + ("; xlsx an Excel workbook, to the file -o names" if "xlsx" in formats else "")
        ),
    )


def _writing(
    commands: Any,
    name: str,
    help_: str,
    *,
    sources: str,
    formats: Iterable[str],
    default: str,
    by_suffix: bool = False,
) -> argparse.ArgumentParser:
    """Add a command that writes the sources in one of ``formats``, to standard output or -o."""
    command: argparse.ArgumentParser = commands.add_parser(name, help=help_)
    command.add_argument("sources", nargs="*", metavar="SOURCE", help=sources)
    command.add_argument(
        "-f",
        "--format",
        choices=list(formats),
        default=None if by_suffix else default,
        help=(
            f"the format (default: the one the -o file's suffix names, e.g. .ttl, .jsonld, "
            f".graphml, .gexf, .qdpx, else {default})"
            if by_suffix
            else f"the format (default: {default})"
        ),
    )
    command.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help=(
            "write to FILE instead of standard output: a file is written whole or not at all, "
            "through a symbolic link, keeping its mode; a device or FIFO is written straight to"
        ),
    )
    add_strict(command)
    return command


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    args = _parser().parse_args(argv)
    out = TerminalConsole(highlight=False, soft_wrap=False, emoji=False)
    err = TerminalConsole(stderr=True, highlight=False, soft_wrap=True, emoji=False)
    try:
        with (
            _signals_as_exits(),
            warnings.catch_warnings(record=True) as caught,
            recorded_merges() as reports,
        ):
            warnings.simplefilter("always")
            status = _run(args, out, err)
    except KeyboardInterrupt:
        err.print("interrupted")
        return EXIT_INTERRUPTED
    for warning in caught:
        err.print(f"[bold yellow]warning:[/] {escape(str(warning.message))}")
    if args.command != "merge-report":
        _summarise(reports, args, err)
    return status


@contextlib.contextmanager
def _signals_as_exits() -> Iterator[None]:
    """While the command runs, end it on SIGTERM or SIGHUP as an exit that cleans up.

    Killed outright, it would leave the temporary file it was writing; as ``SystemExit`` (status
    128 plus the signal's number, as a shell reports a killed command) the file is removed on
    the way out. A signal that was ignored when the command started stays ignored.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(number: int, _frame: FrameType | None) -> NoReturn:
        raise SystemExit(128 + number)

    caught = [
        number
        for number in (signal.SIGTERM, signal.SIGHUP)
        if signal.getsignal(number) is not signal.SIG_IGN
    ]
    before = {number: signal.signal(number, stop) for number in caught}
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)


def _summarise(reports: Sequence[MergeReport], args: argparse.Namespace, err: Console) -> None:
    """Say in one line what merging the sources dropped, if it dropped anything."""
    report = next((report for report in reports if report.differences), None)
    if report is None:
        return
    sources = shlex.join(map(os.fspath, getattr(args, "sources", None) or [DEFAULT_SOURCE]))
    err.print(f"{escape(report.summary())}; see `evidence-graph merge-report {escape(sources)}`")


_WRITING: dict[str, Callable[[argparse.Namespace, Console], None]] = {
    "export": export,
    "cite": cite,
    "draw": run_draw,
    "explore": run_explore,
}
"""The commands that write a file (or standard output) and say so on standard error."""


def _dispatch(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Run the command asked for; return its status (validate's says whether the data conform)."""
    if hasattr(args, "qda_study"):
        args.sources = qda_sources(args)
    writing = _WRITING.get(args.command)
    if writing is not None:
        writing(args, err)
    elif args.command == "show":
        show(args.sources or [DEFAULT_SOURCE], out, strict=args.strict)
    elif args.command == "validate":
        return validate_sources(args.sources or [DEFAULT_SOURCE], out, strict=args.strict)
    elif args.command == "merge-report":
        report_merges(args, out, err)
    elif args.command == "datasets":
        datasets(out)
    elif args.command == "query":
        query(args, out, err)
    elif args.command == "sparql":
        sparql(args, out)
    elif args.command == "push":
        run_push(args, out, err)
    else:
        emit(json.dumps(study_file_schema(), indent=2, ensure_ascii=False) + "\n")
    return 0


def _run(args: argparse.Namespace, out: Console, err: Console) -> int:
    try:
        return _dispatch(args, out, err)
    except (
        SourceNotFoundError,
        QueryError,
        UsageError,
        CredentialsError,
        OutputError,
        MissingProgramError,
    ) as error:
        err.print(f"[bold red]error:[/] {escape(str(error))}")
        return EXIT_USAGE
    except (StoreError, QueryTimeoutError) as error:
        err.print(f"[bold red]error:[/] {escape(str(error))}")
        return EXIT_STORE
    except EvidenceGraphError as error:
        err.print(f"[bold red]error:[/] {escape(str(error))}")
        return EXIT_INVALID
    except BrokenPipeError:  # e.g. piped into `head`
        sys.stderr.close()
        return 0
