"""A glossary and three selections that link to it, for the previews a page carries
(tools.edition.letter_page.previews), in serial, parallel and incremental builds."""

extensions = ["myst_parser", "sphinxcontrib.bibtex", "tools.edition.letter_page.previews"]
bibtex_bibfiles = ["references.bib"]  # the previews of works cited come from sphinxcontrib-bibtex
nitpicky = True
