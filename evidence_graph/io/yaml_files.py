"""Reading YAML safely: no duplicate key, and bounds on nesting, on aliases and on numbers.

A YAML file is small text that may stand for a far larger document: each alias (``*name``)
repeats the value its anchor (``&name``) names, and aliases of values that hold aliases repeat
them again, so that a file of a few hundred bytes can stand for billions of values (an alias
bomb). The reader refuses such a file before it builds anything from it: the values that
aliases repeat may number :data:`MAX_REPEATED` in all, lists and mappings may be nested
:data:`~evidence_graph.io.text_files.MAX_DEPTH` deep (aliases included), and no alias may
name the value it is part of. A whole number longer than Python reads is refused too. Each
refusal names the line and column, never the repeated value.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

from evidence_graph.display import quoted
from evidence_graph.exceptions import StudyFileError
from evidence_graph.io.text_files import MAX_DEPTH, file_error

__all__ = ["MAX_REPEATED", "compose_yaml", "parse_yaml"]

MAX_REPEATED = 100_000
"""The values (scalars, lists and mappings, keys included) that aliases may repeat in a file."""

_COLLECTIONS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)


class _RefusedError(yaml.MarkedYAMLError):
    """Well-formed YAML that is refused: a key given twice, a bomb, a number too long."""


class _PastBoundError(yaml.YAMLError):
    """A document past a bound, found after composing it, where no event marks the place."""


def _refused(message: str, mark: Any) -> _RefusedError:
    return _RefusedError(problem=message, problem_mark=mark)


def _too_deep(mark: Any) -> _RefusedError:
    return _refused(
        f"lists and mappings are nested deeper than {MAX_DEPTH} levels here; expected at most "
        f"{MAX_DEPTH}",
        mark,
    )


class _Measure:
    """The size and depth of nodes as their aliases expand them, each node measured once."""

    def __init__(self) -> None:
        self.sizes: dict[int, tuple[int, int]] = {}

    def of(self, root: yaml.Node) -> tuple[int, int]:
        """Return the values ``root`` stands for (itself included) and its nesting depth.

        Raises:
            _PastBoundError: If a node holds itself, through an alias of a value it is part of.
        """
        sizes = self.sizes
        open_: set[int] = set()
        stack: list[tuple[yaml.Node, bool]] = [(root, False)]
        while stack:
            node, closing = stack.pop()
            key = id(node)
            if closing:
                open_.discard(key)
                children = _children(node)
                size = 1 + sum(sizes[id(child)][0] for child in children)
                depth = 1 + max((sizes[id(child)][1] for child in children), default=0)
                sizes[key] = (size, depth)
            elif key not in sizes:
                if key in open_:
                    raise _PastBoundError("an alias names a value it is part of")
                if isinstance(node, yaml.ScalarNode):
                    sizes[key] = (1, 0)
                    continue
                open_.add(key)
                stack.append((node, True))
                stack.extend((child, False) for child in _children(node))
        return sizes[id(root)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


class _SafeLoader(yaml.SafeLoader):
    """The safe YAML loader with its bounds, and refusing duplicate keys.

    While it composes the document, it counts how deep lists and mappings are open and what
    each alias repeats, and refuses the file at the first place past a bound.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._repeated = 0
        self._measure = _Measure()

    def bounded_node(self) -> yaml.Node | None:
        """Compose the document; raise at the first place past a bound."""
        return self.get_single_node()

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent):
            node = super().compose_node(parent, index)
            if node is None:
                return None
            if node.end_mark is None:  # a list or mapping still open: the alias is inside it
                raise _refused(
                    f"the alias *{event.anchor} names a value it is part of; expected an alias "
                    "of a value given whole before it",
                    event.start_mark,
                )
            size, depth = self._measure.of(node)
            if self._depth + depth > MAX_DEPTH:
                raise _too_deep(event.start_mark)
            self._repeated += size
            if self._repeated > MAX_REPEATED:
                raise _refused(
                    f"aliases repeat more than {MAX_REPEATED:,} values by this one; expected at "
                    f"most {MAX_REPEATED:,} values repeated in a file",
                    event.start_mark,
                )
            return node
        if not isinstance(event, _COLLECTIONS):
            return super().compose_node(parent, index)
        if self._depth >= MAX_DEPTH:
            raise _too_deep(event.start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[str, int] = {}
        for key, _ in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    raise _refused(
                        f"the key {quoted(key.value)} appears twice in one mapping (first on "
                        f"line {seen[key.value]}); expected each key once",
                        key.start_mark,
                    )
                seen[key.value] = key.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        """Read a date; keep one no calendar has (2016-02-30) as text, for its field to refuse."""
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        """Read a whole number; refuse one longer than Python reads, rather than fail."""
        try:
            return super().construct_yaml_int(node)
        except ValueError:
            digits = sum(character.isdigit() for character in str(node.value))
            raise _refused(
                f"the number is {digits:,} digits long; expected a number of at most "
                f"{sys.get_int_max_str_digits():,} digits",
                node.start_mark,
            ) from None


_SafeLoader.add_constructor("tag:yaml.org,2002:timestamp", _SafeLoader.construct_yaml_timestamp)
_SafeLoader.add_constructor("tag:yaml.org,2002:int", _SafeLoader.construct_yaml_int)


class _FastChecks:
    """The bounds checked on the whole document once libyaml has composed it.

    libyaml composes without a hook for each node, so the document is measured afterwards; a
    file past a bound is read again by :class:`_SafeLoader`, which finds the place.
    """

    def bounded_node(self) -> yaml.Node | None:
        node: yaml.Node | None = self.get_single_node()  # type: ignore[attr-defined]
        if node is not None:
            measure = _Measure()
            size, depth = measure.of(node)
            if depth > MAX_DEPTH or size - len(measure.sizes) > MAX_REPEATED:
                raise _PastBoundError("past a bound")
        return node


# libyaml's parser where PyYAML has it (many times faster), with the same checks; a file it
# refuses is read again by PyYAML's own, whose messages say more.
_FastLoader: type[_SafeLoader] = (
    type("_FastLoader", (_FastChecks, yaml.CSafeLoader, _SafeLoader), {})
    if hasattr(yaml, "CSafeLoader")
    else _SafeLoader
)


def parse_yaml(path: Path, text: str) -> Any:
    r"""Return the data of a YAML document, within the bounds.

    Raises:
        StudyFileError: If the text is not YAML, gives a key twice in one mapping, is nested
            deeper than :data:`~evidence_graph.io.text_files.MAX_DEPTH`, repeats more than
            :data:`MAX_REPEATED` values by aliases, has an alias of a value it is part of, or
            a whole number too long to read; with the line and column.

    Examples:
        >>> parse_yaml(Path("a.yaml"), "a: &x [1, 2]\nb: *x")
        {'a': [1, 2], 'b': [1, 2]}
        >>> parse_yaml(Path("a.yaml"), "a: &x [*x]")
        Traceback (most recent call last):
        ...
        evidence_graph.exceptions.StudyFileError: a.yaml: line 1, column 8: the alias *x names ...
    """
    try:
        return _load(_FastLoader, text)
    except yaml.YAMLError as fast:
        try:
            _load(_SafeLoader, text)
        except yaml.YAMLError as error:
            raise _yaml_error(path, error) from None
        raise _yaml_error(path, fast) from None


def compose_yaml(text: str) -> yaml.Node | None:
    """Return the root node of a YAML (or JSON) text within the bounds, or ``None`` if none.

    This is for finding the line of a value in a file already read: the nodes keep their marks.
    A text in flow style (JSON, say, which starts with ``{`` or ``[``) has its tabs read as
    spaces: JSON and flow style put a tab only between tokens (a JSON string holds it escaped),
    where YAML would refuse one that indents a line, as Zotero's CSL-JSON does; every line and
    column stays where it was.
    """
    if text.lstrip(" \t\r\n\ufeff").startswith(("{", "[")):
        text = text.replace("\t", " ")
    loader = _SafeLoader(text)
    try:
        return loader.bounded_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


def _load(loader_class: type[_SafeLoader], text: str) -> Any:
    loader = loader_class(text)
    try:
        node = loader.bounded_node()
        return None if node is None else loader.construct_document(node)
    finally:
        loader.dispose()


def _yaml_error(path: Path, error: yaml.YAMLError) -> StudyFileError:
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        what = str(error.problem)
        if not isinstance(error, _RefusedError):
            what = "is not valid YAML: " + ", ".join(
                part for part in (error.context, error.problem) if part
            )
        return file_error(
            path, what, mark.line + 1 if mark else None, mark.column + 1 if mark else None
        )
    return file_error(path, f"is not valid YAML: {error}")
