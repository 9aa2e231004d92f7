"""The targets the benchmark is held to, each with the value measured and whether it is met.

A target compares one measure of one operation with a limit: a ratio to a baseline run in the
same process (``vs_floor``, ``vs_pyoxigraph``, ``vs_put``), seconds, peak memory per triple,
the number of sizes an operation was skipped at, or a growth exponent from 100k to 1M. Every
target is met when the value is at most the limit; a value that could not be measured (an
operation that did not run, a single size to fit a growth over) is ``None``, met neither way.

Targets are printed and written to ``results.json``; they are met in ``make bench``, never
asserted in the tests.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from benchmarks.baselines import BASELINES

__all__ = [
    "GROWTH_FROM",
    "GROWTH_TO",
    "ROWS_FREE",
    "TARGETS",
    "Target",
    "growth_exponent",
    "ours",
    "targets",
]

_TIMES = "\N{MULTIPLICATION SIGN}"

ROWS_FREE = 100
"""A question answering up to this many rows is held to the flat limit, without the per-row one."""

GROWTH_FROM = 100_000
GROWTH_TO = 1_000_000
"""The sizes between which growth is fitted (both included), as the issue sets."""


@dataclass(frozen=True, slots=True)
class Target:
    """One target: which operations, which measure, and the limit.

    Attributes:
        wording: The target as a reader says it.
        operations: An operation's name; ``query:*`` for every question; ``*`` for every
            operation of the library (not the baselines).
        measure: A field of a result (``vs_floor``, ``vs_pyoxigraph``, ``vs_put``,
            ``seconds``), or ``bytes_per_triple`` (peak memory), ``sizes_skipped`` (at how
            many sizes the operation did not run), ``k_seconds`` or ``k_memory`` (the growth
            exponent of time or of peak memory from :data:`GROWTH_FROM` to :data:`GROWTH_TO`).
        limit: The most the value may be.
        per_row: Seconds the limit grows by for each row an answer returns, when it returns
            more than :data:`ROWS_FREE`.
        every_size: Checked at every size run, not only at the largest.
    """

    wording: str
    operations: str
    measure: str
    limit: float
    per_row: float = 0.0
    every_size: bool = False


TARGETS: tuple[Target, ...] = (
    Target(f"N-Triples export ≤ 2{_TIMES} the floor", "export-nt", "vs_floor", 2.0),
    Target(f"Turtle export ≤ 3{_TIMES} the floor", "export-turtle", "vs_floor", 3.0),
    Target(f"JSON-LD export ≤ 4{_TIMES} the floor", "export-jsonld", "vs_floor", 4.0),
    Target(f"RDF/XML export ≤ 4{_TIMES} the floor", "export-xml", "vs_floor", 4.0),
    Target(f"TriG export ≤ 4{_TIMES} the floor", "export-trig", "vs_floor", 4.0),
    Target(f"Turtle import ≤ 3{_TIMES} pyoxigraph's parse", "import-turtle", "vs_pyoxigraph", 3.0),
    Target("peak memory ≤ 1 KB per triple", "*", "bytes_per_triple", 1024.0),
    Target(
        f"a question ≤ 5 ms; one of over {ROWS_FREE} rows ≤ 5 ms + 2 µs a row",
        "query:*",
        "seconds",
        0.005,
        per_row=2e-6,
    ),
    Target("validate (integrity and SHACL) ≤ 60 s", "validate", "seconds", 60.0),
    Target("validate runs at every size", "validate", "sizes_skipped", 0.0),
    Target(
        f"push at least the single PUT's rate (≤ 1{_TIMES} its time)",
        "push",
        "vs_put",
        1.0,
        every_size=True,
    ),
    Target("time grows at most linearly, 100k to 1M (k ≤ 1.1)", "*", "k_seconds", 1.1),
    Target("memory grows at most linearly, 100k to 1M (k ≤ 1.1)", "*", "k_memory", 1.1),
)
"""The targets of the issue on speed and memory at one million triples."""


def ours(operation: str) -> bool:
    """Say whether an operation is the library's own, not a baseline's.

    Examples:
        >>> ours("export-nt"), ours("query:stats"), ours("floor-nt")
        (True, True, False)
    """
    return operation not in BASELINES


def growth_exponent(points: Sequence[tuple[float, float]]) -> float | None:
    """Return ``k`` of ``value ∝ triples^k``: the least-squares slope of the logarithms.

    Args:
        points: ``(triples, value)`` pairs, both positive.

    Returns:
        The slope, or ``None`` with fewer than two distinct sizes.

    Examples:
        >>> growth_exponent([(10_000, 0.1), (100_000, 1.0), (1_000_000, 10.0)])
        1.0
        >>> growth_exponent([(1_000, 1.0), (2_000, 4.0)])
        2.0
        >>> growth_exponent([(1_000, 1.0)]) is None
        True
    """
    import math  # noqa: PLC0415 - only where a fit is made

    usable = [(math.log(x), math.log(y)) for x, y in points if x > 0 and y > 0]
    if len({x for x, _ in usable}) < 2:  # noqa: PLR2004
        return None
    mean_x = sum(x for x, _ in usable) / len(usable)
    mean_y = sum(y for _, y in usable) / len(usable)
    spread = sum((x - mean_x) ** 2 for x, _ in usable)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in usable) / spread
    return round(slope, 3)


def _chooses(target: Target, operation: str) -> bool:
    if target.operations == "*":
        return ours(operation)
    if target.operations == "query:*":
        return operation.startswith("query:")
    return operation == target.operations


def _limit(target: Target, row: dict[str, Any]) -> float:
    rows = row["details"].get("rows") if target.per_row else None
    if isinstance(rows, int) and rows > ROWS_FREE:
        return target.limit + target.per_row * rows
    return target.limit


def _value(row: dict[str, Any], measure: str) -> float | None:
    if measure == "bytes_per_triple":
        if row["peak_rss_mb"] is None or not row["triples"]:
            return None
        return float(row["peak_rss_mb"]) * 1024 * 1024 / int(row["triples"])
    value = row[measure]
    return None if value is None else float(value)


def _found(
    target: Target, operation: str, size: int, value: float | None, limit: float
) -> dict[str, Any]:
    return {
        "target": target.wording,
        "operation": operation,
        "size": size,
        "measure": target.measure,
        "limit": limit,
        "value": value,
        "met": None if value is None else value <= limit,
    }


def _growth(rows: Iterable[dict[str, Any]], operation: str, measure: str) -> float | None:
    field = "seconds" if measure == "k_seconds" else "peak_rss_mb"
    points = [
        (row["triples"], row[field])
        for row in rows
        if row["operation"] == operation
        and GROWTH_FROM <= row["size"] <= GROWTH_TO
        and row["triples"]
        and row[field]
    ]
    return growth_exponent(points)


def _worst(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The one that misses most (the largest value), for a target over every operation."""
    measured = [item for item in found if item["value"] is not None]
    if not measured:
        return found[:1]
    return [max(measured, key=lambda item: (item["value"], item["operation"]))]


def _measured(target: Target, rows: Sequence[dict[str, Any]], largest: int) -> list[dict[str, Any]]:
    names = [
        name for name in dict.fromkeys(row["operation"] for row in rows) if _chooses(target, name)
    ]
    if target.measure == "sizes_skipped":
        return [
            _found(target, name, largest, float(_skips(rows, name)), target.limit) for name in names
        ]
    if target.measure in {"k_seconds", "k_memory"}:
        return [
            _found(target, name, largest, _growth(rows, name, target.measure), target.limit)
            for name in names
        ]
    return [
        _found(
            target, row["operation"], row["size"], _value(row, target.measure), _limit(target, row)
        )
        for row in rows
        if row["operation"] in names
        and not row["skipped"]
        and (target.every_size or row["size"] == largest)
    ]


def _skips(rows: Iterable[dict[str, Any]], operation: str) -> int:
    return sum(1 for row in rows if row["operation"] == operation and row["skipped"])


def targets(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return each target of :data:`TARGETS`: the value measured and whether it is met.

    A target is checked at the largest size run, or at every size for those that say so;
    skips and growth are measured over the whole run. A target over every operation (``*``)
    gives one entry: the operation with the largest value, the one that misses most.

    Args:
        rows: Complete results (see :func:`benchmarks.report.complete`).
    """
    if not rows:
        return []
    largest = max(row["size"] for row in rows)
    found = []
    for target in TARGETS:
        measured = _measured(target, rows, largest)
        found.extend(_worst(measured) if target.operations == "*" else measured)
    return found
