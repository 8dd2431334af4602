# Styr: `make run` serves the demo municipality, `make test` runs every test.
# Each target installs what is missing first, so a fresh clone needs nothing else.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint install demo clean help

help:
	@echo "make run    – installér, migrér, opret demokommunen og start Styr på http://$(HOST):$(PORT)"
	@echo "make test   – installér og kør hele testsuiten"
	@echo "make lint   – ruff"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

install: $(STAMP) $(NODE_STAMP)

run: install
	STYR_DEBUG=1 $(BIN)/styr migrate --noinput
	STYR_DEBUG=1 $(BIN)/styr demo --if-empty
	@echo ""
	@echo "Styr kører på http://$(HOST):$(PORT)/  (stop med Ctrl+C)"
	STYR_DEBUG=1 $(BIN)/styr runserver $(HOST):$(PORT)

demo: install
	rm -f styr.sqlite3 styr.sqlite3-wal styr.sqlite3-shm
	STYR_DEBUG=1 $(BIN)/styr migrate --noinput
	STYR_DEBUG=1 $(BIN)/styr demo

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) node_modules build styr.sqlite3*
