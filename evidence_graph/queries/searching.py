"""Texts folded once and searched as one: which of many texts hold some words, in one scan."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from typing import Generic, TypeVar

from evidence_graph.folding import fold

__all__ = ["FoldedTexts"]

T = TypeVar("T")

_BETWEEN = b"\x00"
"""What stands between two texts in the joined text."""


class FoldedTexts(Generic[T]):
    r"""Items with their texts folded (:func:`~evidence_graph.folding.fold`), for searching.

    The folded texts are joined into one UTF-8 string, between each two a NUL, and searched
    for words with one ``bytes.find`` after another: UTF-8 finds a text's characters only
    where they start, so an item is found exactly when its folded text contains the words.

    Examples:
        >>> texts = FoldedTexts([("a", "Førde Café"), ("b", "a café"), ("c", "tea")])
        >>> list(texts.containing(fold("CAFE")))
        ['a', 'b']
        >>> list(texts.containing("e\x00a"))  # words with a NUL are looked for text by text
        []
    """

    def __init__(self, items: Iterable[tuple[T, str]]) -> None:
        """Fold and join the texts of ``(item, text)`` pairs, in their order."""
        self.items: list[T] = []
        self._starts: list[int] = []
        parts: list[bytes] = []
        start = 0
        for item, text in items:
            part = fold(text).encode("utf-8", "surrogatepass")
            self.items.append(item)
            self._starts.append(start)
            parts.append(part)
            start += len(part) + len(_BETWEEN)
        self._text = _BETWEEN.join(parts)

    def containing(self, words: str) -> Iterator[T]:
        """Yield each item whose folded text contains ``words`` (folded already), in order."""
        wanted = words.encode("utf-8", "surrogatepass")
        if _BETWEEN in wanted or not wanted:
            yield from (item for item, text in self._texts() if wanted in text)
            return
        found = self._text.find(wanted)
        while found != -1:
            index = bisect_right(self._starts, found) - 1
            yield self.items[index]
            if index + 1 == len(self._starts):
                return
            found = self._text.find(wanted, self._starts[index + 1])

    def _texts(self) -> Iterator[tuple[T, bytes]]:
        """Each item with its folded text, as UTF-8."""
        ends = [start - len(_BETWEEN) for start in self._starts[1:]]
        ends.append(len(self._text))
        for item, start, end in zip(self.items, self._starts, ends, strict=False):
            yield item, self._text[start:end]
