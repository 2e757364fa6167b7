# Two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
SD := $(VENV)/bin/symptom-decoder
SHARED := $(abspath ../shared)
STAMP := $(VENV)/.installed

.PHONY: run test setup browser lint typecheck bench contract clean

$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

# The web app on http://127.0.0.1:8000 (SD_HOST, SD_PORT), data under SD_DATA_DIR.
run: $(STAMP)
	$(SD) serve

# The storage tests run on SQLite and PostgreSQL; the script starts a private PostgreSQL
# (installing it if needed) unless TEST_DATABASE_URL already answers, and stops it after.
test: $(STAMP)
	scripts/browser.sh
	scripts/postgres.sh run $(VENV)/bin/pytest -q
	@if [ -f $(SHARED)/contract/check.py ]; then $(PY) $(SHARED)/contract/check.py $(SD); \
	 else echo "contract check skipped: $(SHARED)/contract not found"; fi

# Debian's Chromium and axe-core for the browser tests (make test runs this first).
browser:
	scripts/browser.sh

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench

typecheck: $(STAMP)
	$(VENV)/bin/mypy

bench: $(STAMP)
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) build *.egg-info
