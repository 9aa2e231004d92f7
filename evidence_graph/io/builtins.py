"""The built-in vocabularies, named without loading or copying them.

A study file may name an entity of the built-in datasets by its public identifier alone:
BPD by ``mesh:D001883`` (or by an IRI it matches exactly, such as ``wikidata:Q208166``), a
CHIME concept by its IRI, a built-in work by its DOI. Where no file given declares that
entity, the built-in one joins the corpus, with what it names in turn (a concept's scheme, a
work's authors), so that the file loads and exports on its own; loaded beside the dataset,
it is the dataset's entity.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import cache

from evidence_graph.datasets import DATASETS, dataset_path
from evidence_graph.io.study_files import ParsedFile, collections_of, read_study_file
from evidence_graph.models import (
    COLLECTIONS,
    Entity,
    Key,
    StudyDocument,
    name_keys,
    public_key,
    references,
)

__all__ = ["builtins_named"]

Document = tuple[ParsedFile, StudyDocument]


@cache
def _builtin_documents() -> tuple[Document, ...]:
    """Every built-in dataset's file and document, read once."""
    return tuple(
        (ParsedFile(dataset_path(name), {}), read_study_file(dataset_path(name)))
        for name in DATASETS
    )


def builtins_named(files: Sequence[Document]) -> list[Document]:
    """Return what the built-in datasets not among ``files`` hold of what the files name.

    Each document holds the entities that the files name by a public identifier no file
    declares, and those the entities name in turn, in the dataset's file.
    """
    loaded = {file.path.resolve() for file, _ in files}
    pool = [
        (file, document)
        for file, document in _builtin_documents()
        if file.path.resolve() not in loaded
    ]
    known = {
        key for _, document in files for entity in document.entities() for key in name_keys(entity)
    }
    wanted = [
        key
        for _, document in files
        for entity in document.entities()
        for found in references(entity)
        if (key := public_key(found.target)) is not None and key not in known
    ]
    if not pool or not wanted:
        return []
    index: dict[Key, tuple[int, Entity]] = {}
    local: dict[str, list[tuple[int, Entity]]] = defaultdict(list)
    for number, (_, document) in enumerate(pool):
        for entity in document.entities():
            for key in name_keys(entity):
                index.setdefault(key, (number, entity))
            local[entity.id].append((number, entity))
    pulled: dict[int, dict[str, Entity]] = defaultdict(dict)
    queue = [index[key] for key in wanted if key in index]
    while queue:
        number, entity = queue.pop()
        if entity.id in pulled[number]:
            continue
        pulled[number][entity.id] = entity
        for found in references(entity):
            key = public_key(found.target)
            if key is not None:
                queue.extend([index[key]] if key in index else [])
                continue
            named = local.get(found.target, [])
            queue.extend([item for item in named if item[0] == number] or named[:1])
    documents: list[Document] = []
    for number, entities in sorted(pulled.items()):
        lists: dict[str, list[Entity]] = {name: [] for name in COLLECTIONS}
        for name, _, entity in collections_of(pool[number][1]):  # in the dataset's order
            if entities.get(entity.id) is entity:
                lists[name].append(entity)
        documents.append((pool[number][0], StudyDocument.model_validate(lists)))
    return documents
