"""Realistic generated corpora of qualitative BPD studies, sized by their number of triples.

A corpus is a folder of JSON study files: ``000-shared.json`` (concepts and the CHIME
framework of personal recovery) and one ``sNNNNN.json`` per study, shaped like
``evidence_graph/datasets/kverme2019.yaml``: a paper with a DOI and authors (some with ORCID
iDs), a sample, criteria of every constraint type, an overarching theme with sub-themes (some
with sub-sub-themes), 20 to 40 quotes of about 200 characters with hostile characters, claims
with quote evidence, citations to earlier studies' works, the BPD concept with its matches, and
now and then a magazine article, theme mappings onto CHIME, or a framework of the study's own.

Study ``i`` is the same whatever the corpus's size, so the first studies of a large corpus are
a small one; the number of studies is calibrated on the first :data:`SAMPLE` studies by
exporting them with the library itself.
"""

from __future__ import annotations

import itertools
import json
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.concepts import BPD, CHIME, shared_document
from benchmarks.studies import study_document

__all__ = [
    "SAMPLE",
    "Plan",
    "count_triples",
    "plan_corpus",
    "query_parameters",
    "write_corpus",
    "write_studies",
]

SAMPLE = 20
"""How many studies calibrate the triples per study (the periods of the generator divide it)."""


@dataclass(frozen=True, slots=True)
class Plan:
    """How many studies make a corpus of about the triples wanted.

    Attributes:
        studies: The number of studies.
        last_quotes: The number of quotes of the last study, where it is cut short to come
            closer to a small target; ``None`` for a whole study.
        estimate: The triples expected.
    """

    studies: int
    last_quotes: int | None
    estimate: int


def _dump(document: dict[str, Any]) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def write_studies(
    folder: Path, studies: int, seed: int = 0, last_quotes: int | None = None
) -> list[Path]:
    """Write the shared file and ``studies`` study files into ``folder``; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    shared = folder / "000-shared.json"
    shared.write_bytes(_dump(shared_document()))
    paths = [shared]
    for index in range(studies):
        quotes = last_quotes if index == studies - 1 else None
        path = folder / f"s{index:05d}.json"
        path.write_bytes(_dump(study_document(index, seed, quotes=quotes)))
        paths.append(path)
    return paths


def count_triples(paths: list[Path]) -> int:
    """Return the number of triples the library exports for these study files."""
    import evidence_graph as eg  # noqa: PLC0415 - the generator's own tests need no library

    return eg.serialize(eg.load(*paths), "nt").count("\n")


def _count(studies: int, seed: int, last_quotes: int | None = None) -> int:
    with tempfile.TemporaryDirectory(prefix="eg-bench-") as scratch:
        return count_triples(write_studies(Path(scratch), studies, seed, last_quotes))


def plan_corpus(triples: int, seed: int = 0) -> Plan:
    """Return how many studies (and quotes of the last) make about ``triples`` triples.

    The triples per study are measured on the first :data:`SAMPLE` studies; below that many
    studies the counts are exact, and the last study is cut short to come closer.
    """
    shared = _count(0, seed)
    sample = _count(SAMPLE, seed)
    per_study = (sample - shared) / SAMPLE
    studies = max(1, round((triples - shared) / per_study))
    if studies > SAMPLE:
        return Plan(studies, None, round(shared + studies * per_study))
    counts = {SAMPLE: sample}
    studies = 1
    while studies < SAMPLE and counts.setdefault(studies, _count(studies, seed)) < triples:
        studies += 1
    full = counts[studies]
    most = len(study_document(studies - 1, seed)["quotes"])
    fewest = _count(studies, seed, last_quotes=1)
    if full <= triples or most == 1:
        return Plan(studies, None, full)
    per_quote = (full - fewest) / (most - 1)
    quotes = min(most, max(1, round(1 + (triples - fewest) / per_quote)))
    if quotes == most:
        return Plan(studies, None, full)
    return Plan(studies, quotes, round(fewest + (quotes - 1) * per_quote))


def write_corpus(folder: str | Path, triples: int, seed: int = 0) -> list[Path]:
    """Write a corpus of about ``triples`` triples (within 10%) into ``folder``.

    The same ``triples`` and ``seed`` always give the same files, byte for byte.

    Args:
        folder: Where to write the study files; created if missing, and it must hold no
            other study files (the library loads every one in a folder).
        triples: The number of triples the corpus should export to, e.g. 100_000.
        seed: Chooses the corpus.

    Returns:
        The study files written, the shared one first.

    Raises:
        FileExistsError: If ``folder`` holds files already.
    """
    target = Path(folder)
    if target.exists() and any(target.iterdir()):
        raise FileExistsError(f"{target}: expected an empty or new folder for the study files")
    plan = plan_corpus(triples, seed)
    return write_studies(target, plan.studies, seed, plan.last_quotes)


def _studies_from_middle(folder: Path) -> Iterator[dict[str, Any]]:
    """Yield the study files' documents, the middle one first, then those after it."""
    files = sorted(folder.glob("s[0-9]*.json"))
    if not files:
        raise FileNotFoundError(f"{folder}: no study files (sNNNNN.json)")
    middle = len(files) // 2
    for path in files[middle:] + files[:middle]:
        document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        yield document


def _three_words(texts: list[str]) -> str:
    """Return three plain words that stand together in one of ``texts``."""
    for text in texts:
        words = text.split(" ")
        for start in range(len(words) - 2):
            chosen = words[start : start + 3]
            if all(word.isascii() and word.isalpha() and word.islower() for word in chosen):
                return " ".join(chosen)
    return texts[0].split()[0]


def query_parameters(folder: str | Path) -> dict[str, dict[str, str]]:
    """Return parameters for each named question, drawn from the corpus's middle study.

    Each names something of the corpus: the middle study's overarching theme (by label), the
    study itself, its first finding, its paper (by DOI), three words of its quotes, the BPD
    concept (by its MeSH CURIE), a CHIME concept a theme is mapped to (of the middle study or
    one of the next), and a profile for ``studies-matching``.
    """
    documents = _studies_from_middle(Path(folder))
    study = next(documents)
    mapped = [mapping["object"] for mapping in study["mappings"] if "chime" in mapping["object"]]
    for document in itertools.islice(documents, 3):
        if mapped:
            break
        mapped = [item["object"] for item in document["mappings"] if "chime" in item["object"]]
    top = next(theme for theme in study["themes"] if "parent" not in theme)
    finding = next(claim for claim in study["claims"] if claim["kind"] == "finding")
    paper = next(work for work in study["works"] if work["id"].endswith("-paper"))
    cited = next(citation["work"] for citation in paper["cites"])
    doi_of = {work["id"]: work.get("doi") for work in study["works"]}
    return {
        "quotes-for-theme": {"theme": top["label"]},
        "theme-tree": {"study": study["studies"][0]["id"]},
        "studies-matching": {
            "sex": "female",
            "age": "29",
            "months-since-diagnosis": "24",
            "in-treatment": "true",
            "psychosis": "false",
            "concept": "mesh:" + BPD["notation"],
        },
        "evidence-for": {"claim": finding["id"]},
        "citing-works": {"work": doi_of.get(cited) or cited},
        "cited-works": {"work": paper["doi"]},
        "search-quotes": {"text": _three_words([quote["text"] for quote in study["quotes"]])},
        "unsupported-claims": {},
        "about-concept": {"concept": "mesh:" + BPD["notation"]},
        "mapped-to": {"target": mapped[0] if mapped else CHIME[0][0]},
        "stats": {},
    }
