"""EPUB 3 as the ebook shops want it: accessibility metadata, pop-up footnotes, a language on
every document, a cover, and a byte-identical file from the same source.

Sphinx's `epub` builder is replaced by a small subclass:

- the navigation document groups the contents as the front page's captioned toctrees do (front
  matter, the letters, appendices, back matter with the Index last), and has landmarks (cover,
  contents, the first letter as body matter, glossary, index);
- the NCX carries the book's identifier, and the cover page is in the spine once;
- `content.opf` comes from `epub/content.opf.jinja` (EPUB Accessibility 1.1 metadata,
  `cover-image` property, fixed `dcterms:modified` from `edition_date` or SOURCE_DATE_EPOCH);
- the package's three files (`content.opf`, `nav.xhtml`, `toc.ncx`) are rendered from the
  edition's templates (`epub/`), which autoescape every value: Sphinx escapes its values for its
  own templates, which do not, so the builder hands them over as the text they were (`as_text`),
  and each is escaped once, by the template, whatever a caption or a title holds;
- every XHTML document declares `lang` and `xml:lang`;
- a page's notes are endnotes as the ebook producers set them: a "Notes" section
  (`epub:type="endnotes"`), a list with one note per item (`epub:type="endnote"`), each opening
  with its number, which links back to the reference (`epub:type="noteref"`), on the note's
  first line; bibliography entries get an EPUB 3.3 role (not the deprecated
  `doc-biblioentry`, RSC-017);
- the zip has `mimetype` first and stored, then every file in a fixed order with a fixed
  timestamp and permissions.
"""

from __future__ import annotations

import html
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from zipfile import ZIP_DEFLATED, ZIP_STORED, ZipFile, ZipInfo

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.epub3 import Epub3Builder, NavPoint

from ...core.errors import Stopped
from .accessible_html import NOTES_HEADING, AccessibleHTMLTranslator, first_of_notes, last_of_notes

TEMPLATES = Path(__file__).parent / "epub"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can store: nothing depends on the clock
# The basic theme's images for Sphinx's search page and code blocks, and Pygments' style sheet:
# the book has neither, so they are not written into it; the epub theme's style names file.png
# only for the search page's list, which an EPUB does not have.
THEME_LEFTOVERS = ("file.png", "minus.png", "plus.png")
HIGHLIGHT_STYLE = "pygments.css"
SEARCH_LIST_ICON = "background-image: url(file.png);"


def edition_time(app: Sphinx) -> time.struct_time:
    if (epoch := os.getenv("SOURCE_DATE_EPOCH")) is not None:
        return time.gmtime(int(epoch))
    return time.strptime(app.config.edition_date, "%Y-%m-%dT%H:%M:%SZ")


class EditionEpubBuilder(Epub3Builder):
    def init(self) -> None:
        super().init()
        lang = self.config.epub_language or self.config.language or "en"
        self.html_tag = (f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" '
                         f'lang="{lang}" xml:lang="{lang}">')

    def init_css_files(self) -> None:
        super().init_css_files()
        self._css_files = [css for css in self._css_files if Path(css.filename).name != HIGHLIGHT_STYLE]

    def create_pygments_style_file(self) -> None:
        """No code in the book: no highlighting style (see THEME_LEFTOVERS)."""

    def copy_static_files(self) -> None:
        super().copy_static_files()
        static = self.outdir / "_static"
        for name in THEME_LEFTOVERS:
            (static / name).unlink(missing_ok=True)
        style = static / "epub.css"
        style.write_text(style.read_text(encoding="utf-8").replace(SEARCH_LIST_ICON, ""), encoding="utf-8")

    def content_metadata(self) -> dict[str, Any]:
        # the manifest and spine added to it later hold %-encoded file names and generated ids,
        # which escaping does not change
        metadata = as_text(super().content_metadata())
        metadata["date"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", edition_time(self.app))
        metadata["accessibility_summary"] = self.config.epub_accessibility_summary
        metadata["source"] = self.config.epub_source
        return metadata

    def toc_metadata(self, level: int, navpoints: list[Any]) -> dict[str, Any]:
        metadata = as_text(super().toc_metadata(level, navpoints))
        metadata["uid"] = self.config.epub_identifier  # NCX-001: the NCX names the book as the OPF does
        return metadata

    def parts(self) -> list[tuple[str, list[str]]]:
        """The front page's toctrees: (caption, the documents listed), in the book's order."""
        root = self.env.get_doctree(self.config.root_doc)
        parts = [(toctree.get("caption") or "", [docname for _, docname in toctree["entries"]])
                 for toctree in root.findall(addnodes.toctree)]
        if len(parts) < 2 or not all(docnames for _, docnames in parts):
            # the navigation opens the first part and lands on the second (the letters)
            raise Stopped(f"{self.env.doc2path(self.config.root_doc)}: the EPUB's navigation needs the front "
                          "page's contents in parts, each a toctree with its documents (the front matter, then "
                          f"the letters, …); found {len(parts)} toctree(s), "
                          f"{sum(not docnames for _, docnames in parts)} of them empty")
        return parts

    def build_navlist(self, navnodes: list[dict[str, Any]]) -> list[NavPoint]:
        """The toctree's entries grouped under the front page's captions, and the Index last
        (with the back matter): it is a reader's way in too."""
        navlist = as_text(super().build_navlist(navnodes))
        by_document = {point.refuri.split("#")[0]: point for point in navlist}
        parts = [(caption, [by_document[name + self.out_suffix] for name in docnames
                            if name + self.out_suffix in by_document]) for caption, docnames in self.parts()]
        # the print edition's title and copyright pages and the note on this edition open the book
        parts[0][1].insert(0, NavPoint("Title page", self.config.root_doc + self.out_suffix, []))
        grouped = [NavPoint(caption, points[0].refuri, points) for caption, points in parts]
        if self.use_index:
            grouped[-1].children.append(NavPoint("Index", "genindex" + self.out_suffix, []))
        return grouped

    def navigation_doc_metadata(self, navlist: list[NavPoint]) -> dict[str, Any]:
        metadata = as_text(super().navigation_doc_metadata([])) | {"navlist": navlist}
        letters = self.parts()[1][1]  # the second part: the letters, articles and declarations
        metadata["landmarks"] = [
            ("cover", self.coverpage_name, "Cover"),
            # the front page lists the contents (nav.xhtml is not in the spine: RSC-011)
            ("toc", self.config.root_doc + self.out_suffix, "Contents"),
            ("bodymatter", letters[0] + self.out_suffix, "The letters"),
            ("glossary", "glossary/index" + self.out_suffix, "Glossary"),
            *([("index", "genindex" + self.out_suffix, "Index")] if self.use_index else []),
        ]
        return metadata

    @contextmanager
    def our_templates(self) -> Iterator[None]:
        """Sphinx's templates replaced by ours (epub/) while Sphinx renders a file of the package."""
        sphinx_templates = self.template_dir
        self.template_dir = TEMPLATES  # type: ignore[assignment]
        try:
            yield
        finally:
            self.template_dir = sphinx_templates

    def build_navigation_doc(self) -> None:
        """Sphinx's own, rendering our `nav.xhtml.jinja`."""
        with self.our_templates():
            super().build_navigation_doc()

    def build_toc(self) -> None:
        """Sphinx's own, rendering our `toc.ncx.jinja`."""
        with self.our_templates():
            super().build_toc()

    def build_content(self) -> None:
        """Sphinx's own `build_content`, rendering our `content.opf.jinja`."""
        # a cover page left by an earlier build would be put in the spine twice (RSC-005)
        (self.outdir / self.coverpage_name).unlink(missing_ok=True)
        with self.our_templates():
            super().build_content()

    def build_epub(self) -> None:
        epub_path = self.outdir / f"{self.config.epub_basename}.epub"
        names = ["META-INF/container.xml", "content.opf", "toc.ncx", *self.files]
        with ZipFile(epub_path, "w") as epub:
            add(epub, self.outdir / "mimetype", "mimetype", ZIP_STORED)
            for name in names:
                add(epub, self.outdir / name, name, ZIP_DEFLATED)


def as_text(value: Any) -> Any:
    """Sphinx's metadata for its EPUB templates (strings escaped with `html.escape`, in dicts, lists
    and named tuples such as NavPoint) as the text it was: `html.unescape` undoes `html.escape` exactly."""
    if isinstance(value, str):
        return html.unescape(value)
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return type(value)(*(as_text(item) for item in value))
    if isinstance(value, list):
        return [as_text(item) for item in value]
    if isinstance(value, dict):
        return {key: as_text(item) for key, item in value.items()}
    return value


def add(epub: ZipFile, path: Path, name: str, compression: int) -> None:
    info = ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = compression
    info.external_attr = 0o644 << 16
    info.create_system = 3  # unix, whatever the host
    epub.writestr(info, path.read_bytes(), compress_type=compression, compresslevel=9)


class EpubTranslator(AccessibleHTMLTranslator):
    """Adds EPUB's semantics where docutils writes the DPUB-ARIA roles; notes as endnotes."""

    EPUB_TYPES = {"doc-noteref": "noteref"}

    def starttag(self, node: Any, tagname: str, suffix: str = "\n", empty: bool = False, **attributes: Any) -> str:
        role = attributes.get("role")
        if role in self.EPUB_TYPES:
            attributes["epub:type"] = self.EPUB_TYPES[role]
        elif role == "doc-biblioentry":
            attributes["role"] = "listitem"
        return super().starttag(node, tagname, suffix, empty, **attributes)

    def visit_footnote(self, node: nodes.footnote) -> None:
        if first_of_notes(node):
            self.body.append(f'<section class="footnote-list" epub:type="endnotes" role="doc-endnotes">\n'
                             f'{NOTES_HEADING}<ol class="endnotes">\n')
        self.body.append(self.starttag(node, "li", classes=["footnote"], **{"epub:type": "endnote"}))

    def depart_footnote(self, node: nodes.footnote) -> None:
        self.body.append("</li>\n")
        if last_of_notes(node):
            self.body.append("</ol>\n</section>\n")

    def visit_label(self, node: nodes.label) -> None:
        if not isinstance(node.parent, nodes.footnote):
            return super().visit_label(node)
        raise nodes.SkipNode  # the number opens the note's first paragraph (visit_paragraph)

    def visit_paragraph(self, node: nodes.paragraph) -> None:
        super().visit_paragraph(node)
        note = node.parent
        if isinstance(note, nodes.footnote) and node is note.next_node(nodes.paragraph):
            label = note.next_node(nodes.label).astext()
            # "12." as a numbered list reads; the author's "*" stands alone, as printed
            number = self.encode(f"{label}." if label.isdigit() else label)
            backrefs = note.get("backrefs", [])
            mark = (f'<a href="#{self.attval(backrefs[0])}" role="doc-backlink">{number}</a>' if backrefs
                    else number)
            self.body.append(f'<span class="note-number">{mark}</span> ')


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("tools.edition.config")  # edition_date, epub_accessibility_summary
    app.add_builder(EditionEpubBuilder, override=True)
    app.set_translator("epub", EpubTranslator, override=True)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
