"""The README's commands and code are true: they run, and do what it says."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.DOTALL)


def test_the_readme_gives_exactly_two_setup_commands() -> None:
    [block] = [block for block in _blocks("sh") if block.startswith("make")]
    commands = [line.split("#")[0].strip() for line in block.splitlines()]
    assert commands == ["make demo", "make test"]


@pytest.mark.parametrize("target", ["demo", "test"])
def test_the_makefile_has_each_command(target: str) -> None:
    result = subprocess.run(
        ["make", "-n", target], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_ci_runs_the_readme_test_command() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line for line in script.splitlines() if line and not line.startswith("#")]
    assert commands[-1] == "make test"


def test_the_python_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    code = _blocks("python")[0]
    assert len(code.strip().splitlines()) <= 10
    exec(compile(code, "README.md", "exec"), {})  # noqa: S102 - the README's own code
    out = capsys.readouterr().out
    assert "3. Daring to Belong [supporting]: Group therapy probably helped me" in out
    assert "Moving Toward Connectedness – A Qualitative Study" in out
    assert "'Britt Kverme', 'Eli Natvik', 'Marius Veseth', 'Christian Moltu'" in out


@pytest.mark.parametrize("index", range(1, len(_blocks("python"))))
def test_the_other_python_examples_run(index: int, capsys: pytest.CaptureFixture[str]) -> None:
    exec(compile(_blocks("python")[index], "README.md", "exec"), {})  # noqa: S102
    assert capsys.readouterr().out


def test_every_cli_command_in_the_readme_exists(capsys: pytest.CaptureFixture[str]) -> None:
    from evidence_graph.cli import main  # noqa: PLC0415

    block = next(block for block in _blocks("sh") if block.startswith("evidence-graph"))
    named = [line.split()[1] for line in block.splitlines() if line.strip()]
    assert named == [
        "show",
        "export",
        "datasets",
        "schema",
        "query",
        "sparql",
        "cite",
        "push",
        "query",
    ]
    for command in named:
        with pytest.raises(SystemExit) as exit_:
            main([command, "--help"])
        assert exit_.value.code == 0
        assert f"usage: evidence-graph {command}" in capsys.readouterr().out


def test_the_readme_error_example_has_the_real_shape(tmp_path: Path) -> None:
    from evidence_graph import StudyFileError, load  # noqa: PLC0415

    [example] = [line for line in _blocks("text")[0].splitlines() if line.startswith("error:")]
    shown = example.removeprefix("error: studies/mine.yaml: ")
    study = (ROOT / "examples" / "04_your_own_study.py").read_text(encoding="utf-8")
    yaml_text = study.split('STUDY = """\\\n', 1)[1].split('"""', 1)[0]
    broken = tmp_path / "mine.yaml"
    broken.write_text(yaml_text.replace("themes: [sub]", "themes: [subtheme]"), encoding="utf-8")
    with pytest.raises(StudyFileError) as raised:
        load(broken)
    assert str(raised.value) == f"{broken}: {shown}"


_SHOWN = re.findall(r"```sh\n(evidence-graph [^\n]*)\n```\n\n```text\n(.*?)```", README, re.DOTALL)


def test_the_readme_shows_answers() -> None:
    assert len(_SHOWN) >= 3


@pytest.mark.parametrize(("command", "shown"), _SHOWN, ids=[c.split()[2] for c, _ in _SHOWN])
def test_the_answers_shown_are_what_the_command_prints(
    command: str,
    shown: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from evidence_graph.cli import main  # noqa: PLC0415

    monkeypatch.setenv("COLUMNS", "120")  # the width the README's tables were printed at
    assert main(shlex.split(command)[1:]) == 0
    printed = capsys.readouterr().out
    assert [line.rstrip() for line in printed.splitlines()] == shown.splitlines()
