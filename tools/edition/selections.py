"""The selections' front matter, as the reader-facing extensions use it.

MyST keeps front matter in `env.metadata` as strings, lists as JSON; this turns a
selection's fields back into plain data (with curly quotes, as the text has them) for the
chronology, the citations and the correspondence metadata.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from docutils.utils.smartquotes import smartyPants
from sphinx.environment import BuildEnvironment


@dataclass(frozen=True)
class SelectionData:
    docname: str
    title: str
    part: str  # front, text or appendix
    pages: str
    date: str
    date_iso: str
    kind: str
    authors: tuple[str, ...]
    addressees: tuple[str, ...]
    addressee_place: str
    written_at: str
    translator: str


def values(meta: dict, key: str) -> tuple[str, ...]:
    """A field as a tuple of strings: 'x' -> ('x',), '["x", "y"]' -> ('x', 'y'), absent -> ()."""
    value = meta.get(key)
    if value in (None, ""):
        return ()
    text = str(value)
    found = json.loads(text) if text.startswith("[") else [text]
    return tuple(smartyPants(str(item), "q", "en") for item in found)  # curled, as the text is


def one(meta: dict, key: str) -> str:
    return "; ".join(values(meta, key))


def selection_of(env: BuildEnvironment, docname: str) -> SelectionData | None:
    """The selection a document is (a document with a `part`), or None."""
    meta = env.metadata.get(docname, {})
    if "part" not in meta or docname not in env.titles:
        return None
    return SelectionData(
        docname=docname, title=env.titles[docname].astext(), part=one(meta, "part"),
        pages=one(meta, "pages"), date=one(meta, "date"), date_iso=one(meta, "date_iso"),
        kind=one(meta, "kind").replace("-", " "), authors=values(meta, "author"),
        addressees=values(meta, "addressee"), addressee_place=one(meta, "addressee_place"),
        written_at=one(meta, "written_at"), translator=one(meta, "translator"))


def selections(env: BuildEnvironment) -> list[SelectionData]:
    """Every selection, in book order."""
    return [found for docname in sorted(env.metadata) if (found := selection_of(env, docname))]
