# One entry point for humans and CI (.ci/run calls `make test` on a fresh clone).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install serve check test lint typecheck pytest bench sdl cli-reference ontology-report audit-http screenshots clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)                ## create .venv and install the project with dev tools

serve: $(STAMP)                  ## serve the GraphQL API on the shipped ontology
	$(BIN)/competency-graph serve

check: $(STAMP)                  ## run every consistency rule on the shipped ontology
	$(BIN)/competency-graph check

lint: $(STAMP)
	$(BIN)/ruff check src tests bench examples scripts setup.py
	$(BIN)/ruff format --check src tests bench examples scripts setup.py

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest

test: lint typecheck pytest      ## everything CI runs

bench: $(STAMP)                  ## run every benchmark and print the ratios
	$(BIN)/python bench/run.py

sdl: $(STAMP)                    ## export the GraphQL schema to schema/schema.graphql
	$(BIN)/competency-graph export-sdl -o schema/schema.graphql

cli-reference: $(STAMP)          ## regenerate docs/cli.md from the --help of every command
	$(BIN)/python scripts/cli_reference.py

ontology-report: $(STAMP)        ## the ontology's quality report (ontology/reports/*.rq; any row fails)
	$(BIN)/pytest -q tests/test_ontology_report.py

screenshots: $(STAMP)            ## the web pages in ru and en as PNGs in examples/rendered/ (needs chromium)
	$(BIN)/python scripts/screenshots.py

audit-http: $(STAMP)             ## GraphQL-over-HTTP audit (graphql-http; needs node and npm)
	scripts/graphql-http-audit.sh

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
