# Lokalagenda: `make demo` starts the platform with its demo data; `make test` runs the whole test suite.
# Both do their own set-up on a fresh clone. See README.md.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOKALAGENDA := $(BIN)/lokalagenda
export LOKALAGENDA_DATA_DIR ?= $(abspath ../shared/data)
export LOKALAGENDA_VAR_DIR ?= $(abspath var)
POSTGRES_URL ?= postgres://root@127.0.0.1:5432/test
CHROMIUM ?= /usr/bin/chromium
# The Django tiers run on every core (pytest-xdist); a test module stays in one process, so module fixtures run once.
XDIST ?= -n auto --dist loadfile
VENDOR := src/lokalagenda/web/static/vendor
STAMP := $(VENV)/.installed
APT_INSTALL := apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq

.PHONY: help demo test install assets messages database gettext chromium postgres bench lint clean

help:
	@echo "make demo   install everything, load the reference data and serve http://127.0.0.1:8000"
	@echo "make test   install everything and run the whole test suite (core, SQLite, PostgreSQL, browser)"

demo: install assets messages database
	@$(LOKALAGENDA) create-demo-accounts
	@echo "Serving Lokalagenda at http://127.0.0.1:8000, with a background worker for imports (stop with Ctrl+C)"
	@$(LOKALAGENDA) db_worker > $(LOKALAGENDA_VAR_DIR)/worker.log 2>&1 & worker=$$!; \
	 trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	 $(LOKALAGENDA) runserver 127.0.0.1:8000

test: install assets messages chromium postgres
	@echo "== Core tests (no database) =="
	$(BIN)/pytest tests/core tests/docs -q -p no:django -W ignore::pytest.PytestConfigWarning
	@echo "== Django tests on SQLite =="
	env -u DATABASE_URL $(BIN)/pytest tests -q $(XDIST) --ignore=tests/core --ignore=tests/docs --ignore=tests/browser
	@echo "== Django tests on PostgreSQL =="
	DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest tests -q $(XDIST) --ignore=tests/core --ignore=tests/docs --ignore=tests/browser
	@echo "== Browser and accessibility tests (Chromium, axe-core) =="
	LOKALAGENDA_CHROMIUM=$(CHROMIUM) $(BIN)/pytest tests/browser -q
	@echo "== Lint (ruff) =="
	$(BIN)/ruff check src tests benchmarks

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

# Front-end packages from npm, copied into the static files; pages never load them from a CDN.
assets: $(VENDOR)/.stamp

$(VENDOR)/.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/designsystemet $(VENDOR)/vega $(VENDOR)/htmx $(VENDOR)/axe
	cp node_modules/@digdir/designsystemet-css/dist/src/index.css $(VENDOR)/designsystemet/designsystemet.css
	cp node_modules/@digdir/designsystemet-theme/brand/digdir.css $(VENDOR)/designsystemet/theme.css
	cp node_modules/vega/build/vega.min.js node_modules/vega-lite/build/vega-lite.min.js \
	   node_modules/vega-embed/build/vega-embed.min.js node_modules/vega-lite/build/vega-lite.min.js.map \
	   node_modules/vega-embed/build/vega-embed.min.js.map $(VENDOR)/vega/
	# vega-embed and vega-tooltip inject their CSS as a <style> element unless told not to (charts.js does, for
	# the Content-Security-Policy); their CSS, taken from their sources, is served as a file instead.
	sed -e '/^\/\/ generated with/d' -e 's/^export default `//' -e '/^`;$$/d' \
	   node_modules/vega-embed/src/style.ts node_modules/vega-tooltip/src/style.ts > $(VENDOR)/vega/vega-embed.css
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx/
	cp node_modules/axe-core/axe.min.js $(VENDOR)/axe/
	@for package in @digdir/designsystemet-css @digdir/designsystemet-theme vega vega-lite vega-embed vega-tooltip htmx.org axe-core; do \
	  cp node_modules/$$package/LICENSE* $(VENDOR)/$$(echo $$package | tr '/@' '__')-LICENSE 2>/dev/null || true; done
	@touch $@

# Compiled translations (.mo) are built from the .po files in src/lokalagenda/web/locale.
messages: install gettext
	$(LOKALAGENDA) compilemessages --ignore=.venv --ignore=node_modules -v 0

database: install
	@mkdir -p $(LOKALAGENDA_VAR_DIR)
	$(LOKALAGENDA) migrate --no-input -v 0
	$(LOKALAGENDA) load-reference
	$(LOKALAGENDA) import $(LOKALAGENDA_DATA_DIR)/indicators/values.csv
	$(LOKALAGENDA) load-catalogue $(LOKALAGENDA_DATA_DIR)/indicators/outcomes/catalog.csv
	$(LOKALAGENDA) import $(LOKALAGENDA_DATA_DIR)/indicators/outcomes/values.csv
	@# The core set (kjernesett) the project curates; its fetch specs are in src/lokalagenda/connectors/specs/.
	@for file in src/lokalagenda/indicators/coreset/*.csv; do \
	  $(LOKALAGENDA) load-catalogue $$file --set kjernesett || exit 1; done
	$(LOKALAGENDA) measure
	@echo "Training the target-suggestion model once (about a minute; cached in var/cache/mapping)"
	$(LOKALAGENDA) suggest-targets --text "Kommunen skal redusere klimagassutslippene" --top 1 > /dev/null

# Debian packages: gettext (msgfmt) compiles translations; Chromium runs the browser tests.
gettext:
	@command -v msgfmt >/dev/null || $(APT_INSTALL) gettext

chromium:
	@[ -x "$(CHROMIUM)" ] || $(APT_INSTALL) chromium

# PostgreSQL runs on this machine; start it if it is down.
postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 || { \
	  echo "Starting PostgreSQL"; pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql | head -1) main start; \
	  for i in $$(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done; }

# Every script in benchmarks/ runs here (benchmarks/README.md has what each measures and its last results). The
# scripts make and drop their own scratch databases; load_test.py prepares a demo database per vendor under
# BENCH_VAR (kept between runs), which reports.py and page_weight.py then read. make stops at the first
# benchmark that fails or misses an aim it checks; `make -i bench` carries on.
BENCH_VAR ?= $(LOKALAGENDA_VAR_DIR)/bench
BENCH_PORT ?= 8765

bench: install assets chromium postgres
	@mkdir -p $(BENCH_VAR)
	@echo "== load_reference.py: load-reference twice =="
	env -u DATABASE_URL $(BIN)/python benchmarks/load_reference.py
	@echo "== import_csv.py: 1,000,000 rows of tidy CSV (SQLite, then PostgreSQL) =="
	env -u DATABASE_URL $(BIN)/python benchmarks/import_csv.py --store
	$(BIN)/python benchmarks/import_csv.py --repeat 1 --store --database-url $(POSTGRES_URL)
	@echo "== measure.py: every measurement method on 3.57 million values =="
	$(BIN)/python benchmarks/measure.py
	@echo "== sync_size.py: the size of a full sync of the core set =="
	$(BIN)/python benchmarks/sync_size.py
	@echo "== store_observations.py: storing 714,000 rows, old path against new (about 10 minutes) =="
	$(BIN)/python benchmarks/store_observations.py --database-url $(POSTGRES_URL)
	@echo "== load_dashboard.py: the kommune dashboard under 20 clients (SQLite, then PostgreSQL) =="
	env -u DATABASE_URL $(BIN)/python benchmarks/load_dashboard.py
	$(BIN)/python benchmarks/load_dashboard.py --database-url $(POSTGRES_URL)
	@echo "== text_mapping.py: text to SDG targets against a TF-IDF baseline (the model make demo trains) =="
	$(BIN)/python benchmarks/text_mapping.py --cache-dir $(LOKALAGENDA_VAR_DIR)/cache/mapping
	@echo "== practice_search.py: search over 10,000 practices (SQLite, then PostgreSQL) =="
	env -u DATABASE_URL $(BIN)/python benchmarks/practice_search.py --database-url $(POSTGRES_URL)
	@echo "== load_test.py: 50 visitors on gunicorn (prepares the demo databases in $(BENCH_VAR)) =="
	env -u DATABASE_URL $(BIN)/python benchmarks/load_test.py --vendor both --var-dir $(BENCH_VAR) \
	  --postgres-url $(dir $(POSTGRES_URL))lokalagenda_load
	@echo "== reports.py: a VLR and every council brief as PDF (the SQLite demo database of load_test.py) =="
	env -u DATABASE_URL LOKALAGENDA_VAR_DIR=$(BENCH_VAR)/sqlite $(BIN)/python benchmarks/reports.py
	@echo "== page_weight.py: page weight in Chromium (runserver on the same database, port $(BENCH_PORT)) =="
	@env -u DATABASE_URL LOKALAGENDA_VAR_DIR=$(BENCH_VAR)/sqlite $(LOKALAGENDA) runserver --noreload \
	  127.0.0.1:$(BENCH_PORT) > $(BENCH_VAR)/runserver.log 2>&1 & server=$$!; \
	 trap 'kill $$server 2>/dev/null' EXIT INT TERM; \
	 for i in $$(seq 1 60); do curl -sf -o /dev/null http://127.0.0.1:$(BENCH_PORT)/ && break; sleep 1; done; \
	 LOKALAGENDA_CHROMIUM=$(CHROMIUM) $(BIN)/python benchmarks/page_weight.py --url http://127.0.0.1:$(BENCH_PORT)
	@echo "== not run on its own: scratch_database.py, the helper that makes and drops the others' PostgreSQL databases =="

lint: install
	$(BIN)/ruff check src tests benchmarks

clean:
	rm -rf $(VENV) node_modules $(VENDOR) var
