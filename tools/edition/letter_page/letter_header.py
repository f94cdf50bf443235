"""The header of every selection, as an edition of letters gives it: number in the edition,
kind, date as printed, to whom and where, where written, the print pages, the source and
the translator; then the previous and next selection in the book and, where they differ,
the previous and next by date.

Everything comes from the selection's front matter (`selections.selection_of`), so the header
says what the chronology and cmif.xml say. It is added when a page is written (a
post-transform, before Sphinx resolves references), because the numbers and the neighbours
depend on every other selection. The PDF has no previous/next line: its pages follow each
other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode

from ..finding.chronology import dated
from ..selections import SelectionData, one, selection_of, selections

THE_AUTHOR = "Leon Trotsky"  # the book's author: named only where someone else wrote
NOT_NAMED = {"unsigned"}
EMPHASIS = re.compile(r"\*([^*]+)\*")
WHITESPACE = re.compile(r"\s+")


def numbers(env: BuildEnvironment) -> dict[str, str]:
    """'4' for the fourth selection of the text (of 45), 'Appendix A' for the first appendix;
    the front matter has no number."""
    return numbers_of(selections(env))


def numbers_of(found: list[SelectionData]) -> dict[str, str]:
    """`numbers` of the selections `found`, in book order."""
    text = [s.docname for s in found if s.part == "text"]
    appendices = [s.docname for s in found if s.part == "appendix"]
    return ({docname: str(n) for n, docname in enumerate(text, 1)}
            | {docname: f"Appendix {chr(ord('A') + n)}" for n, docname in enumerate(appendices)})


def short_name(env: BuildEnvironment, numbered: dict[str, str], docname: str) -> str:
    """How the header's links name a selection: 'No. 4', 'Appendix A', or the front matter's title."""
    number = numbered.get(docname)
    if number is None:
        return env.titles[docname].astext()
    return number if number.startswith("Appendix") else f"No. {number}"


def with_emphasis(text: str) -> list[nodes.Node]:
    """'the *Militant*, August 1, 1929' as text and emphasis (the source note's italics)."""
    parts = EMPHASIS.split(text)
    return [nodes.emphasis(part, part) if odd else nodes.Text(part) for odd, part in
            ((n % 2 == 1, part) for n, part in enumerate(parts)) if part]


def addressee_text(selection: SelectionData) -> str:
    to = "; ".join(selection.addressees)
    return f"{to}, in {selection.addressee_place}" if to and selection.addressee_place else to


def pages_text(pages: str) -> str:
    return f"pp. {pages}" if "–" in pages else f"p. {pages}"


def header_fields(numbered: dict[str, str], selection: SelectionData,
                  meta: dict) -> list[tuple[str, list[nodes.Node]]]:
    """(label, value) of each field the selection has, in the order a reader asks for them."""
    number = numbered.get(selection.docname, "")
    total = sum(1 for value in numbered.values() if value.isdigit())  # the selections of the text
    by = [name for name in selection.authors if name != THE_AUTHOR and name not in NOT_NAMED]
    # "Number", not "No.": an e-reader's stylesheet adds a colon after a label ("No.:")
    fields = [("Number", f"{number} of {total}" if number.isdigit() else number),
              ("Kind", selection.kind.capitalize() if selection.part != "front" else ""),
              ("By", "; ".join(by)),
              ("Date", selection.date),
              ("To", addressee_text(selection)),
              ("Written at", selection.written_at),
              ("Print edition", pages_text(selection.pages) if selection.pages else "")]
    found: list[tuple[str, list[nodes.Node]]] = [(label, [nodes.Text(value)]) for label, value in fields if value]
    found += [(label, with_emphasis(one(meta, key))) for label, key in
              (("Source", "source"), ("Translated by", "translator")) if meta.get(key)]
    printed = one(meta, "printed_title")
    if printed and WHITESPACE.sub("", printed) != WHITESPACE.sub("", selection.title):
        found.append(("Heading in print", [nodes.Text(printed)]))  # not where only a space differs
    return found


def field_list(fields: list[tuple[str, list[nodes.Node]]]) -> nodes.field_list:
    listing = nodes.field_list()
    for label, value in fields:
        body = nodes.field_body("", nodes.paragraph("", "", *value))
        listing += nodes.field("", nodes.field_name(label, label), body)
    return listing


@dataclass(frozen=True)
class Neighbours:
    previous: str | None
    next: str | None


def neighbours(order: list[str], docname: str) -> Neighbours:
    if docname not in order:
        return Neighbours(None, None)
    at = order.index(docname)
    return Neighbours(order[at - 1] if at else None, order[at + 1] if at + 1 < len(order) else None)


class LetterHeader(SphinxPostTransform):
    """The header block after the selection's title."""

    default_priority = 5  # before ReferencesResolver (10)

    def run(self, **kwargs: Any) -> None:
        # the book's order, numbers and dates, once for the page (the PDF's one page has every header)
        order = selections(self.env)
        self.numbered = numbers_of(order)
        self.in_book = [s.docname for s in order]
        self.by_date = [s.docname for s in dated(self.env)]
        # The PDF is one document: each selection in it starts where its file was inlined.
        parts = [(self.env.docname, self.document)] + [
            (start["docname"], start) for start in self.document.findall(addnodes.start_of_file)]
        for docname, part in parts:
            selection = selection_of(self.env, docname)
            section = next(iter(part.findall(nodes.section)), None)
            if selection is not None and section is not None:
                section.insert(1, self.header(selection))

    def header(self, selection: SelectionData) -> nodes.container:
        header = nodes.container(classes=["letter-header"])
        header += field_list(header_fields(self.numbered, selection, self.env.metadata[selection.docname]))
        if self.app.builder.format != "latex":
            header += self.navigation(selection.docname)
        return header

    def link(self, target: str, rel: str) -> nodes.Node:
        """'No. 8 ‘Pravda’ sounds the alarm': the number and the title, both visible (a touch
        screen shows no `title` attribute); the site shortens a long title with an ellipsis."""
        title = self.env.titles[target].astext()
        name = short_name(self.env, self.numbered, target)
        label: list[nodes.Node] = [nodes.inline(title, title, classes=["letter-nav-title"])]
        if not title.startswith(name):  # the front matter and the appendices name themselves
            label[:0] = [nodes.inline(name, name, classes=["letter-nav-number"]), nodes.Text(" ")]
        return make_refnode(self.app.builder, self.env.docname, target, "", label, f"{rel}: {title}")

    def step(self, *parts: nodes.Node) -> nodes.inline:
        """One way on ('← previous No. 8 …'), kept to one line on the site."""
        return nodes.inline("", "", *parts, classes=["letter-nav-step"])

    def navigation(self, docname: str) -> list[nodes.paragraph]:
        in_book = neighbours(self.in_book, docname)
        by_date = neighbours(self.by_date, docname)
        lines = [("In the book", in_book)]
        if docname in self.by_date and by_date != in_book:
            lines.append(("By date", by_date))
        paragraphs = []
        for label, found in lines:
            paragraph = nodes.paragraph("", "", nodes.strong(label, label), nodes.Text(": "),
                                        classes=["letter-nav"])
            if found.previous:
                paragraph += self.step(nodes.Text("← previous "), self.link(found.previous, "Previous"))
            if found.previous and found.next:
                paragraph += nodes.Text(" · ")
            if found.next:
                paragraph += self.step(nodes.Text("next "), self.link(found.next, "Next"), nodes.Text(" →"))
            paragraphs.append(paragraph)
        return paragraphs


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_post_transform(LetterHeader)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
