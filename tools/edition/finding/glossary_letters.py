"""An A–Z bar above the Glossary (HTML and EPUB): each letter leads to its first entry.

The letters are those the entries are filed under, by the printed Index's rule
(printed_index.sort_key: '“Balabolkin”' is a B). The PDF has page numbers and running
heads instead, and gets no bar.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from ...core.printed_index import sort_key

BAR_CLASS = "az-bar"


def first_term_by_letter(glossary: addnodes.glossary) -> dict[str, str]:
    """'A' -> the node id of the first term filed under A, in the Glossary's order."""
    letters: dict[str, str] = {}
    for term in glossary.findall(nodes.term):
        letter = sort_key(term.astext())[:1].upper()
        if letter and term["ids"]:
            letters.setdefault(letter, term["ids"][0])
    return letters


def add_letter_bar(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "html":
        return
    for glossary in list(doctree.findall(addnodes.glossary)):
        bar = nodes.paragraph(classes=[BAR_CLASS])
        for letter, node_id in first_term_by_letter(glossary).items():
            bar += nodes.reference("", letter, refid=node_id, internal=True)
        glossary.parent.insert(glossary.parent.index(glossary), bar)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-resolved", add_letter_bar)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
