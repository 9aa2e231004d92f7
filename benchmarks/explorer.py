"""How fast the explorer page is built, how big it is, and how fast it opens, for 100 studies.

``python -m benchmarks.explorer [--studies 100] [--runs 5] [--browser]`` writes a generated
corpus of that many studies (:func:`~benchmarks.corpus.write_studies`), loads it, and times,
in this one process, the median of ``--runs`` calls of:

- ``page``: ``evidence_graph.draw.explore(graph)``, the whole page;
- ``page-data``: :func:`~evidence_graph.draw.explorer.page_data`, the records alone;
- ``json-dumps`` (the baseline): ``json.dumps`` of the corpus's own fields (every entity's
  ``model_dump(mode="json")``), the least a page holding the same data could cost.

It prints each time and size with its ratio to the baseline's. With ``--browser`` (Debian's
Chromium and ChromeDriver, as the tests use them, no network) it also opens the page and a
baseline page holding the same JSON that only parses it, and prints the milliseconds from the
start of navigation to the first view drawn (``loadEventEnd``), and their ratio.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.corpus import write_studies
from benchmarks.measure import timed

__all__ = ["main", "measure"]

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
_BASELINE_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>baseline</title></head><body>
<script id="data" type="application/json">{data}</script>
<script>JSON.parse(document.getElementById("data").textContent);</script>
</body></html>
"""


def _median(runs: int, action: Callable[[], Any]) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        seconds, result = timed(action)
        times.append(seconds)
    return statistics.median(times), result


def measure(studies: int, runs: int, scratch: Path) -> dict[str, Any]:
    """Build the page of a corpus of ``studies`` studies; return times (s) and sizes (bytes)."""
    import evidence_graph as eg  # noqa: PLC0415 - timed after the corpus is written
    from evidence_graph.draw import explore  # noqa: PLC0415
    from evidence_graph.draw.explorer import page_data, page_json  # noqa: PLC0415

    paths = write_studies(scratch / "studies", studies)
    graph = eg.load_graph(*paths)
    explore(eg.load_graph("kverme2019"))  # warm-up: imports, resources

    def baseline() -> str:
        return json.dumps([entity.model_dump(mode="json") for _, entity in graph.nodes()])

    base_seconds, base_text = _median(runs, baseline)
    data_seconds, data = _median(runs, lambda: page_json(page_data(graph)))
    page_seconds, page = _median(runs, lambda: explore(graph))
    (scratch / "site.html").write_text(page, "utf-8")
    (scratch / "baseline.html").write_text(_BASELINE_PAGE.format(data=data), "utf-8")
    return {
        "studies": studies,
        "quotes": sum(1 for _ in graph.quotes()),
        "json-dumps": {"seconds": base_seconds, "bytes": len(base_text.encode())},
        "page-data": {"seconds": data_seconds, "bytes": len(data.encode())},
        "page": {"seconds": page_seconds, "bytes": len(page.encode())},
    }


def _open_times(scratch: Path, runs: int) -> dict[str, float] | None:
    """Milliseconds from navigation to load end of the page and of the baseline page."""
    if not (CHROMIUM.is_file() and CHROMEDRIVER.is_file()):
        return None
    from selenium import webdriver  # noqa: PLC0415 - a dev dependency, asked for by --browser
    from selenium.webdriver.chrome.service import Service  # noqa: PLC0415

    profile = tempfile.mkdtemp(prefix="eg-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-quic", "--host-resolver-rules=MAP * ~NOTFOUND",
        "--proxy-server=127.0.0.1:9", f"--user-data-dir={profile}",
    ):  # fmt: skip
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    script = (
        "const t = performance.getEntriesByType('navigation')[0];"
        "return t.loadEventEnd - t.startTime;"
    )
    found: dict[str, float] = {}
    try:
        for name in ("baseline", "site"):
            times = []
            for _ in range(runs):
                driver.get("about:blank")
                driver.get((scratch / f"{name}.html").as_uri())
                times.append(float(driver.execute_script(script)))
            found[name] = statistics.median(times)
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
    return found


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.explorer", description=__doc__)
    parser.add_argument("--studies", type=int, default=100, help="studies (default: 100)")
    parser.add_argument("--runs", type=int, default=5, help="calls timed, median (default: 5)")
    parser.add_argument(
        "--browser", action="store_true", help="also time opening the page in Chromium"
    )
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="eg-explorer-") as scratch:
        found = measure(arguments.studies, max(1, arguments.runs), Path(scratch))
        opened = _open_times(Path(scratch), max(1, arguments.runs)) if arguments.browser else None
    base = found["json-dumps"]
    print(f"explorer page of {found['studies']} studies, {found['quotes']} quotes")
    print(f"{'':12}{'seconds':>10}{'x json':>9}{'bytes':>13}{'x json':>9}")
    for name in ("json-dumps", "page-data", "page"):
        row = found[name]
        print(
            f"{name:12}{row['seconds']:10.3f}{row['seconds'] / base['seconds']:9.2f}"
            f"{row['bytes']:13,}{row['bytes'] / base['bytes']:9.2f}"
        )
    if arguments.browser and opened is None:
        print(f"not opened in a browser: {CHROMIUM} or {CHROMEDRIVER} is missing")
    elif opened is not None:
        ratio = opened["site"] / opened["baseline"]
        print(
            f"opened in Chromium: {opened['site']:.0f} ms to the first view, "
            f"{opened['baseline']:.0f} ms to parse the same JSON alone (x {ratio:.2f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
