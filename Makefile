# casebook: `make serve` shows the site, `make test` runs every check. Both set themselves up.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= $(shell command -v chromium || command -v chromium-browser || echo /usr/bin/chromium)
MERMAID := docs/assets/javascripts/mermaid.tiny.js
MAPDATA := docs/assets/javascripts/vendor/countries-110m.json
VENDORED := $(MERMAID) $(MAPDATA)

export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: install lint typecheck validate pytest docs site serve test bench schema clean browser zensical

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=25.1"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e . --group dev
	touch $(STAMP)

install: $(STAMP)

# Mermaid draws the deal diagrams, d3-geo and world-atlas the world map; fetched once from the
# npm registry, hash-checked.
$(VENDORED): docs/vendor.py | $(STAMP)
	$(BIN)/python docs/vendor.py

# The browser test drives Debian's Chromium; installed here when it is missing and we may.
browser:
	@if [ -x "$(CHROMIUM)" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then SUDO=; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; \
	else echo "The browser test needs Chromium: install Debian's 'chromium' package, or set CHROMIUM=/path/to/chromium." >&2; exit 1; fi; \
	echo "Installing Chromium with apt-get (Debian package 'chromium')"; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks docs
	$(BIN)/ruff format --check src tests benchmarks docs
	$(BIN)/reuse lint

typecheck: $(STAMP)
	$(BIN)/mypy

# The bundled cases follow the coding protocol: warnings fail here too.
validate: $(STAMP)
	$(BIN)/casebook validate --strict

pytest: $(STAMP) $(VENDORED) browser
	CASEBOOK_CHROMIUM="$(CHROMIUM)" $(BIN)/pytest

docs: $(STAMP) $(VENDORED)
	$(BIN)/mkdocs build --strict --quiet --site-dir site

site: docs

serve: site
	$(BIN)/casebook list
	$(BIN)/casebook compare pakistan-us-minerals drc-us-minerals-for-security
	@echo "Serving the casebook site on http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	$(BIN)/python -m http.server $(PORT) --bind $(HOST) --directory site

# The same site built by Zensical, from a docs folder assembled beforehand.
zensical: $(STAMP) $(VENDORED)
	$(BIN)/python docs/prebuild.py build/zensical
	$(BIN)/zensical build --strict -f build/zensical/mkdocs.yml
	@echo "Zensical built the site into build/zensical/site"

test: lint typecheck validate pytest docs
	@echo "All checks passed: ruff, mypy --strict, casebook validate --strict, pytest, mkdocs build --strict."

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_load.py
	$(BIN)/python benchmarks/bench_compare.py
	$(BIN)/python benchmarks/bench_qca.py
	$(BIN)/python benchmarks/bench_export.py
	$(BIN)/python benchmarks/bench_closest.py
	$(BIN)/python benchmarks/bench_site.py
	$(BIN)/python benchmarks/bench_cli.py

schema: $(STAMP)
	$(BIN)/casebook schema case --output cases/case.schema.json
	$(BIN)/casebook schema registry --output cases/registry.schema.json

clean:
	rm -rf site .bench docs/assets/javascripts/mermaid.* docs/assets/javascripts/vendor .pytest_cache .mypy_cache .ruff_cache .hypothesis test-artifacts dist
