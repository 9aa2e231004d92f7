"""Questions about themes and quotes: which words stand under a theme, the tree, text search."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from pydantic import Field

from evidence_graph.exceptions import QueryError
from evidence_graph.folding import fold
from evidence_graph.graph import EvidenceGraph, Relation
from evidence_graph.models import NodeKind, Participant, Quote, Sample, Study, Theme, Work
from evidence_graph.queries.finding import find_samples, find_study, find_themes
from evidence_graph.queries.results import Rows
from evidence_graph.queries.rows import QuoteRow, SearchRow, ThemeRow
from evidence_graph.queries.searching import FoldedTexts

__all__ = [
    "ThemeNode",
    "nested_theme_tree",
    "quotes_for_theme",
    "search_quotes",
    "theme_tree",
    "tree_order",
    "walk",
]


class ThemeNode(ThemeRow):
    """A theme of a study's tree, with its sub-themes below it."""

    children: tuple[ThemeNode, ...] = Field(
        default=(),
        description="The sub-themes (a grouping's members): by number, numbered first, then in "
        "the file's order.",
    )


def walk(nodes: Sequence[ThemeNode]) -> Iterator[ThemeRow]:
    """Yield the rows of a nested theme tree, each theme before its sub-themes (no children).

    ``list(walk(nested_theme_tree(graph)))`` is :func:`theme_tree`'s answer.
    """
    stack = list(reversed(nodes))  # a stack, not recursion: a tree may be deep
    while stack:
        node = stack.pop()
        yield ThemeRow.model_validate(node.model_dump(exclude={"children"}))
        stack.extend(reversed(node.children))


def tree_order(rows: Sequence[ThemeRow]) -> list[ThemeRow]:
    """Return theme rows in the order :func:`walk` gives: each theme before its sub-themes.

    This is the order the rows themselves tell, as the SPARQL answer gives them: overarching
    themes by study, then siblings by number (numbered first), by their position in an
    ordered grouping, and otherwise (where RDF keeps no order) by label and IRI. It is the
    order of :func:`theme_tree` wherever numbers or an ordered grouping settle it. A row
    whose parent has no row of its own, or that is below a loop of parents, is left out, and
    the sub-themes of a theme given two rows follow the first.
    """
    children: dict[str | None, list[ThemeRow]] = {}
    for row in rows:
        children.setdefault(row.parent, []).append(row)
    top = sorted(children.get(None, []), key=lambda r: (r.study, *_sibling_key(r)))
    found: list[ThemeRow] = []
    stack = list(reversed(top))  # a stack, not recursion: the rows may come from a deep tree
    while stack:
        row = stack.pop()
        found.append(row)
        stack.extend(sorted(children.pop(row.theme, []), key=_sibling_key, reverse=True))
    return found


def descendants(graph: EvidenceGraph, theme: str) -> list[str]:
    """Return the IRIs of ``theme`` and every theme below it, each theme before those below it."""
    below = graph.memo("themes below", lambda: _themes_below(graph))
    found: list[str] = []
    stack = [theme]  # a stack, not recursion: a tree may be deep
    while stack:
        found.append(iri := stack.pop())
        stack.extend(reversed([child for child, _ in below[iri]]))
    return found


def _sibling_key(row: ThemeRow) -> tuple[bool, int, int, str, str]:
    """Order siblings as far as their rows tell: number, position in a grouping, label, IRI."""
    return (row.number is None, row.number or 0, row.position or 0, row.label, row.theme)


def _number_key(number: int | None) -> tuple[bool, int]:
    """Order as SPARQL does: an unbound number first, then by value."""
    return (number is not None, number or 0)


def quotes_for_theme(
    graph: EvidenceGraph,
    theme: str,
    *,
    subthemes: bool = True,
    study: str | None = None,
    subgroup: str | None = None,
) -> Rows[QuoteRow]:
    """Return the quotes coded under a theme and, unless ``subthemes`` is false, the themes below.

    Each row carries the quote's speaker and, where the study declares the speaker as a
    participant, the sample or subgroup they belong to.

    Args:
        graph: The evidence graph.
        theme: The theme's IRI, local id, label or alternative label; labels are compared
            case-, accent- and apostrophe-insensitively, and may name themes of several studies.
        subthemes: Whether quotes coded under the theme's sub-themes (at any depth) count.
        study: Keep only themes of this study (its IRI or local id).
        subgroup: Keep only quotes whose speaker belongs to this sample or subgroup (its IRI or
            local id), or to a subgroup of it.

    Returns:
        One row per quote and theme it is coded under, ordered by study, theme number, theme
        and quote IRI.

    Raises:
        QueryError: If ``theme`` names no theme; the closest labels are suggested.

    Examples:
        >>> from evidence_graph import load_graph
        >>> graph = load_graph("kverme2019")
        >>> [row.quote_id for row in quotes_for_theme(graph, "daring to belong")]
        ['group-therapy-helped-most']
        >>> len(quotes_for_theme(graph, "Moving Toward Connectedness"))
        4
        >>> quotes_for_theme(graph, "Moving Toward Connectedness", subthemes=False)
        []
    """
    rows: dict[tuple[str, str], QuoteRow] = {}
    within = None if subgroup is None else set(find_samples(graph, subgroup))
    for asked in find_themes(graph, theme, study=study):
        scope = descendants(graph, asked) if subthemes else [asked]
        for theme_iri in scope:
            coded = graph.get(theme_iri, Theme)
            for quote in graph.quotes(theme_iri):
                row = _quote_row(graph, quote, theme_iri, coded)
                if within is None or within.intersection(_wholes(graph, row.subgroup)):
                    rows[row.quote, row.theme] = row
    numbers = {row.theme: graph.get(row.theme, Theme).number for row in rows.values()}
    order = sorted(
        rows.values(),
        key=lambda row: (row.study, _number_key(numbers[row.theme]), row.theme, row.quote),
    )
    return Rows(QuoteRow, order)


def _wholes(graph: EvidenceGraph, sample: str | None) -> list[str]:
    """Return the IRIs of a sample and of every sample it is part of, itself first."""
    found: list[str] = []
    while sample is not None and sample not in found:
        found.append(sample)
        whole = graph.get(sample, Sample).part_of
        sample = None if whole is None else graph.iri(whole)
    return found


def _quote_row(graph: EvidenceGraph, quote: Quote, theme_iri: str, theme: Theme) -> QuoteRow:
    work = graph.get(quote.appears_in, Work)
    person = None if quote.participant is None else graph.get(quote.participant, Participant)
    sample = None if person is None or person.sample is None else person.sample
    return QuoteRow(
        quote=graph.iri(quote),
        quote_id=quote.id,
        text=quote.text,
        role=quote.role,
        theme=theme_iri,
        theme_label=theme.label,
        study=graph.iri(quote.study),
        study_id=quote.study,
        work=graph.iri(work),
        doi=work.doi,
        speaker=quote.speaker,
        subgroup=None if sample is None else graph.iri(sample),
        subgroup_id=sample,
    )


def theme_tree(graph: EvidenceGraph, study: str | None = None) -> Rows[ThemeRow]:
    """Return each study's themes as rows of a tree, with how many quotes stand under each.

    These are the rows of ``evidence-graph query theme-tree`` and of
    ``ask(graph, "theme-tree")``: each theme before its sub-themes, with its ``depth`` and
    ``parent``. :func:`nested_theme_tree` gives the same themes nested, each holding its
    sub-themes.

    Args:
        graph: The evidence graph.
        study: The study (IRI or local id); every study when left out.

    Returns:
        The overarching themes by study IRI, then as :meth:`EvidenceGraph.top_themes` orders
        them: by number, numbered first, then in the file's order (never by label); each
        followed by its sub-themes, ordered alike. A member of an ordered grouping has its
        ``position`` there.

    Raises:
        QueryError: If ``study`` names no study.

    Examples:
        >>> from evidence_graph import load_graph
        >>> rows = theme_tree(load_graph("kverme2019"))
        >>> [(row.depth, row.number, row.quotes_with_subthemes) for row in rows]
        [(0, None, 4), (1, 1, 1), (1, 2, 1), (1, 3, 1), (1, 4, 1)]
    """
    rows: list[dict[str, Any]] = []
    indexes = (
        graph.memo("themes below", lambda: _themes_below(graph)),
        graph.memo("quotes of themes", lambda: _quotes_of_themes(graph)),
    )
    for study_iri in _tree_studies(graph, study):
        for iri, theme in indexes[0].get(study_iri, ()):
            _theme_rows(graph, indexes, (iri, theme, study_iri), rows)
    return Rows(ThemeRow, ThemeRow.known(rows))


Placed = tuple[tuple[str, Theme], ...]
"""Themes with their IRIs, in order."""


def _themes_below(graph: EvidenceGraph) -> dict[str, Placed]:
    """Each study's overarching themes and each theme's sub-themes, in order: built once."""
    found: dict[str, Placed] = {}
    for iri, _ in graph.nodes(NodeKind.STUDY):
        found[iri] = tuple((graph.iri(theme), theme) for theme in graph.top_themes(iri))
    for iri, _ in graph.nodes(NodeKind.THEME):
        found[iri] = tuple((graph.iri(theme), theme) for theme in graph.subthemes(iri))
    return found


def _quotes_of_themes(graph: EvidenceGraph) -> dict[str, frozenset[str]]:
    """The ids of the quotes coded directly under each theme: built once."""
    return {
        iri: frozenset(quote.id for quote in graph.linked(iri, Relation.SUPPORTS, forward=False))
        for iri, _ in graph.nodes(NodeKind.THEME)
    }


def _tree_studies(graph: EvidenceGraph, study: str | None) -> list[str]:
    """The IRIs of the study asked for, or of every study, in order."""
    if study is None:
        return [iri for iri, _ in graph.sorted_nodes(NodeKind.STUDY)]
    return [find_study(graph, study)]


def _theme_rows(
    graph: EvidenceGraph,
    indexes: tuple[dict[str, Placed], dict[str, frozenset[str]]],
    placed: tuple[str, Theme, str],
    rows: list[dict[str, Any]],
    *,
    parent: str | None = None,
    depth: int = 0,
    position: int | None = None,
) -> frozenset[str]:
    """Add the fields of a theme's row, then of the rows below it; return the quotes under it.

    ``indexes`` hold the themes below each theme and the quotes under each; ``placed`` is
    the theme's IRI, the theme and its study's IRI. The rows are those of
    :func:`walk` over :func:`nested_theme_tree`, each theme before its sub-themes, made without
    the nested nodes.
    """
    iri, theme, study = placed
    below, direct_quotes = indexes
    direct = direct_quotes[iri]
    row: dict[str, Any] = {
        "theme": iri,
        "theme_id": theme.id,
        "label": theme.label,
        "number": theme.number,
        "kind": theme.kind,
        "position": position,
        "parent": parent,
        "depth": depth,
        "quotes": len(direct),
        "quotes_with_subthemes": 0,  # counted once the themes below are
        "study": study,
        "study_id": theme.study,
    }
    rows.append(row)
    quotes = direct
    for place, (child_iri, child) in enumerate(below[iri], start=1):
        quotes = quotes | _theme_rows(
            graph,
            indexes,
            (child_iri, child, study if child.study == theme.study else graph.iri(child.study)),
            rows,
            parent=iri,
            depth=depth + 1,
            position=place if theme.ordered else None,
        )
    row["quotes_with_subthemes"] = len(quotes)
    return quotes


def nested_theme_tree(graph: EvidenceGraph, study: str | None = None) -> list[ThemeNode]:
    """Return each study's themes as a nested tree, each theme holding its sub-themes.

    The themes, counts and order are :func:`theme_tree`'s; :func:`walk` flattens the tree
    into its rows.

    Args:
        graph: The evidence graph.
        study: The study (IRI or local id); every study when left out.

    Returns:
        The overarching themes, ordered as :func:`theme_tree` orders them, each with its
        ``children``.

    Raises:
        QueryError: If ``study`` names no study.

    Examples:
        >>> from evidence_graph import load_graph
        >>> [top] = nested_theme_tree(load_graph("kverme2019"))
        >>> top.label, top.quotes, top.quotes_with_subthemes
        ('Moving Toward Connectedness', 0, 4)
        >>> [(child.number, child.quotes) for child in top.children]
        [(1, 1), (2, 1), (3, 1), (4, 1)]
    """
    nodes: list[ThemeNode] = []
    for study_iri in _tree_studies(graph, study):
        top = graph.top_themes(study_iri)
        nodes.extend(_theme_node(graph, theme, None, 0)[0] for theme in top)
    return nodes


def _theme_node(
    graph: EvidenceGraph, theme: Theme, parent: str | None, depth: int, position: int | None = None
) -> tuple[ThemeNode, set[str]]:
    """Return a theme's node and the ids of the quotes under it or any theme below it."""
    iri = graph.iri(theme)
    direct = {quote.id for quote in graph.quotes(iri)}
    below = set(direct)
    children = []
    for place, child in enumerate(graph.subthemes(iri), start=1):
        node, quotes = _theme_node(graph, child, iri, depth + 1, place if theme.ordered else None)
        children.append(node)
        below |= quotes
    node = ThemeNode(
        theme=iri,
        theme_id=theme.id,
        label=theme.label,
        number=theme.number,
        kind=theme.kind,
        position=position,
        parent=parent,
        depth=depth,
        quotes=len(direct),
        quotes_with_subthemes=len(below),
        study=graph.iri(theme.study),
        study_id=theme.study,
        children=tuple(children),
    )
    return node, below


def search_quotes(graph: EvidenceGraph, text: str, *, themes: bool = True) -> Rows[SearchRow]:
    """Return the quotes, and theme labels, that contain ``text``, ignoring case and accents.

    Texts are compared folded (:func:`~evidence_graph.folding.fold`): "forde" finds
    "Førde", "dont" does not find "don’t" but "don't" does, and a no-break space is a space.

    Args:
        graph: The evidence graph.
        text: The words to look for.
        themes: Whether theme labels (and alternative labels) are searched too.

    Returns:
        Quote hits, one row per theme the quote is coded under, then theme hits, one row per
        matching label; each ordered by study, item, theme and text.

    Raises:
        QueryError: If ``text`` is empty or only white space.

    Examples:
        >>> from evidence_graph import load_graph
        >>> [row.item_id for row in search_quotes(load_graph("kverme2019"), "GROUP THERAPY")]
        ['group-therapy-helped-most']
        >>> [row.text for row in search_quotes(load_graph("kverme2019"), "one's own")]
        ['Learning to Hold One’s Own']
    """
    wanted = fold(text)
    if not wanted.strip():
        raise QueryError("text", text, "expected words to search for")
    rows: list[SearchRow] = []
    for quote in graph.memo("quotes to search", lambda: _folded_quotes(graph)).containing(wanted):
        rows.extend(
            _hit(graph, NodeKind.QUOTE, quote, quote.text, theme_id) for theme_id in quote.themes
        )
    if themes:
        labels = graph.memo("labels to search", lambda: _folded_labels(graph))
        for theme, label in labels.containing(wanted):
            rows.append(_hit(graph, NodeKind.THEME, theme, label, theme.id))
    order = sorted(rows, key=lambda row: (row.match, row.study, row.item, row.theme, row.text))
    return Rows(SearchRow, order)


def _folded_quotes(graph: EvidenceGraph) -> FoldedTexts[Quote]:
    """Every quote with its text folded, for searching."""
    return FoldedTexts((quote, quote.text) for quote in graph.quotes())


def _folded_labels(graph: EvidenceGraph) -> FoldedTexts[tuple[Theme, str]]:
    """Every theme with each of its labels, for searching."""
    return FoldedTexts(
        ((theme, label), label)
        for theme in graph.themes()
        for label in {theme.label, *theme.alt_labels}
    )


def _hit(
    graph: EvidenceGraph, match: NodeKind, item: Quote | Theme, text: str, theme_id: str
) -> SearchRow:
    theme = graph.get(theme_id, Theme)
    study = graph.get(item.study, Study)
    return SearchRow(
        match=match,
        item=graph.iri(item),
        item_id=item.id,
        text=text,
        theme=graph.iri(theme),
        theme_label=theme.label,
        study=graph.iri(study),
        study_id=study.id,
    )
