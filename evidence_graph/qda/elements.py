"""The values of a REFI-QDA document's elements, checked as they are read, and the ids made of them.

A value that is missing or malformed raises :class:`Malformed`, naming the element (its name
and GUID) and what was expected; the reader adds the file and the line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from evidence_graph.display import quoted, shorten, visible
from evidence_graph.ids import slugify
from evidence_graph.qda.xml import Element

__all__ = [
    "Ids",
    "Malformed",
    "boolean",
    "describe",
    "guid",
    "index_guids",
    "integer",
    "optional_guid",
    "required",
    "slug",
    "target",
    "timestamp",
    "valued",
]


_GUID = re.compile(
    r"\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?"
)
_SHOWN = 80
_REFERENCES = {"MemberCode"}  # elements whose guid attribute names another element
_SLUG_LENGTH = 100  # of 128: room for a suffix, as "-2" or "-" and a coder's id
_INTEGER = re.compile(r"\s*[+-]?\d{1,18}\s*")


class Malformed(ValueError):  # noqa: N818 - what the element is, said where it is raised
    """An element of a REFI-QDA document that is not as the specification says.

    Attributes:
        element: The element at fault.
        message: What is wrong, and what was expected.
    """

    def __init__(self, element: Element, message: str) -> None:
        self.element = element
        self.message = message
        super().__init__(f"{describe(element)}: {message}")


def describe(element: Element) -> str:
    """Name an element as a message shows it: its name and GUID (or name) attribute.

    Examples:
        >>> from evidence_graph.qda.xml import parse_xml
        >>> describe(parse_xml(b'<Code guid="{AB-1}" name="x"/>'))
        '<Code guid="{AB-1}">'
    """
    for key in ("guid", "targetGUID", "name"):
        if key in element.attributes:
            value = visible(shorten(element.attributes[key], _SHOWN))
            return f'<{element.name} {key}="{value}">'
    return f"<{element.name}>"


def required(element: Element, name: str) -> str:
    """Return an attribute the specification requires, refusing it missing or empty."""
    value = element.attributes.get(name)
    if value is None:
        raise Malformed(element, f"the required attribute {name} is missing")
    if not value.strip():
        raise Malformed(element, f"the attribute {name} is empty; expected a value")
    return value


def valued(element: Element, name: str) -> str | None:
    """Return an optional attribute, or ``None`` when it is missing or only white space."""
    value = element.attributes.get(name)
    return value if value is not None and value.strip() else None


def _guid(element: Element, name: str, value: str) -> str:
    found = _GUID.fullmatch(value.strip())
    if found is None or (value.strip().startswith("{") != value.strip().endswith("}")):
        raise Malformed(
            element,
            f"{name} {quoted(value)} is not a GUID; expected 8-4-4-4-12 hexadecimal digits, "
            "as 3f2504e0-4f89-41d3-9a0c-0305e82c3301, with or without braces",
        )
    return found[1].lower()


def guid(element: Element, name: str = "guid") -> str:
    """Return a required GUID attribute, lower-cased and without braces."""
    return _guid(element, name, required(element, name))


def optional_guid(element: Element, name: str) -> str | None:
    """Return an optional GUID attribute as :func:`guid` does, or ``None``."""
    value = valued(element, name)
    return None if value is None else _guid(element, name, value)


def integer(element: Element, name: str) -> int:
    """Return a required whole-number attribute."""
    value = required(element, name)
    if not _INTEGER.fullmatch(value):
        raise Malformed(element, f"{name} {quoted(value)} is not a whole number")
    return int(value)


def boolean(element: Element, name: str, text: str | None = None) -> bool:
    """Return a boolean (``true``, ``false``, ``1``, ``0``): an attribute, or ``text`` if given."""
    value = (required(element, name) if text is None else text).strip()
    if value not in {"true", "false", "1", "0"}:
        raise Malformed(element, f"{name} {quoted(value)} is not true or false")
    return value in {"true", "1"}


def timestamp(element: Element, name: str, text: str | None = None) -> dt.datetime | None:
    """Return an optional xsd:dateTime attribute (or ``text``, if given), or ``None``."""
    value = valued(element, name) if text is None else text.strip()
    if value is None:
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise Malformed(
            element, f"{name} {quoted(value)} is not a date and time; expected 2019-03-05T10:30:00Z"
        ) from None


def index_guids(root: Element) -> dict[str, Element]:
    """Return every element of a document that has a GUID, by its GUID (lower-cased, bare).

    A codebook's ``MemberCode`` names a code by its ``guid``: it is a reference, not indexed.

    Raises:
        Malformed: If a GUID is malformed, or two elements have one GUID.
    """
    found: dict[str, Element] = {}
    stack = [root]
    while stack:
        element = stack.pop()
        stack.extend(reversed(element.children))
        if "guid" not in element.attributes or element.name in _REFERENCES:
            continue
        key = guid(element)
        other = found.setdefault(key, element)
        if other is not element:
            raise Malformed(
                element,
                f"the GUID is the GUID of {describe(other)} (line {other.line}) too; expected "
                "each GUID once",
            )
    return found


def target(reference: Element, index: dict[str, Element], kinds: tuple[str, ...], what: str) -> str:
    """Return the GUID a reference names (its ``targetGUID``), if it is one of ``kinds``.

    Raises:
        Malformed: If it names nothing, or an element of another kind; ``what`` says what
            was expected, e.g. "a code".
    """
    key = guid(reference, "targetGUID")
    found = index.get(key)
    if found is None:
        raise Malformed(reference, f"names nothing in the project; expected {what}")
    if found.name not in kinds:
        raise Malformed(reference, f"names {describe(found)} (line {found.line}); expected {what}")
    return key


def slug(text: str) -> str:
    """Return the slug of a name, short enough to take a suffix: ``Interview 1`` → ``interview-1``.

    Examples:
        >>> slug("Daring to Belong"), slug("Интервью")
        ('daring-to-belong', '')
    """
    return slugify(text, lower=True)[:_SLUG_LENGTH].strip("._-")


class Ids:
    """Makes ids from names, each unique within one document: ``a``, then ``a-2``, ``a-3``.

    Examples:
        >>> ids = Ids()
        >>> ids.make("Interview 1", "source", ""), ids.make("Interview 1", "source", "")
        ('interview-1', 'interview-1-2')
        >>> ids.make("Интервью", "source", "0a1b2c3d-…")
        'source-0a1b2c3d'
    """

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self.taken = set(taken)

    def make(self, name: str | None, kind: str, key: str, prefix: str = "") -> str:
        """Return a new id: the slug of ``name``, else ``kind`` and the start of ``key``.

        A ``prefix`` comes first, with a hyphen.
        """
        made = slug(name or "") or f"{kind}-{key.replace('-', '')[:8]}".strip("-")
        return self.unique(f"{prefix}-{made}" if prefix else made)

    def unique(self, base: str) -> str:
        """Return ``base``, or ``base-2``, ``base-3``… the first not taken, and take it."""
        found, number = base, 1
        while found in self.taken:
            number += 1
            found = f"{base}-{number}"
        self.taken.add(found)
        return found
