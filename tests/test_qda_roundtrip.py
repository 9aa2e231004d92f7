"""A ``.qdpx`` written from a corpus and read back gives the same themes, quotes, speakers,
coders and memos.

The corpus is ``tests/data/qda/coded-study.yaml``: two coders (one span coded by both), a
grouping, colours, characteristics, memos about a theme, a quote, a work, the study and a
participant, text outside the Basic Multilingual Plane before the coded spans, and quotes
without a position. Entities are compared by what they say (labels, texts, names), since a
project read back names them by the project's names.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_graph import Corpus, EvidenceGraph, load, to_qdpx
from evidence_graph.models import MAX_LEVELS, Coder, Quote, Theme, Work

CODED = Path(__file__).parent / "data" / "qda" / "coded-study.yaml"


def _themes(corpus: Corpus) -> set[tuple[object, ...]]:
    labels = {theme.id: theme.label for theme in corpus.themes}
    return {
        (
            theme.label,
            labels.get(theme.parent or ""),
            theme.definition,
            theme.color,
            theme.kind.value if theme.kind is not None and theme.kind.value == "grouping" else None,
        )
        for theme in corpus.themes
    }


def _quotes(corpus: Corpus) -> set[tuple[object, ...]]:
    graph = EvidenceGraph.from_corpus(corpus)
    return {
        (
            quote.text,
            frozenset(graph.get(theme, Theme).label for theme in quote.themes),
            quote.speaker,
            graph.get(quote.coded_by, Coder).name if quote.coded_by is not None else None,
            quote.coded_at,
            graph.get(quote.read_in, Work).title,
        )
        for quote in corpus.quotes
    }


def _about(graph: EvidenceGraph, ref: str) -> str:
    entity = graph.get(ref)
    if isinstance(entity, Theme):
        return f"theme {entity.label}"
    if isinstance(entity, Quote):
        return f"quote {entity.text}"
    if isinstance(entity, Work):
        return f"work {entity.title}"
    return f"{entity.node_kind.value}"


def _memos(corpus: Corpus) -> set[tuple[object, ...]]:
    graph = EvidenceGraph.from_corpus(corpus)
    return {
        (
            memo.text,
            memo.title,
            graph.get(memo.written_by, Coder).name if memo.written_by is not None else None,
            memo.created,
            frozenset(_about(graph, ref) for ref in memo.about),
        )
        for memo in corpus.memos
    }


@pytest.fixture(scope="module")
def written() -> Corpus:
    return load(CODED)


@pytest.mark.parametrize("include_sources", [False, True], ids=["redacted", "with-sources"])
def test_a_written_project_reads_back_the_same(
    written: Corpus, tmp_path: Path, include_sources: bool
) -> None:
    path = tmp_path / "coded.qdpx"
    path.write_bytes(to_qdpx(written, include_sources=include_sources))
    read = load(path)
    assert _themes(read) == _themes(written)
    assert _quotes(read) == _quotes(written)
    assert {coder.name for coder in read.coders} == {"Kari Nordmann", "Lars Holm"}
    # A case has no place for a note: the memo about a participant comes back about nothing.
    expected = {
        (text, title, writer, created, frozenset() if about == {"participant"} else about)
        for text, title, writer, created, about in _memos(written)
    }
    assert _memos(read) == expected
    anna = next(work for work in read.works if work.title == "Interview with Anna 🌱")
    original = next(work for work in written.works if work.id == "interview-anna")
    assert (anna.text == original.text) is include_sources


def test_a_theme_tree_as_deep_as_a_corpus_allows_reads_back(tmp_path: Path) -> None:
    themes = [
        {"id": f"t{level}", "study": "deep", "label": f"Level {level}"}
        | ({"parent": f"t{level - 1}"} if level > 1 else {})
        for level in range(1, MAX_LEVELS + 1)
    ]
    corpus = Corpus.model_validate(
        {
            "works": [{"id": "w", "type": "report", "title": "Deep"}],
            "studies": [{"id": "deep", "design": "qualitative", "reported_in": ["w"]}],
            "themes": themes,
        }
    )
    path = tmp_path / "deep.qdpx"
    path.write_bytes(to_qdpx(corpus))
    assert _themes(load(path)) == _themes(corpus)


def test_quotes_of_one_place_by_one_coder_or_none_stay_apart(tmp_path: Path) -> None:
    """Only the codings of several coders share a selection; other quotes keep their own."""
    quote = {"study": "s", "text": "It helped.", "read_in": "w", "appears_in": "w"}
    corpus = Corpus.model_validate(
        {
            "works": [{"id": "w", "type": "report", "title": "Interview"}],
            "studies": [{"id": "s", "design": "qualitative", "reported_in": ["w"]}],
            "themes": [
                {"id": "a", "study": "s", "label": "A"},
                {"id": "b", "study": "s", "label": "B"},
            ],
            "quotes": [
                {**quote, "id": "q1", "themes": ["a"]},
                {**quote, "id": "q2", "themes": ["b"]},
                {**quote, "id": "q3", "themes": ["a"], "position": {"start": 0, "end": 10}},
                {**quote, "id": "q4", "themes": ["b"], "position": {"start": 0, "end": 10}},
            ],
        }
    )
    path = tmp_path / "apart.qdpx"
    path.write_bytes(to_qdpx(corpus))
    read = load(path)
    themes = {quote.id: (quote.text, quote.themes) for quote in read.quotes}
    assert themes == {quote.id: (quote.text, quote.themes) for quote in corpus.quotes}


def test_a_characteristic_of_many_digits_reads_back(tmp_path: Path) -> None:
    corpus = Corpus.model_validate(
        {
            "works": [{"id": "w", "type": "report", "title": "Interview"}],
            "studies": [{"id": "s", "design": "qualitative", "reported_in": ["w"]}],
            "participants": [
                {
                    "id": "p1",
                    "study": "s",
                    "name": "P1",
                    "characteristics": [{"name": "Record", "value": 10**30}],
                }
            ],
        }
    )
    path = tmp_path / "digits.qdpx"
    path.write_bytes(to_qdpx(corpus))
    [person] = load(path).participants
    assert [(trait.name, trait.value) for trait in person.characteristics] == [("Record", 10**30)]
