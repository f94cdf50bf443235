"""Sphinx configuration: one MyST source, HTML site, EPUB 3 and PDF."""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # `tools.extensions.*` importable from any working directory

project = "The Challenge of the Left Opposition (1928–29)"
author = "Leon Trotsky"
copyright = "1981 Pathfinder Press (the book’s text); the edition’s code: MIT"
version = release = "0.1"
language = "en"
# The date the edition's files carry (EPUB dcterms:modified, PDF dates): fixed, so that a build is
# reproducible; SOURCE_DATE_EPOCH, when set, wins. Bump it with a release.
edition_date = "2026-11-25T00:00:00Z"
edition_slug = "challenge-left-opposition-1928-29"  # file name of the EPUB and the PDF

extensions = [
    "myst_parser",
    # First: the build refuses any Markdown outside tools/data/allow-list.yaml (issue 9). It also sets
    # docutils' own guards, raw_enabled = False and file_insertion_enabled = False, whatever the
    # Markdown asks; there is no math (no MathJax, no CDN script) and no network at build time.
    "tools.extensions.allow_list",
    "tools.extensions.copied_files",  # the files copied as they are: no script in SVG, no CSS from elsewhere
    "sphinxcontrib.bibtex",
    "notfound.extension",             # HTML: a 404 page whose links work at any address
    "tools.extensions.book_parts",    # PDF: the front page's toctree captions as parts of the contents
    "tools.extensions.works_cited",   # titles in the text link to their Works cited entry
    "tools.extensions.mentions",      # glossary entries list the selections that mention them
    "tools.extensions.index_entries", # the printed Index as index entries, letter groups as printed
    "tools.extensions.book_index",    # the Index page and the Glossary's locators, as a reader uses them
    "tools.extensions.glossary_letters",  # HTML, EPUB: an A–Z bar above the Glossary
    "tools.extensions.paragraphs",    # every paragraph of a selection gets a stable id (p1, h1, s1)
    "tools.extensions.letter_header", # every selection's header: number, kind, date, to whom, source…
    "tools.extensions.editor_note",   # the headnote labelled "Editor's note"; on the site a <details>
    "tools.extensions.front_page",    # the front page's "Start reading" and downloads
    "tools.extensions.corrections",   # "Corrections to the print edition"; corrected words link to it
    "tools.extensions.sidebar_dates", # HTML: the sidebar lists the selections numbered and dated
    "tools.extensions.text_pointers", # HTML, EPUB: headnotes' "point 6", "the last paragraph" link to it
    "tools.extensions.typography",    # no-break spaces, quotes next to links, the book's ellipsis
    "tools.extensions.capitals",      # headings printed in capitals: small capitals, title case in navigation
    "tools.extensions.epub_package",  # EPUB 3: accessibility metadata, footnotes, lang, reproducible zip
    "tools.extensions.downloads",     # HTML: every page offers the EPUB and the PDF
    "tools.extensions.accessible_html",  # HTML: headings that assistive technology can place
    "tools.extensions.theme_text",    # HTML: the theme's page titles escaped, as Sphinx's are
    "tools.extensions.chronology",    # the chronology of the letters, from the chapters' front matter
    "tools.extensions.previews",      # HTML: glossary entries and footnotes preview on hover and focus
    "tools.extensions.citation",      # HTML: "Cite this selection", the edition's BibTeX and CSL JSON
    "tools.extensions.search",        # HTML: Pagefind's index, one result per selection with its passages
    "tools.extensions.cmif",          # HTML: cmif.xml, the letters' metadata for correspondence catalogues
    "tools.extensions.lean_html",     # HTML: pages load only the icons, styles and scripts they use (issue 6)
]
myst_enable_extensions = ["colon_fence"]
# No rule before a page's notes: the site and the EPUB open them with a "Notes" heading, and the
# PDF sets them as footnotes, where the rule was left alone at a chapter's end (even on a page
# of its own).
myst_footnote_transition = False
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", ".venv", "README.md", "CONTRIBUTING.md", "source", "tools",
                    "tests", ".ci", ".pytest_cache", "bench", ".import-staging", ".import-base"]
templates_path = ["tools/extensions/templates"]
bibtex_bibfiles = ["references.bib"]
bibtex_cite_id = "cite-{key}"  # predictable ids: the text's titles link to them (works_cited.py)
bibtex_default_style = "edition"  # tools/extensions/bibliography_style.py
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
html_css_files = ["edition.css"]
html_theme_options = {
    "show_toc_level": 2,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "use_repository_button": False,
}
html_sidebars = {"**": ["navbar-logo.html", "search-button-field.html", "downloads.html", "sbt-sidebar-nav.html"]}
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False

# --- EPUB 3 --------------------------------------------------------------------------------
epub_basename = edition_slug
epub_title = project
epub_author = author
epub_language = language
epub_publisher = "Pathfinder Press (print edition, 1981); digital edition"
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
