"""“Cite this selection”: every selection's page ends with a citation a reader can copy,
and the site offers the edition's bibliographic data (`cite/edition.bib`, `cite/edition.json`).

The citation names the book, its editor, publisher and year, the selection's print pages
and its address on this site: `html_baseurl` (set from EDITION_BASEURL where the site is
published) makes that address stable; without it the page shows its own address. When the
address names a paragraph (#p12, from the paragraph's "¶" link), the citation cites it: "¶ 12"
and the paragraph's address (cite.js).
"""

from __future__ import annotations

import html
import json
import urllib.parse
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from ..assets import use_assets
from ..formats.escaping import bibtex_value
from ..selections import SelectionData, selection_of, selections

BOOK = {"title": "The Challenge of the Left Opposition (1928–29)", "author": "Leon Trotsky",
        "editor": "Naomi Allen", "publisher": "Pathfinder Press", "place": "New York", "year": "1981"}
NOT_AUTHORS = {"unsigned", "The Editors"}
FOLDER = "cite"


def site_url(app: Sphinx, path: str) -> str:
    """The absolute address of a file of the site, or "" where the site has no fixed address."""
    base = app.config.html_baseurl
    return f"{base.rstrip('/')}/{path}" if base else ""


def page_url(app: Sphinx, docname: str) -> str:
    return site_url(app, f"{docname}.html")


def author_names(selection: SelectionData) -> list[str]:
    """The selection's authors, without the book's placeholders ('unsigned', 'The Editors')."""
    return [name for name in selection.authors if name not in NOT_AUTHORS]


def authors(selection: SelectionData) -> str:
    return "; ".join(author_names(selection))


def citation_parts(selection: SelectionData) -> tuple[str, str]:
    """Chicago style, notes-bibliography: what comes before the book's title and after it, up to
    the print pages (a cited paragraph's number follows them, then the digital edition)."""
    by = f"{authors(selection)}, " if authors(selection) else ""
    date = f" {selection.date}," if selection.date else ""
    pages = f", {selection.pages}" if selection.pages else ""
    return (f"{by}“{selection.title},”{date} in {BOOK['author']}, ",
            f", ed. {BOOK['editor']} ({BOOK['place']}: {BOOK['publisher']}, {BOOK['year']}){pages}")


def citation_html(app: Sphinx, selection: SelectionData, pagename: str) -> str:
    before, after = citation_parts(selection)
    url = html.escape(page_url(app, selection.docname) or "this page")
    text = (f"{html.escape(before)}<cite>{html.escape(BOOK['title'])}</cite>{html.escape(after)}"
            f'<span class="edition-cite-paragraph"></span>; digital edition, '
            f'<span class="edition-cite-url">{url}</span>.')
    root = "../" * pagename.count("/")
    return (f'<section class="edition-cite" aria-labelledby="edition-cite-heading">\n'
            f'<h2 id="edition-cite-heading">Cite this selection</h2>\n'
            f'<p id="edition-cite-text">{text}</p>\n'
            f'<p><button type="button" class="edition-cite-copy" data-copy="edition-cite-text">'
            f'Copy the citation</button> Bibliographic data of the edition: '
            f'<a href="{root}{FOLDER}/edition.bib">BibTeX</a>, '
            f'<a href="{root}{FOLDER}/edition.json">CSL JSON</a>. To cite a paragraph, follow its ¶ link '
            f'(shown beside the paragraph on hover or focus) and copy again.</p>\n'
            f"</section>\n")


def add_citation(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if app.builder.name != "html" or "body" not in context:
        return
    selection = selection_of(app.env, pagename)
    if selection is not None:
        context["body"] += citation_html(app, selection, pagename)


def bibtex_entry(kind: str, key: str, fields: dict[str, str], url: str = "") -> str:
    """One entry: every field's text escaped for BibTeX and LaTeX; the address %-encoded, as `url`
    fields are read verbatim (a key is a page's name: letters, digits, '.', '_', '-', ED020)."""
    lines = [f"  {name} = {{{bibtex_value(value)}}}" for name, value in fields.items() if value]
    if url:
        lines.append(f"  url = {{{urllib.parse.quote(url, safe=':/._-~')}}}")
    return f"@{kind}{{{key},\n" + ",\n".join(lines) + "\n}"


def bibtex(app: Sphinx, found: list[SelectionData]) -> str:
    entries = [bibtex_entry("book", "challenge-1928-29", {
        "author": "Trotsky, Leon", "editor": "Allen, Naomi", "title": BOOK["title"], "publisher": BOOK["publisher"],
        "address": BOOK["place"], "year": BOOK["year"]})]
    for selection in found:
        fields = {"title": selection.title, "booktitle": BOOK["title"], "crossref": "challenge-1928-29",
                  "pages": selection.pages.replace("–", "--"), "note": selection.date,
                  "author": " and ".join(author_names(selection))}
        entries.append(bibtex_entry("incollection", Path(selection.docname).name, fields,
                                    page_url(app, selection.docname)))
    return "\n\n".join(entries) + "\n"


def csl_item(app: Sphinx, selection: SelectionData) -> dict[str, Any]:
    item = {"id": Path(selection.docname).name, "type": "chapter", "title": selection.title,
            "container-title": BOOK["title"], "author": [{"literal": name} for name in author_names(selection)],
            "editor": [{"family": "Allen", "given": "Naomi"}], "publisher": BOOK["publisher"],
            "publisher-place": BOOK["place"], "issued": {"date-parts": [[int(BOOK["year"])]]},
            "page": selection.pages}
    if url := page_url(app, selection.docname):
        item["URL"] = url
    return item


def csl_json(app: Sphinx, found: list[SelectionData]) -> str:
    return json.dumps([csl_item(app, selection) for selection in found], ensure_ascii=False, indent=1) + "\n"


def write_bibliographic_data(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name != "html":
        return
    folder = Path(app.outdir) / FOLDER
    folder.mkdir(exist_ok=True)
    found = selections(app.env)
    (folder / "edition.bib").write_text(bibtex(app, found), encoding="utf-8")
    (folder / "edition.json").write_text(csl_json(app, found), encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    use_assets(app, "cite.js")
    app.connect("html-page-context", add_citation)
    app.connect("build-finished", write_bibliographic_data)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
