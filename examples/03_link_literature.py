"""Link the literature: two studies, a bibliography and a recovery framework in one graph.

Run it with ``python examples/03_link_literature.py``. It loads the ``bpd-literature`` dataset
(the Kverme et al. 2019 study, the works around it, and the CHIME framework of personal
recovery with the Kverme themes mapped onto it), a second study (Katsakou et al. 2012, from
``examples/studies/``) and a small BibTeX file, and asks questions across them.
"""

import tempfile
from pathlib import Path

import evidence_graph as eg
from evidence_graph import queries

KATSAKOU = Path(__file__).parent / "studies" / "katsakou2012.yaml"

# A reference manager's export: the Kverme paper's DOI written another way, and a work the
# dataset does not hold. The same DOI is one node, whatever its form.
BIBTEX = """\
@article{Kverme2019,
  title = {Moving toward connectedness: a qualitative study of recovery processes for people
           with borderline personality disorder},
  author = {Kverme, Britt and Natvik, Eli and Veseth, Marius and Moltu, Christian},
  journal = {Frontiers in Psychology},
  year = {2019},
  doi = {https://doi.org/10.3389/FPSYG.2019.00430},
}
"""

with tempfile.TemporaryDirectory() as folder:
    bibliography = Path(folder) / "refs.bib"
    bibliography.write_text(BIBTEX, encoding="utf-8")
    graph = eg.load_graph("bpd-literature", KATSAKOU, bibliography)

counts = {row.kind.value: row.count for row in queries.stats(graph)}
print(
    f"{counts['study']} studies, {counts['work']} works, {counts['theme']} themes, "
    f"{counts['quote']} quotes, {counts['mapping']} theme mappings"
)
paper = graph.get("https://doi.org/10.3389/fpsyg.2019.00430", eg.Work)
print(f"the Kverme paper, in the dataset and refs.bib, is one node: {paper.id}")

# 1. Across studies: which themes fall under each process of the CHIME framework?
print("\nThemes under each CHIME process")
for concept in graph.concepts("chime"):
    rows = eg.ask(graph, "mapped-to", {"target": concept.id})
    themes = sorted({(row.study_id, row.theme_label, row.relation.value) for row in rows})
    quotes = {row.quote_id for row in rows if row.quote_id}
    print(f"  {concept.label}: themes {len(themes)}, quotes {len(quotes)}")
    for study, theme, relation in themes:
        print(f"    {study}: {theme} ({relation} match)")

# 2. The same question in SPARQL gives the same rows.
python = eg.ask(graph, "mapped-to", {"target": "Connectedness"})
sparql = eg.ask(graph, "mapped-to", {"target": "Connectedness"}, engine="sparql")
print(f"\nmapped-to Connectedness: {len(python)} rows; the same in SPARQL: {python == sparql}")

# 3. One study's theme mapped to another study's theme, and why.
for row in eg.ask(graph, "mapped-to", {"target": "daring to belong"}):
    print(f"\n{row.study_id} “{row.theme_label}” is {row.relation.value} to “{row.target_label}”:")
    print(f"  {row.justification}")

# 4. The citation network: what the literature cites most, and how a quote reaches CHIME.
print("\nMost cited in the corpus")
for row in queries.most_cited(graph, top=3):
    print(f"  cited by {row.citations}: {row.work_id}")
path = queries.path_between(graph, "group-therapy-helped-most", "chime-connectedness")
print("path:", " -> ".join(step.node_id for step in path))

# 5. Claims that no evidence in the corpus supports yet.
unsupported = [row.claim_id for row in queries.unsupported_claims(graph)]
print(f"\n{len(unsupported)} claims with no evidence, e.g. {unsupported[0]}")
