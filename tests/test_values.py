"""Values of one field (``io.values``): markup stripped, words compared, the fuller one kept."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evidence_graph import WorkType
from evidence_graph.io.values import abbreviates, fullness, strip_markup, words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (r"F{\"o}rde", "Förde"),
        (r"F\"{o}rde", "Förde"),
        (r"{BPD} in \textit{young} people", "BPD in young people"),
        (r"\emph{Hope} \& 50\% of \'{e}l\`eves", "Hope & 50% of élèves"),
        (r"Kvern\aa{}sen and S{\o}ren", "Kvernåsen and Søren"),
        (r"{Pages} 553--564", "Pages 553–564"),
        ("553--564", "553--564"),  # without a brace or backslash, not read as LaTeX
        ("A <i>qualitative</i> study", "A qualitative study"),
        ("Hope &amp; <b>recovery</b>&#8212;a <sc>BPD</sc> study", "Hope & recovery—a BPD study"),
        ("p < 0.05 & more", "p < 0.05 & more"),  # no tag, no entity: text as it is
        ("Plain text, 50% of it", "Plain text, 50% of it"),
    ],
)
def test_markup_is_stripped(text: str, expected: str) -> None:
    assert strip_markup(text) == expected


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "Moving Toward Connectedness – A Qualitative Study",
            "moving toward connectedness: a qualitative study.",
        ),
        ("553-564", "553–564"),
        ("553--564", "553–564"),
        (r"{DSM}-{IV} Personality Disorders", "DSM-IV personality disorders"),
        ("Self-harm in <i>BPD</i>", "Self harm in BPD"),
        ("  Hope,   and  recovery ", "hope and recovery"),
    ],
)
def test_values_that_differ_only_in_form_have_the_same_words(first: str, second: str) -> None:
    assert words(first) == words(second)


@pytest.mark.parametrize(
    ("short", "full", "expected"),
    [
        ("Br J Psychiatry", "British Journal of Psychiatry", True),
        ("Br. J. Psychiatry", "The British Journal of Psychiatry", True),
        ("J Pers Disord", "Journal of Personality Disorders", True),
        ("Lancet", "The Lancet", True),
        ("Front Psychol", "Frontiers in Psychology", True),
        ("Biol Psychiatry", "Biological Psychiatry", True),
        ("Psychol Med", "Psychological Medicine", True),
        ("Br J Psychol", "British Journal of Psychiatry", False),
        ("J Pers Disord", "Journal of Personality Assessment", False),
        ("Lancet Psychiatry", "The Lancet", False),
        ("", "The Lancet", False),
    ],
)
def test_journal_abbreviations(short: str, full: str, *, expected: bool) -> None:
    assert abbreviates(short, full) is expected


def test_the_fuller_value_is_kept_whatever_the_order() -> None:
    cases = [
        (["Br J Psychiatry", "British Journal of Psychiatry"], "British Journal of Psychiatry"),
        (["Lancet", "The Lancet"], "The Lancet"),
        (["553-564", "553–564"], "553–564"),
        (["moving toward hope", "Moving toward hope", "Moving Toward Hope"], "Moving Toward Hope"),
        (["Soren Forde", "Søren Førde"], "Søren Førde"),
        (["A <i>qualitative</i> study", "A qualitative study"], "A qualitative study"),
        (["A study", "A <i>qualitative</i> study"], "A <i>qualitative</i> study"),
        (["Lenzenweger", "M. F. Lenzenweger", "Mark F. Lenzenweger"], "Mark F. Lenzenweger"),
        ([("p",), ("p", "q")], ("p", "q")),
        ([False, True], True),
        ([dt.date(2019, 2, 28), dt.date(2019, 3, 1)], dt.date(2019, 3, 1)),
        ([WorkType.BOOK, WorkType.JOURNAL_ARTICLE], WorkType.JOURNAL_ARTICLE),
    ]
    for values, expected in cases:
        for order in itertools.permutations(values):
            assert max(order, key=fullness) == expected


@given(first=st.text(max_size=20), second=st.text(max_size=20))
def test_two_different_texts_are_never_equally_full(first: str, second: str) -> None:
    # So the value kept never depends on which source came first.
    assert (fullness(first) == fullness(second)) == (first == second)


@given(values=st.lists(st.text(max_size=12), min_size=1, max_size=5))
def test_the_value_kept_does_not_depend_on_the_order(values: list[str]) -> None:
    assert max(values, key=fullness) == max(reversed(values), key=fullness)
