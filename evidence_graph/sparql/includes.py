"""The catalogue's shared SPARQL: prefixes and fragments, spelled once and expanded into each file.

A catalogue file declares no ``PREFIX`` and spells no vocabulary term in full: :func:`expand`
declares the prefixes it uses (from :data:`evidence_graph.namespace.PREFIXES`) and replaces each
``#include`` line with its fragment, written at the line's indentation. The fragments are the
library's own constants, never a user's value:

``#include fold(?text, ?folded)``
    ``BIND`` lines setting ``?folded`` to :func:`evidence_graph.folding.fold` of ``?text``,
    written from the same table of replacements (:func:`evidence_graph.folding.sparql_fold`).
``#include TABLE(?term, ?name)``
    the ``VALUES`` block pairing each term of a table of the RDF mapping with its name, e.g.
    ``(cito:discusses "discusses")``;
``#include TABLE(?term)``
    the ``VALUES`` block of its terms alone;
``#include TABLE("text")``
    its rows paired with one string, e.g. ``(fabio:Book "work")``, to stand among the rows of a
    larger ``VALUES`` block.

where ``TABLE`` is one of :data:`TABLES`: the FaBiO ``work_classes``, the CiTO
``citation_predicates``, the OBI ``criterion_classes``, the SKOS ``match_predicates``,
``quote_roles``, ``claim_kinds``, and ``kind_classes``: the classes that tell each kind of
entity.

``#include NAME()``
    the ``.rq`` file ``NAME`` of ``evidence_graph/sparql/fragments/``: a block that several
    queries (or several parts of one) share, its own includes expanded in turn.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from functools import cache, lru_cache
from importlib import resources

import pyoxigraph as ox

from evidence_graph.exceptions import SparqlError
from evidence_graph.folding import sparql_fold
from evidence_graph.namespace import PREFIXES
from evidence_graph.rdf import split_iri
from evidence_graph.rdf.mapping import (
    CITATION_PREDICATES,
    CLAIM_KINDS,
    CRITERION_CLASSES,
    MATCH_PREDICATES,
    QUOTE_ROLES,
    WORK_CLASSES,
)
from evidence_graph.rdf.plan import CLASS_KINDS
from evidence_graph.sparql.syntax import code

__all__ = ["FRAGMENT_NAMES", "TABLES", "expand", "prefixed"]

TABLES: Mapping[str, tuple[tuple[str, str], ...]] = {
    name: tuple((str(key), str(iri)) for key, iri in table.items())
    for name, table in (
        ("citation_predicates", CITATION_PREDICATES),
        ("claim_kinds", CLAIM_KINDS),
        ("criterion_classes", CRITERION_CLASSES),
        ("match_predicates", MATCH_PREDICATES),
        ("quote_roles", QUOTE_ROLES),
        ("work_classes", WORK_CLASSES),
    )
} | {"kind_classes": tuple((kind.value, cls) for cls, kind in CLASS_KINDS.items())}
"""The tables of the RDF mapping that a query may include, by name: each term with its name.

``kind_classes`` pairs each kind of entity with the classes that alone tell it (a concept has
none: it is a ``skos:Concept`` that is not an ``eg:Theme``)."""

_WORD = re.compile(r"\w+")
_INCLUDE = re.compile(r"(?P<indent>[ \t]*)#include\b(?P<rest>.*)")
_CALL = re.compile(r"[ \t]+(?P<name>\w+)\((?P<arguments>[^()]*)\)[ \t]*")
_VARIABLE = re.compile(r"\?\w+")
_STRING = re.compile(r'"[^"\\\n\r]*"')
_PREFIXED = re.compile(r"(?<![\w?$:-])(?P<prefix>[A-Za-z][\w-]*):")
_DECLARED = re.compile(r"(?i)\bPREFIX\s+(?P<prefix>[A-Za-z][\w-]*)?:")


def prefixed(iri: str) -> str:
    """Return ``iri`` as a prefixed name of :data:`~evidence_graph.namespace.PREFIXES`.

    An IRI outside them, or whose local part a prefixed name cannot spell, is written whole.

    Examples:
        >>> prefixed("http://purl.org/spar/cito/discusses")
        'cito:discusses'
        >>> prefixed("https://example.org/a")
        '<https://example.org/a>'
    """
    found = split_iri(iri, _WORD)
    return f"{found[0]}:{found[1]}" if found else str(ox.NamedNode(iri))


@cache
def _fragment_files() -> dict[str, str]:
    folder = resources.files("evidence_graph.sparql").joinpath("fragments")
    return {
        entry.name.removesuffix(".rq"): entry.read_text(encoding="utf-8")
        for entry in folder.iterdir()
        if entry.name.endswith(".rq")
    }


def _names() -> tuple[str, ...]:
    return tuple(sorted(("fold", *TABLES, *_fragment_files())))


FRAGMENT_NAMES: tuple[str, ...] = _names()
"""Every name an ``#include`` line may give: ``fold``, the tables and the fragment files."""


def _table(name: str, arguments: Sequence[str]) -> list[str]:
    """Return the lines of a table's include, or raise ValueError saying what was expected."""
    rows = [(prefixed(str(iri)), str(ox.Literal(key))) for key, iri in TABLES[name]]
    variables = [argument for argument in arguments if _VARIABLE.fullmatch(argument)]
    if len(arguments) == 2 and len(variables) == 2:  # noqa: PLR2004
        head = f"VALUES ({' '.join(variables)}) {{"
        return [head, *(f"  ({term} {label})" for term, label in rows), "}"]
    if len(arguments) == 1 and variables:
        return [f"VALUES {variables[0]} {{ {' '.join(term for term, _ in rows)} }}"]
    if len(arguments) == 1 and _STRING.fullmatch(arguments[0]):
        return [" ".join(f"({term} {arguments[0]})" for term, _ in rows)]
    raise ValueError(
        f'expected {name}(?term, ?name), {name}(?term) or {name}("text"), '
        f"not {name}({', '.join(arguments)})"
    )


def _fold(arguments: Sequence[str]) -> list[str]:
    if len(arguments) != 2 or not all(_VARIABLE.fullmatch(a) for a in arguments):  # noqa: PLR2004
        raise ValueError(f"expected fold(?text, ?folded), not fold({', '.join(arguments)})")
    return sparql_fold(arguments[0], arguments[1], indent="").splitlines()


def _fragment(name: str, arguments: Sequence[str], within: tuple[str, ...]) -> list[str]:
    if arguments:
        raise ValueError(f"expected {name}(): a fragment file takes no arguments")
    if name in within:
        raise ValueError(f"includes itself, through {' -> '.join((*within, name))}")
    lines = _fragment_files()[name].splitlines()
    header = 0
    while header < len(lines) and (not lines[header].strip() or _is_comment(lines[header])):
        header += 1  # the fragment's own header says what it is; it is no part of a query
    body = "\n".join(lines[header:])
    expanded = _expand_includes(body, f"fragments/{name}.rq", (*within, name))
    return expanded.splitlines()


def _is_comment(line: str) -> bool:
    stripped = line.lstrip()
    return stripped.startswith("#") and not _INCLUDE.fullmatch(line)


def _lines(name: str, arguments: Sequence[str], within: tuple[str, ...]) -> list[str]:
    if name == "fold":
        return _fold(arguments)
    if name in TABLES:
        return _table(name, arguments)
    if name in _fragment_files():
        return _fragment(name, arguments, within)
    raise ValueError(f"no fragment {name!r}; expected one of: {', '.join(_names())}")


def _arguments(text: str) -> list[str]:
    return [argument.strip() for argument in text.split(",")] if text.strip() else []


def _expand_includes(text: str, source: str, within: tuple[str, ...] = ()) -> str:
    """Return ``text`` with each ``#include`` line replaced by its fragment; other lines kept."""
    out: list[str] = []
    for number, line in enumerate(text.splitlines(keepends=True), 1):
        body = line.rstrip("\r\n")
        include = _INCLUDE.fullmatch(body)
        if include is None:
            out.append(line)
            continue
        call = _CALL.fullmatch(include["rest"])
        if call is None:
            raise SparqlError(
                source,
                f"line {number}: expected '#include NAME(ARGUMENTS)', "
                f"e.g. '#include fold(?text, ?folded)', not {body.strip()!r}",
            )
        try:
            lines = _lines(call["name"], _arguments(call["arguments"]), within)
        except ValueError as error:
            raise SparqlError(source, f"line {number}: {error}") from None
        end = line[len(body) :] or "\n"
        out.extend(f"{include['indent'] + piece if piece else piece}{end}" for piece in lines)
    if out and not text.endswith(("\n", "\r")):
        out[-1] = out[-1].rstrip("\r\n")
    return "".join(out)


def _used_prefixes(code: str) -> Iterator[str]:
    used = {found["prefix"] for found in _PREFIXED.finditer(code)}
    declared = {found["prefix"] or "" for found in _DECLARED.finditer(code)}
    return (prefix for prefix in PREFIXES if prefix in used and prefix not in declared)


@lru_cache(maxsize=256)
def expand(text: str, *, source: str = "query") -> str:
    r"""Return ``text`` with its ``#include`` lines expanded and the prefixes it uses declared.

    A text is expanded once: the answer is kept for the next call with the same text.

    The ``PREFIX`` lines go before the first line of the query that is not a comment, one for
    each prefix of :data:`~evidence_graph.namespace.PREFIXES` the query uses and does not
    declare itself.

    Args:
        text: The query, with ``#include`` lines.
        source: Where the text came from, for error messages.

    Raises:
        SparqlError: If an ``#include`` line is malformed or names no fragment, naming the
            file and the line.

    Examples:
        >>> print(expand("# q\nSELECT ?p WHERE {\n  #include match_predicates(?p)\n}\n"))
        # q
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        <BLANKLINE>
        SELECT ?p WHERE {
          VALUES ?p { skos:exactMatch skos:closeMatch skos:broadMatch skos:narrowMatch ...
        }
        <BLANKLINE>
    """
    expanded = _expand_includes(text, source)
    prefixes = [
        f"PREFIX {prefix}: <{PREFIXES[prefix]}>" for prefix in _used_prefixes(code(expanded))
    ]
    if not prefixes:
        return expanded
    lines = expanded.splitlines(keepends=True)
    start = next(
        (i for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")),
        len(lines),
    )
    block = "".join(f"{line}\n" for line in prefixes) + "\n"
    return "".join(lines[:start]) + block + "".join(lines[start:])
