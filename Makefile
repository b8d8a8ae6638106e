# Dossier: two commands do all set-up. `make site` (or `make serve`) builds the site,
# `make test` runs every test. Both create .venv from the pinned requirements first.
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site serve test check links bench bench-large lint browser properdocs zensical clean

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

# ProperDocs, the maintained fork of MkDocs 1.x, in its own environment: the suite builds the site
# with it too. Material still requires the mkdocs package; the properdocs command redirects every
# `mkdocs.*` import to `properdocs.*`, so the build runs on ProperDocs.
PROPERDOCS_VENV := .venv-properdocs
PROPERDOCS_STAMP := $(PROPERDOCS_VENV)/.installed

$(PROPERDOCS_STAMP): requirements-properdocs.txt requirements.txt pyproject.toml
	$(PYTHON) -m venv $(PROPERDOCS_VENV)
	$(PROPERDOCS_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(PROPERDOCS_VENV)/bin/python -m pip install --quiet -r requirements-properdocs.txt
	$(PROPERDOCS_VENV)/bin/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

properdocs: $(PROPERDOCS_STAMP)

# Zensical, which loads no MkDocs plugin, in its own environment: `python -m dossier generate`
# writes the site as Markdown with an mkdocs.yml for it (build/zensical/), Zensical builds it
# strictly into build/zensical/site/, `python -m dossier search` writes the Pagefind index and
# `python -m dossier policy` gives every page its Content-Security-Policy, as the plugin does.
ZENSICAL_VENV := .venv-zensical
ZENSICAL_STAMP := $(ZENSICAL_VENV)/.installed
ZENSICAL_OUT := build/zensical

$(ZENSICAL_STAMP): requirements-zensical.txt requirements.txt pyproject.toml
	$(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(ZENSICAL_VENV)/bin/python -m pip install --quiet -r requirements-zensical.txt
	$(ZENSICAL_VENV)/bin/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

zensical: $(STAMP) $(ZENSICAL_STAMP)
	$(BIN)/python -m dossier generate $(ZENSICAL_OUT)
	$(ZENSICAL_VENV)/bin/zensical build --strict --clean --config-file $(ZENSICAL_OUT)/mkdocs.yml
	$(BIN)/python -m dossier search $(ZENSICAL_OUT)/site
	$(BIN)/python -m dossier policy $(ZENSICAL_OUT)/site

site: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir site

# A preview, not strict: while a source is broken it prints the errors and keeps serving the last
# good pages (strict mode would stall it); `make site` and the tests stay strict. --dirty rebuilds
# only the pages a saved edit changes (the plugin tells MkDocs which generated pages those are).
# ADDR is the address to serve at: `make serve ADDR=127.0.0.1:8001` when port 8000 is taken.
ADDR ?= 127.0.0.1:8000
serve: $(STAMP)
	$(BIN)/mkdocs serve --no-strict --dirty --dev-addr $(ADDR)

check: $(STAMP)
	$(BIN)/python -m dossier check sources

# Asks the network, unlike everything else here: not part of `make test`; a weekly CI job runs it.
links: $(STAMP)
	$(BIN)/python -m dossier links sources

test: $(STAMP) $(PROPERDOCS_STAMP) zensical browser
	$(BIN)/python -m pytest

# Real-browser tests drive Debian's Chromium; a browser download by Playwright does not work here.
# apt runs only when the browser or a font is missing. The fonts make screenshots show what readers
# see: Liberation and DejaVu for Latin text, WenQuanYi Zen Hei for the Chinese in the sources.
CHROMIUM := /usr/bin/chromium
BROWSER_FILES := $(CHROMIUM) /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc
BROWSER_PACKAGES := chromium fonts-liberation fonts-dejavu-core fonts-wqy-zenhei
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
APT := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get -o DPkg::Lock::Timeout=600

browser:
	@for file in $(BROWSER_FILES); do test -e $$file || missing=1; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian's chromium and fonts for the browser tests"; \
	  $(APT) update -qq && $(APT) install -y -qq --no-install-recommends $(BROWSER_PACKAGES) >/dev/null; \
	fi
	@$(CHROMIUM) --version 2>/dev/null

# Issue 16's benchmark at 1,000 and 2,000 documents. Each site is built three times, in rounds,
# and its fastest build counts: single builds here vary by 10% or more. It needs the browser
# (the transfer of a search is measured in Chromium).
bench: $(STAMP) browser
	$(BIN)/python benchmarks/bench.py --repeat 3

# 10,000 documents, once, without the twin sized to Dossier's HTML and the link check: peak
# memory and time (not in CI; about 15 minutes on 2 cores).
bench-large: $(STAMP) browser
	$(BIN)/python benchmarks/bench.py --sizes 10000 --no-twin --no-links --no-serve --out benchmarks/out-large

lint: $(STAMP)
	$(BIN)/ruff check plugins tests benchmarks
	$(BIN)/mypy

clean:
	rm -rf site build $(VENV) .venv-* benchmarks/out benchmarks/out-large
