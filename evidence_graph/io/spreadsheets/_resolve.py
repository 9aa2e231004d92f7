"""A sheet's rows made quotes and participants, named against the files loaded beside it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evidence_graph.display import quoted
from evidence_graph.exceptions import Problem, format_path
from evidence_graph.ids import slugify
from evidence_graph.io.spreadsheets._columns import Cell, QuoteRow
from evidence_graph.io.spreadsheets._known import Known, NoMatchError
from evidence_graph.io.study_files import ParsedFile
from evidence_graph.models import QuoteRole, StudyDocument, speaker_matches

__all__ = ["SheetFile", "quotes_of"]

Places = dict[str, list[Cell]]
"""The cells that gave each field of an entity (``""``: the entity's own cell)."""

_ROLES = {role.value: role.value for role in QuoteRole}
# The cells that may be given in one row of a quote and left empty in its others.
_SHARED = ("speaker", "subgroup", "role", "page", "work")


@dataclass(slots=True)
class SheetFile(ParsedFile):
    """A sheet of quotes read as a study document, whose problems name their cells.

    Problems found later, when files are put together (an id another file has too, a work
    that names nothing), name the cell that gave the value, as those found on reading do.
    """

    places: dict[tuple[str, int], Places] = field(default_factory=dict, repr=False)

    def problem(self, path: Sequence[str | int], message: str, value: str | None = None) -> Problem:
        """Return a problem at ``path`` of the study document, named by its cell."""
        cell = self._cell(path, value)
        if cell is None:
            return Problem(tuple(path), message, None, None, self.path, value)
        return cell.problem(self.path, message, value)

    def describe(self, path: Sequence[str | int]) -> str:
        """Name a place by its cell, e.g. ``Sheet1!C7``."""
        cell = self._cell(path, None)
        return cell.place if cell is not None else format_path(path)

    def _cell(self, path: Sequence[str | int], value: str | None) -> Cell | None:
        if len(path) < 2 or not isinstance(path[1], int):  # noqa: PLR2004 - collection, index
            return None
        places = self.places.get((str(path[0]), path[1]))
        if places is None:
            return None
        cells = places.get(str(path[2]), []) if len(path) > 2 else []  # noqa: PLR2004
        if not cells:
            return places[""][0]
        index = path[3] if len(path) > 3 and isinstance(path[3], int) else None  # noqa: PLR2004
        given = self.data[str(path[0])][path[1]].get(str(path[2]))
        if index is None and value is not None and isinstance(given, list) and value in given:
            index = given.index(value)
        return cells[index] if index is not None and index < len(cells) else cells[0]


@dataclass(slots=True)
class _Quote:
    """A quote gathered from its rows."""

    data: dict[str, Any]
    places: Places
    cells: dict[str, Cell]
    """The first cell given of each column, for messages when a later row differs."""


def quotes_of(
    path: Path, rows: Sequence[QuoteRow], documents: Sequence[StudyDocument]
) -> tuple[SheetFile, list[Problem]]:
    """Return the study document the rows make, and the problems of its cells.

    Each row is a quote of its study: its theme named by id or label among the study's themes,
    its work the ``work`` cell, else the study's first report; rows of one id are one quote
    with the themes of all. A speaker with a subgroup is a participant of that subgroup.
    """
    known = Known.of(documents)
    prefix = slugify(path.stem, lower=True)
    misses: dict[str, list[Cell]] = {}
    quotes: dict[tuple[str, str], _Quote] = {}
    people = _People(known)
    for row in rows:
        try:
            _add(row, known, prefix, quotes, people)
        except _CellError as error:
            misses.setdefault(str(error), []).append(error.cell)
    problems = [_problem(path, message, cells) for message, cells in misses.items()]
    sheet = SheetFile(path, {"quotes": [quote.data for quote in quotes.values()]})
    sheet.data["participants"] = [person for person, _ in people.found.values()]
    for index, quote in enumerate(quotes.values()):
        sheet.places[("quotes", index)] = quote.places
    for index, (_, places) in enumerate(people.found.values()):
        sheet.places[("participants", index)] = places
    return sheet, problems


def _problem(path: Path, message: str, cells: list[Cell]) -> Problem:
    """Return the problem of the first cell; the others that have it too are counted.

    A study the files beside do not declare, or a theme name that names none of its themes,
    is said once however many rows repeat it.
    """
    more = len(cells) - 1
    if more:
        message += f" (and in {more} more row{'s' if more > 1 else ''})"
    return cells[0].problem(path, message)


class _CellError(ValueError):
    def __init__(self, cell: Cell, message: str) -> None:
        super().__init__(message)
        self.cell = cell


def _named(cell: Cell, find: Callable[..., str], *args: str) -> str:
    """Return what ``find`` gives for a cell's text; naming nothing is the cell's problem."""
    try:
        return find(*args, cell.text)
    except NoMatchError as miss:
        raise _CellError(cell, str(miss)) from None


def _add(
    row: QuoteRow,
    known: Known,
    prefix: str,
    quotes: dict[tuple[str, str], _Quote],
    people: _People,
) -> None:
    """Add one row: a new quote, or another theme of the quote of its id."""
    text = row.cells["quote"]
    study_cell = _required(row, "study")
    theme_cell = _required(row, "theme")
    study = _named(study_cell, known.study_id)
    theme = _named(theme_cell, known.theme, study)
    id_cell = row.get("id")
    local = id_cell.text if id_cell else "-".join(filter(None, (prefix, f"row-{row.number}")))
    quote = quotes.get((study, local))
    if quote is None:
        quote = quotes[study, local] = _Quote(
            {"id": local, "study": study, "text": text.text, "themes": []},
            {"": [text], "id": [id_cell or text], "study": [study_cell], "text": [text]},
            {"quote": text},
        )
    elif quote.data["text"] != text.text:
        first = quote.cells["quote"].place
        raise _CellError(
            text,
            f"the quote differs from the one {first} gives for the id {local!r}; expected the "
            "same words in every row of one quote",
        )
    if theme not in quote.data["themes"]:
        quote.data["themes"].append(theme)
        quote.places.setdefault("themes", []).append(theme_cell)
    for column in _SHARED:
        if (cell := row.get(column)) is not None:
            _give(quote, column, cell)
    _fill(quote, known, people)


def _required(row: QuoteRow, column: str) -> Cell:
    cell = row.get(column)
    if cell is None:
        message = f"the {column} is empty; expected the {_WHAT[column]}"
        raise _CellError(row.empty[column], message)
    return cell


_WHAT = {
    "study": "id of the study whose participant said the quote",
    "theme": "id or label of the theme the quote is coded under",
}


def _give(quote: _Quote, column: str, cell: Cell) -> None:
    first = quote.cells.setdefault(column, cell)
    if first.text != cell.text:
        raise _CellError(
            cell,
            f"{quoted(cell.text)} differs from {quoted(first.text)} that {first.place} gives for "
            f"the quote {quote.data['id']!r}; expected one {column} for one quote (or the cell "
            "left empty)",
        )


def _fill(quote: _Quote, known: Known, people: _People) -> None:
    """Set the fields of a quote that its first cells of each column give."""
    data, cells, places = quote.data, quote.cells, quote.places
    study = data["study"]
    work = cells.get("work")
    data["read_in"] = data["appears_in"] = work.text if work else known.works[study]
    places["read_in"] = places["appears_in"] = [work or places["study"][0]]
    if (role := cells.get("role")) is not None:
        data["role"] = _ROLES.get(role.text.strip().casefold())
        if data["role"] is None:
            roles = " or ".join(map(repr, _ROLES))
            raise _CellError(role, f"{quoted(role.text)} is not a role; expected {roles}")
        places["role"] = [role]
    if (page := cells.get("page")) is not None:
        data["page"] = page.text
        places["page"] = [page]
    speaker, subgroup = cells.get("speaker"), cells.get("subgroup")
    if speaker is not None:
        data["speaker"] = speaker.text
        places["speaker"] = places["participant"] = [speaker]
    if subgroup is not None:
        if speaker is None:
            raise _CellError(
                subgroup,
                "a subgroup without a speaker; expected the speaker beside it (the subgroup is "
                "the speaker's)",
            )
        people.add(study, speaker, subgroup)


class _People:
    """The participants the rows make: speakers placed in a subgroup, one per name."""

    def __init__(self, known: Known) -> None:
        self.known = known
        self.found: dict[tuple[str, str], tuple[dict[str, Any], Places]] = {}

    def add(self, study: str, speaker: Cell, subgroup: Cell) -> None:
        sample = _named(subgroup, self.known.sample, study)
        if (study, speaker.text) in self.found:
            person, places = self.found[study, speaker.text]
            if person["sample"] != sample:
                first = places["sample"][0]
                raise _CellError(
                    subgroup,
                    f"the speaker {quoted(speaker.text)} is in the subgroup {person['sample']!r} "
                    f"at {first.place}; expected one subgroup for one speaker",
                )
            return
        declared = self.known.participants.get(study, {})
        ids = speaker_matches(speaker.text, declared.values())
        if len(ids) > 1:
            raise _CellError(
                speaker,
                f"the speaker {quoted(speaker.text)} names {len(ids)} participants of the study "
                f"{study!r}; expected one",
            )
        if ids:
            local = ids[0]
            given = declared[local].sample
            if given is not None and given != sample:
                raise _CellError(
                    subgroup,
                    f"{quoted(subgroup.text)} is not the subgroup {given!r} that the files "
                    f"loaded beside give the participant {local!r}; expected that one",
                )
        else:
            local = self._new_id(study, speaker.text)
        person = {"id": local, "study": study, "name": speaker.text, "sample": sample}
        places = {"": [speaker], "id": [speaker], "name": [speaker], "sample": [subgroup]}
        self.found[study, speaker.text] = (person, places)

    def _new_id(self, study: str, name: str) -> str:
        taken = set(self.known.participants.get(study, {}))
        taken |= {person["id"] for (other, _), (person, _) in self.found.items() if other == study}
        base = slugify(name, lower=True) or "participant"
        local, number = base, 1
        while local in taken:
            number += 1
            local = f"{base}-{number}"
        return local
