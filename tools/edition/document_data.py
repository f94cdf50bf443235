"""Data an extension collects per document and keeps in the build environment.

Incremental and parallel builds then see it as Sphinx sees its own: a document's data
goes when the document is read again or removed, and what parallel readers collected is
merged into the main environment.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Set
from typing import Any, Generic, TypeVar

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from . import unchanged_pages

T = TypeVar("T")


class DocumentData(Generic[T]):
    def __init__(self, attribute: str) -> None:
        self.attribute = attribute  # the environment's attribute: docname -> data

    def __call__(self, env: BuildEnvironment) -> dict[str, T]:
        if not hasattr(env, self.attribute):
            setattr(env, self.attribute, {})
        return getattr(env, self.attribute)

    def purge(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        self(env).pop(docname, None)

    def merge(self, app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment) -> None:
        for docname in docnames & self(other).keys():
            self(env)[docname] = self(other)[docname]

    def connect(self, app: Sphinx) -> Any:
        app.connect("env-purge-doc", self.purge)
        app.connect("env-merge-info", self.merge)


def rewrite_with_any_change(app: Sphinx, pages: Callable[[BuildEnvironment], Iterable[str]]) -> None:
    """The pages `pages(env)` names gather from every page when they are written (the chronology,
    the corrections, the Glossary's "Mentioned in", the Works cited's "Cited in"): they are written
    again whenever any page is added, changed or removed. Written, not read again: what they gather
    is in the environment, and reading the Glossary again took longer than the page that changed. The
    HTML builder then writes such a page only if what it shows changed (unchanged_pages.py)."""
    unchanged_pages.gathering(app, pages)
    purged: set[str] = set()  # the pages read again or removed in this build

    def note(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        purged.add(docname)

    def rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
        found = sorted(set(pages(env)) & env.all_docs.keys()) if purged else []
        purged.clear()
        return found

    app.connect("env-purge-doc", note)
    app.connect("env-updated", rewrite)


def pages_flagged(flag: str) -> Callable[[BuildEnvironment], list[str]]:
    """The pages whose metadata has `flag` (set by a directive that gathers from every page)."""
    return lambda env: [docname for docname, meta in env.metadata.items() if meta.get(flag)]
