"""Corpus sizes, in triples, as people write them: ``10k``, ``100k``, ``1M`` or ``2500``."""

from __future__ import annotations

import re

__all__ = ["format_size", "parse_size", "parse_sizes"]

_SIZE = re.compile(r"(?P<number>\d+(?:\.\d+)?)(?P<unit>[kKmM]?)")
_UNITS = {"": 1, "k": 1_000, "m": 1_000_000}


def parse_size(text: str) -> int:
    """Return the number of triples ``text`` names: digits, with ``k`` or ``M`` after them.

    Examples:
        >>> parse_size("10k"), parse_size("1M"), parse_size("2.5k"), parse_size("1500")
        (10000, 1000000, 2500, 1500)
        >>> parse_size("ten")
        Traceback (most recent call last):
        ...
        ValueError: 'ten' is not a size: expected a number of triples such as 10k, 100k, 1M or 2500
    """
    match = _SIZE.fullmatch(text.strip())
    size = 0
    if match:
        size = round(float(match["number"]) * _UNITS[match["unit"].lower()])
    if size < 1:
        raise ValueError(
            f"{text!r} is not a size: expected a number of triples such as 10k, 100k, 1M or 2500"
        )
    return size


def parse_sizes(text: str) -> list[int]:
    """Return the sizes of a comma-separated list, in the order given, each once.

    Examples:
        >>> parse_sizes("10k,100k,1M")
        [10000, 100000, 1000000]
    """
    sizes: list[int] = []
    for part in text.split(","):
        size = parse_size(part)
        if size not in sizes:
            sizes.append(size)
    return sizes


def format_size(size: int) -> str:
    """Return a size as :func:`parse_size` reads it, as short as it can be.

    Examples:
        >>> format_size(10_000), format_size(1_000_000), format_size(2_500), format_size(999)
        ('10k', '1M', '2.5k', '999')
    """
    for unit, factor in (("M", 1_000_000), ("k", 1_000)):
        if size >= factor:
            return f"{size / factor:.10g}{unit}"
    return str(size)
