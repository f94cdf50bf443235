"""No-break spaces where the printed book never breaks a line.

- after initials, before the surname: "I.N. Smirnov", "V.I. Lenin", "E. van Overstraeten";
- between "p."/"pp." and the page number: "p. 41", "pp. 258–60".

A transform on the doctree, so all three formats get U+00A0 (LaTeX: an unbreakable space).
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

NBSP = "\u00a0"
# one or more capital initials ("I.N.", "V. I.", "Yu.") followed by a space and a capitalized name
INITIALS = re.compile(r"(?<![\w.])((?:[A-Z][a-z]?\.\s?)*[A-Z][a-z]?\.) (?=(?:van |de |von )?[A-Z][a-z])")
PAGES = re.compile(r"(?<![\w.])(pp?\.) (?=\d)")
TRAILING = re.compile(r"(?<![\w.])((?:[A-Z][a-z]?\.\s?)*[A-Z][a-z]?\.|pp?\.) $")  # "V.I. " before a link
SKIP = (nodes.literal, nodes.literal_block, nodes.raw, nodes.comment)


def tie(text: str) -> str:
    return PAGES.sub(rf"\1{NBSP}", INITIALS.sub(rf"\1{NBSP}", text))


class NoBreakSpaces(SphinxTransform):
    default_priority = 760  # after smartquotes (750)? text nodes are final by then

    def apply(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(nodes.Text)):
            if isinstance(node.parent, SKIP):
                continue
            text = str(node)
            new = tie(text)
            following = node.parent.next_node(descend=False, siblings=True) if node is node.parent[-1] else None
            after = node.next_node(descend=False, siblings=True) or following
            if after is not None and TRAILING.search(new) and after.astext()[:1].isalnum():
                new = new[:-1] + NBSP
            if new != text:
                node.parent.replace(node, nodes.Text(new))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_transform(NoBreakSpaces)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
