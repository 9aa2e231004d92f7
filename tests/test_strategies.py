"""The corpora strategy: every corpus it draws is valid, round-trips, and the variety is there."""

from __future__ import annotations

import contextlib
import unicodedata
from collections.abc import Callable
from itertools import combinations

from helpers import examples
from hypothesis import Phase, find, given, settings
from hypothesis.errors import NoSuchExample
from rdflib import Graph
from strategies import HOSTILE, WORDS, corpora, hostile_text, label_text, quote_text

from evidence_graph import (
    ConditionConstraint,
    Corpus,
    EvidenceGraph,
    QuoteRole,
    RangeConstraint,
    Theme,
    from_rdf,
    serialize,
    to_rdf,
)

PROPERTY = settings(max_examples=examples(40))
# find() stops once the corpora drawn so far have shown every feature; shrinking the last one
# would only cost time.
FIND = settings(max_examples=500, phases=[Phase.generate], database=None)


@PROPERTY
@given(corpora())
def test_a_drawn_corpus_is_valid_and_round_trips_through_the_graph(corpus: Corpus) -> None:
    assert Corpus.model_validate(corpus.model_dump(mode="json")) == corpus
    assert EvidenceGraph.from_corpus(corpus).to_corpus() == corpus


@settings(max_examples=examples(30), deadline=None)
@given(corpora())
def test_a_drawn_corpus_round_trips_through_rdf(corpus: Corpus) -> None:
    assert from_rdf(to_rdf(corpus)).to_corpus() == corpus
    parsed = Graph().parse(data=serialize(corpus, "turtle"), format="turtle")
    assert from_rdf(parsed).to_corpus() == corpus


def test_a_person_with_an_orcid_round_trips_through_rdf() -> None:
    corpus = Corpus.model_validate(
        {"people": [{"id": "p", "name": "P", "orcid": "0000-0002-1825-0097"}]}
    )
    assert from_rdf(to_rdf(corpus)).to_corpus() == corpus


@PROPERTY
@given(quote_text(), hostile_text(), label_text())
def test_text_is_never_blank(quote: str, hostile: str, label: str) -> None:
    assert 1 <= len(quote) <= 200
    assert all(text.strip() for text in (quote, hostile, label))
    assert not quote[0].isspace()


def _unaccent(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text).translate(str.maketrans("øØ", "oO"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _theme_pairs(corpus: Corpus) -> list[tuple[Theme, Theme]]:
    return list(combinations(corpus.themes, 2))


def _depth(corpus: Corpus, theme: Theme) -> int:
    depth = 1
    while theme.parent is not None:
        parent = corpus.get(theme.parent)
        assert isinstance(parent, Theme)
        theme, depth = parent, depth + 1
    return depth


def _differ_only_by(change: Callable[[str], str]) -> Callable[[Corpus], bool]:
    def found(corpus: Corpus) -> bool:
        return any(
            a.label != b.label and change(a.label) == change(b.label)
            for a, b in _theme_pairs(corpus)
        )

    return found


FEATURES: dict[str, Callable[[Corpus], bool]] = {
    "a concept of a scheme, with no IRI": lambda corpus: any(
        concept.scheme is not None and concept.iri is None for concept in corpus.concepts
    ),
    "a theme mapped to a theme of another study": lambda corpus: any(
        mapping.object in {theme.id for theme in corpus.themes} for mapping in corpus.mappings
    ),
    "a theme mapped to a concept": lambda corpus: any(
        mapping.object in {concept.id for concept in corpus.concepts} for mapping in corpus.mappings
    ),
    "a contrasting quote": lambda corpus: any(
        quote.role is QuoteRole.CONTRASTING for quote in corpus.quotes
    ),
    "a quote coded under two themes": lambda corpus: any(
        len(quote.themes) == 2 for quote in corpus.quotes
    ),
    "a theme of depth 3": lambda corpus: any(_depth(corpus, theme) == 3 for theme in corpus.themes),
    "a claim with no evidence and a candidate source": lambda corpus: any(
        not claim.evidence and claim.candidate_sources for claim in corpus.claims
    ),
    "a claim evidenced by a quote and a work": lambda corpus: any(
        {type(corpus.get(ref)).__name__ for ref in claim.evidence} == {"Quote", "Work"}
        for claim in corpus.claims
    ),
    "a citation with two intents": lambda corpus: any(
        len(citation.intents) == 2 for work in corpus.works for citation in work.cites
    ),
    "a work with a DOI and one without": lambda corpus: (
        len({w.doi is None for w in corpus.works}) == 2
    ),
    "two themes of different studies sharing a label": lambda corpus: any(
        a.label == b.label and a.study != b.study for a, b in _theme_pairs(corpus)
    ),
    "labels differing only by case": _differ_only_by(str.lower),
    "labels differing only by apostrophe": _differ_only_by(lambda text: text.replace("’", "'")),
    "labels differing only by accents": _differ_only_by(_unaccent),
    "labels differing only by decomposed accents": _differ_only_by(
        lambda text: unicodedata.normalize("NFC", text)
    ),
    "a label with a hostile piece": lambda corpus: any(
        piece in theme.label for theme in corpus.themes for piece in HOSTILE if piece != "’"
    ),
    "a criterion with a fractional bound": lambda corpus: any(
        isinstance(c.constraint, RangeConstraint)
        and any(isinstance(bound, float) for bound in (c.constraint.min, c.constraint.max))
        for c in corpus.criteria
    ),
    "a condition criterion naming a concept": lambda corpus: any(
        isinstance(c.constraint, ConditionConstraint) and c.constraint.concept is not None
        for c in corpus.criteria
    ),
    "a concept match by code alone": lambda corpus: any(
        match.iri is None for concept in corpus.concepts for match in concept.matches
    ),
    "a concept match by a code with ':' alone": lambda corpus: any(
        match.iri is None and match.code is not None and ":" in match.code
        for concept in corpus.concepts
        for match in concept.matches
    ),
    "a match IRI shared by two concepts": lambda corpus: any(
        {match.iri for match in a.matches} & {match.iri for match in b.matches} - {None}
        for a, b in combinations(corpus.concepts, 2)
    ),
    "a code alone matched by two concepts": lambda corpus: any(
        {(m.scheme, m.code) for m in a.matches if m.iri is None}
        & {(m.scheme, m.code) for m in b.matches if m.iri is None}
        for a, b in combinations(corpus.concepts, 2)
    ),
    "a quote with a hostile piece and a search word": lambda corpus: any(
        any(piece in quote.text for piece in ('"', "\\", "\n", "😀", "\u00a0"))
        and any(word in quote.text.lower() for word in WORDS)
        for quote in corpus.quotes
    ),
    "a sample with both ages": lambda corpus: any(
        s.age_min is not None and s.age_max is not None for s in corpus.samples
    ),
    "a subgroup of a subgroup": lambda corpus: any(
        s.part_of in {t.id for t in corpus.samples if t.part_of} for s in corpus.samples
    ),
    "a quote linked to a participant in a subgroup": lambda corpus: any(
        person.id == quote.participant and person.sample is not None
        for quote in corpus.quotes
        for person in corpus.participants
    ),
    "a quote whose speaker names no participant": lambda corpus: any(
        quote.speaker is not None and quote.participant is None for quote in corpus.quotes
    ),
}


def test_the_strategy_draws_every_feature() -> None:
    seen: set[str] = set()

    def all_seen(corpus: Corpus) -> bool:
        seen.update(name for name, has in FEATURES.items() if has(corpus))
        return seen == set(FEATURES)

    with contextlib.suppress(NoSuchExample):
        find(corpora(), all_seen, settings=FIND)
    assert sorted(set(FEATURES) - seen) == []
