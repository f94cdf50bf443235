"""Navigation labels that say where they lead. A section headed by a numeral alone ("I", "II" in
"Problems of the International Opposition (two letters)") is named in navigation with its
selection's words: "Problems of the International Opposition, I" — in the EPUB's nav and NCX, the
site's "On this page" and the PDF's outline. The text keeps the heading as printed.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .capitals import NUMERAL
from .latex_text import latex_text

QUALIFIER = re.compile(r"\s*\([^()]*\)$")  # "(two letters)": the numerals say as much


def bare_numeral(text: str) -> bool:
    return bool(NUMERAL.match(text.strip()))


def with_context(parent_title: str, numeral: str) -> str:
    """'Problems of the International Opposition (two letters)', 'I' ->
    'Problems of the International Opposition, I'."""
    return f"{QUALIFIER.sub('', parent_title)}, {numeral.strip()}"


class outline_label(nodes.inline):  # noqa: N801 (docutils names its node classes in lower case)
    """A heading's words, with the label the PDF's outline gives it (`label`)."""


def visit_html(translator: Any, node: outline_label) -> None:
    pass  # the page shows the heading as printed


def visit_latex(translator: Any, node: outline_label) -> None:
    translator.body.append(r"\texorpdfstring{")


def depart_latex(translator: Any, node: outline_label) -> None:
    translator.body.append(f"}}{{{latex_text(translator, node['label'])}}}")


def label_numeral_headings(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """The PDF's outline: each numeral heading labelled with its enclosing section's title."""
    for title in list(doctree.findall(nodes.title)):
        section = title.parent
        parent = section.parent if isinstance(section, nodes.section) else None
        if isinstance(parent, nodes.section) and bare_numeral(title.astext()):
            label = with_context(parent[0].astext(), title.astext())
            title.children = [outline_label("", "", *title.children, label=label)]


def numerals_in_context(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The EPUB's nav and NCX and the site's "On this page" are made of `env.tocs`."""
    for toc in env.tocs.values():
        for item in toc.findall(nodes.list_item):
            reference = item.next_node(nodes.reference)
            parent_item = item.parent.parent if isinstance(item.parent, nodes.bullet_list) else None
            if reference is None or not isinstance(parent_item, nodes.list_item):
                continue
            text = reference.astext()
            if bare_numeral(text):
                reference.children = [nodes.Text(with_context(parent_item.next_node(nodes.reference).astext(), text))]
    return []


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(outline_label, html=(visit_html, visit_html), epub=(visit_html, visit_html),
                 latex=(visit_latex, depart_latex))
    app.connect("doctree-resolved", label_numeral_headings)
    app.connect("env-updated", numerals_in_context)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
