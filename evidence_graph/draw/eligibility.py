"""The ``eligibility`` drawing: a profile against each study, as a table.

Studies are rows; the columns are the study's verdict, whether the profile lies within its
sample, and then each thing the studies' criteria and samples check (a condition, months
since the diagnosis, being in treatment, age, sex …). A cell says what the check says, in
words and by a mark (``✓ admits``, ``✗ excludes``, ``? unknown`` with why), and is tinted
to match: blue where the profile is let in or lies within, vermillion where it is kept out or
lies outside, grey where nobody can tell. The rows are those of
:func:`~evidence_graph.queries.studies_matching`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from evidence_graph.draw.canvas import Canvas
from evidence_graph.draw.drawing import Drawing
from evidence_graph.draw.labels import TINTS, Cell, cell, table
from evidence_graph.graph import EvidenceGraph
from evidence_graph.queries import MatchRow, Outcome, Profile, Verdict, studies_matching

__all__ = ["eligibility"]

_MARKS: dict[str, tuple[str, str]] = {
    Outcome.ADMITS.value: ("✓", TINTS["blue"]),
    Outcome.WITHIN.value: ("✓", TINTS["blue"]),
    Outcome.EXCLUDES.value: ("✗", TINTS["vermillion"]),
    Outcome.OUTSIDE.value: ("✗", TINTS["vermillion"]),
    Outcome.UNKNOWN.value: ("?", TINTS["grey"]),
    Verdict.ELIGIBLE.value: ("✓", TINTS["blue"]),
    Verdict.NOT_ELIGIBLE.value: ("✗", TINTS["vermillion"]),
}
"""The mark and tint of each outcome, verdict and fit, by value ('unknown' is one of all three;
'within' and 'outside' are outcomes and fits)."""

_WIDTH = 26
_UNCONSTRAINED = "other criteria"


def eligibility(graph: EvidenceGraph, profile: Profile | None = None) -> Drawing:
    """Draw whether a profile meets each study's criteria and lies within its sample.

    Args:
        graph: The evidence graph.
        profile: The prospective participant; a check it says nothing for is unknown.

    Examples:
        >>> from evidence_graph import load_graph
        >>> drawing = eligibility(load_graph("kverme2019"), Profile(in_treatment=True))
        >>> "✓ admits" in drawing.source and "? unknown" in drawing.source
        True
    """
    asked = profile or Profile()
    rows = studies_matching(graph, asked)
    by_study: dict[str, list[MatchRow]] = defaultdict(list)
    for row in rows:
        by_study[row.study_id].append(row)
    columns = _columns(rows)
    header = [cell(name, bold=True, width=18, align="CENTER") for name in ("study", *columns)]
    body = [
        [
            cell(study, bold=True, width=18),
            *(_cell(column, checks) for column, checks in _cells(columns, found)),
        ]
        for study, found in sorted(by_study.items())
    ]
    canvas = Canvas("eligibility", f"Eligibility of {_profile_words(asked)}")
    legend = (
        "✓ admits, lies within    ✗ excludes, lies outside    ? unknown, with why    "
        "– the study checks no such thing"
    )
    body.append([cell(legend, italic=True, size=9, span=len(header), width=90)])
    label = table([header, *body], border=1, cellborder=1, padding=4)
    canvas.node("#table", label, kind="eligibility", shape="plaintext", style="")
    return canvas.drawing()


def _columns(rows: Sequence[MatchRow]) -> list[str]:
    """Name the columns: verdict and sample fit, then the criteria's, then the samples' checks."""
    criteria = sorted(
        {_words(row.about) for row in rows if row.check == "criterion" and row.about is not None}
    )
    loose = any(row.check == "criterion" and row.about is None and row.item for row in rows)
    samples = sorted(
        {f"sample {row.about}" for row in rows if row.check == "sample" and row.about is not None}
    )
    return ["verdict", "sample fit", *criteria, *([_UNCONSTRAINED] if loose else []), *samples]


def _cells(columns: list[str], rows: list[MatchRow]) -> list[tuple[str, list[MatchRow]]]:
    """Return each column with the study's checks that fall in it (the first two: any row)."""
    found: dict[str, list[MatchRow]] = {column: [] for column in columns}
    for row in rows:
        if row.check == "sample":
            if row.about is not None:
                found[f"sample {row.about}"].append(row)
        elif row.about is not None:
            found[_words(row.about)].append(row)
        elif row.item is not None:
            found[_UNCONSTRAINED].append(row)
    found["verdict"] = found["sample fit"] = rows[:1]
    return list(found.items())


def _cell(column: str, checks: list[MatchRow]) -> Cell:
    """Say a study's checks of one column, each on its lines, the cell tinted by the worst."""
    if not checks:
        return Cell(["–"], fill="white", align="CENTER")
    if column == "verdict":
        return _said([_Said(checks[0].verdict.value)])
    if column == "sample fit":
        return _said([_Said(checks[0].sample_fit.value, why=checks[0].sample_fit_detail)])
    return _said([_check(check, several=len(checks) > 1) for check in checks])


@dataclass(frozen=True, slots=True)
class _Said:
    """One outcome a cell says, with what it is of, why it is unknown, and the rule's words."""

    outcome: str
    what: str | None = None
    why: str | None = None
    stated: str | None = None


def _check(check: MatchRow, *, several: bool) -> _Said:
    if check.check == "sample":
        what = (check.item or "").rsplit("/", 1)[-1] if several else None
        stated = f"reports {check.text}" if check.text else None
    else:
        what = check.kind.value if check.kind else None
        stated = f"“{check.text}”" if check.text else None
    return _Said(check.outcome.value, what, check.reason, stated)


def _said(outcomes: list[_Said]) -> Cell:
    lines: list[str] = []
    for said in outcomes:
        mark = _MARKS[said.outcome][0]
        head = f"{mark} {said.outcome.replace('-', ' ')}" + (f" ({said.what})" if said.what else "")
        lines.extend(cell(head, width=_WIDTH).text)
        if said.stated:
            lines.extend(cell(said.stated, width=_WIDTH).text)
        if said.why and said.outcome == Outcome.UNKNOWN.value:
            lines.extend(cell(said.why, width=_WIDTH).text)
    values = {said.outcome for said in outcomes}
    worst = next(
        (name for name in ("excludes", "outside", "not-eligible") if name in values),
        "unknown" if "unknown" in values else outcomes[0].outcome,
    )
    return Cell(lines, fill=_MARKS[worst][1], size=9)


def _words(about: str) -> str:
    return about.replace("_", " ").replace("-", " ")


def _profile_words(profile: Profile) -> str:
    """Say the profile in words: 'a profile: sex female, age 25, in treatment yes'."""
    said = [
        f"{name.replace('_', ' ')} {_value(value)}"
        for name, value in profile.model_dump(mode="json", exclude_none=True).items()
    ]
    return "a profile: " + ", ".join(said) if said else "an empty profile (every check unknown)"


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
