"""A project's cases and variables: the participants, their characteristics, their quotes.

Each participant of the study is a case named as the study names them, with a value for each
of its characteristics and a reference to each selection of its quotes. A speaker that names
no participant is a case too, so that a reader finds each quote's speaker again. Each
characteristic's name is a variable of the project, typed by its values: Boolean, Integer,
Float, Date or DateTime where every value is one, else Text.
"""

from __future__ import annotations

import datetime as dt
import math
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from evidence_graph.exceptions import NotWritableError
from evidence_graph.graph import EvidenceGraph
from evidence_graph.models import Participant, Study
from evidence_graph.qda.write_sources import TextSource
from evidence_graph.qda.writing import XmlBuilder, guid, xml_datetime

__all__ = ["Variable", "add_cases", "add_variables", "variables_of"]

Value = str | bool | int | float | dt.date | dt.datetime
"""A value of a characteristic."""


@dataclass(frozen=True, slots=True)
class Variable:
    """A variable of the project: a characteristic's name and the type of all its values.

    Attributes:
        guid: The variable's GUID, made from the study's IRI and the name.
        name: The characteristic's name.
        type: ``Text``, ``Boolean``, ``Integer``, ``Float``, ``Date`` or ``DateTime``.
    """

    guid: str
    name: str
    type: str


def _type_of(value: Value) -> str:
    if isinstance(value, bool):
        return "Boolean"
    if isinstance(value, int):
        return "Integer"
    if isinstance(value, float):
        return "Float"
    if isinstance(value, dt.datetime):
        return "DateTime"
    if isinstance(value, dt.date):
        return "Date"
    return "Text"


def _common_type(types: set[str]) -> str:
    """The type that holds values of all ``types``: theirs if one, Float for numbers, or Text.

    Examples:
        >>> _common_type({"Integer"}), _common_type({"Integer", "Float"})
        ('Integer', 'Float')
        >>> _common_type({"Boolean", "Integer"})
        'Text'
    """
    if len(types) == 1:
        return types.pop()
    return "Float" if types == {"Integer", "Float"} else "Text"


def variables_of(
    graph: EvidenceGraph, study: Study, participants: Iterable[Participant]
) -> list[Variable]:
    """Return the variables of the participants' characteristics, by name."""
    types: dict[str, set[str]] = {}
    for participant in participants:
        for trait in participant.characteristics:
            types.setdefault(trait.name, set()).add(_type_of(trait.value))
    study_iri = graph.iri(study)
    return [
        Variable(guid(study_iri, "variable", name), name, _common_type(types[name]))
        for name in sorted(types)
    ]


def add_variables(xml: XmlBuilder, project: ET.Element, variables: Sequence[Variable]) -> None:
    """Add the project's ``Variables``, if there are any."""
    if not variables:
        return
    parent = xml.child(project, "Variables")
    for variable in variables:
        xml.child(
            parent,
            "Variable",
            where=f"characteristic {variable.name!r}: name",
            guid=variable.guid,
            name=variable.name,
            typeOfVariable=variable.type,
        )


def add_cases(
    xml: XmlBuilder,
    project: ET.Element,
    graph: EvidenceGraph,
    study: Study,
    sources: Sequence[TextSource],
    *,
    participants: Sequence[Participant],
    variables: Sequence[Variable],
) -> None:
    """Add a case for each participant and each speaker that names none, if there are any.

    Each case refers to the selections of its quotes in ``sources``, and has a value of each
    of ``variables`` that the participant has.
    """
    by_participant: dict[str, list[str]] = {}
    by_speaker: dict[str, list[str]] = {}
    by_speaker_quote: dict[str, str] = {}
    for source in sources:
        for selection in source.selections:
            for quote in selection.quotes:
                if quote.participant is not None:
                    found = by_participant.setdefault(graph.iri(quote.participant), [])
                elif quote.speaker is not None:
                    found = by_speaker.setdefault(quote.speaker, [])
                    by_speaker_quote.setdefault(quote.speaker, quote.id)
                else:
                    continue
                if selection.guid not in found:
                    found.append(selection.guid)
    if not participants and not by_speaker:
        return
    by_name = {variable.name: variable for variable in variables}
    cases = xml.child(project, "Cases")
    for person in participants:
        iri = graph.iri(person)
        where = f"participant {person.id!r}"
        name = person.name or person.id
        case = xml.child(cases, "Case", where=f"{where}: name", guid=guid(iri), name=name)
        for trait in person.characteristics:
            place = f"{where}: characteristics: {trait.name}"
            _add_value(xml, case, by_name[trait.name], trait.value, place)
        _add_selections(xml, case, by_participant.get(iri, ()))
    study_iri = graph.iri(study)
    for speaker in sorted(by_speaker):
        case_guid = guid(study_iri, "speaker", speaker)
        where = f"quote {by_speaker_quote[speaker]!r}: speaker"
        case = xml.child(cases, "Case", where=where, guid=case_guid, name=speaker)
        _add_selections(xml, case, by_speaker[speaker])


def _add_selections(xml: XmlBuilder, case: ET.Element, selections: Iterable[str]) -> None:
    for selection in selections:
        xml.child(case, "SelectionRef", targetGUID=selection)


def _add_value(
    xml: XmlBuilder, case: ET.Element, variable: Variable, value: Value, where: str
) -> None:
    holder = xml.child(case, "VariableValue")
    xml.child(holder, "VariableRef", targetGUID=variable.guid)
    xml.text(holder, f"{variable.type}Value", _written(value, variable.type, where), where=where)


def _written(value: Value, type_: str, where: str) -> str:
    """A value as its variable's type writes it (XML Schema's forms).

    Examples:
        >>> _written(True, "Boolean", "x"), _written(1e-7, "Float", "x"), _written(3, "Text", "x")
        ('true', '0.0000001', '3')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if not math.isfinite(value):
            raise NotWritableError(
                f"{where}: {value} cannot be written as a number in a REFI-QDA project; "
                "expected a finite number"
            )
        return format(Decimal(repr(value)), "f") if type_ == "Float" else repr(value)
    if isinstance(value, dt.datetime):
        return xml_datetime(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
