"""Notes of this edition (tools/data/edition_notes.yaml, which the importer checks and writes into
glossary/edition-notes.json for the build): where the print edition states a fact
wrongly and its words stay as printed, a note of this edition stands beside them, with its
evidence. It is the edition's own voice, so it is set apart from the book's text and from the
book's notes in every format: labelled "Note of this edition", in a box of its own class
(`edition-annotation`: a rule and a sans-serif face on the site and in the EPUB, the same in the
PDF through edition.sty), upright, never in the book's italics.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from ..core.build_data import EDITION_NOTES, EditionNote, read_build_data
from ..core.errors import SourceError, Stopped

GLOSSARY = "glossary/index"
LABEL = "Note of this edition: "
CLASS = "edition-annotation"
logger = logging.getLogger(__name__)


def edition_notes(srcdir: Path) -> list[EditionNote]:
    try:
        return read_build_data(srcdir / EDITION_NOTES, list[EditionNote], "list of notes of this edition")
    except SourceError as error:
        raise Stopped(str(error)) from None


def annotation(entry: EditionNote) -> nodes.container:
    """The note as readers see it: label, note and evidence."""
    return nodes.container(
        "", nodes.paragraph("", "", nodes.strong(LABEL, LABEL), nodes.Text(entry.note)),
        nodes.paragraph("", f"Evidence: {entry.evidence}", classes=["edition-annotation-evidence"]),
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
        self.env.note_dependency(EDITION_NOTES)
        definitions = definitions_by_headword(self.document)
        for entry in edition_notes(Path(self.env.srcdir)):
            if entry.glossary not in definitions:  # the importer checks the headword: a Glossary edited since
                logger.warning("the Glossary has no entry %r for its note of this edition: import again, or "
                               "correct the note's headword in tools/data/edition_notes.yaml", entry.glossary,
                               location=GLOSSARY)
                continue
            definitions[entry.glossary] += annotation(entry)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_transform(AddEditionNotes)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
