"""The benchmarks cannot rot: a small run of ``python -m benchmarks``, and its parts.

The smoke run (``--sizes 2k --quick``) times every operation once on a corpus of about 2,000
triples, in a few seconds; its results are checked for shape, never for speed (the targets are
met in ``make bench``, not asserted here). The push and its baseline need ``oxigraph serve``
(PyPI's ``oxigraph``, a dev dependency): without it the smoke run fails.
"""

from __future__ import annotations

import doctest
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import urllib3
from rich.console import Console

import evidence_graph as eg
from benchmarks import baselines, corpus, page, report, runner, sizes, targets
from benchmarks.measure import OPERATIONS
from benchmarks.report import ROW_FIELDS, complete, render
from benchmarks.runner import Options, operations_for
from benchmarks.server import MISSING, count_quads, oxigraph_binary, oxigraph_server
from benchmarks.sizes import format_size, parse_size, parse_sizes
from benchmarks.studies import orcid, study_document
from benchmarks.targets import growth_exponent

REPO = Path(__file__).resolve().parent.parent
SMOKE_SIZE = 2_000
TIMEOUT = 300
"""Seconds the smoke run may take before the test fails rather than hangs."""

EXPECTED = [
    row
    for name in OPERATIONS
    for row in ([f"query:{q}" for q in eg.queries.QUESTIONS] if name == "queries" else [name])
]
"""Every operation the smoke run reports, in order: ``queries`` reports one per question."""


@pytest.fixture(scope="module")
def smoke(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    """Run the benchmark at 2k in quick mode; return results.json and the work folder."""
    if oxigraph_binary() is None:
        pytest.fail(f"the smoke run pushes to a store, but {MISSING}: pip install -e '.[dev]'")
    root = tmp_path_factory.mktemp("bench")
    out, work = root / "results.json", root / "work"
    command = [sys.executable, "-m", "benchmarks", "--sizes", "2k", "--quick"]
    done = subprocess.run(
        [*command, "--out", str(out), "--work", str(work)],
        capture_output=True,
        check=False,
        cwd=REPO,
        text=True,
        timeout=TIMEOUT,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "export-turtle" in done.stdout  # the table
    return json.loads(out.read_text(encoding="utf-8")), work


def _rows(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {row["operation"]: row for row in document["results"]}


def test_smoke_reports_every_operation(smoke: tuple[dict[str, Any], Path]) -> None:
    document, _ = smoke
    assert set(document) == {
        "machine",
        "settings",
        "results",
        "growth",
        "growth_memory",
        "targets",
    }
    assert list(_rows(document)) == EXPECTED
    for row in document["results"]:
        assert tuple(row) == ROW_FIELDS
        assert row["size"] == SMOKE_SIZE
        assert row["error"] is None, row
        assert row["skipped"] is None, row
        assert isinstance(row["seconds"], float)
        assert row["seconds"] > 0
        assert isinstance(row["peak_rss_mb"], float)
        assert isinstance(row["details"], dict)


def test_smoke_corpus_has_about_the_triples_asked(smoke: tuple[dict[str, Any], Path]) -> None:
    document, _ = smoke
    counts = {row["triples"] for row in document["results"]}
    assert len(counts) == 1
    [triples] = counts
    assert abs(triples - SMOKE_SIZE) <= SMOKE_SIZE / 10


def test_smoke_ratios_and_throughput(smoke: tuple[dict[str, Any], Path]) -> None:
    rows = _rows(smoke[0])
    for name, row in rows.items():
        has_floor = name in {
            "export-nt",
            "export-turtle",
            "export-jsonld",
            "export-xml",
            "export-trig",
            "pipeline",
        }
        has_ox = name in {"export-turtle", "import-turtle"}
        assert (row["vs_floor"] is not None) == has_floor, name
        assert (row["vs_pyoxigraph"] is not None) == has_ox, name
        assert (row["vs_put"] is not None) == (name == "push"), name
        if has_floor:
            floor = rows["floor-nt"]["seconds"]
            assert row["vs_floor"] == pytest.approx(row["seconds"] / floor)
        if name.startswith("query:") or name == "startup":
            assert row["triples_per_s"] is None
        else:
            assert row["triples_per_s"] == pytest.approx(row["triples"] / row["seconds"])
    assert rows["export-turtle"]["vs_pyoxigraph"] == pytest.approx(
        rows["export-turtle"]["seconds"] / rows["pyoxigraph-turtle-from-store"]["seconds"]
    )
    assert rows["push"]["vs_put"] == pytest.approx(
        rows["push"]["seconds"] / rows["http-put-nt"]["seconds"]
    )
    assert rows["validate"]["details"]["conforms"] is True


def test_smoke_push_and_its_put_fill_a_store(smoke: tuple[dict[str, Any], Path]) -> None:
    rows = _rows(smoke[0])
    [out] = smoke[1].glob("*/out")
    for name in ("push", "http-put-nt"):
        row = rows[name]
        assert row["seconds"] > 0, name
        assert row["triples_per_s"] > 0, name
        assert row["details"]["stored"] == row["triples"], name
        assert row["details"]["server_cpu_seconds"] >= 0, name
    push = rows["push"]["details"]
    assert push["graphs"] == len(list(smoke[1].glob("*/studies/*")))
    assert push["requests"] >= push["graphs"]
    assert rows["http-put-nt"]["details"]["bytes"] == (out / "ours.nt").stat().st_size
    assert not [path for path in out.iterdir() if path.is_dir()], "a server's folder was left"


def test_smoke_queries_answer(smoke: tuple[dict[str, Any], Path]) -> None:
    rows = _rows(smoke[0])
    for name in eg.queries.QUESTIONS:
        details = rows[f"query:{name}"]["details"]
        assert details["repeat"] == 3
        assert isinstance(details["rows"], int)
    for name in ("quotes-for-theme", "theme-tree", "evidence-for", "cited-works", "search-quotes"):
        assert rows[f"query:{name}"]["details"]["rows"] > 0, name
    assert rows["query:mapped-to"]["details"]["rows"] > 0
    assert rows["query:theme-tree"]["details"]["parameters"] == {}  # every study: it grows


def test_smoke_growth_and_targets(smoke: tuple[dict[str, Any], Path]) -> None:
    document = smoke[0]
    assert document["growth"] == dict.fromkeys(EXPECTED)  # one size: nothing to fit
    assert document["growth_memory"] == dict.fromkeys(EXPECTED)
    found = {(target["operation"], target["measure"]) for target in document["targets"]}
    for expected in [
        ("export-nt", "vs_floor"),
        ("import-turtle", "vs_pyoxigraph"),
        ("query:stats", "seconds"),
        ("validate", "seconds"),
        ("validate", "sizes_skipped"),
        ("push", "vs_put"),
    ]:
        assert expected in found, expected
    for target in document["targets"]:
        if target["value"] is None:
            assert target["met"] is None, target
        else:
            assert target["met"] == (target["value"] <= target["limit"]), target
    growth = [target for target in document["targets"] if target["measure"] == "k_seconds"]
    assert [target["value"] for target in growth] == [None]  # one size: nothing to fit


def test_smoke_machine(smoke: tuple[dict[str, Any], Path]) -> None:
    machine = smoke[0]["machine"]
    assert machine["cpu_count"] >= 1
    assert machine["python"] == ".".join(map(str, sys.version_info[:3]))
    assert machine["versions"]["pyoxigraph"] == ox.__version__


def test_floor_writes_the_same_triples(smoke: tuple[dict[str, Any], Path]) -> None:
    [out] = smoke[1].glob("*/out")

    def triples(name: str) -> set[ox.Quad]:
        return set(ox.parse(path=str(out / name), format=ox.RdfFormat.N_TRIPLES))

    assert triples("floor.nt") == triples("ours.nt")


def test_generator_is_deterministic(smoke: tuple[dict[str, Any], Path], tmp_path: Path) -> None:
    [studies] = smoke[1].glob("*/studies")
    again = corpus.write_corpus(tmp_path / "again", SMOKE_SIZE, seed=0)
    assert [path.name for path in again] == sorted(path.name for path in studies.iterdir())
    for path in again:
        assert path.read_bytes() == (studies / path.name).read_bytes()
    other = corpus.write_corpus(tmp_path / "other", SMOKE_SIZE, seed=1)
    assert other[1].read_bytes() != again[1].read_bytes()
    with pytest.raises(FileExistsError):
        corpus.write_corpus(tmp_path / "again", SMOKE_SIZE)


def test_a_study_is_the_same_whatever_follows_it() -> None:
    assert study_document(3, seed=5) == study_document(3, seed=5)
    cut = study_document(3, seed=5, quotes=4)
    assert [quote["id"] for quote in cut["quotes"]] == [f"s00003-q{k}" for k in range(4)]
    evidence = {ref for claim in cut["claims"] for ref in claim.get("evidence", ())}
    assert evidence <= {quote["id"] for quote in cut["quotes"]} | {"s00003-ref0"}


def test_orcid_check_digits_are_valid() -> None:
    for index in (0, 7, 1234, 9_999_999):
        for author in range(6):
            value = orcid(index, author, seed=3)
            assert eg.Person(id="p", name="P", orcid=value).orcid == value


def test_parse_size() -> None:
    assert parse_size("10k") == 10_000
    assert parse_size("100K") == 100_000
    assert parse_size("1M") == 1_000_000
    assert parse_size(" 2k ") == 2_000
    assert parse_size("1.5m") == 1_500_000
    assert parse_size("2500") == 2_500
    assert parse_sizes("10k,100k,10k,1M") == [10_000, 100_000, 1_000_000]
    for bad in ("", "0", "k", "-1k", "1G", "ten"):
        with pytest.raises(ValueError, match="is not a size"):
            parse_size(bad)
    for size in (999, 2_000, 10_000, 2_500, 1_000_000, 1_234_567):
        assert parse_size(format_size(size)) == size


def test_growth_exponent() -> None:
    linear = [(10_000, 0.02), (100_000, 0.2), (1_000_000, 2.0)]
    assert growth_exponent(linear) == 1.0
    assert growth_exponent([(n, 3e-9 * n**2) for n, _ in linear]) == 2.0
    assert growth_exponent([(n, 0.001) for n, _ in linear]) == 0.0
    assert growth_exponent([(10_000, 0.5)]) is None
    assert growth_exponent([(10_000, 0.5), (10_000, 0.6)]) is None


def test_complete_computes_the_ratios() -> None:
    rows = [
        {"operation": "floor-nt", "size": 10, "seconds": 2.0},
        {"operation": "export-nt", "size": 10, "seconds": 3.0},
        {"operation": "pyoxigraph-parse-turtle", "size": 10, "seconds": 4.0},
        {"operation": "import-turtle", "size": 10, "seconds": 6.0},
        {"operation": "validate", "size": 10, "skipped": "too big"},
        {"operation": "http-put-nt", "size": 10, "seconds": 0.5},
        {"operation": "push", "size": 10, "seconds": 0.75},
    ]
    done = {row["operation"]: row for row in complete(rows, {10: 100})}
    assert done["export-nt"]["vs_floor"] == 1.5
    assert done["export-nt"]["triples_per_s"] == pytest.approx(100 / 3)
    assert done["import-turtle"]["vs_pyoxigraph"] == 1.5
    assert done["import-turtle"]["vs_floor"] is None
    assert done["validate"]["seconds"] is None
    assert done["validate"]["skipped"] == "too big"
    assert done["push"]["vs_put"] == 1.5
    assert done["push"]["triples_per_s"] == pytest.approx(100 / 0.75)
    assert done["push"]["vs_floor"] is None
    assert done["http-put-nt"]["vs_put"] is None


def _row(operation: str, size: int, seconds: float | None, **fields: Any) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(ROW_FIELDS)
    row.update(operation=operation, size=size, triples=size, seconds=seconds, details={})
    row.update(fields)
    return row


def test_targets_hold_each_operation_to_its_limit() -> None:
    rows = [
        _row("export-nt", 1_000_000, 3.0, vs_floor=2.5, peak_rss_mb=900.0),
        _row("export-nt", 100_000, 0.2, vs_floor=1.5, peak_rss_mb=120.0),
        _row("query:about-concept", 1_000_000, 0.02, details={"rows": 12_000}),
        _row("query:stats", 1_000_000, 0.006, details={"rows": 1}),
        _row("push", 100_000, 2.0, vs_put=1.2),
        _row("push", 1_000_000, 20.0, vs_put=0.5),
        _row("validate", 100_000, None, skipped="too big"),
        _row("validate", 1_000_000, 30.0),
        _row("floor-nt", 1_000_000, 1.0, peak_rss_mb=5000.0),
    ]
    found = {(t["target"], t["operation"], t["size"]): t for t in targets.targets(rows)}
    by_operation = {(t["operation"], t["measure"], t["size"]): t for t in found.values()}
    nt = by_operation[("export-nt", "vs_floor", 1_000_000)]
    assert (nt["value"], nt["limit"], nt["met"]) == (2.5, 2.0, False)
    assert ("export-nt", "vs_floor", 100_000) not in by_operation  # the largest size only
    about = by_operation[("query:about-concept", "seconds", 1_000_000)]
    assert about["limit"] == pytest.approx(0.005 + 2e-6 * 12_000)  # grows with its rows
    assert about["met"] is True
    stats = by_operation[("query:stats", "seconds", 1_000_000)]
    assert (stats["limit"], stats["met"]) == (0.005, False)
    assert by_operation[("push", "vs_put", 100_000)]["met"] is False  # at every size
    assert by_operation[("push", "vs_put", 1_000_000)]["met"] is True
    assert by_operation[("validate", "sizes_skipped", 1_000_000)]["value"] == 1
    [memory] = [t for t in found.values() if t["measure"] == "bytes_per_triple"]
    assert memory["operation"] == "export-nt"  # the worst of ours; the floor is a baseline
    assert memory["value"] == pytest.approx(900 * 1024 * 1024 / 1_000_000)
    [growth] = [t for t in found.values() if t["measure"] == "k_seconds"]
    assert growth["operation"] == "export-nt"  # 0.2 s to 3 s, the worst; push 2 s to 20 s
    assert growth["value"] == pytest.approx(1.176, abs=1e-3)
    assert growth["met"] is False


def test_growth_is_fitted_from_100k_to_1m() -> None:
    rows = [
        _row("read", 10_000, 0.001, peak_rss_mb=90.0),
        _row("read", 100_000, 0.1, peak_rss_mb=100.0),
        _row("read", 1_000_000, 2.0, peak_rss_mb=1000.0),
    ]
    found = {t["measure"]: t for t in targets.targets(rows)}
    assert found["k_seconds"]["value"] == pytest.approx(1.301, abs=1e-3)  # 10k left out
    assert found["k_seconds"]["met"] is False
    assert found["k_memory"]["value"] == 1.0


def test_slow_operations_are_skipped_above_the_limit() -> None:
    default = dict(operations_for(1_000_000, Options(sizes=[1_000_000])))
    assert default["validate"] is None  # validation runs at every size
    assert default["rdflib-parse-turtle"] is None
    quick = dict(operations_for(1_000_000, Options(sizes=[1_000_000], skip_slow=True)))
    assert quick["rdflib-parse-turtle"] is not None
    assert quick["rdflib-serialize-turtle"] is not None
    assert quick["pyoxigraph-parse-turtle"] is None
    assert quick["validate"] is None
    small = dict(operations_for(100_000, Options(sizes=[100_000], skip_slow=True)))
    assert not any(small.values())
    only = operations_for(10_000, Options(sizes=[10_000], only=["export"]))
    assert [name for name, _ in only] == [
        "export-nt",
        "export-turtle",
        "export-jsonld",
        "export-xml",
        "export-trig",
    ]


def test_without_oxigraph_the_push_is_skipped_and_says_why(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(runner, "oxigraph_binary", lambda: None)
    chosen = dict(operations_for(10_000, Options(sizes=[10_000])))
    assert chosen["push"] == chosen["http-put-nt"] == MISSING
    assert not any(reason for name, reason in chosen.items() if name not in runner.SERVED)
    rows = [
        {"operation": name, "size": size, "skipped": MISSING}
        for size in (10_000, 100_000)
        for name in runner.SERVED
    ]
    document = {
        "settings": {"repeat": 21},
        "results": complete(rows, {}),
        "growth": {},
        "targets": [],
    }
    printed = io.StringIO()
    render(document, Console(file=printed, width=300))
    assert f"Skipped push (10k, 100k), http-put-nt (10k, 100k): {MISSING}." in printed.getvalue()


def test_the_server_starts_empty_and_is_gone_after(tmp_path: Path) -> None:
    if oxigraph_binary() is None:
        pytest.fail(f"{MISSING}: pip install -e '.[dev]'")
    with oxigraph_server(tmp_path) as server:
        assert count_quads(server) == 0
        assert len(list(tmp_path.iterdir())) == 1
    assert server.cpu_seconds is not None
    assert not list(tmp_path.iterdir())
    with pytest.raises(urllib3.exceptions.HTTPError):
        urllib3.request("GET", f"{server.url}/", timeout=1.0, retries=False)


@pytest.mark.parametrize("module", [baselines, report, sizes, targets])
def test_doctests(module: object) -> None:
    failed, attempted = doctest.testmod(module, optionflags=doctest.ELLIPSIS)  # type: ignore[arg-type]
    assert attempted > 0
    assert failed == 0


def test_the_performance_page_is_written_from_results_json() -> None:
    document = json.loads((REPO / "benchmarks/results.json").read_text(encoding="utf-8"))
    written = page.page(document, page.NOTES.read_text(encoding="utf-8"))
    shown = (REPO / "docs" / "performance.md").read_text(encoding="utf-8")
    assert shown == written, "docs/performance.md is not the page of results.json: make performance"


def test_the_page_shows_every_operation_and_target(smoke: tuple[dict[str, Any], Path]) -> None:
    document = smoke[0]
    text = page.page(document, "## Notes\n\nThe notes.")
    lines = text.splitlines()
    for row in document["results"]:
        name = row["operation"]
        if name.startswith("query:"):
            label = f"`{name.removeprefix('query:')}`"
        else:
            label = page.LABELS.get(name, name)
        assert any(line.startswith(f"| {label} | ") for line in lines), name
    targets = [line for line in lines[lines.index("## Targets") :] if line.startswith("| ")]
    assert len(targets) == len(document["targets"]) + 1  # and the header
    assert text.endswith("## Notes\n\nThe notes.\n")
