"""Text folding: the one rule by which labels and searches ignore case, accents and quote marks.

Python and the SPARQL catalogue must agree to the character, so the rule is a short list of
regular-expression replacements that both can run: Python with :func:`re.sub`, SPARQL with a
chain of ``REPLACE`` calls (:func:`sparql_fold` writes them). Both lower-case first, with
Unicode's full case mapping (Python's :meth:`str.lower`, SPARQL's ``LCASE``); they agree on every
character that Python's Unicode version assigns (a store built on a newer Unicode may lower-case
characters added since then, which Python leaves alone).
"""

from __future__ import annotations

import re

__all__ = ["FOLDS", "fold", "sparql_fold"]

FOLDS: tuple[tuple[str, str], ...] = (
    ("[\u0300-\u036f]", ""),  # combining accents, as in a decomposed "é"
    ("[àáâãäåāăąǎ]", "a"),
    ("[çćĉċč]", "c"),
    ("[ďđ]", "d"),
    ("[èéêëēĕėęě]", "e"),
    ("[ĝğġģ]", "g"),
    ("[ĥħ]", "h"),
    ("[ìíîïĩīĭįıǐ]", "i"),
    ("[ĵ]", "j"),
    ("[ķ]", "k"),
    ("[ĺļľŀł]", "l"),
    ("[ñńņň]", "n"),
    ("[òóôõöøōŏőǒ]", "o"),
    ("[ŕŗř]", "r"),
    ("[śŝşšș]", "s"),
    ("[ţťŧț]", "t"),
    ("[ùúûüũūŭůűųǔ]", "u"),
    ("[ŵ]", "w"),
    ("[ýÿŷ]", "y"),
    ("[źżž]", "z"),
    ("æ", "ae"),
    ("œ", "oe"),
    ("ß", "ss"),
    ("þ", "th"),
    ("ð", "d"),
    ("[\u2018\u2019\u201a\u201b\u02bc`\u00b4\u2032]", "'"),  # curly and other apostrophes
    ("[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]", '"'),  # curly and other quotation marks
    ("[\u2010\u2011\u2012\u2013\u2014]", "-"),  # hyphens and dashes
    ("[\u00a0\u2007\u202f]", " "),
)
"""The replacements, in the order they run on lower-cased text: each a pattern and its
replacement. Combining accents go, and the accented letters of Latin-1 and Latin Extended-A lose
theirs (é becomes e, ø becomes o, æ becomes ae; letters beyond those blocks, such as the
Vietnamese ễ, keep them); curly apostrophes and quotation marks become straight ones, dashes
become hyphens and no-break spaces plain spaces."""

_COMPILED = tuple((re.compile(pattern), replacement) for pattern, replacement in FOLDS)


def fold(text: str) -> str:
    r"""Return ``text`` lower-cased, without accents, with straight quote marks and plain spaces.

    Two texts that a reader would call the same words fold to the same string.

    Examples:
        >>> fold("Learning to Hold One’s Own") == fold("learning to hold one's own")
        True
        >>> fold("Førde\u00a0Café")
        'forde cafe'
    """
    folded = text.lower()
    for pattern, replacement in _COMPILED:
        folded = pattern.sub(replacement, folded)
    return folded


def _sparql_string(text: str) -> str:
    r"""Return ``text`` as a SPARQL string literal, invisible characters as ``\u`` escapes."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char.isprintable() and not 0x300 <= ord(char) <= 0x36F:  # noqa: PLR2004
            out.append(char)
        else:
            out.append(f"\\u{ord(char):04X}")
    return '"' + "".join(out) + '"'


def sparql_fold(source: str, target: str, indent: str = "  ") -> str:
    """Return SPARQL ``BIND`` lines that set ``target`` to :func:`fold` of ``source``.

    One ``BIND`` per replacement, each on the last one's result: nested ``REPLACE`` calls would
    read the same but some engines evaluate them in time exponential in the depth.

    Examples:
        >>> lines = sparql_fold("?label", "?label_folded").splitlines()
        >>> lines[0], len(lines) == len(FOLDS) + 1
        ('  BIND(LCASE(?label) AS ?label_0)', True)
        >>> lines[-1].endswith("AS ?label_folded)")
        True
    """
    stem = source.lstrip("?")
    lines = [f"{indent}BIND(LCASE({source}) AS ?{stem}_0)"]
    for step, (pattern, replacement) in enumerate(FOLDS):
        into = target if step == len(FOLDS) - 1 else f"?{stem}_{step + 1}"
        lines.append(
            f"{indent}BIND(REPLACE(?{stem}_{step}, {_sparql_string(pattern)}, "
            f"{_sparql_string(replacement)}) AS {into})"
        )
    return "\n".join(lines)
