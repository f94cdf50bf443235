"""Sphinx configuration: one MyST source, HTML site, EPUB 3 and PDF."""

from __future__ import annotations

project = "The Challenge of the Left Opposition (1928–29)"
author = "Leon Trotsky"
copyright = "1981 Pathfinder Press (the book's text); the edition's code: MIT"
version = release = "0.1"
language = "en"

extensions = ["myst_parser", "sphinxcontrib.bibtex"]
extensions += ["tools.extensions.works_cited", "tools.extensions.mentions", "tools.extensions.index_entries"]
myst_enable_extensions = ["colon_fence"]
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", ".venv", "README.md", "CONTRIBUTING.md", "source", "tools",
                    "tests", ".ci", ".pytest_cache", "bench"]
bibtex_bibfiles = ["references.bib"]
bibtex_cite_id = "cite-{key}"  # predictable ids: the text's titles link to them (works_cited.py)
bibtex_default_style = "plain"
suppress_warnings: list[str] = []

html_theme = "sphinx_book_theme"
html_title = project
html_static_path = ["_static"]
html_css_files = ["edition.css"]
html_theme_options = {"show_toc_level": 2, "use_download_button": False}

latex_engine = "xelatex"
