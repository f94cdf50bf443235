"""A rebuild writes a page that gathers from every page, or that Sphinx writes on every build, only
when what it would show changed.

The Glossary ("Mentioned in"), the Works cited ("Cited in"), the chronology, the corrections and the
correspondence pages gather from every page (`gathers_from_every_page`). They are handed to the writer
again when a page read again changed what such a page could show of it — any extension's data of it
(`DocumentData`, but for what only its own page shows), its front matter, title, Index entries, the
names and labels it defines — or when one of them was itself read again, or a page was added or
removed. They are written again, not read: what they gather is in the environment (reading the
Glossary again took longer than the page that changed).

Most edits change nothing these pages show, and writing a page (the theme's template and its sidebar)
is most of a rebuild's time. So the HTML builder also compares what such a page is written from, and
what the pages that are no document (the Index, genindex; the search page; the 404 page) are written
from — the page's own context (body, title, contents, neighbours, metadata; for the Index, its
entries), what the extensions add to it from elsewhere when it is written (`shows`), the settings and
templates, and the book's titles, contents tree and front matter, which its sidebar shows — with what
it was last written from, and leaves the file as it is when they agree and the file is still the one
written then. A page Sphinx itself writes again (read again, new, its output missing or older than
the templates, the settings changed) is always written.

An extension that adds to a page at `html-page-context` anything not made from the page's own context
or the book-wide state above must say so with `shows`, or such a page could keep what it showed.
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

from .document_data import DocumentData

FINGERPRINTS = "edition-written-pages.json"  # in the doctree folder, beside Sphinx's environment
NOT_SHOWN = frozenset({"wordcount"})  # front matter no page shows: myst-parser counts the words of every page read
GatheringPages = Callable[[BuildEnvironment], Iterable[str]]
# What an html-page-context handler adds to a page from elsewhere: (app, page name, its doctree or None) -> data
PageAdditions = Callable[[Sphinx, str, Any], Any]


class Record:
    """This build's state: the pages that gather, the documents read again or removed (with what a gathering
    page could show of each before), what each page was written from."""

    def __init__(self) -> None:
        self.gathering: list[GatheringPages] = []
        self.written_for_others: list[GatheringPages] = []
        self.additions: list[PageAdditions] = []
        self.read_again: set[str] = set()
        self.shown_before: dict[str, str] = {}  # docname -> shown_of(env, docname) before it was read again
        self.written: dict[str, list[Any]] = {}  # page -> [fingerprint, file size, file mtime_ns]

    def gathering_pages(self, env: BuildEnvironment) -> set[str]:
        return {page for pages in self.gathering for page in pages(env)}

    def pages_written_for_others(self, env: BuildEnvironment) -> set[str]:
        return {page for pages in self.written_for_others for page in pages(env)}


def record(app: Sphinx) -> Record:
    if not hasattr(app, "edition_unchanged_pages"):
        app.edition_unchanged_pages = Record()  # type: ignore[attr-defined]
    return app.edition_unchanged_pages  # type: ignore[attr-defined]


def gathers_from_every_page(app: Sphinx, pages: GatheringPages) -> None:
    """Call from an extension's setup: the pages `pages(env)` names gather from every page (the chronology, the
    corrections, the Glossary's "Mentioned in", the Works cited's "Cited in")."""
    app.setup_extension(__name__)
    record(app).gathering.append(pages)


def written_for_other_pages(app: Sphinx, pages: GatheringPages) -> None:
    """Call from an extension's setup whose own `env-updated` handler hands the pages `pages(env)` names to
    the writer when pages they gather from were read again (a correspondent's page, when a letter to them
    changed): like the pages that gather from every page, such a page is kept when it would be written the
    same (most edits of a letter change nothing its correspondent's page shows)."""
    app.setup_extension(__name__)
    record(app).written_for_others.append(pages)


def shown_of(env: BuildEnvironment, docname: str) -> str:
    """What a page gathered from every page could show of `docname`."""
    std = env.domains.standard_domain
    title = env.titles.get(docname)
    return repr(([store(env).get(docname) for store in DocumentData.shown_elsewhere],
                 {key: value for key, value in env.metadata.get(docname, {}).items() if key not in NOT_SHOWN},
                 title.astext() if title is not None else None,
                 env.domains.index_domain.entries.get(docname),
                 sorted(item for item in std.objects.items() if item[1][0] == docname),
                 sorted(item for item in std.labels.items() if item[1][0] == docname)))


def note_read_again(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    """Before its data is purged (priority below Sphinx's and the extensions' purges)."""
    record(app).read_again.add(docname)
    record(app).shown_before[docname] = shown_of(env, docname)


def note_to_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    record(app).read_again.update(docnames)  # new ones too, which are not purged


def gathering_to_write(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The gathering pages, when a page read again or removed changed what they could show."""
    found = record(app)
    gathering = found.gathering_pages(env)
    changed = found.read_again & gathering or any(
        found.shown_before.get(docname) != shown_of(env, docname) for docname in found.read_again)
    found.shown_before.clear()
    return sorted(gathering & env.all_docs.keys()) if changed else []


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

    def written_every_build(self, pagename: str) -> bool:
        """A page that gathers from every page or from other pages, or no document (written by Sphinx on every
        build)."""
        return (pagename not in self.env.all_docs or pagename in self.record.gathering_pages(self.env)
                or pagename in self.record.pages_written_for_others(self.env))

    def may_keep(self, pagename: str) -> bool:
        """Written only because it gathers from every page or is no document, not for a reason of Sphinx's own."""
        return pagename not in self.record.read_again and pagename not in self.outdated_by_sphinx

    def handle_page(self, pagename: str, addctx: dict[str, Any], templatename: str = "page.html", *,
                    outfilename: Path | None = None, event_arg: Any = None) -> None:
        if outfilename is not None or not self.written_every_build(pagename):
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


def save_fingerprints(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and isinstance(app.builder, EditionHTMLBuilder):
        (Path(app.doctreedir) / FINGERPRINTS).write_text(json.dumps(record(app).written, sort_keys=True),
                                                          encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_builder(EditionHTMLBuilder, override=True)
    app.connect("env-purge-doc", note_read_again, priority=100)
    app.connect("env-before-read-docs", note_to_read)
    app.connect("env-updated", gathering_to_write)
    app.connect("build-finished", save_fingerprints)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
