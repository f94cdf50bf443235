"""Paragraph anchors: every paragraph of a selection gets a stable id a reader can cite.

The ids are counted in document order within each part of the page, so they are the same
after a rebuild and after a re-import (the importer is deterministic), and they say what
they point at:

- ``p1``, ``p2``, … the author's text (the paragraphs outside the editorial containers);
- ``h1``, ``h2``, … the editor's headnote;
- ``s1``, … the note on the source.

Footnotes keep their own ids and the dateline has none. Other extensions find the
paragraph a node stands in (or, for an index entry, the paragraph it stands before) with
`paragraph_id`. On the site each paragraph shows a "¶" link to itself on hover and focus
(`static/paragraph-links.js`), which "Cite this selection" follows.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from ...core.paragraph_numbering import container_prefix, in_selection
from ..assets import use_assets

READING_ORDER = "hsp"  # the prefixes in the order of a selection's page


def part_prefix(paragraph: nodes.paragraph) -> str | None:
    """'p', 'h' or 's' for the part of the page the paragraph stands in; None: not numbered."""
    ancestors = list(iter_ancestors(paragraph))
    # docinfo: the front matter, which MyST keeps as paragraphs until Sphinx removes it
    if any(isinstance(ancestor, (nodes.footnote, nodes.citation, nodes.docinfo)) for ancestor in ancestors):
        return None
    return container_prefix(ancestor.get("classes", ()) for ancestor in ancestors)


def iter_ancestors(node: nodes.Node) -> Any:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def is_anchor(node_id: str) -> bool:
    return len(node_id) > 1 and node_id[0] in "phs" and node_id[1:].isdigit()


def reading_order(anchor: str) -> tuple[int, int]:
    """Where an anchor's paragraph stands on its page: the headnote ('h2'), the note on the source
    ('s1'), then the author's text ('p1'); the page itself ('') and other ids first."""
    return (READING_ORDER.index(anchor[0]), int(anchor[1:])) if is_anchor(anchor) else (-1, 0)


def anchor_of(paragraph: nodes.Element) -> str | None:
    return next((node_id for node_id in paragraph.get("ids", ()) if is_anchor(node_id)), None)


def paragraph_id(node: nodes.Node) -> str | None:
    """The anchor of the paragraph `node` stands in; for a node between paragraphs (an index
    entry's target), the anchor of the next paragraph. None outside numbered paragraphs."""
    for ancestor in [node, *iter_ancestors(node)]:
        if isinstance(ancestor, nodes.paragraph) and (found := anchor_of(ancestor)):
            return found
    for following in node.findall(nodes.paragraph, include_self=False, siblings=True, ascend=True):
        if found := anchor_of(following):
            return found
    return None


def cited_by(footnote: nodes.footnote) -> str | None:
    """The anchor of the paragraph whose note this is (its first reference), for what stands in
    or just before a note: footnotes have no anchors of their own in every format."""
    document = footnote.document
    for refid in footnote.get("backrefs", ()):
        reference = document.ids.get(refid) if document is not None else None
        if reference is not None and (found := paragraph_id(reference)):
            return found
    return None


class NumberParagraphs(SphinxTransform):
    """Give each paragraph of a selection its id: p1…, h1…, s1…"""

    default_priority = 870  # before Sphinx emits doctree-read (a transform at 880): its handlers use the ids

    def apply(self, **kwargs: Any) -> None:
        if not in_selection(self.env.docname):
            return
        counts: dict[str, int] = {}
        for paragraph in self.document.findall(nodes.paragraph):
            prefix = part_prefix(paragraph)
            if prefix is None:
                continue
            counts[prefix] = counts.get(prefix, 0) + 1
            paragraph["ids"].insert(0, f"{prefix}{counts[prefix]}")
            self.document.ids[paragraph["ids"][0]] = paragraph


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_transform(NumberParagraphs)
    use_assets(app, "paragraph-links.js")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
