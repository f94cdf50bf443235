"""HTML: search that answers as a reader expects, with Pagefind.

Sphinx's own search listed a page once per matching section (62 "pages" for "Bukharin" in a
book of 51 selections), took its snippets from the theme's text ("…ystem Settings Light Dark…")
and lost half its index after an incremental build. Instead, after every HTML build:

- the text of each selection and of the glossary pages is marked `data-pagefind-body`; the
  contents page, the chronology (a register with its own filters), the theme and "Cite this
  selection" are not indexed;
- Pagefind (the `pagefind` package's binary) indexes the whole built site, as a step of its own after
  Sphinx's build (`python -m tools search-index`, which `make html`, `make book` and `make preview` run):
  about a second of CPU, which a contributor's rebuild of one page need not wait for. A fresh index each
  time, so an incremental build cannot degrade it; when no page it indexes is newer than the index, the
  step leaves it as it is. Sphinx's searchindex.js is not written any more (nothing reads it), nor the
  scripts that read it;
- search.html (templates/search.html, static/edition-search.js) shows one result per page, ranked
  by Pagefind, with the paragraphs that match, each linked to its paragraph; `search.html?q=…` is
  an address to share. The glossary's names and aliases (tools/data/aliases.yaml) go with the page,
  so that "Zinovev" finds Zinoviev and "Grigory" Zinoviev too.

Pagefind loads its index with `fetch`, which browsers refuse on file:// pages: the search page
says so and how to serve the folder (`python3 -m http.server`).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.util import logging

from ...core.build_data import NAME_ALIASES, NameAlias, read_build_data
from ...core.errors import SourceError, Stopped
from ..assets import use_assets
from ..formats.escaping import script_json

logger = logging.getLogger(__name__)
INDEXED = ("chapters/", "glossary/")
NOT_INDEXED = {"glossary/chronology"}
# Theme text and apparatus that stand inside the indexed text: never a snippet. A selection's
# header ("Number: 32 of 45. Kind: Letter…") would open most excerpts; its title stays indexed.
EXCLUDED = (".headerlink", ".edition-cite", ".mentioned-in", ".correspondent-letters", ".correction-mark",
            ".letter-header")
INDEX_FOLDER = "pagefind"
INDEX_ENTRY = "pagefind-entry.json"  # the index's first file: a folder without it holds no index
SPHINX_SEARCH = ("searchindex.js", "_static/searchtools.js", "_static/language_data.js")
# Pagefind's ready-made interfaces: the search page has its own (static/edition-search.js).
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


def use_pagefind(app: Sphinx) -> None:
    if app.builder.name != "html":
        return
    app.builder.search = False  # type: ignore[attr-defined]  # Sphinx's index: replaced, see above


def mark_indexed_text(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if app.builder.name == "html" and "body" in context and pagename.startswith(INDEXED) \
            and pagename not in NOT_INDEXED:
        context["body"] = f'<div data-pagefind-body>{context["body"]}</div>'


def name_forms(app: Sphinx) -> list[dict[str, Any]]:
    """Each glossary name the search page knows: its form, the words to search, its entry."""
    std = app.env.domains.standard_domain
    entries: dict[str, dict[str, Any]] = {}
    for (kind, headword), (docname, node_id) in sorted(std.objects.items()):
        if kind != "term":
            continue
        word = headword.partition(", ")[0].partition(" (")[0]  # 'Zinoviev, G.' -> 'Zinoviev'
        entries[headword] = {"form": word, "search": [word], "headword": headword,
                             "href": f"{app.builder.get_target_uri(docname)}#{node_id}"}
    forms = list(entries.values())
    try:
        aliases = read_build_data(Path(app.srcdir) / NAME_ALIASES, list[NameAlias], "list of glossary aliases")
    except SourceError as error:
        raise Stopped(str(error)) from None
    for alias in aliases:
        entry = entries.get(alias.headword)
        if entry is not None:
            forms.append({**entry, "form": alias.alias, "search": [alias.alias, *entry["search"]]})
    return forms


def search_page(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    if app.builder.name != "html":
        return
    yield "search", {"edition_search_names": Markup(script_json(name_forms(app)))}, "search.html"


def drop_sphinx_search(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.name == "html":
        for stale in SPHINX_SEARCH:  # from an earlier build, or copied with the theme: nothing loads them
            (Path(app.outdir) / stale).unlink(missing_ok=True)


def indexed_pages(site: Path) -> list[Path]:
    return [page for folder in INDEXED for page in (site / folder).rglob("*.html")
            if page.relative_to(site).with_suffix("").as_posix() not in NOT_INDEXED]


def index_is_current(site: Path) -> bool:
    """The index is newer than every page it indexes (so it holds them as they are)."""
    entry = site / INDEX_FOLDER / INDEX_ENTRY
    if not entry.is_file():
        return False
    made = entry.stat().st_mtime_ns
    return all(page.stat().st_mtime_ns <= made for page in indexed_pages(site))


def index_site(site: Path) -> str:
    """Pagefind's index of the built site `site`, made again unless it is current; '' or what went wrong."""
    if not (site / "search.html").is_file() or not indexed_pages(site):
        return f"{site} holds no built site (no search.html, no chapters): build it first (make html)"
    if index_is_current(site):
        return ""
    shutil.rmtree(site / INDEX_FOLDER, ignore_errors=True)
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", INDEX_FOLDER,
               "--force-language", "en", "--exclude-selectors", ",".join(EXCLUDED), "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        return (f"Pagefind could not index the site ({' '.join(command)}): "
                f"{(result.stderr or result.stdout).strip()[-800:]}; is the pagefind package installed "
                "(tools/setup.sh python)?")
    for name in UNUSED:
        (site / INDEX_FOLDER / name).unlink(missing_ok=True)
    return ""


def setup(app: Sphinx) -> dict[str, Any]:
    use_assets(app)  # the search page's script, static/edition-search.js, is copied
    app.connect("builder-inited", use_pagefind)
    app.connect("html-page-context", mark_indexed_text)
    app.connect("html-collect-pages", search_page)
    app.connect("build-finished", drop_sphinx_search)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
