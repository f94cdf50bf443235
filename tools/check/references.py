"""ED007-ED009: links within the book lead somewhere: glossary terms, pages, works cited."""

from __future__ import annotations

import difflib
import posixpath
import urllib.parse
from collections.abc import Iterator

from sphinx.util.nodes import split_explicit_title

from ..core import allowed
from ..core.markdown import MarkdownBook, Page, docname_join
from ..core.rules import Problem, rule

WORK_LINK = "#work-"  # `[*My Life*](#work-trotsky-my-life)`: tools/edition/finding/works_cited.py


def roles(page: Page, *names: str) -> Iterator[tuple[int, str]]:
    """(line, content) of the page's roles with one of these names."""
    for line, token in page.tokens:
        if token.type == "myst_role" and token.meta["name"] in names:
            yield line, token.content


def target(content: str) -> str:
    """The target of `{role}`text <target>`` or `{role}`target``, its spaces collapsed as Sphinx does."""
    return " ".join(split_explicit_title(content)[2].split())


def close(word: str, choices: list[str], cutoff: float = 0.75) -> str:
    found = difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)
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


def written_from(page: Page, docname: str, suffix: str = "") -> str:
    """How `page` names the document `docname`: relative to the page's folder, as a link is written."""
    return posixpath.relpath(docname, posixpath.dirname(page.docname) or ".") + suffix


def closest_page(page: Page, book: MarkdownBook, written: str, suffix: str = "") -> str:
    """A suggestion: the page whose name, written from this page, is closest to what was written."""
    names = sorted(written_from(page, docname, suffix) for docname in book.docnames if docname != page.docname)
    return close(written, names, cutoff=0.6)


def page_links(page: Page) -> Iterator[tuple[int, str, str]]:
    """(line, path, anchor) of each Markdown link that MyST resolves within the project (no scheme,
    not '#anchor'): the path before any '#' and the anchor after it, %-escapes decoded as MyST does."""
    for line, token in page.tokens:
        href = str(token.attrs.get("href", "")) if token.type == "link_open" else ""
        if href and not href.startswith("#") and allowed.scheme(href) is None:
            path, _, anchor = urllib.parse.unquote(href).partition("#")
            if path:
                yield line, path, anchor


def link_problem(page: Page, book: MarkdownBook, path: str, anchor: str) -> str | None:
    """Why MyST cannot resolve a Markdown link within the book (None: it can). A file of the book
    is a page, and an anchor in it must be one MyST finds there, an explicit target `(name)=`; a
    link without a file names an explicit target of the book."""
    docname = link_docname(page, book, path)
    if docname is None:
        return None if path.lower() in book.labels else f"the link to '{path}' leads to no page of the book"
    if anchor and anchor not in book.anchors.get(docname, set()):
        return (f"the link to '{path}#{anchor}' names no anchor of that page (the build finds only its "
                "`(name)=` targets there)")
    return None


def link_docname(page: Page, book: MarkdownBook, path: str) -> str | None:
    """The page a Markdown link leads to, as MyST resolves it: a file of the project, relative to
    the page's folder (or, starting with /, to the project), that is a page of the book."""
    docname = docname_join(page, path)
    for suffix in book.suffixes:
        if docname.endswith(suffix) and docname.removesuffix(suffix) in book.docnames:
            return docname.removesuffix(suffix)
    return None


@rule("ED008")
def pages_exist(page: Page, book: MarkdownBook) -> Iterator[Problem]:
    """Every `{doc}` and every Markdown link within the book names a page of the book, as the build resolves it."""
    for line, content in roles(page, "doc"):
        docname = docname_join(page, target(content))
        if docname not in book.docnames:
            yield Problem(line, f"{{doc}} '{target(content)}' is not a page of the book",
                          f"{closest_page(page, book, target(content))}name the page without '.md', "
                          "relative to this file's folder or, starting with /, to the project")
    for line, path, anchor in page_links(page):
        if problem := link_problem(page, book, path, anchor):
            yield Problem(line, problem, f"{closest_page(page, book, path, '.md')}link to the page's file with "
                          "'.md', relative to this file's folder, and to a `(name)=` target in it")


@rule("ED009")
def works_cited(page: Page, book: MarkdownBook) -> Iterator[Problem]:
    """Every link to a work cited (`#work-key`) names a key of references.bib ({cite} roles: ED018)."""
    hrefs = [(line, str(token.attrs.get("href", ""))) for line, token in page.tokens if token.type == "link_open"]
    keys = [(line, href.removeprefix(WORK_LINK)) for line, href in hrefs if href.startswith(WORK_LINK)]
    for line, key in keys:
        if key not in book.work_keys:
            yield Problem(line, f"link to a work cited: no entry '{key}' in references.bib",
                          f"{close(key, sorted(book.work_keys))}use the key of the work's entry in "
                          "references.bib, or add the entry there")


RULES = (glossary_terms, pages_exist, works_cited)
