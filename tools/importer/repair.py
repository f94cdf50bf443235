"""Pass 3, repair: undo what the PDF conversion broke, each by a named rule.

Every repair returns the changes it made, so that the word check can account
for each word that differs between the source and the output.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from .model import Block, Change, SourceError

RULE_LINE = "---"
PAGE_FOOTNOTE_MARK = "\\*"
WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
# A paragraph cut by a page break ends inside a sentence.
OPEN_END = re.compile(r"[\w,;]$")
BROKEN_WORD_END = re.compile(r"(?P<first>[A-Za-z]+)-$")
LEADING_LETTERS = re.compile(r"[A-Za-z]+")
LETTER_ITEM = re.compile(r"[a-z]\.\s")  # "a. The right is opposed ..." starts a point
# Shorter paragraphs without final punctuation are signatures, headings and the like.
MIN_CUT_PARAGRAPH = 60


def apply_errata(lines: list[str], errata: list[dict], path: str) -> tuple[list[str], list[Change]]:
    """Apply the curated corrections, each to the one source line it names."""
    lines = list(lines)
    changes = []
    for entry in errata:
        number, old, new = entry["line"], entry["old"], entry["new"]
        if not 1 <= number <= len(lines) or lines[number - 1].count(old) != 1:
            raise SourceError(path, number, f"errata entry {old!r} -> {new!r} does not match "
                              "exactly once on this line",
                              "update tools/data/errata.yaml to the current source text")
        lines[number - 1] = lines[number - 1].replace(old, new)
        changes.append(Change("errata", number, old, new))
    return lines, changes


def is_heading(block: Block) -> bool:
    text = block.text
    return text.startswith("#") or (text.startswith("**") and text.endswith("**") and "\n" not in text)


def lift_page_footnotes(blocks: list[Block]) -> tuple[list[Block], list[Change]]:
    """Move footnotes printed at a page foot (a rule, then '\\* text') to the end.

    The marker in the text and the note become a MyST footnote pair, and the
    paragraph the page foot interrupted can then be rejoined.
    """
    kept: list[Block] = []
    notes: list[Block] = []
    changes: list[Change] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if block.text == RULE_LINE and following and following.text.startswith(PAGE_FOOTNOTE_MARK):
            label = f"[^asterisk-{len(notes) + 1}]"
            marked = next((i for i in range(len(kept) - 1, -1, -1)
                           if PAGE_FOOTNOTE_MARK in kept[i].text), None)
            if marked is None:
                raise SourceError("", following.line, "page footnote without a marker in the text",
                                  "add the '\\*' marker where the note belongs")
            kept[marked] = Block(kept[marked].line,
                                 kept[marked].text.replace(PAGE_FOOTNOTE_MARK, label, 1))
            note_text = following.text[len(PAGE_FOOTNOTE_MARK):].lstrip()
            notes.append(Block(following.line, f"{label}: {note_text}"))
            changes.append(Change("page-footnote", following.line, "", ""))
            index += 2
            continue
        kept.append(block)
        index += 1
    return kept + notes, changes


def drop_rules(blocks: list[Block]) -> list[Block]:
    """Remove the conversion's '---' page and section rules (no words)."""
    return [block for block in blocks if block.text != RULE_LINE]


def word_counts(text: str) -> Counter[str]:
    """How often each word, hyphenated compounds whole, occurs (lower case)."""
    return Counter(word.lower() for word in WORD.findall(text))


def decide_hyphen(first: str, second: str, lexicon: Counter[str],
                  decisions: dict[str, str]) -> str | None:
    """'join' or 'keep' for first- + second split at a page break, or None.

    The rest of the book decides: a form found there and the other not. Where
    it cannot, the curated decision file must.
    """
    hyphenated = f"{first}-{second}".lower()
    if hyphenated in decisions:
        return decisions[hyphenated]
    joined = lexicon[(first + second).lower()]
    kept = lexicon[hyphenated]
    if joined and not kept:
        return "join"
    if kept and not joined:
        return "keep"
    return None


def continues(previous: Block, block: Block) -> bool:
    """Is `block` the rest of `previous`, cut off by a page break?"""
    if is_heading(previous) or is_heading(block) or previous.text.startswith("[^"):
        return False
    text, prior = block.text, previous.text
    if BROKEN_WORD_END.search(prior):
        return True
    if text[0].islower() and not LETTER_ITEM.match(text):
        return True
    return bool(OPEN_END.search(prior) and "\n" not in prior and len(prior) >= MIN_CUT_PARAGRAPH
                and not prior.isupper() and (text[0].isupper() or text[0] in "\"“'‘"))


def rejoin_page_breaks(blocks: list[Block], lexicon: Counter[str], decisions: dict[str, str],
                       path: str) -> tuple[list[Block], list[Change]]:
    """Rejoin paragraphs and words that a page break split in two."""
    joined: list[Block] = []
    changes: list[Change] = []
    unresolved: list[str] = []
    for block in blocks:
        if not joined or not continues(joined[-1], block):
            joined.append(block)
            continue
        previous = joined[-1]
        broken = BROKEN_WORD_END.search(previous.text)
        if broken:
            second = LEADING_LETTERS.match(block.text)
            decision = decide_hyphen(broken["first"], second[0] if second else "", lexicon, decisions)
            if decision is None:
                unresolved.append(f"{path}:{block.line}: {broken['first']}- + {block.text[:20]!r}")
                decision = "keep"
            head = previous.text[:-1] if decision == "join" else previous.text
            rule = "hyphen-joined" if decision == "join" else "hyphen-kept"
            changes.append(Change(rule, block.line, f"{broken['first']}- {second[0] if second else ''}",
                                  head[broken.start():] + (second[0] if second else "")))
            joined[-1] = Block(previous.line, head + block.text)
        else:
            changes.append(Change("paragraph-rejoined", block.line, "", ""))
            joined[-1] = Block(previous.line, f"{previous.text} {block.text}")
    if unresolved:
        raise SourceError(path, None, "cannot decide these words hyphenated across a page break:\n    "
                          + "\n    ".join(unresolved),
                          "add each to tools/data/hyphenation.yaml as join or keep")
    return joined, changes


BROKEN_STRONG = re.compile(r"^- (?P<words>[^*\n]+?)\*\*(?=\s)", re.M)
BROKEN_EMPHASIS = re.compile(r"^- (?P<words>[^*\n]+?)\*(?=\s)", re.M)


def repair_broken_emphasis(blocks: Iterable[Block]) -> tuple[list[Block], list[Change]]:
    """'- Bonaparte, Napoleon I** (…)' -> '**Bonaparte, Napoleon I** (…)'.

    The conversion turned an opening '**' (or '*') at a line start into a list
    bullet; the closing one survived. Italic titles ('- My Life.* 1970.') are
    the lines of the reading list, so they stay list items.
    """
    repaired, changes = [], []
    for block in blocks:
        text = BROKEN_EMPHASIS.sub(r"- *\g<words>*", BROKEN_STRONG.sub(r"**\g<words>**", block.text))
        if text != block.text:
            changes.append(Change("emphasis-repaired", block.line, "", ""))
        repaired.append(Block(block.line, text))
    return repaired, changes


ESCAPED = re.compile(r"\\([$])")


def unescape(blocks: Iterable[Block]) -> list[Block]:
    """'U.S.\\$5' -> 'U.S.$5': the conversion escaped characters MyST takes literally."""
    return [Block(block.line, ESCAPED.sub(r"\1", block.text)) for block in blocks]
