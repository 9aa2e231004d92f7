"""Literals: a model's value as the RDF literal the export writes, and back.

Text is written as it is; booleans, whole numbers and dates are typed by XSD, decimals as
``xsd:decimal``; the datatypes are named in :mod:`evidence_graph.rdf.mapping`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import Decimal
from enum import StrEnum
from typing import Any

from rdflib import Literal as RDFLiteral

from evidence_graph.namespace import (
    XSD_BOOLEAN,
    XSD_DATE,
    XSD_DATETIME,
    XSD_DECIMAL,
    XSD_DOUBLE,
    XSD_GYEAR,
    XSD_INTEGER,
    XSD_INTEGERS,
    XSD_NON_NEGATIVE_INTEGER,
)
from evidence_graph.rdf.terms import Lit, qname, quietly_typed

__all__ = [
    "cacheable",
    "from_literal",
    "literal",
    "parameter_literal",
    "to_literal",
    "typed_literal",
]


def from_literal(term: Lit) -> Any:
    """Return a literal's Python value, as the models hold it (the inverse of :func:`to_literal`).

    Booleans, whole numbers and dates come back as Python values, a year as a number, a
    decimal as a float; any other literal as its text.

    Raises:
        ValueError: If the literal's text is not a value of its datatype (``"two-thousand"``
            as an ``xsd:gYear``), saying what was expected.

    Examples:
        >>> from_literal(Lit("2019", XSD_GYEAR))
        2019
        >>> from_literal(Lit("two-thousand", XSD_GYEAR))
        Traceback (most recent call last):
        ...
        ValueError: not a valid xsd:gYear: expected a year, such as "2019"
    """
    if term.datatype is None:
        return term.lexical
    if term.datatype in _CANONICAL_WHOLE and _WHOLE.fullmatch(term.lexical):
        return int(term.lexical)  # as rdflib reads it, without making its literal
    if term.datatype == XSD_GYEAR:
        found = _YEAR.fullmatch(term.lexical)
        if found is None:
            raise _ill_typed(term.datatype)
        return int(found[1])
    if term.datatype == XSD_DECIMAL:
        if not _ANY_DECIMAL.fullmatch(term.lexical):
            raise _ill_typed(term.datatype)
        return float(term.lexical)
    converted = quietly_typed(term.lexical, term.datatype)
    if converted.ill_typed:
        raise _ill_typed(term.datatype)
    value = converted.toPython()
    if isinstance(value, bool | int | dt.date):
        return value
    return term.lexical


_WHOLE = re.compile(r"0|[1-9][0-9]{0,17}")
"""A whole number from 0 written in its canonical form, of 18 digits at most."""
_CANONICAL_WHOLE = frozenset({XSD_INTEGER, XSD_NON_NEGATIVE_INTEGER})
"""The datatypes every whole number :data:`_WHOLE` matches is a value of."""
_YEAR = re.compile(
    r"(-?(?:[1-9][0-9]{3,8}|0[0-9]{3}))(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?"
)
"""An ``xsd:gYear``: a year of four digits or more (up to nine here), and a time zone."""
_ANY_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
"""An ``xsd:decimal``: digits with a point, or without one."""
_EXPECTED = {
    XSD_GYEAR: 'a year, such as "2019"',
    XSD_DECIMAL: 'a decimal number, such as "2.5"',
    XSD_BOOLEAN: '"true" or "false"',
    XSD_DATE: 'a date, such as "2019-02-28"',
    XSD_DATETIME: 'a date and time, such as "2019-02-28T14:30:00"',
}


def _ill_typed(datatype: str) -> ValueError:
    """The error of a literal whose text is not a value of its datatype."""
    name = qname(datatype)
    if datatype in XSD_INTEGERS:
        expected = f'a whole number in the range of {name}, such as "12"'
    else:
        expected = _EXPECTED.get(datatype, f"a value of {name}")
    return ValueError(f"not a valid {name}: expected {expected}")


def to_literal(value: Any, datatype: str | None = None) -> RDFLiteral:
    """Return a literal: booleans, integers and dates typed by XSD, floats as xsd:decimal."""
    if datatype is not None:
        return RDFLiteral(str(value), datatype=datatype)
    if isinstance(value, StrEnum):
        return RDFLiteral(value.value)
    if isinstance(value, dt.datetime):
        return RDFLiteral(value.isoformat(), datatype=XSD_DATETIME)
    if isinstance(value, dt.date):
        return RDFLiteral(value.isoformat(), datatype=XSD_DATE)
    if isinstance(value, float):  # as a decimal without an exponent: 1e+22 is 10…0
        return RDFLiteral(format(Decimal(repr(value)), "f"), datatype=XSD_DECIMAL)
    return RDFLiteral(value)  # rdflib types bool as xsd:boolean and int as xsd:integer


@functools.lru_cache(maxsize=4096, typed=True)
def _typed(value: Any, datatype: str | None) -> Lit:
    """Return the literal of a value that is not text, as rdflib writes it (its lexical form)."""
    written = to_literal(value, str(datatype) if datatype else None)
    return Lit(str(written), str(written.datatype) if written.datatype else None)


def literal(value: Any, datatype: str | None = None) -> Lit:
    """Return the literal of a field's value: text as it is, other values typed by XSD.

    Examples:
        >>> literal(12)
        Lit(lexical='12', datatype='http://www.w3.org/2001/XMLSchema#integer', language=None)
    """
    if isinstance(value, str) and datatype is None:
        return Lit(value if type(value) is str else str(value))  # text, or an enumeration's
    if type(value) is int and (datatype is None or datatype in XSD_INTEGERS):
        return Lit(str(value), datatype or XSD_INTEGER)  # the canonical form, as rdflib's
    if type(value) is bool and datatype is None:
        return Lit("true" if value else "false", XSD_BOOLEAN)
    if not cacheable(value):
        return _typed.__wrapped__(value, datatype)
    return _typed(value, datatype)


def cacheable(value: Any) -> bool:
    """Say whether a value's literal may be cached by the value.

    Not so for numbers that are equal but written differently (``0.0`` and ``-0.0``,
    ``Decimal("1")`` and ``Decimal("1.0")``), which a cache would write as whichever came first.

    Examples:
        >>> cacheable(-0.0), cacheable(Decimal("1.0")), cacheable(True)
        (False, False, True)
    """
    return not isinstance(value, (float, Decimal))


_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(?:\d+\.\d*|\.\d+)")


def typed_literal(text: str) -> Lit:
    """Return the literal a bare value stands for: an integer, a decimal, a boolean, else text.

    Examples:
        >>> typed_literal("12").datatype
        'http://www.w3.org/2001/XMLSchema#integer'
        >>> typed_literal("TRUE").lexical, typed_literal("belonging").datatype
        ('true', None)
    """
    if _INTEGER.fullmatch(text):
        return Lit(text, XSD_INTEGER)
    if _DECIMAL.fullmatch(text):
        return Lit(text, XSD_DECIMAL)
    if text.lower() in {"true", "false"}:
        return Lit(text.lower(), XSD_BOOLEAN)
    return Lit(text)


def parameter_literal(value: bool | float) -> Lit:
    """Return the literal a question's parsed yes/no or number is bound as in SPARQL.

    Examples:
        >>> parameter_literal(True), parameter_literal(21.5).datatype
        (Lit(lexical='true', datatype='http://www.w3.org/2001/XMLSchema#boolean', language=None), \
'http://www.w3.org/2001/XMLSchema#double')
    """
    if isinstance(value, bool):
        return Lit(str(value).lower(), XSD_BOOLEAN)
    return Lit(repr(value), XSD_DOUBLE)
