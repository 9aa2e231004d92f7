"""The documentation's Performance page, written from ``results.json``.

``python -m benchmarks.page`` (``make performance``, and the end of ``make bench``) reads
``benchmarks/results.json`` and writes ``docs/performance.md``: how the benchmark runs, the
machine, a table of every operation at every size with its ratios to the baselines, its growth
and its memory, the questions with the rows they return, and every target with its value and
whether it is met. What the figures mean, and where the time goes, is the prose of
``benchmarks/performance-notes.md``, placed after the tables. Nothing on the page is typed by
hand but that prose, so the page always shows the run that ``results.json`` holds.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from benchmarks.report import shown_value
from benchmarks.sizes import format_size

__all__ = ["LABELS", "NOTES", "main", "page"]

ROOT = Path(__file__).resolve().parent.parent
NOTES = Path(__file__).with_name("performance-notes.md")
"""The prose after the tables: what the figures mean, and where the time goes."""

_TIMES = "\N{MULTIPLICATION SIGN}"

LABELS = {
    "startup": "`import evidence_graph`",
    "read": "study files → corpus",
    "graph": "corpus → graph",
    "export-nt": "graph → N-Triples file",
    "export-turtle": "graph → Turtle file",
    "export-trig": "graph → TriG file",
    "export-jsonld": "graph → JSON-LD file",
    "export-xml": "graph → RDF/XML file",
    "read-bibtex": "a BibTeX value of every quote → text",
    "import-turtle": "Turtle file → graph",
    "pipeline": "study files → Turtle file",
    "push": "study files → Oxigraph server (`push`)",
    "validate": "validate (integrity and SHACL)",
    "show-long-quote": "`show` of one long quote",
    "table-long-quote": "`query` table of one long quote",
    "floor-nt": "floor: plain Python N-Triples",
    "http-put-nt": "one PUT of the N-Triples to Oxigraph",
    "pyoxigraph-turtle-from-store": "pyoxigraph Turtle from its store",
    "pyoxigraph-turtle-from-terms": "pyoxigraph Turtle from its terms",
    "pyoxigraph-parse-turtle": "pyoxigraph Turtle parse",
    "rdflib-serialize-turtle": "rdflib Turtle writer",
    "rdflib-parse-turtle": "rdflib Turtle parser",
}
"""How the page names each operation; one it does not know is shown by its own name."""

_RATIOS = (("vs_floor", "floor"), ("vs_pyoxigraph", "pyoxigraph"), ("vs_put", "the PUT"))

INTRO = """\
# Performance

`make bench` generates seeded corpora of 10k, 100k and 1M triples (`benchmarks/corpus.py`:
studies with criteria, theme trees, quotes of about 200 characters full of characters that need
escaping, claims, citations, CHIME mappings), times each step in a fresh process, and writes
`benchmarks/results.json`; then `make performance` writes this page from it. Beside our own
steps it times baselines on the same triples: a plain Python N-Triples writer (the floor: the
least a Python exporter can do), pyoxigraph's Turtle writer and parser, rdflib's, and one HTTP
`PUT` of the N-Triples to an Oxigraph server. A ratio is our time divided by the baseline's:
3.0 times the floor is three times as long as plain Python takes to write the same lines. `k` is
the growth exponent (time ∝ triples^k) from 100k to 1M: 1 is linear. Peak memory is the
process's whole resident set at its highest, the interpreter and the graph included.

```text
make bench                                          # 10k, 100k and 1M, then this page
.venv/bin/python -m benchmarks --sizes 10k,100k     # a quicker look; options: benchmarks/README.md
make performance                                    # this page, from benchmarks/results.json
```
"""


def _cell(row: dict[str, Any] | None) -> str:
    if row is None:
        return ""
    if row["skipped"]:
        return "skipped"
    if row["error"] or row["seconds"] is None:
        return "failed"
    parts = [shown_value(row["seconds"], "seconds")]
    parts += [f"{row[key]:.1f}{_TIMES} {name}" for key, name in _RATIOS if row[key] is not None]
    return ", ".join(parts)


def _machine(document: dict[str, Any]) -> str:
    machine, settings = document["machine"], document["settings"]
    versions = machine.get("versions") or {}
    named = ", ".join(
        f"{package} {version}" for package, version in sorted(versions.items()) if version
    )
    commit = (machine.get("commit") or "unknown")[:10]
    runs = settings.get("runs", 1)
    how = "once" if runs == 1 else f"{runs} times (the median shown)"
    return (
        f"The run below: {machine.get('cpu_count')} cores ({machine.get('processor')}), "
        f"{machine.get('memory_mb'):,} MB of memory, {machine.get('implementation')} "
        f"{machine.get('python')}; {named}; commit `{commit}`. Each operation ran {how} in a "
        f"fresh process, after an untimed warm-up; a question's time is the median of "
        f"{settings.get('repeat')} calls.\n"
    )


def _sizes(rows: Iterable[dict[str, Any]]) -> list[int]:
    return sorted({row["size"] for row in rows})


def _header(columns: list[str]) -> list[str]:
    return ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]


def _operations(document: dict[str, Any]) -> list[str]:
    rows = [row for row in document["results"] if not row["operation"].startswith("query:")]
    sizes = _sizes(document["results"])
    triples = {row["size"]: row["triples"] for row in document["results"] if row["triples"]}
    by_key = {(row["operation"], row["size"]): row for row in rows}
    largest = format_size(sizes[-1])
    columns = ["operation"]
    columns += [
        f"{format_size(size)} ({triples[size]:,} triples)" if size in triples else format_size(size)
        for size in sizes
    ]
    columns += ["k", f"peak MB at {largest}", f"bytes a triple at {largest}"]
    lines = _header(columns)
    for operation in dict.fromkeys(row["operation"] for row in rows):
        last = by_key.get((operation, sizes[-1]))
        k = document["growth"].get(operation)
        peak = last["peak_rss_mb"] if last else None
        count = last["triples"] if last else None
        cells = [LABELS.get(operation, operation)]
        cells += [_cell(by_key.get((operation, size))) for size in sizes]
        cells.append("" if k is None else f"{k:.2f}")
        cells.append("" if peak is None else f"{peak:,.0f}")
        cells.append("" if peak is None or not count else f"{peak * 1024 * 1024 / count:,.0f}")
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _questions(document: dict[str, Any]) -> list[str]:
    rows = [row for row in document["results"] if row["operation"].startswith("query:")]
    if not rows:
        return []
    sizes = _sizes(rows)
    by_key = {(row["operation"], row["size"]): row for row in rows}
    limits = {
        target["operation"]: target["limit"]
        for target in document["targets"]
        if target["operation"].startswith("query:") and target["measure"] == "seconds"
    }
    largest = format_size(sizes[-1])
    columns = ["question (median)", *map(format_size, sizes)]
    columns += [f"rows at {largest}", f"limit at {largest}", "k"]
    lines = _header(columns)
    for operation in sorted(dict.fromkeys(row["operation"] for row in rows)):
        last = by_key.get((operation, sizes[-1]))
        answered = (last or {}).get("details", {}).get("rows")
        limit = limits.get(operation)
        k = document["growth"].get(operation)
        cells = [f"`{operation.removeprefix('query:')}`"]
        cells += [_cell(by_key.get((operation, size))) for size in sizes]
        cells.append("" if answered is None else f"{answered:,}")
        cells.append("" if limit is None else shown_value(limit, "seconds"))
        cells.append("" if k is None else f"{k:.2f}")
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _targets(document: dict[str, Any]) -> list[str]:
    lines = _header(["target", "operation", "size", "value", "limit", "met"])
    for target in document["targets"]:
        value, measure = target["value"], target["measure"]
        met = {True: "yes", False: "**no**", None: "not measured"}[target["met"]]
        cells = [
            target["target"],
            f"`{target['operation']}`",
            format_size(target["size"]),
            "" if value is None else shown_value(value, measure),
            shown_value(target["limit"], measure),
            met,
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _skipped(rows: Iterable[dict[str, Any]]) -> list[str]:
    by_reason: dict[str, list[str]] = {}
    for row in rows:
        if row["skipped"]:
            where = f"`{row['operation']}` at {format_size(row['size'])}"
            by_reason.setdefault(row["skipped"], []).append(where)
    return [f"Skipped: {', '.join(where)}: {reason}." for reason, where in by_reason.items()]


def page(document: dict[str, Any], notes: str) -> str:
    """Return the Performance page for a ``results.json`` document and the notes' prose."""
    met = [target for target in document["targets"] if target["met"] is not None]
    kept = sum(1 for target in met if target["met"])
    parts = [
        INTRO,
        _machine(document),
        "\n".join(_operations(document)) + "\n",
        *(line + "\n" for line in _skipped(document["results"])),
        "## Questions\n",
        "\n".join(_questions(document)) + "\n",
        "## Targets\n",
        (
            f"{kept} of the {len(met)} targets measured are met. Each is met or missed in "
            "`make bench`, never asserted in the tests: timings on a shared machine vary from "
            "run to run, so compare ratios, not seconds.\n"
        ),
        "\n".join(_targets(document)) + "\n",
        notes.strip() + "\n",
    ]
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    """Write the Performance page from ``results.json``."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.page", description=__doc__)
    parser.add_argument(
        "--results", type=Path, default=ROOT / "benchmarks" / "results.json", help="read"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md", help="write")
    options = parser.parse_args(argv)
    from evidence_graph.io import write_atomic  # noqa: PLC0415 - the library, only when writing

    document = json.loads(options.results.read_text(encoding="utf-8"))
    write_atomic(options.out, page(document, NOTES.read_text(encoding="utf-8")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
