# Two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
SD := $(VENV)/bin/symptom-decoder
SHARED := $(abspath ../shared)
STAMP := $(VENV)/.installed

.PHONY: run test setup native browser pdftools lint typecheck bench contract clean food-data \
	bench-foods bench-compare bench-server

$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

# The engine's hot modules compiled to C with mypyc: the same results, about twice as fast.
# Rebuilt when a source the engine is built from changes; without a C compiler the engine
# stays Python and scripts/native.sh says so (src/symptom_decoder/engine/_native.py).
NATIVE := $(VENV)/.native
NATIVE_SRC := $(wildcard src/symptom_decoder/engine/*.py src/symptom_decoder/knowledge/*.py) \
	src/symptom_decoder/types.py src/symptom_decoder/answers.py src/symptom_decoder/nutrition.py
$(NATIVE): $(STAMP) $(NATIVE_SRC) scripts/native.sh
	scripts/native.sh $(VENV)
	touch $(NATIVE)

native: $(NATIVE)

# The web app on http://127.0.0.1:8000 (SD_HOST, SD_PORT), data under SD_DATA_DIR.
run: $(NATIVE) food-data
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
test: $(NATIVE)
	scripts/browser.sh
	scripts/tools.sh nginx
	scripts/pdftools.sh
	scripts/postgres.sh run $(VENV)/bin/pytest -q
	@if [ -f $(SHARED)/contract/check.py ]; then $(PY) $(SHARED)/contract/check.py $(SD); \
	 else echo "contract check skipped: $(SHARED)/contract not found"; fi
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/mypy

# pdftoppm (Debian's poppler-utils) for the tests that render the summary PDF (make test
# runs this first).
pdftools:
	scripts/pdftools.sh

# Debian's Chromium and axe-core for the browser tests (make test runs this first).
browser:
	scripts/browser.sh

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench

typecheck: $(STAMP)
	$(VENV)/bin/mypy

bench: $(NATIVE)
	$(PY) bench/run.py

# The server under load: wrk (installed from Debian when missing) at 1 and 50 connections
# against /healthz and POST /api/v1/assess with varied answers; prints requests per second,
# p50 and p99. Not part of make test.
bench-server: $(NATIVE)
	scripts/tools.sh wrk
	$(PY) bench/server.py

bench-foods: $(STAMP)
	$(PY) bench/foods.py $(FOOD_DATA)
	$(PY) bench/foodlog_accuracy.py $(FOOD_DATA)

# How often "did it help?" says fewer or more on simulated diaries (needs the dev extras).
bench-compare: $(STAMP)
	$(PY) bench/compare.py

clean:
	scripts/native.sh --clean
	rm -rf $(VENV) build *.egg-info
