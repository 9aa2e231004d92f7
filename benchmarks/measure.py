"""Measurements of the library, each run in a fresh process that prints one JSON line per result.

``python -m benchmarks.measure OPERATION [OPERATION ...] --corpus STUDIES --scratch DIR``
runs each operation in turn and prints, for each result, a JSON object on a line of its own:
``{"operation": ..., "seconds": ..., "peak_rss_mb": ..., "details": {...}}``, or with
``"error"`` in place of the seconds. The runner starts one process per operation, so that each
peak RSS (``ru_maxrss``) is that operation's own; what an operation needs first (the corpus
loaded, the graph built, the Turtle written) is prepared untimed in the same process.

Before it is timed, each operation runs once, untimed, on the built-in ``kverme2019`` dataset,
so that imports and one-time set-up (caches of shapes, contexts, compiled queries) are not
counted. Every output file is written in ``scratch``; ``ours.nt`` and ``ours.ttl`` (the
exports) are what the later operations and the baselines read.

``push`` and its baseline ``http-put-nt`` send to an Oxigraph server that they start on this
machine (:mod:`benchmarks.server`): a fresh one for the warm-up, another for the timed run.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import resource
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from benchmarks.baselines import BASELINES

__all__ = ["OPERATIONS", "Context", "count_lines", "main", "peak_rss_mb", "timed"]

WARM_DATASET = "kverme2019"
"""The built-in dataset each operation runs on once, untimed, before it is timed."""


def peak_rss_mb() -> float:
    """Return this process's peak resident set size so far, in MiB (``ru_maxrss`` is KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    """Return the seconds ``action()`` takes, after a garbage collection, and what it returns."""
    gc.collect()
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


class Context:
    """Where an operation reads the corpus and writes its files, and how often queries repeat."""

    def __init__(self, corpus: Path, scratch: Path, repeat: int) -> None:
        self.corpus = corpus
        self.scratch = scratch
        self.repeat = repeat

    def path(self, name: str) -> Path:
        """Return the path of an output file in the scratch folder."""
        return self.scratch / name


Result = dict[str, Any]
Operation = Callable[[Context], Iterator[Result]]


def _result(operation: str, seconds: float, **details: Any) -> Result:
    return {"operation": operation, "seconds": seconds, "details": details}


def _write(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(text)


def count_lines(path: Path) -> int:
    """Return the lines of a file (of an N-Triples file, its triples), read in chunks."""
    count = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            count += chunk.count(b"\n")
    return count


def _startup(_: Context) -> Iterator[Result]:
    seconds, _module = timed(lambda: __import__("evidence_graph"))
    yield _result("startup", seconds)


def _read(context: Context) -> Iterator[Result]:
    import evidence_graph as eg  # noqa: PLC0415 - imported after the startup is timed

    eg.load(WARM_DATASET)
    seconds, corpus = timed(lambda: eg.load(context.corpus))
    yield _result("read", seconds, entities=sum(1 for _ in corpus.entities()))


def _graph(context: Context) -> Iterator[Result]:
    import evidence_graph as eg  # noqa: PLC0415

    eg.EvidenceGraph.from_corpus(eg.load(WARM_DATASET))
    corpus = eg.load(context.corpus)
    seconds, graph = timed(lambda: eg.EvidenceGraph.from_corpus(corpus))
    yield _result("graph", seconds, nodes=len(graph))


def _export(fmt: str, name: str) -> Operation:
    """The graph streamed to a file in one format (``eg.write_rdf``), with its CPU seconds."""

    def export(context: Context) -> Iterator[Result]:
        import evidence_graph as eg  # noqa: PLC0415

        eg.write_rdf(eg.load_graph(WARM_DATASET), context.path(f"warm-{name}"), fmt)  # type: ignore[arg-type]
        graph = eg.load_graph(context.corpus)
        target = context.path(name)

        def write() -> tuple[int, float]:
            start = time.process_time()
            triples = eg.write_rdf(graph, target, fmt)  # type: ignore[arg-type]
            return triples, time.process_time() - start

        seconds, (triples, cpu) = timed(write)
        yield _result(
            f"export-{fmt}",
            seconds,
            bytes=target.stat().st_size,
            file=name,
            triples=triples,
            cpu_seconds=cpu,
        )

    return export


def _read_bibtex(context: Context) -> Iterator[Result]:
    """A BibTeX file of one entry whose title is every quote of the corpus, one after another.

    The title grows with the corpus, so the growth exponent of this operation says whether
    reading a long BibTeX value (decoding its LaTeX) stays linear in its length.
    """
    import evidence_graph as eg  # noqa: PLC0415
    from evidence_graph.io import read_bibliography, to_bibtex  # noqa: PLC0415

    def bibtex(quotes: Iterator[str], name: str) -> Path:
        title = " ".join(" ".join(text.split()) for text in quotes)
        work = eg.Work(id="quotes", type=eg.WorkType.REPORT, title=title)
        target = context.path(name)
        _write(target, to_bibtex(eg.Corpus(works=(work,))))
        return target

    warm = bibtex((quote.text for quote in eg.load(WARM_DATASET).quotes), "warm.bib")
    read_bibliography(warm)
    source = bibtex((quote.text for quote in eg.load(context.corpus).quotes), "quotes.bib")
    seconds, parsed = timed(lambda: read_bibliography(source))
    title = parsed.data["works"][0]["title"]
    yield _result("read-bibtex", seconds, bytes=source.stat().st_size, title_chars=len(title))


def _import_turtle(context: Context) -> Iterator[Result]:
    import evidence_graph as eg  # noqa: PLC0415

    warm = context.path("warm.ttl")
    _write(warm, eg.serialize(eg.load_graph(WARM_DATASET), "turtle"))
    eg.load_graph(warm)
    source = context.path("ours.ttl")
    seconds, graph = timed(lambda: eg.load_graph(source))
    yield _result("import-turtle", seconds, nodes=len(graph))


def _pipeline(context: Context) -> Iterator[Result]:
    import evidence_graph as eg  # noqa: PLC0415

    def pipeline(source: str | Path, target: Path) -> None:
        eg.write_rdf(eg.load_graph(source), target, "turtle")

    pipeline(WARM_DATASET, context.path("warm.ttl"))
    target = context.path("pipeline.ttl")
    seconds, _ = timed(lambda: pipeline(context.corpus, target))
    yield _result("pipeline", seconds, bytes=target.stat().st_size)


def _push(context: Context) -> Iterator[Result]:
    """Study files to an Oxigraph server's store: read, merge, export and send, a graph per file.

    The warm-up pushes to a server of its own; the timed push goes to a fresh server with an
    empty store, which must then hold every triple sent (and, once ``export-nt`` has run, every
    line of our N-Triples export).
    """
    from benchmarks.server import count_quads, oxigraph_server  # noqa: PLC0415
    from evidence_graph.store import DEFAULT_CHUNK, DEFAULT_CONNECTIONS, push  # noqa: PLC0415

    with oxigraph_server(context.scratch) as warm:
        push(WARM_DATASET, endpoint=warm.store, replace=True)
    with oxigraph_server(context.scratch) as server:
        seconds, report = timed(lambda: push(context.corpus, endpoint=server.store, replace=True))
        stored = count_quads(server)
    expected = {"sent": report.triples}
    exported = context.path("ours.nt")
    if exported.exists():
        expected["exported"] = count_lines(exported)
    if any(count != stored for count in expected.values()):
        raise RuntimeError(f"the store holds {stored} triples after the push, expected {expected}")
    yield _result(
        "push",
        seconds,
        stored=stored,
        graphs=len(report.graphs),
        requests=sum(graph.requests for graph in report.graphs),
        chunk=DEFAULT_CHUNK,
        connections=DEFAULT_CONNECTIONS,
        server_cpu_seconds=server.cpu_seconds,
    )


GROWING: dict[str, dict[str, str]] = {"theme-tree": {}}
"""Parameters in place of the corpus's, for a question whose answer then grows with the corpus:
``theme-tree`` of every study, not of one."""


def _queries(context: Context) -> Iterator[Result]:
    """Every question of the catalogue: the first call, then the median of ``repeat`` calls.

    The parameters are the corpus's (:func:`benchmarks.corpus.query_parameters`), or
    :data:`GROWING`'s; each result's ``rows`` is how many rows the answer has, for the target
    of 5 ms and 2 µs per row.
    """
    import evidence_graph as eg  # noqa: PLC0415
    from benchmarks.corpus import query_parameters  # noqa: PLC0415

    graph = eg.load_graph(context.corpus)
    parameters = {**query_parameters(context.corpus), **GROWING}
    for name in eg.queries.QUESTIONS:
        values = parameters.get(name, {})
        operation = f"query:{name}"
        try:
            first, rows = timed(lambda: eg.ask(graph, name, values))  # noqa: B023 - called at once
            times = [timed(lambda: eg.ask(graph, name, values))[0] for _ in range(context.repeat)]  # noqa: B023
        except Exception as error:  # reported as the result; the other questions go on
            yield {"operation": operation, "error": f"{type(error).__name__}: {error}"}
            continue
        yield _result(
            operation,
            statistics.median(times),
            first_seconds=first,
            min_seconds=min(times),
            repeat=context.repeat,
            rows=len(rows),
            parameters=values,
        )


LONG_QUOTE_SHARE = 10
"""The long quote of ``show-long-quote`` has a tenth of the corpus's bytes of study files."""


def _show_long_quote(context: Context) -> Iterator[Result]:
    """``evidence-graph show`` of the built-in study with one quote grown to the corpus's size.

    The quote has words (of five characters with their space) as many as a tenth of the bytes
    of the corpus's study files, so that the growth exponent over the sizes says how drawing
    one long label grows (1 when linear; the quadratic drawing of before gave 2).
    """
    source, _, characters = _long_quote(context)
    yield _drawn(context, "show-long-quote", ["show", str(source)], characters)


def _table_long_quote(context: Context) -> Iterator[Result]:
    """``evidence-graph query quotes-for-theme`` of the file of ``show-long-quote``: a table.

    Its growth exponent says how drawing one long cell of a table grows (1 when linear).
    """
    source, theme, characters = _long_quote(context)
    args = ["query", "quotes-for-theme", str(source), "-p", f"theme={theme}"]
    yield _drawn(context, "table-long-quote", args, characters)


def _long_quote(context: Context) -> tuple[Path, str, int]:
    """Warm the command up; write (once) the built-in study with its first quote grown long.

    Returns the file, the id of the quote's first theme and the quote's length.
    """
    import yaml  # noqa: PLC0415

    from evidence_graph.cli import main  # noqa: PLC0415
    from evidence_graph.datasets import dataset_path  # noqa: PLC0415

    document = yaml.safe_load(dataset_path(WARM_DATASET).read_text(encoding="utf-8"))
    size = sum(path.stat().st_size for path in context.corpus.rglob("*.json"))
    words = max(1, size // LONG_QUOTE_SHARE // 5)
    warm = context.path("warm-show.txt")
    with warm.open("w", encoding="utf-8") as out, contextlib.redirect_stdout(out):
        main(["show", WARM_DATASET])
    source = context.path("long-quote.json")
    if not source.exists():
        document["quotes"][0]["text"] = "word " * words + "end"
        _write(source, json.dumps(document, ensure_ascii=False, default=str))
    return source, document["quotes"][0]["themes"][0], 5 * words + 3


def _drawn(context: Context, name: str, args: list[str], characters: int) -> Result:
    """Time the command ``args`` (which prints to standard output) as the operation ``name``."""
    from evidence_graph.cli import main  # noqa: PLC0415

    target = context.path(f"{name}.txt")
    with target.open("w", encoding="utf-8") as out, contextlib.redirect_stdout(out):
        seconds, status = timed(lambda: main(args))
    if status != 0:
        raise RuntimeError(f"{args[0]} ended with status {status}")
    return _result(name, seconds, characters=characters, bytes=target.stat().st_size)


def _validate(context: Context) -> Iterator[Result]:
    import evidence_graph as eg  # noqa: PLC0415

    eg.validate(eg.load(WARM_DATASET))
    graph = eg.load_graph(context.corpus)
    cpu = time.process_time()
    seconds, report = timed(lambda: eg.validate(graph))  # the export's N-Triples and SHACL
    yield _result(
        "validate",
        seconds,
        conforms=report.conforms,
        results=len(report.results),
        triples=report.triples,
        cpu_seconds=round(time.process_time() - cpu, 3),
    )


OPERATIONS: dict[str, Operation] = {
    "startup": _startup,
    "export-nt": _export("nt", "ours.nt"),
    "export-turtle": _export("turtle", "ours.ttl"),
    "export-jsonld": _export("jsonld", "ours.jsonld"),
    "export-xml": _export("xml", "ours.rdf"),
    "export-trig": _export("trig", "ours.trig"),
    "read": _read,
    "read-bibtex": _read_bibtex,
    "graph": _graph,
    "import-turtle": _import_turtle,
    "pipeline": _pipeline,
    "push": _push,
    "queries": _queries,
    "validate": _validate,
    "show-long-quote": _show_long_quote,
    "table-long-quote": _table_long_quote,
    **BASELINES,
}
"""Every operation by name, in the order the runner runs them (the exports first)."""


def main(argv: list[str] | None = None) -> int:
    """Run the operations named in ``argv`` and print one JSON line per result."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.measure")
    parser.add_argument("operations", nargs="+", choices=list(OPERATIONS), metavar="OPERATION")
    parser.add_argument("--corpus", type=Path, required=True, help="the folder of study files")
    parser.add_argument("--scratch", type=Path, required=True, help="where files are written")
    parser.add_argument("--repeat", type=int, default=21, help="calls per query (median)")
    options = parser.parse_args(argv)
    options.scratch.mkdir(parents=True, exist_ok=True)
    context = Context(options.corpus, options.scratch, options.repeat)
    failed = False
    for name in options.operations:
        try:
            results = list(OPERATIONS[name](context))
        except Exception as error:  # reported on stdout, for the runner
            results = [{"operation": name, "error": f"{type(error).__name__}: {error}"}]
        for result in results:
            failed = failed or "error" in result
            result["peak_rss_mb"] = round(peak_rss_mb(), 1)
            print(json.dumps(result, ensure_ascii=False), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
