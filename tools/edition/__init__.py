"""The edition's Sphinx extension: `extensions = [..., "tools.edition"]` in conf.py.

Its parts, by concern (each a module with its own `setup`, so that a test can load one alone):

- `allow_list`: safety: the build refuses any Markdown outside tools/data/allow-list.yaml;
  `copied_files`: and any file it copies as it is that could run script or load from elsewhere;
- `letter_page/`: a selection's page: its header, paragraph ids, editor's note, previews,
  headnotes' pointers into the text, glossary mentions, the contents sidebar;
- `finding/`: the printed Index, the Glossary's A–Z bar, works cited and their bibliography
  style, the register of letters (chronology), search;
- `formats/`: EPUB packaging, LaTeX (book parts, escaping, page references, closings), the other
  formats' escaping (`escaping`: JSON in a page, BibTeX), the theme's text values escaped,
  capitals, accessible and lean HTML, fine typography, downloads, the front page;
- `exports/`: "Cite this selection" (Chicago notes, `chicago`) with BibTeX and CSL JSON, cmif.xml;
- `corrections`: "Corrections" (the print edition's misprints, the conversion's slips) and the
  corrected words' links; `edition_notes`: notes of this edition beside a Glossary entry;
- `correspondence/`: the map of the exile, the timeline of the year and the correspondents, in
  all three formats, and `correspondence.json`;
- `config`: the `edition_*` values conf.py may set, as one checked dataclass; `stable_config`: a build
  leaves the settings as conf.py gives them, so the next one does not find them changed;
- a rebuild's speed: `unchanged_pages` (a page gathered from every page is written only when what it
  shows changed), `template_cache` (the theme's templates compiled once);
- shared: `selections` (a selection's front matter), `document_data` (per-page data kept in the
  environment), `assets` (static files), `templates/`, `static/`.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

# In the order they must be registered: handlers of one event at one priority, and transforms of
# one priority, run in the order they were added.
PARTS = (
    "myst_parser",
    "tools.edition.config",
    # First: it also sets docutils' own guards (raw_enabled, file_insertion_enabled) whatever
    # the Markdown asks; there is no math and no network at build time.
    "tools.edition.allow_list",
    "tools.edition.copied_files",                  # the files copied as they are: no script in SVG, no remote CSS
    "sphinxcontrib.bibtex",
    "notfound.extension",                          # HTML: a 404 page whose links work at any address
    "tools.edition.formats.book_parts",            # PDF: the front page's toctree captions as parts
    "tools.edition.finding.works_cited",           # titles in the text link to their Works cited entry
    "tools.edition.letter_page.mentions",          # glossary entries list the selections that mention them
    "tools.edition.finding.index_directive",       # the printed Index as index entries
    "tools.edition.formats.closings",              # PDF: closings and a list's last item kept with what precedes
    "tools.edition.finding.book_index",            # the Index page and the Glossary's locators
    "tools.edition.finding.glossary_letters",      # HTML, EPUB: an A–Z bar above the Glossary
    "tools.edition.letter_page.paragraphs",        # every paragraph of a selection gets a stable id
    "tools.edition.letter_page.letter_header",     # every selection's header: number, kind, date, …
    "tools.edition.letter_page.editor_note",       # the headnote labelled "Editor's note"
    "tools.edition.formats.front_page",            # the front page's "Start reading" and downloads
    "tools.edition.corrections",                   # "Corrections": misprints and conversion slips
    "tools.edition.edition_notes",                 # notes of this edition beside a Glossary entry
    "tools.edition.letter_page.sidebar",           # HTML: the contents sidebar, its selections numbered and dated
    "tools.edition.letter_page.text_pointers",     # headnotes' "point 6" link to the paragraph
    "tools.edition.formats.fine_typography",       # no-break spaces, quotes next to links, the ellipsis
    "tools.edition.formats.capitals",              # headings printed in capitals: small capitals
    "tools.edition.formats.navigation_labels",     # numeral headings named with their selection in navigation
    "tools.edition.formats.footnote_marks",        # the author's asterisk notes keep their printed "*"
    "tools.edition.formats.epub_package",          # EPUB 3: accessibility metadata, notes, reproducible zip
    "tools.edition.formats.downloads",             # HTML: every page offers the EPUB and the PDF
    "tools.edition.formats.accessible_html",       # HTML: headings that assistive technology can place
    "tools.edition.formats.theme_text",            # HTML: the theme's page titles escaped, as Sphinx's are
    "tools.edition.finding.chronology",            # the register of letters, from the front matter
    "tools.edition.letter_page.previews",          # HTML: glossary entries and footnotes preview in place
    "tools.edition.exports.citation",              # HTML: "Cite this selection", BibTeX and CSL JSON
    "tools.edition.finding.search",                # HTML: Pagefind's index, one result per selection
    "tools.edition.exports.cmif",                  # HTML: cmif.xml for correspondence catalogues
    "tools.edition.correspondence",                # the map, the timeline and the correspondents
    "tools.edition.formats.lean_html",             # HTML: pages load only the assets they use
    "tools.edition.stable_config",                 # a rebuild finds the configuration unchanged
    "tools.edition.unchanged_pages",               # HTML: pages gathered from every page written when they change
    "tools.edition.template_cache",                # HTML, EPUB: the theme's templates compiled once
)


# What the build runs and reads besides the project's pages: the edition's code, templates and static files,
# the shared model, and the editors' data (tools/data, of which the build itself reads the allow-list).
CODE = Path(__file__).resolve().parent
BUILD_INPUTS = (CODE, CODE.parent / "core", CODE.parent / "data")
NOT_INPUTS = {"__pycache__", "node_modules"}  # made by running or installing, not written by a person


@cache
def code_version() -> int:
    """A number that changes whenever a file of BUILD_INPUTS does. As the extension's `env_version`, it makes
    Sphinx set aside a saved environment built by other code and read every page again: an incremental
    build (`make book` after an edit of tools/) is then the build a clean one would be."""
    digest = hashlib.sha256()
    for folder in BUILD_INPUTS:
        for path in sorted(folder.rglob("*")):
            name = path.relative_to(folder.parent)
            if path.is_file() and not NOT_INPUTS & set(name.parts):
                digest.update(name.as_posix().encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return int.from_bytes(digest.digest()[:8], "big")


def setup(app: Sphinx) -> dict[str, Any]:
    for part in PARTS:
        app.setup_extension(part)
    # The site's builder keeps its own record of what its pages were written with (.buildinfo): `make book`
    # builds the EPUB first on the same environment, which has read every page again by then, so the site's
    # pages must learn of the new code from this value.
    app.add_config_value("edition_code_version", code_version(), "html", types=(int,))
    return {"version": "1.0", "env_version": code_version(), "parallel_read_safe": True, "parallel_write_safe": True}
