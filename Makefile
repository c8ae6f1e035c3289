# Set-up and the everyday commands. `make demo` and `make test` work on a fresh machine
# with Python >= 3.11 and PyPI: the first one creates .venv and installs sitrep into it.
# The dashboard's map and JS (Leaflet, world-atlas, topojson-client) come from the npm
# registry into node_modules (package-lock.json pins them); sitrep serves them itself.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared
DATA   := $(SHARED)/data
SCORE  := $(PYTHON) $(SHARED)/eval/score.py
OUT    ?= out
NPM    ?= npm

# The dashboard's offline assets, again when package-lock.json changes.
node_modules/.installed: package.json package-lock.json
	$(NPM) ci --no-audit --no-fund
	touch $@

.PHONY: setup assets demo test bench score-news score-acled cv-news clean

# Re-installs when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

assets: node_modules/.installed

setup: $(VENV)/.installed node_modules/.installed

demo: setup
	$(BIN)/sitrep extract sitrep/examples/seed-report.txt --published 2026-02-04 --pretty

test: setup
	$(BIN)/python -m pytest

bench: $(VENV)/.installed
	$(BIN)/python bench/extract_throughput.py

score-news: $(VENV)/.installed
	mkdir -p $(OUT)
	$(SCORE) docs $(DATA)/news/dev.jsonl > $(OUT)/news-docs.jsonl
	$(BIN)/sitrep extract $(OUT)/news-docs.jsonl -o $(OUT)/news-pred.jsonl
	$(SCORE) score $(DATA)/news/dev.jsonl $(OUT)/news-pred.jsonl --json $(OUT)/news-metrics.json

score-acled: $(VENV)/.installed
	mkdir -p $(OUT)
	$(SCORE) docs $(DATA)/acled/dev.jsonl.gz > $(OUT)/acled-docs.jsonl
	$(BIN)/sitrep extract $(OUT)/acled-docs.jsonl -o $(OUT)/acled-pred.jsonl
	$(SCORE) score $(DATA)/acled/dev.jsonl.gz $(OUT)/acled-pred.jsonl --json $(OUT)/acled-metrics.json

# News train by fold (reports of one incident kept in one fold) and by format.
cv-news: $(VENV)/.installed
	$(BIN)/python bench/news_cv.py $(DATA)/news/train.jsonl

clean:
	rm -rf $(VENV) node_modules $(OUT) build dist *.egg-info .pytest_cache .hypothesis
