"""Questions a researcher asks, of the Kverme et al. (2019) data: each in Python, then in SPARQL.

Run it with ``python examples/02_queries.py``. Every question is a function that takes the
graph first; ``eg.ask`` answers the same question by name, with its SPARQL query over the RDF
export, and gets the same rows.
"""

import evidence_graph as eg
from evidence_graph import queries

graph = eg.load_graph("kverme2019")
store = eg.sparql.to_store(graph)  # the RDF export, in memory, for the SPARQL answers


def heading(name: str, parameters: dict[str, object], rows: list[object]) -> None:
    """Print the question's name, after asking it in SPARQL too: the rows must be the same."""
    sparql = eg.ask(graph, name, parameters, engine="sparql", store=store)
    same = "the same rows in SPARQL" if sparql == rows else "DIFFERENT rows in SPARQL"
    asked = f" {parameters}" if parameters else ""
    print(f"\n{name}{asked} ({len(rows)} row{'' if len(rows) == 1 else 's'}; {same})")


# 1. Which participants' words stand under a theme? Labels match whatever the case or apostrophe.
theme = "learning to hold one's own"
rows = queries.quotes_for_theme(graph, theme)
heading("quotes-for-theme", {"theme": theme}, rows)
for quote in rows:
    print(f"  [{quote.role.value}] “{quote.text[:60]}…” — {quote.theme_label}, doi:{quote.doi}")

# 2. The study's themes as a tree, with how many quotes stand under each.
tree = queries.theme_tree(graph, "kverme2019")
heading("theme-tree", {"study": "kverme2019"}, tree)
for theme in tree:
    number = f"{theme.number}. " if theme.number else ""
    print(f"  {'  ' * theme.depth}{number}{theme.label}: {theme.quotes_with_subthemes} quotes")

# 3. Does the study's sample resemble my patient?
patient = {
    "sex": "female",
    "age": 29,
    "months-since-diagnosis": 24,
    "in-treatment": True,
    "psychosis": False,
    "concept": "mesh:D001883",
}
rows = eg.ask(graph, "studies-matching", patient)
heading("studies-matching", patient, rows)
print(f"  {rows[0].study_id}: {rows[0].verdict.value}; sample: {rows[0].sample_fit.value}")
for row in rows:
    print(f"    {row.check} {row.about}: {row.outcome.value} ({row.text})")

# 4. What stands behind a claim: claim → quote → theme → study → work (DOI).
rows = queries.evidence_for(graph, "finding-daring-to-belong")
heading("evidence-for", {"claim": "finding-daring-to-belong"}, rows)
for row in rows:
    print(f"  {row.claim_id} ← {row.evidence_kind} under “{row.theme_label}” in doi:{row.doi}")

# 5. Who cites the paper, and why; what the magazine cites.
rows = queries.citing_works(graph, "doi:10.3389/fpsyg.2019.00430")
heading("citing-works", {"work": "doi:10.3389/fpsyg.2019.00430"}, rows)
for row in rows:
    print(f"  {row.citing_title} —{row.intent.value}→ doi:{row.cited_doi}")
rows = queries.cited_works(graph, "psychology-today-4-keys")
heading("cited-works", {"work": "psychology-today-4-keys"}, rows)
for row in rows:
    print(f"  {row.intent.value}: {row.cited_title}")

# 6. Search the participants' words, ignoring case, accents and curly apostrophes.
words = "DON'T GIVE UP"
rows = queries.search_quotes(graph, words)
heading("search-quotes", {"text": words}, rows)
for row in rows:
    print(f"  {row.match.value} {row.item_id}: “…{row.text[-40:]}”")

# 7. Claims offered without evidence, and where their support may lie.
rows = queries.unsupported_claims(graph)
heading("unsupported-claims", {}, rows)
for row in rows:
    source = f"candidate source doi:{row.candidate_doi}" if row.candidate else "no candidate source"
    print(f"  {row.claim_id} ({row.kind.value}): {source}")

# 8. Everything about BPD, asked by its Wikidata item (the data tag it with MeSH D001883).
rows = queries.about_concept(graph, "wikidata:Q208166")
heading("about-concept", {"concept": "wikidata:Q208166"}, rows)
print("  " + ", ".join(f"{row.item_kind.value} {row.item_id}" for row in rows))

# 9. How much the graph holds.
rows = queries.stats(graph)
heading("stats", {}, rows)
print("  " + ", ".join(f"{row.kind.value} {row.count}" for row in rows))

# A wrong parameter is a clear error, with the closest valid values.
try:
    queries.quotes_for_theme(graph, "daring to belon")
except eg.QueryError as error:
    print(f"\nerror: {error}")
