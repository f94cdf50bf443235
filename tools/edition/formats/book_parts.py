"""The book's parts (front matter, the letters, appendices, back matter) in the PDF's contents.

The front page groups the selections in captioned toctrees. Sphinx's LaTeX writer drops
those captions when it inlines the toctrees; this puts each caption back, just before the
part's first chapter, as `\\editionpart` (tools/latex/edition.sty): a heading of the contents
without a page number (the parts have no pages of their own) and a level of the PDF's outline.

The caption is text from the Markdown: it reaches LaTeX only through the LaTeX writer's own
escaping (`latex_text`), never as raw LaTeX. HTML and EPUB skip the node and show the captions
themselves.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.writers.latex import LaTeXTranslator

from .latex_text import latex_text


class part_caption(nodes.General, nodes.Element):
    """A part of the book, named by its toctree's caption (`caption` attribute)."""


def visit_part_caption_latex(translator: LaTeXTranslator, node: part_caption) -> None:
    translator.body.append(f"\n\\editionpart{{{latex_text(translator, node['caption'])}}}\n")
    raise nodes.SkipNode


def skip(translator: Any, node: part_caption) -> None:
    raise nodes.SkipNode


def mark_parts(app: Sphinx, doctree: nodes.document) -> None:
    if app.env.docname != app.config.root_doc:
        return
    for toctree in list(doctree.findall(addnodes.toctree)):
        if toctree.get("caption"):
            toctree.parent.insert(toctree.parent.index(toctree), part_caption(caption=toctree["caption"]))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(part_caption, latex=(visit_part_caption_latex, None), html=(skip, None),
                 epub=(skip, None), text=(skip, None), man=(skip, None), texinfo=(skip, None))
    app.connect("doctree-read", mark_parts)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
