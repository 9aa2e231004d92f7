"""A REFI-QDA project (``project.qde``) and codebook (``.qdc``) read as study-file data.

A project is one study: ``design: qualitative``, reported in a work of type ``dataset`` (the
project, titled by its name). Its users become coders, its codes themes, its text sources
works (their text kept, never exported unless asked), its coded selections quotes, its cases
participants and samples, its notes memos. A codebook is themes only, of the study the user
names (by default the slug of the file's name).
"""

from __future__ import annotations

from typing import Any

from evidence_graph.qda.cases import read_cases
from evidence_graph.qda.codes import read_codes
from evidence_graph.qda.elements import (
    Ids,
    Malformed,
    guid,
    index_guids,
    required,
    slug,
    valued,
)
from evidence_graph.qda.names import CODEBOOK_NAMESPACE, PROJECT_NAMESPACE
from evidence_graph.qda.notes import Named, read_notes
from evidence_graph.qda.offsets import unit_of_origin
from evidence_graph.qda.options import QdaProject
from evidence_graph.qda.quotes import make_quotes
from evidence_graph.qda.skipped import Skipped
from evidence_graph.qda.texts import Context, Entries, read_sources
from evidence_graph.qda.xml import Element

__all__ = ["read_codebook", "read_project"]

_LEFT_OUT = {
    "Sets": ("Set", "set", "sets"),
    "Links": ("Link", "link", "links"),
    "Graphs": ("Graph", "graph", "graphs"),
}


def read_project(
    root: Element, options: QdaProject, entries: Entries, skipped: Skipped
) -> dict[str, Any]:
    """Return the study-file data of a project's ``Project`` element.

    Args:
        root: The root element of ``project.qde``.
        options: The project's file, and how to read it.
        entries: The archive's entries, by name, for the sources' texts.
        skipped: Where what the corpus cannot hold is counted.

    Raises:
        Malformed: If an element is not as the specification says, or names what the project
            lacks.
    """
    _check_root(root, "Project", PROJECT_NAMESPACE)
    name = required(root, "name")
    study = options.study or slug(name) or slug(options.path.stem) or "project"
    ids = Ids([study])
    project = {"id": ids.unique(f"{study}-project"), "type": "dataset", "title": name}
    index = index_guids(root)
    coders = _coders(root, study, ids)
    codebook = root.first("CodeBook")
    tree = read_codes(None if codebook is None else codebook.first("Codes"), study, ids)
    unit = options.offsets or unit_of_origin(valued(root, "origin"))
    by_user = {key: coder["id"] for key, coder in coders.items()}
    context = Context(index, tree.theme_of, by_user, unit, ids, entries, skipped, study)
    texts = read_sources(root, context)
    cases = read_cases(root, study, options.sample, ids, index)
    quotes = make_quotes(texts.selections, study, cases, ids)
    references: list[tuple[Element, Named]] = [*tree.notes, *texts.notes]
    memos = read_notes(root, study, references, context)
    for container, (item, one, many) in _LEFT_OUT.items():
        if count := sum(1 for _ in root.within(container, item)):
            skipped.add(one, many, count)
    studied = {"id": study, "design": "qualitative", "reported_in": [project["id"]]}
    lists = {
        "works": [project, *(source.work for source in texts.sources)],
        "studies": [studied],
        "samples": cases.samples,
        "participants": cases.participants,
        "themes": tree.themes,
        "quotes": quotes,
        "coders": list(coders.values()),
        "memos": memos,
    }
    return {key: value for key, value in lists.items() if value}


def read_codebook(root: Element, options: QdaProject, skipped: Skipped) -> dict[str, Any]:
    """Return the themes of a codebook's ``CodeBook`` element, as study-file data.

    Raises:
        Malformed: If an element is not as the specification says.
    """
    _check_root(root, "CodeBook", CODEBOOK_NAMESPACE)
    study = options.study or slug(options.path.stem) or "codebook"
    index_guids(root)
    tree = read_codes(root.first("Codes"), study, Ids([study]))
    if count := sum(1 for _ in root.within("Sets", "Set")):
        skipped.add("set", "sets", count)
    return {"themes": tree.themes} if tree.themes else {}


def _coders(root: Element, study: str, ids: Ids) -> dict[str, dict[str, Any]]:
    """Return the coder of each user, by the user's GUID."""
    coders: dict[str, dict[str, Any]] = {}
    for user in root.within("Users", "User"):
        key = guid(user)
        name = valued(user, "name")
        coder = {"id": ids.make(name or valued(user, "id") or "coder", "coder", key)}
        coder["study"] = study
        if name is not None:
            coder["name"] = name
        coders[key] = coder
    return coders


def _check_root(root: Element, name: str, namespace: str) -> None:
    if root.name != name or root.namespace not in {namespace, ""}:
        raise Malformed(root, f"expected the root element <{name}> of the namespace {namespace}")
