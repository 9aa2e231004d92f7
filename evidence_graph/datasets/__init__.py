"""The datasets shipped with evidence_graph, by name."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import NamedTuple

from evidence_graph.exceptions import DatasetNotFoundError

__all__ = ["DATASETS", "Dataset", "dataset_path"]


class Dataset(NamedTuple):
    """A built-in dataset: its name, what it holds, and the study file it is."""

    name: str
    title: str
    path: Path


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
    )
}
"""The built-in datasets, by name."""


def dataset_path(name: str) -> Path:
    """Return the study file of the built-in dataset ``name``.

    Examples:
        >>> dataset_path("kverme2019").name
        'kverme2019.yaml'

    Raises:
        DatasetNotFoundError: If no built-in dataset has that name.
    """
    try:
        return DATASETS[name].path
    except KeyError:
        close = difflib.get_close_matches(name, DATASETS, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f"; built-in: {', '.join(DATASETS)}"
        raise DatasetNotFoundError(name, hint) from None
