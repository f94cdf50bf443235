"""Glossary and works-cited previews: hovering, focusing or tapping a glossary link or a work's
title shows the entry in place.

The definitions a page links to travel with the page, as a small JSON block written at
build time (no request, not even to the site itself; the same output on every build).
They are collected from the glossary when it is read, so incremental and parallel builds
see them through the environment. `previews.js` shows them, and the page's own footnotes,
in a tooltip that mouse and keyboard users both reach (hover, focus, Escape). On a touch screen
a tap opens the preview with a link onward, and a second tap follows the link. The entries of
Works cited are sphinxcontrib-bibtex's, formatted by it once all documents are read.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from pybtex.backends.plaintext import Backend as PlainText
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .. import unchanged_pages
from ..assets import use_assets
from ..document_data import DocumentData
from ..formats.escaping import script_json

# A preview: the glossary term's name, set apart from its definition ("name" absent for a work
# cited or a footnote, whose text opens with what it is).
Preview = dict[str, str]
previews = DocumentData[dict[str, Preview]]("edition_previews")  # glossary docname -> {term id: preview}
# pybtex's `render_as("text")` looks its backend up among every installed package's entry points on
# each call (most of the time of a page's previews): the plain-text backend is made once instead.
PLAIN_TEXT = PlainText()


def collect_definitions(app: Sphinx, doctree: nodes.document) -> None:
    found = {}
    for glossary in doctree.findall(addnodes.glossary):
        for item in glossary.findall(nodes.definition_list_item):
            definition = item.next_node(nodes.definition).astext().replace("\n", " ")
            for term in item.findall(nodes.term):
                for term_id in term["ids"]:
                    found[term_id] = {"name": term.astext(), "text": definition}
    if found:
        previews(app.env)[app.env.docname] = found


def works_cited(env: BuildEnvironment) -> dict[str, Any]:
    """{citation id (cite-<key>): its formatted Works cited entry}."""
    return {citation.citation_id: citation.formatted_entry for citation in env.get_domain("cite").citations}


def linked_previews(env: BuildEnvironment, doctree: nodes.document) -> dict[str, Preview]:
    """{term or citation id: preview} for every glossary term and work cited this page links to."""
    known = {term_id: text for found in previews(env).values() for term_id, text in found.items()}
    works = works_cited(env)
    linked = {}
    for reference in doctree.findall(nodes.reference):
        target = reference.get("refuri", "").partition("#")[2] or reference.get("refid", "")
        if target in known:
            linked[target] = known[target]
        elif target in works:
            linked[target] = {"text": works[target].text.render(PLAIN_TEXT)}
    return dict(sorted(linked.items()))


def add_previews(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if app.builder.name != "html" or doctree is None or "body" not in context:
        return
    context["body"] += ('<script type="application/json" id="edition-previews">'
                        + script_json(linked_previews(app.env, doctree)) + "</script>\n")


def page_previews(app: Sphinx, pagename: str, doctree: Any) -> dict[str, Preview] | None:
    return linked_previews(app.env, doctree) if doctree is not None else None


def setup(app: Sphinx) -> dict[str, Any]:
    use_assets(app, "previews.js", "previews.css")
    unchanged_pages.shows(app, page_previews)
    app.connect("doctree-read", collect_definitions)
    previews.connect(app)
    app.connect("html-page-context", add_previews)
    return {"version": "1.0", "env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}
