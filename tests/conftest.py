"""Fixtures shared by the tests: study files written on the fly, valid documents to mutate, and
the session's Oxigraph server."""

from __future__ import annotations

import copy
import json
import os
import subprocess
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import CI_EXAMPLES, DEV_EXAMPLES, LITERATURE, Cli, Server, WriteStudy, oxigraph_program
from hypothesis import settings

from benchmarks.server import oxigraph_server
from evidence_graph import Corpus, EvidenceGraph, load, load_graph
from evidence_graph.cli import main
from evidence_graph.datasets import dataset_path
from evidence_graph.store import SparqlEndpoint, push

# Hypothesis profiles. `ci` draws CI_EXAMPLES examples per property test, new ones every run
# (a failure prints the blob that reproduces it), with no deadline; `make test` loads it too
# (--hypothesis-profile=ci), so a local run is as thorough as CI. `dev`, for a plain `pytest`,
# draws DEV_EXAMPLES. A test that draws a number of its own says `max_examples=examples(n)`,
# `n` being its number under `ci`, scaled down under `dev`.
settings.register_profile("ci", max_examples=CI_EXAMPLES, deadline=None, print_blob=True)
settings.register_profile("dev", max_examples=DEV_EXAMPLES)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


def dump(document: Mapping[str, Any], suffix: str = ".yaml") -> str:
    """Return a study document as the text of a ``.json`` or a YAML file."""
    if suffix == ".json":
        return json.dumps(document, ensure_ascii=False, indent=2, default=str)
    return yaml.safe_dump(dict(document), allow_unicode=True, sort_keys=False, width=1000)


@pytest.fixture
def write_study(tmp_path: Path) -> WriteStudy:
    """Write text, bytes or a document (dumped as YAML or JSON by the name's suffix) to a file.

    The file goes under a fresh folder; ``name`` may hold sub-folders. Returns its path.
    """

    def write(content: str | bytes | Mapping[str, Any], name: str = "study.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            text = content if isinstance(content, str) else dump(content, path.suffix)
            path.write_bytes(text.encode("utf-8"))
        return path

    return write


@cache
def _kverme() -> dict[str, Any]:
    data = yaml.safe_load(dataset_path("kverme2019").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture
def kverme() -> dict[str, Any]:
    """A fresh, mutable copy of the built-in kverme2019 study document: valid as it is."""
    return copy.deepcopy(_kverme())


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    """The built-in kverme2019 corpus (frozen, so one serves every test)."""
    return load("kverme2019")


@pytest.fixture(scope="session")
def graph(corpus: Corpus) -> EvidenceGraph:
    """The evidence graph of the built-in kverme2019 corpus."""
    return EvidenceGraph.from_corpus(corpus)


@pytest.fixture(scope="session")
def literature() -> EvidenceGraph:
    """The evidence graph of the bpd-literature dataset and the Katsakou example study."""
    return load_graph(*LITERATURE)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Run the command in this process: its exit status and what it printed (400 columns)."""
    monkeypatch.setenv("COLUMNS", "400")

    def invoke(*args: str) -> subprocess.CompletedProcess[str]:
        try:
            status = main(list(args))
        except SystemExit as exit_:  # argparse's own usage errors
            status = int(exit_.code or 0)
        captured = capsys.readouterr()
        return subprocess.CompletedProcess(args, status, captured.out, captured.err)

    return invoke


@pytest.fixture(scope="session")
def oxigraph_serve(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The session's one Oxigraph server, with ``--union-default-graph``; stopped at the end.

    Skips without ``oxigraph`` (fails where ``CI`` is set). Tests take it through
    :func:`server`, :func:`oxigraph` or :func:`pushed_literature`, which say what it holds.
    """
    oxigraph_program()
    parent = tmp_path_factory.mktemp("oxigraph")
    with oxigraph_server(parent, union_default_graph=True) as running:
        yield Server(running.url)


@pytest.fixture
def server(oxigraph_serve: Server) -> Server:
    """The Oxigraph server, emptied: for tests that push to it."""
    oxigraph_serve.clear()
    return oxigraph_serve


@pytest.fixture
def oxigraph(oxigraph_serve: Server) -> Server:
    """The Oxigraph server as the last test left it: for tests that use graphs of their own."""
    oxigraph_serve.holding = ()
    return oxigraph_serve


@pytest.fixture
def pushed_literature(oxigraph_serve: Server) -> SparqlEndpoint:
    """The Oxigraph server holding the literature, a graph for each source: only asked.

    The literature is pushed again only when another test has had the server since.
    """
    if oxigraph_serve.holding != LITERATURE:
        oxigraph_serve.clear()
        push(*LITERATURE, endpoint=oxigraph_serve.store, replace=True)
        oxigraph_serve.holding = LITERATURE
    return oxigraph_serve.endpoint()
