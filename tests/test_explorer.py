"""The explorer page as a file: self-contained, escaped, private, deterministic, and whole.

What a person sees in it is tested in a real browser, in ``test_explorer_browser.py``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from cases import EXPLORER_HOSTILE, TRANSCRIPT, explorer_study
from helpers import LITERATURE, Cli, WriteStudy

from benchmarks import explorer as explorer_benchmark
from evidence_graph import EvidenceGraph, load, load_graph, queries
from evidence_graph.draw import explore
from evidence_graph.draw.explorer import content_security_policy, page_data, page_json
from evidence_graph.folding import FOLDS


class _Blocks(HTMLParser):
    """The page's elements as the HTML parser of a browser would split them, and their texts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.texts: dict[int, str] = {}
        self.open: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in {"meta", "input", "br", "link", "img"}:
            self.open.append(len(self.tags) - 1)

    def handle_endtag(self, tag: str) -> None:
        while self.open and self.tags[self.open.pop()][0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        if self.open:
            self.texts[self.open[-1]] = self.texts.get(self.open[-1], "") + data


def _parse(page: str) -> _Blocks:
    parser = _Blocks()
    parser.feed(page)
    parser.close()
    return parser


def _block(parsed: _Blocks, tag: str, **wanted: str | None) -> str:
    """The text of the one element of this tag (and attributes) in the page."""
    found = [
        place
        for place, (name, attrs) in enumerate(parsed.tags)
        if name == tag and all(attrs.get(key) == value for key, value in wanted.items())
    ]
    assert len(found) == 1, (tag, wanted, found)
    return parsed.texts.get(found[0], "")


@pytest.fixture(scope="module")
def kverme_page() -> str:
    return explore(load_graph("kverme2019"))


def test_the_page_loads_nothing_and_runs_only_its_own_blocks(kverme_page: str) -> None:
    parsed = _parse(kverme_page)
    tags = [tag for tag, _ in parsed.tags]
    assert tags.count("script") == 2
    assert tags.count("style") == 1
    assert "link" not in tags
    assert "img" not in tags
    assert "iframe" not in tags
    for _, attrs in parsed.tags:
        assert "src" not in attrs
        assert "style" not in attrs
        assert not any(name.startswith("on") for name in attrs)
        href = attrs.get("href")
        assert href is None or href.startswith("#")
    [policy] = [
        attrs["content"]
        for tag, attrs in parsed.tags
        if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"
    ]
    assert policy is not None
    script = _block(parsed, "script", id=None)
    style = _block(parsed, "style")
    assert policy == content_security_policy(script, style)
    directives = dict(part.split(" ", 1) for part in policy.split("; "))
    assert directives["default-src"] == "'none'"
    for block, directive in ((script, "script-src"), (style, "style-src")):
        digest = base64.b64encode(hashlib.sha256(block.encode()).digest()).decode()
        assert directives[directive] == f"'sha256-{digest}'"
    assert "unsafe" not in policy
    assert directives["base-uri"] == directives["form-action"] == "'none'"


def test_the_page_reads_on_a_phone_and_has_landmarks(kverme_page: str) -> None:
    parsed = _parse(kverme_page)
    metas = {attrs.get("name"): attrs.get("content") for tag, attrs in parsed.tags if tag == "meta"}
    assert metas["viewport"] == "width=device-width, initial-scale=1"
    tags = dict(parsed.tags)
    assert {"header", "nav", "main"} <= set(tags)
    assert tags["html"] == {"lang": "en"}
    assert _block(parsed, "label", **{"for": "search"}) == "Search quotes and themes"
    assert _block(parsed, "a", **{"class": "skip", "id": "skip", "href": "#main"})
    assert "@media (max-width:" in _block(parsed, "style")
    assert ":focus-visible" in _block(parsed, "style")


def test_the_data_is_embedded_once_and_reads_back_the_same(kverme_page: str) -> None:
    graph = load_graph("kverme2019")
    text = _block(_parse(kverme_page), "script", id="data", type="application/json")
    assert json.loads(text) == page_data(graph)
    assert kverme_page.count(text) == 1
    assert kverme_page.count("Group therapy probably helped me the most") == 1


def test_the_data_holds_the_theme_tree_and_every_quote_under_it(graph: EvidenceGraph) -> None:
    data = page_data(graph)
    themes = {theme["id"]: theme for theme in data["themes"]}
    top = themes["moving-toward-connectedness"]
    assert [themes[child]["label"] for child in top["children"]] == [
        "Learning to Hold One’s Own",
        "Needing Honesty and Genuine Mutuality",
        "Daring to Belong",
        "Making Room for Recovery",
    ]
    for row in queries.quotes_for_theme(graph, "moving toward connectedness"):
        assert row.quote_id in themes[row.theme.rpartition("/")[2]]["quotes"]
    [study] = data["studies"]
    assert study["themes"] == ["moving-toward-connectedness"]
    assert study["samples"] == ["kverme2019-participants"]
    assert len(study["criteria"]) == 4
    assert data["folds"] == [list(rule) for rule in FOLDS]


def test_the_chains_mappings_and_citations_are_the_questions_answers(
    literature: EvidenceGraph,
) -> None:
    data = page_data(literature)
    for claim in data["claims"]:
        rows = [row for row in queries.evidence_for(literature, claim["id"]) if row.evidence]
        assert [step[1] for step in claim.get("evidence", [])] == [
            literature.graph.nodes[row.evidence]["id"] for row in rows
        ]
    mapped = {row.mapping_id for row in queries.mapped_to(literature)}
    assert {mapping["id"] for mapping in data["mappings"]} == mapped
    justified = {m["id"]: (m["relation"], m["justification"]) for m in data["mappings"]}
    for row in queries.mapped_to(literature):
        assert justified[row.mapping_id] == (row.relation.value, row.justification)
    for work in data["works"]:
        rows = queries.cited_works(literature, work["id"])
        expected = {(literature.graph.nodes[row.cited]["id"], row.intent.value) for row in rows}
        found = {(cited, intent) for cited, intents in work.get("cites", []) for intent in intents}
        assert found == expected


def test_hostile_text_stays_in_its_block(write_study: WriteStudy) -> None:
    path = write_study(explorer_study(), "hostile.json")
    graph = load_graph("kverme2019", path)
    page = explore(graph, title="</title><script>alert(4)</script>")
    assert page.count("<script") == 2
    assert page.count("</script>") == 2
    assert "<!--" not in page
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(4)&lt;/script&gt;</title>" in page
    parsed = _parse(page)
    data = json.loads(_block(parsed, "script", id="data", type="application/json"))
    [quote] = [quote for quote in data["quotes"] if quote["id"] == "hostile-quote"]
    assert quote["text"] == EXPLORER_HOSTILE
    assert quote["participant"] == "p1"
    assert quote["subgroup"] == "hostile-recovered"


def test_interview_transcripts_are_never_written(write_study: WriteStudy) -> None:
    path = write_study(explorer_study(), "hostile.json")
    graph = load_graph(path)
    assert graph.get("hostile-paper").text == TRANSCRIPT  # type: ignore[attr-defined]
    page = explore(graph)
    assert "PRIVATE" not in page
    assert TRANSCRIPT not in json.dumps(page_data(graph))


def test_the_same_sources_in_any_order_give_the_same_bytes() -> None:
    first = explore(load_graph(*LITERATURE))
    assert explore(load_graph(*reversed(LITERATURE))) == first
    assert explore(load_graph(*LITERATURE)) == first


def test_json_in_a_script_block_cannot_close_it_or_open_a_comment() -> None:
    text = page_json({"a": "</script>", "b": "<!--", "c": "</SCRIPT >"})
    assert "<" not in text
    assert json.loads(text) == {"a": "</script>", "b": "<!--", "c": "</SCRIPT >"}


def test_the_command_writes_the_page_and_says_so(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "site.html"
    done = cli("explore", "kverme2019", "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert (
        done.stderr
        == f"wrote the explorer page of 1 study ({target.stat().st_size:,} bytes) to {target}\n"
    )
    assert target.read_text("utf-8") == explore(load_graph("kverme2019"))


def test_the_command_writes_to_standard_output_without_o(cli: Cli) -> None:
    done = cli("explore", "--title", "Kverme & co")
    assert done.returncode == 0, done.stderr
    assert done.stdout == explore(load_graph("kverme2019"), title="Kverme & co")
    assert "<title>Kverme &amp; co</title>" in done.stdout


def test_the_command_refuses_an_unwritable_file(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "site.html"
    done = cli("explore", "kverme2019", "-o", str(target))
    assert done.returncode == 2
    assert (
        done.stderr == f"error: {target}: cannot write: the folder {target.parent} does not exist\n"
    )
    assert not target.parent.exists()


def test_the_command_refuses_a_missing_source(cli: Cli, tmp_path: Path) -> None:
    done = cli("explore", str(tmp_path / "nowhere.yaml"), "-o", str(tmp_path / "site.html"))
    assert done.returncode == 2
    assert re.match(r"error: .*nowhere\.yaml", done.stderr)
    assert not (tmp_path / "site.html").exists()


def test_the_benchmark_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """The benchmark of the page cannot rot: a run on two studies prints its table (no timing)."""
    assert explorer_benchmark.main(["--studies", "2", "--runs", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert re.fullmatch(r"explorer page of 2 studies, \d+ quotes", lines[0])
    assert [line.split()[0] for line in lines[2:]] == ["json-dumps", "page-data", "page"]
    assert lines[2].split()[2] == "1.00"


def test_a_corpus_makes_the_same_page_and_a_title_needs_words(cli: Cli, tmp_path: Path) -> None:
    assert explore(load("kverme2019")) == explore(load_graph("kverme2019"))
    with pytest.raises(ValueError, match="title: '  ': expected some words"):
        explore(load_graph("kverme2019"), title="  ")
    done = cli("explore", "--title", " ", "-o", str(tmp_path / "site.html"))
    assert done.returncode == 2
    assert done.stderr == "error: --title: the page's title is empty; give it some words\n"
    assert list(tmp_path.iterdir()) == []
