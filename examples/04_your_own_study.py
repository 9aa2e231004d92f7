"""Describe a study of your own in a YAML file, load it, and check it.

The study below is a fictional template, not research: replace every value with your
study's own, verbatim where you quote. ``evidence-graph schema`` prints the JSON Schema of
a study file for editors that complete and check YAML.
"""

import tempfile
from pathlib import Path

import evidence_graph as eg

STUDY = """\
works:
  - id: example-paper
    type: journal-article
    title: An example study (a fictional template)
    authors: [a-researcher]
people:
  - id: a-researcher
    name: A. Researcher
studies:
  - id: example-study
    design: qualitative
    reported_in: [example-paper]
samples:
  - {id: example-sample, study: example-study, size: 8, age_min: 18, age_max: 40}
criteria:
  - id: adult
    study: example-study
    kind: inclusion
    text: aged 18 or over
    constraint: {type: range, attribute: age, min: 18}
themes:
  - {id: top, study: example-study, label: An overarching theme}
  - {id: sub, study: example-study, label: A sub-theme, number: 1, parent: top}
quotes:
  - id: q1
    study: example-study
    text: "The participant's words, exactly as printed."
    themes: [sub]
    read_in: example-paper
    appears_in: example-paper
"""

folder = Path(tempfile.mkdtemp())
study_file = folder / "example.yaml"
study_file.write_text(STUDY, encoding="utf-8")

corpus = eg.load(study_file)
graph = eg.EvidenceGraph.from_corpus(corpus, base="https://example.org/evidence/")
print(f"loaded {len(corpus)} entities; quote IRI: {graph.iri('q1')}")

# A mistake is reported with the file, the line, the field path and what was expected.
broken = folder / "broken.yaml"
broken.write_text(STUDY.replace("themes: [sub]", "themes: [subtheme]"), encoding="utf-8")
try:
    eg.load(broken)
except eg.StudyFileError as error:
    print(error)
