"""The theme's text values escaped: sphinx-book-theme puts two page titles into the page as text
(`pagetitle`, the print header's `<h1>`; `root_title`, the sidebar's name of the book), where its
templates, like Sphinx's, do not autoescape and take every value as HTML. A heading is the
Markdown's text: escaped here, it shows as typed ("<script>" as those characters), as Sphinx's
own `title` does.
"""

from __future__ import annotations

import html
from typing import Any

from sphinx.application import Sphinx

TEXT_VALUES = ("pagetitle", "root_title")


def escape_theme_text(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    for name in TEXT_VALUES:
        if isinstance(context.get(name), str):
            context[name] = html.escape(context[name])


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", escape_theme_text, priority=900)  # after the theme sets them (500)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
