"""The explorer page in a real browser: Debian's Chromium, headless, with no network at all.

One browser serves the module. It is driven by Selenium through Debian's ``chromedriver``,
both named by path, so that Selenium Manager never runs and nothing is downloaded; every name
resolves to nothing and every request goes to a proxy that is not there. Without Chromium or
its driver these tests skip (and fail where ``CI`` is set). A screenshot of each page is saved
under ``$PYTEST_ARTIFACTS`` (default: ``test-artifacts/`` of the repository, git-ignored).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cases import EXPLORER_HOSTILE, explorer_study
from helpers import LITERATURE, skip_or_fail

from evidence_graph import load_graph, queries
from evidence_graph.draw import explore
from evidence_graph.draw.explorer import page_data

EXAMPLES = [*LITERATURE, str(Path(__file__).parents[1] / "examples/studies/ng2019.yaml")]
"""The literature, Katsakou's and Ng's studies: stages, groupings, subgroups, mappings, CHIME."""
KINDS = {
    "studies": "study",
    "samples": "sample",
    "participants": "participant",
    "criteria": "criterion",
    "themes": "theme",
    "quotes": "quote",
    "claims": "claim",
    "works": "work",
    "people": "person",
    "schemes": "scheme",
    "concepts": "concept",
    "mappings": "mapping",
}
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = Path(os.environ.get("PYTEST_ARTIFACTS") or Path(__file__).parents[1] / "test-artifacts")
SUBTHEMES = [
    "Learning to Hold One’s Own",
    "Needing Honesty and Genuine Mutuality",
    "Daring to Belong",
    "Making Room for Recovery",
]
NO_NETWORK = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-quic",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=127.0.0.1:9",
    "--window-size=1200,900",
]

webdriver: Any = None


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The file:// addresses of the pages: Kverme; Kverme and the hostile study; the examples.

    ``hostile-study`` is the path of the hostile study file.
    """
    folder = tmp_path_factory.mktemp("explorer")
    study = folder / "hostile.json"
    study.write_text(json.dumps(explorer_study(), ensure_ascii=False), "utf-8")
    kverme, hostile = folder / "kverme2019.html", folder / "hostile.html"
    kverme.write_text(explore(load_graph("kverme2019")), "utf-8")
    hostile.write_text(explore(load_graph("kverme2019", study)), "utf-8")
    examples = folder / "examples.html"
    examples.write_text(explore(load_graph(*EXAMPLES, study)), "utf-8")
    return {
        "kverme": kverme.as_uri(),
        "hostile": hostile.as_uri(),
        "examples": examples.as_uri(),
        "hostile-study": str(study),
    }


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for the module, with no network and a new empty profile."""
    global webdriver  # noqa: PLW0603 - selenium is imported only where the browser is
    if not (CHROMIUM.is_file() and CHROMEDRIVER.is_file()):
        skip_or_fail(f"{CHROMIUM} and {CHROMEDRIVER} are needed (make programs installs them)")
    try:
        from selenium import webdriver as imported  # noqa: PLC0415
        from selenium.webdriver.chrome.service import Service  # noqa: PLC0415
    except ImportError:
        skip_or_fail("selenium is not installed: pip install -e '.[dev]'")
    webdriver = imported
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager, were it ever run, downloads nothing
    profile = tempfile.mkdtemp(prefix="eg-chromium-")
    options = imported.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in [*NO_NETWORK, f"--user-data-dir={profile}"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = imported.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _open(browser: Any, address: str) -> None:
    browser.get("about:blank")
    browser.get(address)


def _errors(browser: Any) -> list[dict[str, Any]]:
    """The console's entries since last asked that are errors (a CSP violation is one)."""
    return [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]


def _visible(browser: Any, selector: str) -> list[Any]:
    return [
        found for found in browser.find_elements("css selector", selector) if found.is_displayed()
    ]


def _shown_quotes(browser: Any) -> list[str]:
    return [card.get_attribute("data-quote") for card in _visible(browser, "main .quote")]


def _screenshot(browser: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(ARTIFACTS / f"explorer-{name}.png"))


def test_the_sub_themes_and_a_quote_are_visible(browser: Any, pages: dict[str, str]) -> None:
    _open(browser, pages["kverme"])
    links = [link.text for link in _visible(browser, "main .tree a[href^='#theme-']")]
    assert links == [
        "Moving Toward Connectedness",
        *(f"{n}. {label}" for n, label in enumerate(SUBTHEMES, start=1)),
    ]
    assert "group-therapy-helped-most" in _shown_quotes(browser)
    text = browser.find_element("css selector", "[data-quote=group-therapy-helped-most] p").text
    assert text.startswith("Group therapy probably helped me the most")
    _screenshot(browser, "kverme2019")
    assert _errors(browser) == []


@pytest.mark.parametrize("words", ["group therapy", "GROUP THÉRAPY", "group  therapy", "she"])
def test_searching_filters_as_the_library_does(
    browser: Any, pages: dict[str, str], words: str
) -> None:
    _open(browser, pages["kverme"])
    box = browser.find_element("id", "search")
    box.send_keys(words)
    rows = queries.search_quotes(load_graph("kverme2019"), words)
    wanted = sorted({row.item_id for row in rows if row.match.value == "quote"})
    assert sorted(_shown_quotes(browser)) == wanted
    if words == "group therapy":
        assert wanted == ["group-therapy-helped-most"]
        assert browser.current_url.endswith("#search=group%20therapy")
        _screenshot(browser, "search")
    assert _errors(browser) == []


def test_following_a_theme_s_permalink_shows_its_quotes(
    browser: Any, pages: dict[str, str]
) -> None:
    _open(browser, pages["kverme"] + "#theme-daring-to-belong")
    assert browser.find_element("css selector", "main h1").text == "3. Daring to Belong"
    assert _shown_quotes(browser) == ["group-therapy-helped-most"]
    _open(browser, pages["kverme"] + "#theme-moving-toward-connectedness")
    assert sorted(_shown_quotes(browser)) == sorted(
        row.quote_id
        for row in queries.quotes_for_theme(load_graph("kverme2019"), "moving toward connectedness")
    )
    browser.find_element("link text", "2. Needing Honesty and Genuine Mutuality").click()
    assert browser.current_url.endswith("#theme-needing-honesty-and-genuine-mutuality")
    assert _shown_quotes(browser) == ["she-doesnt-hear-me"]
    assert browser.switch_to.active_element.tag_name == "h1"
    assert _errors(browser) == []


def test_every_view_opens_without_an_error(browser: Any, pages: dict[str, str]) -> None:
    views = ["", "#studies", "#claims", "#frameworks", "#citations", "#works"]
    views += ["#study-kverme2019", "#claim-finding-daring-to-belong", "#quote-little-steps"]
    views += ["#work-kverme2019-paper", "#person-britt-kverme", "#concept-bpd"]
    views += ["#sample-kverme2019-participants", "#criterion-no-psychosis", "#nowhere-at-all"]
    for view in views:
        _open(browser, pages["kverme"] + view)
        assert browser.find_element("css selector", "main h1").text, view
    assert _errors(browser) == []
    _open(browser, pages["kverme"] + "#claim-finding-daring-to-belong")
    chain = browser.find_element("css selector", "main .chain").text
    assert "Daring to Belong" in chain
    assert "10.3389/fpsyg.2019.00430" in chain


def test_every_entity_has_a_permalink_that_shows_it(browser: Any, pages: dict[str, str]) -> None:
    data = page_data(load_graph(*EXAMPLES, pages["hostile-study"]))
    addresses = [f"{KINDS[name]}-{record['id']}" for name in KINDS for record in data[name]]
    assert all(data[name] for name in KINDS)  # every kind is tried
    _open(browser, pages["examples"])
    for address in addresses:
        browser.execute_script("location.hash = arguments[0]", address)
        heading = browser.find_element("css selector", "main h1").text
        assert heading, address
        assert heading != "Not found", address
        assert browser.current_url.endswith(f"#{address}")
    _open(browser, pages["examples"] + "#frameworks")
    _screenshot(browser, "frameworks")
    assert _errors(browser) == []


def test_the_keyboard_alone_reaches_the_search_and_a_result(
    browser: Any, pages: dict[str, str]
) -> None:
    keys = webdriver.common.keys.Keys
    _open(browser, pages["kverme"])
    actions = webdriver.ActionChains(browser)
    actions.send_keys(keys.TAB).perform()
    first = browser.switch_to.active_element
    assert first.get_attribute("id") == "skip"
    assert first.is_displayed()
    for _ in range(10):
        if browser.switch_to.active_element.get_attribute("id") == "search":
            break
        actions.send_keys(keys.TAB).perform()
    box = browser.switch_to.active_element
    assert box.get_attribute("id") == "search"
    assert box.value_of_css_property("outline-style") != "none"
    actions.send_keys("group therapy").perform()
    assert _shown_quotes(browser) == ["group-therapy-helped-most"]
    actions.send_keys(keys.ENTER).perform()
    result = browser.switch_to.active_element
    assert result.tag_name == "a"
    assert result.value_of_css_property("outline-style") == "solid"
    target = result.get_attribute("href").rpartition("#")[2]
    actions.send_keys(keys.ENTER).perform()
    assert browser.current_url.endswith(f"#{target}")
    assert browser.switch_to.active_element.tag_name == "h1"
    assert _errors(browser) == []


def test_hostile_text_renders_as_text(browser: Any, pages: dict[str, str]) -> None:
    _open(browser, pages["hostile"] + "#theme-t-rtl")
    card = browser.find_element("css selector", "[data-quote=hostile-quote]")
    words = card.find_element("css selector", "blockquote p")
    assert words.get_property("textContent") == EXPLORER_HOSTILE
    assert words.get_attribute("dir") == "auto"
    assert browser.find_elements("css selector", "main img, main script") == []
    assert "P<1>" in card.text
    subgroup = card.find_element("css selector", "a[href='#sample-hostile-recovered']")
    assert subgroup.text == "4 participants, recovered"
    assert card.find_element("css selector", "a[href='#participant-p1']").text == "P<1>"
    _open(browser, pages["hostile"] + "#study-hostile")
    heading = browser.find_element("css selector", "main h1")
    assert heading.text == "<img src=x onerror=alert(2)> study"
    assert browser.execute_script("return document.querySelectorAll('img').length") == 0
    _open(browser, pages["hostile"])
    browser.find_element("id", "search").send_keys("</script>")
    assert _shown_quotes(browser) == ["hostile-quote"]
    _screenshot(browser, "hostile")
    assert _errors(browser) == []


def test_odd_addresses_and_links_do_nothing_they_should_not(
    browser: Any, pages: dict[str, str]
) -> None:
    for address in ("#constructor", "#__proto__", "#valueOf", "#constructor-x", "#toString-y"):
        _open(browser, pages["hostile"] + address)
        assert browser.find_element("css selector", "main h1").text == "Not found", address
    _open(browser, pages["hostile"] + "#study-hostile")
    browser.execute_script("location.hash = '#main'")
    assert browser.find_element("css selector", "main h1").text.endswith("study")
    _open(browser, pages["hostile"] + "#work-hostile-paper")
    assert browser.find_elements("css selector", "a[href^='javascript:']") == []
    assert "javascript:alert(4)" in browser.find_element("css selector", "main").text
    _open(browser, pages["hostile"] + "#claims")
    assert "1 piece of evidence" in browser.find_element("css selector", "main").text
    assert _errors(browser) == []


def test_the_page_reads_on_a_phone(browser: Any, pages: dict[str, str]) -> None:
    browser.set_window_size(390, 844)
    try:
        for view in ("", "#frameworks", "#work-kverme2019-paper"):
            _open(browser, pages["hostile"] + view)
            wide = browser.execute_script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert wide <= 0, view
        _screenshot(browser, "phone")
    finally:
        browser.set_window_size(1200, 900)
    assert _errors(browser) == []
