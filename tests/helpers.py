"""What several test modules share: names, the store the tests ask, and the examples they draw.

Test modules import from here (and from ``cases`` and ``strategies``), never from ``conftest``
or from one another; fixtures come from ``conftest`` by name. ``test_suite.py`` checks this.
"""

from __future__ import annotations

import contextlib
import http.server
import os
import shlex
import shutil
import subprocess
import sys
import threading
import warnings
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn
from xml.sax.saxutils import escape

import pyoxigraph as ox
import pytest
import urllib3
from hypothesis import settings
from rdflib import Dataset, Graph

from benchmarks.server import MISSING, oxigraph_binary
from evidence_graph.queries import ThemeRow, tree_order
from evidence_graph.store import SparqlEndpoint

__all__ = [
    "CI_EXAMPLES",
    "DEV_EXAMPLES",
    "LITERATURE",
    "Cli",
    "Guarded",
    "Server",
    "StoreUrls",
    "WriteStudy",
    "examples",
    "guarded",
    "oxigraph_program",
    "same_answer",
    "serving",
    "skip_or_fail",
    "stderr_on_a_terminal",
    "workbook_parts",
]

Cli = Callable[..., subprocess.CompletedProcess[str]]
"""``cli(*args) -> CompletedProcess``: the exit status and output of ``evidence-graph args``."""

WriteStudy = Callable[..., Path]
"""``write_study(content, name="study.yaml") -> Path``; see the fixture ``write_study``."""

LITERATURE = (
    "bpd-literature",
    str(Path(__file__).parents[1] / "examples/studies/katsakou2012.yaml"),
)
"""The literature dataset with the second study of the examples: two studies, CHIME, mappings."""

CI_EXAMPLES = 100
"""The examples a property test draws under the ``ci`` profile, unless it says otherwise."""
DEV_EXAMPLES = 15
"""The examples a property test draws under the ``dev`` profile, unless it says otherwise."""


def examples(ci: int, profile: settings | None = None) -> int:
    """Return the examples a property test draws that draws ``ci`` under the ``ci`` profile.

    Under ``ci`` that is ``ci`` itself; under ``dev`` it is scaled down as the profile's own
    number is (at least one), so that a test asking for more than others still does.
    ``profile`` is the loaded one unless given.
    """
    drawn = (profile or settings.default).max_examples
    return max(1, ci * drawn // CI_EXAMPLES)


def skip_or_fail(reason: str) -> NoReturn:
    """Skip the test for want of an outside program, or fail it where ``CI`` is set."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason}, and CI must run every test")
    pytest.skip(reason)


def oxigraph_program() -> Path:
    """Return the path of ``oxigraph``; skip without it, or fail in CI."""
    binary = oxigraph_binary()
    if binary is None:
        skip_or_fail(MISSING)
    return binary


class StoreUrls:
    """The store and query endpoints under a server's root ``url`` (as Oxigraph names them)."""

    url: str

    @property
    def store(self) -> str:
        return f"{self.url}/store"

    @property
    def query(self) -> str:
        return f"{self.url}/query"


@dataclass
class Server(StoreUrls):
    """A running Oxigraph server, as the tests push to it and ask it.

    Attributes:
        url: Its root, e.g. ``http://127.0.0.1:40123``.
        holding: The sources the store holds exactly, as the fixture ``pushed_literature``
            pushed them; empty once anything else may have written to it.
    """

    url: str
    holding: tuple[str, ...] = ()

    def endpoint(self, *graphs: str) -> SparqlEndpoint:
        return SparqlEndpoint(self.query, graphs=graphs)

    def clear(self) -> None:
        self.holding = ()
        answer = urllib3.request(
            "POST",
            f"{self.url}/update",
            body=b"CLEAR ALL",
            headers={"Content-Type": "application/sparql-update"},
        )
        assert answer.status == 204, answer.data

    def count(self, graph: str | None = None) -> int:
        where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
        rows = list(self.endpoint().query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}"))
        return int(rows[0]["n"].value)

    def lines(self, *graphs: str) -> list[str]:
        """Every triple the default graph (or the graphs given) holds, as sorted N-Triples."""
        triples = self.endpoint(*graphs).query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        assert isinstance(triples, list)
        return sorted(
            f"{triple.subject} {triple.predicate} {triple.object} ." for triple in triples
        )

    def graphs(self) -> dict[str, int]:
        rows = self.endpoint().query(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        )
        return {row["g"].value: int(row["n"].value) for row in rows}


GUARD_MEMORY = 2 * 1024**3
"""The address space a guarded run may take (bytes): far more than any honest run needs."""
GUARD_SECONDS = 120
"""The time a guarded run may take before it counts as a hang: far more than any honest run."""


@dataclass
class Guarded:
    """How a guarded run of the command ended: its status and what it printed (as text)."""

    status: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def guarded(
    *args: str,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    memory: int = GUARD_MEMORY,
) -> Guarded:
    """Run ``evidence-graph args`` in a child process with its address space and time bounded.

    The bounds detect a bomb or a hang, they time nothing: a run that passes ``GUARD_SECONDS``
    fails the test as a hang, and one that passes ``memory`` dies (a ``MemoryError`` or an abort),
    which the caller's assertion on the status and the message then reports.
    """
    import resource  # noqa: PLC0415 - POSIX only; only these tests bound a child process

    def bound() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    command = [sys.executable, "-m", "evidence_graph.cli", *args]
    try:
        done = subprocess.run(
            command,
            input=stdin,
            capture_output=True,
            env=dict(os.environ, COLUMNS="400", **(env or {})),
            cwd=cwd,
            preexec_fn=bound,
            timeout=GUARD_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"evidence-graph {shlex.join(args)[:200]} did not end in {GUARD_SECONDS} s")
    return Guarded(
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
    )


@contextlib.contextmanager
def serving(
    handler: type[http.server.BaseHTTPRequestHandler],
    server: type[http.server.ThreadingHTTPServer] = http.server.ThreadingHTTPServer,
) -> Iterator[str]:
    """Serve ``handler`` on 127.0.0.1 at a free port, in a thread; yield its root URL; stop.

    ``server`` may be a subclass that sets its socket up otherwise (a small receive buffer).
    """
    running = server(("127.0.0.1", 0), handler)
    running.daemon_threads = True
    thread = threading.Thread(target=running.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{running.server_address[1]}"
    finally:
        running.shutdown()
        running.server_close()
        thread.join()


def stderr_on_a_terminal(*args: str) -> tuple[int, bytes]:
    """Run the command with standard error on a pseudo-terminal; its status and what it drew."""
    import pty  # noqa: PLC0415 - only these tests need a pseudo-terminal
    import select  # noqa: PLC0415

    master, slave = pty.openpty()
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="100")
    command = [sys.executable, "-m", "evidence_graph.cli", *args]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=slave, env=env)
    os.close(slave)
    drawn = b""
    while select.select([master], [], [], 30)[0]:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        drawn += chunk
    os.close(master)
    return process.wait(), drawn


def same_answer(name: str, local: Sequence[object], remote: Sequence[object]) -> None:
    """Assert that the SPARQL answer ``remote`` is the Python answer ``local``, row for row.

    ``theme-tree`` is the one exception RDF makes: it keeps no order for sibling themes that
    neither a number nor an ordered grouping places (a study's un-numbered overarching themes,
    say), which Python gives in the file's order and SPARQL by label and IRI. Its rows must be
    the same, in the order the rows themselves tell (:func:`tree_order`); wherever numbers and
    positions in ordered groupings settle the order, that is Python's order too.
    """
    if name != "theme-tree":
        assert remote == local
        return
    rows = [row for row in local if isinstance(row, ThemeRow)]
    assert remote == tree_order(rows)
    places = Counter(
        (row.study if row.parent is None else row.parent, row.number, row.position) for row in rows
    )
    if all(count == 1 for count in places.values()):
        assert remote == local


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def workbook_parts(
    rows: Sequence[Sequence[str | None]], sheet: str = "Sheet1", cells: str = ""
) -> dict[str, bytes]:
    """Return the parts of a minimal ``.xlsx`` workbook, its XML written by hand to the standard.

    Each row's cells are inline strings (``None`` leaves a cell out); ``cells`` is raw XML of
    further ``<row>`` elements, appended as it is (formulas, numbers). The shared strings
    part is present but empty, so that tests can put hostile XML in it.
    """
    xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    lines = []
    for number, row in enumerate(rows, 1):
        inline = "".join(
            f'<c r="{chr(65 + column)}{number}" t="inlineStr"><is><t xml:space="preserve">'
            f"{escape(value)}</t></is></c>"
            for column, value in enumerate(row)
            if value is not None
        )
        lines.append(f'<row r="{number}">{inline}</row>')
    overrides = "".join(
        f'<Override PartName="/xl/{name}" ContentType="{_TYPE}.{kind}+xml"/>'
        for name, kind in (
            ("workbook.xml", "sheet.main"),
            ("worksheets/sheet1.xml", "worksheet"),
            ("sharedStrings.xml", "sharedStrings"),
        )
    )
    return {
        "[Content_Types].xml": (
            f'{xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>'
        ).encode(),
        "_rels/.rels": (
            f'{xml}<Relationships xmlns="{_PACKAGE}"><Relationship Id="rId1" '
            f'Type="{_RELATIONS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ).encode(),
        "xl/workbook.xml": (
            f'{xml}<workbook xmlns="{_MAIN}" xmlns:r="{_RELATIONS}"><sheets>'
            f'<sheet name="{escape(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ).encode(),
        "xl/_rels/workbook.xml.rels": (
            f'{xml}<Relationships xmlns="{_PACKAGE}">'
            f'<Relationship Id="rId1" Type="{_RELATIONS}/worksheet" '
            'Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{_RELATIONS}/sharedStrings" '
            'Target="sharedStrings.xml"/></Relationships>'
        ).encode(),
        "xl/worksheets/sheet1.xml": (
            f'{xml}<worksheet xmlns="{_MAIN}"><sheetData>{"".join(lines)}{cells}</sheetData>'
            "</worksheet>"
        ).encode(),
        "xl/sharedStrings.xml": f'{xml}<sst xmlns="{_MAIN}" count="0" uniqueCount="0"/>'.encode(),
    }


SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


def dot_program() -> str:
    """Return the path of Graphviz's ``dot``; skip without it, or fail in CI."""
    found = shutil.which("dot")
    if found is None:
        skip_or_fail("Graphviz's dot is not installed (Debian's graphviz; `make programs`)")
    return found


def svg_texts(svg: bytes) -> list[str]:
    root = ET.fromstring(svg)  # noqa: S314 - Graphviz's own output, no entities
    return ["".join(text.itertext()) for text in root.iter(f"{SVG}text")]


RDFLIB_FORMATS = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "xml": "xml", "trig": "trig"}
"""rdflib's name for each of our export formats."""


def rdflib_parse(text: str, format: str) -> Graph:
    """Parse with rdflib; JSON-LD and TriG are datasets, whose triples all count."""
    dataset = Dataset()
    with warnings.catch_warnings():
        # rdflib's own dataset parsers call its deprecated Dataset API
        warnings.filterwarnings("ignore", category=DeprecationWarning, module="rdflib")
        dataset.parse(data=text, format=RDFLIB_FORMATS[format])
        quads = list(dataset.quads())
    graph = Graph()
    for subject, predicate, obj, _ in quads:
        graph.add((subject, predicate, obj))
    return graph


OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
    "trig": ox.RdfFormat.TRIG,
}
"""pyoxigraph's format for each of our export formats."""
