"""Pass 5, link: cross-references written into the Markdown.

Text -> glossary ({term}, first mention per headnote and per text), letter ->
letter ({doc}), works cited (links to the bibliography) and the printed Index
as Sphinx index entries at the paragraph where each term occurs. Links are
markup only: not a word of the text changes.

This module ties the pass together (`link_book`); each kind of link has its own
module: `terms`, `works`, `letters`, `volume`, `index_entries`, `cross_references`,
with the shared `protect`, `blocks`, `headings` and the `report`.
"""

from __future__ import annotations

from ...core.errors import SourceError
from ...core.index_headings import expand_pages, index_text, names_heading
from ..annotate import Chapter
from ..glossary import GlossaryEntry
from ..model import Block
from .blocks import map_paragraphs
from .cross_references import cross_reference_entries
from .index_entries import Paragraphs, heading_aliases, index_keys, paragraphs, place_index_entries
from .letters import LetterIndex, letter_index, link_letters
from .link_report import LinkReport, VolumeReference, summary
from .terms import TermLinker, headword_pages, name_forms, prefix_tree_pattern
from .volume import VOLUME_DATA, VOLUME_REFERENCE, curated_references, link_curated_references, volume_references
from .works import Works

__all__ = [
    "VOLUME_REFERENCE", "LetterIndex", "LinkReport", "Paragraphs", "TermLinker", "VolumeReference", "Works",
    "cross_reference_entries", "curated_references", "expand_pages", "heading_aliases", "headword_pages",
    "index_keys", "index_text", "link_book", "link_curated_references", "link_letters", "name_forms",
    "names_heading", "paragraphs", "place_index_entries", "prefix_tree_pattern", "summary", "volume_references",
]


def link_book(chapters: list[tuple[Chapter, str]], entries: list[GlossaryEntry], definitions: list[str],
              index: list[dict], aliases: list[dict], works: Works, volume: list[dict]) -> LinkReport:
    """Write every cross-reference into the chapters' blocks (in place)."""
    report = LinkReport()
    letters = letter_index(chapters)
    forms = name_forms(entries, definitions, aliases)
    linker = TermLinker(forms, headword_pages([e.headword for e in entries], index), report)
    curated = curated_references(volume, letters)
    unknown = set(curated) - {chapter.selection.entry.title for chapter, _ in chapters}
    if unknown:
        raise SourceError(VOLUME_DATA, None, f"no selection is titled {sorted(unknown)}",
                          "give the selection's title as the Contents prints it")

    for chapter, stem in chapters:
        references = curated.get(chapter.selection.entry.title, [])
        map_paragraphs(chapter, lambda b, own=stem: Block(
            b.line, link_letters(works.link(b.text, report), letters, own, report)))
        link_curated_references(chapter, references, report)
        apparatus = linker.link_region(chapter.headnote + ([chapter.source_note] if chapter.source_note else []),
                                       chapter)
        chapter.headnote = apparatus[: len(chapter.headnote)]
        chapter.source_note = apparatus[len(chapter.headnote)] if chapter.source_note else None
        chapter.body = linker.link_region(chapter.body, chapter)
        volume_references(chapter, references, report)
    placed = place_index_entries([chapter for chapter, _ in chapters], index, heading_aliases(index, forms), report)
    for chapter, _ in chapters:
        chapter.index_entries = dict(placed.get(chapter.selection.number, {}))
    return report
