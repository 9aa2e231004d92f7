"""Reading study files (YAML or JSON) into models, with errors that say where and what."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from evidence_graph.display import quoted
from evidence_graph.exceptions import Problem, StudyFileError, format_path
from evidence_graph.io.text_files import file_error, parse_json, read_utf8
from evidence_graph.io.yaml_files import compose_yaml, parse_yaml
from evidence_graph.models import COLLECTIONS, Corpus, StudyDocument

__all__ = [
    "STUDY_FILE_SUFFIXES",
    "ParsedFile",
    "parse_study_file",
    "read_study_file",
    "study_file_schema",
]

STUDY_FILE_SUFFIXES = (".yaml", ".yml", ".json")
"""The endings of the files read as study files."""

_EXPECTED_TOP = (
    "expected a study: a mapping with keys such as 'works', 'people', 'studies', 'themes' "
    "and 'quotes'"
)


class _Lines:
    """Where each value of a parsed document stands in its file.

    The file's text is composed into YAML nodes (JSON is YAML enough) only when a line is first
    asked for, that is when something is wrong: a file that loads never pays for it.
    """

    __slots__ = ("_node", "_text")

    def __init__(self, text: str | None) -> None:
        self._text = text
        self._node: yaml.Node | None = None

    @property
    def node(self) -> yaml.Node | None:
        """The document's root node, or ``None`` where the text is not YAML."""
        if self._node is None and self._text is not None:
            self._node = compose_yaml(self._text)  # None for JSON that is not YAML: no lines
            self._text = None
        return self._node

    def find(self, path: Sequence[str | int]) -> tuple[int | None, int | None]:
        """Return the line and column (1-based) of the deepest part of ``path`` in the file."""
        node = self.node
        if node is None:
            return None, None
        mark = node.start_mark
        for part in path:
            step = _child(node, part)
            if step is None:
                break
            key_node, node = step
            mark = key_node.start_mark if key_node is not None else node.start_mark
        return mark.line + 1, mark.column + 1


def _child(node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                return key, value
    elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return None, node.value[part]
    return None


@dataclass(slots=True)
class ParsedFile:
    """A study file parsed but not yet validated: its data, and where each value stands."""

    path: Path
    data: dict[str, Any]
    lines: _Lines = field(default_factory=lambda: _Lines(None), repr=False)

    def problem(self, path: Sequence[str | int], message: str, value: str | None = None) -> Problem:
        """Return a problem at ``path`` of this file, with its line where known.

        Where ``path`` names a whole list (one kept sorted in the models) and ``value`` is the
        item at fault, the path is narrowed to that item as the file has it.
        """
        path = tuple(path) + self._item(path, value)
        line, column = self.lines.find(path)
        return Problem(path, message, line, column, self.path, value)

    def describe(self, path: Sequence[str | int]) -> str:
        """Name a place of this file in a message about another place, e.g. ``works[0]``."""
        return format_path(path)

    def _item(self, path: Sequence[str | int], value: str | None) -> tuple[str | int, ...]:
        container: Any = self.data
        for part in path:
            if not _has(container, part):
                return ()
            container = container[part]
        if value is None or not isinstance(container, list):
            return ()
        for index, item in enumerate(container):
            if item == value:
                return (index,)
            if isinstance(item, dict) and item.get("work") == value:
                return (index, "work")
        return ()

    def error(self, problems: Sequence[Problem]) -> StudyFileError:
        """Return the error that reports ``problems`` in this file."""
        return StudyFileError(self.path, problems)


def _decode(path: Path) -> str:
    text = read_utf8(path, "a study file")
    if not text.strip():
        raise file_error(path, f"the file is empty; {_EXPECTED_TOP}")
    return text


def _parse_json(path: Path, text: str) -> Any:
    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in items:
            if key in result:
                raise ValueError(
                    f"the key {quoted(key)} appears twice in one object; expected it once"
                )
            result[key] = value
        return result

    return parse_json(path, text, pairs=pairs)


def parse_study_file(path: str | Path) -> ParsedFile:
    """Read and parse a study file, checking its syntax but not yet its content.

    Raises:
        StudyFileError: If the file cannot be read, is not UTF-8, is empty, or is not a mapping.
    """
    path = Path(path)
    if path.suffix.lower() not in STUDY_FILE_SUFFIXES:
        raise file_error(
            path, f"unknown file type {path.suffix!r}; expected a .yaml, .yml or .json file"
        )
    text = _decode(path)
    parse = _parse_json if path.suffix.lower() == ".json" else parse_yaml
    data = parse(path, text)
    lines = _Lines(text)
    if not isinstance(data, dict):
        found = "nothing" if data is None else f"a {_type_name(data)}"
        line, column = lines.find(())
        raise file_error(path, f"holds {found} at the top; {_EXPECTED_TOP}", line, column)
    return ParsedFile(path, data, lines)


def read_study_file(path: str | Path) -> StudyDocument:
    """Read one study file into a :class:`~evidence_graph.models.StudyDocument`.

    Each entity is checked on its own; references to other entities are checked when the
    files are put together into a corpus (see :func:`evidence_graph.load`).

    Raises:
        StudyFileError: With every problem found, each with its field path and line.
    """
    parsed = parse_study_file(path)
    try:
        return StudyDocument.model_validate(parsed.data)
    except ValidationError as error:
        raise parsed.error(problems_from_validation(error, parsed)) from None


def problems_from_validation(error: ValidationError, parsed: ParsedFile) -> list[Problem]:
    """Turn pydantic's errors into problems with clean field paths, lines and expectations."""
    problems: list[Problem] = []
    details = error.errors(include_url=False)
    failed_items = {detail["loc"][:-1] for detail in details}
    for detail in details:
        if detail["type"] == "too_short" and detail["loc"] in failed_items:
            continue  # too short only because items of it failed, which are reported instead
        if detail["type"] == "corpus_integrity":
            problems.extend(
                parsed.problem(problem.path, problem.message, problem.value)
                for problem in detail["ctx"]["problems"]
            )
            continue
        path = _document_path(parsed.data, detail["loc"], missing=detail["type"] == "missing")
        problems.append(parsed.problem(path, _message(detail, parsed.data, path)))
    return problems


def _document_path(data: Any, loc: Sequence[str | int], *, missing: bool) -> tuple[str | int, ...]:
    """Keep the parts of pydantic's location that name places in the document."""
    path: list[str | int] = []
    current = data
    for index, part in enumerate(loc):
        if _has(current, part):
            current = current[part]
            path.append(part)
        elif missing and index == len(loc) - 1 and isinstance(part, str):
            path.append(part)
    return tuple(path)


def _has(container: Any, part: str | int) -> bool:
    if isinstance(container, dict):
        return part in container
    return isinstance(container, list) and isinstance(part, int) and 0 <= part < len(container)


def _message(detail: Any, data: Any, path: tuple[str | int, ...]) -> str:
    kind = detail["type"]
    message = str(detail["msg"])
    if kind == "missing":
        model = _model_at(data, path[:-1])
        described = _field_description(model, str(path[-1]))
        return f"missing required field {quoted(path[-1])}{described}"
    if kind == "extra_forbidden":
        name = str(path[-1]) if path else str(detail["loc"][-1])
        model = _model_at(data, path[:-1])
        allowed = sorted(model.model_fields) if model else []
        known = f"one of: {', '.join(allowed)}." if allowed else "only the fields documented."
        if close := difflib.get_close_matches(name, allowed, n=1):
            return f"unknown field {quoted(name)}; did you mean {close[0]!r}? Expected {known}"
        return f"unknown field {quoted(name)}; expected {known}"
    if message.startswith("Value error, "):
        return message.removeprefix("Value error, ")
    return _expectation(detail)


def _expectation(detail: Any) -> str:
    """Reword one of pydantic's own messages as what was expected, and what was found."""
    kind = detail["type"]
    message = str(detail["msg"])
    if kind == "string_too_short":
        return "expected non-empty text"
    context = detail.get("ctx", {})
    got = quoted(detail.get("input"))
    if kind == "too_short":
        count = context["min_length"]
        return f"expected at least {count} item{'' if count == 1 else 's'} (got {got})"
    if kind == "string_pattern_mismatch":
        return f"expected text matching {context['pattern']!r} (got {got})"
    if kind == "union_tag_not_found":
        return f"expected a {context['discriminator']} field that says which form this is"
    if kind == "union_tag_invalid":
        tags = context["expected_tags"]
        tag = quoted(context["tag"])
        return f"expected {context['discriminator']} to be one of {tags} (got {tag})"
    if message.startswith(("Input should be greater", "Input should be less")):
        message = "expected a number " + message.removeprefix("Input should be ")
    elif message.startswith("Input should be "):
        message = "expected " + message.removeprefix("Input should be ")
    elif message.startswith("Input should have "):
        message = "expected " + message.removeprefix("Input should have ")
    elif message.startswith("Tuple should have "):
        message = "expected a list with " + message.removeprefix("Tuple should have ")
    return f"{message} (got {got})"


def _type_name(value: Any) -> str:
    return {list: "list", str: "text", int: "number", float: "number", bool: "boolean"}.get(
        type(value), type(value).__name__
    )


def _model_at(data: Any, path: Sequence[str | int]) -> type[BaseModel] | None:
    """Return the model class that validates the mapping at ``path`` of a study document."""
    model: type[BaseModel] | None = StudyDocument
    annotation: Any = None
    current = data
    for part in path:
        if isinstance(part, str):
            if model is None or part not in model.model_fields:
                return None
            annotation = model.model_fields[part].annotation
            model = None
        current = current[part] if _has(current, part) else None
        model = _model_in(annotation, current)
        if model is not None:
            annotation = None
    return model


def _model_in(annotation: Any, value: Any) -> type[BaseModel] | None:
    """Return the model that ``annotation`` would use for ``value``, if a model would."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _model_in(typing.get_args(annotation)[0], value)
    if origin is tuple and isinstance(value, dict):
        return _model_in(typing.get_args(annotation)[0], value)
    if origin in (typing.Union, types.UnionType):
        candidates = [
            model for arg in typing.get_args(annotation) if (model := _model_in(arg, value))
        ]
        for model in candidates:
            tag = model.model_fields.get("type")
            if tag is None or (isinstance(value, Mapping) and tag.default == value.get("type")):
                return model
        return candidates[0] if len(candidates) == 1 else None
    return None


def _field_description(model: type[BaseModel] | None, name: str) -> str:
    if model is None or name not in model.model_fields:
        return ""
    description = model.model_fields[name].description
    return f"; expected {description[0].lower()}{description[1:]}" if description else ""


def study_file_schema() -> dict[str, Any]:
    """Return the JSON Schema of a study file, for editors and validators.

    Examples:
        >>> sorted(study_file_schema()["properties"])[:3]
        ['claims', 'coders', 'concepts']
    """
    schema = Corpus.model_json_schema(mode="validation")
    schema["title"] = "evidence_graph study file"
    schema["description"] = (
        "A study for evidence_graph: its works, people, studies, samples, participants, "
        "criteria, themes, quotes, claims, schemes, concepts and theme mappings, each list "
        "optional."
    )
    return schema


def collections_of(document: StudyDocument) -> Iterator[tuple[str, int, Any]]:
    """Yield each entity of a document with its list's name and its index there."""
    for name in COLLECTIONS:
        for index, entity in enumerate(getattr(document, name)):
            yield name, index, entity
