"""The README's and the docs' commands and code are true: they run, and do what they say.

Every Python block of ``README.md`` and ``docs/**/*.md`` runs here, from the top of the
project, except those marked ``python store`` (run against a real Oxigraph server in
``test_store.py``). The docs site is built once, with ``mkdocs build --strict``, and checked:
nothing in it reaches the network, and the JSON Schema it shows is the models' own.
"""

from __future__ import annotations

import html
import importlib
import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

import evidence_graph
from evidence_graph import study_file_schema
from evidence_graph.queries import QUESTIONS

ROOT = Path(__file__).parents[1]
README = ROOT / "README.md"
DOCS = ROOT / "docs"
DOCUMENTS = [README, *sorted(DOCS.rglob("*.md"))]

_FENCE = re.compile(r"^```([^\n]*)\n(.*?)^```$", flags=re.DOTALL | re.MULTILINE)


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _fences(path: Path) -> list[tuple[str, str]]:
    """Each fenced block of a document: its info string and its text."""
    return [(info.strip(), body) for info, body in _FENCE.findall(path.read_text("utf-8"))]


def _blocks(path: Path, info: str) -> list[str]:
    return [body for fence, body in _fences(path) if fence == info]


PYTHON = [(path, index) for path in DOCUMENTS for index in range(len(_blocks(path, "python")))]


def test_the_readme_is_short() -> None:
    assert len(README.read_text("utf-8").splitlines()) <= 200


def test_the_readme_gives_exactly_two_setup_commands() -> None:
    [block] = [block for block in _blocks(README, "sh") if block.startswith("make")]
    commands = [line.split("#")[0].strip() for line in block.splitlines()]
    assert commands == ["make demo", "make test"]


@pytest.mark.parametrize("target", ["demo", "test", "docs"])
def test_the_makefile_has_each_command(target: str) -> None:
    result = subprocess.run(
        ["make", "-n", target], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_make_test_builds_the_docs_strictly() -> None:
    makefile = (ROOT / "Makefile").read_text("utf-8")
    [test] = re.findall(r"^test: (.*)$", makefile, flags=re.MULTILINE)
    assert "docs" in test.split()
    assert "mkdocs build --strict --site-dir site" in makefile


def test_ci_runs_the_readme_test_command() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line for line in script.splitlines() if line and not line.startswith("#")]
    assert commands[-1] == "make test"


def test_the_python_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    code = _blocks(README, "python")[0]
    assert len(code.strip().splitlines()) <= 10
    exec(compile(code, "README.md", "exec"), {})  # noqa: S102 - the README's own code
    out = capsys.readouterr().out
    assert "3. Daring to Belong [supporting]: Group therapy probably helped me" in out
    assert "Moving Toward Connectedness – A Qualitative Study" in out
    assert "'Britt Kverme', 'Eli Natvik', 'Marius Veseth', 'Christian Moltu'" in out


def test_the_docs_start_with_the_readme_s_example() -> None:
    assert _blocks(DOCS / "index.md", "python")[0] == _blocks(README, "python")[0]


@pytest.mark.parametrize(("path", "index"), PYTHON, ids=[f"{_name(p)}-{i}" for p, i in PYTHON])
def test_every_python_block_runs(
    path: Path, index: int, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)  # the blocks name files as the project's top folder sees them
    exec(compile(_blocks(path, "python")[index], _name(path), "exec"), {})  # noqa: S102
    assert capsys.readouterr().out


def test_no_code_block_is_left_out() -> None:
    """A block is run here, or in test_store.py (``store``), or is shown output or a sketch."""
    known = {"python", "python store", "sh", "sh store", "text", "yaml", "json"}
    for path in DOCUMENTS:
        fences = [info for info, _ in _fences(path)]
        assert set(fences) <= known, (_name(path), fences)
        if path != DOCS / "triple-stores.md":
            assert not {"python store", "sh store"} & set(fences), _name(path)
    assert [info for info, _ in _fences(DOCS / "triple-stores.md")].count("python store") == 1


def test_every_python_name_the_docs_mention_exists() -> None:
    mentioned = re.compile(r"(?<![\w/])(eg|evidence_graph)\.([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)")
    for path in DOCUMENTS:
        for _, dotted in mentioned.findall(path.read_text("utf-8")):
            found: object = evidence_graph
            for part in dotted.split("."):
                assert hasattr(found, part), f"{_name(path)}: evidence_graph.{dotted}"
                found = getattr(found, part)


def test_the_questions_are_the_catalogue_s() -> None:
    readme = README.read_text("utf-8")
    listed = re.findall(r"^- `([a-z-]+)`: ", readme, flags=re.MULTILINE)
    assert listed == list(QUESTIONS)
    table = re.findall(r"^\| `([a-z-]+)`(?: / `([a-z-]+)`)? \| (.*?) \|", _page("questions"), re.M)
    assert sorted(name for row in table for name in row[:2] if name) == sorted(QUESTIONS)
    for _, _, python in table:
        for function in re.findall(r"`([a-z_]+)`", python):
            assert function in evidence_graph.queries.__all__, function


def _page(name: str) -> str:
    return (DOCS / f"{name}.md").read_text("utf-8")


GUIDES = ["index", "study-files", "questions", "literature", "linked-data", "triple-stores"]
GUIDES += ["performance", "schema", "licences", "drawings"]


def test_the_readme_links_to_pages_that_exist() -> None:
    links = re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", README.read_text("utf-8"))
    assert {link for link in links if link.startswith("docs/")} >= {
        f"docs/{name}.md" for name in GUIDES
    }
    for link in links:
        if not link.startswith("http"):
            assert (ROOT / link).is_file(), link


SYNOPSIS = [README, DOCS / "index.md"]


@pytest.mark.parametrize("path", SYNOPSIS, ids=_name)
def test_every_cli_command_in_the_synopsis_exists(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from evidence_graph.cli import main  # noqa: PLC0415

    block = next(block for block in _blocks(path, "sh") if block.startswith("evidence-graph"))
    assert block == next(b for b in _blocks(README, "sh") if b.startswith("evidence-graph"))
    named = [line.split()[1] for line in block.splitlines() if line.strip()]
    assert named == [
        "show",
        "export",
        "datasets",
        "schema",
        "validate",
        "query",
        "query",
        "sparql",
        "cite",
        "merge-report",
        "draw",
        "explore",
        "push",
        "query",
    ]
    for command in named:
        with pytest.raises(SystemExit) as exit_:
            main([command, "--help"])
        assert exit_.value.code == 0
        assert f"usage: evidence-graph {command}" in capsys.readouterr().out


def test_the_docs_error_example_has_the_real_shape(tmp_path: Path) -> None:
    from evidence_graph import StudyFileError, load  # noqa: PLC0415

    [example] = [
        line
        for block in _blocks(DOCS / "index.md", "text")
        for line in block.splitlines()
        if line.startswith("error: studies/mine.yaml")
    ]
    shown = example.removeprefix("error: studies/mine.yaml: ")
    study = (ROOT / "examples" / "04_your_own_study.py").read_text(encoding="utf-8")
    yaml_text = study.split('STUDY = """\\\n', 1)[1].split('"""', 1)[0]
    broken = tmp_path / "mine.yaml"
    broken.write_text(yaml_text.replace("themes: [sub]", "themes: [subtheme]"), encoding="utf-8")
    with pytest.raises(StudyFileError) as raised:
        load(broken)
    assert str(raised.value) == f"{broken}: {shown}"


_SHOWN = [
    (_name(path), command, shown)
    for path in DOCUMENTS
    for command, shown in re.findall(
        r"```sh\n(evidence-graph [^\n]*)\n```\n\n```text\n(.*?)```",
        path.read_text("utf-8"),
        re.DOTALL,
    )
]


def test_the_docs_show_answers() -> None:
    assert len(_SHOWN) >= 3


@pytest.mark.parametrize(
    ("document", "command", "shown"), _SHOWN, ids=[c.split()[2] for _, c, _ in _SHOWN]
)
def test_the_answers_shown_are_what_the_command_prints(
    document: str,
    command: str,
    shown: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from evidence_graph.cli import main  # noqa: PLC0415

    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "120")  # the width the tables were printed at
    assert main(shlex.split(command)[1:]) == 0, document
    printed = capsys.readouterr().out
    assert [line.rstrip() for line in printed.splitlines()] == shown.splitlines()


# -- the built site -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The docs site, built as ``make docs`` builds it (strict), into a folder of its own."""
    folder = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "", "HOME": str(folder)},
    )
    assert result.returncode == 0, result.stderr
    return folder


_REMOTE = re.compile(
    r"<(?:script|link|img|iframe|source)\b[^>]*?\b(?:src|href|srcset)=[\"']?(?:https?:)?//",
    flags=re.IGNORECASE,
)


def test_the_site_loads_nothing_from_the_network(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        html = page.read_text("utf-8")
        assert not _REMOTE.search(html), (page.relative_to(site), _REMOTE.search(html))
    for sheet in sorted(site.rglob("*.css")):
        assert not re.search(r"@import\s+(?:url\()?[\"']?(?:https?:)?//", sheet.read_text("utf-8"))


def test_the_site_shows_the_models_schema(site: Path) -> None:
    schema = study_file_schema()
    served = json.loads((site / "study-file.schema.json").read_text("utf-8"))
    assert served == schema
    page = (site / "schema" / "index.html").read_text("utf-8")
    blocks = [
        html.unescape(re.sub(r"<[^>]+>", "", block))
        for block in re.findall(r"<pre\b[^>]*>(.*?)</pre>", page, flags=re.DOTALL)
    ]
    assert [json.loads(block) for block in blocks if block.startswith("{")] == [schema]


REFERENCE = sorted((DOCS / "reference").glob("*.md"))
RDFLIB_NAMESPACES = {"DCAT", "DCTERMS", "FOAF", "OWL", "PROV", "RDF", "RDFS", "SKOS", "XSD"}
"""Re-exported by ``evidence_graph.namespace`` from rdflib, and documented by rdflib."""


def _referenced(path: Path) -> list[str]:
    return re.findall(r"^::: (\S+)$", path.read_text("utf-8"), flags=re.MULTILINE)


def test_the_reference_names_only_public_packages() -> None:
    modules = [module for path in REFERENCE for module in _referenced(path)]
    assert {"evidence_graph", "evidence_graph.models", "evidence_graph.queries"} <= set(modules)
    for name in modules:
        assert not any(part.startswith("_") for part in name.split(".")), name
        assert name.count(".") <= 1, name
        module = importlib.import_module(name)
        assert isinstance(module.__all__, list), name
        if name != "evidence_graph":
            assert name.removeprefix("evidence_graph.") in dir(evidence_graph), name


@pytest.mark.parametrize("path", REFERENCE, ids=lambda path: path.stem)
def test_the_reference_shows_every_public_name(site: Path, path: Path) -> None:
    [name] = _referenced(path)
    html = (site / "reference" / path.stem / "index.html").read_text("utf-8")
    shown = set(re.findall(r'id="([^"]+)"', html))
    module = importlib.import_module(name)
    for export in module.__all__:
        if isinstance(getattr(module, export), type(module)) or export.startswith("__"):
            continue  # a package has a page of its own
        if name == "evidence_graph.namespace" and export in RDFLIB_NAMESPACES:
            continue
        assert f"{name}.{export}" in shown, f"{name}.{export}"
