"""`{chronology}`: the register of letters, the selections in the order they were written.

Generated at build time from the selections' front matter (`date_iso`, `date`, `kind`,
`author`, `addressee`, `addressee_place`, `written_at`, `pages`), never written by hand: a
contributor who corrects a date in a chapter moves it in the register too. Grouped by month,
each entry links to its selection, in every format.

On a screen (HTML, EPUB) each letter is a block, not a row of a wide table, so the register reads
at 390 px: date and title, then kind, correspondents, places and print pages, each in a span
whose class says what it is. static/register.js reads those spans to offer filters (correspondent,
place, month, kind); without JavaScript the whole register is there. The PDF keeps a table.
"""

from __future__ import annotations

import calendar
import json
from itertools import groupby
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from ...core.names import PRINCIPAL, sort_key, surname_first, without_qualifier
from ..assets import use_assets
from ..document_data import pages_flagged
from ..selections import SelectionData, selections
from ..unchanged_pages import gathers_from_every_page

COLUMNS = (("Date", 17), ("Selection", 31), ("Kind", 13), ("To", 23), ("Written at", 16))
REGISTER_SCRIPT = "register.js"
OPTIONS_ID = "register-correspondents"  # the JSON register.js reads


class chronology(nodes.General, nodes.Element):  # noqa: N801 (docutils names nodes in lower case)
    """Placeholder, replaced once every selection has been read."""


class ChronologyDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        self.env.metadata[self.env.docname]["has_chronology"] = "yes"
        return [chronology()]


def month_of(selection: SelectionData) -> str:
    year, month = selection.date_iso[:7].split("-")
    return f"{calendar.month_name[int(month)]} {year}"


def dated(env: BuildEnvironment) -> list[SelectionData]:
    """Every dated selection but the front matter, by date; the same date in book order."""
    return sorted((s for s in selections(env) if s.date_iso and s.part != "front"),
                  key=lambda s: (s.date_iso, s.docname))


def print_pages(pages: str) -> str:
    """'74–77' -> 'print pp. 74–77'; '474' -> 'print p. 474'."""
    return f"print {'pp.' if '–' in pages or '-' in pages else 'p.'} {pages}"


def senders(selection: SelectionData) -> list[str]:
    """Who wrote it, where that is not Trotsky (alone or with others): Sokolnikov, Kamenev, the GPU."""
    return [name for name in selection.authors if not name.startswith(PRINCIPAL)]


def addressee_text(selection: SelectionData) -> str:
    return "; ".join(selection.addressees) + (f", {selection.addressee_place}" if selection.addressee_place else "")


# --- PDF: a table per month ------------------------------------------------------------------

def cell(*content: nodes.Node) -> nodes.entry:
    # LaTeX sets each cell justified; in narrow columns it reads better ragged
    ragged = nodes.raw("", r"\raggedright ", format="latex")
    return nodes.entry("", nodes.paragraph("", "", ragged, *content))


def month_table(app: Sphinx, fromdocname: str, month: list[SelectionData]) -> nodes.table:
    group = nodes.tgroup(cols=len(COLUMNS))
    group += [nodes.colspec(colwidth=width) for _, width in COLUMNS]
    group += nodes.thead("", nodes.row("", *(cell(nodes.Text(title)) for title, _ in COLUMNS)))
    body = nodes.tbody()
    for selection in month:
        link = make_refnode(app.builder, fromdocname, selection.docname, "", nodes.Text(selection.title))
        pages = nodes.inline("", f" ({print_pages(selection.pages)})", classes=["chronology-pages"])
        body += nodes.row("", cell(nodes.Text(selection.date)), cell(link, pages),
                          cell(nodes.Text(selection.kind)), cell(nodes.Text(addressee_text(selection))),
                          cell(nodes.Text(selection.written_at)))
    group += body
    # widths as given (not LaTeX's guess, which squeezes the short columns to a word a line)
    return nodes.table("", group, classes=["chronology", "colwidths-given"])


# --- Screens: a block per letter -------------------------------------------------------------

def correspondents(names: tuple[str, ...]) -> list[str]:
    """Each person or body once: 'G. Sokolnikov; L. Kamenev' (two authors of one letter) is two;
    'L.\u00a0Kamenev' (a no-break space after an initial) is 'L. Kamenev'."""
    return [" ".join(person.split()) for name in names for person in name.split("; ")]


def correspondent_options(found: list[SelectionData]) -> list[dict[str, str]]:
    """The register's Correspondent filter: one option per person (value: the name as the register
    writes it), persons by surname ('Kamenev, L.'), bodies as they read, in one alphabet."""
    names = {without_qualifier(name)[0] for selection in found
             for name in correspondents(senders(selection)) + correspondents(selection.addressees)}
    options = [{"value": name, "label": surname_first(name) or name} for name in names]
    return sorted(options, key=lambda option: sort_key(option["value"]))


def field(label: str, values: list[str], kind: str) -> list[nodes.Node]:
    """'To: ' and each value in a span of class `register-<kind>` (what the filters read); a
    correspondent's qualifier ('(Sokolnikov's letter)') follows the name, outside its span."""
    content: list[nodes.Node] = [nodes.inline("", label, classes=["register-label"])]
    for number, value in enumerate(values):
        if number:
            content.append(nodes.Text("; "))
        name, qualifier = without_qualifier(value) if kind == "correspondent" else (value, "")
        content.append(nodes.inline("", name, classes=[f"register-{kind}"]))
        if qualifier:
            content.append(nodes.Text(qualifier))
    return [nodes.inline("", "", *content, classes=["register-field"]), nodes.Text(" ")]


def register_entry(app: Sphinx, fromdocname: str, selection: SelectionData) -> nodes.list_item:
    link = make_refnode(app.builder, fromdocname, selection.docname, "", nodes.Text(selection.title))
    head = nodes.paragraph("", "", nodes.inline("", selection.date, classes=["register-date"]),
                           nodes.Text(" "), nodes.strong("", "", link), classes=["register-head"])
    details: list[nodes.Node] = field("", [selection.kind], "kind")
    if senders(selection):
        details += field("From: ", correspondents(senders(selection)), "correspondent")
    if selection.addressees:
        details += field("To: ", correspondents(selection.addressees), "correspondent")
    if selection.addressee_place:
        details += field("In: ", [selection.addressee_place], "place")
    if selection.written_at:
        details += field("Written at: ", [selection.written_at], "place")
    if selection.pages:
        details.append(nodes.inline("", print_pages(selection.pages), classes=["register-pages"]))
    return nodes.list_item("", head, nodes.paragraph("", "", *details, classes=["register-details"]),
                           classes=["register-entry"])


def month_register(app: Sphinx, fromdocname: str, month: str, letters: list[SelectionData]) -> nodes.container:
    entries = nodes.bullet_list("", *(register_entry(app, fromdocname, s) for s in letters),
                                classes=["register"])
    return nodes.container("", nodes.rubric("", month, classes=["register-month-title"]), entries,
                           classes=["register-month"])


def fill_chronology(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for placeholder in list(doctree.findall(chronology)):
        content: list[nodes.Node] = []
        for month, group in groupby(dated(app.env), key=month_of):
            if app.builder.format == "latex":
                content += [nodes.rubric("", month), month_table(app, docname, list(group))]
            else:
                content.append(month_register(app, docname, month, list(group)))
        placeholder.replace_self(content)


def add_register_script(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """The filters' script, on the register's page only (the HTML site; the EPUB has no scripts),
    with the correspondents' options as data (JSON in a script element: "</" written so that
    no name can close it)."""
    if app.builder.name == "html" and app.env.metadata.get(pagename, {}).get("has_chronology"):
        app.add_js_file(REGISTER_SCRIPT, loading_method="defer")
        options = json.dumps(correspondent_options(dated(app.env)), ensure_ascii=False).replace("</", "<\\/")
        context["body"] += f'<script type="application/json" id="{OPTIONS_ID}">{options}</script>'


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(chronology)
    app.add_directive("chronology", ChronologyDirective)
    app.connect("doctree-resolved", fill_chronology)
    gathers_from_every_page(app, pages_flagged("has_chronology"))
    use_assets(app)  # static/register.js copied (added to the register's page alone, below)
    app.connect("html-page-context", add_register_script)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
