"""A REFI-QDA file given as a source, with the choices its reading leaves to the user."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from evidence_graph.display import quoted
from evidence_graph.ids import check_slug
from evidence_graph.qda.offsets import OffsetUnit

__all__ = ["QDA_SUFFIXES", "QdaProject"]

QDA_SUFFIXES = (".qdpx", ".qdc")
"""The endings of REFI-QDA files read as sources: projects, and codebooks."""


@dataclass(frozen=True, slots=True)
class QdaProject(os.PathLike[str]):
    """A REFI-QDA project (``.qdpx``) or codebook (``.qdc``), as a source, with how to read it.

    It is a path (:class:`os.PathLike`), so :func:`~evidence_graph.load` and the other loading
    functions take it wherever they take a file; a ``.qdpx`` or ``.qdc`` file given as a plain
    path is read as ``QdaProject(path)``.

    Attributes:
        path: The ``.qdpx`` or ``.qdc`` file.
        study: The local id of the study the project is (or the codebook's themes belong to),
            e.g. that of a study file loaded beside it; by default the slug of the project's
            name (of a codebook's file name).
        sample: The local id of the whole sample its cases are, as a study file loaded beside
            declares it; by default ``cases``, declared by the project itself.
        offsets: What the selections' offsets count: ``"code-points"`` or ``"utf-16"``; by
            default ``"utf-16"`` for a project that NVivo wrote (its ``origin`` says so),
            else code points.

    Examples:
        >>> QdaProject("interviews.qdpx", study="kverme2019", offsets="utf-16").offsets
        <OffsetUnit.UTF_16: 'utf-16'>
        >>> QdaProject("notes.txt")
        Traceback (most recent call last):
        ...
        ValueError: 'notes.txt': expected a REFI-QDA project (.qdpx) or codebook (.qdc)
    """

    path: Path
    study: str | None = None
    sample: str | None = None
    offsets: OffsetUnit | None = None

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        study: str | None = None,
        sample: str | None = None,
        offsets: OffsetUnit | str | None = None,
    ) -> None:
        file = Path(path)
        if file.suffix.lower() not in QDA_SUFFIXES:
            raise ValueError(
                f"{quoted(os.fspath(path))}: expected a REFI-QDA project (.qdpx) or codebook (.qdc)"
            )
        for name, value in (("study", study), ("sample", sample)):
            if value is not None:
                try:
                    check_slug(value)
                except ValueError as error:
                    raise ValueError(f"{name}: {error}") from None
        if offsets is not None and offsets not in set(OffsetUnit):
            units = " or ".join(repr(unit.value) for unit in OffsetUnit)
            raise ValueError(f"offsets: expected {units}, not {quoted(offsets)}")
        object.__setattr__(self, "path", file)
        object.__setattr__(self, "study", study)
        object.__setattr__(self, "sample", sample)
        object.__setattr__(self, "offsets", None if offsets is None else OffsetUnit(offsets))

    def __fspath__(self) -> str:
        return os.fspath(self.path)
