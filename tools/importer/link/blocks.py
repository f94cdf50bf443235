"""A chapter's paragraphs (headnote, source note and text), walked in order."""

from __future__ import annotations

from collections.abc import Callable

from ..annotate import Chapter, heading_text
from ..model import Block


def map_paragraphs(chapter: Chapter, function: Callable[[Block], Block]) -> None:
    """Apply `function` to every paragraph (not heading) of headnote, source note and text."""
    def apply(block: Block) -> Block:
        return block if heading_text(block) is not None else function(block)
    chapter.headnote = [apply(b) for b in chapter.headnote]
    chapter.source_note = chapter.source_note and apply(chapter.source_note)
    chapter.body = [apply(b) for b in chapter.body]


def chapter_blocks(chapter: Chapter) -> list[Block]:
    """Headnote, source note and text, in order."""
    return chapter.headnote + ([chapter.source_note] if chapter.source_note else []) + chapter.body
