"""The results: ratios to the baselines, growth exponents, targets, ``results.json`` and a table.

``results.json`` holds ``machine`` (what ran it), ``settings`` (how), ``results`` (one entry
per operation and size, with the fields of :data:`ROW_FIELDS`), ``growth`` and ``growth_memory``
(for each operation the exponent ``k`` of ``seconds ∝ triples^k``, and of peak memory, fitted
over the sizes run) and ``targets`` (each target of :mod:`benchmarks.targets`, with the value
measured and whether it is met).
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from benchmarks.sizes import format_size
from benchmarks.targets import GROWTH_FROM, GROWTH_TO, growth_exponent, targets

__all__ = [
    "FLOOR",
    "PUT",
    "ROW_FIELDS",
    "VS_FLOOR",
    "VS_PUT",
    "VS_PYOXIGRAPH",
    "complete",
    "growth",
    "machine",
    "render",
    "results_document",
    "shown_value",
    "write_results",
]

ROW_FIELDS = (
    "operation",
    "size",
    "triples",
    "seconds",
    "triples_per_s",
    "peak_rss_mb",
    "vs_floor",
    "vs_pyoxigraph",
    "vs_put",
    "skipped",
    "error",
    "details",
)
"""The fields of every entry of ``results``, in order."""

FLOOR = "floor-nt"
"""The floor: plain Python writing the same triples as N-Triples."""

VS_FLOOR = (
    "export-nt",
    "export-turtle",
    "export-jsonld",
    "export-xml",
    "export-trig",
    "pipeline",
)
"""The operations compared with the floor."""

VS_PYOXIGRAPH = {
    "export-turtle": "pyoxigraph-turtle-from-store",
    "import-turtle": "pyoxigraph-parse-turtle",
}
"""The operations compared with pyoxigraph, and the baseline each is compared with."""

PUT = "http-put-nt"
"""The floor of the Graph Store protocol: one HTTP PUT of the same N-Triples to the same store."""

VS_PUT = ("push",)
"""The operations compared with the single PUT."""

_TIMES = "\N{MULTIPLICATION SIGN}"


def _ratio(ours: float | None, baseline: float | None) -> float | None:
    if ours is None or not baseline:
        return None
    return ours / baseline


def complete(rows: Iterable[dict[str, Any]], triples: dict[int, int]) -> list[dict[str, Any]]:
    """Return the rows with every field: triples, throughput and the ratios to the baselines.

    Args:
        rows: Rows with at least ``operation`` and ``size``, and ``seconds`` unless skipped or
            failed.
        triples: The corpus's triple count for each size.
    """
    rows = list(rows)
    seconds = {(row["operation"], row["size"]): row.get("seconds") for row in rows}
    completed = []
    for row in rows:
        operation, size = row["operation"], row["size"]
        took = row.get("seconds")
        count = triples.get(size)
        timeless = operation.startswith("query:") or operation == "startup"
        full = dict.fromkeys(ROW_FIELDS)
        full.update(row)
        full["triples"] = count
        full["triples_per_s"] = None if timeless or not took or not count else count / took
        if operation in VS_FLOOR:
            full["vs_floor"] = _ratio(took, seconds.get((FLOOR, size)))
        if operation in VS_PYOXIGRAPH:
            full["vs_pyoxigraph"] = _ratio(took, seconds.get((VS_PYOXIGRAPH[operation], size)))
        if operation in VS_PUT:
            full["vs_put"] = _ratio(took, seconds.get((PUT, size)))
        full["details"] = row.get("details") or {}
        completed.append({field: full[field] for field in ROW_FIELDS})
    return completed


def growth(rows: Iterable[dict[str, Any]], field: str = "seconds") -> dict[str, float | None]:
    """Return the growth exponent of each operation's ``field``.

    It is fitted from 100k to 1M triples (:data:`~benchmarks.targets.GROWTH_FROM`,
    :data:`~benchmarks.targets.GROWTH_TO`) where an operation ran at two sizes or more between
    them, else over every size it ran at.

    Args:
        rows: Complete results.
        field: ``seconds`` (how time grows) or ``peak_rss_mb`` (how peak memory grows).
    """
    points: dict[str, list[tuple[float, float]]] = {}
    for row in rows:
        points.setdefault(row["operation"], [])
        if row[field] and row["triples"]:
            points[row["operation"]].append((row["size"], row["triples"], row[field]))
    fitted = {}
    for operation, found in points.items():
        within = [(n, y) for size, n, y in found if GROWTH_FROM <= size <= GROWTH_TO]
        if len({n for n, _ in within}) < 2:  # noqa: PLR2004
            within = [(n, y) for _, n, y in found]
        fitted[operation] = growth_exponent(within)
    return fitted


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def _proc(path: str, key: str) -> str | None:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError:
        return None
    for line in text.splitlines():
        name, _, value = line.partition(":")
        if name.strip() == key:
            return value.strip()
    return None


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(  # noqa: S603 - a fixed command
            ["git", *args],  # noqa: S607 - git from the PATH, as a developer runs it
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip()


def machine(root: Path) -> dict[str, Any]:
    """Return what the benchmark ran on: platform, CPU, memory, versions and the commit."""
    memory = _proc("/proc/meminfo", "MemTotal")
    status = _git(root, "status", "--porcelain")
    return {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "cpu_count": os.cpu_count(),
        "processor": _proc("/proc/cpuinfo", "model name") or platform.processor() or None,
        "memory_mb": round(int(memory.split()[0]) / 1024) if memory else None,
        "versions": {
            package: _version(package)
            for package in (
                "evidence-graph",
                "pyoxigraph",
                "oxigraph",
                "rdflib",
                "shacl",
                "pyshacl",
                "pydantic",
            )
        },
        "commit": _git(root, "rev-parse", "HEAD"),
        "dirty": None if status is None else bool(status),
    }


def results_document(
    machine_info: dict[str, Any], settings: dict[str, Any], rows: list[dict[str, Any]]
) -> dict[str, Any]:
    """Return the whole of ``results.json``."""
    return {
        "machine": machine_info,
        "settings": settings,
        "results": rows,
        "growth": growth(rows),
        "growth_memory": growth(rows, "peak_rss_mb"),
        "targets": targets(rows),
    }


def write_results(path: Path, document: dict[str, Any]) -> None:
    """Write ``document`` as JSON to ``path`` whole (see ``evidence_graph.io.write_atomic``)."""
    from evidence_graph.io import write_atomic  # noqa: PLC0415 - the library, only when writing

    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def _seconds(value: float) -> str:
    if value < 1e-3:  # noqa: PLR2004
        return f"{value * 1e6:.0f} µs"
    if value < 1:
        return f"{value * 1e3:.3g} ms"
    return f"{value:.3g} s"


def _rate(per_second: float) -> str:
    """Return a throughput in triples per second, in millions or thousands.

    Examples:
        >>> _rate(2_345_678), _rate(18_363.1), _rate(512.0)
        ('2.35 Mt/s', '18.4 kt/s', '0.512 kt/s')
    """
    if per_second >= 1e6:  # noqa: PLR2004
        return f"{per_second / 1e6:.3g} Mt/s"
    return f"{per_second / 1e3:.3g} kt/s"


def _cell(row: dict[str, Any] | None) -> str:
    if row is None:
        return ""
    if row["skipped"]:
        return "[dim]skipped[/]"
    if row["error"] or row["seconds"] is None:
        return "[red]error[/]"
    lines = [_seconds(row["seconds"])]
    if row["triples_per_s"]:
        lines.append(f"[dim]{_rate(row['triples_per_s'])}[/]")
    if "rows" in row["details"]:
        lines.append(f"[dim]{row['details']['rows']} rows[/]")
    ratios = [
        f"{row[key]:.2g}{_TIMES} {name}"
        for key, name in (("vs_floor", "floor"), ("vs_pyoxigraph", "ox"), ("vs_put", "put"))
        if row[key] is not None
    ]
    if ratios:
        lines.append(" · ".join(ratios))
    return "\n".join(lines)


def _table(document: dict[str, Any]) -> Table:
    rows = document["results"]
    sizes = list(dict.fromkeys(row["size"] for row in rows))
    triples = {row["size"]: row["triples"] for row in rows if row["triples"]}
    table = Table(title="evidence_graph benchmarks (seconds, throughput, our time ÷ baseline's)")
    table.add_column("operation")
    for size in sizes:
        count = triples.get(size)
        table.add_column(
            f"{format_size(size)}\n{count:,} triples" if count else format_size(size),
            justify="right",
        )
    table.add_column("k", justify="right")
    table.add_column(f"peak MB\n{format_size(max(sizes))}" if sizes else "peak MB", justify="right")
    by_key = {(row["operation"], row["size"]): row for row in rows}
    for operation in dict.fromkeys(row["operation"] for row in rows):
        k = document["growth"].get(operation)
        largest = by_key.get((operation, max(sizes)))
        rss = largest["peak_rss_mb"] if largest else None
        table.add_row(
            operation,
            *(_cell(by_key.get((operation, size))) for size in sizes),
            "" if k is None else f"{k:.2f}",
            "" if rss is None else f"{rss:,.0f}",
        )
    return table


def shown_value(value: float, measure: str) -> str:
    """Return a target's value or limit as a reader reads it, by what it measures.

    Examples:
        >>> shown_value(0.0042, "seconds"), shown_value(812.4, "bytes_per_triple")
        ('4.2 ms', '812 B')
        >>> shown_value(1.04, "k_seconds"), shown_value(0, "sizes_skipped")
        ('k 1.04', '0 sizes')
    """
    if measure == "seconds":
        return _seconds(value)
    if measure == "bytes_per_triple":
        return f"{value:,.0f} B"
    if measure.startswith("k_"):
        return f"k {value:.2f}"
    if measure == "sizes_skipped":
        return f"{value:.0f} sizes"
    return f"{value:.2f}{_TIMES}"


def _target_table(document: dict[str, Any]) -> Table:
    table = Table(title="targets (met in the benchmark, never asserted in the tests)")
    for name in ("target", "operation", "size", "value", "limit", "met"):
        table.add_column(name, justify="right" if name in {"size", "value", "limit"} else "left")
    for target in document["targets"]:
        value, limit = target["value"], target["limit"]
        shown = (
            "—" if value is None else shown_value(value, target["measure"]),
            shown_value(limit, target["measure"]),
        )
        met = {True: "[green]yes[/]", False: "[red]no[/]", None: "[dim]—[/]"}[target["met"]]
        size = format_size(target["size"])
        table.add_row(target["target"], target["operation"], size, *shown, met)
    return table


def _skipped(rows: Iterable[dict[str, Any]]) -> list[str]:
    """Say which operations were skipped at which sizes, and why: a line per reason."""
    by_reason: dict[str, dict[str, list[str]]] = {}
    for row in rows:
        if row["skipped"]:
            operations = by_reason.setdefault(row["skipped"], {})
            operations.setdefault(row["operation"], []).append(format_size(row["size"]))
    lines = []
    for reason, operations in by_reason.items():
        where = ", ".join(f"{name} ({', '.join(sizes)})" for name, sizes in operations.items())
        lines.append(f"Skipped {where}: {reason}.")
    return lines


def render(document: dict[str, Any], console: Console) -> None:
    """Print the results as a table of operations by size, then the targets."""
    settings = document["settings"]
    runs = settings.get("runs", 1)
    if settings.get("quick"):
        how = "All operations of a size ran in one process (--quick)"
    elif runs > 1:
        how = f"Each operation ran in {runs} fresh processes (the median shown)"
    else:
        how = "Each operation ran once in a fresh process"
    console.print(_table(document))
    console.print(
        f"[dim]{how}, after an untimed warm-up on the built-in kverme2019 dataset; a query's "
        f"time is the median of {settings.get('repeat')} calls. Exports and the floor are "
        "timed writing their file. k: seconds ∝ triples^k. floor: plain Python writing the "
        "same N-Triples; ox: pyoxigraph; put: one HTTP PUT of the same N-Triples to a fresh "
        "Oxigraph server, as push sends to, on this machine: it shares the cores, and its "
        "memory is not in peak MB.[/]"
    )
    for line in _skipped(document["results"]):
        console.print(f"[yellow]{escape(line)}[/]")
    if document["targets"]:
        console.print(_target_table(document))
