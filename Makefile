# The two commands: `make book` builds HTML, EPUB and PDF; `make test` runs the tests.
SPHINXOPTS ?= -W --keep-going -n -q
BUILD      ?= _build
SPHINX      = .venv/bin/sphinx-build

.PHONY: book html epub pdf test check import setup-python setup-book setup-test clean

# The EPUB and the PDF first: the site offers them for download (tools/edition/formats/downloads.py).
book: setup-book
	rm -rf $(BUILD)/epub
	$(SPHINX) -M epub . $(BUILD) $(SPHINXOPTS)
	$(SPHINX) -M latexpdf . $(BUILD) $(SPHINXOPTS)
	$(SPHINX) -M html . $(BUILD) $(SPHINXOPTS) -D edition_downloads_required=1
	@echo "built: $(BUILD)/html/index.html, $(BUILD)/epub/*.epub, $(BUILD)/latex/*.pdf"

setup-python:
	tools/setup.sh python

setup-book:
	tools/setup.sh book

setup-test:
	tools/setup.sh test

# A quick preview of the site alone (no downloads unless `make book` built them).
html: setup-python
	$(SPHINX) -M html . $(BUILD) $(SPHINXOPTS)

epub: setup-python
	rm -rf $(BUILD)/epub
	$(SPHINX) -M epub . $(BUILD) $(SPHINXOPTS)

pdf: setup-book
	$(SPHINX) -M latexpdf . $(BUILD) $(SPHINXOPTS)

import: setup-python
	.venv/bin/python -m tools import

# The tests build all three formats (with `make book`, into a temporary folder) and check them.
test: setup-test
	.venv/bin/ruff check tools tests conf.py
	.venv/bin/python -m pytest

# The fast tier, before pushing: ruff, the Markdown lint, and every test that does not need the whole
# book built (the importer and its data, the checks, the extensions on small test roots).
check: setup-test
	.venv/bin/ruff check tools tests conf.py
	.venv/bin/python -m tools check
	.venv/bin/python -m pytest -q -m "not built"

clean:
	rm -rf $(BUILD)
