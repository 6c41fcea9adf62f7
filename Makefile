# The two commands of the README: `make book` and `make test`.
# Both create the virtual environment .venv from requirements.txt when it is
# missing or older than requirements.txt / pyproject.toml.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: book test pdf lab notebooks benchmark clean

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# What the HTML depends on: when none of it changed, `make book` has nothing to do.
BOOK_SOURCES := _config.yml _toc.yml $(wildcard chapters/*.md chapters/*.ipynb _ext/*.py _ext/*.js _static/* _templates/static/* \
                _templates/*.html _extra/* data/* amazon_case/*.py amazon_case/kit/*.py vendor/vega/* references.bib \
                tools/build_book.py)

## Build the static HTML book into _build/html (warnings are errors), from the notebooks' committed outputs.
book: _build/html/.built

# An incremental build: tools/build_book.py does nothing when no input's content changed (a
# touched file, a checkout), and Sphinx rebuilds what did change. Sphinx alone would miss an
# edited stylesheet (it skips copying _static/ when no page is out of date); _ext/build_inputs.py
# rewrites every page when static files, templates or the Vega runtime change, and re-reads every
# page when the extensions or the chart renderer change. `make clean book` builds from scratch.
_build/html/.built: $(VENV)/.installed $(BOOK_SOURCES)
	$(BIN)/python tools/build_book.py build . --warningiserror --nitpick --keep-going
	touch $@

# axe-core, for the accessibility tests (pinned in package-lock.json). Without npm the
# tests say loudly that they are skipped (and fail under CI, where .ci/run installs npm).
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "WARNING: npm is not installed: the accessibility tests (axe-core) will be skipped"; fi

## Build the book, then run every test: unit tests, nbval on every chapter, built-site tests in Chromium.
test: book node_modules/.installed
	$(BIN)/python -m pytest

## Print the book to one PDF, _build/pdf/amazon-case-study.pdf: the system's Chromium prints each page of the
## table of contents with its charts drawn at their defaults, pypdf merges them (title page, contents, bookmarks).
pdf: _build/pdf/amazon-case-study.pdf

_build/pdf/amazon-case-study.pdf: _build/html/.built tools/build_pdf.py
	$(BIN)/python tools/build_pdf.py

## Re-execute every chapter in place (two at a time); commit the notebooks afterwards.
notebooks: $(VENV)/.installed
	$(BIN)/python tools/execute_notebooks.py

## Measure builds, nbval, page weight and chart latency beside a bare book; prints figures.
benchmark: $(VENV)/.installed
	$(BIN)/python benchmarks/run.py $(ARGS)

## Open the chapters in JupyterLab (works offline: charts use JupyterLab's own Vega).
lab: $(VENV)/.installed
	$(BIN)/jupyter lab chapters/

clean:
	rm -rf _build .pytest_cache node_modules
