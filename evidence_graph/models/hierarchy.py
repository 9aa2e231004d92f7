"""Parent chains (a theme's parent, a subgroup's whole): their loops and their depth.

Each is found in time linear in the number of entities, every entity walked once, so that a
chain of thousands is checked at once and refused before anything walks its tree.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

__all__ = ["MAX_LEVELS", "cycles", "too_deep"]

MAX_LEVELS = 100
"""The most levels a theme tree, or a sample with its subgroups, may have.

The overarching themes (a whole sample) are the first level, their sub-themes (subgroups) the
second, and so on: a theme with 99 themes above it is on the last level allowed.
"""


def cycles(parent_of: Mapping[str, str | None]) -> Iterator[tuple[str, list[str]]]:
    """Yield each cycle of a parent relation once: the id whose parent closes it, and the loop.

    A parent that is not a key of ``parent_of`` ends a chain.

    Examples:
        >>> list(cycles({"a": "b", "b": "a", "c": "a"}))
        [('b', ['a', 'b', 'a'])]
        >>> list(cycles({"a": None, "b": "a", "c": "c"}))
        [('c', ['c', 'c'])]
    """
    walked: set[str] = set()
    for start in parent_of:
        chain: dict[str, int] = {}  # the ids of this walk, each with its place in it
        current: str | None = start
        while current is not None and current in parent_of and current not in walked:
            if current in chain:
                loop = list(chain)[chain[current] :]
                yield loop[-1], [*loop, current]
                break
            chain[current] = len(chain)
            current = parent_of[current]
        walked.update(chain)


def too_deep(parent_of: Mapping[str, str | None]) -> Iterator[tuple[str, int, str]]:
    """Yield each id on level ``MAX_LEVELS + 1``, with that level and the top of its chain.

    An id below it is not named again: one chain past the bound is reported once. Ids on a
    cycle, or below one, have no level (the cycle is reported by :func:`cycles`).

    Examples:
        >>> chain = {"0": None} | {str(n): str(n - 1) for n in range(1, 150)}
        >>> list(too_deep(chain))
        [('100', 101, '0')]
        >>> list(too_deep({"a": "b", "b": "a"}))
        []
    """
    level: dict[str, int | None] = {}  # None: on or below a cycle
    top: dict[str, str] = {}
    for start in parent_of:
        chain: list[str] = []
        current: str | None = start
        while current is not None and current in parent_of and current not in level:
            level[current] = None  # walking: met again on this walk, it closes a cycle
            chain.append(current)
            current = parent_of[current]
        above: int | None = 0
        head = chain[-1] if chain else start
        if current is not None and current in parent_of:  # a theme met before, or a cycle
            above, head = level[current], top.get(current, current)
        if above is None:
            continue
        for place, found in enumerate(reversed(chain), start=1):
            level[found], top[found] = above + place, head
            if above + place == MAX_LEVELS + 1:
                yield found, MAX_LEVELS + 1, head
