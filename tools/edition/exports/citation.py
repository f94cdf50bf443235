"""“Cite this selection”: every selection's page ends with a citation a reader can copy,
and the site offers the edition's bibliographic data (`cite/edition.bib`, `cite/edition.json`).

The citation is a note in the style of the Chicago Manual of Style (`chicago.py`, named on the
page), built from the selection's front matter, with the bibliography entry of the book. It
ends with the selection's address on this site: `html_baseurl` (set from EDITION_BASEURL where
the site is published) makes that address stable; without it the page shows its own address.
When the address names a paragraph (#p12, from the paragraph's "¶" link), cite.js cites it: its
print pages (`print_pages.py`) and its address; a paragraph of the editors' headnote (#h2) or
of the note on the source (#s1) is the editors' and is cited as their headnote.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from ..assets import use_assets
from ..letter_page.print_pages import paragraph_pages
from ..selections import SelectionData, selection_of, selections
from . import chicago

BOOK = chicago.Book(title="The Challenge of the Left Opposition (1928–29)", author="Leon Trotsky",
                    editor="Naomi Allen", place="New York", publisher="Pathfinder Press", year="1981")
NOT_AUTHORS = {"unsigned"}
FOLDER = "cite"


def site_url(app: Sphinx, path: str) -> str:
    """The absolute address of a file of the site, or "" where the site has no fixed address."""
    base = app.config.html_baseurl
    return f"{base.rstrip('/')}/{path}" if base else ""


def page_url(app: Sphinx, docname: str) -> str:
    return site_url(app, f"{docname}.html")


def authors_of(selection: SelectionData) -> tuple[str, ...]:
    """The selection's authors one by one: the front matter joins joint authors with ';'
    ('G. Sokolnikov; L. Kamenev')."""
    return tuple(name for names in selection.authors for name in names.split("; "))


def author_names(selection: SelectionData) -> list[str]:
    """The selection's authors as persons: 'Leon Trotsky and others' is Leon Trotsky (and others)."""
    return [name.removesuffix(chicago.OTHERS) for name in authors_of(selection) if name not in NOT_AUTHORS]


def cited(selection: SelectionData) -> chicago.Cited:
    return chicago.Cited(title=selection.title, kind=selection.kind.replace(" ", "-"), authors=authors_of(selection),
                         date=selection.date, addressees=selection.addressees, written_at=selection.written_at,
                         translator=selection.translator)


def note_html(citation: chicago.Citation, element_id: str, hidden: bool = False) -> str:
    """A citation as a paragraph: its pages and its address in spans that cite.js fills in."""
    return (f'<p id="{element_id}" class="edition-cite-note"{" hidden" if hidden else ""}>'
            f"{chicago.as_html(citation)}</p>\n")


def copy_button(label: str, element_id: str) -> str:
    return f'<button type="button" class="edition-cite-copy" data-copy="{element_id}">{label}</button>'


def citation_html(app: Sphinx, selection: SelectionData, pagename: str) -> str:
    url = page_url(app, selection.docname) or "this page"
    text = chicago.with_address(chicago.selection_note(cited(selection), BOOK, selection.pages), url)
    headnote = chicago.with_address(chicago.headnote_note(cited(selection), BOOK, selection.pages), url)
    # "p1:61 p2:61–62 …": compact, and without quotes to escape in the attribute
    found = paragraph_pages(app.env).get(selection.docname, {})
    pages = " ".join(f"{anchor}:{pages}" for anchor, pages in found.items())
    root = "../" * pagename.count("/")
    return (f'<section class="edition-cite" aria-labelledby="edition-cite-heading" data-pages="{html.escape(pages)}">\n'
            '<h2 id="edition-cite-heading">Cite this selection</h2>\n'
            f'<p class="edition-cite-style">A note in the style of {chicago.STYLE_HTML}:</p>\n'
            + note_html(text, "edition-cite-text") + note_html(headnote, "edition-cite-headnote", hidden=True)
            + f"<p>{copy_button('Copy the note', 'edition-cite-text')} To cite a paragraph, follow its ¶ link "
            "(shown beside the paragraph on hover or focus): the note then gives its print page and address.</p>\n"
            '<p class="edition-cite-style">The book in a bibliography:</p>\n'
            + note_html(chicago.bibliography_entry(BOOK), "edition-cite-bibliography")
            + f"<p>{copy_button('Copy the entry', 'edition-cite-bibliography')} Bibliographic data of the "
            f'edition: <a href="{root}{FOLDER}/edition.bib">BibTeX</a>, '
            f'<a href="{root}{FOLDER}/edition.json">CSL JSON</a>.</p>\n'
            "</section>\n")


def add_citation(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if app.builder.name != "html" or "body" not in context:
        return
    selection = selection_of(app.env, pagename)
    if selection is not None:
        context["body"] += citation_html(app, selection, pagename)


def bibtex_name(name: str) -> str:
    """'Leon Trotsky' -> 'Trotsky, Leon'; a body ('GPU', 'The Editors') in braces, as BibTeX keeps it."""
    if len(name.split()) < 2 or name == "The Editors":
        return f"{{{name}}}"
    family, given = chicago.split_name(name)
    return f"{family}, {given}"


def bibtex_authors(selection: SelectionData) -> str:
    others = any(name.endswith(chicago.OTHERS) for name in authors_of(selection))
    return " and ".join([*map(bibtex_name, author_names(selection)), *(["others"] if others else [])])


def bibtex(app: Sphinx, found: list[SelectionData]) -> str:
    family, given = chicago.split_name(BOOK.author)
    editor = "{}, {}".format(*chicago.split_name(BOOK.editor))
    entries = [f"@book{{challenge-1928-29,\n  author = {{{family}, {given}}},\n  editor = {{{editor}}},\n"
               f"  title = {{{BOOK.title}}},\n  publisher = {{{BOOK.publisher}}},\n"
               f"  address = {{{BOOK.place}}},\n  year = {{{BOOK.year}}}\n}}"]
    for selection in found:
        fields = {"author": bibtex_authors(selection), "title": chicago.citation_title(selection.title),
                  "translator": selection.translator and f"{{{selection.translator}}}",
                  "booktitle": BOOK.title, "crossref": "challenge-1928-29",
                  "pages": selection.pages.replace("–", "--"), "note": selection.date,
                  "url": page_url(app, selection.docname)}
        body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields.items() if value)
        entries.append(f"@incollection{{{Path(selection.docname).name},\n{body}\n}}")
    return "\n\n".join(entries) + "\n"


def csl_name(name: str) -> dict[str, str]:
    if len(name.split()) < 2 or name == "The Editors":
        return {"literal": name}
    family, given = chicago.split_name(name)
    return {"family": family, "given": given}


def csl_item(app: Sphinx, selection: SelectionData) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": Path(selection.docname).name, "type": "chapter", "title": chicago.citation_title(selection.title),
        "container-title": BOOK.title, "author": [csl_name(name) for name in author_names(selection)],
        "editor": [csl_name(BOOK.editor)], "publisher": BOOK.publisher, "publisher-place": BOOK.place,
        "issued": {"date-parts": [[int(BOOK.year)]]}, "page": selection.pages}
    if BOOK.author not in author_names(selection):
        item["container-author"] = [csl_name(BOOK.author)]
    if selection.translator:
        item["translator"] = [{"literal": selection.translator}]
    if selection.date:
        item["note"] = selection.date
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
    app.setup_extension("tools.edition.letter_page.print_pages")
    use_assets(app, "cite.js")
    app.connect("html-page-context", add_citation)
    app.connect("build-finished", write_bibliographic_data)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
