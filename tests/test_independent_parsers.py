"""Every export format, read by two independent parsers: pyoxigraph and rapper (raptor2).

Each must give exactly the triples of rdflib's own graph. The triples are compared as canonical
N-Triples lines, each side parsed by pyoxigraph, so that escaping (``\\u00A0`` or the character
itself) makes no difference. ``rapper`` comes from Debian's raptor2-utils (``make test``
installs it where it can); without it these tests skip, or fail where ``CI`` is set.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest

import evidence_graph
from evidence_graph import FORMATS

OXIGRAPH = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
    "trig": ox.RdfFormat.TRIG,
}
"""The pyoxigraph format of each export format."""

RAPPER = {
    "turtle": "turtle",
    "nt": "ntriples",
    "xml": "rdfxml",
    "trig": "trig",
}
"""The rapper input syntax (``-i``) of each export format; raptor2 has no JSON-LD parser (its
``json`` is RDF/JSON), so JSON-LD is checked by pyoxigraph and rdflib only."""

RAPPER_TIMEOUT = 60
"""Seconds a rapper run may take; the built-in dataset parses in well under one."""


def test_every_export_format_is_covered() -> None:
    assert set(OXIGRAPH) == set(FORMATS)
    assert set(RAPPER) == set(FORMATS) - {"jsonld"}  # raptor2 reads no JSON-LD


@functools.cache
def _exports() -> dict[str, str]:
    corpus = evidence_graph.load("kverme2019")
    return {fmt: evidence_graph.serialize(corpus, fmt) for fmt in FORMATS}  # type: ignore[arg-type]


def _canonical(ntriples: str | bytes) -> set[str]:
    """Return N-Triples as a set of canonical lines: parsed by pyoxigraph, written back."""
    data = ntriples.encode() if isinstance(ntriples, str) else ntriples
    return {
        f"{quad.subject} {quad.predicate} {quad.object} ."
        for quad in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
    }


@pytest.fixture(scope="module")
def expected() -> set[str]:
    """The triples of rdflib's own graph of the built-in dataset, canonical."""
    rdf = evidence_graph.to_rdf(evidence_graph.load("kverme2019"))
    lines = _canonical(rdf.serialize(format="nt"))
    assert len(lines) == len(rdf) > 300
    return lines


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_pyoxigraph_reads_each_export_as_rdflib_wrote_it(fmt: str, expected: set[str]) -> None:
    quads = list(ox.parse(_exports()[fmt].encode(), format=OXIGRAPH[fmt]))
    assert all(quad.graph_name == ox.DefaultGraph() for quad in quads)
    ntriples = ox.serialize([quad.triple for quad in quads], format=ox.RdfFormat.N_TRIPLES)
    assert _canonical(ntriples) == expected


@pytest.fixture(scope="session")
def rapper() -> str:
    """The path of ``rapper``; skip without it, or fail in CI."""
    path = shutil.which("rapper")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(
                "rapper (Debian raptor2-utils) is not installed, and CI must run every parser: "
                "install it with `apt-get install raptor2-utils` (`make test` does so as root)"
            )
        pytest.skip("rapper (Debian raptor2-utils) is not installed")
    return path


@functools.cache
def _rapper_help(rapper: str) -> tuple[str, frozenset[str]]:
    """Return rapper's version and the input syntaxes its ``--help`` lists."""
    version = subprocess.run(
        [rapper, "--version"], capture_output=True, check=True, text=True, timeout=RAPPER_TIMEOUT
    ).stdout.strip()
    text = subprocess.run(
        [rapper, "--help"], capture_output=True, check=False, text=True, timeout=RAPPER_TIMEOUT
    ).stdout
    section = re.search(r"--input FORMAT(.*?)--input-uri", text, re.DOTALL)
    assert section is not None, f"cannot read the input formats from `rapper --help`:\n{text}"
    return version, frozenset(re.findall(r"^\s+([a-z][\w-]*)\s", section.group(1), re.MULTILINE))


def test_rapper_lists_its_input_syntaxes(rapper: str) -> None:
    _, syntaxes = _rapper_help(rapper)
    assert {"turtle", "ntriples", "rdfxml", "trig"} <= syntaxes


@pytest.mark.parametrize("fmt", list(RAPPER))
def test_rapper_reads_each_export_as_rdflib_wrote_it(
    fmt: str, expected: set[str], rapper: str, tmp_path: Path
) -> None:
    syntax = RAPPER[fmt]
    base = (tmp_path / f"kverme2019{FORMATS[fmt]}").as_uri()  # a file: IRI, never fetched
    result = _run_rapper(rapper, syntax, _exports()[fmt], base)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert result.stderr == b""
    assert _canonical(result.stdout) == expected


def test_rapper_refuses_broken_input(rapper: str, tmp_path: Path) -> None:
    """The check above means something: rapper, run as above, fails on a broken document."""
    broken = _exports()["turtle"].replace(" .\n", " \n", 1)
    result = _run_rapper(rapper, "turtle", broken, (tmp_path / "broken.ttl").as_uri())
    assert result.returncode != 0
    assert b"error" in result.stderr.lower()


def _run_rapper(
    rapper: str, syntax: str, text: str, base: str
) -> subprocess.CompletedProcess[bytes]:
    """Parse ``text`` from standard input strictly; write N-Triples. Nothing is fetched."""
    command = [
        *(rapper, "--quiet", "--input", syntax, "--output", "ntriples"),
        *("-f", "strict", "-f", "noNet", "-f", "noFile"),  # no URL, no file is read
        *("-", base),
    ]
    return subprocess.run(
        command, input=text.encode(), capture_output=True, check=False, timeout=RAPPER_TIMEOUT
    )
