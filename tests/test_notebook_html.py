"""What a notebook shows of a graph and of an answer: well-formed HTML, every text escaped."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest
from cases import KVERME_CASES, LITERATURE_CASES, drawn_cases
from helpers import LITERATURE, examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import corpora

from evidence_graph import Corpus, EvidenceGraph, QueryError, ask, load, load_graph, queries
from evidence_graph.display import SHOWN_ROWS
from evidence_graph.queries import Rows
from evidence_graph.queries.rows import QuoteRow

HOSTILE = "<script>alert(\"x\")</script> & 'q' </td> 😀"
VOID = {"br", "hr", "img", "input", "meta", "link"}


class _Page(HTMLParser):
    """Checks that every element is closed in order, and keeps the text and the tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, _attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open, f"</{tag}> closes nothing"
        assert self.open.pop() == tag, f"</{tag}> closes another element"

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parsed(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    assert page.open == []
    return page


def _hostile_graph() -> EvidenceGraph:
    corpus = load("kverme2019")
    theme = corpus.themes[1].model_copy(update={"label": HOSTILE})
    study = corpus.studies[0].model_copy(update={"label": HOSTILE + " study"})
    return EvidenceGraph.from_corpus(
        corpus.model_copy(
            update={"themes": [corpus.themes[0], theme, *corpus.themes[2:]], "studies": [study]}
        )
    )


def test_a_graph_shows_its_counts_and_theme_tree() -> None:
    graph = load_graph("kverme2019", "bpd-literature")
    page = _parsed(graph._repr_html_())
    text = "".join(page.text)
    assert f"{len(graph)} nodes" in text
    for study in graph.studies():
        assert (study.label or study.id) in text
    for theme in graph.themes():
        assert theme.label in text
    assert "script" not in page.tags
    assert "(1 quote)" in text


def test_hostile_labels_are_text_never_markup() -> None:
    html = _hostile_graph()._repr_html_()
    page = _parsed(html)
    assert "script" not in page.tags
    assert HOSTILE in "".join(page.text)
    assert "<script>" not in html


def test_an_answer_is_a_table_of_its_fields() -> None:
    rows = queries.quotes_for_theme(load_graph("kverme2019"), "moving toward connectedness")
    page = _parsed(rows._repr_html_())
    assert page.tags.count("th") == len(QuoteRow.model_fields)
    assert page.tags.count("tr") == len(rows) + 1
    text = "".join(page.text)
    assert rows[0].text in text
    assert rows[0].role.value in text


def test_a_hostile_answer_is_escaped_and_a_long_one_cut() -> None:
    rows = queries.quotes_for_theme(load_graph("kverme2019"), "moving toward connectedness")
    hostile = rows[0].model_copy(update={"text": HOSTILE})
    many = Rows(QuoteRow, [hostile] * (SHOWN_ROWS + 7))
    html = many._repr_html_()
    page = _parsed(html)
    assert "script" not in page.tags
    assert page.tags.count("tr") == SHOWN_ROWS + 1
    assert "… and 7 more rows (57 in all)" in "".join(page.text)
    assert "".join(page.text).count(HOSTILE) == SHOWN_ROWS


@pytest.mark.parametrize("question", ["most_cited", "co_citations"])
def test_an_empty_or_short_answer_has_its_header(question: str) -> None:
    rows = getattr(queries, question)(load_graph("kverme2019"))
    page = _parsed(rows._repr_html_())
    assert page.tags.count("th") == len(rows.row.model_fields)
    assert "more row" not in "".join(page.text)


def _checked_table(rows: Rows[Any]) -> None:
    """The answer is a well-formed table: its fields as the header, a line for each row shown."""
    page = _parsed(rows._repr_html_())
    assert page.tags.count("th") == len(rows.row.model_fields)
    assert page.tags.count("tr") == min(len(rows), SHOWN_ROWS) + 1
    assert "script" not in page.tags


@pytest.mark.parametrize(
    ("sources", "name", "parameters"),
    [(("kverme2019",), *case) for case in KVERME_CASES]
    + [(LITERATURE, *case) for case in LITERATURE_CASES],
)
def test_every_question_s_answer_is_a_table(
    sources: tuple[str, ...], name: str, parameters: dict[str, str]
) -> None:
    _checked_table(ask(load_graph(*sources), name, parameters))


@given(corpus=corpora(), data=st.data())
@settings(max_examples=examples(20), deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_generated_corpora_show_well_formed_html(corpus: Corpus, data: st.DataObject) -> None:
    graph = EvidenceGraph.from_corpus(corpus)
    page = _parsed(graph._repr_html_())
    assert "script" not in page.tags
    for name, parameters in drawn_cases(graph, data):
        try:
            rows = ask(graph, name, parameters)
        except QueryError:  # a drawn parameter that names nothing
            continue
        _checked_table(rows)


def test_a_graph_shows_the_same_in_any_load_order() -> None:
    sources = [
        "bpd-literature",
        "examples/studies/ng2019.yaml",
        "examples/studies/katsakou2012.yaml",
    ]
    first = load_graph(*sources)._repr_html_()
    assert first == load_graph(*reversed(sources))._repr_html_()
    assert first.index("katsakou2012") < first.index("kverme2019") < first.index("ng2019")


def test_an_empty_answer_says_so() -> None:
    rows = ask(load_graph("kverme2019"), "search-quotes", {"text": "no such words at all"})
    assert rows == []
    assert rows._repr_html_().endswith("<p>no rows</p>")


def test_a_large_graph_and_long_cells_are_cut() -> None:
    corpus = load("kverme2019")
    long = corpus.quotes[0].model_copy(update={"text": "w" * 5000})
    graph = EvidenceGraph.from_corpus(
        corpus.model_copy(update={"quotes": (long, *corpus.quotes[1:])})
    )
    table = ask(graph, "search-quotes", {"text": "www"})._repr_html_()
    assert "w" * 1000 + "… (4,000 more characters)" in table
    assert repr(graph) == "EvidenceGraph(35 nodes, 71 edges)"


def test_a_graph_shows_its_first_studies_and_themes_and_says_how_many(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    graph = load_graph("kverme2019")
    monkeypatch.setattr("evidence_graph.graph.SHOWN_THEMES", 2)
    shown = graph._repr_html_()
    assert shown.count("<li>") == 2
    assert "<p>… 5 themes in all</p>" in shown
    monkeypatch.setattr("evidence_graph.graph.SHOWN_STUDIES", 0)
    assert "<p>… and 1 more study (1 in all)</p>" in graph._repr_html_()
