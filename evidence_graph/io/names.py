"""People's names as bylines write them, and when two bylines name one person.

A byline writes a name as "Mark F. Lenzenweger", "Lenzenweger, Mark F.", "M. F. Lenzenweger",
"Lenzenweger MF" (PubMed) or just "Lenzenweger". :func:`parse_name` reads each into a family name
and given names; :func:`same_person` says whether two people are one: by ORCID iD where both
have one, else by their family name and compatible given names or initials.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from evidence_graph.folding import fold
from evidence_graph.io.values import strip_markup
from evidence_graph.models import Person

__all__ = [
    "PARTICLES",
    "PersonName",
    "compatible_names",
    "parse_name",
    "person_name",
    "same_person",
]

PARTICLES = frozenset(
    {"van", "von", "de", "der", "den", "del", "della", "di", "da", "du", "le", "la", "dos"}
    | {"das", "ter", "ten", "af", "zu", "bin", "al", "el", "st"}
)
"""Words that, in lower case inside a name, begin its family name: "Vincent van Gogh"."""

_GIVEN_PART = re.compile(r"[^\W\d_]+\.?", re.UNICODE)
_INITIALS = re.compile(r"[A-Z]{1,3}")
_NOT_A_WORD = re.compile(r"[^\w\s]|_")


@dataclass(frozen=True, slots=True)
class PersonName:
    """A name read from a byline: the family name and each given name or initial, in order.

    Attributes:
        family: The family name, particles included, e.g. ``van Gogh``.
        given: The given names and initials, e.g. ``("Mark", "F")``; empty when not given.
    """

    family: str
    given: tuple[str, ...] = ()

    @property
    def initials(self) -> str:
        """The first letter of each given name, folded, e.g. ``mf``."""
        return "".join(fold(part)[0] for part in self.given)


def parse_name(text: str) -> PersonName:
    """Return the family name and given names of a name as a byline writes it.

    Examples:
        >>> parse_name("Lenzenweger, Mark F.")
        PersonName(family='Lenzenweger', given=('Mark', 'F'))
        >>> parse_name("M. F. Lenzenweger") == parse_name("M.F. Lenzenweger")
        True
        >>> parse_name("Lenzenweger MF")
        PersonName(family='Lenzenweger', given=('M', 'F'))
        >>> parse_name("Vincent van Gogh")
        PersonName(family='van Gogh', given=('Vincent',))
        >>> parse_name("Lenzenweger")
        PersonName(family='Lenzenweger', given=())
    """
    clean = " ".join(strip_markup(text).split())
    if "," in clean:
        family, _, given = clean.partition(",")
        return PersonName(family.strip(), _given(given))
    tokens = clean.split(" ")
    if len(tokens) == 1:
        return PersonName(clean)
    if _INITIALS.fullmatch(tokens[-1]) and not _INITIALS.fullmatch(tokens[0]):
        return PersonName(" ".join(tokens[:-1]), tuple(tokens[-1]))
    start = next(
        (
            index
            for index, token in enumerate(tokens[1:-1], start=1)
            if token in PARTICLES  # lower case: "De Vries" as a given name stays given
        ),
        len(tokens) - 1,
    )
    return PersonName(" ".join(tokens[start:]), _given(" ".join(tokens[:start])))


def _given(text: str) -> tuple[str, ...]:
    """Split given names into names and initials, without their dots: ``J.-P.`` is J, P."""
    return tuple(part.rstrip(".") for part in _GIVEN_PART.findall(text))


def _family_words(family: str) -> tuple[str, ...]:
    return tuple(_NOT_A_WORD.sub(" ", fold(family).replace("'", "")).split())


def compatible_names(first: PersonName, second: PersonName) -> bool:
    """Return whether two names may be one person's: one family name, given names that agree.

    Family names agree when their words do, whatever the case, accents and punctuation. Given
    names are compared in order as far as the shorter list goes: an initial agrees with a name
    of its letter, two full names must be the same. A name without given names agrees with any.

    Examples:
        >>> compatible_names(parse_name("Lenzenweger"), parse_name("Mark F. Lenzenweger"))
        True
        >>> compatible_names(parse_name("M. F. Lenzenweger"), parse_name("Lenzenweger, Mark"))
        True
        >>> compatible_names(parse_name("Mark F. Lenzenweger"), parse_name("Michael Lenzenweger"))
        False
        >>> compatible_names(parse_name("Søren Førde"), parse_name("S. Forde"))
        True
    """
    if _family_words(first.family) != _family_words(second.family):
        return False
    for mine, theirs in zip(first.given, second.given, strict=False):
        a, b = fold(mine), fold(theirs)
        if a[0] != b[0]:
            return False
        if len(a) > 1 and len(b) > 1 and a != b:
            return False
    return True


def person_name(person: Person) -> PersonName:
    """Return a person's name: the family and given names where given, else the name parsed."""
    if person.family_name:
        given = _given(person.given_name) if person.given_name else parse_name(person.name).given
        return PersonName(person.family_name, given)
    return parse_name(person.name)


def same_person(first: Person, second: Person) -> bool:
    """Return whether two records of people name one person.

    Two people with ORCID iDs are one if the iDs are one, whatever their names. Otherwise
    their names decide (:func:`compatible_names`).

    Examples:
        >>> same_person(Person(id="a", name="Lenzenweger"), Person(id="b", name="M. Lenzenweger"))
        True
        >>> same_person(
        ...     Person(id="a", name="Mark Lenzenweger", orcid="0000-0002-1825-0097"),
        ...     Person(id="b", name="Mark Lenzenweger", orcid="0000-0001-5109-3700"),
        ... )
        False
    """
    if first.orcid and second.orcid:
        return first.orcid == second.orcid
    return compatible_names(person_name(first), person_name(second))
