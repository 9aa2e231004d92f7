"""The commands about the corpus: show (each study as a tree), export, cite, validate, datasets."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.tree import Tree

from evidence_graph.cli._common import DEFAULT_SOURCE, EXIT_INVALID, UsageError
from evidence_graph.datasets import DATASETS
from evidence_graph.graph import EvidenceGraph
from evidence_graph.ids import check_base
from evidence_graph.io import load, load_graph, to_bibtex, to_csl_json, write_atomic
from evidence_graph.models import (
    COLLECTIONS,
    Concept,
    ConditionConstraint,
    Criterion,
    EqualsConstraint,
    QuoteRole,
    RangeConstraint,
    Sample,
    Study,
    Theme,
    Work,
)
from evidence_graph.progress import on_terminal
from evidence_graph.rdf import serialize_counted
from evidence_graph.validation import validate

__all__ = ["CITE_FORMATS", "cite", "datasets", "export", "show", "validate_sources"]

CITE_FORMATS: dict[str, Callable[[EvidenceGraph], str]] = {
    "bibtex": to_bibtex,
    "csl-json": to_csl_json,
}
"""The bibliography formats of ``cite``, each with its writer."""


def export(args: argparse.Namespace, err: Console) -> None:
    """Write the sources as RDF, to standard output or a file written whole."""
    output: Path | None = args.output
    if output is not None and not output.parent.is_dir():
        raise UsageError(f"{output}: the folder {output.parent} does not exist")
    if args.base is not None:
        try:
            check_base(args.base)
        except ValueError as error:
            raise UsageError(f"--base: {error}") from None
    shown = on_terminal()
    graph = load_graph(*(args.sources or [DEFAULT_SOURCE]), base=args.base, progress=shown)
    text, count = serialize_counted(graph, args.format, progress=shown)
    if output is None:
        sys.stdout.write(text)
        return
    write_atomic(output, text)
    err.print(f"wrote {count} triples ({args.format}) to {escape(str(output))}")


def cite(args: argparse.Namespace, err: Console) -> None:
    """Write the works of the sources as a bibliography, to standard output or a file."""
    output: Path | None = args.output
    if output is not None and not output.parent.is_dir():
        raise UsageError(f"{output}: the folder {output.parent} does not exist")
    graph = load_graph(*(args.sources or [DEFAULT_SOURCE]))
    text = CITE_FORMATS[args.format](graph)
    if output is None:
        sys.stdout.write(text)
        return
    write_atomic(output, text)
    count = sum(1 for _ in graph.works())
    err.print(f"wrote {count} works ({args.format}) to {escape(str(output))}")


def show(sources: Sequence[str], out: Console) -> None:
    """Print each study as a tree, then the claims of no study."""
    graph = load_graph(*sources)
    for study in graph.studies():
        out.print(_study_tree(graph, study))
        out.print()
    loose = [claim for claim in graph.claims() if claim.study is None]
    if loose:
        tree = Tree("[bold]Other claims[/]")
        for claim in loose:
            work = graph.get(claim.asserted_by, Work)
            node = tree.add(f"[dim]{claim.kind.value}[/] {escape(claim.statement)}")
            node.add(f"[dim]asserted by[/] {escape(_work_label(graph, work))}")
            evidence = list(graph.evidence(claim))
            node.add("[dim]evidence:[/] " + (", ".join(e.id for e in evidence) or "none given"))
            for source in claim.candidate_sources:
                label = _work_label(graph, graph.get(source, Work))
                node.add(f"[dim]candidate source:[/] {escape(label)}")
        out.print(tree)
        out.print()
    counts = graph.stats()
    summary = " · ".join(
        f"{name} {counts[kind.value]}" for name, kind in COLLECTIONS.items() if counts[kind.value]
    )
    out.print(f"[dim]{summary}[/]")


def validate_sources(sources: Sequence[str], out: Console) -> int:
    """Check the sources' RDF against the shapes; print a table of problems; return the status."""
    report = validate(load_graph(*sources))
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


def _work_label(graph: EvidenceGraph, work: Work) -> str:
    names = [person.family_name or person.name for person in graph.authors(work)]
    byline = ", ".join(names[:-1]) + f" & {names[-1]}" if len(names) > 1 else "".join(names)
    year = work.issued.year if work.issued else work.year
    head = " ".join(part for part in (byline, f"({year})" if year else "") if part)
    parts = [head, work.title or "", work.container_title or ""]
    doi = f" doi:{work.doi}" if work.doi else ""
    return ", ".join(part for part in parts if part) + doi


def _study_tree(graph: EvidenceGraph, study: Study) -> Tree:
    label = escape(study.label or study.id)
    tree = Tree(f"[bold]{label}[/] [dim]({study.design.value} study {study.id})[/]")
    for ref in study.reported_in:
        work = graph.get(ref, Work)
        authors = ", ".join(person.name for person in graph.authors(work))
        node = tree.add(f"[dim]reported in[/] {escape(_work_label(graph, work))}")
        if authors:
            node.add(f"[dim]by[/] {escape(authors)}")
        for citing, intents in graph.citing(work):
            how = ", ".join(intent.value for intent in intents)
            node.add(f"[dim]cited by[/] {escape(_work_label(graph, citing))} [dim]({how})[/]")
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
        about = "; ".join(f"{concept.label} <{concept.iri}>" for concept in concepts)
        tree.add(f"[dim]about:[/] {escape(about)}")
    methods = [*study.data_collection, *([study.analysis] if study.analysis else [])]
    if methods:
        tree.add(f"[dim]methods:[/] {escape('; '.join(methods))}")
    for sample in graph.whole_samples(study.id):
        tree.add(f"[dim]sample:[/] {escape(_sample_line(graph, sample))}")
    criteria = list(graph.criteria(study.id))
    if criteria:
        branch = tree.add("[dim]criteria[/]")
        for criterion in criteria:
            rule = _constraint(criterion)
            branch.add(f"{criterion.kind.value}: {escape(criterion.text)} [dim]⟨{rule}⟩[/]")


def _sample_line(graph: EvidenceGraph, sample: Sample) -> str:
    """Say who took part, e.g. "14 participants: 7 recovered, 7 not recovered; female"."""
    ages = ""
    if sample.age_min is not None and sample.age_max is not None:
        ages = f", aged {sample.age_min}–{sample.age_max}"
    sex = f" {sample.sex.value}" if sample.sex else ""
    more = f"; {sample.description}" if sample.description else ""
    parts = graph.subgroups(sample.id)
    if not parts:
        return f"{sample.size}{sex} participants{ages}{more}"
    groups = ", ".join(f"{part.size} {_subgroup_name(part)}" for part in parts)
    facts = f"{sample.sex.value}{ages}" if sample.sex else ages.removeprefix(", ")
    return f"{sample.size} participants: {groups}" + (f"; {facts}" if facts else "") + more


def _subgroup_name(sample: Sample) -> str:
    """Name a subgroup by its characteristic's value ("not recovered"), or its description."""
    found = sample.characteristic
    if found is None:
        return sample.description or sample.id
    if isinstance(found.value, bool):
        return f"{'' if found.value else 'not '}{found.attribute.value.replace('_', ' ')}"
    return found.value.value.replace("-", " ")


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


def _constraint(criterion: Criterion) -> str:
    rule = criterion.constraint
    if isinstance(rule, RangeConstraint):
        low = "" if rule.min is None else f"{rule.min} ≤ "
        high = "" if rule.max is None else f" ≤ {rule.max}"
        return f"{low}{rule.attribute.value}{high}"
    if isinstance(rule, EqualsConstraint):
        value = rule.value if isinstance(rule.value, bool) else rule.value.value
        return f"{rule.attribute.value} = {str(value).lower()}"
    assert isinstance(rule, ConditionConstraint)  # noqa: S101 - the union is closed
    return f"condition {rule.condition}"


def _theme_branch(graph: EvidenceGraph, parent: Tree, theme: Theme) -> None:
    number = f"{theme.number}. " if theme.number else ""
    also = f" [dim](also: {escape(', '.join(theme.alt_labels))})[/]" if theme.alt_labels else ""
    node = parent.add(f"[bold]{number}{escape(theme.label)}[/]{also}")
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
