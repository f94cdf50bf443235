"""Pass 2, segment: cut the book into parts by the printed Contents.

The source's heading levels are unreliable, so a selection starts at the
heading whose text matches its Contents entry, whatever its level.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from ..core.errors import SourceError
from .model import Book, ContentsEntry, Selection
from .source import split_blocks

CONTENTS_HEADING = "## Contents"
CONTENTS_LINE = re.compile(r"^(?P<title>.+?)\t(?P<page>\d+)\s*$")
APPENDIX_PREFIX = re.compile(r"^Appendix [A-Z]: ")
# Contents entries that are not selections but mark the back matter.
BACK_MATTER = ("Glossary", "Further reading", "Index")
FRONT_MATTER = ("About the author", "Preface", "Introduction")


def strip_markup(text: str) -> str:
    """The plain words of a heading or Contents line."""
    text = re.sub(r"</?i>", "", text)
    text = re.sub(r"^#+\s*", "", text)
    return text.replace("**", "").replace("*", "").strip()


def normalize_title(text: str) -> str:
    """A comparison key: case, quote style and spacing round dashes ignored."""
    text = strip_markup(text).lower()
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"\s*\u2014\s*", "\u2014", text)
    return re.sub(r"\s+", " ", text)


def parse_contents(lines: list[str], path: str) -> tuple[int, int, list[ContentsEntry]]:
    """Find the Contents and return (first line index, end index, entries)."""
    try:
        start = lines.index(CONTENTS_HEADING)
    except ValueError:
        raise SourceError(path, None, f"no '{CONTENTS_HEADING}' heading",
                          "the importer segments the book by its printed Contents") from None
    entries: list[ContentsEntry] = []
    end = start + 1
    while end < len(lines) and lines[end].strip() != "---":
        text = lines[end]
        if text.strip():
            match = CONTENTS_LINE.match(text)
            if not match:
                raise SourceError(path, end + 1, f"Contents line without a page number: {text!r}",
                                  "each Contents line must be 'title<TAB>page'")
            entries.append(ContentsEntry(strip_markup(match["title"]), int(match["page"]), end + 1))
        end += 1
    if end == len(lines):
        raise SourceError(path, start + 1, "the Contents never ends", "end it with a '---' line")
    return start, end, entries


INCOMPLETE = "the source is not the whole book (truncated or damaged?): "
RESTORE = "restore the complete source/challenge-1928-29.txt (git checkout -- source/)"


@dataclass(frozen=True)
class Layout:
    """Where the book's parts start in the source (0-based line indexes)."""

    contents_start: int
    contents_end: int
    entries: list[ContentsEntry]
    starts: list[int]  # each selection's heading, in Contents order
    glossary: int
    reading: int
    index: int


def headings_after(lines: list[str], start: int) -> dict[str, list[int]]:
    """Every heading after `start`, by its comparison key."""
    found: dict[str, list[int]] = defaultdict(list)
    for index in range(start, len(lines)):
        if lines[index].startswith("#"):
            found[normalize_title(lines[index])].append(index)
    return found


def check_structure(lines: list[str], path: str, title_variants: dict[str, str]) -> Layout:
    """The book's structure, before anything is corrected: every Contents entry found as a
    heading, in order and once, and the Glossary, the reading list and the Index after them.
    (The back cover is checked where the Index ends: `segment`.)"""
    if not any(line.strip() for line in lines):
        raise SourceError(path, None, INCOMPLETE + "the file is empty", RESTORE)
    try:
        contents_start, contents_end, entries = parse_contents(lines, path)
    except SourceError as error:
        raise SourceError(path, error.line, INCOMPLETE + error.problem, RESTORE) from None
    titles = [e.title for e in entries]
    missing = [name for name in BACK_MATTER if name not in titles]
    if missing:
        raise SourceError(path, contents_start + 1, f"the Contents lacks {', '.join(missing)}",
                          "the book's Contents lists Glossary, Further reading and Index; " + RESTORE)
    if titles[-len(BACK_MATTER):] != list(BACK_MATTER):
        raise SourceError(path, contents_start + 1, "the Contents does not end with "
                          + ", ".join(BACK_MATTER), RESTORE)
    headings = headings_after(lines, contents_end)
    starts: list[int] = []
    cursor = contents_end
    for entry in entries:
        printed = entry.title if entry.title in BACK_MATTER else title_variants.get(
            entry.title, APPENDIX_PREFIX.sub("", entry.title))
        found = headings.get(normalize_title(printed), [])
        after = [index for index in found if index >= cursor]
        if not after:
            problem = (f"Contents entry {entry.title!r} has no heading in the text" if not found else
                       f"the heading of Contents entry {entry.title!r} (line {found[0] + 1}) stands before "
                       f"the heading of the entry above it (line {cursor})")
            raise SourceError(path, entry.line, INCOMPLETE + problem,
                              RESTORE + "; or, if the heading is printed otherwise, add it to "
                              "tools/data/title_variants.yaml")
        if len(found) > 1:
            raise SourceError(path, found[1] + 1, f"Contents entry {entry.title!r} has {len(found)} headings "
                              f"(lines {', '.join(str(i + 1) for i in found)})",
                              "a selection's heading stands once in the text: remove the copy")
        starts.append(after[0])
        cursor = after[0] + 1
    *starts, glossary, reading, index = starts
    return Layout(contents_start, contents_end, entries, starts, glossary, reading, index)


def segment(lines: list[str], path: str, layout: Layout) -> Book:
    """Cut the source into title page, Contents, selections and back matter, where
    `check_structure` found them."""
    entries = layout.entries
    selections_entries = [e for e in entries if e.title not in BACK_MATTER]
    glossary_page = next(e.page for e in entries if e.title == "Glossary")
    selections: list[Selection] = []
    ends = layout.starts[1:] + [layout.glossary]
    pages = [e.page for e in selections_entries] + [glossary_page]
    for number, (entry, start, end) in enumerate(zip(selections_entries, layout.starts, ends, strict=True), 1):
        part = ("front" if entry.title in FRONT_MATTER
                else "appendix" if APPENDIX_PREFIX.match(entry.title) else "text")
        selections.append(Selection(
            number=number, entry=entry, part=part, heading_line=start + 1,
            printed_title=strip_markup(lines[start]),
            blocks=split_blocks(lines, start + 1, end), last_page=pages[number] - 1, end_line=end))

    index_blocks = split_blocks(lines, layout.index + 1, len(lines))
    # The back cover follows the Index; its first block is set in bold.
    cover = next((i for i, block in enumerate(index_blocks) if block.text.startswith("**")), None)
    if cover is None:
        raise SourceError(path, layout.index + 1, INCOMPLETE + "no back cover after the Index",
                          "the back cover starts with a bold line after the last Index entry; " + RESTORE)
    return Book(
        title_page=split_blocks(lines, 0, layout.contents_start),
        contents=entries,
        contents_blocks=split_blocks(lines, layout.contents_start, layout.contents_end),
        selections=selections,
        glossary=split_blocks(lines, layout.glossary + 1, layout.reading),
        further_reading=split_blocks(lines, layout.reading + 1, layout.index),
        index=index_blocks[:cover],
        back_cover=index_blocks[cover:],
    )
