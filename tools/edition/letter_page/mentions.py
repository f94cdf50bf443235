""""Mentioned in": each glossary entry lists the selections that link to it.

Collected at build time from the `{term}` links the importer wrote, so it is
never out of date and nobody writes it by hand. Parallel and incremental builds
are handled: the data is per document, purged and merged with the environment.

Links are matched to glossary entries by the entries' node ids, not their text:
the term "Lenin's Testament" is typeset "Lenin’s Testament". A link to a work
whose title is a glossary term (*Contre le courant*) mentions that term too.
The glossary's own "See" links are not mentions.

Each selection in the list links to the paragraph of its first mention (paragraphs.py).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.nodes import make_refnode

from ..document_data import DocumentData
from ..finding.works_cited import LABEL_PREFIX
from ..unchanged_pages import gathers_from_every_page
from .paragraphs import paragraph_id

# docname -> {target of its term and work links: the paragraph of the first link ("" for none)}
mentions = DocumentData[dict[str, str]]("edition_mentions")
LABEL = "Mentioned in: "


def collect_terms(app: Sphinx, doctree: nodes.document) -> None:
    targets: dict[str, str] = {}
    for node in doctree.findall(addnodes.pending_xref):
        if node.get("reftype") == "term" or (node.get("reftype") == "myst"
                                             and node["reftarget"].startswith(LABEL_PREFIX)):
            targets.setdefault(node["reftarget"], paragraph_id(node) or "")
    if targets:
        mentions(app.env)[app.env.docname] = targets


def glossary_docs(env: BuildEnvironment) -> list[str]:
    objects = env.domains.standard_domain.objects
    return sorted({docname for (kind, _name), (docname, _id) in objects.items() if kind == "term"})


def term_ids(env: BuildEnvironment) -> dict[str, str]:
    """Node id of each glossary term, by the term and by the works whose title it is."""
    std = env.domains.standard_domain
    ids = {name.lower(): node_id for (kind, name), (_doc, node_id) in std.objects.items() if kind == "term"}
    for label, (_doc, _id, title) in std.labels.items():
        if label.startswith(LABEL_PREFIX) and title.lower() in ids:
            ids[label] = ids[title.lower()]
    return ids


def sources_by_term(env: BuildEnvironment) -> dict[str, dict[str, str]]:
    """Glossary term node id -> {document, other than glossaries, that links to it: paragraph}."""
    ids = term_ids(env)
    glossaries = set(glossary_docs(env))
    by_id: dict[str, dict[str, str]] = defaultdict(dict)
    for source, targets in mentions(env).items():
        if source in glossaries:
            continue
        for target, paragraph in targets.items():
            node_id = ids.get(target.lower())
            if node_id:
                by_id[node_id].setdefault(source, paragraph)
    return by_id


def add_mentioned_in(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    env = app.env
    glossaries = list(doctree.findall(addnodes.glossary))
    by_id = sources_by_term(env) if glossaries else {}
    for glossary in glossaries:
        for item in glossary.findall(nodes.definition_list_item):
            term = item.next_node(nodes.term)
            sources = {source: paragraph for node_id in term["ids"]
                       for source, paragraph in by_id.get(node_id, {}).items()}
            if not sources:
                continue
            # the label is the edition's, set small with the list (edition.css), not in italics: italics are the book's
            paragraph = nodes.paragraph("", "", nodes.Text(LABEL), classes=["mentioned-in"])
            for number, source in enumerate(sorted(sources)):
                # the PDF has no paragraph anchors: it links to the selection (and prints its page)
                target = sources[source] if app.builder.format == "html" else ""
                if number:
                    paragraph += nodes.Text("; ")
                title = env.titles[source].astext()
                paragraph += make_refnode(app.builder, docname, source, target, nodes.Text(title))
            item.next_node(nodes.definition).append(paragraph)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-read", collect_terms)
    mentions.connect(app)
    gathers_from_every_page(app, glossary_docs)  # a changed selection can change the lists
    app.connect("doctree-resolved", add_mentioned_in)
    return {"version": "1.0", "env_version": 3, "parallel_read_safe": True, "parallel_write_safe": True}
