"""The text sources of a project: each work quotes were read in, its text, and its selections.

A work's text is an interview transcript, private: it is written whole only when asked
(``include_sources``). Otherwise the source holds a redacted text of the same length, in
which each quote (with its prefix and suffix) stands at its offsets and every other
character is a space, line breaks kept; the quotes read back verbatim. Quotes without a
position are laid out one after another, separated by blank lines, in a text of their own.

Offsets count code points. Quotes of one work at the same position (the same words coded by
several coders) are one selection, coded by each of them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from evidence_graph.display import quoted
from evidence_graph.exceptions import NotWritableError
from evidence_graph.graph import EvidenceGraph
from evidence_graph.models import Quote, QuotePosition, Study, Work, local_id
from evidence_graph.qda.writing import guid

__all__ = ["LINE_BREAKS", "UNPLACED", "Selection", "TextSource", "redacted", "text_sources"]

LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
"""The characters a redacted text keeps where the full text has them (Python's line breaks)."""

UNPLACED = " (quotes without a position)"
"""Added to a work's name for the source of its quotes without a position, when the work has
a source of its own for the others."""


@dataclass(frozen=True, slots=True)
class Selection:
    """A span of a source's text and the quotes that stand there.

    Attributes:
        guid: The selection's GUID: that of its first quote, by id.
        name: The selection's name: the local id of its first quote.
        start: The offset of its first character, in code points.
        end: The offset just past its last character.
        quotes: The quotes, by id: one, or one per coder who coded the same words.
    """

    guid: str
    name: str
    start: int
    end: int
    quotes: tuple[Quote, ...]


@dataclass(frozen=True, slots=True)
class TextSource:
    """A text of the project: a work's, or the quotes of a work that have no position.

    Attributes:
        guid: The source's GUID, made from the work's IRI.
        name: The source's name: the work's title, or its id.
        work: The work the quotes were read in.
        text: The text written: the work's own, or one redacted or laid out.
        selections: The coded spans, in the order of their offsets.
    """

    guid: str
    name: str
    work: Work
    text: str
    selections: tuple[Selection, ...]


def text_sources(
    graph: EvidenceGraph, study: Study, *, include_sources: bool = False
) -> list[TextSource]:
    """Return the sources of a study's project: one for each work its quotes were read in.

    A work whose quotes have positions gets a source with its text, full or redacted; its
    quotes without a position get a source of their own (the work's, if it has no other).

    Raises:
        NotWritableError: If a quote's position does not fit its text, or two quotes put
            different characters at one offset.

    Examples:
        >>> from evidence_graph import load_graph
        >>> graph = load_graph("kverme2019")
        >>> [source] = text_sources(graph, graph.get("kverme2019", Study))
        >>> source.name, len(source.selections)
        ('4 Keys to Recovering from Borderline Personality Disorder', 4)
    """
    by_work: dict[str, list[Quote]] = {}
    for quote in sorted(graph.quotes(), key=lambda found: found.id):
        if quote.study == study.id:
            by_work.setdefault(graph.iri(quote.read_in), []).append(quote)
    sources: list[TextSource] = []
    for iri in sorted(by_work, key=lambda found: graph.get(found).id):
        work = graph.get(iri, Work)
        sources.extend(_work_sources(graph, work, by_work[iri], include_sources=include_sources))
    return sources


def _work_sources(
    graph: EvidenceGraph, work: Work, quotes: Sequence[Quote], *, include_sources: bool
) -> Iterator[TextSource]:
    iri = graph.iri(work)
    name = work.title or work.id
    placed = [quote for quote in quotes if quote.position is not None]
    unplaced = [quote for quote in quotes if quote.position is None]
    full = work.text
    whole = include_sources and full is not None
    if placed or whole:
        text = redacted(work, placed, full, keep_all=include_sources)
        yield TextSource(guid(iri), name, work, text, tuple(_placed(graph, placed)))
    if unplaced:
        own = not (placed or whole)
        text, selections = _laid_out(graph, unplaced)
        source_guid = guid(iri) if own else guid(iri, "unplaced")
        named = name if own else name + UNPLACED
        yield TextSource(source_guid, named, work, text, tuple(selections))


def redacted(
    work: Work, quotes: Sequence[Quote], full: str | None, *, keep_all: bool = False
) -> str:
    r"""Return the text a source of ``work`` holds, each quote at its position.

    With the work's ``full`` text, that text when ``keep_all``, else the same with every
    character that no quote, prefix or suffix covers made a space (line breaks kept).
    Without it, a text just long enough, made of the quotes with their prefixes and suffixes.

    Raises:
        NotWritableError: If two quotes (with their prefixes and suffixes) put different
            characters at one offset; a quote's position fits its text and the work's text in
            every corpus.

    Examples:
        >>> quote = Quote(id="q", study="s", text="hope", themes=("t",), read_in="w",
        ...               appears_in="w", position={"start": 4, "end": 8})
        >>> work = Work(id="w", type="other", title="Interview 1")
        >>> redacted(work, [quote], "and\nhope, then")
        '   \nhope      '
        >>> redacted(work, [quote], None)
        '    hope'
    """
    if full is None:
        return _assembled(work, quotes)
    if keep_all:
        return full
    kept = [False] * len(full)
    for quote in quotes:
        start, end = _context_span(quote)
        kept[max(start, 0) : end] = [True] * (min(end, len(full)) - max(start, 0))
    return "".join(
        char if kept[index] or char in LINE_BREAKS else " " for index, char in enumerate(full)
    )


def _position(quote: Quote) -> QuotePosition:
    assert quote.position is not None  # noqa: S101 - only placed quotes come here
    return quote.position


def _context_span(quote: Quote) -> tuple[int, int]:
    """The span a quote covers with its prefix and suffix (the start may be below 0)."""
    position = _position(quote)
    return position.start - len(quote.prefix or ""), position.end + len(quote.suffix or "")


def _assembled(work: Work, quotes: Sequence[Quote]) -> str:
    """A text made of the quotes at their positions, with their prefixes and suffixes."""
    chars: dict[int, tuple[str, Quote]] = {}
    for quote in quotes:
        position = _position(quote)
        prefix, suffix = quote.prefix or "", quote.suffix or ""
        if len(prefix) > position.start:
            raise NotWritableError(
                f"quote {quote.id!r}: prefix: {len(prefix)} characters before offset "
                f"{position.start}; expected at most {position.start}"
            )
        pieces = ((position.start - len(prefix), prefix), (position.start, quote.text))
        for offset, piece in (*pieces, (position.end, suffix)):
            for index, char in enumerate(piece, offset):
                other = chars.setdefault(index, (char, quote))
                if other[0] != char:
                    raise NotWritableError(
                        f"quotes {other[1].id!r} and {quote.id!r}: at offset {index} of work "
                        f"{work.id!r}, one has {quoted(other[0])} and the other "
                        f"{quoted(char)}; expected the same text where they overlap"
                    )
    length = max(chars, default=-1) + 1
    return "".join(chars[index][0] if index in chars else " " for index in range(length))


def _joined(quotes: Sequence[Quote]) -> list[list[Quote]]:
    """Group the quotes of one place (or of the same words) that are one selection.

    They are quotes by different coders, each coded by one. Any other quote is a selection of
    its own, so that reading the project back gives each quote again.

    Examples:
        >>> q = lambda id_, coder: Quote(id=id_, study="s", text="a", themes=("t",),
        ...                              read_in="w", appears_in="w", coded_by=coder)
        >>> [[quote.id for quote in group] for group in _joined([q("1", "x"), q("2", "y"),
        ...                                                      q("3", "x"), q("4", None)])]
        [['1', '2'], ['3'], ['4']]
    """
    groups: list[list[Quote]] = []
    for quote in quotes:
        group = next(
            (
                group
                for group in groups
                if quote.coded_by is not None
                and all(other.coded_by not in {None, quote.coded_by} for other in group)
            ),
            None,
        )
        if group is None:
            groups.append([quote])
        else:
            group.append(quote)
    return groups


def _placed(graph: EvidenceGraph, quotes: Sequence[Quote]) -> list[Selection]:
    """The selections of quotes with positions, in offset order.

    One for each position, or more where quotes of one place are not several coders' codings.
    """
    spans: dict[tuple[int, int], list[Quote]] = {}
    for quote in quotes:
        position = _position(quote)
        spans.setdefault((position.start, position.end), []).append(quote)
    return [
        _selection(graph, start, end, group)
        for start, end in sorted(spans)
        for group in _joined(spans[start, end])
    ]


def _laid_out(graph: EvidenceGraph, quotes: Sequence[Quote]) -> tuple[str, list[Selection]]:
    """A text of the quotes one after another, blank lines between; one selection each.

    Quotes of the same words coded by several coders are laid out once, as one selection.
    """
    by_text: dict[str, list[Quote]] = {}
    for quote in quotes:
        by_text.setdefault(quote.text, []).append(quote)
    groups = [group for same in by_text.values() for group in _joined(same)]
    selections: list[Selection] = []
    offset = 0
    for group in groups:
        length = len(group[0].text)
        selections.append(_selection(graph, offset, offset + length, group))
        offset += length + 2
    return "\n\n".join(group[0].text for group in groups), selections


def _selection(graph: EvidenceGraph, start: int, end: int, quotes: Sequence[Quote]) -> Selection:
    ordered = tuple(sorted(quotes, key=lambda quote: quote.id))
    return Selection(
        guid(graph.iri(ordered[0])), _selection_name(graph, ordered), start, end, ordered
    )


def _selection_name(graph: EvidenceGraph, quotes: Sequence[Quote]) -> str:
    """The name of a selection: its quote's local id, or what the ids of its coders' share.

    Quotes ``q1-anna`` and ``q1-ben``, coded by ``anna`` and ``ben``, are the selection
    ``q1`` (a reader splits it into the same two again); otherwise the first quote's id.
    """
    names = [local_id(quote) for quote in quotes]
    if len(quotes) < 2 or any(quote.coded_by is None for quote in quotes):  # noqa: PLR2004
        return names[0]
    stems: set[str | None] = set()
    for name, quote in zip(names, quotes, strict=True):
        assert quote.coded_by is not None  # noqa: S101 - checked above
        coder = local_id(graph.get(quote.coded_by))
        stems.add(name.removesuffix(f"-{coder}") if name.endswith(f"-{coder}") else None)
    if len(stems) == 1 and (stem := stems.pop()):
        return stem
    return names[0]
