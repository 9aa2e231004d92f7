"""Progress bars for long work: shown on a terminal, silent otherwise."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

__all__ = ["on_terminal", "steps"]

Advance = Callable[[int], None]
"""Moves a bar on by some steps."""


def on_terminal() -> bool:
    """Whether standard error is a terminal, where a progress bar may be drawn."""
    return sys.stderr.isatty()


def _silent(_: int = 1) -> None:
    """Move no bar."""


@contextmanager
def steps(description: str, total: int | None, *, show: bool) -> Iterator[Advance]:
    """Yield a function that moves a progress bar of ``total`` steps on, if ``show``.

    The bar is drawn on standard error while the block runs and cleared after it; without
    ``show`` the function does nothing.

    Examples:
        >>> with steps("reading", 3, show=False) as advance:
        ...     advance(1)
    """
    if not show:
        yield _silent
        return
    # rich is imported only when a bar is drawn: loading the library does not pay for it.
    from rich.console import Console  # noqa: PLC0415
    from rich.progress import (  # noqa: PLC0415
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    with bar:
        task = bar.add_task(description, total=total)

        def advance(count: int = 1) -> None:
            bar.advance(task, count)

        yield advance
