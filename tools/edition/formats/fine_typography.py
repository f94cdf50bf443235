"""Typography in all three formats, as transforms on the doctree (text, not markup, changes):

- a straight quote just before a link opens ("(“The Opposition’s Errors…”"): docutils'
  smart quotes cannot see past the end of a text node and would close it;
- the book's spaced ellipsis ". . ." everywhere (the one "..." of the conversion too), its
  dots tied with no-break spaces so that it never breaks across lines;
- no-break spaces after initials ("I.N. Smirnov", "E. van Overstraeten") and between
  "p."/"pp." and the page number ("p. 41");
- a run of spaces is one space, as HTML shows it; the title page's typeset gaps ("New York
  London", spaces around a no-break space) are em spaces.

HTML and EPUB get U+00A0, LaTeX an unbreakable space.
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
ELLIPSIS = re.compile(r"\.(?: ?\.){2}")
SPACES = re.compile(r"[ \u00a0]{2,}")
OPENING_CONTEXT = " \n\t([{\u2014\u2013/" + NBSP  # a quote after one of these opens
OPENING = {'"': "\u201c", "'": "\u2018"}
SKIP = (nodes.literal, nodes.literal_block, nodes.raw, nodes.comment, nodes.FixedTextElement)


def one_space(match: re.Match[str]) -> str:
    """A run of spaces is one; a typeset gap (with a no-break space) is an em space."""
    return "\u2003" if NBSP in match[0] else " "


def tie(text: str) -> str:
    """No-break spaces after initials and page abbreviations; the spaced, tied ellipsis."""
    text = ELLIPSIS.sub(f".{NBSP}.{NBSP}.", SPACES.sub(one_space, text))
    return PAGES.sub(rf"\1{NBSP}", INITIALS.sub(rf"\1{NBSP}", text))


def text_nodes(document: nodes.document) -> list[nodes.Text]:
    return [node for node in document.findall(nodes.Text) if not isinstance(node.parent, SKIP)]


def following_text(node: nodes.Text) -> nodes.Node | None:
    """The node after a text node within its paragraph, if any (e.g. a link)."""
    if node is not node.parent[-1]:
        return node.next_node(descend=False, siblings=True)
    return node.parent.next_node(descend=False, siblings=True) if isinstance(node.parent, nodes.Inline) else None


class QuotesBeforeInlineMarkup(SphinxTransform):
    """Open a straight quote that ends a text node when markup follows and a space precedes."""

    default_priority = 745  # before docutils' SmartQuotes (750)

    def apply(self, **kwargs: Any) -> None:
        previous = " "
        for node in text_nodes(self.document):
            text = str(node)
            before = text[-2] if len(text) > 1 else previous
            if text and text[-1] in OPENING and before in OPENING_CONTEXT and following_text(node) is not None:
                node.parent.replace(node, nodes.Text(text[:-1] + OPENING[text[-1]]))
            previous = text[-1:] or previous


class NoBreakSpaces(SphinxTransform):
    default_priority = 760  # after SmartQuotes (750): the text is final

    def apply(self, **kwargs: Any) -> None:
        for node in text_nodes(self.document):
            text = str(node)
            new = tie(text)
            after = following_text(node)
            if after is not None and TRAILING.search(new) and after.astext()[:1].isalnum():
                new = new[:-1] + NBSP
            if new != text:
                node.parent.replace(node, nodes.Text(new))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_transform(QuotesBeforeInlineMarkup)
    app.add_transform(NoBreakSpaces)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
