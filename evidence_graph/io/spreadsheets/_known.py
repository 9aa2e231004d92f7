"""What the files loaded beside a sheet of quotes declare: studies, themes, samples, people."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from evidence_graph.display import quoted
from evidence_graph.folding import fold
from evidence_graph.models import Participant, Sample, Study, StudyDocument, Theme, Work, WorkType

__all__ = ["Known", "NoMatchError"]


class NoMatchError(ValueError):
    """A cell that names nothing, or several things, of what the files loaded beside declare."""


def _key(text: str) -> str:
    """Return a name folded for matching: case, accents, quote marks and spaces ignored.

    Examples:
        >>> _key("  Learning to Hold One’s  Own ") == _key("learning to hold one's own")
        True
    """
    return " ".join(fold(text).split())


def _one(found: Iterable[str], what: str, text: str) -> str | None:
    ids = list(dict.fromkeys(found))
    if len(ids) > 1:
        names = " and ".join(quoted(name) for name in ids)
        raise NoMatchError(
            f"{quoted(text)} names {len(ids)} {what}s, {names}; expected one (give its id)"
        )
    return ids[0] if ids else None


def _by_names(text: str, items: Sequence[tuple[str, tuple[str, ...]]], what: str) -> str | None:
    """Return the id of the one item ``text`` names: by id, name, then name folded."""
    steps: tuple[Callable[[str, tuple[str, ...]], bool], ...] = (
        lambda key, _: key == text,
        lambda _, names: text in names,
        lambda _, names: _key(text) in {_key(name) for name in names},
    )
    for step in steps:
        found = _one((key for key, names in items if step(key, names)), what, text)
        if found is not None:
            return found
    return None


def _report(ref: str, work: Work | None) -> tuple[bool, bool, str]:
    """Rank a work a study is reported in, as a quote's default work, whatever the files' order.

    A publication comes before a dataset (a QDA project), one with a DOI first, then by
    reference. The last item is the reference: the DOI where the work has one, else its id.
    """
    dataset = work is not None and work.type is WorkType.DATASET
    doi = work.doi if work is not None else None
    return dataset, doi is None, doi or ref


@dataclass(slots=True)
class Known:
    """The entities of the other files that a sheet's cells may name, by study."""

    studies: dict[str, Study] = field(default_factory=dict)
    works: dict[str, str] = field(default_factory=dict)
    """Each study's report a quote is read in by default, as a reference: a publication
    before a dataset, one with a DOI first (its DOI), then the first by reference."""
    themes: dict[str, dict[str, Theme]] = field(default_factory=dict)
    samples: dict[str, dict[str, Sample]] = field(default_factory=dict)
    participants: dict[str, dict[str, Participant]] = field(default_factory=dict)

    @classmethod
    def of(cls, documents: Iterable[StudyDocument]) -> Known:
        """Return what the documents declare."""
        known = cls()
        reports: dict[str, set[tuple[bool, bool, str]]] = {}
        for document in documents:
            works: dict[str, Work] = {work.id: work for work in document.works}
            for study in document.studies:
                known.studies.setdefault(study.id, study)
                reports.setdefault(study.id, set()).update(
                    _report(ref, works.get(ref)) for ref in study.reported_in
                )
            for theme in document.themes:
                known.themes.setdefault(theme.study, {}).setdefault(theme.id, theme)
            for sample in document.samples:
                known.samples.setdefault(sample.study, {}).setdefault(sample.id, sample)
            for person in document.participants:
                known.participants.setdefault(person.study, {}).setdefault(person.id, person)
        known.works = {study: min(found)[2] for study, found in reports.items()}
        return known

    def study_id(self, text: str) -> str:
        """Return the id of the study a cell names by its id.

        Raises:
            NoMatchError: If no file loaded beside declares it.
        """
        if text in self.studies:
            return text
        ids = sorted(self.studies)
        close = difflib.get_close_matches(text, ids, n=3)
        hint = f"; did you mean {' or '.join(map(quoted, close))}?" if close else ""
        declared = f" (they declare {', '.join(map(quoted, ids))})" if ids and not close else ""
        raise NoMatchError(
            f"{quoted(text)} is not the id of a study that the files loaded with this one "
            f"declare{declared}; expected the id of a study declared in a study file loaded "
            f"beside it{hint}"
        )

    def theme(self, study: str, text: str) -> str:
        """Return the id of the theme of ``study`` a cell names: by id, label or other label.

        Raises:
            NoMatchError: If it names none of the study's themes, or several.
        """
        themes = self.themes.get(study, {})
        if not themes:
            raise NoMatchError(
                f"the study {study!r} has no themes in the files loaded with this one; expected "
                "a theme of the study (load the file that declares its themes beside this one)"
            )
        items = [(key, (theme.label, *theme.alt_labels)) for key, theme in themes.items()]
        if (found := _by_names(text, items, "theme")) is not None:
            return found
        raise NoMatchError(_unknown(text, "theme", "label", study, items))

    def sample(self, study: str, text: str) -> str:
        """Return the id of the sample or subgroup of ``study`` a cell names: by id or description.

        Raises:
            NoMatchError: If it names none of the study's samples, or several.
        """
        samples = self.samples.get(study, {})
        items = [
            (key, (sample.description,) if sample.description else ())
            for key, sample in samples.items()
        ]
        if (found := _by_names(text, items, "sample")) is not None:
            return found
        if not items:
            raise NoMatchError(
                f"the study {study!r} has no samples in the files loaded with this one; expected "
                "a subgroup of the study (load the file that declares its samples beside this one)"
            )
        raise NoMatchError(_unknown(text, "sample", "description", study, items))


def _unknown(
    text: str, what: str, name: str, study: str, items: Sequence[tuple[str, tuple[str, ...]]]
) -> str:
    names = [key for key, _ in items] + [label for _, labels in items for label in labels]
    by_key = {_key(label): label for label in names}
    close = [by_key[key] for key in difflib.get_close_matches(_key(text), list(by_key), n=3)]
    hint = f"; did you mean {' or '.join(map(quoted, close))}?" if close else ""
    return (
        f"{quoted(text)} is neither the id nor the {name} of a {what} of the study {study!r}; "
        f"expected the id or {name} of one of its {len(items)} {what}s{hint}"
    )
