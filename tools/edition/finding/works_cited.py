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
from sphinx.environment import BuildEnvironment
from sphinx.util.nodes import make_refnode
from sphinxcontrib.bibtex.nodes import bibliography

from ..document_data import DocumentData
from ..formats.page_references import pages_of
from ..letter_page.paragraphs import anchor_of, cited_by, iter_ancestors, reading_order
from ..unchanged_pages import gathers_from_every_page
from . import bibliography_style
from .link_lists import joined, labelled_links

LABEL_PREFIX = "work-"
CITE_PREFIX = "cite-"
# The Works cited lists periodicals apart, in a second bibliography whose entries' ids carry
# this prefix (its `:keyprefix:` in glossary/works-cited.md): two lists of one page must not
# share an id.
PERIODICAL_PREFIX = "periodical-"
CITED_IN = "Cited in: "
CITATION_PREFIX = "cited-"  # the target before a title cited in the text: 'cited-3'
PART_NAMES = {"h": "headnote", "s": "source note"}

# docname -> {key: [(paragraph anchor, citation target id)]}, in the page's order
cited_in = DocumentData[dict[str, list[tuple[str, str]]]]("edition_works_cited_in")


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
    """Each work's citations on the page: the paragraph (or Glossary entry) each stands in, and a
    target just before the title (`cited-N`), which the PDF gives the page of."""
    found: dict[str, list[tuple[str, str]]] = {}
    links = [node for node in doctree.findall(addnodes.pending_xref) if node.get("reftype") == "myst"
             and str(node.get("reftarget", "")).startswith(LABEL_PREFIX)]
    for number, node in enumerate(links, 1):
        target = nodes.target("", "", ids=[f"{CITATION_PREFIX}{number}"])
        node.parent.insert(node.parent.index(node), target)
        key = str(node["reftarget"]).removeprefix(LABEL_PREFIX)
        found.setdefault(key, []).append((place_of(node), target["ids"][0]))
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


def places_paragraph(app: Sphinx, fromdoc: str, places: dict[str, list[tuple[str, str]]],
                     terms: dict[str, str]) -> nodes.paragraph:
    """'Cited in: Preface (¶ 3); Conditions in Alma-Ata (¶ 2, ¶ 7)', every part a link; in the PDF,
    which prints no paragraph numbers, the pages of the PDF the titles stand on: 'Preface, 5;
    Conditions in Alma-Ata, 61, 62'."""
    env, builder = app.env, app.builder
    items = []
    for docname, citations in places.items():
        anchors = list(dict.fromkeys(place for place, _target in citations))
        title = str(env.metadata.get(docname, {}).get("short_title") or env.titles[docname].astext())
        item: list[nodes.Node] = [make_refnode(builder, fromdoc, docname, anchors[0] or None, nodes.Text(title))]
        marked = [anchor for anchor in anchors if anchor]
        if builder.format == "latex":
            named = [terms[anchor] for anchor in marked if anchor in terms]  # Glossary entries, by headword
            # a note's citation stands where the note is printed: in the order of the paragraphs
            in_book_order = sorted(citations, key=lambda citation: reading_order(citation[0]))
            item += [nodes.Text(f" ({', '.join(named)})" if named else ""), nodes.Text(", "),
                     pages_of([(docname, target) for _place, target in in_book_order])]
        elif marked:
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
    by_key: dict[str, dict[str, list[tuple[str, str]]]] = {}
    for source, works in sorted(cited_in(app.env).items()):  # book order: the pages are numbered
        for key, citations in works.items():
            by_key.setdefault(key, {})[source] = citations
    for entry in entries:
        node_id = next(str(i) for i in entry["ids"] if str(i).startswith(CITE_PREFIX))
        key = node_id.removeprefix(CITE_PREFIX).removeprefix(PERIODICAL_PREFIX)
        if key in by_key:
            entry += places_paragraph(app, docname, by_key[key], terms)


def bibliography_docs(env: BuildEnvironment) -> set[str]:
    return {key.docname for key in env.get_domain("cite").bibliographies}  # type: ignore[attr-defined]


def setup(app: Sphinx) -> dict[str, Any]:
    bibliography_style.register()
    app.setup_extension("sphinxcontrib.bibtex")
    app.setup_extension("tools.edition.formats.page_references")
    app.connect("doctree-read", label_bibliography_entries)
    app.connect("doctree-read", collect_citations)
    cited_in.connect(app)
    gathers_from_every_page(app, bibliography_docs)  # a changed page can change where a work is cited
    app.connect("doctree-resolved", add_cited_in)
    return {"version": "1.0", "env_version": 3, "parallel_read_safe": True, "parallel_write_safe": True}
