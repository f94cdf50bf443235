"""ED010-ED013: nothing in the Markdown can put script or remote content into the site.

A pull request changes Markdown; the site is built from it and published. Raw HTML, raw
output directives and roles, links with a script scheme and remote images would let a change
run code in readers' browsers or track them; the Markdown has no need of any of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .book import Book, Page, included
from .registry import Problem, rule

SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
LINK_SCHEMES = ("http", "https", "mailto")
REMOTE = ("http", "https")
RAW_DIRECTIVES = {"raw": "raw output", "eval-rst": "reStructuredText (which has raw output)",
                  "role": "new roles (which can be raw output)"}
IMAGE_DIRECTIVES = ("image", "figure")


def scheme(url: str) -> str | None:
    """The URL's scheme as a browser reads it (it ignores spaces and control characters), or None."""
    match = SCHEME.match("".join(character for character in url if ord(character) > 32).lower())
    return match[1] if match else None


def excerpt(text: str) -> str:
    first = text.strip().split("\n")[0]
    return first if len(first) <= 40 else first[:37] + "..."


@rule("ED010")
def no_raw_html(page: Page, book: Book) -> Iterator[Problem]:
    """No raw HTML: tags and HTML comments are passed to the site as they are."""
    for line, token in page.tokens:
        if token.type in ("html_block", "html_inline"):
            yield Problem(line, f"raw HTML '{excerpt(token.content)}'",
                          "use Markdown, a `:::{container} class` fence for a styled block, `% ...` for a "
                          "comment; write a literal < as \\<")


@rule("ED011")
def no_raw_output(page: Page, book: Book) -> Iterator[Problem]:
    """No `{raw}` or `{eval-rst}` directive, no new or raw roles, no `{include}` of other parsers or outside files."""
    for directive in page.directives:
        if directive.name in RAW_DIRECTIVES:
            yield Problem(directive.line, f"the {{{directive.name}}} directive passes {RAW_DIRECTIVES[directive.name]}"
                          " to the site", "write it in Markdown")
        elif directive.name == "include" and "parser" in directive.options:
            yield Problem(directive.line, f"{{include}} with another parser ('{directive.options['parser']}')",
                          "include Markdown, or use :literal: for text shown as it is")
        elif directive.name == "include" and not included(page, directive, book.root).is_relative_to(book.root):
            yield Problem(directive.line, f"{{include}} '{directive.argument}' is outside the project",
                          "include files of the project only")
    for line, token in page.tokens:
        if token.type == "myst_role" and token.meta["name"].startswith("raw"):
            yield Problem(line, f"the {{{token.meta['name']}}} role passes raw output to the site", "use Markdown")


def urls(page: Page) -> Iterator[tuple[int, str, str]]:
    """(line, 'link' or 'image', address) of every link and image, directives' included."""
    for line, token in page.tokens:
        if token.type == "link_open":
            yield line, "link", str(token.attrs.get("href", ""))
        elif token.type == "image":
            yield line, "image", str(token.attrs.get("src", ""))
    for directive in page.directives:
        if directive.name in IMAGE_DIRECTIVES:
            yield directive.line, "image", directive.argument
        if "target" in directive.options:
            yield directive.line, "link", directive.options["target"]


@rule("ED012")
def safe_links(page: Page, book: Book) -> Iterator[Problem]:
    """Links are http, https or mailto, or within the book: no `javascript:`, `data:`, `vbscript:` or other schemes."""
    for line, kind, url in urls(page):
        found = scheme(url)
        if found and found not in LINK_SCHEMES and not (kind == "image" and found in REMOTE):
            yield Problem(line, f"{kind} to '{excerpt(url)}': the {found}: scheme is not allowed",
                          "link to an http(s) or mailto address, or to a page or entry of the book")


@rule("ED013")
def local_images(page: Page, book: Book) -> Iterator[Problem]:
    """Images are files of the project, not remote addresses (they would track readers and miss from EPUB and PDF)."""
    for line, kind, url in urls(page):
        if kind == "image" and (scheme(url) in REMOTE or url.strip().startswith("//")):
            yield Problem(line, f"remote image '{excerpt(url)}'", "put the image in _static/ and link to the file")


RULES = (no_raw_html, no_raw_output, safe_links, local_images)
