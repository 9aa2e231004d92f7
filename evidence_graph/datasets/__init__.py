"""The datasets shipped with evidence_graph, by name."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import NamedTuple

from evidence_graph.exceptions import DatasetNotFoundError

__all__ = ["DATASETS", "Dataset", "dataset_path", "dataset_paths"]


class Dataset(NamedTuple):
    """A built-in dataset: its name, what it holds, its study file, and the datasets it needs."""

    name: str
    title: str
    path: Path
    requires: tuple[str, ...] = ()


_HERE = Path(__file__).parent

DATASETS: dict[str, Dataset] = {
    dataset.name: dataset
    for dataset in (
        Dataset(
            "kverme2019",
            "Kverme, Natvik, Veseth & Moltu (2019), Moving Toward Connectedness, Frontiers in "
            "Psychology 10:430, with the magazine article that summarises it",
            _HERE / "kverme2019.yaml",
        ),
        Dataset(
            "bpd-literature",
            "The BPD literature around kverme2019 (which it includes): prevalence, outcomes, "
            "recovery, and the CHIME framework with the Kverme themes mapped onto it",
            _HERE / "bpd-literature.yaml",
            requires=("kverme2019",),
        ),
    )
}
"""The built-in datasets, by name."""


def _dataset(name: str) -> Dataset:
    try:
        return DATASETS[name]
    except KeyError:
        close = difflib.get_close_matches(name, DATASETS, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f"; built-in: {', '.join(DATASETS)}"
        raise DatasetNotFoundError(name, hint) from None


def dataset_path(name: str) -> Path:
    """Return the study file of the built-in dataset ``name`` (without those it requires).

    Examples:
        >>> dataset_path("kverme2019").name
        'kverme2019.yaml'

    Raises:
        DatasetNotFoundError: If no built-in dataset has that name.
    """
    return _dataset(name).path


def dataset_paths(name: str) -> list[Path]:
    """Return the study files that loading the dataset ``name`` reads: those it requires first.

    Examples:
        >>> [path.name for path in dataset_paths("bpd-literature")]
        ['kverme2019.yaml', 'bpd-literature.yaml']

    Raises:
        DatasetNotFoundError: If no built-in dataset has that name.
    """
    dataset = _dataset(name)
    paths = [path for required in dataset.requires for path in dataset_paths(required)]
    return list(dict.fromkeys([*paths, dataset.path]))
