"""HTML as readers and assistive technology expect it.

- Sphinx writes a toctree's caption as `<p class="caption" role="heading">`; a heading role
  needs a level (axe-core: aria-required-attr, critical). Captions head the contents lists,
  in the page and in the sidebar: level 2, under the page's title.
- The theme's sidebar buttons work at every width (`static/sidebar-toggles.js`).
- One viewport `<meta>`: the theme's layout has it, docutils would write a second one.
- A page's notes open with a "Notes" heading (a reader knows where the text ends).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from ..assets import use_assets

NOTES_HEADING = '<h2 class="notes-heading">Notes</h2>\n'


def first_of_notes(node: nodes.footnote) -> bool:
    """Does this footnote open its group (the notes at a page's end)?"""
    return not isinstance(node.previous_sibling(), nodes.footnote)


def last_of_notes(node: nodes.footnote) -> bool:
    return not isinstance(node.next_node(descend=False, siblings=True), nodes.footnote)


class AccessibleHTMLTranslator(HTML5Translator):
    def __init__(self, document: nodes.document, builder: Any) -> None:
        super().__init__(document, builder)
        self.meta = [meta for meta in self.meta if 'name="viewport"' not in meta]

    def visit_footnote(self, node: nodes.footnote) -> None:
        super().visit_footnote(node)
        if first_of_notes(node):  # after docutils' <aside class="footnote-list">, before the first note
            opening = self.body.pop()
            self.body += [NOTES_HEADING, opening]

    def starttag(self, node: Any, tagname: str, suffix: str = "\n", empty: bool = False, **attributes: Any) -> str:
        role = attributes.get("role") or attributes.get("ROLE")
        if role == "heading" and "aria-level" not in attributes:
            attributes["aria-level"] = "2"
        return super().starttag(node, tagname, suffix, empty, **attributes)


def setup(app: Sphinx) -> dict[str, Any]:
    app.set_translator("html", AccessibleHTMLTranslator, override=True)
    use_assets(app, "sidebar-toggles.js")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
