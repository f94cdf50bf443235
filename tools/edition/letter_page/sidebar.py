"""The site's contents sidebar, written by the edition: the book's parts (the front page's captioned
contents lists) with their pages, the selections numbered and dated as an edition of letters does
("4  To a few exiled friends / February 28, 1928"; the numbers of the selection's header,
letter_header.py). Only the site: the EPUB's and the PDF's contents keep the titles alone.

The theme's sidebar (sphinx-book-theme's component over pydata-sphinx-theme's `generate_toctree_html`)
resolves the whole book's contents tree again for every page, renders it, parses the HTML with BeautifulSoup
and decorates it: some 29 % of a full HTML build's profile. With the book's settings (titles only, one level)
the sidebar is the same on every page but for its current marks and its relative addresses. So the parts and
their entries are worked out once a build, as data (each caption and title rendered by Sphinx's own HTML
writer), and each page's sidebar is the template `edition-sidebar-parts.html` (autoescaped) over that data:
the page's entry, or the entry of its ancestor in the contents tree (`env.toctree_includes`: a correspondent's
page under "Correspondents"), marked current; each address the page's own `pathto`. For the book's kind of
pages (no `tocdepth`, no contents list outside a section or in an `only`) it writes what the theme writes,
byte for byte (tests/test_sidebar.py compares them on every page of a test root), but for a `"` or `@` in a
title or caption, which Sphinx's writer gives as `&quot;` and `&#64;` and the theme's BeautifulSoup as the
character itself.

Where the edition does not model the theme's behaviour the theme's own function runs, unchanged:
another `kind`, a `startdepth` other than 0, a `maxdepth` other than 1, without `titles_only` or
`includehidden`, `show_nav_level` 0 (parts that fold); a page whose addresses an extension rewrites
(the 404 page, whose links sphinx-notfound-page makes absolute); and a book whose front page lists an
entry that is not one of its documents, or a document with more than one top-level heading, or whose
contents tree gives a page more than one parent. Sphinx's own pages that are no document (the Index,
genindex; search) are in no contents list: their sidebar marks nothing current, as the theme's.

`edition-sidebar-nav.html`, the component conf.py's `html_sidebars` names, is the theme's component
with this in place of the theme's function: so the theme's own check whether a sidebar component is
empty (run on every page before it is written) also runs this, not the theme's function.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from docutils import nodes
from markupsafe import Markup
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.adapters.toctree import TocTree

from ..selections import selections
from ..unchanged_pages import shows
from .letter_header import numbers

CONTENTS = "edition_sidebar_contents"  # the builder's attribute: this build's parts, or None where not modelled
PARTS_TEMPLATE = "edition-sidebar-parts.html"


@dataclass(frozen=True)
class Entry:
    docname: str
    title: Markup  # Sphinx's HTML of the title, as the contents tree gives it
    number: str  # "4", "A"; "" for the front and back matter
    date: str


@dataclass(frozen=True)
class Part:
    caption: Markup | None  # Sphinx's HTML of the contents list's caption
    entries: tuple[Entry, ...]


def numbers_and_dates(env: BuildEnvironment) -> dict[str, tuple[str, str]]:
    """{selection: (its number, its date)}: "4", "A" for "Appendix A"; the front matter has neither."""
    numbered = numbers(env)
    return {selection.docname: (numbered.get(selection.docname, "").removeprefix("Appendix "), selection.date)
            for selection in selections(env)}


def rendered_title(builder: Any, children: list[nodes.Node]) -> Markup:
    """The HTML that Sphinx's writer makes of these nodes as a title (escaped by the writer)."""
    return Markup(builder.render_partial(nodes.title("", "", *(child.deepcopy() for child in children)))["title"])


def one_parent_each(env: BuildEnvironment) -> bool:
    """Does every page have at most one parent in the contents tree? (Sphinx marks the ancestors of a page
    listed twice by one of its parents, the theme's sidebar by every path to it.)"""
    listed = Counter(child for children in env.toctree_includes.values() for child in children)
    return all(count == 1 for count in listed.values())


def part_of(app: Sphinx, toctree: addnodes.toctree, labels: dict[str, tuple[str, str]]) -> Part | None:
    """One of the front page's contents lists as Sphinx resolves it for the sidebar; None if not modelled."""
    env, builder = app.env, app.builder
    resolved = TocTree(env).resolve(env.config.root_doc, builder, toctree, prune=True, maxdepth=1,
                                    titles_only=True, collapse=True, includehidden=True)
    if resolved is None:
        return Part(None, ())  # nothing to show: Sphinx leaves it out
    caption = resolved[0] if isinstance(resolved[0], nodes.title) else None
    docnames = [docname for _title, docname in toctree["entries"]]
    references = [item.next_node(nodes.reference) for item in resolved.findall(nodes.list_item)]
    if len(references) != len(docnames) or None in references or not set(docnames) <= env.all_docs.keys():
        return None  # a link or "self" (no document), or a document with more than one top-level heading
    return Part(caption=rendered_title(builder, caption.children) if caption else None,
                entries=tuple(Entry(docname, rendered_title(builder, reference.children),
                                    *labels.get(docname, ("", "")))
                              for docname, reference in zip(docnames, references, strict=True)))


def book_parts(app: Sphinx) -> tuple[Part, ...] | None:
    """The sidebar's parts and entries, worked out once a build (they do not change while pages are
    written); None where the edition does not model the theme's sidebar."""
    if not hasattr(app.builder, CONTENTS):
        labels = numbers_and_dates(app.env)
        parts = [part_of(app, toctree, labels) for toctree in app.env.master_doctree.findall(addnodes.toctree)]
        modelled = None not in parts and one_parent_each(app.env)
        setattr(app.builder, CONTENTS, tuple(part for part in parts if part and part.entries) if modelled else None)
    return getattr(app.builder, CONTENTS)


def current_pages(app: Sphinx, pagename: str) -> set[str]:
    """The page and its ancestors in the contents tree: their entries are marked current."""
    return {pagename, *TocTree(app.env).get_toctree_ancestors(pagename)}


def the_books_sidebar(kind: str, startdepth: int, show_nav_level: int, options: dict[str, Any]) -> bool:
    """Is this the call of the book's sidebar component: the whole contents, titles only, one level,
    hidden lists included, the parts not folding?"""
    return (kind == "sidebar" and int(startdepth) == 0 and int(options.get("maxdepth") or 0) == 1
            and bool(options.get("titles_only")) and bool(options.get("includehidden")) and int(show_nav_level) != 0)


def addresses_rewritten(app: Sphinx, pagename: str, pathto: Callable[[str], str]) -> bool:
    """Does an extension give this page other addresses than the builder's (sphinx-notfound-page: the 404
    page's, absolute, as it may be served at any address)?"""
    root = app.config.root_doc
    return pathto(root) != (app.builder.get_relative_uri(pagename, root) or "#")


def render_sidebar(app: Sphinx, pagename: str, parts: tuple[Part, ...], pathto: Callable[[str], str]) -> Markup:
    return Markup(app.builder.templates.render(PARTS_TEMPLATE, {
        "parts": parts, "current": current_pages(app, pagename), "pagename": pagename, "pathto": pathto}))


def add_sidebar_function(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    @cache  # the theme renders each sidebar component twice: to see whether it is empty, then in the page
    def edition_html(parts: tuple[Part, ...]) -> Markup:
        return render_sidebar(app, pagename, parts, context["pathto"])

    def edition_sidebar(theme_function: Callable[..., Any]) -> Callable[..., Any]:
        """The theme's `generate_toctree_html`, with the edition's sidebar where it models the call."""

        def generate_toctree_html(kind: str, startdepth: int = 1, show_nav_level: int = 1, **options: Any) -> Any:
            parts = book_parts(app)
            if (parts is None or not the_books_sidebar(kind, startdepth, show_nav_level, options)
                    or addresses_rewritten(app, pagename, context["pathto"])):
                return theme_function(kind=kind, startdepth=startdepth, show_nav_level=show_nav_level, **options)
            return edition_html(parts)

        return generate_toctree_html

    context["edition_sidebar"] = edition_sidebar


def shown(app: Sphinx, pagename: str, doctree: Any) -> Any:
    """What the sidebar shows on a page, for unchanged_pages: the parts (captions, titles, numbers, dates)
    and the entries marked current."""
    return book_parts(app), sorted(current_pages(app, pagename))


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", add_sidebar_function)
    shows(app, shown)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
