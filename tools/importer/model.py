"""Plain data passed between the importer's passes."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Block:
    """A paragraph-level unit of the source: the lines between blank lines.

    `line` is the 1-based source line it starts on; `text` keeps the source's
    hard line breaks as newlines.
    """

    line: int
    text: str


@dataclass(frozen=True)
class Change:
    """One repair, recorded so that the word check can account for it."""

    rule: str
    line: int
    removed: str
    added: str


@dataclass(frozen=True)
class ContentsEntry:
    title: str
    page: int
    line: int


@dataclass
class Selection:
    """One file's worth of the book: a Contents entry and its blocks."""

    number: int
    entry: ContentsEntry
    part: str  # "front", "text" or "appendix"
    heading_line: int
    printed_title: str
    blocks: list[Block]
    last_page: int | None = None
    end_line: int | None = None  # its last source line (1-based); it starts at heading_line
    page_breaks: list[str] = field(default_factory=list)  # the first words of each print page found within it


@dataclass
class Book:
    """The segmented source."""

    title_page: list[Block]
    contents: list[ContentsEntry]
    contents_blocks: list[Block]
    selections: list[Selection]
    glossary: list[Block]
    further_reading: list[Block]
    index: list[Block]
    back_cover: list[Block]
    changes: list[Change] = field(default_factory=list)
