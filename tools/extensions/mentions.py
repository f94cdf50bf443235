""""Mentioned in": each glossary entry lists the selections that link to it.

Collected at build time from the `{term}` links the importer wrote, so it is
never out of date and nobody writes it by hand. Parallel and incremental builds
are handled: the data is per document, purged and merged with the environment.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.nodes import make_refnode

MENTIONS = "edition_mentions"  # env attribute: docname -> set of lower-case terms
LABEL = "Mentioned in: "


def mentions(env: BuildEnvironment) -> dict[str, set[str]]:
    if not hasattr(env, MENTIONS):
        setattr(env, MENTIONS, {})
    return getattr(env, MENTIONS)


def collect_terms(app: Sphinx, doctree: nodes.document) -> None:
    terms = {node["reftarget"].lower() for node in doctree.findall(addnodes.pending_xref)
             if node.get("reftype") == "term"}
    if terms:
        mentions(app.env)[app.env.docname] = terms


def purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    mentions(env).pop(docname, None)


def merge(app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment) -> None:
    for docname in docnames:
        if docname in mentions(other):
            mentions(env)[docname] = mentions(other)[docname]


def glossary_docs(env: BuildEnvironment) -> list[str]:
    objects = env.domains.standard_domain.objects
    return sorted({docname for (kind, _name), (docname, _id) in objects.items() if kind == "term"})


def outdated_glossaries(app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str],
                        removed: Set[str]) -> Iterable[str]:
    """A changed selection can change the lists: rewrite the glossary too."""
    return glossary_docs(env) if added or changed or removed else []


def add_mentioned_in(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    env = app.env
    by_term: dict[str, list[str]] = {}
    for source, terms in mentions(env).items():
        for term in terms:
            by_term.setdefault(term, []).append(source)
    for glossary in doctree.findall(addnodes.glossary):
        for item in glossary.findall(nodes.definition_list_item):
            term = item.next_node(nodes.term)
            sources = sorted(by_term.get(term.astext().lower(), []))
            if not sources:
                continue
            paragraph = nodes.paragraph("", "", nodes.emphasis("", LABEL), classes=["mentioned-in"])
            for number, source in enumerate(sources):
                if number:
                    paragraph += nodes.Text("; ")
                title = env.titles[source].astext()
                paragraph += make_refnode(app.builder, docname, source, "", nodes.Text(title))
            item.next_node(nodes.definition).append(paragraph)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-read", collect_terms)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("env-get-outdated", outdated_glossaries)
    app.connect("doctree-resolved", add_mentioned_in)
    return {"version": "1.0", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
