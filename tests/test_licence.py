"""The licence and the citation file agree with pyproject.toml, and ship in the wheel."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).parents[1]
PROJECT: dict[str, Any] = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
    "project"
]


def test_the_citation_file_agrees_with_pyproject() -> None:
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0"
    assert citation["version"] == PROJECT["version"]
    assert citation["license"] == PROJECT["license"] == "Apache-2.0"
    assert citation["authors"] == [{"name": "evidence_graph developers"}]
    assert citation["title"].startswith("evidence_graph")


def test_the_licence_is_the_apache_license() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.lstrip().startswith("Apache License\n                           Version 2.0")
    assert "END OF TERMS AND CONDITIONS" in text
    assert "Copyright 2026 the evidence_graph developers" in text
    assert "[yyyy]" not in text


def test_every_licence_file_exists() -> None:
    assert PROJECT["license-files"] == ["LICENSE", "evidence_graph/datasets/LICENSE"]
    for name in PROJECT["license-files"]:
        assert (ROOT / name).is_file(), name


def test_each_dataset_names_its_licence() -> None:
    datasets = ROOT / "evidence_graph" / "datasets"
    for path in sorted(datasets.glob("*.yaml")):
        header = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
        assert "CC BY 4.0" in header, path.name
        assert "LICENSE file beside this one" in header, path.name
    assert "CC BY 4.0" in (datasets / "LICENSE").read_text(encoding="utf-8")


@pytest.mark.skipif(importlib.util.find_spec("hatchling") is None, reason="needs hatchling")
def test_the_wheel_holds_the_licences(tmp_path: Path) -> None:
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    subprocess.run(
        [
            *pip,
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    [wheel] = tmp_path.glob("evidence_graph-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        [metadata] = [name for name in names if name.endswith(".dist-info/METADATA")]
        headers = archive.read(metadata).decode("utf-8")
    info = metadata.removesuffix("METADATA")
    assert f"{info}licenses/LICENSE" in names
    assert f"{info}licenses/evidence_graph/datasets/LICENSE" in names
    assert "evidence_graph/datasets/LICENSE" in names  # beside the datasets, once installed
    assert "License-Expression: Apache-2.0" in headers.splitlines()
