"""The Index a reader can use (HTML and EPUB): one heading per subject, sorted as the
printed Index sorts, locators that name their selection and printed page and open the
paragraph, *see* and *see also* as links, an A–Z bar; and each Glossary entry's index
locators.

Sphinx's own index page numbers its locators [1] [2] … and sorts by code point; this
builds the index from the same entries (index_entries.py gives them their paragraphs and
merges the Glossary's terms) and the page template `genindex.html` sets it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.index_entries import split_index_msg
from sphinx.util.nodes import make_refnode

from ...core import printed_index
from ...core.build_data import CORRECTIONS, PRINTED_INDEX
from ...core.printed_index import PrintedIndex, heading_anchor, page_label, pages_within, sort_key
from .. import unchanged_pages
from ..corrections import CORRECTIONS_PAGE, erratum_id, index_corrections
from ..formats.page_references import pages_of
from ..letter_page.mentions import glossary_docs
from ..letter_page.paragraphs import reading_order
from .link_lists import joined, labelled_links

GLOSSARY_LABEL = "Glossary"
INDEX_LABEL = "Index: "
SEE_KINDS = {"see": "see", "seealso": "see also"}
HEADINGS = "edition_index_headings"  # the builder's attribute: the headings, collected once a build


@dataclass(frozen=True)
class Locator:
    docname: str
    anchor: str
    title: str  # 'Marxism and peasant revolution'
    pages: str  # 'p. 444'; '' where the printed Index gives none

    @property
    def label(self) -> str:
        return f"{self.title}, {self.pages}" if self.pages else self.title


@dataclass
class Heading:
    text: str
    key: str
    locators: list[Locator] = field(default_factory=list)
    subentries: dict[str, list[Locator]] = field(default_factory=dict)
    see: list[tuple[str, str]] = field(default_factory=list)  # ('see also', target heading)

    @property
    def anchor(self) -> str:
        return heading_anchor(self.text)


def selection_pages(meta: dict) -> tuple[int, int] | None:
    """'439–445' -> (439, 445), '22' -> (22, 22); None for a page without printed pages."""
    first, _dash, last = str(meta.get("pages", "")).partition("–")
    return (int(first), int(last or first)) if first.isdigit() else None


def locator_words(env: BuildEnvironment, docname: str, printed: printed_index.PrintedHeading | None,
                  label: str) -> tuple[str, str]:
    """A locator's words: the selection's short title and the printed pages it stands for."""
    meta = env.metadata.get(docname, {})
    title = str(meta.get("short_title") or env.titles[docname].astext())
    span = selection_pages(meta)
    if printed is None:
        pages = ""
    elif span is None:  # the Glossary: the printed Index gives its pages as '519g'
        title, pages = GLOSSARY_LABEL, page_label(printed.glossary_pages())
    else:
        pages = page_label(pages_within(printed.tokens(label), *span))
    return title, pages


def headings_of(app: Sphinx) -> dict[str, Heading]:
    """`collect` once a build: the Index page and the Glossary's locators both use it, and the entries do not
    change while pages are written."""
    if not hasattr(app.builder, HEADINGS):
        setattr(app.builder, HEADINGS, collect(app.env))
    return getattr(app.builder, HEADINGS)


def collect(env: BuildEnvironment) -> dict[str, Heading]:
    """Every heading of the index, by its text; locators in book order."""
    index = printed_index.load(Path(env.srcdir))
    headings: dict[str, Heading] = {}
    seen: set[tuple[str, str, str, str]] = set()
    for docname, entries in sorted(env.domains.index_domain.entries.items()):
        for kind, value, target, _main, _key in entries:
            parts = split_index_msg(kind, value)
            heading = headings.setdefault(parts[0], Heading(parts[0], sort_key(parts[0])))
            if kind in SEE_KINDS:
                heading.see.append((SEE_KINDS[kind], parts[1]))
                continue
            label = parts[1] if len(parts) > 1 else ""
            if (parts[0], label, docname, target) in seen:
                continue
            seen.add((parts[0], label, docname, target))
            locator = Locator(docname, target, *locator_words(env, docname, index.get(parts[0]), label))
            (heading.subentries.setdefault(label, []) if label else heading.locators).append(locator)
    return headings


def find_heading(target: str, headings: dict[str, Heading]) -> Heading | None:
    """The heading a *see* names: exactly, or by its words ('“Left turn”' is
    '“Left turn” (February 1928)'); for a sub-entry, its heading ('Central Committee, July
    1928 plenum' is under 'Central Committee (of AUCP)')."""
    if target in headings:
        return headings[target]
    for words in (target, target.partition(", ")[0]):
        key = sort_key(words)
        found = next((h for h in headings.values() if h.key == key or h.key.startswith(key + " ")), None)
        if found:
            return found
    return None


def ordered_subentries(heading: Heading, index: PrintedIndex) -> list[tuple[str, list[Locator]]]:
    """Sub-entries in the printed Index's order (it orders them by sense, not alphabet)."""
    printed = index.get(heading.text)
    return sorted(heading.subentries.items(),
                  key=lambda item: (printed.subentry_position(item[0]) if printed else 0, sort_key(item[0])))


def letter_groups(headings: dict[str, Heading]) -> list[tuple[str, list[Heading]]]:
    groups: dict[str, list[Heading]] = {}
    for heading in sorted(headings.values(), key=lambda h: h.key):
        groups.setdefault(heading.key[:1].upper(), []).append(heading)
    return list(groups.items())


def index_context(app: Sphinx, pagename: str) -> list[dict[str, Any]]:
    """The index as the template sets it: letters, headings, locators with their addresses."""
    env, builder = app.env, app.builder
    headings = headings_of(app)
    index = printed_index.load(Path(env.srcdir))
    corrected = index_corrections(Path(env.srcdir))
    corrections_page = builder.get_relative_uri(pagename, CORRECTIONS_PAGE)

    def links(locators: list[Locator]) -> list[tuple[str, str]]:
        return [(loc.label, f"{builder.get_relative_uri(pagename, loc.docname)}#{loc.anchor}")
                for loc in locators]

    def see(heading: Heading) -> list[tuple[str, list[tuple[str, str]]]]:
        """[('see also', [(target, '#ix-…'), …])]: each kind once, its targets together."""
        by_kind: dict[str, list[tuple[str, str]]] = {}
        for kind, target in heading.see:
            found = find_heading(target, headings)
            by_kind.setdefault(kind, []).append((target, f"#{found.anchor}" if found else ""))
        return list(by_kind.items())

    return [{"letter": letter, "headings": [
        {"text": h.text, "id": h.anchor, "locators": links(h.locators), "see": see(h),
         "correction": f"{corrections_page}#{erratum_id(corrected[h.text])}" if h.text in corrected else "",
         "subentries": [(label, links(locators)) for label, locators in ordered_subentries(h, index)]}
        for h in group]} for letter, group in letter_groups(headings)]


def index_made_from(app: Sphinx, pagename: str, doctree: Any) -> tuple[Any, ...] | None:
    """What the Index page shows beyond the book's titles and front matter (which every page's fingerprint
    holds, unchanged_pages.py): the Index entries, the printed Index and the corrections."""
    if pagename != "genindex":
        return None
    srcdir = Path(app.env.srcdir)
    return (sorted(app.env.domains.index_domain.entries.items()),
            *((srcdir / name).read_bytes() for name in (PRINTED_INDEX, CORRECTIONS)))


def add_index_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if pagename == "genindex":
        context["edition_index"] = index_context(app, pagename)


def printed_page_links(app: Sphinx, docname: str, every: list[Locator]) -> list[nodes.Node]:
    """The site and the EPUB: the printed Index's pages, one link a page, in book order (the
    selections' names are numbered); the selection's title shows on hover."""
    locators = sorted({loc.label: loc for loc in reversed(every)}.values(), key=lambda loc: loc.docname)
    return joined([[make_refnode(app.builder, docname, locator.docname, locator.anchor,
                                 nodes.Text(locator.pages.removeprefix("pp.\u00a0").removeprefix("p.\u00a0")
                                            or locator.title), locator.label)] for locator in locators], ", ")


def glossary_locators(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Under each Glossary entry, its pages in the Index, each leading to its paragraph: 'Index:
    40, 123' ("Mentioned in" names the selections). The site and the EPUB give the printed Index's
    pages; the PDF its own, as its Index does (page_references.py)."""
    glossaries = list(doctree.findall(addnodes.glossary))
    if not glossaries:
        return
    headings = headings_of(app)
    glossary_pages = set(glossary_docs(app.env))  # an entry's own locator is the entry itself
    for item in (item for glossary in glossaries for item in glossary.findall(nodes.definition_list_item)):
        term = item.next_node(nodes.term)
        named = [headings[value] for index in term.findall(addnodes.index)
                 for _kind, value, *_rest in index["entries"] if value in headings]
        every = [loc for heading in named
                 for loc in [*heading.locators, *(sub for subs in heading.subentries.values() for sub in subs)]
                 if loc.docname not in glossary_pages]
        if not every:
            continue
        if app.builder.format == "latex":
            in_book_order = sorted(every, key=lambda loc: (loc.docname, reading_order(loc.anchor)))
            pages: list[nodes.Node] = [pages_of([(loc.docname, loc.anchor) for loc in in_book_order])]
        else:
            pages = printed_page_links(app, docname, every)
        item.next_node(nodes.definition).append(labelled_links(INDEX_LABEL, "index-locators", [pages], ""))


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("tools.edition.finding.index_directive")
    app.setup_extension("tools.edition.formats.page_references")
    unchanged_pages.shows(app, index_made_from)  # the Index page is written again when what it shows changed
    app.connect("html-page-context", add_index_context)
    app.connect("doctree-resolved", glossary_locators, priority=600)  # after "Mentioned in"
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
