"""`{chronology}`: the letters and other selections in the order they were written.

Generated at build time from the selections' front matter (`date_iso`, `date`, `kind`,
`addressee`, `addressee_place`, `written_at`, `pages`), never written by hand: a
contributor who corrects a date in a chapter moves it in the chronology too. Grouped by
month, each row links to its selection, in every format.
"""

from __future__ import annotations

import calendar
from itertools import groupby
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from .document_data import rewrite_with_any_change
from .selections import SelectionData, selections

COLUMNS = (("Date", 17), ("Selection", 31), ("Kind", 13), ("To", 23), ("Written at", 16))


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
        pages = nodes.inline("", f" (pp. {selection.pages})", classes=["chronology-pages"])
        addressee = "; ".join(selection.addressees) + (f", {selection.addressee_place}"
                                                       if selection.addressee_place else "")
        body += nodes.row("", cell(nodes.Text(selection.date)), cell(link, pages),
                          cell(nodes.Text(selection.kind)), cell(nodes.Text(addressee)),
                          cell(nodes.Text(selection.written_at)))
    group += body
    # widths as given (not LaTeX's guess, which squeezes the short columns to a word a line)
    return nodes.table("", group, classes=["chronology", "colwidths-given"])


def fill_chronology(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for placeholder in list(doctree.findall(chronology)):
        content: list[nodes.Node] = []
        for month, group in groupby(dated(app.env), key=month_of):
            content += [nodes.rubric("", month), month_table(app, docname, list(group))]
        placeholder.replace_self(content)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(chronology)
    app.add_directive("chronology", ChronologyDirective)
    app.connect("doctree-resolved", fill_chronology)
    rewrite_with_any_change(app, "has_chronology")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
