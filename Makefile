# The two commands: `make book` builds HTML, EPUB and PDF; `make test` runs the tests.
SPHINXOPTS ?= -W --keep-going -n -q
BUILD      ?= _build
SPHINX      = .venv/bin/sphinx-build
# The site's search index (Pagefind), a step of its own after Sphinx's HTML build (tools/edition/finding/search.py)
SEARCH_INDEX = .venv/bin/python -m tools search-index $(BUILD)/html

.PHONY: book html epub pdf preview test check import setup-python setup-preview setup-book setup-test clean

# The EPUB and the PDF first: the site offers them for download (tools/edition/formats/downloads.py).
book: setup-book
	rm -rf $(BUILD)/epub
	$(SPHINX) -M epub . $(BUILD) $(SPHINXOPTS)
	$(SPHINX) -M latexpdf . $(BUILD) $(SPHINXOPTS)
	$(SPHINX) -M html . $(BUILD) $(SPHINXOPTS) -D edition_downloads_required=1
	$(SEARCH_INDEX)
	@echo "built: $(BUILD)/html/index.html, $(BUILD)/epub/*.epub, $(BUILD)/latex/*.pdf"

setup-python:
	tools/setup.sh python

setup-preview: setup-python
	.venv/bin/python -c 'import sphinx_autobuild' 2>/dev/null || .venv/bin/pip install --quiet -e '.[dev]'

setup-book:
	tools/setup.sh book

setup-test:
	tools/setup.sh test

# A quick preview of the site alone (no downloads unless `make book` built them).
html: setup-python
	$(SPHINX) -M html . $(BUILD) $(SPHINXOPTS)
	$(SEARCH_INDEX)

# A live preview for contributors (CONTRIBUTING.md): the site rebuilt on every save, with CI's options (a
# warning is an error) and the Markdown lint first, whose findings CI fails on. The lint does not stop the
# rebuild (sphinx-autobuild would answer a failed command with a traceback): it says so. The search index
# follows each rebuild. The same folders as `make html`, so that either reuses what the other built.
PORT          ?= 8000
PREVIEW_IGNORE = .venv .git bench/out tools/ace/node_modules .import-staging .pytest_cache .ruff_cache
PREVIEW_LINT   = sh -c '.venv/bin/python -m tools check || echo make preview: CI fails on the findings above, fix them'
preview: setup-preview
	.venv/bin/sphinx-autobuild . $(BUILD)/html -d $(BUILD)/doctrees $(SPHINXOPTS) --port $(PORT) \
		--pre-build "$(PREVIEW_LINT)" --post-build "$(SEARCH_INDEX)" $(foreach dir,$(PREVIEW_IGNORE),--ignore $(dir))

epub: setup-python
	rm -rf $(BUILD)/epub
	$(SPHINX) -M epub . $(BUILD) $(SPHINXOPTS)

pdf: setup-book
	$(SPHINX) -M latexpdf . $(BUILD) $(SPHINXOPTS)

import: setup-python
	.venv/bin/python -m tools import

# The tests: ruff, then pytest, whose session fixture `built` brings the book in _build up to date with
# `make book` (after a `make book`, Sphinx reads nothing again) and checks that build. On every core
# (pytest-xdist), one test file to a worker: a file's module fixtures (a crafted project's builds) are made once.
PYTEST_WORKERS ?= -n auto --dist loadfile
test: setup-test
	.venv/bin/ruff check tools tests conf.py
	.venv/bin/python -m pytest $(PYTEST_WORKERS)

# The fast tier, before pushing: ruff, the Markdown lint, and every test that needs neither the whole book
# built nor imported again end to end (the importer's passes and its data, the checks, the extensions on
# small test roots, small crafted builds).
check: setup-test
	.venv/bin/ruff check tools tests conf.py
	.venv/bin/python -m tools check
	.venv/bin/python -m pytest -q -m "not built and not whole_book" $(PYTEST_WORKERS)

clean:
	rm -rf $(BUILD)
