"""The PDF's back matter refers to the PDF's own pages: a Glossary entry's "Index: 253, 405" and a
work's "Cited in: Introduction, 23" give the pages of this PDF on which those places stand, as
its Index does, never the print edition's pages nor paragraph numbers the PDF does not print.

A `page_references` node names its places (`targets`: document and anchor, in book order); the
LaTeX writer sets it as `\\editionpages` (tools/latex/edition.sty), which prints each place's
page once, as a link to the place. The labels are the ones the LaTeX writer puts at each
paragraph (finding/index_directive.py), written through its own escaping of ids (`idescape`).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.latex import LaTeXTranslator


class page_references(nodes.Inline, nodes.Element):  # noqa: N801 (docutils names nodes in lower case)
    """The pages of the PDF on which the places `targets` ([(docname, anchor)]) stand."""


def pages_of(places: list[tuple[str, str]]) -> page_references:
    """The node for these places, each once. Give them in book order (pages in the order of the
    contents, places in their page's reading order), so that the PDF's page numbers ascend."""
    return page_references(targets=list(dict.fromkeys(places)))


def label(docname: str, anchor: str) -> str:
    """The LaTeX writer's label of a place: a paragraph ('chapters/x:p12') or, without an
    anchor, the page ('chapters/x::doc')."""
    return f"{docname}:{anchor}" if anchor else f"{docname}::doc"


def visit_page_references_latex(translator: LaTeXTranslator, node: page_references) -> None:
    pages = "".join(rf"\editionpage{{{translator.idescape(label(*target))}}}" for target in node["targets"])
    translator.body.append(rf"\editionpages{{{pages}}}")
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(page_references, latex=(visit_page_references_latex, None))
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
