"""The command that draws: ``draw WHAT [SOURCE...] [-p KEY=VALUE ...] -o FILE``."""

from __future__ import annotations

import argparse
from typing import Any, cast

from rich.console import Console
from rich.markup import escape

from evidence_graph.cli._answers import pairs
from evidence_graph.cli._common import (
    DEFAULT_SOURCE,
    UsageError,
    add_strict,
    emit,
    output_file,
    suffix_format,
)
from evidence_graph.draw import DRAWINGS, SUFFIXES, DrawingFormat, format_of, make
from evidence_graph.io import load_graph, write_atomic

__all__ = ["add_draw", "run_draw"]


_BINARY = ("png", "pdf")


def add_draw(commands: Any, sources_help: str) -> None:
    """Add the ``draw`` command."""
    kinds = "; ".join(
        f"{sketch.name}: {sketch.summary}"
        + (f" (the parameters of the question {sketch.question})" if sketch.question else "")
        for sketch in DRAWINGS.values()
    )
    suffixes = ", ".join(SUFFIXES)
    command = commands.add_parser(
        "draw",
        help="draw the theme tree, a claim's evidence, mappings, citations or eligibility",
        description=(
            f"Draw one of: {kinds}. The format comes from the file's suffix ({suffixes}), or "
            "from --format; .dot is the Graphviz source, the others are laid out by Graphviz's "
            "dot program, and .html is one page holding the SVG, requesting nothing. The same "
            "sources give the same bytes."
        ),
    )
    command.add_argument("what", choices=list(DRAWINGS), metavar="WHAT", help=", ".join(DRAWINGS))
    command.add_argument("sources", nargs="*", metavar="SOURCE", help=sources_help)
    command.add_argument(
        "-p",
        "--param",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a parameter of the drawing, by its kebab-case name (repeatable), e.g. "
        "-p study=kverme2019, -p claim=finding-daring-to-belong, -p age=25",
    )
    command.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        required=True,
        help="the file to write, whole or not at all (its suffix names the format); - for "
        "standard output, with --format svg, dot or html",
    )
    command.add_argument(
        "-f",
        "--format",
        choices=[suffix.removeprefix(".") for suffix in SUFFIXES],
        help="the format, whatever the file's suffix (e.g. to write to /dev/stdout)",
    )
    add_strict(command)


def run_draw(args: argparse.Namespace, err: Console) -> None:
    """Draw what was asked and write it to the file named (``-``: standard output)."""
    output = None if args.output == "-" else output_file(args.output)
    chosen = _format(args.output, args.format)
    values = pairs(args.param, example="study=kverme2019")
    graph = load_graph(*(args.sources or [DEFAULT_SOURCE]), strict=args.strict)
    data = make(graph, args.what, values).render(chosen)
    if output is None:
        emit(data.decode("utf-8"))
        return
    write_atomic(output, data)
    err.print(
        f"wrote the {args.what} drawing ({chosen}, {len(data):,} bytes) to {escape(str(output))}"
    )


def _format(name: str, given: DrawingFormat | None) -> DrawingFormat:
    """The format asked, or that the file's suffix names; standard output takes text only."""
    if name != "-":
        found = suffix_format(name, given, SUFFIXES)
        return format_of(name) if found is None else cast(DrawingFormat, found)
    if given is None or given in _BINARY:
        raise UsageError(
            "-o -: standard output takes a drawing as text: add --format svg, dot or html, "
            "or name a file (-o /dev/stdout writes a PNG or PDF there)"
        )
    return given
