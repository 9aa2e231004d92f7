"""``python -m benchmarks``: time the library on generated corpora against its baselines.

Examples::

    python -m benchmarks                              # 10k, 100k and 1M triples (make bench)
    python -m benchmarks --sizes 10k,100k             # a shorter run
    python -m benchmarks --sizes 100k --only export   # the exports alone (no ratios to the floor)
    python -m benchmarks --sizes 2k --quick --out /tmp/results.json --work /tmp/corpora
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from benchmarks.report import render
from benchmarks.runner import ROOT, Options, run
from benchmarks.sizes import parse_size, parse_sizes


def _size_list(text: str) -> list[int]:
    try:
        return parse_sizes(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _size(text: str) -> int:
    try:
        return parse_size(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Time reading, building, exporting, importing, querying, validating and "
        "pushing generated corpora, beside a plain Python floor, pyoxigraph, rdflib and one "
        "HTTP PUT to the same Oxigraph server.",
    )
    parser.add_argument(
        "--sizes",
        type=_size_list,
        default=[10_000, 100_000, 1_000_000],
        help="corpus sizes in triples, comma-separated (default: 10k,100k,1M)",
    )
    parser.add_argument("--seed", type=int, default=0, help="chooses the corpora (default: 0)")
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "benchmarks" / "results.json",
        help="where the results go (default: benchmarks/results.json)",
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=None,
        help="where corpora are written and kept (default: benchmarks/.corpora; with --quick, "
        "a temporary folder)",
    )
    parser.add_argument(
        "--repeat", type=int, default=None, help="calls per query, median taken (default: 21)"
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=1,
        help="fresh processes per operation, the median reported (default: 1)",
    )
    parser.add_argument(
        "--skip-slow",
        action="store_true",
        help="leave out the rdflib baselines above --slow-limit",
    )
    parser.add_argument(
        "--slow-limit",
        type=_size,
        default=100_000,
        help="with --skip-slow, the rdflib baselines are left out above this size (default: 100k)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="for the smoke test: each size's operations in one process, 3 calls per query",
    )
    parser.add_argument(
        "--timeout", type=float, default=3600.0, help="seconds per child process (default: 3600)"
    )
    parser.add_argument(
        "--only",
        default="",
        help="run only the operations whose names start so, comma-separated (e.g. export,floor)",
    )
    return parser


@contextmanager
def _progress(console: Console) -> Iterator[Callable[[str], None]]:
    """Yield a callback that shows the current step on a terminal, and does nothing elsewhere."""
    if not console.is_terminal:
        yield lambda _: None
        return
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("starting")

        def show(description: str) -> None:
            if description:
                bar.update(task, description=description)

        yield show


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print the table and write the results; 1 if an operation failed."""
    arguments = _parser().parse_args(argv)
    console = Console() if sys.stdout.isatty() else Console(width=160)
    with tempfile.TemporaryDirectory(prefix="eg-bench-") as scratch:
        default_work = Path(scratch) if arguments.quick else ROOT / "benchmarks" / ".corpora"
        options = Options(
            sizes=arguments.sizes,
            seed=arguments.seed,
            out=arguments.out,
            work=arguments.work or default_work,
            repeat=arguments.repeat or (3 if arguments.quick else 21),
            runs=max(1, arguments.runs),
            skip_slow=arguments.skip_slow,
            slow_limit=arguments.slow_limit,
            quick=arguments.quick,
            timeout=arguments.timeout,
            only=[name.strip() for name in arguments.only.split(",") if name.strip()],
        )
        with _progress(console) as progress:
            document = run(options, progress)
    render(document, console)
    console.print(f"Results written to {options.out} in {document['settings']['wall_seconds']} s")
    failed = [row["operation"] for row in document["results"] if row["error"]]
    if failed:
        console.print(f"[red]Failed: {', '.join(sorted(set(failed)))}[/]")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
