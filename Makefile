# The two commands: `make book` builds HTML, EPUB and PDF; `make test` runs the tests.
SPHINXOPTS ?= -W --keep-going -n -q
BUILD      ?= _build
SPHINX      = .venv/bin/sphinx-build

.PHONY: book html epub pdf test import setup-python setup-book clean

book: setup-book html epub pdf

setup-python:
	tools/setup.sh python

setup-book:
	tools/setup.sh book

html: setup-python
	$(SPHINX) -M html . $(BUILD) $(SPHINXOPTS)

epub: setup-python
	$(SPHINX) -M epub . $(BUILD) $(SPHINXOPTS)

pdf: setup-book
	$(SPHINX) -M latexpdf . $(BUILD) $(SPHINXOPTS)

import: setup-python
	.venv/bin/python -m tools import

test: setup-python
	.venv/bin/ruff check tools tests
	.venv/bin/python -m pytest

clean:
	rm -rf $(BUILD)
