"""Spreadsheets of quotes (``.csv``, ``.tsv``, ``.xlsx``) read as quotes of studies.

A sheet of quotes has a header row naming its columns: ``study``, ``theme`` and ``quote``,
and any of ``id``, ``speaker``, ``subgroup``, ``role``, ``page`` and ``work``. Each row below
it is a quote of the study its ``study`` cell names, which a file loaded beside the sheet
declares (a study file, say, giving the study, its themes, samples and works). How each cell
is read is told in ``docs/spreadsheets.md``; in short:

- ``quote``: the words, byte for byte as the cell holds them;
- ``theme``: the id, label or other label of a theme of the study (case, accents, quote
  marks and spaces aside, where nothing else matches); rows of one ``id`` are one quote,
  coded under the themes of all of them;
- ``id``: the quote's id; by default ``<file name>-row-<row number>``;
- ``speaker``, ``role``, ``page``: as given; ``subgroup`` the speaker's sample or subgroup,
  by id or description;
- ``work``: the work the words were read in, by id, DOI or other reference; by default the
  study's first report.

The sheet read of a workbook is the one named ``quotes``, else the first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from evidence_graph.exceptions import Problem
from evidence_graph.io.spreadsheets._archive import (
    MAX_FILE_BYTES,
    MAX_PARTS,
    MAX_RATIO,
    MAX_UNPACKED_BYTES,
)
from evidence_graph.io.spreadsheets._columns import (
    COLUMNS,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    QuoteRow,
    quote_rows,
)
from evidence_graph.io.spreadsheets._resolve import SheetFile, quotes_of
from evidence_graph.io.spreadsheets._tables import read_delimited
from evidence_graph.io.spreadsheets._workbook import QUOTES_SHEET, read_workbook
from evidence_graph.io.study_files import problems_from_validation
from evidence_graph.models import StudyDocument

__all__ = [
    "COLUMNS",
    "MAX_FILE_BYTES",
    "MAX_PARTS",
    "MAX_RATIO",
    "MAX_UNPACKED_BYTES",
    "OPTIONAL_COLUMNS",
    "QUOTES_SHEET",
    "REQUIRED_COLUMNS",
    "SPREADSHEET_SUFFIXES",
    "SheetFile",
    "Spreadsheet",
    "read_spreadsheet",
]

SPREADSHEET_SUFFIXES: dict[str, str] = {".csv": "CSV", ".tsv": "TSV", ".xlsx": "Excel workbook"}
"""The endings of spreadsheets of quotes, with their format."""


@dataclass(frozen=True, slots=True)
class Spreadsheet:
    """A sheet of quotes read, its cells not yet matched to the studies they name.

    Attributes:
        path: The file.
        rows: Its rows below the header, empty ones and those with problems left out.
        problems: The problems of its cells read on their own, each naming its cell.
    """

    path: Path
    rows: tuple[QuoteRow, ...]
    problems: tuple[Problem, ...] = ()

    def study_document(
        self, documents: Sequence[StudyDocument]
    ) -> tuple[SheetFile, StudyDocument | None, list[Problem]]:
        """Return the study document of the sheet's quotes, named against other documents.

        Args:
            documents: The documents of the files loaded with the sheet, which declare the
                studies, themes, samples, participants and works that its cells name.

        Returns:
            The sheet as a parsed file (quotes, and participants where a speaker has a
            subgroup); its study document, or ``None`` if it has problems; and the problems
            (those of :attr:`problems` first), each naming its cell.
        """
        file, found = quotes_of(self.path, self.rows, documents)
        problems = [*self.problems, *found]
        if problems:
            return file, None, problems
        try:
            return file, StudyDocument.model_validate(file.data), []
        except ValidationError as error:
            return file, None, problems_from_validation(error, file)


def read_spreadsheet(path: str | Path) -> Spreadsheet:
    r"""Read a spreadsheet of quotes: its header and rows, each cell checked on its own.

    The problems of single cells (an empty quote, say) are kept in
    :attr:`Spreadsheet.problems`, to be reported with those found when the cells are named
    against other files (:meth:`Spreadsheet.study_document`).

    Raises:
        StudyFileError: If the file cannot be read, is not a spreadsheet, or its header row is
            not that of a sheet of quotes; each problem naming its place (``Sheet1!C7`` in a
            workbook, ``row 7, column "theme"`` in a CSV or TSV file).

    Warns:
        UnknownColumnWarning: If the header names columns that are not read.

    Examples:
        >>> import tempfile
        >>> path = Path(tempfile.mkdtemp()) / "quotes.csv"
        >>> _ = path.write_text('study,theme,quote\nkverme2019,hope," I was alone "\n')
        >>> sheet = read_spreadsheet(path)
        >>> sheet.rows[0].cells["quote"].text
        ' I was alone '
    """
    path = Path(path)
    reader = read_workbook if path.suffix.lower() == ".xlsx" else read_delimited
    rows, problems = quote_rows(reader(path))
    return Spreadsheet(path, tuple(rows), tuple(problems))
