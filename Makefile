# Two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
SD := $(VENV)/bin/symptom-decoder
SHARED := $(abspath ../shared)
STAMP := $(VENV)/.installed

.PHONY: run test setup browser lint typecheck bench contract clean food-data bench-foods \
	bench-compare

$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

# The web app on http://127.0.0.1:8000 (SD_HOST, SD_PORT), data under SD_DATA_DIR.
run: $(STAMP) food-data
	$(SD) serve

# USDA food data for food search, the food log and diet suggestions: imported once, when
# no food database exists yet and the shared SR28 folder is there. Without it the product
# still runs and says how to get the data.
FOOD_DATA := $(SHARED)/data/usda-sr28
food-data: $(STAMP)
	@if [ -d $(FOOD_DATA) ]; then $(SD) foods import --if-missing $(FOOD_DATA) >/dev/null; \
	 else echo "No USDA food data at $(FOOD_DATA); food commands will say how to get it."; fi

# The storage tests run on SQLite and PostgreSQL; the script starts a private PostgreSQL
# (installing it if needed) unless TEST_DATABASE_URL already answers, and stops it after.
# Lint and strict typing run too, so a change that breaks either fails CI.
test: $(STAMP)
	scripts/browser.sh
	scripts/postgres.sh run $(VENV)/bin/pytest -q
	@if [ -f $(SHARED)/contract/check.py ]; then $(PY) $(SHARED)/contract/check.py $(SD); \
	 else echo "contract check skipped: $(SHARED)/contract not found"; fi
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/mypy

# Debian's Chromium and axe-core for the browser tests (make test runs this first).
browser:
	scripts/browser.sh

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench

typecheck: $(STAMP)
	$(VENV)/bin/mypy

bench: $(STAMP)
	$(PY) bench/run.py

bench-foods: $(STAMP)
	$(PY) bench/foods.py $(FOOD_DATA)

# How often "did it help?" says fewer or more on simulated diaries (needs the dev extras).
bench-compare: $(STAMP)
	$(PY) bench/compare.py

clean:
	rm -rf $(VENV) build *.egg-info
