"""XML read safely into a small tree: no document type, no entities, nothing fetched, bounded.

The parser is expat's, with every door that reaches beyond the text shut: a document type
declaration (where entities would be declared, the billion laughs among them) is refused
where it starts, as are entity declarations and references to external entities, and parameter
entities are never parsed, so nothing is fetched. Elements nested deeper than
:data:`MAX_NESTING`, or more than :data:`MAX_ELEMENTS` of them, are refused: the tree stays
within memory. Each element keeps its line and column, for messages.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.parsers import expat

from evidence_graph.models import MAX_LEVELS

__all__ = ["MAX_ELEMENTS", "MAX_NESTING", "Element", "XmlError", "parse_xml"]

MAX_NESTING = MAX_LEVELS + 10
"""How deep elements may be nested: a project's code tree as deep as a theme tree may be
(:data:`~evidence_graph.models.MAX_LEVELS`), inside the project's own elements."""
MAX_ELEMENTS = 2_000_000
"""How many elements a document may hold: a project of a hundred thousand codings has fewer."""


class XmlError(ValueError):
    """XML that cannot be read, or is refused, at a line and column."""

    def __init__(self, message: str, line: int | None, column: int | None) -> None:
        self.message = message
        self.line = line
        self.column = column
        super().__init__(message)


@dataclass(slots=True)
class Element:
    """An element: its namespace and local name, attributes, children, text and place.

    Attributes:
        namespace: Its namespace URI, or ``""``.
        name: Its local name, e.g. ``PlainTextSelection``.
        attributes: Its attributes without a namespace, by name.
        children: Its child elements, in order.
        text: The character data directly inside it, joined.
        line: The line (1-based) where it starts.
        column: The column (1-based) where it starts.
    """

    namespace: str
    name: str
    attributes: dict[str, str]
    line: int
    column: int
    children: list[Element] = field(default_factory=list)
    text: str = ""

    def all(self, name: str) -> Iterator[Element]:
        """Yield the children of the element's own namespace named ``name``."""
        for child in self.children:
            if child.name == name and child.namespace == self.namespace:
                yield child

    def first(self, name: str) -> Element | None:
        """Return the first child of the element's own namespace named ``name``, or ``None``."""
        return next(self.all(name), None)

    def within(self, *names: str) -> Iterator[Element]:
        """Yield the elements at the path ``names`` below this one: ``within("Cases", "Case")``."""
        if not names:
            yield self
            return
        for child in self.all(names[0]):
            yield from child.within(*names[1:])


class _Builder:
    """Builds the tree from expat's events, refusing what reaches beyond the text."""

    def __init__(self, parser: expat.XMLParserType) -> None:
        self.parser = parser
        self.stack: list[Element] = []
        self.root: Element | None = None
        self.texts: list[list[str]] = []
        self.count = 0

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        if len(self.stack) >= MAX_NESTING:
            raise self.refuse(f"elements are nested deeper than {MAX_NESTING}: refused")
        self.count += 1
        if self.count > MAX_ELEMENTS:
            raise self.refuse(f"holds more than {MAX_ELEMENTS:,} elements: refused")
        namespace, _, name = tag.rpartition(" ")
        plain = {key: value for key, value in attributes.items() if " " not in key}
        line, column = self.parser.CurrentLineNumber, self.parser.CurrentColumnNumber + 1
        element = Element(namespace, name, plain, line, column)
        if self.stack:
            self.stack[-1].children.append(element)
        else:
            self.root = element
        self.stack.append(element)
        self.texts.append([])

    def end(self, _tag: str) -> None:
        self.stack.pop().text = "".join(self.texts.pop())

    def characters(self, data: str) -> None:
        if self.texts:
            self.texts[-1].append(data)

    def doctype(self, *_args: object) -> None:
        raise self.refuse("a document type declaration (<!DOCTYPE …>) is refused: entities are off")

    def entity(self, *_args: object) -> None:
        raise self.refuse("an entity declaration (<!ENTITY …>) is refused: entities are off")

    def external(self, *_args: object) -> int:
        raise self.refuse("an external entity is refused: nothing is fetched")

    def refuse(self, message: str) -> XmlError:
        return XmlError(message, self.parser.CurrentLineNumber, self.parser.CurrentColumnNumber + 1)


def parse_xml(data: bytes) -> Element:
    """Parse an XML document into its root element, safely (see the module's docstring).

    Raises:
        XmlError: If the document is not well-formed XML, or holds what is refused.

    Examples:
        >>> root = parse_xml(b'<a xmlns="urn:x"><b n="1">hi</b></a>')
        >>> root.name, root.namespace, root.first("b").attributes, root.first("b").text
        ('a', 'urn:x', {'n': '1'}, 'hi')
        >>> parse_xml(b'<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>')
        Traceback (most recent call last):
        ...
        evidence_graph.qda.xml.XmlError: a document type declaration (<!DOCTYPE …>) is refused: ...
    """
    parser = expat.ParserCreate(namespace_separator=" ")
    builder = _Builder(parser)
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = builder.doctype
    parser.EntityDeclHandler = builder.entity
    parser.UnparsedEntityDeclHandler = builder.entity
    parser.ExternalEntityRefHandler = builder.external
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.characters
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        message = expat.errors.messages[error.code] if error.code else str(error)
        raise XmlError(f"not well-formed XML: {message}", error.lineno, error.offset + 1) from None
    if builder.root is None:  # pragma: no cover - expat refuses a document without an element
        raise XmlError("holds no element", None, None)
    return builder.root
