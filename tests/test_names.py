"""People's names (``io.names``): bylines read in every form, and when two name one person."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evidence_graph import Person
from evidence_graph.io import PersonName, compatible_names, parse_name, same_person

ORCID = "0000-0002-1825-0097"
OTHER_ORCID = "0000-0001-5109-3700"


@pytest.mark.parametrize(
    "text",
    [
        "Mark F. Lenzenweger",
        "Lenzenweger, Mark F.",
        "Lenzenweger, Mark F",
        "Mark F Lenzenweger",
        "  Mark   F.  Lenzenweger ",
    ],
)
def test_the_forms_of_one_name_read_alike(text: str) -> None:
    assert parse_name(text) == PersonName("Lenzenweger", ("Mark", "F"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("M. F. Lenzenweger", PersonName("Lenzenweger", ("M", "F"))),
        ("M.F. Lenzenweger", PersonName("Lenzenweger", ("M", "F"))),
        ("Lenzenweger MF", PersonName("Lenzenweger", ("M", "F"))),
        ("Lenzenweger", PersonName("Lenzenweger")),
        ("Vincent van Gogh", PersonName("van Gogh", ("Vincent",))),
        ("van Gogh, Vincent", PersonName("van Gogh", ("Vincent",))),
        ("Maria de la Cruz", PersonName("de la Cruz", ("Maria",))),
        ("Jean-Paul Sartre", PersonName("Sartre", ("Jean", "Paul"))),
        ("J.-P. Sartre", PersonName("Sartre", ("J", "P"))),
        (r"Eli Natvik F{\o}rde", PersonName("Førde", ("Eli", "Natvik"))),
    ],
)
def test_names_are_read_as_bylines_write_them(text: str, expected: PersonName) -> None:
    assert parse_name(text) == expected


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("Lenzenweger", "Lenzenweger, Mark F.", True),
        ("Lenzenweger, Mark F.", "M. F. Lenzenweger", True),
        ("M. F. Lenzenweger", "Mark F. Lenzenweger", True),
        ("Lenzenweger MF", "Mark F. Lenzenweger", True),
        ("Mark Lenzenweger", "Mark F. Lenzenweger", True),
        ("LENZENWEGER, Mark", "lenzenweger, mark f.", True),
        ("Søren Førde", "Soren Forde", True),
        ("Mark F. Lenzenweger", "Michael Lenzenweger", False),
        ("M. F. Lenzenweger", "R. C. Lenzenweger", False),
        ("Mark F. Lenzenweger", "Mark F. Kessler", False),
        ("Vincent van Gogh", "Vincent Gogh", False),
    ],
)
def test_compatible_names(first: str, second: str, *, expected: bool) -> None:
    assert compatible_names(parse_name(first), parse_name(second)) is expected
    assert compatible_names(parse_name(second), parse_name(first)) is expected


def test_an_orcid_overrides_names() -> None:
    mark = Person(id="a", name="Mark F. Lenzenweger", orcid=ORCID)
    assert not same_person(mark, Person(id="b", name="Mark F. Lenzenweger", orcid=OTHER_ORCID))
    assert same_person(mark, Person(id="b", name="Michael Lane", orcid=ORCID))
    assert same_person(mark, Person(id="b", name="Lenzenweger"))  # one iD only: names decide
    assert not same_person(mark, Person(id="b", name="Michael Lenzenweger"))


def test_the_family_and_given_names_a_record_gives_are_used() -> None:
    # A name field that reads otherwise: the record's own family and given names decide.
    person = Person(id="a", name="Lenzenweger Mark", family_name="Lenzenweger", given_name="Mark")
    assert same_person(person, Person(id="b", name="M. Lenzenweger"))
    assert not same_person(person, Person(id="b", name="Michael Lenzenweger"))


_WORD = st.from_regex(r"[A-Z][a-zà-öø-ÿ]{1,9}", fullmatch=True).filter(
    lambda word: word.lower() not in {"van", "von", "de", "der", "den", "del", "la", "le"}
)


@given(family=_WORD, given_names=st.lists(_WORD, min_size=1, max_size=3))
def test_family_first_and_given_first_read_alike(family: str, given_names: list[str]) -> None:
    given_first = parse_name(" ".join([*given_names, family]))
    family_first = parse_name(f"{family}, {' '.join(given_names)}")
    assert given_first == family_first == PersonName(family, tuple(given_names))


@given(family=_WORD, given_names=st.lists(_WORD, min_size=1, max_size=3), dots=st.booleans())
def test_initials_are_compatible_with_the_names_they_begin(
    family: str, given_names: list[str], *, dots: bool
) -> None:
    initials = " ".join(name[0] + ("." if dots else "") for name in given_names)
    full = parse_name(f"{' '.join(given_names)} {family}")
    assert compatible_names(parse_name(f"{initials} {family}"), full)
    assert compatible_names(parse_name(family), full)


@given(first=st.text(min_size=1, max_size=30), second=st.text(min_size=1, max_size=30))
def test_compatibility_is_symmetric(first: str, second: str) -> None:
    one, other = parse_name(first), parse_name(second)
    assert compatible_names(one, other) == compatible_names(other, one)


@given(name=st.text(min_size=1, max_size=30).filter(str.strip))
def test_two_different_orcids_are_never_one_person(name: str) -> None:
    first = Person(id="a", name=name, orcid=ORCID)
    assert not same_person(first, Person(id="b", name=name, orcid=OTHER_ORCID))
    assert same_person(first, Person(id="b", name=name, orcid=ORCID))
