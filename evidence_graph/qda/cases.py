"""A project's cases read as participants, their variables as characteristics and subgroups.

Each case is a participant, named as the project names it. The value of each variable of a
case becomes one of the participant's characteristics, typed as the variable says. A Text or
Boolean variable that every case has, with two or more values of which one at least is shared
by two cases, splits the sample: each value is a subgroup, part of the whole sample, and each
participant is in the subgroup of its value. Where several variables split the sample, their
subgroups would count each participant more than once (the subgroups of a sample add up to at
most its size), so there are none: each participant is in the whole sample, its values kept
as characteristics.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from evidence_graph.display import quoted
from evidence_graph.qda.elements import (
    Ids,
    Malformed,
    boolean,
    guid,
    required,
    target,
    timestamp,
    valued,
)
from evidence_graph.qda.xml import Element

__all__ = ["WHOLE_SAMPLE", "Cases", "read_cases"]

WHOLE_SAMPLE = "cases"
"""The id of the sample of all a project's cases, unless the user names another."""

_VALUES = {
    "Text": "TextValue",
    "Boolean": "BooleanValue",
    "Integer": "IntegerValue",
    "Float": "FloatValue",
    "Date": "DateValue",
    "DateTime": "DateTimeValue",
}
_SPLITTING = ("Text", "Boolean")
_SOURCES = ("TextSource", "PictureSource", "PDFSource", "AudioSource", "VideoSource")
_SELECTIONS = (
    "PlainTextSelection",
    "PictureSelection",
    "PDFSelection",
    "AudioSelection",
    "VideoSelection",
)
_INTEGER = re.compile(r"\s*[+-]?\d{1,4000}\s*")
"""A whole number, as xsd:integer writes one, of fewer digits than Python converts at most."""

Value = str | bool | int | float | dt.date | dt.datetime


@dataclass
class Member:
    """A case: its participant, its variables' values, the sources and selections it names."""

    key: str
    participant: dict[str, Any]
    values: dict[str, tuple[Value, str]] = field(default_factory=dict)
    """Each variable's value, and the value as the project writes it, by the variable's name."""
    sources: set[str] = field(default_factory=set)
    selections: set[str] = field(default_factory=set)


@dataclass
class Cases:
    """The participants and samples of a project's cases, and which case said what.

    Attributes:
        participants: The participants, as a study file has them.
        samples: The whole sample (unless the user named one) and its subgroups.
        members: Each case, in the project's order.
    """

    participants: list[dict[str, Any]] = field(default_factory=list)
    samples: list[dict[str, Any]] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)

    def speaker(self, source: str, selection: str) -> dict[str, Any] | None:
        """Return the participant of the one case that covers a selection, else ``None``.

        A case covers a selection that it names (``SelectionRef``), and every selection of a
        source it names (``SourceRef``).
        """
        found = [
            case.participant
            for case in self.members
            if selection in case.selections or source in case.sources
        ]
        return found[0] if len(found) == 1 else None


def read_cases(
    root: Element, study: str, sample: str | None, ids: Ids, index: dict[str, Element]
) -> Cases:
    """Read the cases of a project as participants, and the samples they make.

    Args:
        root: The project's ``Project`` element.
        study: The id of the project's study.
        sample: The id of the whole sample, declared by a study file loaded beside; ``None``
            to declare it here as :data:`WHOLE_SAMPLE`, the size the number of cases.
        ids: The ids taken so far in the project.
        index: Every element of the project with a GUID, by GUID.

    Raises:
        Malformed: If a variable or a case is malformed, or names what the project lacks.
    """
    variables = {guid(variable): variable for variable in root.within("Variables", "Variable")}
    named: dict[str, Element] = {}
    for variable in variables.values():
        first = named.setdefault(required(variable, "name"), variable)
        if first is not variable:
            raise Malformed(
                variable,
                f"has the name of the variable at line {first.line}, column {first.column} "
                "too, so a case's values of the two could not be told apart; expected each "
                "variable's name once",
            )
    cases = Cases()
    for element in root.within("Cases", "Case"):
        name = valued(element, "name")
        key = guid(element)
        person: dict[str, Any] = {"id": ids.make(name, "case", key), "study": study}
        if name is not None:
            person["name"] = name
        case = Member(key, person)
        for value in element.all("VariableValue"):
            variable = _variable(value, variables, index)
            typed, written = _value(value, variable)
            if typed is not None:
                case.values[required(variable, "name")] = (typed, written)
        case.sources.update(
            target(ref, index, _SOURCES, "a source") for ref in element.all("SourceRef")
        )
        case.selections.update(
            target(ref, index, _SELECTIONS, "a selection") for ref in element.all("SelectionRef")
        )
        cases.members.append(case)
    _samples(cases, variables.values(), study, sample, ids)
    return cases


def _variable(value: Element, variables: dict[str, Element], index: dict[str, Element]) -> Element:
    """Return the variable a ``VariableValue`` is of, refusing a reference to anything else."""
    reference = value.first("VariableRef")
    if reference is None:
        raise Malformed(value, "holds no VariableRef; expected the variable it is a value of")
    key = target(reference, index, ("Variable",), "a variable")
    if key not in variables:
        raise Malformed(reference, "names a variable outside Variables; expected one of them")
    return variables[key]


def _value(value: Element, variable: Element) -> tuple[Value | None, str]:
    """Return a variable's value, typed as the variable says, and as written; ``None`` if none."""
    kind = required(variable, "typeOfVariable")
    if kind not in _VALUES:
        expected = ", ".join(_VALUES)
        raise Malformed(variable, f"typeOfVariable {quoted(kind)} is not one of {expected}")
    given = next((child for child in value.children if child.name in _VALUES.values()), None)
    if given is None:
        return None, ""
    text = given.text
    if not text.strip():
        return None, ""
    if kind == "Text":
        return text, text
    typed = _typed(given, kind, text.strip(), required(variable, "name"))
    return typed, ("true" if typed else "false") if isinstance(typed, bool) else text.strip()


def _typed(given: Element, kind: str, text: str, variable: str) -> Value:
    """Return the value ``text`` of a variable of type ``kind``."""
    name = given.name
    try:
        if kind == "Boolean":
            return boolean(given, name, text)
        if kind == "Integer" and _INTEGER.fullmatch(text):
            return int(text)
        if kind == "Float" and math.isfinite(number := float(Decimal(text))):
            return number
        if kind == "Date":
            return dt.date.fromisoformat(text)
        if kind == "DateTime":
            found = timestamp(given, name, text)
            if found is not None:
                return found
    except (ValueError, InvalidOperation):
        pass
    raise Malformed(
        given,
        f"{quoted(text)} is not a value of the type {kind} of the variable {quoted(variable)}",
    )


def _samples(
    cases: Cases, variables: Iterable[Element], study: str, sample: str | None, ids: Ids
) -> None:
    """Declare the whole sample (unless named), and subgroups where one variable splits it."""
    if not cases.members:
        return
    whole = sample
    if whole is None:
        whole = ids.unique(WHOLE_SAMPLE)
        size = len(cases.members)
        cases.samples.append({"id": whole, "study": study, "size": size})
    splits = [
        name
        for variable in variables
        if required(variable, "typeOfVariable") in _SPLITTING
        and _splits(cases, name := required(variable, "name"))
    ]
    groups: dict[tuple[str, str], str] = {}
    for name in splits if len(splits) == 1 else []:
        counts: dict[str, int] = {}
        for case in cases.members:
            written = case.values[name][1]
            counts[written] = counts.get(written, 0) + 1
        for written, size in counts.items():
            group = ids.make(f"{name}-{written}", "subgroup", "")
            groups[name, written] = group
            description = f"{name}: {written}"
            subgroup = {"id": group, "study": study, "size": size, "description": description}
            cases.samples.append({**subgroup, "part_of": whole})
    for case in cases.members:
        person = case.participant
        if case.values:
            person["characteristics"] = [
                {"name": name, "value": typed} for name, (typed, _) in case.values.items()
            ]
        person["sample"] = (
            groups[splits[0], case.values[splits[0]][1]] if len(splits) == 1 else whole
        )
        cases.participants.append(person)


def _splits(cases: Cases, name: str) -> bool:
    """Whether every case has a value of the variable, two values or more, one shared."""
    values = [case.values.get(name) for case in cases.members]
    if any(value is None for value in values):
        return False
    written = [value[1] for value in values if value is not None]
    return len(set(written)) >= 2 and len(set(written)) < len(written)  # noqa: PLR2004
