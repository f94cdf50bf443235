"""A letter's closing is never left alone on a page: salutations and signatures ("I firmly shake
your hand," "Yours, L.T."), a declaration's last signatories and a list's last item are kept with
what comes before them, as a careful printer keeps them.

The rule, at build time over each page's doctree (the Markdown stays as printed): in a
selection, the author's short paragraphs (less than a line of type: a salutation, a signature,
a name, a place and date) that end a run of its paragraphs (a section's, before its next heading
or at the end of the text) or stand just before a postscript ("P.S."); of a long run (the
signatories of a declaration), the last few. And the last item of every list. Each gets the class
`keep-with-previous`; the PDF allows no page break before it (`\\editionkeepwithprevious`,
tools/latex/edition.sty), so at least the last two lines of the paragraph before it (the widow
penalty) go with it to the next page. The text's last paragraph before them (`ends-the-text`)
leaves at least four lines on the selection's last page (`\\editionendofthetext`). The site and the
EPUB have no pages and ignore the classes.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from ...core.paragraph_numbering import AUTHOR_PREFIX, in_selection
from ..letter_page.paragraphs import anchor_of

KEEP_WITH_PREVIOUS = "keep-with-previous"
ENDS_THE_TEXT = "ends-the-text"  # the selection's last paragraph before its closing: not two lines on a page
SHORT = 60  # characters: less than a line of the PDF's type (about 75), and far more than a signature
KEPT = 4  # of a run of short paragraphs, at most the last KEPT: a page may break inside a list of names
POSTSCRIPT = re.compile(r"^p\.\s?s\.", re.IGNORECASE)


def text_length(paragraph: nodes.paragraph) -> int:
    """The characters a reader reads (a hard line break's raw markup does not count)."""
    return sum(len(text) for text in paragraph.findall(nodes.Text) if not isinstance(text.parent, nodes.raw))


def closings(run: list[nodes.paragraph]) -> list[nodes.paragraph]:
    """The closings of a run of the author's paragraphs: the short ones it ends with, and the short
    ones before a postscript; never its first paragraph, which has nothing before it to keep with."""
    found: list[nodes.paragraph] = []
    ends = [number for number, paragraph in enumerate(run) if POSTSCRIPT.match(paragraph.astext())]
    for end in [*ends, len(run)]:
        start = end
        while start > 1 and text_length(run[start - 1]) <= SHORT:
            start -= 1
        found += run[max(start, end - KEPT):end]
    return found


def author_runs(document: nodes.document) -> list[list[nodes.paragraph]]:
    """The author's paragraphs (`p1`, `p2`, …), in runs: those of one section (or block), in order."""
    runs: dict[int, list[nodes.paragraph]] = {}
    for paragraph in document.findall(nodes.paragraph):
        if (anchor_of(paragraph) or "").startswith(AUTHOR_PREFIX):
            runs.setdefault(id(paragraph.parent), []).append(paragraph)
    return list(runs.values())


class KeepClosingsWithThePrevious(SphinxTransform):
    default_priority = 880  # after the paragraphs have their ids (870)

    def apply(self, **kwargs: Any) -> None:
        if in_selection(self.env.docname):
            runs = author_runs(self.document)
            for run in runs:
                for paragraph in closings(run):
                    paragraph["classes"].append(KEEP_WITH_PREVIOUS)
            text = [paragraph for run in runs for paragraph in run if KEEP_WITH_PREVIOUS not in paragraph["classes"]]
            if text:
                max(text, key=lambda paragraph: int(anchor_of(paragraph)[1:]))["classes"].append(ENDS_THE_TEXT)
        for listing in self.document.findall(lambda node: isinstance(node, (nodes.bullet_list, nodes.enumerated_list))):
            if len(listing.children) > 1:
                listing.children[-1]["classes"].append(KEEP_WITH_PREVIOUS)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_transform(KeepClosingsWithThePrevious)
    return {"version": "1.0", "env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}
