"""Data an extension collects per document and keeps in the build environment.

Incremental and parallel builds then see it as Sphinx sees its own: a document's data
goes when the document is read again or removed, and what parallel readers collected is
merged into the main environment.
"""

from __future__ import annotations

from collections.abc import Callable, Set
from typing import Any, ClassVar, Generic, TypeVar

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

T = TypeVar("T")


class DocumentData(Generic[T]):
    # Those a page gathered from every page may show (unchanged_pages.py): a change to them writes it again.
    shown_elsewhere: ClassVar[list[DocumentData[Any]]] = []

    def __init__(self, attribute: str, shown_on_other_pages: bool = True) -> None:
        self.attribute = attribute  # the environment's attribute: docname -> data
        if shown_on_other_pages:
            DocumentData.shown_elsewhere.append(self)

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


def pages_flagged(flag: str) -> Callable[[BuildEnvironment], list[str]]:
    """The pages whose metadata has `flag` (set by a directive that gathers from every page)."""
    return lambda env: [docname for docname, meta in env.metadata.items() if meta.get(flag)]
