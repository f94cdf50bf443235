"""The print page of each paragraph of a selection, for a citation of that paragraph.

The source has no page numbers, but the importer knows where a print page began inside a
paragraph (it rejoined the paragraph there) and writes the first words of each such page into
the front matter (`page_breaks`), with the selection's print pages (`pages`). Each break is
found again in the built page by those words' letters and digits, as the corrections find
their words. A page break between two paragraphs leaves no trace, so a paragraph's page is certain
only when the breaks found account for every page of the selection, or when those before and
after it pin it down; otherwise it is given as the narrowest span of pages it certainly lies
in, which is never wider than the selection's pages.
"""

from __future__ import annotations

import json
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from ...core.source_text import alnum
from ..corrections import MIN_CONTEXT, letters
from ..document_data import DocumentData
from .paragraphs import anchor_of, in_selection

# docname -> {p12: "57"}; shown by the selection's own "Cite this selection" alone
paragraph_pages = DocumentData[dict[str, str]]("edition_paragraph_pages", shown_on_other_pages=False)


def page_span(pages: str) -> tuple[int, int]:
    first, _, last = pages.partition("–")
    return int(first), int(last or first)


def break_positions(text: str, breaks: list[str]) -> list[int]:
    """Where in `text` (the page's letters and digits) each page's first words stand, in order;
    words too short to be told apart, or not found after the previous break, are left out."""
    positions: list[int] = []
    for words in breaks:
        key = alnum(words)
        if len(key) < MIN_CONTEXT:
            continue
        found = text.find(key, positions[-1] + 1 if positions else 0)
        if found >= 0:
            positions.append(found)
    return positions


def pages_between(start: int, end: int, positions: list[int], first: int, last: int) -> str:
    """The print pages the letters [start, end] certainly lie on, given the breaks found at
    `positions` among the `last - first` of the selection: the page before each break found
    ahead of them, the page after each break found beyond them."""
    lowest = first + sum(position <= start for position in positions)
    highest = last - sum(position > end for position in positions)
    return f"{lowest}–{highest}" if highest > lowest else str(lowest)


def paragraph_letters(document: nodes.document) -> tuple[str, dict[str, tuple[int, int]]]:
    """The page's letters and digits, and the span of them of each numbered paragraph."""
    found = letters(document)
    ends = [*found.starts[1:], len(found.text)]
    where = {id(node): (start, end - 1) for node, start, end in zip(found.texts, found.starts, ends, strict=True)}
    spans: dict[str, tuple[int, int]] = {}
    for paragraph in document.findall(nodes.paragraph):
        anchor = anchor_of(paragraph)
        inside = [where[id(text)] for text in paragraph.findall(nodes.Text) if id(text) in where]
        if anchor and inside:
            spans[anchor] = (min(span[0] for span in inside), max(span[1] for span in inside))
    return found.text, spans


def pages_of_paragraphs(document: nodes.document, meta: dict) -> dict[str, str]:
    if "pages" not in meta:
        return {}
    first, last = page_span(str(meta["pages"]))
    breaks = json.loads(meta["page_breaks"]) if "page_breaks" in meta else []
    text, spans = paragraph_letters(document)
    positions = break_positions(text, breaks)
    if len(positions) > last - first:
        return {}  # more breaks than pages: the data disagree, so no paragraph is given a page
    return {anchor: pages_between(start, end, positions, first, last) for anchor, (start, end) in spans.items()}


class ParagraphPages(SphinxTransform):
    """Records each paragraph's print pages for "Cite this selection"."""

    default_priority = 885  # after the paragraph ids (870), before the corrections mark words (890)

    def apply(self, **kwargs: Any) -> None:
        if in_selection(self.env.docname):
            meta = self.env.metadata.get(self.env.docname, {})
            paragraph_pages(self.env)[self.env.docname] = pages_of_paragraphs(self.document, meta)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_transform(ParagraphPages)
    paragraph_pages.connect(app)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
