"""Searching folded texts as one: an item is found exactly when its folded text holds the words."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from evidence_graph.queries import fold
from evidence_graph.queries.searching import FoldedTexts

TEXTS = st.text(
    alphabet=st.sampled_from(
        ["a", "b", "é", "Ø", "’", "'", "\x00", "\u00a0", " ", "😀", "\ud800", "ß", "א"]
    ),
    max_size=12,
)


@given(texts=st.lists(TEXTS, max_size=8), words=TEXTS.filter(bool))
def test_the_items_found_are_those_whose_folded_text_holds_the_words(
    texts: list[str], words: str
) -> None:
    wanted = fold(words)
    searched = FoldedTexts(enumerate(texts))
    assert list(searched.containing(wanted)) == [
        index for index, text in enumerate(texts) if wanted in fold(text)
    ]


def test_words_found_across_two_texts_are_not_found() -> None:
    searched = FoldedTexts([(1, "the end"), (2, "of it")])
    assert list(searched.containing("end of")) == []
    assert list(searched.containing("end\x00of")) == []
    assert list(searched.containing("the end")) == [1]
    assert list(searched.containing("of it")) == [2]
