"""What the writers of projects and codebooks share: GUIDs, XML elements, the study written.

A REFI-QDA file holds one study. Its GUIDs are UUIDs of version 5 made from the IRIs of the
entities (:func:`guid`), so the same corpus gives the same GUIDs, and the same file, every
time. XML is built with the standard library's ElementTree, attributes in the order given,
and every text is checked first: XML 1.0 has no place for most control characters.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
import xml.etree.ElementTree as ET

from evidence_graph.display import quoted
from evidence_graph.exceptions import NotWritableError, UsageError
from evidence_graph.graph import EvidenceGraph
from evidence_graph.models import Study

__all__ = ["ORIGIN", "XmlBuilder", "check_text", "chosen_study", "guid", "xml_datetime"]

ORIGIN = "evidence_graph"
"""What a project says wrote it (``Project@origin``)."""

_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""The characters XML 1.0 has no place for, not even as character references."""


def guid(*names: str) -> str:
    """Return the GUID of what ``names`` name: a UUID of version 5 made from them.

    An entity is named by its IRI; a part of one (a coding of a quote under a theme) by the
    IRIs it joins and a word, separated by spaces, which no IRI holds.

    Examples:
        >>> guid("https://w3id.org/evidence-graph/data/study/kverme2019")
        '8e6fe972-85f3-587c-842e-55a03050de83'
        >>> guid("https://example.org/a") == guid("https://example.org/a")
        True
    """
    return str(uuid.uuid5(uuid.NAMESPACE_URL, " ".join(names)))


def xml_datetime(value: dt.datetime) -> str:
    """Return a date and time as ``xsd:dateTime`` writes it.

    Examples:
        >>> xml_datetime(dt.datetime(2024, 5, 1, 9, 30, tzinfo=dt.UTC))
        '2024-05-01T09:30:00+00:00'
    """
    return value.isoformat()


def check_text(text: str, where: str) -> str:
    r"""Return ``text`` if XML 1.0 can hold it, else refuse it naming ``where`` it comes from.

    Raises:
        NotWritableError: If the text holds a control character other than tab, line feed
            and carriage return, U+FFFE, U+FFFF or a lone surrogate.

    Examples:
        >>> check_text("tab\tand newline\n", "theme 'x': label")
        'tab\tand newline\n'
        >>> check_text("bell \x07", "theme 'x': label")
        Traceback (most recent call last):
        ...
        evidence_graph.exceptions.NotWritableError: theme 'x': label: the character U+0007 ...
    """
    found = _NOT_XML.search(text)
    if found is None:
        return text
    raise NotWritableError(
        f"{where}: the character U+{ord(found.group()):04X} cannot stand in XML 1.0, not even "
        "escaped, so a REFI-QDA file cannot hold it; expected text without control characters "
        "other than tab and newline"
    )


class XmlBuilder:
    r"""Builds an XML document whose elements are all in one namespace, the default one.

    Attributes come in the order given; one whose value is ``None`` is left out. Every value
    and text is checked with :func:`check_text`, and a failure names ``where`` it came from:
    the entity and the field.

    Examples:
        >>> xml = XmlBuilder("urn:example")
        >>> root = xml.root("Book", name="A & B", note=None)
        >>> _ = xml.text(root, "Description", "first\r\nsecond", where="book")
        >>> print(xml.serialize(root))
        <?xml version="1.0" encoding="utf-8"?>
        <Book xmlns="urn:example" name="A &amp; B">
          <Description>first&#13;
        second</Description>
        </Book>
    """

    def __init__(self, namespace: str) -> None:
        self.namespace = namespace
        """The namespace of every element."""

    def root(self, tag: str, *, where: str | None = None, **attributes: str | None) -> ET.Element:
        """Return the root element, with its attributes."""
        element = ET.Element(tag, xmlns=self.namespace)
        self._set(element, attributes, where)
        return element

    def child(
        self, parent: ET.Element, tag: str, *, where: str | None = None, **attributes: str | None
    ) -> ET.Element:
        """Add an element to ``parent`` and return it.

        ``where`` names the field its text attribute (a name) comes from, for a message.
        """
        element = ET.SubElement(parent, tag)
        self._set(element, attributes, where)
        return element

    def text(self, parent: ET.Element, tag: str, text: str, *, where: str) -> ET.Element:
        """Add an element holding ``text`` to ``parent`` and return it."""
        element = ET.SubElement(parent, tag)
        element.text = check_text(text, where)
        return element

    def serialize(self, root: ET.Element) -> str:
        """Return the document as text, indented, its declaration first.

        A carriage return in a text is written as ``&#13;``: a parser would read it as a line
        feed, and a pair of them as one, if it stood as it is.
        """
        ET.indent(root, "  ")
        body = ET.tostring(root, encoding="unicode")
        declaration = '<?xml version="1.0" encoding="utf-8"?>\n'
        return declaration + body.replace("\r", "&#13;") + "\n"

    @staticmethod
    def _set(element: ET.Element, attributes: dict[str, str | None], where: str | None) -> None:
        for name, value in attributes.items():
            if value is not None:
                element.set(name, check_text(value, where or f"{element.tag}@{name}"))


def chosen_study(graph: EvidenceGraph, study: str | None) -> Study:
    """Return the study a project or codebook is written for: the one named, or the only one.

    Raises:
        UsageError: If no study has the id named, or none is named and the sources hold
            several.
        NotWritableError: If the sources hold no study.

    Examples:
        >>> from evidence_graph import load_graph
        >>> chosen_study(load_graph("kverme2019"), None).id
        'kverme2019'
    """
    studies = sorted(graph.studies(), key=lambda found: found.id)
    ids = ", ".join(found.id for found in studies)
    if study is not None:
        for found in studies:
            if found.id == study:
                return found
        held = f"the sources hold: {ids}" if studies else "the sources hold no study"
        raise UsageError(f"no study has the id {quoted(study)}; {held}")
    if not studies:
        raise NotWritableError(
            "the sources hold no study; a REFI-QDA project or codebook holds the themes of one"
        )
    if len(studies) > 1:
        raise UsageError(
            f"the sources hold {len(studies)} studies ({ids}); a REFI-QDA project or codebook "
            "holds one: name it (study= in Python, --study ID on the command line)"
        )
    return studies[0]
