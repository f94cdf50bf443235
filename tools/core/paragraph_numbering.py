"""How the paragraphs of a selection are numbered (p1…, h1…, s1…): the build gives them these
ids (tools/edition/letter_page/paragraphs.py) and `python -m tools diff` names paragraphs by
them, from the Markdown; both follow these rules, so that a report's "p12" is the site's #p12."""

from __future__ import annotations

from collections.abc import Iterable

SELECTIONS_FOLDER = "chapters/"
PREFIX_BY_CONTAINER = {"headnote": "h", "source-note": "s"}
AUTHOR_PREFIX = "p"
UNNUMBERED_CONTAINERS = {"dateline"}


def in_selection(docname: str) -> bool:
    return docname.startswith(SELECTIONS_FOLDER)


def container_prefix(classes_inside_out: Iterable[Iterable[str]]) -> str | None:
    """The prefix for a paragraph (not in a note) whose enclosing elements, innermost first, have
    these classes. Shared with `python -m tools diff`, which numbers paragraphs from the Markdown."""
    for classes in map(set, classes_inside_out):
        if classes & UNNUMBERED_CONTAINERS:
            return None
        for container, prefix in PREFIX_BY_CONTAINER.items():
            if container in classes:
                return prefix
    return AUTHOR_PREFIX
