"""Names of correspondents elsewhere in the book lead to their pages: in each selection's header
("To", "By"), in the register's entries (the names that its Correspondent filter offers) and
in the lists under the map and the timeline; a correspondent's Glossary entry ends with a
"Letters:" link to their page. The header, the register and the Glossary are made by their own
extensions; this only turns the names in them into links, after they are made.

The pages that link so note the importer's data (glossary/correspondence.json) as a dependency:
an import that renames a correspondent or a place rewrites them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode

from ...core.build_data import CORRESPONDENCE, CORRESPONDENTS_PAGE
from ..formats.closings import KEEP_WITH_PREVIOUS
from ..selections import selection_of
from . import data

MAP_PAGE = "glossary/map"
PEOPLE_FIELDS, PLACE_FIELDS = {"To", "By"}, {"To", "Written at"}
LETTERS_LABEL, LETTERS_CLASS = "Letters: ", "correspondent-letters"


def link_to(app: Sphinx, fromdocname: str, name: str) -> nodes.Node:
    """A correspondent's name, leading to their page."""
    person = data.known(app.env).person(name)
    return make_refnode(app.builder, fromdocname, data.page_of(app.env, person), "", nodes.Text(name),
                        f"{data.shown(person.name)}: letters and whereabouts")


def place_link(app: Sphinx, fromdocname: str, name: str) -> nodes.Node:
    """A place's name, leading to its letters under the map."""
    # the PDF links to the page: its lists have no anchors of their own there
    anchor = "" if app.builder.format == "latex" else data.known(app.env).places[name].anchor
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
            known = data.known(self.env).places
            places = [name for name in (selection.addressee_place, selection.written_at) if name in known]
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


def link_glossary_entries(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """'Letters: I.N. Smirnov' after the Glossary entry of each correspondent who has one (the
    PDF's one doctree holds the Glossary too)."""
    glossaries = list(doctree.findall(addnodes.glossary))
    if not glossaries or not data.has_data(app.env):
        return
    people = {person.headword: person for person in data.known(app.env).people
              if person.headword and person.docname in app.env.found_docs}
    for item in (item for glossary in glossaries for item in glossary.findall(nodes.definition_list_item)):
        person = people.get(item.next_node(nodes.term).astext())
        if person is not None:
            # set as the "Mentioned in:" line is (edition.css): the edition's, not the book's; in the
            # PDF on the page of the definition
            item.next_node(nodes.definition).append(nodes.paragraph(
                "", "", nodes.Text(LETTERS_LABEL), make_refnode(app.builder, docname, person.docname, "",
                                                                nodes.Text(data.shown(person.name))),
                classes=[LETTERS_CLASS, KEEP_WITH_PREVIOUS]))


def note_data(app: Sphinx, doctree: nodes.document) -> None:
    """A letter, whose header's links the data decides, is read again when an import changes it
    (the register and the Glossary gather from every page: they are written again anyway)."""
    selection = selection_of(app.env, app.env.docname)
    if selection is not None and selection.part != "front" and data.has_data(app.env):
        app.env.note_dependency(CORRESPONDENCE)
