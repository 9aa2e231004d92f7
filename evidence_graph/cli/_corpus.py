"""The commands about the corpus: show, export, cite, validate, datasets and merge-report."""

from __future__ import annotations

import argparse
import io
from collections.abc import Callable, Sequence
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.tree import Tree

from evidence_graph.cli._answers import print_rows
from evidence_graph.cli._common import (
    DEFAULT_SOURCE,
    EXIT_INVALID,
    UsageError,
    emit,
    emitted,
    output_file,
    suffix_format,
)
from evidence_graph.cli._console import line_by_line
from evidence_graph.datasets import DATASETS
from evidence_graph.graph import EvidenceGraph
from evidence_graph.ids import DEFAULT_BASE, check_base
from evidence_graph.io import (
    NETWORK_FORMATS,
    load,
    load_graph,
    merge_report,
    network_document,
    to_bibtex,
    to_csl_json,
    to_ris,
    write_atomic,
    write_rdf,
)
from evidence_graph.io.report import COLUMNS
from evidence_graph.models import (
    COLLECTIONS,
    Concept,
    QuoteRole,
    Study,
    Theme,
    Work,
)
from evidence_graph.progress import on_terminal
from evidence_graph.qda import to_qdc, to_qdpx
from evidence_graph.queries.wording import (
    constraint_text,
    sample_line,
    study_facts,
    work_label,
)
from evidence_graph.validation import validate

__all__ = [
    "CITE_FORMATS",
    "QDA_FORMATS",
    "REPORT_COLUMNS",
    "cite",
    "datasets",
    "export",
    "report_merges",
    "show",
    "validate_sources",
]

CITE_FORMATS: dict[str, Callable[[EvidenceGraph], str]] = {
    "bibtex": to_bibtex,
    "csl-json": to_csl_json,
    "ris": to_ris,
}
"""The bibliography formats of ``cite``, each with its writer."""

QDA_FORMATS = ("qdpx", "qdc")
"""The REFI-QDA formats of ``export``: a project, and a codebook."""

REPORT_COLUMNS = ("entity", "field", "kind", "kept", "dropped", "kept_from", "dropped_from")
"""The columns of the merge report that a table shows; JSON and CSV give every column."""


def export(args: argparse.Namespace, err: Console) -> None:
    """Write the sources as RDF or a network, to standard output or a file written whole.

    A REFI-QDA project (qdpx) or codebook (qdc) holds one study, the one ``--study`` names.
    """
    output = None if args.output == "-" else output_file(args.output)
    args.format = suffix_format(args.output, args.format, EXPORT_SUFFIXES) or "turtle"
    if args.base is not None:
        try:
            check_base(args.base)
        except ValueError as error:
            raise UsageError(f"--base: {error}") from None
    if args.format in QDA_FORMATS:
        _export_qda(args, output, err)
        return
    if args.study is not None:
        raise UsageError(
            f"--study: {args.format} writes every study of the sources; --study chooses the "
            "study of a REFI-QDA project or codebook (--format qdpx or qdc)"
        )
    if args.format in NETWORK_FORMATS:
        _export_network(args, output, err)
        return
    shown = on_terminal()
    sources = args.sources or [DEFAULT_SOURCE]
    graph = load_graph(*sources, base=args.base, progress=shown, strict=args.strict)
    options = {"progress": shown, "include_sources": args.include_sources}
    if output is None:
        with emitted() as out:
            write_rdf(graph, out, args.format, **options)
        return
    count = write_rdf(graph, output, args.format, **options)
    err.print(f"wrote {count} triples ({args.format}) to {escape(str(output))}")


EXPORT_SUFFIXES = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".jsonld": "jsonld",
    ".rdf": "xml",
    ".owl": "xml",
    ".trig": "trig",
    ".qdpx": "qdpx",
    ".qdc": "qdc",
    ".graphml": "graphml",
    ".gexf": "gexf",
}
"""The format of export each file suffix names."""


def _export_network(args: argparse.Namespace, output: Path | None, err: Console) -> None:
    """Write the graph as GraphML or GEXF, to standard output or a file written whole."""
    if args.include_sources:
        raise UsageError(
            f"--include-sources: a network file ({args.format}) holds no source texts; "
            "the transcripts go into a project (--format qdpx) or RDF"
        )
    sources = args.sources or [DEFAULT_SOURCE]
    graph = load_graph(*sources, base=args.base, progress=on_terminal(), strict=args.strict)
    data = network_document(graph, args.format)
    if output is None:
        emit(data.decode())
        return
    write_atomic(output, data)
    nodes, edges = graph.graph.number_of_nodes(), graph.graph.number_of_edges()
    err.print(f"wrote {nodes} nodes and {edges} edges ({args.format}) to {escape(str(output))}")


def _export_qda(args: argparse.Namespace, output: Path | None, err: Console) -> None:
    """Write a study as a REFI-QDA project (to a file) or codebook (to either)."""
    if args.format == "qdpx" and output is None:
        raise UsageError(
            "--format qdpx: a project is a ZIP archive, which is not written to standard "
            "output; name the file with -o, e.g. -o project.qdpx"
        )
    if args.format == "qdc" and args.include_sources:
        raise UsageError(
            "--include-sources: a codebook holds the theme tree alone, no sources; the "
            "transcripts go into a project (--format qdpx) or RDF"
        )
    sources = args.sources or [DEFAULT_SOURCE]
    graph = load_graph(*sources, base=args.base, progress=on_terminal(), strict=args.strict)
    data: str | bytes
    if args.format == "qdc":
        data, what = to_qdc(graph, args.study), "codebook"
        if output is None:
            emit(data)
            return
    else:
        data = to_qdpx(graph, args.study, include_sources=args.include_sources)
        what = "project"
    assert output is not None  # noqa: S101 - a project is refused without -o above
    write_atomic(output, data)
    study = args.study or next(graph.studies()).id
    err.print(f"wrote study {escape(study)} as a REFI-QDA {what} to {escape(str(output))}")


def cite(args: argparse.Namespace, err: Console) -> None:
    """Write the works of the sources as a bibliography, to standard output or a file."""
    output = output_file(args.output)
    graph = load_graph(*(args.sources or [DEFAULT_SOURCE]), strict=args.strict)
    text = CITE_FORMATS[args.format](graph)
    if output is None:
        emit(text)
        return
    write_atomic(output, text)
    count = sum(1 for _ in graph.works())
    err.print(f"wrote {count} works ({args.format}) to {escape(str(output))}")


def show(sources: Sequence[str], out: Console, *, strict: bool = False) -> None:
    """Print each study as a tree, then the claims of no study."""
    graph = load_graph(*sources, strict=strict)
    for study in graph.studies():
        out.print(line_by_line(_study_tree(graph, study)))
        out.print()
    loose = [claim for claim in graph.claims() if claim.study is None]
    if loose:
        tree = Tree("[bold]Other claims[/]")
        for claim in loose:
            work = graph.get(claim.asserted_by, Work)
            node = tree.add(f"[dim]{claim.kind.value}[/] {escape(claim.statement)}")
            node.add(f"[dim]asserted by[/] {escape(work_label(graph, work))}")
            evidence = list(graph.evidence(claim))
            node.add("[dim]evidence:[/] " + (", ".join(e.id for e in evidence) or "none given"))
            for source in claim.candidate_sources:
                label = work_label(graph, graph.get(source, Work))
                node.add(f"[dim]candidate source:[/] {escape(label)}")
        out.print(line_by_line(tree))
        out.print()
    counts = graph.stats()
    summary = " · ".join(
        f"{name} {counts[kind.value]}" for name, kind in COLLECTIONS.items() if counts[kind.value]
    )
    out.print(f"[dim]{summary}[/]")


def validate_sources(sources: Sequence[str], out: Console, *, strict: bool = False) -> int:
    """Check the sources' RDF against the shapes; print a table of problems; return the status."""
    report = validate(load_graph(*sources, strict=strict))
    if report.conforms:
        out.print(f"valid: {report.triples} triples conform to the shapes")
        return 0
    table = Table(title=f"invalid: {len(report.results)} problems in {report.triples} triples")
    table.add_column("node", overflow="fold")
    table.add_column("path", overflow="fold")
    table.add_column("message")
    for result in report.results:
        value = f" [dim](value: {escape(result.value)})[/]" if result.value else ""
        table.add_row(
            escape(result.focus_node), escape(result.path or ""), escape(result.message) + value
        )
    out.print(table)
    return EXIT_INVALID


def report_merges(args: argparse.Namespace, out: Console, err: Console) -> None:
    """Print what merging the sources dropped, one row per value, or write it to a file."""
    output = output_file(args.output)
    report = merge_report(*(args.sources or [DEFAULT_SOURCE]), strict=args.strict)
    records = [row.record() for row in report]
    columns: list[str] = list(COLUMNS)
    if args.format == "table":
        columns += ["kept_from", "dropped_from"]
        for record in records:
            record["kept_from"] = _place(record, "kept")
            record["dropped_from"] = _place(record, "dropped")
    target = out if output is None else Console(file=io.StringIO(), width=out.width, emoji=False)
    if args.format == "table" and not records:
        target.print(report.summary())
    else:
        title = report.summary().replace(": ", " — ", 1)
        print_rows(
            target, args.format, title, columns, records, base=DEFAULT_BASE, shown=REPORT_COLUMNS
        )
    if output is not None:
        assert isinstance(target.file, io.StringIO)  # noqa: S101 - made just above
        write_atomic(output, target.file.getvalue())
        count = f"{len(records)} difference{'' if len(records) == 1 else 's'}"
        err.print(f"wrote {count} ({args.format}) to {escape(str(output))}")


def _place(record: dict[str, str | int | None], side: str) -> str:
    """A place of the report as a table shows it: ``file, entry, line``."""
    line = record[f"{side}_line"]
    where = f"{record[f'{side}_file']}, {record[f'{side}_entry']}"
    return f"{where}, line {line}" if line is not None else where


def _study_tree(graph: EvidenceGraph, study: Study) -> Tree:
    label = escape(study.label or study.id)
    tree = Tree(f"[bold]{label}[/] [dim]({study.design.value} study {study.id})[/]")
    for ref in study.reported_in:
        work = graph.get(ref, Work)
        authors = ", ".join(person.name for person in graph.authors(work))
        node = tree.add(f"[dim]reported in[/] {escape(work_label(graph, work))}")
        if authors:
            node.add(f"[dim]by[/] {escape(authors)}")
        for citing, intents in graph.citing(work):
            how = ", ".join(intent.value for intent in intents)
            node.add(f"[dim]cited by[/] {escape(work_label(graph, citing))} [dim]({how})[/]")
    if study.lead_investigator:
        person = graph.get(study.lead_investigator)
        where = ", ".join(part for part in (study.institution, study.country) if part)
        tree.add(f"[dim]led by[/] {escape(getattr(person, 'name', person.id))}; {escape(where)}")
    _design_branches(graph, tree, study)
    _findings_branches(graph, tree, study)
    return tree


def _design_branches(graph: EvidenceGraph, tree: Tree, study: Study) -> None:
    concepts = [graph.get(ref, Concept) for ref in study.conditions]
    if concepts:
        about = "; ".join(
            concept.label + (f" <{concept.iri}>" if concept.iri else "") for concept in concepts
        )
        tree.add(f"[dim]about:[/] {escape(about)}")
    analysis = " ".join(
        part
        for part in (study.analysis, study.analysis_concept and f"<{study.analysis_concept}>")
        if part
    )
    methods = [*study.data_collection, *([analysis] if analysis else [])]
    if methods:
        tree.add(f"[dim]methods:[/] {escape('; '.join(methods))}")
    for name, fact in study_facts(study):
        tree.add(f"[dim]{name}:[/] {escape(fact)}")
    for sample in graph.whole_samples(study.id):
        tree.add(f"[dim]sample:[/] {escape(sample_line(graph, sample))}")
    criteria = list(graph.criteria(study.id))
    if criteria:
        branch = tree.add("[dim]criteria[/]")
        for criterion in criteria:
            rule = constraint_text(criterion)
            branch.add(f"{criterion.kind.value}: {escape(criterion.text)} [dim]⟨{rule}⟩[/]")


def _findings_branches(graph: EvidenceGraph, tree: Tree, study: Study) -> None:
    top = graph.top_themes(study.id)
    if top:
        branch = tree.add("[dim]themes[/]")
        for theme in top:
            _theme_branch(graph, branch, theme)
    findings = [claim for claim in graph.claims() if claim.study == study.id]
    if findings:
        branch = tree.add("[dim]claims[/]")
        for claim in findings:
            branch.add(f"[dim]{claim.kind.value}[/] {escape(claim.statement)}")


def _theme_branch(graph: EvidenceGraph, parent: Tree, theme: Theme) -> None:
    number = f"{theme.number}. " if theme.number else ""
    kind = f"{'ordered ' if theme.ordered else ''}{theme.kind.value}" if theme.kind else ""
    kind = f" [dim]· {kind}[/]" if kind else ""
    also = f" [dim](also: {escape(', '.join(theme.alt_labels))})[/]" if theme.alt_labels else ""
    node = parent.add(f"[bold]{number}{escape(theme.label)}[/]{kind}{also}")
    if theme.facets:
        node.add(f"[dim]encompasses:[/] {escape('; '.join(theme.facets))}")
    for quote in graph.quotes(theme.id):
        style = "yellow" if quote.role is QuoteRole.CONTRASTING else "green"
        node.add(f"[{style}]{quote.role.value}[/] “{escape(quote.text)}”")
    for child in graph.subthemes(theme.id):
        _theme_branch(graph, node, child)


def datasets(out: Console) -> None:
    """Print the built-in datasets with what each holds."""
    table = Table("name", "what it holds", "studies", "themes", "quotes", "claims", "works")
    for dataset in DATASETS.values():
        corpus = load(dataset.name)
        table.add_row(
            dataset.name,
            dataset.title,
            str(len(corpus.studies)),
            str(len(corpus.themes)),
            str(len(corpus.quotes)),
            str(len(corpus.claims)),
            str(len(corpus.works)),
        )
    out.print(table)
