"""Link the titles of works cited in the text to their entry in the bibliography, and
say under each entry where the book cites it.

The importer writes `[*My Life*](#work-trotsky-my-life)`: the printed words stay
as they are and become a link. This extension gives each entry of the
bibliography a label `work-<key>` pointing at its citation, whose id the
`bibtex_cite_id = "cite-{key}"` setting makes predictable; it collects those links
per document, with the paragraph each stands in, and writes "Cited in: …" under the
entry, in book order, each place a link to its paragraph. The entries' style is
bibliography_style.py.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.utils.smartquotes import smartyPants
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.nodes import make_refnode
from sphinxcontrib.bibtex.nodes import bibliography

from ..document_data import DocumentData
from ..letter_page.paragraphs import anchor_of, cited_by, iter_ancestors
from . import bibliography_style
from .link_lists import joined, labelled_links

LABEL_PREFIX = "work-"
CITE_PREFIX = "cite-"
# The Works cited lists periodicals apart, in a second bibliography whose entries' ids carry
# this prefix (its `:keyprefix:` in glossary/works-cited.md): two lists of one page must not
# share an id.
PERIODICAL_PREFIX = "periodical-"
CITED_IN = "Cited in: "
PART_NAMES = {"h": "headnote", "s": "source note"}

cited_in = DocumentData[dict[str, list[str]]]("edition_works_cited_in")  # docname -> {key: [anchors]}


def label_bibliography_entries(app: Sphinx, doctree: nodes.document) -> None:
    if not any(doctree.findall(bibliography)):
        return
    std = app.env.domains.standard_domain
    cite = app.env.get_domain("cite")
    for key, entry in cite.bibdata.data.entries.items():  # type: ignore[attr-defined]
        title = entry.fields.get("title", key).replace("{", "").replace("}", "")
        title = title.replace("---", "—").replace("--", "–")
        prefix = PERIODICAL_PREFIX if entry.type == "periodical" else ""
        std.note_hyperlink_target(LABEL_PREFIX + key, app.env.docname, f"{CITE_PREFIX}{prefix}{key}", title)


def place_of(node: nodes.Node) -> str:
    """The id of the paragraph (for a note, of the paragraph it annotates) or Glossary entry a
    link stands in; '' for the page."""
    for ancestor in [node, *iter_ancestors(node)]:
        if isinstance(ancestor, nodes.paragraph) and (anchor := anchor_of(ancestor)):
            return anchor
        if isinstance(ancestor, nodes.footnote):
            return cited_by(ancestor) or ""
        if isinstance(ancestor, nodes.definition_list_item) and (term := ancestor.next_node(nodes.term)):
            return str(term["ids"][0]) if term["ids"] else ""
    return ""


def collect_citations(app: Sphinx, doctree: nodes.document) -> None:
    found: dict[str, list[str]] = {}
    for node in doctree.findall(addnodes.pending_xref):
        target = str(node.get("reftarget", ""))
        if node.get("reftype") == "myst" and target.startswith(LABEL_PREFIX):
            places = found.setdefault(target.removeprefix(LABEL_PREFIX), [])
            if (place := place_of(node)) not in places:
                places.append(place)
    if found:
        cited_in(app.env)[app.env.docname] = found


def place_label(anchor: str, terms: dict[str, str]) -> str:
    """'p12' -> '¶ 12', 'h2' -> 'headnote', 's1' -> 'source note', a Glossary entry's id ->
    its headword."""
    if anchor[:1] == "p" and anchor[1:].isdigit():
        return f"¶\u00a0{anchor[1:]}"  # never '¶' at a line's end
    if anchor in terms:
        return terms[anchor]
    return PART_NAMES.get(anchor[:1], "note") if anchor[1:].isdigit() else "note"


def places_paragraph(app: Sphinx, fromdoc: str, places: dict[str, list[str]],
                     terms: dict[str, str]) -> nodes.paragraph:
    """'Cited in: Preface (¶ 3); Conditions in Alma-Ata (¶ 2, ¶ 7)', every part a link."""
    env, builder = app.env, app.builder
    items = []
    for docname, anchors in places.items():
        title = str(env.metadata.get(docname, {}).get("short_title") or env.titles[docname].astext())
        item: list[nodes.Node] = [make_refnode(builder, fromdoc, docname, anchors[0] or None, nodes.Text(title))]
        marked = [anchor for anchor in anchors if anchor]
        if marked:
            paragraphs = [[make_refnode(builder, fromdoc, docname, anchor, nodes.Text(place_label(anchor, terms)))]
                          for anchor in marked]
            item += [nodes.Text(" ("), *joined(paragraphs, ", "), nodes.Text(")")]
        items.append(item)
    return labelled_links(CITED_IN, "cited-in", items, "; ")


def add_cited_in(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    entries = [node for node in doctree.findall(nodes.Element)
               if any(str(i).startswith(CITE_PREFIX) for i in node.get("ids", ()))
               and isinstance(node, (nodes.list_item, nodes.citation))]
    if not entries:
        return
    terms = {node_id: smartyPants(name, "q", "en")  # curled, as the Glossary prints it; once for all entries
             for (kind, name), (_doc, node_id) in app.env.domains.standard_domain.objects.items() if kind == "term"}
    by_key: dict[str, dict[str, list[str]]] = {}
    for source, works in sorted(cited_in(app.env).items()):  # book order: the pages are numbered
        for key, anchors in works.items():
            by_key.setdefault(key, {})[source] = anchors
    for entry in entries:
        node_id = next(str(i) for i in entry["ids"] if str(i).startswith(CITE_PREFIX))
        key = node_id.removeprefix(CITE_PREFIX).removeprefix(PERIODICAL_PREFIX)
        if key in by_key:
            entry += places_paragraph(app, docname, by_key[key], terms)


def outdated_bibliographies(app: Sphinx, env: Any, added: Any, changed: Any, removed: Any) -> list[str]:
    """A changed page can change where a work is cited: rewrite the Works cited too."""
    if not (added or changed or removed):
        return []
    return sorted({key.docname for key in env.get_domain("cite").bibliographies})


def setup(app: Sphinx) -> dict[str, Any]:
    bibliography_style.register()
    app.setup_extension("sphinxcontrib.bibtex")
    app.connect("doctree-read", label_bibliography_entries)
    app.connect("doctree-read", collect_citations)
    cited_in.connect(app)
    app.connect("env-get-outdated", outdated_bibliographies)
    app.connect("doctree-resolved", add_cited_in)
    return {"version": "1.0", "env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}
