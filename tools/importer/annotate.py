"""Pass 4, annotate: mark the editorial apparatus, headings, notes and metadata."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..core.errors import SourceError
from .model import Block, Change, Selection

MONTHS = ("January February March April May June July August September October "
          "November December").split()
MONTH = "(?P<month>" + "|".join(MONTHS) + ")"
DATELINE = re.compile(
    rf"^\*?(?P<qualifier>Early |Mid-|Late )?{MONTH}"
    r"(?: (?P<day>\d{1,2})(?:–(?P<day_end>\d{1,2}))?,)? (?P<year>\d{4})\*?$")
# The headnote ends with the source note: the sentences, from the first that names the source
# or the translation, to the end of that paragraph.
SOURCE_NOTE = re.compile(r"(?:^|(?<=[.?!]\s)|(?<=[.?!][\"”’)]\s))"
                         r"(?:By permission of|Translated (?:from|for)|Reprinted by permission|From (?:the )?\*)")
HEADNOTE_LIMIT = 15  # the longest headnote in the book has 12 paragraphs
ROMAN = re.compile(r"^(?:[IVX]+\.(?:\s|$)|[IVX]+$)")
LETTERED = re.compile(r"^[A-E]\. ")
TIME_OF_DAY = re.compile(r"\d (?:A\.M\.|P\.M\.|a\.m\.|p\.m\.)$")
NOTES_HEADING = re.compile(r"^#+ NOTES TO ")
# The place and date a heading in capitals runs in at its end ('… TO KAMENEV MOSCOW, JULY 9, 1928',
# '… SOKOLNIKOV WEDNESDAY, JULY 11, 9 A.M.', '… REMARKS NIGHT OF JULY 11–12'), or that are a
# capitals line of their own under a heading ('JULY 12, 11 A.M.').
HEADING_DATELINE = re.compile(
    r"(?:^|\s)(?P<dateline>(?:[A-Z]+, |NIGHT OF )?(?:" + "|".join(month.upper() for month in MONTHS)
    + r") \d{1,2}(?:–\d{1,2})?(?:, \d{4}|, \d{1,2} [AP]\.M\.)?)$")
NUMBERED_NOTE = re.compile(r"^(?P<number>\d+)\. ")
SUPERSCRIPT = re.compile(r"<sup>(?P<number>\d+)</sup>")


@dataclass
class Chapter:
    """A selection, its apparatus told apart from the author's text."""

    selection: Selection
    dateline: str | None = None
    headnote: list[Block] = field(default_factory=list)
    source_note: Block | None = None
    source_note_at: int = 0  # the source note stands before headnote[source_note_at]
    body: list[Block] = field(default_factory=list)
    index_entries: dict[int, list[str]] = field(default_factory=dict)  # paragraph line -> entries
    changes: list[Change] = field(default_factory=list)  # what telling the apparatus apart changed


def parse_date(text: str) -> tuple[str, str] | None:
    """('March 17, 1928', '1928-03-17') for a dateline; ISO 8601 with ranges."""
    match = DATELINE.match(text.strip())
    if not match:
        return None
    month = MONTHS.index(match["month"]) + 1
    prefix = f"{match['year']}-{month:02d}"
    if not match["day"]:
        iso = prefix
    elif match["day_end"]:
        iso = f"{prefix}-{int(match['day']):02d}/{prefix}-{int(match['day_end']):02d}"
    else:
        iso = f"{prefix}-{int(match['day']):02d}"
    return text.strip().strip("*"), iso


def split_source_note(block: Block, start: int, note_ends: str | None,
                      path: str) -> tuple[list[Block], Block, list[Block]]:
    """(headnote before, source note, headnote after) of the paragraph whose sentence at
    `start` begins the source note; it runs to the paragraph's end or through `note_ends`."""
    text = block.text
    end = len(text)
    if note_ends:
        found = text.find(note_ends, start)
        if found < 0:
            raise SourceError(path, block.line, f"the source note does not contain {note_ends!r}",
                              "correct its `source_note_ends` in tools/data/selections.yaml")
        end = found + len(note_ends)
    before = [Block(block.line, text[:start].rstrip())] if text[:start].strip() else []
    after = [Block(block.line, text[end:].lstrip())] if text[end:].strip() else []
    return before, Block(block.line, text[start:end]), after


def split_apparatus(selection: Selection, path: str, undated: bool = False,
                    note_ends: str | None = None) -> Chapter:
    """Dateline, headnote and source note, then the author's text.

    Every letter, article and appendix opens with its dateline, unless the
    editors' data (`undated`) says it has none; a dateline the importer cannot
    read is an error, not a selection without apparatus. A paragraph that holds
    headnote sentences and the source note is split at the sentence where the
    note starts; the editors' `note_ends` ends a note that the headnote resumes.
    """
    blocks = selection.blocks
    chapter = Chapter(selection)
    dated = bool(blocks) and parse_date(blocks[0].text) is not None
    if selection.part != "front" and dated == undated:
        line = blocks[0].line if blocks else selection.heading_line
        if undated:
            raise SourceError(path, line, f"{selection.entry.title!r} opens with a dateline but "
                              "tools/data/selections.yaml marks it undated",
                              "remove `undated` from its entry in tools/data/selections.yaml")
        raise SourceError(path, line, f"no dateline recognised at the start of {selection.entry.title!r}",
                          "write the date as printed, e.g. '*March 17, 1928*', '*Early May 1928*' or "
                          "'*February 7–8, 1929*'; if the selection has none, give its entry in "
                          "tools/data/selections.yaml `undated: <reason>`")
    if selection.part == "front" or not dated:
        chapter.body = blocks
        return chapter
    chapter.dateline = blocks[0].text.strip().strip("*")
    for index in range(1, min(len(blocks), HEADNOTE_LIMIT + 1)):
        note = SOURCE_NOTE.search(blocks[index].text)
        if note:
            before, chapter.source_note, after = split_source_note(blocks[index], note.start(), note_ends, path)
            if before or after:  # one printed paragraph, now headnote and source note: no word changes
                chapter.changes.append(Change("paragraph-split-at-source-note", blocks[index].line, "", ""))
            chapter.headnote = blocks[1:index] + before + after
            chapter.source_note_at = index - 1 + len(before)
            chapter.body = blocks[index + 1:]
            return chapter
    raise SourceError(path, blocks[0].line, f"no source note in the {HEADNOTE_LIMIT} paragraphs after "
                      f"the dateline of {selection.entry.title!r}",
                      "a headnote ends with its source note ('By permission of ...', 'From *...*', "
                      "'Translated from ...'); check the source text here")


def heading_level(text: str) -> int:
    """Levels relative to the selection (its title is level 1)."""
    if ROMAN.match(text) or not (LETTERED.match(text) or TIME_OF_DAY.search(text)
                                 or text.startswith("[")):
        return 2
    return 3


def heading_text(block: Block) -> str | None:
    """The words of a block that is a heading, marked or not; else None.

    Besides '#' lines, a bold-only line ('**B. The conciliatory tendency**')
    and a capitalised Roman-numbered or timed line in the appendix ('II.
    KAMENEV'S ACCOUNT OF HIS / CONVERSATION ...') are headings.
    """
    text = block.text
    if text.startswith("#"):
        return text.lstrip("#").strip().replace("**", "")
    lines = [line.strip() for line in text.split("\n")]
    if text.startswith("**") and text.endswith("**") and len(lines) == 1:
        return text.strip("*")
    joined = " ".join(lines)
    if joined.isupper() and (ROMAN.match(joined) or TIME_OF_DAY.search(joined)):
        return joined
    return None


def dateline_block(line: int, dateline: str) -> Block:
    return Block(line, f":::{{container}} dateline\n{dateline}\n:::")


def heading_datelines(blocks: list[Block]) -> tuple[list[Block], list[Change]]:
    """A heading's place and date, run into it in capitals, become a dateline beneath it.

    'I. LETTER FROM SOKOLNIKOV TO KAMENEV MOSCOW, JULY 9, 1928' is the heading 'I. LETTER FROM
    SOKOLNIKOV TO KAMENEV' and the dateline 'MOSCOW, JULY 9, 1928'; a capitals line that is only a
    date, right under a heading, is that heading's dateline. No word changes, only where it stands.
    """
    result: list[Block] = []
    changes: list[Change] = []
    for block in blocks:
        heading = heading_text(block)
        found = HEADING_DATELINE.search(heading) if heading and heading.isupper() else None
        title = heading[:found.start()].strip() if found else ""
        if found and (title or (result and heading_text(result[-1]) is not None)):
            if title:
                result.append(Block(block.line, "#" * heading_level(title) + " " + title))
            result.append(dateline_block(block.line, found["dateline"]))
            changes.append(Change("heading-dateline", block.line, "", ""))
            continue
        result.append(block)
    return result, changes


def appendix_notes(blocks: list[Block]) -> tuple[list[Block], list[Change]]:
    """The appendix's endnotes and <sup>N</sup> markers -> MyST footnotes."""
    start = next((i for i, block in enumerate(blocks) if NOTES_HEADING.match(block.text)), None)
    if start is None:
        return blocks, []
    changes = [Change("notes-heading-to-footnotes", blocks[start].line,
                      blocks[start].text.lstrip("#").strip(), "")]
    notes = []
    for block in blocks[start + 1:]:
        match = NUMBERED_NOTE.match(block.text)
        if match:
            notes.append(Block(block.line, f"[^{match['number']}]: {block.text[match.end():]}"))
            changes.append(Change("footnote-number", block.line, match["number"], ""))
        else:  # a note's second paragraph
            notes.append(Block(block.line, "    " + block.text))
    text_blocks = []
    for block in blocks[:start]:
        for match in SUPERSCRIPT.finditer(block.text):
            changes.append(Change("footnote-number", block.line, match["number"], ""))
        text_blocks.append(Block(block.line, SUPERSCRIPT.sub(r"[^\g<number>]", block.text)))
    return text_blocks + notes, changes
