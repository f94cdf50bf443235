"""Notes of this edition (tools/data/edition_notes.yaml): where the print edition states a fact
wrongly and its words stay as printed, a note of this edition stands beside them, with its
evidence. It is the edition's own voice, so it is set apart from the book's text and from the
book's notes in every format: labelled "Note of this edition", in a box of its own class
(`edition-annotation`: a rule and a sans-serif face on the site and in the EPUB, the same in the
PDF through edition.sty), upright, never in the book's italics.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from tools.importer import schema
from tools.importer.pipeline import DATA_DIR

NOTES = DATA_DIR / "edition_notes.yaml"
GLOSSARY = "glossary/index"
LABEL = "Note of this edition: "
CLASS = "edition-annotation"
logger = logging.getLogger(__name__)


@cache
def edition_notes() -> tuple[dict, ...]:
    return tuple(schema.load_data(NOTES, schema.SCHEMAS[NOTES.name]))


def annotation(entry: dict) -> nodes.container:
    """The note as readers see it: label, note and evidence."""
    return nodes.container(
        "", nodes.paragraph("", "", nodes.strong(LABEL, LABEL), nodes.Text(entry["note"])),
        nodes.paragraph("", f"Evidence: {entry['evidence']}", classes=["edition-annotation-evidence"]),
        classes=[CLASS])


def definitions_by_headword(document: nodes.document) -> dict[str, nodes.definition]:
    return {item.next_node(nodes.term).astext(): item.next_node(nodes.definition)
            for item in document.findall(nodes.definition_list_item)}


class AddEditionNotes(SphinxTransform):
    """Each note of this edition after the Glossary entry it is about."""

    default_priority = 500

    def apply(self, **kwargs: Any) -> None:
        if self.env.docname != GLOSSARY:
            return
        self.env.note_dependency(str(NOTES))
        definitions = definitions_by_headword(self.document)
        lines = schema.entry_lines(NOTES.read_text(encoding="utf-8"))
        for entry, line in zip(edition_notes(), lines, strict=True):
            if entry["glossary"] not in definitions:
                logger.warning("the Glossary has no entry %r: write the headword as the Glossary prints it, "
                               "or remove the note", entry["glossary"], location=(str(NOTES), line))
                continue
            definitions[entry["glossary"]] += annotation(entry)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_transform(AddEditionNotes)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
