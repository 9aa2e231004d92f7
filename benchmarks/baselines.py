"""Baselines on the same triples as the library's export: the floor, pyoxigraph, rdflib, a PUT.

Each reads the library's own N-Triples export (``ours.nt``, written by ``export-nt``) or
Turtle export (``ours.ttl``), prepares what it needs untimed, and times one thing:

=================================  ==========================================================
``floor-nt``                       plain Python: N-Triples lines, escaped, joined and written
                                   to a file, from prepared tuples of strings (unsorted)
``http-put-nt``                    one HTTP ``PUT`` of our N-Triples file's bytes, read
                                   beforehand, to a named graph of a fresh Oxigraph server
``pyoxigraph-turtle-from-store``   ``Store.dump`` of a store loaded beforehand, as Turtle
``pyoxigraph-turtle-from-terms``   ``pyoxigraph.serialize`` of a list of ``Triple``
``pyoxigraph-parse-turtle``        ``list(pyoxigraph.parse(...))`` of our Turtle file
``rdflib-serialize-turtle``        rdflib's Turtle serializer on a graph loaded beforehand
``rdflib-parse-turtle``            rdflib's Turtle parser on our Turtle file
=================================  ==========================================================

The Turtle writers get the prefixes of our Turtle file, so that their output is comparable.
The ``PUT`` is the floor of the Graph Store HTTP Protocol: what the store takes to receive the
same triples in one request, its own work (parsing, indexing, committing) included, with none
of ours (reading, merging, exporting, splitting into graphs and chunks).
"""

from __future__ import annotations

import gc
import itertools
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

if TYPE_CHECKING:
    import urllib3

    from benchmarks.measure import Context, Result
    from benchmarks.server import Server

__all__ = [
    "BASELINES",
    "PUT_GRAPH",
    "PreparedTriple",
    "floor_nt",
    "prefixes_of",
    "prepared_triples",
]

PreparedTriple = tuple[str, bool, str, str, int, str]
"""A triple as plain strings: subject, whether it is a blank node, predicate, object, the
object's kind (:data:`IRI`, :data:`BLANK`, :data:`PLAIN`, :data:`LANGUAGE` or :data:`TYPED`)
and its language tag or datatype IRI (empty for the others)."""

IRI, BLANK, PLAIN, LANGUAGE, TYPED = range(5)
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_WARM = '@prefix a: <http://a/> . a:s a:p "o", a:o .'
_PREFIX = re.compile(r"@prefix\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>\s*\.")
PUT_GRAPH = "https://w3id.org/evidence-graph/data/graph/http-put-nt"
"""The named graph that ``http-put-nt`` replaces."""
_PUT_ANSWERS = frozenset({200, 201, 204})


def _timed(action: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def prepared_triples(path: Path) -> list[PreparedTriple]:
    """Return the triples of an N-Triples file as tuples of plain strings (read by pyoxigraph)."""
    import pyoxigraph as ox  # noqa: PLC0415 - not imported before the startup is timed

    prepared: list[PreparedTriple] = []
    for quad in ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES):
        subject, obj = quad.subject, quad.object
        if isinstance(obj, ox.NamedNode):
            kind, tag = IRI, ""
        elif isinstance(obj, ox.BlankNode):
            kind, tag = BLANK, ""
        elif obj.language:
            kind, tag = LANGUAGE, obj.language
        elif obj.datatype.value == _XSD_STRING:
            kind, tag = PLAIN, ""
        else:
            kind, tag = TYPED, obj.datatype.value
        blank = isinstance(subject, ox.BlankNode)
        prepared.append((subject.value, blank, quad.predicate.value, obj.value, kind, tag))
    return prepared


def floor_nt(triples: list[PreparedTriple], path: Path) -> None:
    r"""Write the triples as N-Triples lines, with the standard escaping, to ``path``.

    This is the floor: what plain Python costs to write the same triples, before any work of
    the library's own (models, mapping, sorting). Of the ways tried, chained ``str.replace``
    on every literal was the fastest (faster than a regular expression test first, or
    ``str.translate``).

    Examples:
        >>> import tempfile
        >>> target = Path(tempfile.mkdtemp()) / "floor.nt"
        >>> floor_nt([("http://a/s", False, "http://a/p", 'say "hi"\n', PLAIN, "")], target)
        >>> target.read_text()
        '<http://a/s> <http://a/p> "say \\"hi\\"\\n" .\n'
    """
    lines: list[str] = []
    append = lines.append
    for subject, blank, predicate, obj, kind, tag in triples:
        head = f"_:{subject}" if blank else f"<{subject}>"
        if kind == IRI:
            append(f"{head} <{predicate}> <{obj}> .\n")
            continue
        if kind == BLANK:
            append(f"{head} <{predicate}> _:{obj} .\n")
            continue
        text = (
            obj.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        )
        if kind == PLAIN:
            append(f'{head} <{predicate}> "{text}" .\n')
        elif kind == LANGUAGE:
            append(f'{head} <{predicate}> "{text}"@{tag} .\n')
        else:
            append(f'{head} <{predicate}> "{text}"^^<{tag}> .\n')
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("".join(lines))


def prefixes_of(turtle: Path) -> dict[str, str]:
    """Return the prefixes declared at the head of a Turtle file, by name."""
    prefixes: dict[str, str] = {}
    with turtle.open(encoding="utf-8") as handle:
        for line in handle:
            match = _PREFIX.match(line)
            if match is None:
                if line.strip():
                    break
                continue
            prefixes[match.group(1) or ""] = match.group(2)
    return prefixes


def _result(operation: str, seconds: float, **details: Any) -> Result:
    return {"operation": operation, "seconds": seconds, "details": details}


def _floor(context: Context) -> Iterator[Result]:
    triples = prepared_triples(context.path("ours.nt"))
    floor_nt(triples[:1000], context.path("warm.nt"))
    target = context.path("floor.nt")
    seconds, _ = _timed(lambda: floor_nt(triples, target))
    yield _result("floor-nt", seconds, triples=len(triples), bytes=target.stat().st_size)


def _ox_from_store(context: Context) -> Iterator[Result]:
    import pyoxigraph as ox  # noqa: PLC0415

    prefixes = prefixes_of(context.path("ours.ttl"))
    store = ox.Store()
    store.bulk_load(path=str(context.path("ours.nt")), format=ox.RdfFormat.N_TRIPLES)
    target = context.path("oxigraph-store.ttl")

    def dump() -> None:
        store.dump(
            str(target), ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=prefixes
        )

    dump()  # the warm-up
    seconds, _ = _timed(dump)
    yield _result(
        "pyoxigraph-turtle-from-store", seconds, triples=len(store), bytes=target.stat().st_size
    )


def _ox_from_terms(context: Context) -> Iterator[Result]:
    import pyoxigraph as ox  # noqa: PLC0415

    prefixes = prefixes_of(context.path("ours.ttl"))
    quads = ox.parse(path=str(context.path("ours.nt")), format=ox.RdfFormat.N_TRIPLES)
    triples = [ox.Triple(quad.subject, quad.predicate, quad.object) for quad in quads]
    target = context.path("oxigraph-terms.ttl")
    ox.serialize(triples[:1000], str(target), ox.RdfFormat.TURTLE, prefixes=prefixes)
    seconds, _ = _timed(
        lambda: ox.serialize(triples, str(target), ox.RdfFormat.TURTLE, prefixes=prefixes)
    )
    yield _result(
        "pyoxigraph-turtle-from-terms",
        seconds,
        triples=len(triples),
        bytes=target.stat().st_size,
    )


def _ox_parse(context: Context) -> Iterator[Result]:
    import pyoxigraph as ox  # noqa: PLC0415

    source = str(context.path("ours.ttl"))
    seconds, triples = _timed(lambda: list(ox.parse(path=source, format=ox.RdfFormat.TURTLE)))
    yield _result("pyoxigraph-parse-turtle", seconds, triples=len(triples))


def _rdflib_serialize(context: Context) -> Iterator[Result]:
    import rdflib  # noqa: PLC0415

    graph = rdflib.Graph()
    graph.parse(str(context.path("ours.nt")), format="nt")
    for prefix, namespace in prefixes_of(context.path("ours.ttl")).items():
        graph.bind(prefix, namespace, override=True)
    target = context.path("rdflib.ttl")
    graph.__class__().parse(data=_WARM, format="turtle").serialize(format="turtle")
    seconds, _ = _timed(lambda: graph.serialize(destination=str(target), format="turtle"))
    yield _result(
        "rdflib-serialize-turtle", seconds, triples=len(graph), bytes=target.stat().st_size
    )


def _rdflib_parse(context: Context) -> Iterator[Result]:
    import rdflib  # noqa: PLC0415

    source = str(context.path("ours.ttl"))
    rdflib.Graph().parse(data=_WARM, format="turtle")
    seconds, graph = _timed(lambda: rdflib.Graph().parse(source, format="turtle"))
    yield _result("rdflib-parse-turtle", seconds, triples=len(graph))


def _exported(context: Context) -> Path:
    """Return our N-Triples export, ``ours.nt``; if ``export-nt`` has not run, run it first.

    It runs in a process of its own, so that the peak RSS of the baseline is its own.
    """
    path = context.path("ours.nt")
    if not path.exists():
        done = subprocess.run(  # noqa: S603 - our own interpreter and module
            [
                sys.executable,
                "-m",
                "benchmarks.measure",
                "export-nt",
                "--corpus",
                str(context.corpus),
                "--scratch",
                str(context.scratch),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if not path.exists():
            said = (done.stdout + done.stderr).strip().splitlines()
            why = said[-1] if said else f"exit status {done.returncode}"
            raise RuntimeError(f"export-nt did not write {path.name}: {why}")
    return path


def _put(http: urllib3.PoolManager, server: Server, body: bytes) -> None:
    """Replace :data:`PUT_GRAPH` of the server's store with the N-Triples ``body``."""
    answer = http.request(
        "PUT",
        f"{server.store}?graph={quote(PUT_GRAPH, safe='')}",
        body=body,
        headers={"Content-Type": "application/n-triples"},
    )
    if answer.status not in _PUT_ANSWERS:
        raise RuntimeError(f"PUT {server.store}: HTTP {answer.status}: {answer.data[:300]!r}")


def _http_put(context: Context) -> Iterator[Result]:
    """Our N-Triples, read beforehand, in one ``PUT`` to a fresh server; its store then counted.

    The warm-up sends the file's first lines to a server of its own. The request has no timeout
    of its own: urllib3 bounds each write of the body by its connect timeout, and a store that
    commits a large transaction may read nothing for a while. The runner's timeout bounds it.
    """
    import urllib3  # noqa: PLC0415

    from benchmarks.server import count_quads, oxigraph_server  # noqa: PLC0415

    source = _exported(context)
    body = source.read_bytes()
    triples = body.count(b"\n")
    with source.open("rb") as handle:
        first = b"".join(itertools.islice(handle, 1000))
    http = urllib3.PoolManager(retries=False, timeout=urllib3.Timeout(connect=None, read=None))
    with oxigraph_server(context.scratch) as warm:
        _put(http, warm, first)
    with oxigraph_server(context.scratch) as server:
        seconds, _ = _timed(lambda: _put(http, server, body))
        stored = count_quads(server)
    if stored != triples:
        raise RuntimeError(f"the store holds {stored} triples after the PUT, expected {triples}")
    yield _result(
        "http-put-nt",
        seconds,
        triples=triples,
        stored=stored,
        bytes=len(body),
        server_cpu_seconds=server.cpu_seconds,
    )


BASELINES: dict[str, Callable[[Context], Iterator[Result]]] = {
    "floor-nt": _floor,
    "http-put-nt": _http_put,
    "pyoxigraph-turtle-from-store": _ox_from_store,
    "pyoxigraph-turtle-from-terms": _ox_from_terms,
    "pyoxigraph-parse-turtle": _ox_parse,
    "rdflib-serialize-turtle": _rdflib_serialize,
    "rdflib-parse-turtle": _rdflib_parse,
}
"""Every baseline by name, in the order the runner runs them."""
