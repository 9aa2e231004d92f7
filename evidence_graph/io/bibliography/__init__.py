"""Reading bibliographies (BibTeX, CSL-JSON, RIS) as works and people, and writing them out.

Each entry becomes one :class:`~evidence_graph.models.Work` and each of its authors a
:class:`~evidence_graph.models.Person`; the result is a study document (``works`` and
``people``), which :func:`evidence_graph.load` validates and merges like any study file.
Nothing is fetched: the entries are read as the file has them.
"""

from __future__ import annotations

import codecs
import logging
from pathlib import Path

from evidence_graph.io.bibliography._bibtex import bibtex_entries
from evidence_graph.io.bibliography._csl import csl_entries
from evidence_graph.io.bibliography._document import study_document
from evidence_graph.io.bibliography._entries import CSL_START, read_text
from evidence_graph.io.bibliography._ris import ris_entries
from evidence_graph.io.bibliography._write import NOT_WRITTEN, to_bibtex, to_csl_json
from evidence_graph.io.bibliography._write_ris import RIS_NOT_WRITTEN, to_ris
from evidence_graph.io.study_files import ParsedFile
from evidence_graph.io.text_files import file_error, read_head

__all__ = [
    "BIBLIOGRAPHY_SUFFIXES",
    "NOT_WRITTEN",
    "RIS_NOT_WRITTEN",
    "bibliography_format",
    "read_bibliography",
    "to_bibtex",
    "to_csl_json",
    "to_ris",
]

# bibtexparser and pylatexenc log what they cannot parse; the problems are reported here
# instead, so their records go to the application's handlers only, never to stderr by default.
for _name in ("bibtexparser", "pylatexenc"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

BIBLIOGRAPHY_SUFFIXES: dict[str, str] = {".bib": "BibTeX", ".ris": "RIS", ".json": "CSL-JSON"}
"""The endings of bibliography files, with their format.

A ``.json`` file is CSL-JSON (as Zotero and Crossref export it) when its name ends in
``.csl.json`` or its top-level value is an array that starts with an object; otherwise it is
a study file, whose top level is an object.
"""


def bibliography_format(path: str | Path) -> str | None:
    """Return the bibliography format of a file by its name (and for ``.json``, its content).

    Returns:
        ``"BibTeX"``, ``"RIS"`` or ``"CSL-JSON"``; ``None`` for any other file, e.g. a
        study file.

    Examples:
        >>> bibliography_format("refs.bib"), bibliography_format("study.yaml")
        ('BibTeX', None)
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix != ".json":
        return BIBLIOGRAPHY_SUFFIXES.get(suffix)
    if path.name.lower().endswith(".csl.json"):
        return BIBLIOGRAPHY_SUFFIXES[suffix]
    head = read_head(path, 4096)
    if head is None:
        return None  # the study-file reader reports why it cannot be read
    head = head.removeprefix(codecs.BOM_UTF8).lstrip()
    return BIBLIOGRAPHY_SUFFIXES[suffix] if CSL_START.match(head) else None


def read_bibliography(path: str | Path) -> ParsedFile:
    """Read a BibTeX, CSL-JSON or RIS file into a study document of works and people.

    Each entry becomes a work whose id is the entry's key (its BibTeX citation key, CSL-JSON
    ``id`` or RIS ``ID``), made into a valid id where it is not one, or else the first
    author's family name and the year. Authors become people with ids made from their family
    and given names, one person per name in the file. A ``cites`` list beside an entry (a
    BibTeX field or a CSL-JSON key) makes the work cite the works it names.

    Args:
        path: A ``.bib``, ``.ris`` or CSL-JSON ``.json`` file (see
            :data:`BIBLIOGRAPHY_SUFFIXES`).

    Returns:
        The parsed file, whose ``data`` is a study document with ``works`` and ``people``.

    Raises:
        StudyFileError: If the file cannot be read or parsed, or an entry holds a value the
            models refuse; each problem names the entry, its field and line, and what was
            expected.

    Examples:
        >>> import tempfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> bib = folder / "refs.bib"
        >>> _ = bib.write_text("@article{lieb2004, author = {Lieb, Klaus}, year = 2004}")
        >>> read_bibliography(bib).data["works"]
        [{'id': 'lieb2004', 'type': 'journal-article', 'year': 2004, 'authors': ['lieb-klaus']}]
    """
    path = Path(path)
    kind = bibliography_format(path)
    if kind is None:
        expected = ", ".join(BIBLIOGRAPHY_SUFFIXES)
        raise file_error(path, f"unknown bibliography type {path.suffix!r}; expected {expected}")
    text = read_text(path)
    if kind == "BibTeX":
        entries = bibtex_entries(path, text)
    elif kind == "RIS":
        entries = ris_entries(path, text)
    else:
        entries = csl_entries(path, text)
    return study_document(path, entries)
