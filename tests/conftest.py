"""Fixtures shared by the tests: study files written on the fly, and valid documents to mutate."""

from __future__ import annotations

import copy
import json
import os
import subprocess
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import settings

from evidence_graph import Corpus, EvidenceGraph, load, load_graph
from evidence_graph.cli import main
from evidence_graph.datasets import dataset_path

# In CI the property tests draw the same examples every run, so a failure there is repeatable.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

Cli = Callable[..., subprocess.CompletedProcess[str]]
"""``cli(*args) -> CompletedProcess``: the exit status and output of ``evidence-graph args``."""

WriteStudy = Callable[..., Path]
"""``write_study(content, name="study.yaml") -> Path``; see :func:`write_study`."""


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


LITERATURE = (
    "bpd-literature",
    str(Path(__file__).parents[1] / "examples/studies/katsakou2012.yaml"),
)
"""The literature dataset with the second study of the examples: two studies, CHIME, mappings."""


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
