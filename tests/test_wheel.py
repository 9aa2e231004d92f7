"""The built wheel installs and works on its own: package, ontology files, data, console script.

A wheel of the project is built, installed without its dependencies into a fresh virtualenv
(which borrows the dependencies from the running environment through a ``.pth`` file, so
nothing is downloaded to install it), and used from a folder outside the repository. Building
uses the running environment's hatchling where there is one, and pip's isolated build (which
fetches hatchling from the package index) otherwise. It takes a few seconds.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TIMEOUT = 120
"""Seconds any one step may take before the test fails rather than hangs."""

REQUIRED_ONTOLOGY_FILES = {"evidence-graph.ttl", "context.jsonld"}
"""Files of ``ontologies/`` the package needs at run time; every other file there ships too."""


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> str:
    result = subprocess.run(
        command, capture_output=True, check=False, cwd=cwd, env=env, text=True, timeout=TIMEOUT
    )
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}"
    return result.stdout


def _clean_env() -> dict[str, str]:
    """The environment without anything that would put the source tree or a venv on the path."""
    drop = {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP", "PYTHONSAFEPATH"}
    return {key: value for key, value in os.environ.items() if key not in drop}


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel and install it into a new virtualenv; return the venv's folder."""
    root = tmp_path_factory.mktemp("wheel")
    env = _clean_env()
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    build = [*pip, "wheel", "--no-deps", "--wheel-dir", str(root / "dist")]
    if importlib.util.find_spec("hatchling") is not None:
        build.append("--no-build-isolation")
    _run([*build, str(REPO)], root, env)
    [wheel] = (root / "dist").glob("evidence_graph-*.whl")

    venv = root / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], root, env)
    python = venv / "bin" / "python"
    site_packages = Path(
        _run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            root,
            env,
        ).strip()
    )
    # A plain path line: the dependencies of the running environment, after the venv's own
    # site-packages (so the installed package wins), without running that folder's .pth files.
    (site_packages / "_evidence_graph_test_dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n"
    )
    _run(
        [*pip, "--python", str(python), "install", "--no-deps", "--no-index", str(wheel)],
        root,
        env,
    )
    return venv


def test_the_wheel_works_when_installed(installed: Path, tmp_path: Path) -> None:
    names = sorted(
        REQUIRED_ONTOLOGY_FILES
        | {path.name for path in (REPO / "ontologies").iterdir() if path.is_file()}
    )
    code = textwrap.dedent(
        f"""
        import json
        from pathlib import Path

        import evidence_graph
        from evidence_graph.rdf import json_ld_context
        from evidence_graph.resources import ontology_path

        venv = Path({str(installed)!r}).resolve()
        package = Path(evidence_graph.__file__).resolve().parent
        assert package.is_relative_to(venv), package
        for name in {names!r}:
            path = ontology_path(name).resolve()
            assert path == package / "ontologies" / name, path
            assert path.is_file(), path
        context = json.loads(ontology_path("context.jsonld").read_text(encoding="utf-8"))
        assert json_ld_context() == context["@context"]
        corpus = evidence_graph.load("kverme2019")
        assert corpus.works, "the built-in dataset has no works"
        assert evidence_graph.sparql.QUERY_NAMES == tuple(sorted(evidence_graph.queries.QUESTIONS))
        graph = evidence_graph.load_graph("kverme2019")
        for name in evidence_graph.queries.QUESTIONS:
            evidence_graph.sparql.select(
                evidence_graph.sparql.to_store(graph), evidence_graph.sparql.query_text(name)
            )
        print(package)
        """
    )
    env = _clean_env()
    package = _run([str(installed / "bin" / "python"), "-c", code], tmp_path, env).strip()
    assert not Path(package).is_relative_to(REPO)

    output = _run(
        [str(installed / "bin" / "evidence-graph"), "export", "-f", "jsonld"], tmp_path, env
    )
    document = json.loads(output)
    source_context = json.loads((REPO / "ontologies" / "context.jsonld").read_text())
    assert document["@context"] == source_context["@context"]
    assert any(
        node["@id"] == "https://doi.org/10.3389/fpsyg.2019.00430" for node in document["@graph"]
    )
    answer = _run(
        [str(installed / "bin" / "evidence-graph"), "query", "stats", "--sparql", "-f", "csv"],
        tmp_path,
        env,
    )
    assert "quote,4" in answer.splitlines()


def test_the_installed_wheel_writes_the_explorer_page(installed: Path, tmp_path: Path) -> None:
    """The page's script and style ship in the wheel as package resources: the same page."""
    from evidence_graph import load_graph  # noqa: PLC0415
    from evidence_graph.draw import explore  # noqa: PLC0415

    page = _run([str(installed / "bin" / "evidence-graph"), "explore"], tmp_path, _clean_env())
    assert page == explore(load_graph("kverme2019"))
