"""The site's contents sidebar lists the selections numbered and dated, as an edition of
letters does ("4  To a few exiled friends / February 28, 1928").

The theme writes the sidebar with its `generate_toctree_html` page function; this wraps it
and adds the number and the date to each selection's link (the same numbers as the
selection's header, tools/edition/letter_page/letter_header.py). Only the site: the EPUB's and the
PDF's contents keep the titles alone.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from typing import Any

from sphinx.application import Sphinx

from ..selections import selections
from .letter_header import numbers

LABELS = "edition_sidebar_labels"  # the builder's attribute: numbers_and_dates of this build
LINK = re.compile(r'(?P<open><a class="[^"]*\breference internal\b[^"]*" href="(?P<href>[^"]*)">)(?P<title>[^<]*)</a>')


def docname_of(href: str, pagename: str) -> str:
    path = href.split("#")[0]
    if not path:
        return pagename
    return posixpath.normpath(posixpath.join(posixpath.dirname(pagename), path)).removesuffix(".html")


def numbers_and_dates(app: Sphinx) -> dict[str, tuple[str, str]]:
    """{selection: (its number, its date)}, once a build: every page's sidebar shows them all, and the
    front matter does not change while pages are written."""
    if not hasattr(app.builder, LABELS):
        numbered = numbers(app.env)
        setattr(app.builder, LABELS, {selection.docname: (numbered.get(selection.docname, ""), selection.date)
                                      for selection in selections(app.env)})
    return getattr(app.builder, LABELS)


def with_dates(app: Sphinx, pagename: str, sidebar: str) -> str:
    labels = numbers_and_dates(app)

    def add(link: re.Match[str]) -> str:
        docname = docname_of(html.unescape(link["href"]), pagename)
        if docname not in labels:
            return link[0]
        number, date = labels[docname]
        number = number.removeprefix("Appendix ")
        # the shortest markup that does it: 45 links on every page of the site
        before = f"<b>{html.escape(number)}</b> " if number else ""
        after = f"<small>{html.escape(date)}</small>" if date else ""
        return f'{link["open"]}{before}{link["title"]}{after}</a>'

    return LINK.sub(add, sidebar)


def wrap_sidebar(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    generate: Callable[..., Any] | None = context.get("generate_toctree_html")
    if generate is None:
        return

    def generate_with_dates(*args: Any, **kwargs: Any) -> Any:
        # the arguments passed on as they came: the theme caches its function by them, and the
        # theme's own check whether the sidebar is empty has already called it with the same ones
        found = generate(*args, **kwargs)
        kind = kwargs["kind"] if "kind" in kwargs else args[0]
        return with_dates(app, pagename, str(found)) if kind == "sidebar" else found

    context["generate_toctree_html"] = generate_with_dates


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", wrap_sidebar, priority=600)  # after the theme's (500) sets it
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
