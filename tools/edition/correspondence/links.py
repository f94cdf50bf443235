"""Names of correspondents elsewhere in the book lead to their section of "Correspondents":
in each selection's header ("To", "By") and in the register's entries (the names that its
Correspondent filter offers). The header and the register are made by their own extensions;
this only turns the names in them into links, after they are made."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode

from ..selections import selection_of
from . import data

CORRESPONDENTS_PAGE, MAP_PAGE = "glossary/correspondents", "glossary/map"
PEOPLE_FIELDS, PLACE_FIELDS = {"To", "By"}, {"To", "Written at"}


def link_to(app: Sphinx, fromdocname: str, name: str) -> nodes.Node:
    """A correspondent's name, leading to their section."""
    # the PDF links to the page: its sections have no anchors of their own there
    anchor = "" if app.builder.format == "latex" else data.person_anchor(name)
    return make_refnode(app.builder, fromdocname, CORRESPONDENTS_PAGE, anchor, nodes.Text(name),
                        f"{data.person_name(name)}: letters and whereabouts")


def place_link(app: Sphinx, fromdocname: str, name: str) -> nodes.Node:
    """A place's name, leading to its letters under the map."""
    anchor = "" if app.builder.format == "latex" else data.places()[name].anchor
    return make_refnode(app.builder, fromdocname, MAP_PAGE, anchor, nodes.Text(name), f"{name} on the map")


def link_names(app: Sphinx, fromdocname: str, text: nodes.Text, names: list[str],
               make: Callable[[Sphinx, str, str], nodes.Node] = link_to) -> None:
    """Replace `text` by the same words with each of the names in it a link."""
    words = str(text)
    found = sorted((words.index(name), name) for name in names if name in words)
    if not found:
        return
    parts: list[nodes.Node] = []
    at = 0
    for start, name in found:
        if start < at:
            continue  # a name inside another name already linked
        parts += [nodes.Text(words[at:start]), make(app, fromdocname, name)]
        at = start + len(name)
    parts.append(nodes.Text(words[at:]))
    text.parent.replace(text, [part for part in parts if not isinstance(part, nodes.Text) or str(part)])


def unlinked(node: nodes.Node) -> list[nodes.Text]:
    return [text for text in node.findall(nodes.Text) if not isinstance(text.parent, nodes.reference)]


class LinkHeaderNames(SphinxPostTransform):
    """The header's "To" and "By": after the header is made (5), before references are resolved (10)."""

    default_priority = 6

    def run(self, **kwargs: Any) -> None:
        if CORRESPONDENTS_PAGE not in self.env.found_docs:
            return
        parts = [(self.env.docname, self.document)] + [
            (start["docname"], start) for start in self.document.findall(addnodes.start_of_file)]
        for docname, part in parts:
            selection = selection_of(self.env, docname)
            header = next((c for c in part.findall(nodes.container) if "letter-header" in c["classes"]), None)
            if selection is None or header is None or selection.part == "front":
                continue  # the front matter's authors (the editors) are not correspondents
            names = data.correspondent_names(selection)
            places = [name for name in (selection.addressee_place, selection.written_at) if name in data.places()]
            for field in header.findall(nodes.field):
                label = field[0].astext()
                if label in PEOPLE_FIELDS:
                    for text in unlinked(field[1]):
                        link_names(self.app, self.env.docname, text, names)
                if label in PLACE_FIELDS and MAP_PAGE in self.env.found_docs:
                    for text in unlinked(field[1]):  # "Oppositionists exiled in Cheboksary" is linked as a whole
                        link_names(self.app, self.env.docname, text, places, place_link)


def link_register_names(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """The register's correspondents (its Correspondent filter reads the same spans' text)."""
    if CORRESPONDENTS_PAGE not in app.env.found_docs:
        return
    for span in doctree.findall(nodes.inline):
        if "register-correspondent" in span["classes"]:
            names = span.astext().split("; ")  # 'G. Sokolnikov; L. Kamenev': two writers
            span.children = []
            for number, name in enumerate(names):
                span += [nodes.Text("; ")] if number else []
                span += link_to(app, docname, name)
