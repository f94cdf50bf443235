"""Word-level changes between two readings of a page, and the markup added or removed.

Paragraphs are matched first (a whole paragraph is one element), then the words of the
paragraphs that differ: fast on a whole book, and a change stays inside its paragraph.
Each part (author's text, headnote, source note, notes) is compared on its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from .reading import PARAGRAPH_BREAK, MarkupItem, Paragraph, Word

CONTEXT = 4  # words shown either side of a change
JOIN_GAP = 2  # changes this few unchanged words apart are shown as one

Opcode = tuple[str, int, int, int, int]


@dataclass(frozen=True)
class Flat:
    """A part's paragraphs as one sequence of words, a PARAGRAPH_BREAK after each paragraph."""

    words: list[Word]
    anchors: list[str]  # the anchor of each word's paragraph
    starts: list[int]  # where each paragraph starts; one more: the end

    @classmethod
    def of(cls, paragraphs: list[Paragraph]) -> Flat:
        words: list[Word] = []
        anchors: list[str] = []
        starts = []
        for paragraph in paragraphs:
            starts.append(len(words))
            words += [*paragraph.words, PARAGRAPH_BREAK]
            anchors += [paragraph.anchor] * (len(paragraph.words) + 1)
        return cls(words, anchors, [*starts, len(words)])

    def anchor_at(self, position: int) -> str:
        if not self.anchors:
            return "end"
        return self.anchors[min(position, len(self.anchors) - 1)]


@dataclass(frozen=True)
class Side:
    """One side of a change: its words, and a few unchanged words of the paragraph either side."""

    lead: tuple[Word, ...]
    words: tuple[Word, ...]
    tail: tuple[Word, ...]
    more_before: bool  # the paragraph goes on before the lead
    more_after: bool

    @classmethod
    def of(cls, flat: Flat, start: int, end: int) -> Side:
        reach = max(0, start - CONTEXT - 1)
        lead = ([PARAGRAPH_BREAK] if reach == 0 else []) + flat.words[reach:start]
        lead = lead[len(lead) - lead[::-1].index(PARAGRAPH_BREAK):] if PARAGRAPH_BREAK in lead else lead
        words = tuple(flat.words[start:end])
        ends_paragraph = len(words) > 1 and words[-1] == PARAGRAPH_BREAK
        tail = [] if ends_paragraph else [*flat.words[end:end + CONTEXT + 1], PARAGRAPH_BREAK]
        tail = tail[:tail.index(PARAGRAPH_BREAK)] if tail else tail
        return cls(tuple(lead[-CONTEXT:]), words[:-1] if ends_paragraph else words, tuple(tail[:CONTEXT]),
                   len(lead) > CONTEXT, len(tail) > CONTEXT)


@dataclass(frozen=True)
class ReadingChange:
    anchor: str  # the paragraph, as it is after the change (a removal: as it was)
    before: Side
    after: Side
    start: int  # the new words' place in the new version's Flat
    end: int


def word_opcodes(old: list[Paragraph], new: list[Paragraph]) -> tuple[Flat, Flat, list[Opcode]]:
    """The edit from `old` to `new` on their Flat sequences: paragraphs first, then words."""
    a, b = Flat.of(old), Flat.of(new)
    keys = SequenceMatcher(None, [p.words for p in old], [p.words for p in new], autojunk=False)
    opcodes: list[Opcode] = []
    for tag, i1, i2, j1, j2 in keys.get_opcodes():
        x1, x2, y1, y2 = a.starts[i1], a.starts[i2], b.starts[j1], b.starts[j2]
        if tag == "equal":
            opcodes.append((tag, x1, x2, y1, y2))
            continue
        words = SequenceMatcher(None, a.words[x1:x2], b.words[y1:y2], autojunk=False)
        opcodes += [(t, x1 + k1, x1 + k2, y1 + l1, y1 + l2) for t, k1, k2, l1, l2 in words.get_opcodes()]
    return a, b, opcodes


def joined(opcodes: list[Opcode], old: Flat, new: Flat) -> Iterator[tuple[int, int, int, int]]:
    """The changed stretches; changes a few unchanged words apart in one paragraph are one stretch
    (a change that adds or removes a paragraph break stands alone)."""
    stretch: list[int] | None = None
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            if stretch and (j2 - j1 > JOIN_GAP or PARAGRAPH_BREAK in new.words[j1:j2]
                            or PARAGRAPH_BREAK in old.words[stretch[0]:stretch[1]]
                            or PARAGRAPH_BREAK in new.words[stretch[2]:stretch[3]]):
                yield tuple(stretch)  # type: ignore[misc]
                stretch = None
            continue
        if stretch is None:
            stretch = [i1, i2, j1, j2]
        else:
            stretch[1], stretch[3] = i2, j2
    if stretch:
        yield tuple(stretch)  # type: ignore[misc]


def changes(old: list[Paragraph], new: list[Paragraph]) -> list[ReadingChange]:
    a, b, opcodes = word_opcodes(old, new)
    found = []
    for i1, i2, j1, j2 in joined(opcodes, a, b):
        before, after = Side.of(a, i1, i2), Side.of(b, j1, j2)
        if i1 == i2:  # words added: the other side shows the same place, with nothing
            before = replace(after, words=())
        elif j1 == j2:
            after = replace(before, words=())
        found.append(ReadingChange(b.anchor_at(j1) if j2 > j1 else a.anchor_at(i1), before, after, j1, j2))
    return found


def departures(reference: list[Paragraph], version: list[Paragraph]) -> tuple[set[int], set[int]]:
    """Where `version` departs from `reference`: the positions (in its Flat) of words it has and
    the reference lacks, and the positions before which it lacks words the reference has."""
    _, _, opcodes = word_opcodes(reference, version)
    extra, missing = set(), set()
    for tag, _, _, j1, j2 in opcodes:
        if tag in ("replace", "insert"):
            extra.update(range(j1, j2))
        if tag in ("replace", "delete"):
            missing.add(j1)
    return extra, missing


@dataclass(frozen=True)
class MarkupDelta:
    kind: str
    added: list[MarkupItem]
    removed: list[MarkupItem]


def markup_delta(old: list[MarkupItem], new: list[MarkupItem]) -> list[MarkupDelta]:
    """Per kind, the items added and removed, matched in the order they stand on the page."""
    deltas = []
    for kind in sorted({item.kind for item in old + new}):
        before = [item for item in old if item.kind == kind]
        after = [item for item in new if item.kind == kind]
        matcher = SequenceMatcher(None, [i.key for i in before], [i.key for i in after], autojunk=False)
        added: list[MarkupItem] = []
        removed: list[MarkupItem] = []
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag != "equal":
                added += after[j1:j2]
                removed += before[i1:i2]
        if added or removed:
            deltas.append(MarkupDelta(kind, added, removed))
    return deltas
