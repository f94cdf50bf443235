"""Sphinx configuration: one MyST source, HTML site, EPUB 3 and PDF."""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # `tools.edition` importable from any working directory

project = "The Challenge of the Left Opposition (1928–29)"
author = "Leon Trotsky"
copyright = "1981 Pathfinder Press (the book’s text); the edition’s code: MIT"
version = release = "0.1"
language = "en"
# The date the edition's files carry (EPUB dcterms:modified, PDF dates): fixed, so that a build is
# reproducible; SOURCE_DATE_EPOCH, when set, wins. Bump it with a release.
edition_date = "2026-11-25T00:00:00Z"
edition_slug = "challenge-left-opposition-1928-29"  # file name of the EPUB and the PDF

# The edition (tools/edition/) registers its parts, and the packages it needs, in the order they
# need: nothing here depends on the order of this list.
extensions = ["myst_parser", "sphinxcontrib.bibtex", "notfound.extension", "tools.edition"]
myst_enable_extensions = ["colon_fence"]
# No rule before a page's notes: the site and the EPUB open them with a "Notes" heading, and the
# PDF sets them as footnotes, where the rule was left alone at a chapter's end (even on a page
# of its own).
myst_footnote_transition = False
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", ".venv", "README.md", "CONTRIBUTING.md", "docs", "source", "tools",
                    "tests", ".ci", ".pytest_cache", "bench", ".import-staging", ".import-base"]
templates_path = ["tools/edition/templates"]
bibtex_bibfiles = ["references.bib"]
bibtex_cite_id = "cite-{key}"  # predictable ids: the text's titles link to them (works_cited.py)
bibtex_default_style = "edition"  # tools/edition/finding/bibliography_style.py
suppress_warnings: list[str] = []
# The book's spaced ellipsis ". . ." is kept as printed; smartquotes only curls quotes and
# makes dashes ("q" quotes, "D" dashes: -- en, --- em), never turns "..." into "…".
smartquotes_action = "qD"

# --- HTML ----------------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = project
# The published site's address, for stable citation URLs and cmif.xml (set by the publishing
# workflow); without it, citations show the page's own address.
html_baseurl = os.environ.get("EDITION_BASEURL", "")
# The path the site is served under ("/" on its own host, "/<repository>/" on GitHub Pages).
notfound_urls_prefix = os.environ.get("EDITION_URL_PREFIX", "/")
notfound_context = {
    "title": "Page not found",
    "body": "<h1>Page not found</h1>\n<p>There is no page of the edition at this address. Start from the "
            f'<a href="{notfound_urls_prefix}index.html">contents</a>, look a name up in the '
            f'<a href="{notfound_urls_prefix}glossary/index.html">glossary</a> or the '
            f'<a href="{notfound_urls_prefix}genindex.html">index</a>, or search the book.</p>',
}
html_context = {"edition_author": author}
html_static_path = ["_static"]
# No MathJax from a CDN: the book has no math (the allow-list refuses it), and were a page ever to
# have some, it would name this file of the site, never a script of another host.
mathjax_path = "no-mathjax.js"
# Given here as Sphinx and the theme complete them when the builder starts (the stylesheet's priority,
# the theme's defaults): the next build compares conf.py with the last build's settings, and would
# otherwise report "The configuration has changed" every time (tools/edition/stable_config.py).
html_css_files = [("edition.css", {"priority": 800})]
html_permalinks_icon = "#"
html_sourcelink_suffix = ""
html_theme_options = {
    "show_toc_level": 2,
    # The sidebar lists the book's pages, not the correspondents' pages under "Correspondents" (its
    # list leads to them): the theme's toggle for a nested entry is an icon without a name (axe
    # summary-name), and 35 more entries would weigh on every page.
    "max_navbar_depth": 1,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "navbar_persistent": ["search-button-field"],
    "icon_links": [],
    "logo": {},
}
# No search field in the sidebar: the header's (a field on wide screens, a button on a phone) is
# the one search control, once in the Tab order. The contents are the theme's component with the book's
# parts written by the edition (tools/edition/letter_page/sidebar.py).
html_sidebars = {"**": ["navbar-logo.html", "downloads.html", "edition-sidebar-nav.html"]}
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False

# --- EPUB 3 --------------------------------------------------------------------------------
epub_basename = edition_slug
epub_title = project
epub_author = author
epub_language = language
# The EPUB's publisher is this digital edition; the print edition it is made from is its dc:source.
epub_publisher = "The Challenge of the Left Opposition (1928–29), a digital edition"
epub_source = ("Leon Trotsky, The Challenge of the Left Opposition (1928–29), edited by Naomi Allen "
               "(New York: Pathfinder Press, 1981), ISBN 978-0-87348-616-3")
epub_copyright = "© 1981 Pathfinder Press. All rights reserved."
epub_description = ("Leon Trotsky’s letters, articles and declarations from his exile in Alma-Ata, "
                    "1928–29, with editorial notes, appendices, glossary and index.")
epub_contributor = "Naomi Allen (editor)"
epub_identifier = "urn:uuid:6f1c2a52-3c3e-4d1e-9a0e-1928c1929a00"  # this edition, fixed forever
epub_scheme = "uuid"
epub_uid = "bookid"
epub_cover = ("_static/cover.png", "epub-cover.html")
epub_show_urls = "no"
epub_exclude_files = [".buildinfo.bak"]  # Sphinx's own backup of .buildinfo, not part of the book
epub_use_index = True  # the printed Index, each entry linked to its paragraph
epub_accessibility_summary = (
    "This publication conforms to EPUB Accessibility 1.1 and WCAG 2.1 Level AA. It is text with "
    "structured headings, a navigation document for every selection, footnotes linked both ways, "
    "and language declared on every document. The only image is the cover, which has a text "
    "alternative.")

# --- PDF (xelatex) ---------------------------------------------------------------------------
latex_engine = "xelatex"
latex_documents = [(root_doc, f"{edition_slug}.tex", project, author, "manual", False)]
latex_additional_files = ["tools/latex/edition.sty"]
latex_elements = {
    "papersize": "a5paper",
    "pointsize": "10pt",
    "fncychap": "",
    "maketitle": "",        # the print edition's title page is the front page's first container
    "tableofcontents": "",  # set after the copyright page (edition.sty)
    "preamble": r"\usepackage{edition}",
    # links are clickable but set in the text's colour, as a printed book has no blue words
    "sphinxsetup": "hmargin={2cm,2cm}, vmargin={2cm,2.2cm}, InnerLinkColor={rgb}{0,0,0}, "
                   "OuterLinkColor={rgb}{0,0,0}",
    "printindex": r"\renewcommand{\indexname}{Index}\printindex",
}
latex_show_urls = "no"
latex_domain_indices = False
# tables ruled as a book sets them (booktabs), without the screen's grey zebra rows
latex_table_style = ["booktabs"]
