# The commands of the README: `make run`, `make test` (what CI runs) and `make test-fast`. All create .venv
# when missing.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-fast lint bench bench-full bench-national loadtest browser nginx serve clean
REPLICAS ?= 2
PORT ?= 8080

# pip byte-compiles what it installs one file at a time; compileall -j 0 does the same on every core.
$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --no-compile -r requirements-dev.txt
	$(PY) -m compileall -q -j 0 "$$($(PY) -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')" > /dev/null
	@touch $(STAMP)

run: $(STAMP)
	$(PY) -m streamlit run app.py

browser:
	@bash scripts/ensure_chromium.sh

nginx:
	@bash scripts/ensure_nginx.sh

# N replicas on 127.0.0.1 behind nginx (sticky sessions, websockets): http://127.0.0.1:$(PORT)
serve: $(STAMP) nginx
	$(PY) -m deploy.serve --replicas $(REPLICAS) --port $(PORT)

# Tests run in parallel processes (pytest-xdist), a test file per process so that a file's servers start once.
# More processes than cores: a browser test spends much of its time waiting for the browser and the server.
TEST_WORKERS ?= 4
FAST_WORKERS ?= 3

# Everything: unit, page (AppTest), slow (nginx, replicas, benchmarks) and browser tests; budget 8 min on 2 cores.
test: $(STAMP) browser nginx
	$(PY) -m ruff check .
	$(PY) -m finder validate data
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile --durations=15

# No browser, no nginx, nothing marked slow; budget 3 min on 2 cores.
test-fast: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m finder validate data
	$(PY) -m pytest -n $(FAST_WORKERS) --dist loadfile -m "not browser and not slow" --durations=15

bench: $(STAMP)
	$(PY) -m bench.synthetic

bench-national: $(STAMP)
	$(PY) -m bench.nationwide --materialized

loadtest: $(STAMP) browser nginx
	$(PY) -m bench.loadtest

clean:
	rm -rf $(VENV) .pytest_cache
