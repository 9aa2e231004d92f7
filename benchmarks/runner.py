"""The benchmark run: corpora made (or found in the cache), each operation timed in a child.

For each size the runner writes (or reuses) a corpus, then starts one fresh process per
operation (``python -m benchmarks.measure OPERATION``), in the order of
:data:`~benchmarks.measure.OPERATIONS`: the exports first, since the import and the baselines
read them. With ``quick`` every operation of a size runs in one process instead, for the smoke
test; its peak RSS figures are then the process's, not each operation's.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.corpus import plan_corpus, write_studies
from benchmarks.measure import OPERATIONS, count_lines
from benchmarks.report import complete, machine, results_document
from benchmarks.server import MISSING, oxigraph_binary
from benchmarks.sizes import format_size

__all__ = ["ROOT", "SERVED", "Options", "corpus_folder", "operations_for", "run"]

ROOT = Path(__file__).resolve().parent.parent
"""The repository: the folder that holds the ``benchmarks`` package."""

SLOW = ("rdflib-serialize-turtle", "rdflib-parse-turtle")
"""The baselines that ``skip_slow`` leaves out above ``slow_limit``."""

SERVED = ("push", "http-put-nt")
"""The operations that send to an Oxigraph server, skipped when ``oxigraph`` is not installed."""

_GENERATOR = ("concepts.py", "corpus.py", "studies.py", "vocabulary.py")


@dataclass(frozen=True)
class Options:
    """What to run, and where.

    Attributes:
        sizes: The corpus sizes, in triples.
        seed: Chooses the corpora.
        out: Where ``results.json`` is written.
        work: Where corpora are written (and kept, to be found again) and outputs go.
        repeat: Calls of each query whose median is its time.
        skip_slow: Leave out the rdflib baselines above ``slow_limit``.
        slow_limit: Above this size ``skip_slow`` leaves out the rdflib baselines.
        quick: Run each size's operations in one process (for the smoke test).
        runs: Fresh processes per operation; the median run is reported.
        timeout: Seconds a child may take before it is stopped and its operations fail.
        only: Run only the operations whose names start with one of these (all if empty).
    """

    sizes: list[int]
    seed: int = 0
    out: Path = ROOT / "benchmarks" / "results.json"
    work: Path = ROOT / "benchmarks" / ".corpora"
    repeat: int = 21
    skip_slow: bool = False
    slow_limit: int = 100_000
    quick: bool = False
    runs: int = 1
    timeout: float = 3600.0
    only: list[str] = field(default_factory=list)


def _generator_hash() -> str:
    digest = hashlib.sha256()
    for name in _GENERATOR:
        digest.update((ROOT / "benchmarks" / name).read_bytes())
    return digest.hexdigest()[:10]


def corpus_folder(work: Path, size: int, seed: int) -> Path:
    """Return the folder of the corpus of ``size`` and ``seed``, writing it if not there yet.

    A corpus is kept under ``work``, named by its size, seed and a hash of the generator's
    source, so that a changed generator makes new corpora. ``manifest.json`` is written last;
    a folder without it is written again.
    """
    folder = work / f"{format_size(size)}-seed{seed}-{_generator_hash()}"
    manifest = folder / "manifest.json"
    if manifest.exists():
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    plan = plan_corpus(size, seed)
    paths = write_studies(folder / "studies", plan.studies, seed, plan.last_quotes)
    details = {"size": size, "seed": seed, **asdict(plan), "files": len(paths)}
    manifest.write_text(json.dumps(details, indent=2) + "\n", encoding="utf-8")
    return folder


def operations_for(size: int, options: Options) -> list[tuple[str, str | None]]:
    """Return each operation to run at ``size``, with the reason it is skipped, if it is."""
    chosen = []
    server = oxigraph_binary()
    for name in OPERATIONS:
        if options.only and not any(name.startswith(prefix) for prefix in options.only):
            continue
        reason = None
        if name in SLOW and options.skip_slow and size > options.slow_limit:
            reason = f"--skip-slow leaves rdflib out above {format_size(options.slow_limit)}"
        elif name in SERVED and server is None:
            reason = MISSING
        chosen.append((name, reason))
    return chosen


def _child(operations: list[str], folder: Path, options: Options) -> list[dict[str, Any]]:
    """Run operations in one fresh process; return their results (errors as results)."""
    command = [
        sys.executable,
        "-m",
        "benchmarks.measure",
        *operations,
        "--corpus",
        str(folder / "studies"),
        "--scratch",
        str(folder / "out"),
        "--repeat",
        str(options.repeat),
    ]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    started = time.perf_counter()
    try:
        done = subprocess.run(  # noqa: S603 - our own interpreter and module
            command,
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=options.timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        reason = f"timed out after {options.timeout:g} s"
        return [{"operation": name, "error": reason} for name in operations]
    results = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    if len(operations) == 1:  # the whole process's wall time: start-up, preparation, warm-up
        elapsed = round(time.perf_counter() - started, 2)
        for result in results:
            result.setdefault("details", {})["process_seconds"] = elapsed
    reported = {result["operation"] for result in results}
    lost = [name for name in operations if name not in reported and name != "queries"]
    if lost or (not results and done.returncode):
        tail = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        results.extend({"operation": name, "error": tail} for name in lost or operations)
    return results


def _median_of(runs: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Return one result per operation: the run of median seconds, with every run's seconds.

    An operation that failed in any run is reported with its error; the peak RSS is the
    largest of the runs.
    """
    if len(runs) == 1:
        return runs[0]
    by_operation: dict[str, list[dict[str, Any]]] = {}
    for results in runs:
        for result in results:
            by_operation.setdefault(result["operation"], []).append(result)
    merged = []
    for results in by_operation.values():
        failed = [result for result in results if "error" in result]
        if failed:
            merged.append(failed[0])
            continue
        ordered = sorted(results, key=lambda result: result["seconds"])
        middle = dict(ordered[(len(ordered) - 1) // 2])
        middle["peak_rss_mb"] = max(result["peak_rss_mb"] for result in results)
        middle["details"] = {
            **middle.get("details", {}),
            "runs_seconds": [result["seconds"] for result in results],
        }
        merged.append(middle)
    return merged


def _rank(operation: str) -> int:
    """Order rows as the operations run, the queries (in their own order) where ``queries`` runs."""
    names = list(OPERATIONS)
    name = "queries" if operation.startswith("query:") else operation
    return names.index(name) if name in names else len(names)


def _steps(options: Options) -> Iterator[tuple[int, list[tuple[str, str | None]]]]:
    for size in options.sizes:
        yield size, operations_for(size, options)


def run(options: Options, progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Run the benchmark and write ``results.json``; return its document.

    Args:
        options: What to run.
        progress: Called with a description before each step (a size's corpus, an operation),
            and with ``""`` after it.
    """
    from benchmarks.report import write_results  # noqa: PLC0415

    def step(description: str) -> None:
        if progress:
            progress(description)

    started = time.perf_counter()
    rows: list[dict[str, Any]] = []
    triples: dict[int, int] = {}
    for size, operations in _steps(options):
        label = format_size(size)
        step(f"{label}: corpus")
        folder = corpus_folder(options.work, size, options.seed)
        scratch = folder / "out"
        shutil.rmtree(scratch, ignore_errors=True)
        scratch.mkdir(parents=True)
        runnable = [name for name, reason in operations if reason is None]
        results: list[dict[str, Any]] = []
        if options.quick and runnable:
            step(f"{label}: {len(runnable)} operations in one process")
            results = _child(runnable, folder, options)
        else:
            for name in runnable:
                runs = []
                for run_number in range(1, options.runs + 1):
                    of = f" (run {run_number} of {options.runs})" if options.runs > 1 else ""
                    step(f"{label}: {name}{of}")
                    runs.append(_child([name], folder, options))
                results.extend(_median_of(runs))
        results.extend(
            {"operation": name, "skipped": reason} for name, reason in operations if reason
        )
        rows.extend({**result, "size": size} for result in results)
        exported = scratch / "ours.nt"
        if exported.exists():
            triples[size] = count_lines(exported)
        else:
            manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
            triples[size] = manifest["estimate"]
        step("")
    rows.sort(key=lambda row: (options.sizes.index(row["size"]), _rank(row["operation"])))
    settings = {
        **{key: value for key, value in asdict(options).items() if key not in {"out", "work"}},
        "out": str(options.out),
        "work": str(options.work),
        "wall_seconds": round(time.perf_counter() - started, 1),
    }
    document = results_document(machine(ROOT), settings, complete(rows, triples))
    write_results(options.out, document)
    return document
