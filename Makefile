# The two commands of the README: `make demo` and `make test`. Each creates or updates .venv.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check --quiet

.PHONY: demo test lint typecheck docs pytest programs pictures bench performance clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstalled whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PIP) install --editable .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(PIP) install --editable '.[dev]'
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/evidence-graph show kverme2019
	$(BIN)/evidence-graph export kverme2019 --format turtle --output kverme2019.ttl

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy --strict evidence_graph

# The documentation site (MkDocs, Material, mkdocstrings), built into site/; any warning fails.
docs: $(VENV)/.installed-dev
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir site

# One worker a core (pytest-xdist), each test module whole on one worker.
pytest: $(VENV)/.installed-dev programs
	$(BIN)/pytest --hypothesis-profile=ci --numprocesses=auto --dist=loadfile

# The outside programs the tests use, from Debian's packages: `rapper` (raptor2-utils), the
# tests' second independent RDF parser; `dot` (graphviz), which lays out the drawings; and
# Chromium with its ChromeDriver, the real browser the explorer page is tested in (no browser
# is ever downloaded at test time). Installed here when missing and possible (as root, or with
# passwordless sudo); otherwise a note, and the tests that need them skip (or fail where CI is set).
programs:
	@missing=; \
	command -v rapper >/dev/null 2>&1 || missing="$$missing raptor2-utils"; \
	command -v dot >/dev/null 2>&1 || missing="$$missing graphviz"; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v chromedriver >/dev/null 2>&1 || missing="$$missing chromium-driver"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then sudo=; \
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; \
	else sudo=none; fi; \
	if [ "$$sudo" != none ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing$$missing with apt-get"; \
		$$sudo env DEBIAN_FRONTEND=noninteractive DEBCONF_NOWARNINGS=yes apt-get update -qq && \
		$$sudo env DEBIAN_FRONTEND=noninteractive DEBCONF_NOWARNINGS=yes apt-get install -y -qq $$missing >/dev/null; \
	fi; \
	for program in rapper dot chromium chromedriver; do \
		command -v $$program >/dev/null 2>&1 || echo "NOTE: $$program is not installed and could not be installed here; the tests that need it will skip (and fail in CI)."; \
	done

test: lint typecheck docs pytest

# The pictures of the README and of the docs' gallery, drawn from the built-in data (and the
# example studies) by `evidence-graph draw`; committed, and checked by the tests to be these.
PICTURES := docs/images
pictures: $(VENV)/.installed programs
	$(BIN)/evidence-graph draw themes kverme2019 -o $(PICTURES)/kverme2019-themes.svg
	$(BIN)/evidence-graph draw themes examples/studies/ng2019.yaml -o $(PICTURES)/ng2019-themes.svg
	$(BIN)/evidence-graph draw evidence kverme2019 -p claim=finding-daring-to-belong -o $(PICTURES)/evidence.svg
	$(BIN)/evidence-graph draw mappings bpd-literature examples/studies/katsakou2012.yaml -o $(PICTURES)/mappings.svg
	$(BIN)/evidence-graph draw citations bpd-literature -o $(PICTURES)/citations.svg
	$(BIN)/evidence-graph draw eligibility bpd-literature examples/studies/ng2019.yaml examples/studies/katsakou2012.yaml -p sex=female -p age=25 -p in-treatment=true -p psychosis=true -o $(PICTURES)/eligibility.svg

# Times the library on generated corpora of 10k, 100k and 1M triples, beside plain Python,
# pyoxigraph and rdflib; prints a table and the targets, writes benchmarks/results.json, then
# the docs' Performance page from it. Corpora are kept in benchmarks/.corpora/ for the next run.
# Not part of `test`, which runs a small smoke run.
bench: $(VENV)/.installed
	$(BIN)/python -m benchmarks --sizes 10k,100k,1M
	$(MAKE) performance

# The docs' Performance page (docs/performance.md), written from benchmarks/results.json and
# the prose of benchmarks/performance-notes.md; the tests check that the page is this.
performance: $(VENV)/.installed
	$(BIN)/python -m benchmarks.page --results benchmarks/results.json --out docs/performance.md

clean:
	rm -rf $(VENV) build dist site .pytest_cache .mypy_cache .ruff_cache .hypothesis kverme2019.ttl
