"""The book's parts (front matter, the letters, appendices, back matter) in the PDF's contents.

The front page groups the selections in captioned toctrees. Sphinx's LaTeX writer drops
those captions when it inlines the toctrees; this puts each caption back, just before the
part's first chapter, as `\\editionpart` (tools/latex/edition.sty): a heading of the contents
without a page number (the parts have no pages of their own) and a level of the PDF's outline.
The first part after the front matter (its selections' `part: front`) opens the main matter:
arabic folios from 1 there (`\\editionmainmatter`), roman before it.

The caption is text from the Markdown: it reaches LaTeX only through the LaTeX writer's own
escaping (`latex_text`), never as raw LaTeX. HTML and EPUB skip the node and show the captions
themselves.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.latex import LaTeXTranslator

from .latex_text import latex_text

FRONT_MATTER = "front"  # a selection's `part` in its front matter


class part_caption(nodes.General, nodes.Element):
    """A part of the book, named by its toctree's caption (`caption` attribute), its first page
    (`first`) and whether it opens the main matter (`main_matter`)."""


def visit_part_caption_latex(translator: LaTeXTranslator, node: part_caption) -> None:
    main_matter = "\\editionmainmatter" if node.get("main_matter") else ""
    translator.body.append(f"\n{main_matter}\\editionpart{{{latex_text(translator, node['caption'])}}}\n")
    raise nodes.SkipNode


def skip(translator: Any, node: part_caption) -> None:
    raise nodes.SkipNode


def mark_parts(app: Sphinx, doctree: nodes.document) -> None:
    if app.env.docname != app.config.root_doc:
        return
    for toctree in list(doctree.findall(addnodes.toctree)):
        if toctree.get("caption"):
            first = next((docname for _title, docname in toctree["entries"]), "")
            toctree.parent.insert(toctree.parent.index(toctree), part_caption(caption=toctree["caption"], first=first))


class MainMatter(SphinxPostTransform):
    """The first part whose first page is not front matter opens the main matter (read once
    every page's front matter is known)."""

    formats = ("latex",)
    default_priority = 900

    def run(self, **kwargs: Any) -> None:
        for part in self.document.findall(part_caption):
            if self.env.metadata.get(part["first"], {}).get("part") != FRONT_MATTER:
                part["main_matter"] = True
                return


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(part_caption, latex=(visit_part_caption_latex, None), html=(skip, None),
                 epub=(skip, None), text=(skip, None), man=(skip, None), texinfo=(skip, None))
    app.connect("doctree-read", mark_parts)
    app.add_post_transform(MainMatter)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
