# The routine. Every target sets up .venv by itself on a fresh machine.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)
DB     ?= sitrep.db

.PHONY: setup browser run test lint eval bench clean

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
	$(VENV)/bin/sitrep events --db $(DB) --status contested
	$(VENV)/bin/sitrep ledger --db $(DB)

lint: setup
	$(VENV)/bin/ruff check src tests eval bench

# Debian's Chromium for the browser tests (tests/test_browser.py), installed only when missing;
# where it cannot be installed those tests are skipped and say why.
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] \
		&& command -v apt-get >/dev/null 2>&1 && apt-get update -qq \
		&& DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
		|| echo "make: Chromium is missing and could not be installed: browser tests will skip"

test: setup lint browser
	$(PY) -m pytest -q

EVALS := claims_examples claims_conflibert claims_case2021 claims_petrarch claims_plover \
	places_geowebnews places_halterman dates_meantime quantities_gva quantities_re3d events_examples \
	prefilter ner_cnec parity_examples

eval: setup
	mkdir -p out
	$(PY) eval/attribution.py --json out/attribution.json
	for name in $(EVALS); do $(PY) eval/$$name.py --json out/$$name.json || exit 1; done
	$(PY) eval/gate.py out/attribution.json eval/floors.json \
		$(foreach name,$(EVALS),--also out/$(name).json)

bench: setup
	$(PY) bench/throughput.py
	$(PY) bench/claims_overhead.py
	$(PY) bench/places_dates.py
	$(PY) bench/views.py
	$(PY) bench/scale.py

clean:
	rm -rf out .pytest_cache .ruff_cache $(DB) $(DB)-wal $(DB)-shm
