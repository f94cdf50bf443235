"""The front page's first lines for a first-time reader: "Start reading", the editor's
Introduction and, on the site, the EPUB and PDF downloads, in the page itself (on a phone the
sidebar that also offers them is closed).

The importer writes `{start-reading}` into index.md with the first selection and the
Introduction as options; the words around it are tools/data/welcome.md.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .downloads import downloads


def doc_link(target: str, text: str) -> addnodes.pending_xref:
    link = addnodes.pending_xref("", refdomain="std", reftype="doc", reftarget=f"/{target}",
                                 refexplicit=True, refwarn=True)
    link += nodes.inline("", text)
    return link


class StartReading(SphinxDirective):
    option_spec = {"first": directives.unchanged_required, "introduction": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        start = nodes.paragraph("", "", doc_link(self.options["first"], "Start reading"),
                                nodes.Text(" with the first letter, or begin with the editor’s "),
                                doc_link(self.options["introduction"], "Introduction"), nodes.Text("."),
                                classes=["edition-start"])
        # The site offers the other two formats; the EPUB and the PDF need not offer themselves.
        offer = nodes.paragraph("", "Download the book: ", classes=["edition-start-downloads"])
        for number, (label, path, _media, _built) in enumerate(downloads(self.env.app)):
            offer += [nodes.Text(" · ")] if number else []
            offer += nodes.reference("", label, refuri=path)
        only_site = addnodes.only(expr="builder_html")
        only_site += offer
        return [start, only_site]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("start-reading", StartReading)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
