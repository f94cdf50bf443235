"""ED007-ED009: links within the book lead somewhere: glossary terms, pages, works cited."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from sphinx.util.nodes import split_explicit_title

from ..core.markdown import MarkdownBook, Page, docname_join
from ..core.rules import Problem, rule

WORK_LINK = "#work-"  # `[*My Life*](#work-trotsky-my-life)`: tools/edition/finding/works_cited.py
CITE_ROLES = ("cite", "footcite")


def roles(page: Page, *names: str) -> Iterator[tuple[int, str]]:
    """(line, content) of the page's roles with one of these names (`cite` also finds `cite:p`)."""
    for line, token in page.tokens:
        if token.type == "myst_role" and token.meta["name"].split(":")[0] in names:
            yield line, token.content


def target(content: str) -> str:
    """The target of `{role}`text <target>`` or `{role}`target``, its spaces collapsed as Sphinx does."""
    return " ".join(split_explicit_title(content)[2].split())


def close(word: str, choices: list[str]) -> str:
    found = difflib.get_close_matches(word, choices, n=1, cutoff=0.75)
    return f"did you mean '{found[0]}'? " if found else ""


@rule("ED007")
def glossary_terms(page: Page, book: MarkdownBook) -> Iterator[Problem]:
    """Every `{term}` names a headword of the glossary (glossary/index.md)."""
    for line, content in roles(page, "term"):
        term = target(content)
        if term.lower() not in book.headwords:
            yield Problem(line, f"{{term}} '{term}' is not a glossary headword",
                          f"{close(term, list(book.headwords.values()))}write {{term}}`text <Headword>` with "
                          "a headword of glossary/index.md, or add the entry to the glossary")


@rule("ED008")
def pages_exist(page: Page, book: MarkdownBook) -> Iterator[Problem]:
    """Every `{doc}` names a page of the book."""
    for line, content in roles(page, "doc"):
        docname = docname_join(page, target(content))
        if docname not in book.docnames:
            yield Problem(line, f"{{doc}} '{target(content)}' is not a page of the book",
                          f"{close(docname, sorted(book.docnames))}name the page without '.md', "
                          "relative to this file's folder or, starting with /, to the project")


@rule("ED009")
def works_cited(page: Page, book: MarkdownBook) -> Iterator[Problem]:
    """Every link to a work cited (`#work-key`) and every `{cite}` names a key of references.bib."""
    hrefs = [(line, str(token.attrs.get("href", ""))) for line, token in page.tokens if token.type == "link_open"]
    keys = [(line, href.removeprefix(WORK_LINK), "link to a work cited")
            for line, href in hrefs if href.startswith(WORK_LINK)]
    keys += [(line, key.strip(), "{cite}")
             for line, content in roles(page, *CITE_ROLES) for key in content.split(",")]
    for line, key, what in keys:
        if key not in book.work_keys:
            yield Problem(line, f"{what}: no entry '{key}' in references.bib",
                          f"{close(key, sorted(book.work_keys))}use the key of the work's entry in "
                          "references.bib, or add the entry there")


RULES = (glossary_terms, pages_exist, works_cited)
