"""The author's asterisk notes keep the printed `*` in every format (tools/core/footnote_marks.py).

MyST numbers every named footnote; after docutils has numbered them (its Footnotes transform),
the label of a note the book marks with an asterisk, and the text of its references, become
`*`. The site and the EPUB write the label as it is. LaTeX's footnote environment takes a
number (it sets its counter from it), so the PDF keeps the number for the environment and
prints `*` as the mark, in the text and at the page's foot.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.writers.latex import LaTeXTranslator

from ...core.footnote_marks import printed_mark
from .latex_text import latex_text

NUMBER = "edition_footnote_number"  # the number docutils gave the note: LaTeX's environment needs it


class PrintedFootnoteMarks(SphinxTransform):
    default_priority = 625  # after docutils' Footnotes (620), which numbers the labels

    def apply(self, **kwargs: Any) -> None:
        for note in self.document.findall(nodes.footnote):
            mark = printed_mark(note["names"])
            if mark is None:
                continue
            label = note.next_node(nodes.label)
            note[NUMBER] = label.astext()
            label.replace(label[0], nodes.Text(mark))
            for reference in self.references_to(note):
                reference.replace(reference[0], nodes.Text(mark))

    def references_to(self, note: nodes.footnote) -> list[nodes.footnote_reference]:
        ids = set(note["ids"])
        return [reference for reference in self.document.findall(nodes.footnote_reference)
                if reference.get("refid") in ids]


def visit_footnote_latex(translator: LaTeXTranslator, node: nodes.footnote) -> None:
    if NUMBER in node:
        # the environment reads its number from the label; \thefootnote prints the mark
        translator.body.append(r"{\renewcommand{\thefootnote}{" + latex_text(translator, node[0].astext()) + "}")
        node[0].replace(node[0][0], nodes.Text(node[NUMBER]))
    LaTeXTranslator.visit_footnote(translator, node)


def depart_footnote_latex(translator: LaTeXTranslator, node: nodes.footnote) -> None:
    LaTeXTranslator.depart_footnote(translator, node)
    if NUMBER in node:
        translator.body.append("}")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_transform(PrintedFootnoteMarks)
    app.add_node(nodes.footnote, override=True, latex=(visit_footnote_latex, depart_footnote_latex))
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
