"""Hypothesis strategies for whole, valid corpora with rich structure and hostile text.

``corpora()`` draws a :class:`~evidence_graph.Corpus` with works that cite each other, people,
studies with samples, criteria, theme forests and quotes, claims and concepts with matches.
Labels collide on purpose: some differ only by case, by apostrophe (’ or '), or by accents
(precomposed, decomposed or none), and some are shared between studies. Text mixes the search
words of :data:`WORDS` with accented letters, curly quote marks, no-break spaces and characters
that are hard to escape.
"""

from __future__ import annotations

import datetime as dt
import string
import unicodedata
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from typing import Any

from hypothesis import strategies as st

from evidence_graph import (
    CitationIntent,
    ClaimKind,
    Corpus,
    CriterionKind,
    DiagnosisSource,
    MatchRelation,
    QuoteRole,
    Setting,
    StudyDesign,
    ThemeKind,
    WorkType,
)

__all__ = [
    "ACCENTED_WORDS",
    "HOSTILE",
    "LABELS",
    "WORDS",
    "corpora",
    "hostile_text",
    "label_text",
    "quote_text",
]

WORDS: tuple[str, ...] = (
    "recovery",
    "belong",
    "therapist",
    "hope",
    "group",
    "trust",
    "change",
    "myself",
    "believe",
    "honest",
)
"""Plain lower-case words that quotes are made of (in any case), for searches that hit."""

ACCENTED_WORDS: tuple[str, ...] = (
    "café",
    "cafe\u0301",  # the same word with a decomposed accent
    "Førde",
    "Ålesund",
    "Ærø",
    "på",
    "Straße",
    "İzmir",
    "ΣΟΦΙΑ",
    "ΟΔΥΣΣΕΥΣ",  # lower-cased, its last sigma is final: ς
    "naïve",
    "don’t",
    "don't",
    "“calm down”",
)
"""Words with accents, curly quote marks and letters whose case mapping is unusual."""

NBSP = "\u00a0"
RIGHT_TO_LEFT = "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd"  # Hebrew: "hello world"
HOSTILE: tuple[str, ...] = (
    '"',
    '"""',
    "\\",
    "\n",
    "\t",
    "a\r\nb",
    "'''",
    "<>&",
    "😀",
    NBSP,
    RIGHT_TO_LEFT,
    "’",
    "{x}",
    "%20",
)
"""Pieces of text that are hard to escape in Turtle, JSON-LD, SPARQL or a file."""

LABELS: tuple[str, ...] = (
    "Søren’s Hope",
    "Learning to Hold One’s Own",
    "Don't Give Up",
    "Café Conversations",
    "Belonging in Ålesund",
)
"""Theme labels that studies share; :func:`label_text` draws them and variants of them."""

_SEPARATORS = (" ", " ", " ", " ", NBSP, "\n", ", ", " — ", "\t")
_NO_STROKE = str.maketrans("øØ", "oO")


def _same(text: str) -> str:
    return text


def _decompose(text: str) -> str:
    return unicodedata.normalize("NFD", text)


_SWAP_APOSTROPHES = str.maketrans({"’": "'", "'": "’"})


def _swap_apostrophes(text: str) -> str:
    return text.translate(_SWAP_APOSTROPHES)


def _unaccent(text: str) -> str:
    plain = unicodedata.normalize("NFD", text).translate(_NO_STROKE)
    return "".join(char for char in plain if not unicodedata.combining(char))


def _no_break(text: str) -> str:
    return text.replace(" ", NBSP, 1)


# A label as it is, or changed in one way only.
_VARIANTS = (
    _same,
    _swap_apostrophes,
    _unaccent,
    _decompose,
    str.lower,
    str.upper,
    _no_break,
)


def _apply(label: str, change: Callable[[str], str]) -> str:
    return change(label)


_CASED_WORDS = tuple(
    change(word) for word in WORDS for change in (str.lower, str.lower, str.capitalize, str.upper)
)
_WORD_TOKENS = _CASED_WORDS + ACCENTED_WORDS
# Each token with the separator before it, so that one draw makes both. In the harsh table a
# hostile piece is about four tokens in ten, in the mild one about one in seven.
_MILD_TOKENS = tuple(sep + token for sep in _SEPARATORS for token in _WORD_TOKENS + HOSTILE)
_HARSH_TOKENS = _MILD_TOKENS + tuple(sep + piece for sep in _SEPARATORS for piece in HOSTILE * 2)
_FIRST = st.sampled_from(_WORD_TOKENS)


def _join(first: str, rest: list[str], max_size: int) -> str:
    return (first + "".join(rest))[:max_size]


def _text(tokens: tuple[str, ...], max_tokens: int, max_size: int) -> st.SearchStrategy[str]:
    """Text that starts with a word (so it is never only white space), then random tokens."""
    rest = st.lists(st.sampled_from(tokens), max_size=max_tokens)
    return st.builds(_join, _FIRST, rest, st.just(max_size))


@cache
def hostile_text(max_size: int = 80) -> st.SearchStrategy[str]:
    """Non-blank text of words from :data:`WORDS` and accented ones, mixed with :data:`HOSTILE`.

    At most ``max_size`` characters; it always starts with a word.
    """
    return _text(_HARSH_TOKENS, 8, max_size)


@cache
def quote_text() -> st.SearchStrategy[str]:
    """A quote's text: 1 to 200 characters, mostly words, with some hostile pieces."""
    return _text(_MILD_TOKENS, 30, 200)


@cache
def label_text() -> st.SearchStrategy[str]:
    """A theme label: mostly one of :data:`LABELS` or a variant of it, sometimes hostile text.

    A variant differs from its label only by case, by apostrophe (’ or '), by accents (dropped
    or decomposed) or by a no-break space; some labels carry a hostile suffix.
    """
    variant = st.builds(_apply, st.sampled_from(LABELS), st.sampled_from(_VARIANTS))
    suffixed = st.builds(str.__add__, st.sampled_from(LABELS), st.sampled_from(HOSTILE))
    return st.one_of(variant, variant, variant, suffixed, hostile_text(40))


@lru_cache(maxsize=4096)
def _subsets(values: tuple[str, ...], min_size: int, max_size: int) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(values), min_size=min_size, max_size=max_size, unique=True)


def _subset(
    draw: st.DrawFn, values: Sequence[str], *, min_size: int = 0, max_size: int = 3
) -> list[str]:
    if not values:
        return []
    return draw(_subsets(tuple(values), min_size, max_size))


@lru_cache(maxsize=4096)
def _sampled(values: tuple[Any, ...]) -> st.SearchStrategy[Any]:
    return st.sampled_from(values)


def _pick(draw: st.DrawFn, values: Sequence[Any]) -> Any:
    return draw(_sampled(tuple(values)))


def _maybe(draw: st.DrawFn, strategy: st.SearchStrategy[Any]) -> Any:
    """``None`` half the time, else a value of ``strategy`` (a strategy built once)."""
    return draw(strategy) if draw(st.booleans()) else None


def _maybe_pick(draw: st.DrawFn, values: Sequence[Any]) -> Any:
    if not values or not draw(st.booleans()):
        return None
    return _pick(draw, values)


_TAILS = ("", "", "", ".a", "_B", "-x.9", "Z")


def _ids(draw: st.DrawFn, prefix: str, count: int) -> list[str]:
    """Unique local ids: ``prefix`` and a number, sometimes with a tail of other slug characters.

    A tail never starts with a digit, so no id can be another's number run on.
    """
    return [f"{prefix}{index}{_pick(draw, _TAILS)}" for index in range(1, count + 1)]


def _orcid(index: int, seed: int) -> str:
    """A valid ORCID iD, unique for each index: ISO 7064 11-2 check character last."""
    digits = f"0000000{index:04d}{seed:04d}"
    total = 0
    for char in digits:
        total = (total + int(char)) * 2
    check = (12 - total % 11) % 11
    full = digits + ("X" if check == 10 else str(check))
    return "-".join(full[start : start + 4] for start in range(0, 16, 4))


_DOI_SUFFIX = st.text(string.ascii_letters + string.digits + "-._;()/:", min_size=1, max_size=12)
_SCHEMES = ("wikidata", "icd-10-cm", "icd-11", "snomed-ct", "umls")
_AFFILIATIONS = st.lists(hostile_text(40), max_size=2, unique=True)
_ALT_LABELS = st.lists(label_text(), max_size=2, unique=True)
_INTENTS = st.lists(st.sampled_from(CitationIntent), min_size=1, max_size=3, unique=True)
_CONDITIONS = ("depression", "ptsd", "self-harm", "eating-disorder")


def _concepts(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Concepts with matches; a match's code, or IRI, is its own, unless a later concept shares
    the match (with the same details, as the corpus requires, and any relation)."""
    concepts = []
    for number, concept_id in enumerate(_ids(draw, "k", draw(st.integers(0, 3))), start=1):
        matches = []
        for index in range(draw(st.integers(0, 3))):
            code = f"F{number}{index}.{draw(st.integers(0, 9))}"
            iri = f"http://www.wikidata.org/entity/Q{number}{index}{draw(st.integers(0, 99))}"
            form = _pick(draw, ("code", "iri", "both"))
            match: dict[str, Any] = {
                "relation": _pick(draw, tuple(MatchRelation)).value,
                "scheme": _pick(draw, _SCHEMES),
            }
            if form != "iri":  # a code alone, ':' and all, names a node minted from it
                match["code"] = _pick(draw, (code, f"SCTID:{code}", f"MONDO:{code}"))
            if form != "code":
                match["iri"] = iri
            if label := _maybe(draw, hostile_text(30)):
                match["label"] = label
            if note := _maybe(draw, hostile_text(30)):
                match["note"] = note
            matches.append(match)
        earlier = [match for concept in concepts for match in concept["matches"]]
        if earlier and draw(st.booleans()):
            shared = earlier[draw(st.integers(0, len(earlier) - 1))]
            matches.append({**shared, "relation": _pick(draw, tuple(MatchRelation)).value})
        concepts.append(
            {
                "id": concept_id,
                "iri": f"http://id.nlm.nih.gov/mesh/D0000{number:02d}",
                "label": draw(hostile_text(40)),
                "notation": (f"D0000{number:02d}" if draw(st.booleans()) else None),
                "matches": matches,
            }
        )
    return concepts


def _people(draw: st.DrawFn, *, orcids: bool) -> list[dict[str, Any]]:
    people = []
    for index, person_id in enumerate(_ids(draw, "p", draw(st.integers(0, 4))), start=1):
        person: dict[str, Any] = {
            "id": person_id,
            "name": draw(hostile_text(30)),
            "given_name": _maybe_pick(draw, ("Britt", "Søren", "Ærin", "O’Neil")),
            "family_name": _maybe(draw, hostile_text(20)),
            "affiliations": draw(_AFFILIATIONS),
        }
        if orcids and draw(st.booleans()):
            orcid = _orcid(index, draw(st.integers(0, 9999)))
            person["orcid"] = _pick(draw, (orcid, f"https://orcid.org/{orcid}"))
        people.append(person)
    return people


def _works(draw: st.DrawFn, people: list[str], concepts: list[str]) -> list[dict[str, Any]]:
    ids = _ids(draw, "w", draw(st.integers(1, 5)))
    works = []
    for index, work_id in enumerate(ids, start=1):
        authors = _subset(draw, people, max_size=4)
        work: dict[str, Any] = {
            "id": work_id,
            "type": _pick(draw, tuple(WorkType)).value,
            "title": _maybe(draw, hostile_text(60)),
            "authors": authors,
            "corresponding_authors": _subset(draw, authors, max_size=2),
            "year": _maybe(draw, st.integers(1950, 2030)),
            "container_title": _maybe_pick(draw, ("Frontiers in Psychology", "Ærø")),
            "subjects": _subset(draw, concepts),
            "isbn": _maybe_pick(draw, ("978-0-19-968037-5", "0-89862-183-6", "9781585624423")),
            "abstract": _maybe(draw, hostile_text(120)),
            "note": _maybe(draw, hostile_text(40)),
        }
        if draw(st.booleans()):  # the registrant (1000 + index) keeps DOIs unique
            doi = f"10.{1000 + index}/{draw(_DOI_SUFFIX)}"
            work["doi"] = _pick(draw, (doi, doi.upper(), f"https://doi.org/{doi}"))
        works.append(work)
    for work in works:
        cited = _subset(draw, ids, max_size=3)
        work["cites"] = [
            {"work": ref, "intents": [intent.value for intent in draw(_INTENTS)]} for ref in cited
        ]
    return works


def _number(draw: st.DrawFn) -> int | float:
    whole = draw(st.integers(0, 99))
    bound: int | float = _pick(draw, (whole, whole, whole + 0.5, whole + 0.25))
    return bound


_EQUALS_VALUES: dict[str, tuple[Any, ...]] = {
    "in_treatment": (True, False),
    "adult": (True, False),
    "sex": ("female", "male"),
    "diagnosis_source": ("clinician-assessed", "self-reported"),
    "setting": ("community", "outpatient", "inpatient", "forensic"),
    "recovery_status": ("recovered", "not-recovered"),
}
"""The values an equals constraint may require, by attribute."""


def _constraint(draw: st.DrawFn, concepts: list[str]) -> dict[str, Any] | None:
    form = _pick(draw, ("range", "equals", "condition", "none"))
    if form == "none":  # a criterion as reported, that no constraint says
        return None
    if form == "range":
        low, high = sorted((_number(draw), _number(draw)))
        bounds = _pick(draw, ("min", "max", "both"))
        constraint: dict[str, Any] = {
            "type": "range",
            "attribute": _pick(draw, ("age", "months_since_diagnosis")),
        }
        if bounds != "max":
            constraint["min"] = low
        if bounds != "min":
            constraint["max"] = high
        return constraint
    if form == "equals":
        attribute = _pick(draw, tuple(_EQUALS_VALUES))
        value = _pick(draw, _EQUALS_VALUES[attribute])
        return {"type": "equals", "attribute": attribute, "value": value}
    choice = _pick(draw, ("psychosis", "concept", "other"))
    if choice == "concept" and concepts:
        concept = _pick(draw, concepts)
        return {"type": "condition", "condition": f"condition-{concept}", "concept": concept}
    condition = "psychosis" if choice == "psychosis" else _pick(draw, _CONDITIONS)
    return {"type": "condition", "condition": condition}


def _samples(draw: st.DrawFn, study: str) -> list[dict[str, Any]]:
    samples = []
    for sample_id in _ids(draw, f"{study}-n", draw(st.integers(0, 2))):
        age_min, age_max = sorted(draw(st.lists(st.integers(0, 99), min_size=2, max_size=2)))
        size = draw(st.integers(1, 500))
        samples.append(
            {
                "id": sample_id,
                "study": study,
                "size": size,
                "sex": _maybe_pick(draw, ("female", "male", "mixed")),
                "age_min": (age_min if draw(st.booleans()) else None),
                "age_max": (age_max if draw(st.booleans()) else None),
            }
        )
        samples.extend(_subgroups(draw, sample_id, study, size, depth=1))
    return samples


def _partial_date(draw: st.DrawFn) -> str:
    """A year, a year and month, or a date, as a study's data-collection bound."""
    day = draw(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)))
    return day.isoformat()[: _pick(draw, (4, 7, 10))]


def _study_facts(draw: st.DrawFn) -> dict[str, Any]:
    """How a study's sample came about, each fact given or not; the period's bounds in order."""
    first, last = sorted(_partial_date(draw) for _ in range(2))  # in order, whatever precision
    start, end = (bound if draw(st.booleans()) else None for bound in (first, last))
    return {
        "recruitment_setting": _maybe(draw, hostile_text(40)),
        "setting": _maybe_pick(draw, tuple(Setting)),
        "sampling_strategy": _maybe(draw, hostile_text(20)),
        "data_collection_start": start,
        "data_collection_end": end,
        "data_collection_country": _maybe(draw, label_text()),
        "analysis_concept": _maybe_pick(draw, ("https://example.org/methods/ipa",)),
        "diagnosis_source": _maybe_pick(draw, tuple(DiagnosisSource)),
        "diagnosis_method": _maybe(draw, hostile_text(30)),
    }


_CHARACTERISTICS = (
    ("recovery_status", "recovered"),
    ("recovery_status", "not-recovered"),
    ("adult", True),
    ("setting", "community"),
)


def _subgroups(
    draw: st.DrawFn, whole: str, study: str, size: int, *, depth: int
) -> list[dict[str, Any]]:
    """Subgroups of a sample, whose sizes add up to at most its size, nested up to depth 2."""
    found: list[dict[str, Any]] = []
    left = size
    for sample_id in _ids(draw, f"{whole}-g", draw(st.integers(0, 2))):
        if left < 1:
            break
        part = draw(st.integers(1, left))
        left -= part
        characteristic = _maybe_pick(draw, _CHARACTERISTICS)
        found.append(
            {
                "id": sample_id,
                "study": study,
                "size": part,
                "part_of": whole,
                "characteristic": characteristic
                and {"attribute": characteristic[0], "value": characteristic[1]},
            }
        )
        if depth < 2:
            found.extend(_subgroups(draw, sample_id, study, part, depth=depth + 1))
    return found


_TRAIT_VALUES = st.one_of(
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)),
    st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(2100, 12, 31)).map(
        lambda moment: moment.replace(microsecond=0)
    ),
    hostile_text(40).filter(str.strip),
)
"""The values of a participant's characteristics: every type a case variable may have."""


def _traits(draw: st.DrawFn) -> list[dict[str, Any]]:
    names = draw(st.lists(label_text().filter(str.strip), max_size=3, unique=True))
    return [{"name": name, "value": draw(_TRAIT_VALUES)} for name in names]


def _participants(draw: st.DrawFn, study: str, samples: list[str]) -> list[dict[str, Any]]:
    """A study's participants, named "Participant N" or "P N" or not at all."""
    return [
        {
            "id": person_id,
            "study": study,
            "name": _maybe_pick(draw, (f"Participant {index}", f"P {index}")),
            "sample": _maybe_pick(draw, samples),
            "characteristics": _traits(draw),
        }
        for index, person_id in enumerate(_ids(draw, f"{study}-p", draw(st.integers(0, 3))), 1)
    ]


def _criteria(
    draw: st.DrawFn, study: str, concepts: list[str], works: list[str]
) -> list[dict[str, Any]]:
    criteria = []
    for criterion_id in _ids(draw, f"{study}-c", draw(st.integers(0, 5))):
        criterion = {
            "id": criterion_id,
            "study": study,
            "kind": _pick(draw, tuple(CriterionKind)).value,
            "text": draw(hostile_text(60)),
            "constraint": _constraint(draw, concepts),
            "stated_in": _maybe_pick(draw, works),
        }
        if criterion["constraint"] is None:
            del criterion["constraint"]
        criteria.append(criterion)
    return criteria


_STEMS = st.lists(st.sampled_from(LABELS), min_size=1, max_size=2, unique=True)
_CHANGES = st.lists(st.sampled_from(_VARIANTS[1:]), min_size=1, max_size=2, unique=True)


def _label_pool(draw: st.DrawFn) -> tuple[str, ...]:
    """The labels the themes of a corpus mostly share: a few of :data:`LABELS`, each as it is
    and in up to two variants, so that labels that differ only by case, apostrophe or accents
    meet."""
    return tuple(
        _apply(stem, change) for stem in draw(_STEMS) for change in (_same, *draw(_CHANGES))
    )


def _theme_label(draw: st.DrawFn, pool: tuple[str, ...]) -> str:
    return _pick(draw, pool) if draw(st.integers(0, 3)) else draw(label_text())


_THEME_KINDS = st.sampled_from(ThemeKind)
_COLORS = st.from_regex(r"#[0-9A-F]{6}", fullmatch=True)
_NAMES = label_text().filter(str.strip)
_MOMENTS = st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2100, 12, 31)).map(
    lambda moment: moment.replace(microsecond=0)
)


def _themes(draw: st.DrawFn, study: str, pool: tuple[str, ...]) -> list[dict[str, Any]]:
    """A forest: one or two top themes, then sub-themes under themes of depth 1 or 2.

    Some themes have a kind; a grouping may be ordered, its members then numbered apart.
    """
    ids = _ids(draw, f"{study}-t", draw(st.integers(1, 6)))
    tops = draw(st.integers(1, min(2, len(ids))))
    depth: dict[str, int] = {}
    ordered: dict[str, set[int]] = {}  # the numbers each ordered grouping's members have
    themes = []
    for index, theme_id in enumerate(ids):
        parent = None
        if index >= tops:
            parent = _pick(draw, [ref for ref in ids[:index] if depth[ref] < 3])
        depth[theme_id] = 1 if parent is None else depth[parent] + 1
        number = _maybe(draw, st.integers(1, 9))
        if parent in ordered and number is not None:
            number = None if number in ordered[parent] else number
            ordered[parent].add(number or 0)
        kind = _maybe(draw, _THEME_KINDS)
        theme = {
            "id": theme_id,
            "study": study,
            "label": _theme_label(draw, pool),
            "alt_labels": draw(_ALT_LABELS),
            "number": number,
            "parent": parent,
            "kind": kind,
            "color": _maybe(draw, _COLORS),
        }
        if kind is ThemeKind.GROUPING and draw(st.booleans()):
            theme["ordered"] = True
            ordered[theme_id] = set()
        themes.append(theme)
    return themes


def _quotes(
    draw: st.DrawFn,
    study: str,
    themes: list[str],
    works: list[str],
    speakers: list[str],
    *,
    coders: list[str],
) -> list[dict[str, Any]]:
    quotes = []
    for quote_id in _ids(draw, f"{study}-q", draw(st.integers(0, 8))):
        quote: dict[str, Any] = {
            "id": quote_id,
            "study": study,
            "text": draw(quote_text()),
            "themes": _subset(draw, themes, min_size=1, max_size=2),
            "role": _pick(draw, tuple(QuoteRole)).value,
            "read_in": _pick(draw, works),
            "appears_in": _pick(draw, works),
            "speaker": _maybe_pick(draw, ("P1", "P7", "participant_3", *speakers)),
        }
        if draw(st.booleans()):
            start = draw(st.integers(0, 5000))
            quote["position"] = {"start": start, "end": start + len(quote["text"])}
        if coders and draw(st.booleans()):
            quote["coded_by"] = _pick(draw, coders)
            quote["coded_at"] = _maybe(draw, _MOMENTS)
            quote["prefix"] = _maybe(draw, hostile_text(32))
            quote["suffix"] = _maybe(draw, hostile_text(32))
            quote["page"] = _maybe_pick(draw, ("7", "7-8", "xii"))
        quotes.append(quote)
    return quotes


def _frameworks(
    draw: st.DrawFn, works: list[str]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Schemes (frameworks) and their concepts, which have no public IRI."""
    schemes, concepts = [], []
    for scheme_id in _ids(draw, "f", draw(st.integers(0, 2))):
        schemes.append(
            {
                "id": scheme_id,
                "label": draw(label_text()),
                "definition": _maybe(draw, hostile_text(40)),
                "defined_in": _maybe_pick(draw, works),
            }
        )
        concepts.extend(
            {
                "id": concept_id,
                "label": draw(label_text()),
                "definition": _maybe(draw, hostile_text(40)),
                "scheme": scheme_id,
            }
            for concept_id in _ids(draw, f"{scheme_id}-c", draw(st.integers(1, 3)))
        )
    return schemes, concepts


def _mappings(
    draw: st.DrawFn, themes: list[dict[str, Any]], concepts: list[str]
) -> list[dict[str, Any]]:
    """Themes mapped to concepts, or to themes of other studies, one mapping per pair."""
    pairs: dict[tuple[str, str], None] = {}
    for _ in range(draw(st.integers(0, 5)) if themes else 0):
        theme = themes[draw(st.integers(0, len(themes) - 1))]
        others = [other["id"] for other in themes if other["study"] != theme["study"]]
        targets = concepts + others
        if targets:
            pairs.setdefault((theme["id"], _pick(draw, targets)), None)
    return [
        {
            "id": mapping_id,
            "subject": subject,
            "relation": _pick(draw, tuple(MatchRelation)).value,
            "object": target,
            "justification": draw(hostile_text(60)),
        }
        for mapping_id, (subject, target) in zip(_ids(draw, "m", len(pairs)), pairs, strict=True)
    ]


@st.composite
def corpora(draw: st.DrawFn, max_studies: int = 3, *, orcids: bool = True) -> Corpus:
    """Draw a valid corpus of 1 to ``max_studies`` studies, every list filled at random.

    Local ids are unique slugs with deterministic prefixes: works ``w1``, people ``p1``,
    concepts ``k1``, studies ``s1``, and per study samples ``s1-n1`` (subgroups ``s1-n1-g1``),
    participants ``s1-p1``, criteria ``s1-c1``, coders ``s1-coder1``, memos ``s1-memo1``,
    themes ``s1-t1`` and quotes ``s1-q1``; claims ``claim1``. Some ids carry a tail such as
    ``.a`` or ``_B``.

    With ``orcids`` (the default), some people have a (valid, unique) ORCID iD, and so the
    orcid.org IRI.
    """
    pool = _label_pool(draw)
    concepts = _concepts(draw)
    concept_ids = [concept["id"] for concept in concepts]
    people = _people(draw, orcids=orcids)
    person_ids = [person["id"] for person in people]
    works = _works(draw, person_ids, concept_ids)
    work_ids = [work["id"] for work in works]
    studies: list[dict[str, Any]] = []
    samples: list[dict[str, Any]] = []
    participants: list[dict[str, Any]] = []
    criteria: list[dict[str, Any]] = []
    themes: list[dict[str, Any]] = []
    quotes: list[dict[str, Any]] = []
    coders: list[dict[str, Any]] = []
    memos: list[dict[str, Any]] = []
    for study_id in _ids(draw, "s", draw(st.integers(1, max_studies))):
        studies.append(
            {
                "id": study_id,
                "design": _pick(draw, tuple(StudyDesign)).value,
                "reported_in": _subset(draw, work_ids, min_size=1, max_size=2),
                "conditions": _subset(draw, concept_ids),
                "label": _maybe(draw, label_text()),
                "lead_investigator": _maybe_pick(draw, person_ids),
                **_study_facts(draw),
            }
        )
        study_samples = _samples(draw, study_id)
        samples.extend(study_samples)
        people_of_study = _participants(draw, study_id, [s["id"] for s in study_samples])
        participants.extend(people_of_study)
        speakers = [p["id"] for p in people_of_study] + [p["name"] for p in people_of_study]
        criteria.extend(_criteria(draw, study_id, concept_ids, work_ids))
        study_themes = _themes(draw, study_id, pool)
        themes.extend(study_themes)
        theme_ids = [theme["id"] for theme in study_themes]
        study_coders = [
            {"id": coder_id, "study": study_id, "name": _maybe(draw, _NAMES)}
            for coder_id in _ids(draw, f"{study_id}-coder", draw(st.integers(0, 2)))
        ]
        coders.extend(study_coders)
        coder_ids = [coder["id"] for coder in study_coders]
        study_quotes = _quotes(
            draw, study_id, theme_ids, work_ids, [s for s in speakers if s], coders=coder_ids
        )
        quotes.extend(study_quotes)
        about = [study_id, *theme_ids, *(quote["id"] for quote in study_quotes)]
        memos.extend(
            {
                "id": memo_id,
                "study": study_id,
                "text": draw(hostile_text(80).filter(bool)),
                "title": _maybe(draw, _NAMES),
                "about": _subset(draw, about, max_size=3),
                "written_by": _maybe_pick(draw, coder_ids),
                "created": _maybe(draw, _MOMENTS),
            }
            for memo_id in _ids(draw, f"{study_id}-memo", draw(st.integers(0, 2)))
        )
    study_ids = [study["id"] for study in studies]
    quote_ids = [quote["id"] for quote in quotes]
    claims = [
        {
            "id": claim_id,
            "statement": draw(hostile_text(80)),
            "asserted_by": _pick(draw, work_ids),
            "kind": _pick(draw, tuple(ClaimKind)).value,
            "study": _maybe_pick(draw, study_ids),
            "evidence": _subset(draw, quote_ids + work_ids, max_size=4),
            "candidate_sources": _subset(draw, work_ids, max_size=2),
            "about": _subset(draw, concept_ids, max_size=2),
            "evidence_not_transcribed": draw(st.booleans()),
        }
        for claim_id in _ids(draw, "claim", draw(st.integers(0, 4)))
    ]
    schemes, framework = _frameworks(draw, work_ids)
    concepts.extend(framework)
    mappings = _mappings(draw, themes, concept_ids + [c["id"] for c in framework])
    return Corpus.model_validate(
        {
            "schemes": schemes,
            "mappings": mappings,
            "works": works,
            "people": people,
            "studies": studies,
            "samples": samples,
            "participants": participants,
            "criteria": criteria,
            "themes": themes,
            "quotes": quotes,
            "coders": coders,
            "memos": memos,
            "claims": claims,
            "concepts": concepts,
        }
    )
