"""The printed Index as Sphinx index entries: `{index-entries}`, each leading to its
paragraph, the Glossary's terms merged into the Index's headings, and the PDF's index
sorted as the printed Index is.

Sphinx's `index` directive takes its entries as a multi-line argument, which
MyST cannot write; this directive takes them as content instead:

    ```{index-entries}
    single: Alsky, M.
    single: Bukharin, N.; and Comintern
    see: Bolshevik-Leninists; Left Opposition
    ```

Index entries get curly quotes, as the text does. An entry's target is the id of the
paragraph it stands before (paragraphs.py), so a locator opens that paragraph. The
printed Index is the one authority on headings: a Glossary term adds no heading of its
own, only a locator under the printed heading that names it ('AUCP' under 'AUCP
(All-Union Communist Party)'), where the printed Index gives a Glossary page for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.nodes import Node
from docutils.utils.smartquotes import smartyPants
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.domains.index import IndexDirective
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.index_entries import split_index_msg
from sphinx.writers.latex import LaTeXTranslator

from ...core import printed_index
from ...core.build_data import PRINTED_INDEX
from ..formats.closings import ENDS_THE_TEXT, KEEP_WITH_PREVIOUS
from ..formats.latex_text import latex_text
from ..letter_page.paragraphs import cited_by, paragraph_id

IndexEntry = tuple[str, str, str, str, str | None]  # kind, value, target id, main, category key
# The PDF index's See and See also: xindy writes the targets' sort keys, '\see{k1; k2}{}';
# these print the headings' words, registered by \edindexname where the See entry stands.
INDEX_MACROS = r"""
\makeatletter
\newcommand*{\edindexname}[2]{\expandafter\gdef\csname edindex@#1\endcsname{#2}}
\def\edindex@each#1; #2\@nil{\csname edindex@#1\endcsname\ifx\relax#2\relax\else; \edindex@each#2\@nil\fi}
\renewcommand*{\see}[2]{\emph{\seename} \edindex@each#1; \@nil}
\renewcommand*{\seealso}[2]{\emph{\alsoname} \edindex@each#1; \@nil}
\makeatother
"""


class IndexEntries(IndexDirective):
    has_content = True
    required_arguments = 0

    def run(self) -> list[Node]:
        self.arguments = ["\n".join(line for line in self.content if line.strip())]
        return super().run()


class CurlyQuotesInIndexEntries(SphinxTransform):
    """Index entries are plain strings that smart quotes never see (a glossary term's
    entry "T'an P'ing-shan"): curl them as the text is curled."""

    default_priority = 750

    def apply(self, **kwargs: Any) -> None:
        for index in self.document.findall(addnodes.index):
            index["entries"] = [(kind, smartyPants(value, "q", "en"), target, main, key)
                                for kind, value, target, main, key in index["entries"]]


def glossary_term_entries(entries: list[IndexEntry], index: printed_index.PrintedIndex) -> list[IndexEntry]:
    """A Glossary term's own entry ('AUCP', main) -> the printed headings that name it."""
    return [("single", heading.text, target, "", None)
            for _kind, value, target, _main, _key in entries for heading in index.naming(value)]


def note_paragraph(node: nodes.Node) -> str | None:
    """Where no numbered paragraph follows an entry (an entry for a note of Appendix A,
    printed at its end), the paragraph whose note follows it."""
    footnote = next(node.findall(nodes.footnote, include_self=False, siblings=True, ascend=True), None)
    return cited_by(footnote) if footnote is not None else None


class IndexEntriesAtParagraphs(SphinxTransform):
    """Entries lead to their paragraph; Glossary terms' entries become the printed Index's."""

    default_priority = 890  # after the paragraphs have their ids (870)

    def apply(self, **kwargs: Any) -> None:
        self.env.note_dependency(PRINTED_INDEX)
        index = printed_index.load(Path(self.env.srcdir))
        found = list(self.document.findall(addnodes.index))
        for node in found:
            if isinstance(node.parent, nodes.term):
                node["entries"] = glossary_term_entries(node["entries"], index)
            elif anchor := paragraph_id(node) or note_paragraph(node):
                node["entries"] = [(kind, value, anchor, main, key)
                                   for kind, value, _target, main, key in node["entries"]]
        # the index domain collected the entries before the paragraphs were numbered (850)
        self.env.domains.index_domain.entries[self.env.docname] = [
            entry for node in found for entry in node["entries"]]


def latex_escape(translator: LaTeXTranslator, text: str) -> str:
    """Text for \\index{}, where '"', '@', '!' and '|' are xindy's own characters."""
    text = latex_text(translator, text).replace(r"\{", r"\sphinxleftcurlybrace{}").replace(
        r"\}", r"\sphinxrightcurlybrace{}")
    for mark in '"@!':
        text = text.replace(mark, '"' + mark)
    return text.replace("|", r"\textbar{}")


def latex_index(translator: LaTeXTranslator, entry: IndexEntry, index: printed_index.PrintedIndex) -> str:
    r"""'single: Bukharin, N.; and Comintern' -> '\index{bukharin n@…!000@…}': the heading
    sorted by the printed Index's rule, a sub-entry in the printed Index's order."""
    kind, value, _target, _main, _key = entry
    parts = split_index_msg(kind, value)
    heading = parts[0]
    sort = f"{printed_index.sort_key(heading)}@\\spxentry{{{latex_escape(translator, heading)}}}"
    if kind in ("see", "seealso"):
        # xindy checks that a See names an existing entry by its key: it names the target's
        # sort key, and \edindexname tells LaTeX the target's printed words (INDEX_MACROS)
        target = parts[1]
        if index.get(target) is None:
            return ""  # a See to a sub-entry ('Central Committee, July 1928 plenum'): HTML and EPUB only
        key = printed_index.sort_key(target)
        return (rf"\edindexname{{{key}}}{{{latex_escape(translator, target)}}}"
                rf"\index{{{sort}|{kind}{{{key}}}}}")
    if len(parts) == 1:
        return rf"\index{{{sort}}}"
    printed = index.get(heading)
    position = printed.subentry_position(parts[1]) if printed else 0
    sub = f"{position:03d}{printed_index.sort_key(parts[1])}@\\spxentry{{{latex_escape(translator, parts[1])}}}"
    return rf"\index{{{sort}!{sub}}}"


# A glossary entry's "Mentioned in:" and "Index:" lines stay on the page of its definition, and a
# work's "Cited in:" with its entry: alone at the head of the next page they would read as a widow
# of the entry; so do a letter's closing and a list's last item (closings.py).
KEPT_WITH_THE_PREVIOUS = {"mentioned-in", "index-locators", "cited-in", KEEP_WITH_PREVIOUS}


def next_block(node: nodes.Node) -> nodes.Node | None:
    """The block after an index entry that stands between blocks, at its level or after its section
    (other entries and targets skipped)."""
    return next((block for block in node.findall(nodes.Element, include_self=False, descend=False,
                                                 siblings=True, ascend=True)
                 if not isinstance(block, (addnodes.index, nodes.target))), None)


class IndexEntriesInTheirNotes(SphinxPostTransform):
    """The PDF prints a note at the foot of the page that cites it (Sphinx's LaTeX footnote
    transform moves it there); an entry for the note (Appendix A's, which stand before their notes
    at the page's end) goes with it, into the note, and so gives that page."""

    formats = ("latex",)
    default_priority = 590  # before Sphinx moves the notes (600)

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(addnodes.index)):
            note = next_block(node)
            text = note.next_node(nodes.paragraph) if isinstance(note, nodes.footnote) else None
            if not node.get("inline", True) and text is not None:
                node.parent.remove(node)
                text.parent.insert(text.parent.index(text), node)


class EditionLaTeXTranslator(LaTeXTranslator):
    def keep_with_previous(self, node: nodes.Element) -> None:
        """No page break before the paragraph or list item (edition.sty)."""
        if KEPT_WITH_THE_PREVIOUS & set(node["classes"]):
            item = isinstance(node, nodes.list_item)
            self.body.append("\n\\editionkeepitemwithprevious" if item else "\n\\editionkeepwithprevious")
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.index_at_paragraph = ""  # entries that stand before the next paragraph (visit_index)

    def visit_index(self, node: nodes.Element) -> None:
        index = printed_index.load(Path(self.builder.srcdir))
        entries = "".join(latex_index(self, entry, index) for entry in node["entries"])
        if node.get("inline", True):
            self.body.append(entries)
        else:
            # An entry between blocks leads to the next paragraph (IndexEntriesAtParagraphs): it is
            # written inside it, so that the Index gives the page that paragraph begins on, as the
            # Glossary's "Index:" lines do (between blocks the page could break after the entry).
            self.index_at_paragraph += entries
        raise nodes.SkipNode

    def depart_start_of_file(self, node: nodes.Element) -> None:
        self.body.append(self.index_at_paragraph)  # a page's last entries stay on its last page
        self.index_at_paragraph = ""
        super().depart_start_of_file(node)

    # Locators, "Index:" and "Cited in:" lead to a paragraph (p12) or a Works cited entry:
    # Sphinx's LaTeX writer labels neither, so the PDF's links would go nowhere.
    def visit_paragraph(self, node: nodes.Element) -> None:
        self.keep_with_previous(node)
        if ENDS_THE_TEXT in node["classes"]:
            self.body.append("\n{\\editionendofthetext")  # a group: its widow penalties end with it
        super().visit_paragraph(node)
        if not self.in_footnote:
            self.body.append(self.hypertarget_to(node, anchor=bool(node["ids"])))
        self.body.append(self.index_at_paragraph)
        self.index_at_paragraph = ""

    def depart_paragraph(self, node: nodes.Element) -> None:
        super().depart_paragraph(node)
        if ENDS_THE_TEXT in node["classes"]:
            self.body.append("\\par}\n")

    def visit_list_item(self, node: nodes.Element) -> None:
        self.keep_with_previous(node)
        super().visit_list_item(node)
        self.body.append(self.hypertarget_to(node, anchor=bool(node["ids"])))


def add_index_macros(app: Sphinx, config: Any) -> None:
    config.latex_elements["preamble"] = config.latex_elements.get("preamble", "") + INDEX_MACROS


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("index-entries", IndexEntries)
    app.connect("config-inited", add_index_macros)
    app.add_transform(CurlyQuotesInIndexEntries)
    app.add_transform(IndexEntriesAtParagraphs)
    app.add_post_transform(IndexEntriesInTheirNotes)
    app.set_translator("latex", EditionLaTeXTranslator, override=True)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
