"""'In this volume' references: the editors' curated links, and a record of every such reference."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from ...core.errors import SourceError
from ..annotate import Chapter
from ..model import Block
from .blocks import chapter_blocks, map_paragraphs
from .letters import LetterIndex, title_key
from .link_report import LinkReport, VolumeReference

# 'next in this volume', '[see appendix to this volume]', 'elsewhere in this book';
# not 'Translated for this volume' or 'the contents of this volume'.
VOLUME_REFERENCE = re.compile(r"\b(?:in|to|at the end of) this (?:volume|book)\b")
VOLUME_DATA = "tools/data/volume_references.yaml"
SENTENCE_END = re.compile(r"(?<=[.!?])\s(?=[A-Z“\"(])")


@dataclass(frozen=True)
class CuratedReference:
    """A reference to 'this volume' that only an editor can resolve (volume_references.yaml)."""

    words: str
    target: str | None  # file stem of the selection meant; None where it means none
    reason: str


def curated_references(data: list[dict], letters: LetterIndex) -> dict[str, list[CuratedReference]]:
    """The curated references by the Contents title of the selection they stand in."""
    references: dict[str, list[CuratedReference]] = defaultdict(list)
    for entry in data:
        target = entry["target"] and letters.titles.get(title_key(entry["target"]))
        if entry["target"] and target is None:
            raise SourceError(VOLUME_DATA, None, f"no selection is titled {entry['target']!r}",
                              "give the target's title as the Contents prints it")
        references[entry["in"]].append(CuratedReference(entry["words"], target, entry["reason"]))
    return references


def link_curated_references(chapter: Chapter, references: list[CuratedReference], report: LinkReport) -> None:
    """Each reference's words, which occur once in the selection, link to the selection meant."""
    title = chapter.selection.entry.title
    for reference in references:
        found = sum(block.text.count(reference.words) for block in chapter_blocks(chapter))
        if found != 1:
            raise SourceError(VOLUME_DATA, None, f"{reference.words!r} occurs {found} times in {title!r}",
                              "give words that occur exactly once in the selection")
        if reference.target:
            report.letters_linked += 1
            link = f"{{doc}}`{reference.words} <{reference.target}>`"
            map_paragraphs(chapter, lambda b, r=reference, link=link: Block(b.line, b.text.replace(r.words, link)))


def volume_references(chapter: Chapter, references: list[CuratedReference], report: LinkReport) -> None:
    """Record every reference to 'this volume', whether its sentence links a selection, and
    why not where an editor has said."""
    for block in chapter_blocks(chapter):
        if "this volume" not in block.text and "this book" not in block.text:
            continue
        for match in VOLUME_REFERENCE.finditer(block.text):
            before = SENTENCE_END.split(block.text[max(0, match.start() - 250): match.start()])[-1]
            after = SENTENCE_END.split(block.text[match.end(): match.end() + 250])[0]
            sentence = before + match[0] + after  # 'elsewhere in this book ("{doc}`Marxism ...`")'
            linked = "{doc}`" in sentence
            reason = next((r.reason for r in references if not linked and r.words in sentence), "")
            shown = (before + match[0])[-100:] + after[:80]
            report.volume_references.append(
                VolumeReference(chapter.selection.entry.title, block.line, shown, linked, reason))
