"""The printed Index as Sphinx index entries: `{index-entries}`, and letter groups that
ignore a heading's opening quotation mark.

Sphinx's `index` directive takes its entries as a multi-line argument, which
MyST cannot write; this directive takes them as content instead:

    ```{index-entries}
    single: Alsky, M.
    single: Bukharin, N.; and Comintern
    see: Bolshevik-Leninists; Left Opposition
    ```

Index entries get curly quotes, as the text does. The printed Index files
“April Theses” under A. Sphinx would put it among the symbols: in HTML and EPUB
the entry gets A as its category key; in the PDF the sort key that xindy reads
loses the quotation mark (the printed form stays).
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from docutils.nodes import Node
from docutils.utils.smartquotes import smartyPants
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.domains.index import IndexDirective
from sphinx.transforms import SphinxTransform
from sphinx.writers.latex import LaTeXTranslator

OPENING_MARKS = "“‘\"'"
# a sort key that opens with quotation marks, at the start of an \index{...}, of a sub-entry
# (after "!") or of a "see" target, which xindy looks up by its key (Sphinx doubles a straight
# quote: "" is xindy's quoted '"')
LATEX_QUOTED_KEY = re.compile(r"(\\index\{|(?<!\")!|\|see(?:also)?\{)(?:\"\"|[“‘'])+")


def letter_group(text: str) -> str | None:
    """'“April Theses” (Lenin)' -> 'A'; None where Sphinx's own grouping is right."""
    if not text or text[0] not in OPENING_MARKS:
        return None
    stripped = text.lstrip(OPENING_MARKS)
    return stripped[:1].upper() if stripped[:1].isalpha() else None


class IndexEntries(IndexDirective):
    has_content = True
    required_arguments = 0

    def run(self) -> list[Node]:
        self.arguments = ["\n".join(line for line in self.content if line.strip())]
        result = super().run()
        for index in (node for node in result if isinstance(node, addnodes.index)):
            index["entries"] = [(kind, value, target, main, key or letter_group(value))
                                for kind, value, target, main, key in index["entries"]]
        return result


class CurlyQuotesInIndexEntries(SphinxTransform):
    """Index entries are plain strings that smart quotes never see (a glossary term's
    entry "T'an P'ing-shan"): curl them as the text is curled."""

    default_priority = 750

    def apply(self, **kwargs: Any) -> None:
        for index in self.document.findall(addnodes.index):
            index["entries"] = [(kind, smartyPants(value, "q", "en"), target, main, key)
                                for kind, value, target, main, key in index["entries"]]


def latex_sort_keys(latex: str) -> str:
    r"""'\index{“April Theses”@...}' -> '\index{April Theses”@...}': xindy sorts it under A."""
    return LATEX_QUOTED_KEY.sub(r"\1", latex)


class EditionLaTeXTranslator(LaTeXTranslator):
    def visit_index(self, node: nodes.Element) -> None:
        start = len(self.body)
        try:
            super().visit_index(node)  # writes \index{...} and raises SkipNode
        finally:
            self.body[start:] = [latex_sort_keys(part) for part in self.body[start:]]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("index-entries", IndexEntries)
    app.add_transform(CurlyQuotesInIndexEntries)
    app.set_translator("latex", EditionLaTeXTranslator, override=True)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
