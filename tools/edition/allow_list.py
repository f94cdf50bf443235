"""The build refuses what a pull request must not bring: anything outside the allow-list.

The allow-list is tools/data/allow-list.yaml (directives, roles, node types, link schemes, image
types, each with its reason). The build enforces it at four points, before anything is written:

1. Before reading: a page larger than 2 MB, not UTF-8, or whose name is not a safe address is not
   read at all (ED020).
2. Before parsing: the lint's security rules (tools/core/safety.py: raw HTML, directives and roles
   in any case, link addresses, images, the front matter's schema) run on the page's source. A page
   with a finding is emptied before MyST reads it, so nothing of it is parsed, fetched or included.
3. Right after parsing (a transform that runs first): every node of the doctree must be of an
   allowed type; links, images, cross-references, raw output and contents entries are checked.
4. When a page is written (the last handler of `doctree-resolved`): every node again, whichever
   extension added it, of a type the Markdown may make or one the build adds (`nodes_after_parsing`),
   raw output only as the edition's own producers make it (exactly), every address once more.

Each refusal is an error at the page's file and line; a refused node is removed, and the build
stops before writing (so even `--keep-going`, or a build without `-W`, writes nothing of it).
docutils' own guards are set too: no raw output, no file insertion. No security error can be
silenced (not with `suppress_warnings`, not with a comment in the Markdown).

To allow a new construct: add it to tools/data/allow-list.yaml with the reason the edition needs
it (a directive or role, and the node types it makes), build the book, and add a test.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from ..core import allowed, safety
from ..core.errors import Stopped
from ..core.markdown import MarkdownBook, Page, parse, parser

logger = logging.getLogger(__name__)
DOCUTILS_GUARDS = {"raw_enabled": False, "file_insertion_enabled": False}
Refusal = tuple[int, str]  # (line, "CODE what")


class Refused(Stopped):
    """The build stops (the refusals themselves were reported at their file and line)."""

    def __init__(self, message: str) -> None:
        super().__init__(f"Refused by the allow-list (tools/data/allow-list.yaml): {message}")


def refusals(env: BuildEnvironment) -> dict[str, list[Refusal]]:
    if not hasattr(env, "edition_refusals"):
        env.edition_refusals = {}  # type: ignore[attr-defined]
    return env.edition_refusals  # type: ignore[attr-defined]


def refuse(env: BuildEnvironment, docname: str, line: int | None, what: str) -> None:
    """Report a refusal at the page's file and line, and keep it: the build stops before writing."""
    refusals(env).setdefault(docname, []).append((line or 0, what))
    logger.error(what, location=(docname, line))


def guard_docutils(app: Sphinx) -> None:
    app.env.settings.update(DOCUTILS_GUARDS)
    if app.config.html_baseurl and allowed.scheme(app.config.html_baseurl) not in ("http", "https"):
        raise Refused(f"html_baseurl {app.config.html_baseurl!r}: the site's address is http or https")


def check_files(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """ED020: files too large or not UTF-8, and unsafe page names, are not read at all."""
    for docname in list(docnames):
        refusals(env).pop(docname, None)  # a page not read is not purged: its refusals of an earlier build go here
        text = allowed.read_source(env.doc2path(docname))
        name_problem = allowed.docname_problem(docname)
        if isinstance(text, allowed.SourceProblem):
            docnames.remove(docname)
            refuse(env, docname, text.line, f"{safety.SOURCE_CODE} {text.message} ({text.fix})")
        elif name_problem:
            docnames.remove(docname)
            refuse(env, docname, 1, f"{safety.SOURCE_CODE} the page name is not allowed: {name_problem}")


def check_source(app: Sphinx, docname: str, source: list[str]) -> None:
    """The lint's security rules on the page's source; a page with a finding is emptied before parsing."""
    path = app.env.doc2path(docname)
    page = Page(path, str(Path(path).relative_to(app.srcdir)), docname, source[0])
    config = {item.name: item.value for item in app.config if item.name.startswith("myst_")}
    parse(parser(config), page, page.text, 1, {})
    book = MarkdownBook(Path(app.srcdir), [page], set(app.env.found_docs), {}, set())
    found = sorted((problem.line, f"{rule.code} {problem.message} ({problem.fix})")
                   for rule in safety.RULES for problem in rule.check(page, book))
    for line, what in found:
        refuse(app.env, docname, line, what)
    if found:
        source[0] = "\n" * source[0].count("\n")  # the same lines, so that MyST's own messages still place


class CheckDoctree(SphinxTransform):
    """Every node that parsing made is of an allowed type, with allowed addresses; others are removed."""

    default_priority = 1  # first of all transforms: the doctree exactly as the Markdown made it

    def apply(self, **kwargs: Any) -> None:
        permitted = allowed.allow_list()
        for node in list(self.document.findall(nodes.Element)):
            problem = node_problem(node, permitted, Path(self.env.srcdir), self.env.found_docs,
                                   Path(self.document["source"]))
            if problem and node.parent is not None:
                refuse(self.env, self.env.current_document.docname, line_of(node) or 1, problem)
                node.parent.remove(node)


def line_of(node: nodes.Node) -> int | None:
    while node is not None and node.line is None:
        node = node.parent
    return node.line if node is not None else None


def node_problem(node: nodes.Element, permitted: allowed.AllowList, srcdir: Path, docs: set[str],
                 source: Path) -> str | None:
    """Why the build refuses a node just parsed (of the page `source`, in a book of these `docs`), or None."""
    kind = type(node).__name__
    if isinstance(node, nodes.system_message | nodes.problematic):
        return ("ED018 markup the build cannot read (see the message above)"
                if not isinstance(node, nodes.system_message) or node["level"] > 1 else None)
    if kind not in permitted.nodes:
        return f"ED018 {kind!r} is not a node type the book uses (tools/data/allow-list.yaml)"
    if isinstance(node, nodes.raw) and (node.get("format"), node.astext()) not in permitted.raw:
        return "ED011 raw output (only MyST's hard line break is allowed)"
    if isinstance(node, nodes.reference | nodes.target) and (problem := allowed.link_problem(node.get("refuri", ""))):
        return f"ED012 link: {problem}"
    if isinstance(node, nodes.image):
        problem = allowed.image_problem(node["uri"], source, srcdir)
        return f"ED013 image: {problem}" if problem else None
    if isinstance(node, addnodes.pending_xref):
        reference = f"{node.get('refdomain') or ''}:{node.get('reftype')}"
        if reference not in permitted.cross_references:
            return f"ED018 a {reference} cross-reference"
        problem = allowed.link_problem(node.get("reftarget", ""))
        return f"ED012 link: {problem}" if problem else None
    if isinstance(node, addnodes.toctree):
        outside = [ref for _, ref in node["entries"] if ref not in docs]
        return f"ED012 contents entries that are not pages of the book: {len(outside)}" if outside else None
    return None


def written_problem(node: nodes.Element, permitted: allowed.AllowList) -> str | None:
    """Why the build refuses a node of a page about to be written, or None: whatever added it."""
    kind = type(node).__name__
    if kind not in permitted.nodes_when_written:
        return (f"ED018 {kind!r} is not a node type the book writes "
                "(tools/data/allow-list.yaml, nodes and nodes_after_parsing)")
    if isinstance(node, nodes.raw) and (node.get("format"), node.astext()) not in permitted.raw_when_written:
        return f"ED011 raw output that none of the edition's producers makes: {node.astext()[:40]!r}"
    if isinstance(node, nodes.reference) and (problem := allowed.link_problem(node.get("refuri", ""))):
        return f"ED012 a link written into the page (from references.bib, the contents, ...): {problem}"
    if isinstance(node, nodes.image) and allowed.is_remote(node["uri"]):
        return "ED013 a remote image written into the page"
    return None


def check_written(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """The last check, on the page as it is written: every node, whichever extension added it (the
    contents, the works cited, the headers, raw LaTeX), against the allow-list."""
    permitted = allowed.allow_list()
    refused = 0
    for node in list(doctree.findall(nodes.Element)):
        if (problem := written_problem(node, permitted)) and node.parent is not None:
            logger.error(problem, location=(docname, line_of(node)))
            node.parent.remove(node)
            refused += 1
    if refused:
        raise Refused(f"{docname}: {refused} nodes outside the allow-list when written; the build stops")


def stop_before_writing(app: Sphinx, env: BuildEnvironment) -> None:
    found = [(docname, line, what) for docname, items in sorted(refusals(env).items()) for line, what in items]
    if found:
        pages = len({docname for docname, _, _ in found})
        raise Refused(f"{len(found)} refused in {pages} pages (the errors above say where and why); nothing written")


def purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    refusals(env).pop(docname, None)


def merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    refusals(env).update({name: items for name, items in refusals(other).items() if name in docnames})


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", guard_docutils)
    app.connect("env-before-read-docs", check_files)
    app.connect("source-read", check_source, priority=0)  # before any other handler sees the source
    app.add_transform(CheckDoctree)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("env-updated", stop_before_writing)
    app.connect("doctree-resolved", check_written, priority=999)  # the last: after every other change
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
