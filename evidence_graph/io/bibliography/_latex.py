"""LaTeX in BibTeX values decoded to text, in time linear in the length of the value.

pylatexenc, which bibtexparser decodes LaTeX with, gathers a run of plain characters one
character at a time into a growing string, so a run of a million characters takes minutes.
A long value is therefore cut into pieces of a few hundred characters, only between two plain
characters outside any math, environment, comment or macro argument, where LaTeX reads the
two sides the same whether apart or together; each piece is decoded on its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field as default

from bibtexparser import middlewares
from bibtexparser.model import Entry, Field

__all__ = ["decode_latex", "latex_pieces"]

PIECE = 512
"""The length past which a value is cut into pieces for decoding."""

_LIGATURES = frozenset("-`'!?")  # '--', '``', "''", '!`' and '?`' are one character in LaTeX
_MATH = {"$": "$", "$$": "$$", "\\(": "\\)", "\\[": "\\]"}  # each opener of math, its closer
_CLOSERS = frozenset(("\\)", "\\]"))
_SUPERSCRIPTS = frozenset("^_")  # followed by an argument, as a macro is
_ARGUMENTS = 3  # the most arguments a macro that pylatexenc knows takes, e.g. \frac's two
_PLAIN_RUN = re.compile(r"[^\\{}$%&~^_#\-`'!?\[\]]+")
"""A run of characters that LaTeX reads as themselves (white space among them)."""
_PLAIN = re.compile(r"[^\\$%&~^_#\-`'!?\[\]]*")
"""Text in which LaTeX reads every character as itself, but for braces, which it drops."""
_BRACES = str.maketrans("", "", "{}")


def latex_pieces(text: str, size: int = PIECE) -> list[str]:
    r"""Return ``text`` cut into pieces that decode, one by one, as the whole text does.

    A cut falls only between two plain characters outside math, ``\begin``/``\end``,
    comments and the arguments of a macro, never inside a ligature or a run of white space,
    and only once a piece has ``size`` characters. A cut inside braces closes them at the end
    of one piece and opens them again at the start of the next, which decodes the same, as the
    braces themselves decode to nothing.

    Examples:
        >>> latex_pieces(r"ab cd \'e fg {h i} jk", size=2)
        ['ab', ' c', "d \\'e fg {h}", '{ i} ', 'jk']
    """
    if len(text) <= size:
        return [text]
    scanner = _Scanner(text, size)
    while scanner.index < len(text):
        scanner.step()
    return [*scanner.pieces, scanner.reopen + text[scanner.start :]]


@dataclass(slots=True)
class _Scanner:
    """Where :func:`latex_pieces` is in a text, and what LaTeX has open there."""

    text: str
    size: int
    pieces: list[str] = default(default_factory=list)
    start: int = 0
    """Where the current piece starts."""
    reopen: str = ""
    """The braces the current piece opens again, as the previous one closed them."""
    index: int = 0
    groups: list[bool] = default(default_factory=list)
    """For each open brace: whether it may be cut (it is no macro's argument)."""
    uncut: int = 0
    """How many of the open braces may not be cut, kept as they open and close so that a
    text of many nested braces is read in time linear in its length."""
    environments: int = 0
    brackets: int = 0
    arguments: int = 0
    """How many arguments of a macro may still follow."""
    arguments_depth: int = 0
    """How many braces were open where that macro stood."""
    math: str = ""
    """The delimiter that ends the math the text is in, e.g. ``$`` or ``\\]``; empty outside."""
    math_depth: int = 0
    """How many braces were open where the math began."""
    irregular: bool = False
    """Whether math was opened inside math, or closed where none was open: the text is not cut
    after that, as where pylatexenc takes its math to end is not told here."""
    plain_before: bool = False
    """Whether the character before ``index`` is a plain one, after which a cut may fall."""

    def step(self) -> None:
        """Read what starts at ``index``: a macro, a comment, math, a brace, or plain text."""
        text, index = self.text, self.index
        char, before = text[index], self.plain_before
        self.plain_before = False
        if char == "\\":
            self._macro()
        elif char == "%":  # a comment, to the end of its line
            end = text.find("\n", index)
            self.index = len(text) if end < 0 else end + 1
        elif char == "$":
            token = "$$" if text.startswith("$$", index) and self.math != "$" else "$"
            self._delimiter(token, self._argument())
            self.index += len(token)
        else:
            self.index += 1
            depth = len(self.groups)
            argument = self._argument()
            if char == "{":
                cuttable = self._cuttable() and not argument
                self.groups.append(cuttable)
                self.uncut += not cuttable
                self.arguments -= argument
            elif char == "}":  # a stray closing brace decodes to nothing
                self._close_group()
            elif char == "[" and argument:  # a macro's optional argument
                self.brackets += 1
            elif char == "]" and self.brackets:
                self.brackets -= 1
            elif char in _SUPERSCRIPTS:
                self.arguments, self.arguments_depth = max(self.arguments, 1), depth
            elif argument:  # an argument (a ligature such as '---' is one), or a space
                ligature = char in _LIGATURES and text[index - 1] in _LIGATURES
                self.arguments -= not (char.isspace() or ligature or self.math)
            elif self._cuttable():
                self._plain(index, before)

    def _argument(self) -> bool:
        """Return whether what stands at ``index`` may be an argument of a macro before it."""
        return self.arguments > 0 and len(self.groups) == self.arguments_depth

    def _close_group(self) -> None:
        if not self.groups:
            return
        self.uncut -= not self.groups.pop()
        if len(self.groups) < self.arguments_depth:  # the macro's arguments end with its group
            self.arguments = 0
        if self.math and len(self.groups) < self.math_depth:  # math left open in braces
            self.irregular = True

    def _cuttable(self) -> bool:
        return (
            not (self.math or self.irregular)
            and self.environments <= 0
            and self.brackets == 0
            and self.uncut == 0
        )

    def _delimiter(self, token: str, argument: bool) -> None:
        r"""Open or close math at a ``$``, ``$$``, ``\(``, ``\)``, ``\[`` or ``\]``."""
        if self.math:
            ends_early = token != self.math or len(self.groups) != self.math_depth
            self.irregular = self.irregular or ends_early
            self.math = ""
            if self.arguments and len(self.groups) == self.arguments_depth:
                self.arguments -= 1  # the math was an argument
        elif token in _MATH:
            self.math, self.math_depth = _MATH[token], len(self.groups)
            self.irregular = self.irregular or argument  # a macro may take '$' as a character
        else:
            self.irregular = True

    def _macro(self) -> None:
        text, index = self.text, self.index
        end = index + 1
        while end < len(text) and text[end].isalpha():
            end += 1
        end = max(end, min(index + 2, len(text)))  # a control symbol such as \{ or \\
        word = text[index + 1 : end]
        if f"\\{word}" in _MATH or f"\\{word}" in _CLOSERS:
            self._delimiter(f"\\{word}", self._argument())
        self.environments += {"begin": 1, "end": -1}.get(word, 0)
        self.index, self.arguments, self.arguments_depth = end, _ARGUMENTS, len(self.groups)

    def _plain(self, index: int, before: bool) -> None:
        """Read plain text from ``index`` on, cutting it where a piece has grown long enough.

        ``before`` says whether the character before ``index`` is plain too.
        """
        text = self.text
        char = text[index]
        found = None if char in _LIGATURES else _PLAIN_RUN.match(text, index)
        end = found.end() if found else index + 1
        ligature = char in _LIGATURES and text[index - 1] in _LIGATURES
        cut = max(index if before and not ligature else index + 1, self.start + self.size)
        while cut < end:
            if text[cut].isspace() and text[cut - 1].isspace():
                cut += 1
                continue
            self.pieces.append(self.reopen + text[self.start : cut] + "}" * len(self.groups))
            self.start, self.reopen = cut, "{" * len(self.groups)
            cut += self.size
        self.index, self.plain_before = end, True


def decode_latex(
    decoder: middlewares.LatexDecodingMiddleware, texts: Sequence[str], size: int = PIECE
) -> list[str] | str:
    r"""Return each text with its LaTeX decoded, or the decoder's reason why it cannot be.

    A text longer than ``size`` is decoded in pieces (see :func:`latex_pieces`).

    Examples:
        >>> decode_latex(middlewares.LatexDecodingMiddleware(), [r"F{\o}rde", "a -- b"])
        ['Førde', 'a – b']
    """
    pieces = [latex_pieces(text, size) for text in texts]
    fields: list[Field] = []  # the pieces that need decoding; the others lose only their braces
    for number, text_pieces in enumerate(pieces):
        for index, piece in enumerate(text_pieces):
            if _PLAIN.fullmatch(piece):
                text_pieces[index] = piece.translate(_BRACES)
            else:
                fields.append(Field(f"{number}.{index}", piece))
    block = decoder.transform_entry(Entry("text", "text", fields), None)  # type: ignore[arg-type]
    if not isinstance(block, Entry):
        reason = str(getattr(block, "error", ""))
        return reason.removeprefix("Middleware could not be fully applied: ")
    for field in block.fields:
        number, index = map(int, field.key.split("."))
        pieces[number][index] = field.value
    return ["".join(text_pieces) for text_pieces in pieces]
