"""The exceptions and warnings of evidence_graph: one root each, a few subclasses.

Every error a user can cause derives from :class:`EvidenceGraphError`, and each subclass also
derives from the built-in exception a Python programmer would expect (``ValueError``,
``KeyError``, ``FileNotFoundError``), so ``except ValueError`` keeps working. Every warning
derives from :class:`EvidenceGraphWarning`, a ``UserWarning``.

The tree::

    EvidenceGraphError
    ├── StudyFileError (ValueError)
    ├── SourceNotFoundError (FileNotFoundError)
    │   └── DatasetNotFoundError
    ├── NodeNotFoundError (KeyError)
    ├── QueryError (ValueError)
    ├── NotWritableError (ValueError)
    ├── OutputError (OSError)
    ├── UsageError (ValueError)
    ├── StoreError
    ├── QueryTimeoutError (TimeoutError)
    ├── CredentialsError (ValueError)
    ├── MissingExtraError (ImportError)
    └── MissingProgramError (FileNotFoundError)
    EvidenceGraphWarning (UserWarning)
    ├── DroppedFieldsWarning
    ├── DroppedTriplesWarning
    ├── DrawingWarning
    ├── SkippedContentWarning
    ├── UnfollowedImportWarning
    └── UnknownColumnWarning
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from os import PathLike, fspath
from pathlib import Path

from evidence_graph.display import quoted, shorten

__all__ = [
    "CredentialsError",
    "DatasetNotFoundError",
    "DrawingWarning",
    "DroppedFieldsWarning",
    "DroppedTriplesWarning",
    "EvidenceGraphError",
    "EvidenceGraphWarning",
    "MissingExtraError",
    "MissingProgramError",
    "NodeNotFoundError",
    "NotWritableError",
    "OutputError",
    "Problem",
    "QueryError",
    "QueryTimeoutError",
    "SkippedContentWarning",
    "SourceNotFoundError",
    "SparqlError",
    "StoreError",
    "StudyFileError",
    "UnfollowedImportWarning",
    "UnknownColumnWarning",
    "UsageError",
    "format_path",
]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, and where it is.

    Attributes:
        path: Where in the document: keys and list indices, from the top.
        message: What was expected, in a sentence.
        line: The line in the file (1-based), where the parser knows it.
        column: The column in the file (1-based), where the parser knows it.
        file: The file, where the problem is one of several files read together.
        value: The offending value, where one value is at fault (e.g. an id that names nothing).
    """

    path: tuple[str | int, ...]
    message: str
    line: int | None = None
    column: int | None = None
    file: Path | None = None
    value: str | None = None

    @property
    def location(self) -> str:
        """The field path in dotted form, e.g. ``quotes[2].themes[0]``; ``(top)`` when empty."""
        return format_path(self.path)

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line is not None else ""
        if self.line is not None and self.column is not None and not self.path:
            # A problem of syntax or encoding: the column pinpoints it, e.g. in one-line JSON.
            where = f"line {self.line}, column {self.column}: "
        if not self.path:
            return f"{where}{self.message}"
        return f"{where}{self.location}: {self.message}"


def format_path(path: Sequence[str | int]) -> str:
    """Return a field path in dotted form, a long key in it cut (see :func:`~.display.shorten`).

    Examples:
        >>> format_path(("quotes", 2, "themes", 0))
        'quotes[2].themes[0]'
        >>> format_path(())
        '(top)'
    """
    text = ""
    for part in path:
        key = shorten(str(part))
        text += f"[{part}]" if isinstance(part, int) else (f".{key}" if text else key)
    return text or "(top)"


class EvidenceGraphError(Exception):
    """The root of every error evidence_graph raises on purpose."""


class StudyFileError(EvidenceGraphError, ValueError):
    """A study file, or a corpus built in code, is not what it should be.

    Attributes:
        file: The file that was read, or ``None`` for data built in code.
        problems: Every problem found, each with its field path and, where known, its line.
    """

    def __init__(self, file: Path | str | None, problems: Sequence[Problem]) -> None:
        self.problems = tuple(dict.fromkeys(problems))  # a problem found twice is said once
        if file is None:  # files read together, but every problem may still be in one of them
            files = {problem.file for problem in self.problems}
            file = files.pop() if len(files) == 1 else None
        self.file = Path(file) if file is not None else None
        super().__init__(self._render())

    def _render(self) -> str:
        files = {problem.file or self.file for problem in self.problems}
        name = str(self.file) if self.file is not None else "corpus"
        if len(files) > 1:
            lines = [f"{len(self.problems)} problems"]
            lines.extend(f"  {problem.file or name}: {problem}" for problem in self.problems)
            return "\n".join(lines)
        if len(self.problems) == 1:
            return f"{name}: {self.problems[0]}"
        lines = [f"{name}: {len(self.problems)} problems"]
        lines.extend(f"  {problem}" for problem in self.problems)
        return "\n".join(lines)

    @classmethod
    def of_file(
        cls, path: Path, message: str, line: int | None = None, column: int | None = None
    ) -> StudyFileError:
        """Return the error for one problem of a whole file (not of one of its fields)."""
        return cls(path, [Problem((), message, line, column, path)])


class SourceNotFoundError(EvidenceGraphError, FileNotFoundError):
    """A source named on the command line or to :func:`evidence_graph.load` does not exist.

    Attributes:
        source: The source as it was given.
        hint: What was probably meant, e.g. ``"; did you mean 'kverme2019'?"``, or ``""``.
    """

    def __init__(self, source: str, hint: str = "") -> None:
        self.source = source
        self.hint = hint
        message = f"{shorten(source)}: no such file, folder or built-in dataset"
        super().__init__(f"{message}{hint}")


class DatasetNotFoundError(SourceNotFoundError):
    """A built-in dataset name that the package does not ship."""


class NodeNotFoundError(EvidenceGraphError, KeyError):
    """An IRI or id that names no node of the graph.

    Attributes:
        key: The IRI or id that was asked for.
    """

    def __init__(self, key: str, kind: str = "node") -> None:
        self.key = key
        super().__init__(f"no {kind} {quoted(key)} in the graph")

    def __str__(self) -> str:
        return str(self.args[0])


class QueryError(EvidenceGraphError, ValueError):
    """A question asked with a parameter that is malformed or names nothing in the graph.

    Attributes:
        parameter: The parameter's name, as the command line spells it (e.g. ``theme``).
        value: The value given.
        suggestions: The closest valid values, best first; empty when none is close.
    """

    def __init__(
        self, parameter: str, value: str, expected: str, suggestions: Sequence[str] = ()
    ) -> None:
        self.parameter = parameter
        self.value = value
        self.suggestions = tuple(suggestions)
        hint = ""
        if self.suggestions:
            hint = "; did you mean " + " or ".join(quoted(s) for s in self.suggestions) + "?"
        super().__init__(f"{shorten(parameter)}: {quoted(value)}: {expected}{hint}")


class SparqlError(EvidenceGraphError, ValueError):
    """A SPARQL query that cannot be parsed, or bindings it does not declare.

    Attributes:
        source: Where the query came from: a file name, or the name of a catalogue query.
    """

    def __init__(self, source: str, message: str) -> None:
        self.source = source
        super().__init__(f"{source}: {message}")


class StoreError(EvidenceGraphError):
    """A triple store that could not be reached, refused a request, failed, or did not answer.

    Attributes:
        url: The endpoint asked (never with credentials).
        message: What went wrong, without the URL the text starts with.
        status: The HTTP status of the store's last answer, or None when there was none.
        reached: False when no try could connect to the store, so the request did nothing;
            True when one may have reached it.
    """

    def __init__(
        self, url: str, message: str, *, status: int | None = None, reached: bool = True
    ) -> None:
        self.url = url
        self.message = message
        self.status = status
        self.reached = reached
        super().__init__(f"{shorten(url)}: {message}")


class QueryTimeoutError(EvidenceGraphError, TimeoutError):
    """A query over the sources that ran past its time, and was given up.

    Attributes:
        source: Where the query came from (its file, or the question's name).
        seconds: The time it was given.
    """

    def __init__(self, source: str, seconds: float) -> None:
        self.source = source
        self.seconds = seconds
        super().__init__(
            f"{shorten(source)}: the query passed {seconds:g} s and was stopped; give it longer "
            f"with --timeout SECONDS (e.g. --timeout {seconds * 4:g})"
        )


class CredentialsError(EvidenceGraphError, ValueError):
    """Credentials for a store set in the environment in a way that cannot be used."""


class MissingExtraError(EvidenceGraphError, ImportError):
    """A feature that needs a package of an optional extra, called where it is not installed.

    Attributes:
        extra: The extra that brings the package, e.g. ``pandas``.
        package: The package missing, as it is imported.
        feature: What needs it, e.g. ``Rows.to_pandas``.

    Examples:
        >>> print(MissingExtraError("pandas", "pandas", "Rows.to_pandas"))
        Rows.to_pandas needs pandas, which is not installed; install it with: pip install 'evidence-graph[pandas]'
    """  # noqa: E501 - a doctest's output is one line

    def __init__(self, extra: str, package: str, feature: str) -> None:
        self.extra = extra
        self.package = package
        self.feature = feature
        super().__init__(
            f"{feature} needs {package}, which is not installed; install it with: "
            f"pip install 'evidence-graph[{extra}]'",
            name=package,
        )


class MissingProgramError(EvidenceGraphError, FileNotFoundError):
    """A feature that runs an outside program, called where the program is not installed.

    Attributes:
        program: The program missing, as it is run (``dot``).
        package: The Debian package that brings it (``graphviz``).
        feature: What needs it, e.g. ``a drawing in SVG``.

    Examples:
        >>> print(MissingProgramError("dot", "graphviz", "a drawing in SVG"))
        a drawing in SVG needs the program dot, which is not installed; install the package graphviz (Debian, Ubuntu: apt-get install graphviz; macOS: brew install graphviz)
    """  # noqa: E501 - a doctest's output is one line

    def __init__(self, program: str, package: str, feature: str) -> None:
        self.program = program
        self.package = package
        self.feature = feature
        super().__init__(
            f"{feature} needs the program {program}, which is not installed; install the "
            f"package {package} (Debian, Ubuntu: apt-get install {package}; macOS: brew "
            f"install {package})"
        )

    def __str__(self) -> str:
        return str(self.args[0])


class NotWritableError(EvidenceGraphError, ValueError):
    """A value that the output format asked for cannot carry, such as a work's citations in RIS."""


class OutputError(EvidenceGraphError, OSError):
    """A file that cannot be written: a folder, a full disk, a read-only file system, no right.

    Attributes:
        file: The file as it was named (``standard output`` for that).
        reason: Why it cannot be written, in plain words.
        errno: The operating system's error number, where it gave one.
    """

    def __init__(self, file: str | PathLike[str], reason: str, errno: int | None = None) -> None:
        self.file = fspath(file)
        self.reason = reason
        super().__init__(f"{self.file or repr(self.file)}: cannot write: {reason}")
        self.errno = errno
        self.filename = self.file

    def __str__(self) -> str:
        return str(self.args[0])


class UsageError(EvidenceGraphError, ValueError):
    """A command called in a way it cannot run: an option's value, or options that clash."""


class EvidenceGraphWarning(UserWarning):
    """The root of every warning evidence_graph gives."""


class DroppedFieldsWarning(EvidenceGraphWarning):
    """Fields of a bibliography entry that a work cannot hold, such as its editors."""


class DroppedTriplesWarning(EvidenceGraphWarning):
    """RDF triples read from a file that a corpus cannot hold; :func:`load_graph` keeps them."""


class SkippedContentWarning(EvidenceGraphWarning):
    """Parts of a file that a corpus cannot hold, left out: a QDA project's pictures, say."""


class UnfollowedImportWarning(EvidenceGraphWarning):
    """An RDF file ``owl:imports`` an ontology, which is never fetched."""


class DrawingWarning(EvidenceGraphWarning):
    """A drawing written other than asked: a bitmap Graphviz had to scale down, say."""


class UnknownColumnWarning(EvidenceGraphWarning):
    """Columns of a spreadsheet of quotes that are not read: one warning per file, naming each."""
