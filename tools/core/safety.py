"""ED010-ED013, ED018-ED020: the Markdown holds only what the edition allows (tools/data/allow-list.yaml).

A pull request changes Markdown; the site, the EPUB and the PDF are built from it and
published. Raw HTML, raw output, file inclusion, links with a script scheme, remote images,
page settings in the front matter and files too large to read would let a change run code in
readers' browsers, track them, publish files of the machine that builds the book, or stop the
build. The build refuses all of these itself (tools/edition/allow_list.py runs these same
rules on every page before it is parsed); the lint says so early. These are the security codes:
no comment in the Markdown can silence them (tools/check/suppress.py).
"""

from __future__ import annotations

from collections.abc import Iterator

from . import allowed
from .markdown import MarkdownBook, Page
from .rules import Problem, rule
from .selection_fields import FIELDS

RAW_DIRECTIVES = {"raw": "passes raw output to the site", "eval-rst": "reads reStructuredText, which has raw output",
                  "role": "makes new roles, which can be raw output",
                  "include": "inserts another file (the build reads no file but the page)",
                  "literalinclude": "inserts another file (the build reads no file but the page)"}
RAW_ROLES = ("raw",)
IMAGE_DIRECTIVES = ("image", "figure")
TOCTREE_OPTION = ":"


def excerpt(text: str) -> str:
    first = text.strip().split("\n")[0]
    return first if len(first) <= 40 else first[:37] + "..."


def role_names(page: Page) -> Iterator[tuple[int, str]]:
    for line, token in page.tokens:
        if token.type == "myst_role":
            yield line, token.meta["name"]


@rule("ED010")
def no_raw_html(page: Page, book: MarkdownBook) -> Iterator[Problem]:
    """No raw HTML: tags and HTML comments are passed to the site as they are."""
    for line, token in page.tokens:
        if token.type in ("html_block", "html_inline"):
            yield Problem(line, f"raw HTML '{excerpt(token.content)}'",
                          "use Markdown, a `:::{container} class` fence for a styled block, `% ...` for a "
                          "comment; write a literal < as \\<")


@rule("ED011")
def no_raw_output(page: Page, book: MarkdownBook) -> Iterator[Problem]:
    """No `{raw}`, `{eval-rst}`, `{role}`, `{include}` or `{literalinclude}` directive, no `raw` role, in any case."""
    for directive in page.directives:
        what = RAW_DIRECTIVES.get(directive.name.lower())
        if what:
            yield Problem(directive.line, f"the {{{directive.name}}} directive {what}", "write it in Markdown")
    for line, name in role_names(page):
        if name.lower().startswith(RAW_ROLES):
            yield Problem(line, f"the {{{name}}} role passes raw output to the site", "use Markdown")


def toctree_entries(page: Page) -> Iterator[tuple[int, str]]:
    """(line, target) of every entry of the page's `{toctree}`s: `target` or `title <target>`."""
    for directive in page.directives:
        if directive.name.lower() != "toctree":
            continue
        for number, text in enumerate(directive.body.split("\n"), start=directive.body_line):
            entry = text.strip()
            if entry and not entry.startswith(TOCTREE_OPTION):
                yield number, entry.rpartition("<")[2].rstrip(">") if entry.endswith(">") else entry


def urls(page: Page) -> Iterator[tuple[int, str, str]]:
    """(line, 'link' or 'image', address) of every link and image, directives' and toctrees' included."""
    for line, token in page.tokens:
        if token.type == "link_open":
            yield line, "link", str(token.attrs.get("href", ""))
        elif token.type == "image":
            yield line, "image", str(token.attrs.get("src", ""))
    for directive in page.directives:
        if directive.name.lower() in IMAGE_DIRECTIVES:
            yield directive.line, "image", directive.argument
        if "target" in directive.options:
            yield directive.line, "link", directive.options["target"]
    for line, target in toctree_entries(page):
        yield line, "contents entry", target


@rule("ED012")
def safe_links(page: Page, book: MarkdownBook) -> Iterator[Problem]:
    """Links are http, https or mailto, or within the book, as a browser reads them; a contents entry is a page."""
    for line, kind, url in urls(page):
        if kind == "contents entry" and allowed.is_remote(url):
            yield Problem(line, f"contents entry '{excerpt(url)}' is an address, not a page of the book",
                          "list pages of the book in a {toctree}")
        elif kind != "image" and (problem := allowed.link_problem(url)):
            yield Problem(line, f"{kind} to '{excerpt(url)}': {problem}",
                          "link to an http(s) or mailto address, or to a page or entry of the book")


@rule("ED013")
def local_images(page: Page, book: MarkdownBook) -> Iterator[Problem]:
    """Images are image files of the book's folder (not hidden, not remote: they would track readers)."""
    for line, kind, url in urls(page):
        if kind == "image" and (problem := allowed.image_problem(url, page.path, book.root)):
            yield Problem(line, f"image '{excerpt(url)}': {problem}", "put the image in _static/ and link to the file")


@rule("ED018")
def allowed_names(page: Page, book: MarkdownBook) -> Iterator[Problem]:
    """Only the directives and roles of the allow-list (tools/data/allow-list.yaml), whatever their case;
    no code blocks (the build refuses every node type the allow-list does not name)."""
    for directive in page.directives:
        if not allowed.directive_allowed(directive.name) and directive.name.lower() not in RAW_DIRECTIVES:
            yield Problem(directive.line, f"the {{{excerpt(directive.name)}}} directive is not one the book uses",
                          "use Markdown or a directive of tools/data/allow-list.yaml (to add one, see that file)")
    for line, token in page.tokens:
        if token.type == "code_block" or (token.type in ("fence", "colon_fence") and not token.info.startswith("{")):
            yield Problem(line, "a code block is not a construct the book uses",
                          "write the passage as paragraphs (indent nothing by four spaces)")
    for line, name in role_names(page):
        if not allowed.role_allowed(name) and not name.lower().startswith(RAW_ROLES):
            yield Problem(line, f"the {{{excerpt(name)}}} role is not one the book uses", allowed.role_instead(name))


@rule("ED019")
def front_matter_schema(page: Page, book: MarkdownBook) -> Iterator[Problem]:
    """Front matter has only the edition's fields, no YAML anchors or aliases, and no overlong value;
    directive options have no anchors or aliases."""
    for problem in allowed.front_matter_problems(page.text, FIELDS):
        yield Problem(problem.line, problem.message, problem.fix)
    for directive in page.directives:
        if directive.body_line - directive.line > 1:
            options = "\n".join(page.text.split("\n")[directive.line:directive.body_line - 1])
            if line := allowed.yaml_alias_line(options):
                yield Problem(directive.line + line, "a directive option uses a YAML anchor or alias (& or *)",
                              "write each value out")


RULES = (no_raw_html, no_raw_output, safe_links, local_images, allowed_names, front_matter_schema)
SOURCE_CODE = "ED020"  # a file the build cannot read: too large, not UTF-8, or a page name that is not safe
SECURITY_CODES = frozenset({*(item.code for item in RULES), SOURCE_CODE})
