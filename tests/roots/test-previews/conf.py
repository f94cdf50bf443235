"""A glossary and three selections that link to it, for the previews a page carries
(tools.extensions.previews), in serial, parallel and incremental builds."""

extensions = ["myst_parser", "sphinxcontrib.bibtex", "tools.extensions.previews"]
bibtex_bibfiles = ["references.bib"]  # the previews of works cited come from sphinxcontrib-bibtex
nitpicky = True
