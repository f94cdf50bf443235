"""ED014-ED015: headings in order: one title (H1) per page, then no level skipped.

The contents, the EPUB's navigation and screen readers' lists of headings are built from
the headings; a second H1 makes a second page title and a skipped level a hole in the outline.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..core.markdown import MarkdownBook, Page
from ..core.rules import Problem, rule


def headings(page: Page) -> list[tuple[int, int]]:
    """(line, level) of the page's headings."""
    return [(line, int(token.tag[1])) for line, token in page.tokens if token.type == "heading_open"]


@rule("ED014")
def one_title(page: Page, book: MarkdownBook) -> Iterator[Problem]:
    """A page has exactly one H1, its title."""
    titles = [line for line, level in headings(page) if level == 1]
    if not titles:
        yield Problem(1, "the page has no title", "give it one H1: '# Title'")
    for line in titles[1:]:
        yield Problem(line, f"a second H1; the title is the H1 on line {titles[0]}",
                      "make it '##', a section of the page")


@rule("ED015")
def levels_in_order(page: Page, book: MarkdownBook) -> Iterator[Problem]:
    """No heading level is skipped (an H3 follows an H2 or an H3), and none comes before a page's H1."""
    previous = 0
    for line, level in headings(page):
        if level > previous + 1:
            if previous == 0:
                yield Problem(line, f"an H{level} before the page's title", "start the page with its '# Title'")
            else:
                yield Problem(line, f"an H{level} after an H{previous}",
                              f"make it {'#' * (previous + 1)}, or add the missing level above it")
        previous = level


RULES = (one_title, levels_in_order)
