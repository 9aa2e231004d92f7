"""The drawings: what each shows, that they are laid out without overlap, and the same each time."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from cases import DRAWN, HOSTILE, SECOND_STUDY
from helpers import SVG, XLINK, dot_program, svg_texts

import evidence_graph as eg
from evidence_graph.display import visible
from evidence_graph.draw import Drawing
from evidence_graph.draw.labels import INK, PALETTE, TINTS
from evidence_graph.draw.render import run_dot

KVERME_SUBTHEMES = (
    "Learning to Hold One’s Own",
    "Needing Honesty and Genuine Mutuality",
    "Daring to Belong",
    "Making Room for Recovery",
)


@pytest.fixture(scope="module")
def dot() -> str:
    """The path of Graphviz's ``dot``; skips without it (fails where CI is set)."""
    return dot_program()


@pytest.fixture(scope="module")
def literature() -> eg.EvidenceGraph:
    return eg.load_graph("bpd-literature")


@pytest.fixture(scope="module")
def second(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("second") / "second.json"
    path.write_text(json.dumps(SECOND_STUDY), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def mixed(second: Path) -> eg.EvidenceGraph:
    return eg.load_graph("bpd-literature", second, "examples/studies/ng2019.yaml")


def words(drawing: Drawing) -> str:
    """The drawing's source with its labels' line breaks as spaces."""
    return drawing.source.replace("<BR/>", " ")


def drawings(graph: eg.EvidenceGraph) -> Iterator[Drawing]:
    for name, parameters in DRAWN.items():
        yield eg.draw.make(graph, name, parameters)


@pytest.mark.usefixtures("dot")
def test_the_kverme_theme_tree_shows_its_themes_counts_and_study() -> None:
    svg = eg.draw.themes(eg.load_graph("kverme2019")).render("svg")
    texts = svg_texts(svg)
    for number, label in enumerate(KVERME_SUBTHEMES, start=1):
        assert f"{number}. {label}" in " ".join(texts)
    assert "Moving Toward Connectedness" in texts
    assert "0 quotes here, 4 with sub-themes" in texts
    assert "1 quote (1 contrasting)" in texts
    assert texts.count("1 quote") == 3
    assert any("12 female participants" in text for text in texts)
    assert b'xlink:href="https://doi.org/10.3389/fpsyg.2019.00430"' in svg


def test_stages_groupings_subgroups_and_colours_are_drawn(mixed: eg.EvidenceGraph) -> None:
    source = words(eg.draw.themes(mixed, "second"))
    assert "stage 1 of 3" in source
    assert "stage 3 of 3" in source
    assert "ordered grouping" in source
    assert source.count("class=then") == 2
    assert "rounded,filled,dashed" in source  # the grouping's border
    assert "by subgroup: 1 no subgroup, 1 not recovered, 1 recovered" in source
    assert "3 quotes (1 contrasting)" in source
    assert 'BGCOLOR="#CC79A7"' in source  # the theme's own colour, beside its words


def test_the_evidence_chain_runs_from_claim_to_work(literature: eg.EvidenceGraph) -> None:
    source = words(eg.draw.evidence(literature, "finding-daring-to-belong"))
    nodes = dict(re.findall(r"\t(n\d+) \[label=<(.*?)>[ \]]", source))
    edges = re.findall(r"\t(n\d+) -> (n\d+) \[label=<(.*?)>[ \]]", source)
    chain = [
        ("group therapy offered a sanctuary", "supporting"),
        ("Group therapy probably helped me the most", "coded under"),
        ("3. Daring to Belong", "theme of"),
        ("Recovery processes for people with", "reported in"),
    ]
    for (text, relation), (after, _) in zip(chain, [*chain[1:], ("doi:10.3389", "")], strict=True):
        [(_, _, said)] = [
            edge for edge in edges if text in nodes[edge[0]] and after in nodes[edge[1]]
        ]
        assert relation in said


def test_a_claim_with_works_as_evidence_and_one_without(literature: eg.EvidenceGraph) -> None:
    works = eg.draw.evidence(literature, "bpd-prevalence-1-to-2-percent").source
    assert works.count(">evidence</FONT>") == 3
    none = eg.draw.evidence(literature, "bpd-suicidality").source
    assert "no evidence is given for it" in none


def test_mappings_carry_their_relation_and_justification(literature: eg.EvidenceGraph) -> None:
    source = eg.draw.mappings(literature).source
    mappings = list(literature.mappings())
    assert source.count('class="mapping ') == len(mappings) == 7
    for mapping in mappings:
        tooltip = mapping.justification.replace('"', '\\"')
        assert f'tooltip="{tooltip}"' in source
    assert "broad match [" in source
    assert "CHIME framework of personal recovery" in source
    kept = eg.draw.mappings(literature, "connectedness").source
    assert kept.count('class="mapping ') == 3


def test_citations_are_sized_by_in_degree_with_their_intents(
    literature: eg.EvidenceGraph,
) -> None:
    source = words(eg.draw.citations(literature))
    assert "discusses, includes quotation from" in source
    assert source.count("cites as evidence") == 3
    assert "cited by 1" in source
    assert "Citations among 5 of the 16 works" in source
    assert "penwidth=1.4" in source
    assert "penwidth=1 " in source or "penwidth=1]" in source


@pytest.mark.usefixtures("dot")
def test_stages_follow_each_other_in_order(mixed: eg.EvidenceGraph) -> None:
    drawing = eg.draw.themes(mixed, "second")
    layout = json.loads(run_dot(drawing.source, "json"))
    named = {node["_gvid"]: node for node in layout["objects"] if "pos" in node}
    places = {}
    for node in named.values():
        label = node["label"].replace("<BR/>", " ")
        for number in (1, 2, 3):
            if f"stage {number} of 3" in label:
                places[number] = float(node["pos"].split(",")[1])
    assert places[1] > places[2] > places[3]  # top to bottom (y grows upward)
    then = [
        (named[edge["tail"]]["label"], named[edge["head"]]["label"])
        for edge in layout["edges"]
        if edge.get("class") == "then"
    ]
    assert [(tail.count("stage 1"), head.count("stage 2")) for tail, head in then[:1]] == [(1, 1)]
    assert [(tail.count("stage 2"), head.count("stage 3")) for tail, head in then[1:]] == [(1, 1)]


def test_eligibility_says_each_outcome_in_words_and_colour(mixed: eg.EvidenceGraph) -> None:
    profile = eg.Profile(sex="female", age=25, in_treatment=True)
    source = eg.draw.eligibility(mixed, profile).source
    assert "a profile: sex female, age 25, in treatment yes" in source
    for words, tint in (
        ("✓ admits (inclusion)", TINTS["blue"]),
        ("? unknown (inclusion)", TINTS["grey"]),
    ):
        assert words in source
        assert f'BGCOLOR="{tint}"' in source
    for study in ("kverme2019", "ng2019", "second"):
        assert f"<B>{study}</B>" in source
    excluded = eg.draw.eligibility(mixed, eg.Profile(in_treatment=False)).source
    assert "✗ excludes (inclusion)" in excluded
    assert f'BGCOLOR="{TINTS["vermillion"]}"' in excluded


def test_colours_are_from_the_colour_blind_safe_palette(mixed: eg.EvidenceGraph) -> None:
    allowed = {*PALETTE.values(), *TINTS.values(), INK, "white", "#CC79A7"}
    for drawing in drawings(mixed):
        used = set(
            re.findall(r'(?:color|BGCOLOR|fillcolor)="?(#[0-9A-Fa-f]{6}|white)', drawing.source)
        )
        assert used <= allowed, (drawing.name, used - allowed)


@pytest.mark.usefixtures("dot")
@pytest.mark.parametrize("name", list(DRAWN))
def test_nothing_overlaps_and_labels_wrap(name: str, mixed: eg.EvidenceGraph) -> None:
    drawing = eg.draw.make(mixed, name, DRAWN[name])
    layout = json.loads(run_dot(drawing.source, "json"))
    boxes = [_box(node) for node in layout.get("objects", []) if "pos" in node]
    assert boxes
    for first, other in combinations(boxes, 2):
        assert not _overlap(first, other), (name, first, other)
    for edge in layout.get("edges", []):
        if "lp" in edge:
            x, y = map(float, edge["lp"].split(","))
            assert not any(left < x < right and low < y < high for left, low, right, high in boxes)
    longest = max(len(text) for text in svg_texts(drawing.render("svg")))
    assert longest <= 90


def _box(node: dict[str, Any]) -> tuple[float, float, float, float]:
    x, y = map(float, node["pos"].split(","))
    width, height = float(node["width"]) * 72 / 2, float(node["height"]) * 72 / 2
    return x - width, y - height, x + width, y + height


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.usefixtures("dot")
def test_hostile_text_is_shown_as_text(mixed: eg.EvidenceGraph) -> None:
    for drawing in drawings(mixed):
        svg = drawing.render("svg")
        assert b"<script" not in svg
        joined = "".join(svg_texts(svg))
        if drawing.name in {"themes", "evidence", "mappings"}:
            assert "</svg><script>alert(1)</script>" in joined
            assert "\\x1b[31m" in joined
            assert "مرحبا 🙂" in joined
            for escape in ("\\N", "\\G", "\\L", "\\E", "\\T", "\\H", "\\\\"):
                assert escape in joined
    svg = eg.draw.mappings(mixed).render("svg")
    root = ET.fromstring(svg)  # noqa: S314 - Graphviz's own output, no entities
    tooltips = {link.get(f"{XLINK}title") for link in root.iter(f"{SVG}a")}
    assert visible(f"Because {HOSTILE}") in tooltips


@pytest.mark.parametrize("output", ["svg", "png", "pdf", "dot", "html"])
def test_the_same_input_gives_the_same_bytes_in_any_load_order(
    output: str, second: Path, request: pytest.FixtureRequest
) -> None:
    if output != "dot":
        request.getfixturevalue("dot")
    sources: list[str | Path] = ["kverme2019", "bpd-literature", second]
    first = eg.load_graph(*sources)
    again = eg.load_graph(*reversed(sources))
    for name, parameters in DRAWN.items():
        one = eg.draw.make(first, name, parameters).render(output)  # type: ignore[arg-type]
        two = eg.draw.make(again, name, parameters).render(output)  # type: ignore[arg-type]
        assert one == two, name


@pytest.mark.usefixtures("dot")
def test_each_format_is_what_its_suffix_says(tmp_path: Path) -> None:
    drawing = eg.draw.themes(eg.load_graph("kverme2019"))
    magic = {".svg": b"<?xml", ".png": b"\x89PNG", ".pdf": b"%PDF", ".dot": b"digraph"}
    for suffix, start in magic.items():
        assert drawing.save(tmp_path / f"themes{suffix}").read_bytes().startswith(start)
    hostile = Drawing("test", f"A title {HOSTILE}", drawing.source)
    assert "\x1b" not in hostile.render("html").decode()
    assert "\\x1b[31m&lt;/svg&gt;" in hostile.render("html").decode()
    page = drawing.save(tmp_path / "themes.html").read_text(encoding="utf-8")
    assert "default-src 'none'" in page
    assert "<svg" in page
    assert "<?xml" not in page
    assert "Daring to Belong" in page
    assert drawing._repr_svg_().startswith("<svg")


def test_the_source_needs_no_program_but_a_picture_does(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    drawing = eg.draw.themes(eg.load_graph("kverme2019"))
    assert drawing.render("dot").startswith(b"digraph themes {")
    with pytest.raises(eg.MissingProgramError, match=r"needs the program dot.*graphviz"):
        drawing.render("svg")


@pytest.mark.usefixtures("dot")
def test_a_bitmap_graphviz_scales_down_says_so() -> None:
    tall = Drawing("test", "a tall box", "digraph test { a [height=500 width=1] }")
    with pytest.warns(eg.DrawingWarning, match=r"the PNG is scaled down to \d+%"):
        assert tall.render("png").startswith(b"\x89PNG")


@pytest.mark.usefixtures("dot")
def test_formats_are_named_in_any_case_and_checked(tmp_path: Path) -> None:
    drawing = eg.draw.themes(eg.load_graph("kverme2019"))
    assert drawing.render("SVG") == drawing.render("svg")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="one of svg, png, pdf, dot, html, not 'jpg'"):
        drawing.render("jpg")  # type: ignore[arg-type]
    written = drawing.save(tmp_path / "no-suffix", "svg")
    assert written.read_bytes() == drawing.render("svg")


def test_jupyter_shows_the_text_where_graphviz_is_missing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert eg.draw.themes(eg.load_graph("kverme2019"))._repr_svg_() is None


def test_studies_stand_in_order_and_a_doi_is_never_cut(mixed: eg.EvidenceGraph) -> None:
    source = eg.draw.themes(mixed).source
    first, second = (source.index(f"study {name}") for name in ("kverme2019", "ng2019"))
    assert re.search(r"n\d+ -> n\d+ \[style=invis\]", source)
    assert first < second
    cited = eg.draw.citations(eg.load_graph("bpd-literature")).source
    assert "doi:10.1016/s0140-6736(04)16770-6" in cited


def test_a_study_without_a_sample_has_no_sample_column(write_study: Callable[..., Path]) -> None:
    path = write_study(
        {
            "works": [{"id": "w", "type": "journal-article", "title": "W"}],
            "studies": [{"id": "bare", "design": "qualitative", "reported_in": ["w"]}],
        }
    )
    source = eg.draw.eligibility(eg.load_graph(path), eg.Profile(sex="female")).source
    assert "sample None" not in source
    assert "the study reports no sample" in source.replace("<BR/>", " ")
