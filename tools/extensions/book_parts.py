"""The book's parts (front matter, the letters, appendices, back matter) in the PDF's contents.

The front page groups the selections in captioned toctrees. Sphinx's LaTeX writer drops
those captions when it inlines the toctrees; this puts each caption back, just before the
part's first chapter, as `\\editionpart` (tools/latex/edition.sty): a heading of the contents
without a page number (the parts have no pages of their own) and a level of the PDF's outline.
The raw node is LaTeX-only: HTML and EPUB ignore it and show the captions themselves.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx


def latex_part_line(caption: str) -> nodes.raw:
    text = caption.replace("\\", "").replace("{", "").replace("}", "")
    return nodes.raw("", rf"\editionpart{{{text}}}", format="latex")


def mark_parts(app: Sphinx, doctree: nodes.document) -> None:
    if app.env.docname != app.config.root_doc:
        return
    for toctree in list(doctree.findall(addnodes.toctree)):
        if toctree.get("caption"):
            toctree.parent.insert(toctree.parent.index(toctree), latex_part_line(toctree["caption"]))


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-read", mark_parts)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
