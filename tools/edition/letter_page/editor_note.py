"""The editors' headnote, labelled "Editor's note" and kept out of the way of the text.

On the site it is a `<details>` element, closed: the title, the header and the first line of
Trotsky's text are on a phone's first screen, and one tap or click (no script) opens the note
whole. The browser's find-in-page, the search index and screen readers have its text (the
search index is built from the document, not the page). The EPUB and the PDF give it open,
with the same label, since an e-reader may not open `<details>` and paper cannot.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.html5 import HTML5Translator

LABEL = "Editor’s note"
HEADNOTE = "headnote"


class editor_note(nodes.container):  # noqa: N801 (docutils names nodes in lower case)
    """The headnote on the site: a disclosure, closed until the reader opens it."""


def visit_editor_note(translator: HTML5Translator, node: editor_note) -> None:
    translator.body.append(translator.starttag(node, "details") + f'<summary>{LABEL}</summary>\n')


def depart_editor_note(translator: HTML5Translator, node: editor_note) -> None:
    translator.body.append("</details>\n")


class LabelHeadnote(SphinxPostTransform):
    """The site's headnote becomes a disclosure; elsewhere it opens with its label."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        for container in list(self.document.findall(nodes.container)):
            if HEADNOTE not in container["classes"]:
                continue
            if self.app.builder.name == "html":
                note = editor_note("", *container.children, **container.attributes)
                container.replace_self(note)
            else:
                label = nodes.paragraph("", "", nodes.strong(LABEL, LABEL), classes=["headnote-label"])
                container.insert(0, label)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(editor_note, html=(visit_editor_note, depart_editor_note))
    app.add_post_transform(LabelHeadnote)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
