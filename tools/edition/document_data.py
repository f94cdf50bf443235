"""Data an extension collects per document and keeps in the build environment.

Incremental and parallel builds then see it as Sphinx sees its own: a document's data
goes when the document is read again or removed, and what parallel readers collected is
merged into the main environment.
"""

from __future__ import annotations

from collections.abc import Set
from typing import Any, Generic, TypeVar

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

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


def rewrite_with_any_change(app: Sphinx, flag: str) -> None:
    """Pages whose metadata has `flag` (set by a directive that gathers from every page: the
    chronology, the corrections) are written again whenever any page is added, changed or removed."""

    def outdated(app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str],
                 removed: Set[str]) -> list[str]:
        if not (added or changed or removed):
            return []
        return [docname for docname, meta in env.metadata.items() if meta.get(flag)]

    app.connect("env-get-outdated", outdated)
