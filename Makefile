# Styr: `make run` serves the demo municipality, `make test` runs every test.
# Each target installs what is missing first, so a fresh clone needs nothing else.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint install demo clean help bench

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

# Debian libraries that Python packages load at run time (WeasyPrint needs Pango). We are root on
# our machines; elsewhere the command says what to install.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core poppler-utils
SYSTEM_STAMP := $(VENV)/.system-packages

$(SYSTEM_STAMP): | $(BIN)/python
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Installér først: sudo apt-get install $$missing" >&2; exit 1; fi; \
	fi
	touch $(SYSTEM_STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

install: $(STAMP) $(NODE_STAMP) $(SYSTEM_STAMP)

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

# `make bench [ROWS=N] [RUNS=N]`: the ledger import against DuckDB and pandas, on SQLite and PostgreSQL
# (a local server at 127.0.0.1:5432; BENCH_POSTGRES=postgresql://user@host:port to change it); each
# import and baseline RUNS times, the median in the table.
ROWS ?= 10000000
RUNS ?= 3
bench: install
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	$(BIN)/python -m bench --rows $(ROWS) --runs $(RUNS)
