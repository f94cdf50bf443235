"""HTML: a page that gathers from every page is written again only when what it would show changed.

The Glossary ("Mentioned in"), the Works cited ("Cited in"), the chronology, the corrections and the
correspondence pages gather from every page, so they are handed to the writer whenever any page was
read again (`rewrite_with_any_change`, document_data.py), and Sphinx writes its Index page (genindex)
on every build. Most edits change nothing these pages show, and writing a page (the theme's template
and its sidebar) is most of a rebuild's time. So the HTML builder compares what such a page is
written from — its own context (body, title, contents, neighbours, metadata; for the Index, its
entries), what the extensions add to it from elsewhere when it is written (`shows`), the settings and
templates, and the book's titles, contents tree and front matter, which its sidebar shows — with
what it was last written from, and leaves the file as it is when they agree and the file is still the
one written then. A page Sphinx itself writes again (read again, new, its output missing or older than
the templates, the settings changed) is always written.

An extension that adds to a page at `html-page-context` anything not made from the page's own context
or the book-wide state above must say so with `shows`, or a gathering page could keep what it showed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment import BuildEnvironment

FINGERPRINTS = "edition-written-pages.json"  # in the doctree folder, beside Sphinx's environment
ALWAYS_WRITTEN_BY_SPHINX = frozenset({"genindex"})  # the Index page: Sphinx writes it on every build
NOT_SHOWN = frozenset({"wordcount"})  # front matter no page shows: myst-parser counts the words of every page read
GatheringPages = Callable[[BuildEnvironment], Iterable[str]]
# What an html-page-context handler adds to a page from elsewhere: (app, page name, its doctree or None) -> data
PageAdditions = Callable[[Sphinx, str, Any], Any]


class Record:
    """This build's state: the pages that gather, the documents read again, what each page was written from."""

    def __init__(self) -> None:
        self.gathering: list[GatheringPages] = []
        self.additions: list[PageAdditions] = []
        self.read_again: set[str] = set()
        self.written: dict[str, list[Any]] = {}  # page -> [fingerprint, file size, file mtime_ns]

    def gathering_pages(self, env: BuildEnvironment) -> set[str]:
        return {page for pages in self.gathering for page in pages(env)} | ALWAYS_WRITTEN_BY_SPHINX


def record(app: Sphinx) -> Record:
    if not hasattr(app, "edition_unchanged_pages"):
        app.edition_unchanged_pages = Record()  # type: ignore[attr-defined]
    return app.edition_unchanged_pages  # type: ignore[attr-defined]


def gathering(app: Sphinx, pages: GatheringPages) -> None:
    """Call from an extension's setup: the pages `pages(env)` names gather from every page."""
    app.setup_extension(__name__)
    record(app).gathering.append(pages)


def shows(app: Sphinx, additions: PageAdditions) -> None:
    """Call from an extension's setup whose html-page-context handler adds `additions(app, page, doctree)`."""
    app.setup_extension(__name__)
    record(app).additions.append(additions)


def file_state(path: Path) -> list[int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns]


class EditionHTMLBuilder(StandaloneHTMLBuilder):
    """Sphinx's HTML builder, which leaves a gathering page's file as it is when it would be written the same."""

    def init(self) -> None:
        super().init()
        self.outdated_by_sphinx: set[str] = set()
        self.book_state = ""
        try:
            self.record.written = json.loads((self.doctreedir / FINGERPRINTS).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.record.written = {}

    @property
    def record(self) -> Record:
        return record(self._app)

    def get_outdated_docs(self) -> Iterator[str]:
        self.outdated_by_sphinx = set(super().get_outdated_docs())
        yield from sorted(self.outdated_by_sphinx)

    def fingerprint(self, pagename: str, addctx: dict[str, Any], templatename: str, doctree: Any) -> str | None:
        """What the page is written from, hashed; None when its context cannot be written out faithfully."""
        own = repr((sorted(addctx.items(), key=lambda item: item[0]),
                    [additions(self._app, pagename, doctree) for additions in self.record.additions]))
        if " at 0x" in own:  # an object without a faithful repr: the page is always written
            return None
        if not self.book_state:  # the same for every page of this build
            self.book_state = repr((self.build_info.config_hash, self.build_info.tags_hash,
                                    self.templates.newest_template_mtime(),
                                    sorted((doc, title.astext()) for doc, title in self.env.titles.items()),
                                    sorted(self.env.toctree_includes.items()),
                                    sorted((doc, {key: value for key, value in meta.items() if key not in NOT_SHOWN})
                                           for doc, meta in self.env.metadata.items())))
        return hashlib.sha256(f"{pagename}\n{templatename}\n{own}\n{self.book_state}".encode()).hexdigest()

    def may_keep(self, pagename: str) -> bool:
        """Written only because it gathers from every page (or is the Index), not for a reason of Sphinx's own."""
        return pagename in self.record.gathering_pages(self.env) and pagename not in self.record.read_again \
            and pagename not in self.outdated_by_sphinx

    def handle_page(self, pagename: str, addctx: dict[str, Any], templatename: str = "page.html", *,
                    outfilename: Path | None = None, event_arg: Any = None) -> None:
        if outfilename is not None or pagename not in self.record.gathering_pages(self.env):
            super().handle_page(pagename, addctx, templatename, outfilename=outfilename, event_arg=event_arg)
            return
        fingerprint = self.fingerprint(pagename, addctx, templatename, event_arg)
        output = self.get_output_path(pagename)
        if fingerprint and self.may_keep(pagename) and self.record.written.get(pagename) == [
                fingerprint, *(file_state(output) or [])]:
            return
        super().handle_page(pagename, addctx, templatename, event_arg=event_arg)
        state = file_state(output)
        if fingerprint and state:
            self.record.written[pagename] = [fingerprint, *state]
        else:
            self.record.written.pop(pagename, None)


def note_read_again(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    record(app).read_again.add(docname)


def save_fingerprints(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and isinstance(app.builder, EditionHTMLBuilder):
        (Path(app.doctreedir) / FINGERPRINTS).write_text(json.dumps(record(app).written, sort_keys=True),
                                                          encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_builder(EditionHTMLBuilder, override=True)
    app.connect("env-purge-doc", note_read_again)
    app.connect("build-finished", save_fingerprints)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
