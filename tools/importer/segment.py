"""Pass 2, segment: cut the book into parts by the printed Contents.

The source's heading levels are unreliable, so a selection starts at the
heading whose text matches its Contents entry, whatever its level.
"""

from __future__ import annotations

import re

from .model import Book, ContentsEntry, Selection, SourceError
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


def find_heading(lines: list[str], title: str, start: int, path: str, entry_line: int) -> int:
    """Index of the first heading at or after `start` whose text is `title`."""
    wanted = normalize_title(title)
    for index in range(start, len(lines)):
        if lines[index].startswith("#") and normalize_title(lines[index]) == wanted:
            return index
    raise SourceError(path, entry_line, f"Contents entry {title!r} has no matching heading in the text",
                      "fix the heading in the source, or add the printed heading to "
                      "tools/data/title_variants.yaml")


def segment(lines: list[str], path: str, title_variants: dict[str, str]) -> Book:
    """Cut the source into title page, Contents, selections and back matter."""
    contents_start, contents_end, entries = parse_contents(lines, path)
    selections_entries = [e for e in entries if e.title not in BACK_MATTER]
    back_entries = {e.title: e for e in entries if e.title in BACK_MATTER}
    missing = [name for name in BACK_MATTER if name not in back_entries]
    if missing:
        raise SourceError(path, contents_start + 1, f"Contents lacks {', '.join(missing)}",
                          "the book's Contents must list Glossary, Further reading and Index")

    starts: list[int] = []
    cursor = contents_end
    for entry in selections_entries:
        printed = title_variants.get(entry.title, APPENDIX_PREFIX.sub("", entry.title))
        cursor = find_heading(lines, printed, cursor, path, entry.line)
        starts.append(cursor)
        cursor += 1
    back_starts = [find_heading(lines, name, cursor, path, back_entries[name].line)
                   for name in BACK_MATTER]
    glossary_start, reading_start, index_start = back_starts

    selections: list[Selection] = []
    ends = starts[1:] + [glossary_start]
    pages = [e.page for e in selections_entries] + [back_entries["Glossary"].page]
    for number, (entry, start, end) in enumerate(zip(selections_entries, starts, ends, strict=True), 1):
        part = ("front" if entry.title in FRONT_MATTER
                else "appendix" if APPENDIX_PREFIX.match(entry.title) else "text")
        selections.append(Selection(
            number=number, entry=entry, part=part, heading_line=start + 1,
            printed_title=strip_markup(lines[start]),
            blocks=split_blocks(lines, start + 1, end), last_page=pages[number] - 1, end_line=end))

    index_blocks = split_blocks(lines, index_start + 1, len(lines))
    # The back cover follows the Index; its first block is set in bold.
    cover = next((i for i, block in enumerate(index_blocks) if block.text.startswith("**")), None)
    if cover is None:
        raise SourceError(path, index_start + 1, "no back cover after the Index",
                          "the back cover starts with a bold line after the last Index entry")
    return Book(
        title_page=split_blocks(lines, 0, contents_start),
        contents=entries,
        contents_blocks=split_blocks(lines, contents_start, contents_end),
        selections=selections,
        glossary=split_blocks(lines, glossary_start + 1, reading_start),
        further_reading=split_blocks(lines, reading_start + 1, index_start),
        index=index_blocks[:cover],
        back_cover=index_blocks[cover:],
    )
