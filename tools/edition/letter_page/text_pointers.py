"""Headnotes' pointers into the text ("point 6", "the fifth paragraph from the end") become links
to the paragraph they mean.

The pointers are curated in `tools/data/text_pointers.yaml`, each with the paragraph it points
at, the first words of that paragraph and a reason; the Markdown stays as the importer wrote
it. An entry whose words are not in the headnote (once), or whose paragraph no longer begins
with its first words, is a warning, which the edition's `-W` build makes an error. HTML and
EPUB only: the PDF has no paragraph anchors, and keeps the words as printed.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import msgspec
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from ...core import schema
from ...core.build_data import TEXT_POINTERS
from ...core.errors import SourceError, Stopped
from ...core.paragraph_numbering import SELECTIONS_FOLDER, in_selection
from .paragraphs import anchor_of, iter_ancestors

logger = logging.getLogger(__name__)
DATA_NAME = "tools/data/text_pointers.yaml"  # as the messages name it
HEADNOTE = "headnote"


class TextPointer(schema.TextPointer):
    """An entry of the data file, as its schema reads it, and the page it points into."""

    @property
    def docname(self) -> str:
        return SELECTIONS_FOLDER + self.selection


@cache
def load_pointers(path: Path) -> tuple[TextPointer, ...]:
    """The editors' pointers (tools/data/text_pointers.yaml), as the importer put them in the project."""
    try:
        return tuple(msgspec.convert(schema.load_data(path, schema.TextPointer), list[TextPointer]))
    except SourceError as error:
        raise Stopped(str(error)) from None


def same_spaces(text: str) -> str:
    """No-break spaces (typography.py) read as spaces: the data is written with plain ones."""
    return text.replace("\u00a0", " ")


def find_paragraph(document: nodes.document, anchor: str) -> nodes.paragraph | None:
    return next((paragraph for paragraph in document.findall(nodes.paragraph) if anchor_of(paragraph) == anchor), None)


def phrase_places(container: nodes.Element, phrase: str) -> list[tuple[nodes.Text, int]]:
    """Each (text node, offset) where `phrase` stands in `container`, outside links."""
    return [(text, offset) for text in container.findall(nodes.Text)
            if not any(isinstance(ancestor, nodes.reference) for ancestor in iter_ancestors(text))
            for offset in occurrences(same_spaces(str(text)), phrase)]


def occurrences(text: str, phrase: str) -> list[int]:
    """Where `phrase` stands as words of its own: "point 2" is not in "point 22"."""
    return [match.start() for match in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", text)]


def link_phrase(text: nodes.Text, offset: int, pointer: TextPointer) -> None:
    """Replace `text` by the words before the phrase, a link made of the phrase, the words after."""
    value = str(text)
    end = offset + len(pointer.phrase)
    link = nodes.reference("", "", nodes.Text(value[offset:end]), refid=pointer.paragraph, internal=True,
                           classes=["text-pointer"])
    pieces = [nodes.Text(value[:offset]), link, nodes.Text(value[end:])]
    text.parent.replace(text, [piece for piece in pieces if piece.astext()])


def problem_with(document: nodes.document, pointer: TextPointer) -> str | None:
    """Link the pointer in `document`; or say why it cannot be linked."""
    paragraph = find_paragraph(document, pointer.paragraph)
    if paragraph is None:
        return f"the page has no paragraph {pointer.paragraph}"
    if not same_spaces(paragraph.astext()).startswith(pointer.starts):
        return (f"paragraph {pointer.paragraph} begins “{same_spaces(paragraph.astext())[:60]}”, "
                f"not “{pointer.starts}”")
    headnote = next((node for node in document.findall(nodes.Element) if HEADNOTE in node.get("classes", ())), None)
    places = phrase_places(headnote, pointer.phrase) if headnote is not None else []
    if len(places) != 1:
        return f"“{pointer.phrase}” stands {len(places)} times in the headnote, not once"
    link_phrase(*places[0], pointer)
    return None


class LinkTextPointers(SphinxPostTransform):
    default_priority = 200  # after references are resolved: these links need no resolving
    formats = ("html",)  # HTML and EPUB

    def run(self, **kwargs: Any) -> None:
        docname = self.env.docname
        for pointer in load_pointers(Path(self.env.srcdir) / TEXT_POINTERS):
            if pointer.docname == docname and (problem := problem_with(self.document, pointer)):
                logger.warning(f"{DATA_NAME}: {pointer.selection}, “{pointer.phrase}”: {problem}; "
                               "correct the entry or remove it", location=docname,
                               type="edition", subtype="text-pointer")


def check_selections(app: Sphinx, env: BuildEnvironment) -> None:
    # a project with no selections at all (a crafted test project sharing the book's conf.py and
    # tools) is not the book: its pages cannot make an entry stale
    if not any(in_selection(docname) for docname in env.found_docs):
        return
    for pointer in load_pointers(Path(env.srcdir) / TEXT_POINTERS):
        if pointer.docname not in env.found_docs:
            logger.warning(f"{DATA_NAME}: no selection “{pointer.selection}” (entry “{pointer.phrase}”); "
                           "correct the entry or remove it", type="edition", subtype="text-pointer")


def depend_on_the_data(app: Sphinx, doctree: nodes.document) -> None:
    """An edited entry rewrites the selections in an incremental build too."""
    if in_selection(app.env.docname):
        app.env.note_dependency(TEXT_POINTERS)


def setup(app: Sphinx) -> dict[str, Any]:
    # bad data stops the build at once
    app.connect("builder-inited", lambda app: load_pointers(Path(app.srcdir) / TEXT_POINTERS))
    app.connect("doctree-read", depend_on_the_data)
    app.connect("env-check-consistency", check_selections)
    app.add_post_transform(LinkTextPointers)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
