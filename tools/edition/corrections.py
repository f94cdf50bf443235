"""Corrections made public: the page "Corrections" lists every entry of tools/data/errata.yaml
in two groups, by the entry's `kind`: the print edition's misprints and the slips of this
text's conversion from the printed pages. Each entry gives where (the selection and paragraph,
or the printed Index's heading), printed text → corrected text with its markup rendered, and
the reason without the source-line references that are the editors' (they stay in the data
and in reports/import.txt). Each corrected word in the text leads to its entry, and so does
each corrected heading of the Index (finding/book_index.py).

The importer applies the corrections to the source lines and writes where each corrected word
stands (glossary/corrections.json: its page and its context on its source line); here the word
is found again in the built document by that context (the letters and digits around it, so
that quotes, dashes, emphasis and links do not matter), wrapped in a span with
the id `corrected-N` and linked to the entry `erratum-N`. A word that stands in a link (a
glossary name) cannot hold a second link, nor can a word in the PDF (which sets links in
italics): a small mark after it leads to the entry. No word, no letter and no emphasis of the
text is changed: the word check is the importer's.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.utils.smartquotes import smartyPants
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from ..core import printed_index
from ..core.build_data import CORRECTIONS
from ..core.errata import Erratum, read_errata
from ..core.errors import SourceError, Stopped
from ..core.source_text import alnum
from .document_data import DocumentData, pages_flagged
from .letter_page.paragraphs import iter_ancestors, paragraph_id
from .unchanged_pages import gathers_from_every_page

MIN_CONTEXT = 8  # a word with less context than this could be any of its occurrences
LETTER_OR_DIGIT = re.compile(r"[^\W_]")  # what str.isalnum() accepts: \w is that and the underscore
MARK = "c"  # after a glossary link: "c" for "corrected"
TITLE_PAGES = {"half-title", "title-page"}  # the print edition's title pages (containers of the front page)
PART_NAMES = {"p": "paragraph", "h": "editor’s note, paragraph", "s": "source note, paragraph"}
CORRECTIONS_PAGE = "glossary/corrections"
KINDS = ("misprint", "conversion")  # the values of an entry's `kind`, each listed by `{corrections} kind`
# "(line 4794)", "(lines 2395, 2447)", "(e.g. line 733)": where the evidence stands in the source
SOURCE_REFERENCE = re.compile(r"\s*\((?:e\.g\. )?lines? \d+(?:(?:,| and) \d+)*\)")

found_places = DocumentData[dict[int, tuple[str, str | None]]]("edition_corrections")  # n -> (id, paragraph)


def errata(srcdir: Path) -> tuple[Erratum, ...]:
    """The entries of errata.yaml with their corrected words' places, as the importer wrote them."""
    try:
        return read_errata(srcdir / CORRECTIONS)
    except SourceError as error:
        raise Stopped(str(error)) from None


def erratum_id(number: int) -> str:
    return f"erratum-{number}"


def listed(srcdir: Path) -> list[Erratum]:
    """One per entry of errata.yaml, in its order: what the corrections page lists (an entry with
    `count` has one correction per occurrence on its line, all with its number)."""
    return [erratum for erratum in errata(srcdir) if erratum.occurrence == 1]


def corrected_id(erratum: Erratum) -> str:
    """The anchor before a corrected word: the entry's number, and which occurrence after the first."""
    return f"corrected-{erratum.number}" + (f"-{erratum.occurrence}" if erratum.occurrence > 1 else "")


@dataclass(frozen=True)
class Letters:
    """The letters and digits of a page in reading order (`text`), and where each text node's
    letters start in it: a page is read once per corrected word, not one letter at a time."""

    text: str
    starts: list[int]  # where the letters of texts[i] start in `text`
    texts: list[nodes.Text]

    def at(self, position: int) -> tuple[nodes.Text, int]:
        """The text node holding letter `position`, and that letter's offset in the node."""
        index = bisect_right(self.starts, position) - 1
        node = self.texts[index]
        found = islice(LETTER_OR_DIGIT.finditer(node), position - self.starts[index], None)
        return node, next(found).start()


def letters(document: nodes.Element) -> Letters:
    text, starts, found = [], [], []
    length = 0
    for node in document.findall(nodes.Text):
        if own := "".join(LETTER_OR_DIGIT.findall(node)):
            text.append(own)
            starts.append(length)
            found.append(node)
            length += len(own)
    return Letters("".join(text), starts, found)


def enclosing_link(node: nodes.Node) -> nodes.Element | None:
    """The link (a glossary name, a work cited) that `node` stands in, within its block."""
    parent = node.parent
    while isinstance(parent, nodes.Inline):
        if isinstance(parent, (addnodes.pending_xref, nodes.reference)):
            return parent
        parent = parent.parent
    return None


def link_to_entry(number: int, *children: nodes.Node, classes: list[str]) -> addnodes.pending_xref:
    link = addnodes.pending_xref("", *children, refdomain="std", reftype="ref", reftarget=erratum_id(number),
                                 refexplicit=True, refwarn=True, classes=classes)
    return link


def keys(erratum: Erratum) -> tuple[str, ...]:
    """The word with its context, then with the context after it only, then before it only: a
    number that starts the line ('14. The report of …') is a list's marker on the page, not text."""
    word = alnum(erratum.word)
    contexts = (erratum.before + word + erratum.after, word + erratum.after, erratum.before + word)
    return tuple(context for context in contexts if len(context) >= len(word) + MIN_CONTEXT)


def mark_word(erratum: Erratum, document: nodes.document) -> nodes.target | None:
    """Find the corrected word on the page by its context and mark it; the target before it, or
    None where the word is not on the page."""
    found = letters(document)
    word = alnum(erratum.word)
    at = next((found_at + context.find(word) for context in keys(erratum)
               if (found_at := found.text.find(context)) >= 0), None)
    if at is None or not word:
        return None
    first, last = found.at(at), found.at(at + len(word) - 1)
    if first[0] is not last[0]:
        return None  # the word runs across markup: not marked (the test lists such entries)
    node, start, end = first[0], first[1], last[1] + 1
    word = nodes.inline(node[start:end], node[start:end], classes=["corrected"])
    outer = enclosing_link(node)
    marked: nodes.Node = word if outer is not None else link_to_entry(erratum.number, word, classes=["correction"])
    # a target, not an id on the word: the PDF has a label only for targets
    anchor = nodes.target("", "", ids=[corrected_id(erratum)])
    pieces = [nodes.Text(node[:start]), anchor, marked, nodes.Text(node[end:])]
    node.parent.replace(node, [piece for piece in pieces if not isinstance(piece, nodes.Text) or piece.astext()])
    if outer is not None:
        outer.parent.insert(outer.parent.index(outer) + 1, mark_after(erratum.number))
    return anchor


def mark_after(number: int) -> nodes.superscript:
    """The small "c" that leads to entry `number` where the word itself cannot."""
    return nodes.superscript("", "", link_to_entry(number, nodes.Text(MARK), classes=["correction-mark"]))


def on_title_pages(node: nodes.Node) -> bool:
    return any(TITLE_PAGES & set(ancestor.get("classes", ())) for ancestor in iter_ancestors(node))


class MarksInPrint(SphinxPostTransform):
    """The PDF sets every link in italics (Sphinx's \\sphinxcrossref): a corrected word keeps its
    type there, and the mark after it leads to its entry. The print edition's title pages carry no
    apparatus: a correction there is listed on the corrections page, not flagged."""

    default_priority = 5  # before the references are resolved
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for link in list(self.document.findall(addnodes.pending_xref)):
            if "correction" in link["classes"]:
                number = int(link["reftarget"].removeprefix("erratum-"))
                link.replace_self([*link.children, *([] if on_title_pages(link) else [mark_after(number)])])


class MarkCorrections(SphinxTransform):
    """Each corrected word of the page leads to its entry on the corrections page."""

    default_priority = 890  # after the paragraph ids (880) and the typography (760)

    def apply(self, **kwargs: Any) -> None:
        self.env.note_dependency(CORRECTIONS)  # a new erratum may stand on any page
        for erratum in errata(Path(self.env.srcdir)):
            if erratum.page == self.env.docname and (anchor := mark_word(erratum, self.document)):
                # the page lists where the first of an entry's corrections stands
                found_places(self.env).setdefault(self.env.docname, {}).setdefault(
                    erratum.number, (corrected_id(erratum), paragraph_id(anchor)))


class correction_place(nodes.General, nodes.Inline, nodes.Element):  # noqa: N801 (docutils names nodes in lower case)
    """Where an entry's word stands: filled in once every page has been read."""


def reader_reason(reason: str) -> str:
    """The reason as readers read it: without the references to source lines."""
    return SOURCE_REFERENCE.sub("", reason)


def index_corrections(srcdir: Path) -> dict[str, int]:
    """The printed Index's corrected headings: heading -> the number of its entry."""
    by_line = printed_index.load(srcdir).by_line
    return {by_line[erratum.line]: erratum.number for erratum in errata(srcdir)
            if erratum.page is None and erratum.line in by_line}


class CorrectionsDirective(SphinxDirective):
    """The list of one kind of corrections (`{corrections} misprint`), one item per entry."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        kind = self.arguments[0]
        if kind not in KINDS:
            raise self.error(f"unknown kind of correction {kind!r}: write one of {', '.join(KINDS)}")
        self.env.note_dependency(CORRECTIONS)
        self.env.metadata[self.env.docname]["has_corrections"] = "yes"
        listing = nodes.enumerated_list(classes=["corrections"])
        for erratum in (erratum for erratum in listed(Path(self.env.srcdir)) if erratum.kind == kind):
            label = nodes.target("", "", ids=[erratum_id(erratum.number)], names=[erratum_id(erratum.number)])
            self.state.document.note_explicit_target(label)
            item = nodes.list_item()
            times = f", {erratum.count} times on the line" if erratum.count > 1 else ""
            item += nodes.paragraph("", "", label, correction_place(number=erratum.number), nodes.Text(": printed “"),
                                    *self.words(erratum.printed), nodes.Text("” → corrected “"),
                                    *self.words(erratum.corrected), nodes.Text(f"”{times}"))
            reason = reader_reason(erratum.reason)
            item += nodes.paragraph(reason, reason, classes=["correction-reason"])
            listing += item
        return [listing]

    def words(self, text: str) -> list[nodes.Node]:
        """The book's words with their markup rendered ('**Syrtsov, S.**' in bold), quotes curled."""
        found, messages = self.parse_inline(quoted(text), lineno=self.lineno)
        return found + messages


def quoted(text: str) -> str:
    """The book's words as the text shows them: quotes curled (the print edition's typography)."""
    return smartyPants(text.strip(), "q", "en")


def place_name(docname: str, paragraph: str | None, title: str) -> str:
    if not paragraph:
        return title
    return f"{title}, {PART_NAMES[paragraph[0]]} {paragraph[1:]}"


def index_place(app: Sphinx, docname: str, erratum: Erratum) -> nodes.Node:
    """The printed Index's heading an entry corrects, linked to it where the Index is a page."""
    heading = printed_index.load(Path(app.srcdir)).by_line.get(erratum.line, "")
    name = f"Index, “{heading}”" if heading else "Index"
    if app.builder.format == "latex" or not heading:  # the PDF's Index is LaTeX's own: no heading to link to
        return nodes.Text(name)
    uri = f"{app.builder.get_relative_uri(docname, 'genindex')}#{printed_index.heading_anchor(heading)}"
    return nodes.reference("", name, refuri=uri, internal=True)


def fill_places(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    where = {number: (found_in, target, paragraph) for found_in, found in found_places(app.env).items()
             for number, (target, paragraph) in found.items()}
    for placeholder in list(doctree.findall(correction_place)):
        erratum = listed(Path(app.srcdir))[placeholder["number"] - 1]
        if erratum.number not in where:
            placeholder.replace_self(index_place(app, docname, erratum) if erratum.page is None
                                     else nodes.Text("Not found in the text"))
            continue
        found_in, target, paragraph = where[erratum.number]
        name = place_name(found_in, paragraph, app.env.titles[found_in].astext())
        if app.builder.format == "latex" and found_in == app.config.root_doc:
            placeholder.replace_self(nodes.Text(name))  # the PDF does not print the front page's heading
            continue
        placeholder.replace_self(make_refnode(app.builder, docname, found_in, target, nodes.Text(name)))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(correction_place)
    app.add_directive("corrections", CorrectionsDirective)
    app.add_transform(MarkCorrections)
    app.add_post_transform(MarksInPrint)
    app.connect("doctree-resolved", fill_places)
    gathers_from_every_page(app, pages_flagged("has_corrections"))
    found_places.connect(app)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
