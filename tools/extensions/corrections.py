"""Corrections made public: the page "Corrections to the print edition" lists every entry of
tools/data/errata.yaml (where, printed text → corrected text, reason), and each corrected word
in the text leads to its entry.

The importer applies the corrections to the source lines; here each entry's corrected word is
found again in the built document by its context on that source line (the letters and digits
around it, so that quotes, dashes, emphasis and links do not matter), wrapped in a span with
the id `corrected-N` and linked to the entry `erratum-N`. A word that stands in a link (a
glossary name) cannot hold a second link, nor can a word in the PDF (which sets links in
italics): a small mark after it leads to the entry. No word, no letter and no emphasis of the
text is changed: the word check is the importer's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
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

from tools.importer import schema
from tools.importer.pipeline import DATA_DIR
from tools.importer.repair import apply_errata
from tools.importer.source import read_lines
from tools.importer.wordcheck import TAG

from .document_data import DocumentData, rewrite_with_any_change
from .paragraphs import iter_ancestors, paragraph_id

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "source" / "challenge-1928-29.txt"
ERRATA = DATA_DIR / "errata.yaml"
CONTEXT = 24  # letters and digits of the line on each side of the word: enough to tell places apart
MIN_CONTEXT = 8  # a word with less context than this could be any of its occurrences
TRIM = "()[]*.,;:?!\"“”‘’'\\"
# The pages of the back matter, by the source heading they start at; the printed Index is data.
BACK_MATTER = (("# Glossary", "glossary/index"), ("## Further reading", "glossary/further-reading"),
               ("# Index", None))
SOURCE_LINE = re.compile(r"^source_line: (\d+)$", re.M)
MARK = "c"  # after a glossary link: "c" for "corrected"
TITLE_PAGES = {"half-title", "title-page"}  # the print edition's title pages (containers of the front page)
PART_NAMES = {"p": "paragraph", "h": "editor’s note, paragraph", "s": "source note, paragraph"}

found_places = DocumentData[dict[int, tuple[str, str | None]]]("edition_corrections")  # n -> (id, paragraph)


@dataclass(frozen=True)
class Erratum:
    number: int  # 1-based, in the order of errata.yaml
    line: int
    printed: str
    corrected: str
    reason: str
    page: str | None  # the document it is on; None: the printed Index, which the edition gives as data
    word: str  # the corrected word as it stands in the line
    before: str  # letters and digits of the line before the word (the last CONTEXT of them)
    after: str


def alnum(text: str) -> str:
    """The letters and digits of `text`, without the source's HTML tags ('<sup>6</sup>' is '6')."""
    return "".join(character for character in TAG.sub("", text) if character.isalnum())


def word_around(line: str, start: int, end: int) -> tuple[int, int]:
    """The word of `line` that holds the changed characters [start, end): out to the spaces,
    without the punctuation around it."""
    while start > 0 and not line[start - 1].isspace():
        start -= 1
    while end < len(line) and not line[end].isspace():
        end += 1
    while start < end and line[start] in TRIM:
        start += 1
    while end > start and line[end - 1] in TRIM:
        end -= 1
    return start, end


def changed_span(printed: str, corrected: str) -> tuple[int, int]:
    """Where `corrected` differs from `printed`: [start, end) in `corrected`."""
    prefix = 0
    while prefix < min(len(printed), len(corrected)) and printed[prefix] == corrected[prefix]:
        prefix += 1
    suffix = 0
    while (suffix < min(len(printed), len(corrected)) - prefix
           and printed[-1 - suffix] == corrected[-1 - suffix]):
        suffix += 1
    return prefix, len(corrected) - suffix


@cache
def errata() -> tuple[Erratum, ...]:
    """The entries of errata.yaml, each with its corrected word and that word's context."""
    entries = schema.load_data(ERRATA, schema.SCHEMAS[ERRATA.name])
    original = read_lines(SOURCE)
    corrected_lines, _ = apply_errata(original, entries, str(SOURCE))
    starts = page_starts(original)
    found = []
    for number, entry in enumerate(entries, 1):
        line = corrected_lines[entry["line"] - 1]
        at = original[entry["line"] - 1].index(entry["old"])
        start, end = changed_span(entry["old"], entry["new"])
        start, end = word_around(line, at + start, at + end)
        found.append(Erratum(number, entry["line"], entry["old"], entry["new"], entry["reason"],
                             page_of(starts, entry["line"]), line[start:end],
                             alnum(line[:start])[-CONTEXT:], alnum(line[end:])[:CONTEXT]))
    return tuple(found)


def page_starts(lines: list[str]) -> list[tuple[int, str | None]]:
    """(first source line, document) of each page made from the source, in source order: the
    front page, the selections (their front matter's `source_line`), the back matter."""
    starts: list[tuple[int, str | None]] = [(1, "index")]
    for path in sorted((ROOT / "chapters").glob("*.md")):
        if found := SOURCE_LINE.search(path.read_text(encoding="utf-8")):
            starts.append((int(found[1]), f"chapters/{path.stem}"))
    starts += [(lines.index(heading) + 1, page) for heading, page in BACK_MATTER if heading in lines]
    return sorted(starts, key=lambda start: start[0])


def page_of(starts: list[tuple[int, str | None]], line: int) -> str | None:
    return [page for first, page in starts if first <= line][-1]


def erratum_id(number: int) -> str:
    return f"erratum-{number}"


def corrected_id(number: int) -> str:
    return f"corrected-{number}"


def letters(document: nodes.Element) -> list[tuple[nodes.Text, int]]:
    """(text node, offset) of each letter and digit of the page, in reading order."""
    return [(text, offset) for text in document.findall(nodes.Text)
            for offset, character in enumerate(text) if character.isalnum()]


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
    text = "".join(node[offset] for node, offset in found)
    word = alnum(erratum.word)
    at = next((found_at + context.find(word) for context in keys(erratum) if (found_at := text.find(context)) >= 0),
              None)
    if at is None or not word:
        return None
    first, last = found[at], found[at + len(word) - 1]
    if first[0] is not last[0]:
        return None  # the word runs across markup: not marked (the test lists such entries)
    node, start, end = first[0], first[1], last[1] + 1
    word = nodes.inline(node[start:end], node[start:end], classes=["corrected"])
    outer = enclosing_link(node)
    marked: nodes.Node = word if outer is not None else link_to_entry(erratum.number, word, classes=["correction"])
    # a target, not an id on the word: the PDF has a label only for targets
    anchor = nodes.target("", "", ids=[corrected_id(erratum.number)])
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
        for erratum in errata():
            if erratum.page == self.env.docname and (anchor := mark_word(erratum, self.document)):
                found_places(self.env).setdefault(self.env.docname, {})[erratum.number] = (
                    corrected_id(erratum.number), paragraph_id(anchor))


class correction_place(nodes.General, nodes.Inline, nodes.Element):  # noqa: N801 (docutils names nodes in lower case)
    """Where an entry's word stands: filled in once every page has been read."""


class CorrectionsDirective(SphinxDirective):
    """The list of corrections, one item per entry of errata.yaml, each with its label."""

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(str(ERRATA))
        self.env.metadata[self.env.docname]["has_corrections"] = "yes"
        listing = nodes.enumerated_list(classes=["corrections"])
        for erratum in errata():
            label = nodes.target("", "", ids=[erratum_id(erratum.number)], names=[erratum_id(erratum.number)])
            self.state.document.note_explicit_target(label)
            item = nodes.list_item()
            item += nodes.paragraph("", "", label, correction_place(number=erratum.number),
                                    nodes.Text(f" (source line {erratum.line}): printed “{quoted(erratum.printed)}” → "
                                               f"corrected “{quoted(erratum.corrected)}”"))
            item += nodes.paragraph(erratum.reason, erratum.reason, classes=["correction-reason"])
            listing += item
        return [listing]


def quoted(text: str) -> str:
    """The book's words as the text shows them: quotes curled (the print edition's typography)."""
    return smartyPants(text.strip(), "q", "en")


def place_name(docname: str, paragraph: str | None, title: str) -> str:
    if not paragraph:
        return title
    return f"{title}, {PART_NAMES[paragraph[0]]} {paragraph[1:]}"


def fill_places(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    where = {number: (found_in, target, paragraph) for found_in, found in found_places(app.env).items()
             for number, (target, paragraph) in found.items()}
    for placeholder in list(doctree.findall(correction_place)):
        number = placeholder["number"]
        if number not in where:
            in_index = errata()[number - 1].page is None
            placeholder.replace_self(nodes.Text("The printed Index" if in_index else "Not found in the text"))
            continue
        found_in, target, paragraph = where[number]
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
    rewrite_with_any_change(app, "has_corrections")
    found_places.connect(app)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
