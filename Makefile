# kansrijk: `make demo` sets everything up and serves the demo; `make test` runs the suite.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py

.PHONY: demo serve test install lint format messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || (rm -rf $(VENV) && python3 -m venv $(VENV))
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the package lists change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# npm ci writes node_modules/.package-lock.json; touch it so that make sees it as new.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

install: $(VENV)/.installed node_modules/.package-lock.json

# Safe to run again: migrations and demo data only add what is missing.
demo: install
	$(MANAGE) migrate --noinput
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) seed_demo
	$(MANAGE) runserver 127.0.0.1:$(PORT)

serve: install
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# In parallel, a worker per core (pytest-xdist; kansrijk/testing/parallel.py says how the tests
# are split); TEST_WORKERS=0 runs in this one process (for --pdb, or a single test).
TEST_WORKERS ?= auto
test: install
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Refresh the English catalogue after changing texts; Dutch is the source language.
messages: install
	$(MANAGE) makemessages -l en --no-obsolete --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'staticfiles/*'
	$(MANAGE) compilemessages -l en -l nl --ignore '.venv/*' --ignore 'node_modules/*'

# The benchmark (bench/, issue 5): small scale on SQLite and PostgreSQL, or
# `make bench SCALE=national` on PostgreSQL; fails when a target of issue 5 is missed.
# REUSE_DB=1 keeps a PostgreSQL data set an earlier run generated (same size and seed).
SCALE ?= small
REUSE_DB ?=
BENCH_REUSE = $(if $(REUSE_DB),--reuse-db,)
.PHONY: bench
bench: install
ifeq ($(SCALE),national)
	$(BIN)/python -m bench.run --scale national --db postgres $(BENCH_REUSE)
else
	$(BIN)/python -m bench.run --scale $(SCALE) --db sqlite
	$(BIN)/python -m bench.run --scale $(SCALE) --db postgres $(BENCH_REUSE)
endif
	$(BIN)/python -m bench.targets --scale $(SCALE)

clean:
	rm -rf $(VENV) node_modules staticfiles

# The load and concurrency test (loadtest/, issue 13) on PostgreSQL: USERS professionals for
# SECONDS seconds, then every write checked to be in the database exactly once.
USERS ?= 50
SECONDS ?= 300
.PHONY: loadtest
loadtest: install
	$(BIN)/python -m loadtest.run --users $(USERS) --seconds $(SECONDS)
