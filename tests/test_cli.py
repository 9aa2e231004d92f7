"""The evidence-graph command: its output, its exit codes, its errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from helpers import Cli, stderr_on_a_terminal

from evidence_graph import load, serialize
from evidence_graph.cli import main
from evidence_graph.datasets import dataset_path

CLI = [sys.executable, "-m", "evidence_graph.cli"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the command in its own process, as a user would."""
    return subprocess.run([*CLI, *args], capture_output=True, text=True, check=False)


def test_export_writes_turtle_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export"]) == 0
    out = capsys.readouterr().out
    assert out == serialize(load("kverme2019"), "turtle")


@pytest.mark.parametrize("format", ["turtle", "nt", "jsonld", "xml", "trig"])
def test_export_to_a_file_in_each_format(
    tmp_path: Path, format: str, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / f"out.{format}"
    assert main(["export", "kverme2019", "--format", format, "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == serialize(load("kverme2019"), format)  # type: ignore[arg-type]
    message = capsys.readouterr().err
    assert f"({format}) to {target}" in message
    assert "wrote 3" in message  # wrote 3xx triples


def test_export_of_a_study_file_and_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = dataset_path("kverme2019")
    folder = tmp_path / "studies"
    folder.mkdir()
    (folder / "kverme.yaml").write_bytes(source.read_bytes())
    assert main(["export", str(folder / "kverme.yaml"), "-f", "nt"]) == 0
    from_file = capsys.readouterr().out
    assert main(["export", str(folder), "-f", "nt"]) == 0
    assert capsys.readouterr().out == from_file == serialize(load("kverme2019"), "nt")


def test_export_with_a_base(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--base", "https://example.org/data/", "-f", "nt"]) == 0
    assert "<https://example.org/data/study/kverme2019>" in capsys.readouterr().out


def test_show_prints_the_study_as_a_tree() -> None:
    result = run("show")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for expected in (
        "Recovery processes for people with borderline personality disorder",
        "doi:10.3389/fpsyg.2019.00430",
        "sample: 12 female participants, aged 21–36",
        "exclusion: had not experienced",
        "Moving Toward Connectedness",
        "4. Making Room for Recovery",
        "contrasting “I have told my therapist",
        "candidate source: Lenzenweger, Lane, Loranger & Kessler (2007)",
        "quotes 4",
    ):
        assert expected in out, expected


def test_datasets_lists_the_built_in_data(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["datasets"]) == 0
    out = capsys.readouterr().out
    rows = {
        cells[1]: cells
        for line in out.splitlines()
        if len(cells := [cell.strip() for cell in line.split("│")]) > 8
    }
    assert rows["kverme2019"][3:8] == ["1", "5", "4", "8", "3"]  # studies … works
    assert rows["bpd-literature"][3:8] == ["1", "5", "4", "14", "16"]


def test_schema_is_a_json_schema_of_a_study_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "evidence_graph study file"
    assert {"works", "studies", "themes", "quotes"} <= set(schema["properties"])
    assert schema["additionalProperties"] is False


def test_a_missing_source_is_a_usage_error_without_traceback() -> None:
    result = run("export", "no-such-file.yaml")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        "error: no-such-file.yaml: no such file, folder or built-in dataset; "
        "built-in: kverme2019, bpd-literature"
    )


def test_a_misspelt_dataset_gets_a_suggestion(cli: Cli) -> None:
    result = cli("show", "kverme2018")
    assert result.returncode == 2
    assert "did you mean 'kverme2019'?" in result.stderr


def test_invalid_data_exits_1_and_writes_nothing(tmp_path: Path, cli: Cli) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("works:\n  - id: w\n    type: journal-article\n    doi: not-a-doi\n")
    target = tmp_path / "out.ttl"
    result = cli("export", str(bad), "-o", str(target))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{bad}: line 4: works[0].doi: 'not-a-doi' is not a DOI" in result.stderr
    assert not target.exists()
    assert list(tmp_path.iterdir()) == [bad]


def test_a_failed_export_leaves_the_old_file(tmp_path: Path, cli: Cli) -> None:
    target = tmp_path / "out.ttl"
    target.write_text("old\n")
    bad = tmp_path / "bad.yaml"
    bad.write_text("quotes: [")
    result = cli("export", str(bad), "-o", str(target))
    assert result.returncode == 1
    assert "is not valid YAML" in result.stderr
    assert target.read_text() == "old\n"


def test_an_output_folder_that_does_not_exist(tmp_path: Path, cli: Cli) -> None:
    result = cli("export", "-o", str(tmp_path / "missing" / "out.ttl"))
    assert result.returncode == 2
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [["export", "--format", "n3"], ["frobnicate"], [], ["export", "--base", "nope"]],
)
def test_usage_errors_exit_2(args: list[str], cli: Cli) -> None:
    result = cli(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr


def test_the_exported_file_loads_into_a_triple_store(tmp_path: Path, cli: Cli) -> None:
    target = tmp_path / "kverme2019.ttl"
    assert cli("export", "-o", str(target)).returncode == 0
    store = ox.Store()
    store.load(path=str(target), format=ox.RdfFormat.TURTLE)
    assert len(store) == len(serialize(load("kverme2019"), "nt").splitlines())


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("evidence-graph ")


def test_a_progress_bar_is_drawn_on_a_terminal_only(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    status, drawn = stderr_on_a_terminal("export", "bpd-literature", "-o", str(target))
    assert status == 0
    assert b"reading" in drawn
    assert b"writing" in drawn
    assert b"wrote 873 triples (turtle)" in drawn
    piped = run("export", "bpd-literature", "-o", str(target))
    assert piped.stderr == f"wrote 873 triples (turtle) to {target}\n"  # no bar in a pipe


def test_show_names_a_local_concept_without_an_address(cli: Cli, tmp_path: Path) -> None:
    study = tmp_path / "local.json"
    study.write_text(
        json.dumps(
            {
                "works": [{"id": "w", "type": "journal-article", "title": "W"}],
                "concepts": [{"id": "c", "label": "Local concept"}],
                "studies": [
                    {"id": "s", "design": "qualitative", "reported_in": ["w"], "conditions": ["c"]}
                ],
            }
        ),
        encoding="utf-8",
    )
    done = cli("show", str(study))
    assert done.returncode == 0, done.stderr
    assert "about: Local concept\n" in done.stdout
