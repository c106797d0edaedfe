# The routine. Every target sets up .venv by itself on a fresh machine.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)
DB     ?= sitrep.db

.PHONY: setup run test lint eval bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(VENV)/bin/sitrep ingest examples --db $(DB)
	$(VENV)/bin/sitrep statements --db $(DB)

lint: setup
	$(VENV)/bin/ruff check src tests eval bench

test: setup lint
	$(PY) -m pytest -q

eval: setup
	mkdir -p out
	$(PY) eval/attribution.py --json out/scores.json
	$(PY) eval/gate.py out/scores.json eval/floors.json

bench: setup
	$(PY) bench/throughput.py
	$(PY) bench/claims_overhead.py

clean:
	rm -rf out .pytest_cache .ruff_cache $(DB) $(DB)-wal $(DB)-shm
