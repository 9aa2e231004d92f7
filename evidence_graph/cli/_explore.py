"""The ``explore`` command: the corpus as one self-contained HTML page to browse offline."""

from __future__ import annotations

import argparse
from typing import Any

from rich.console import Console
from rich.markup import escape

from evidence_graph.cli._common import DEFAULT_SOURCE, UsageError, add_strict, emit, output_file
from evidence_graph.draw import explore
from evidence_graph.draw.explorer import DEFAULT_TITLE
from evidence_graph.io import load_graph, write_atomic
from evidence_graph.progress import on_terminal

__all__ = ["add_explore", "run_explore"]


def add_explore(commands: Any, sources_help: str) -> None:
    """Add the ``explore`` command to the command line's sub-commands."""
    command: argparse.ArgumentParser = commands.add_parser(
        "explore",
        help="write one self-contained HTML page to browse the corpus, offline",
        description=(
            "Write the corpus as one HTML page: studies with their samples, criteria and theme "
            "trees, the quotes under each theme, claims with their evidence chains, mappings to "
            "frameworks, the citation network, a search box and an address (#theme-ID, "
            "#quote-ID, ...) for every entity. Scripts and styles are inlined and the page "
            "requests nothing; interview transcripts are never written into it."
        ),
    )
    command.add_argument("sources", nargs="*", metavar="SOURCE", help=sources_help)
    command.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write the page to FILE (written whole or not at all) instead of standard output",
    )
    command.add_argument(
        "--title", default=DEFAULT_TITLE, help=f"the page's title (default: {DEFAULT_TITLE})"
    )
    add_strict(command)


def run_explore(args: argparse.Namespace, err: Console) -> None:
    """Write the explorer page of the sources, to standard output or a file written whole."""
    output = output_file(args.output)
    if not args.title.strip():
        raise UsageError("--title: the page's title is empty; give it some words")
    graph = load_graph(
        *(args.sources or [DEFAULT_SOURCE]), progress=on_terminal(), strict=args.strict
    )
    page = explore(graph, title=args.title)
    if output is None:
        emit(page)
        return
    write_atomic(output, page)
    studies = sum(1 for _ in graph.studies())
    size = len(page.encode("utf-8"))
    err.print(
        f"wrote the explorer page of {studies} stud{'y' if studies == 1 else 'ies'} "
        f"({size:,} bytes) to {escape(str(output))}"
    )
