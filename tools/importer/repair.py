"""Pass 3, repair: undo what the PDF conversion broke, each by a named rule.

Every repair returns the changes it made, so that the word check can account
for each word that differs between the source and the output.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import SourceError
from ..core.footnote_marks import asterisk_label
from ..core.schema import refuse_entries
from .model import Block, Change

RULE_LINE = "---"
PAGE_FOOTNOTE_MARK = "\\*"
WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
# A paragraph cut by a page break ends inside a sentence.
OPEN_END = re.compile(r"[\w,;]$")
LETTER_END = re.compile(r"[^\W\d_]$")
# What may follow a first part ending in a letter, in mid-sentence: emphasis ('*Bela Kun*,'), a
# parenthesis or an editor's bracket, a number ('1923, you would') -- but not a list item ('(a) ',
# '2. '), a list bullet ('* '), a bold headword ('**Kaganovich, L.** ...') or a point ('a. The ...').
CONTINUING_MARK = re.compile(r"\*(?![*\s])|[(\[](?![a-z0-9]{1,2}\)\s)|\d+(?!\d*\.\s)")
BROKEN_WORD_END = re.compile(r"(?P<first>[A-Za-z]+)-$")
LEADING_LETTERS = re.compile(r"[A-Za-z]+")
LETTER_ITEM = re.compile(r"[a-z]\.\s")  # "a. The right is opposed ..." starts a point
POSTSCRIPT = re.compile(r"p\.\s?s\.", re.I)  # "p.s. Where would you like ...", "P.S.—"
# The end of a letter: a closing formula ('With sincere greetings,') or a signature ('*L. Trotsky*').
CLOSING_FORMULA = re.compile(r"\b(?:greetings|wishes|regards|your hand|yours),$", re.I)
SIGNATURE = re.compile(r"\*[^*\n]{1,40}\*")
# Shorter paragraphs without final punctuation, before a capital, are signatures, names and the like.
MIN_CUT_PARAGRAPH = 30
TAIL = 80  # longer than any word or closing formula the end-anchored patterns look for
PARAGRAPH_DECISIONS = ("join", "apart")


def apply_errata(lines: list[str], errata: list[dict], data_path: str, source: str) -> tuple[list[str], list[Change]]:
    """Apply the curated corrections, each to the one source line it names: `old` stands there
    once, or `count` times (a misprint repeated on the line, all corrected)."""
    lines = list(lines)
    changes = []
    for number, entry in enumerate(errata, 1):
        line, old, new, count = entry["line"], entry["old"], entry["new"], entry.get("count", 1)
        found = lines[line - 1].count(old) if 1 <= line <= len(lines) else 0
        if found != count:
            refuse_entries(Path(data_path), [number],
                           f"line {line} of {source} has {old!r} {times(found)}, not {times(count)}",
                  "update the entry to the current source text: add words of context if `old` stands "
                  "there more often, or give `count` to correct every one")
        lines[line - 1] = lines[line - 1].replace(old, new)
        changes += [Change("errata", line, old, new)] * count
    return lines, changes


def times(count: int) -> str:
    return {0: "nowhere", 1: "once", 2: "twice"}.get(count, f"{count} times")


def is_heading(block: Block) -> bool:
    text = block.text
    return text.startswith("#") or (text.startswith("**") and text.endswith("**") and "\n" not in text)


def lift_page_footnotes(blocks: list[Block], path: str) -> tuple[list[Block], list[Change]]:
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
            label = asterisk_label(len(notes) + 1)
            marked = next((i for i in range(len(kept) - 1, -1, -1)
                           if PAGE_FOOTNOTE_MARK in kept[i].text), None)
            if marked is None:
                raise SourceError(path, following.line, "page footnote without a marker in the text",
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


@dataclass(frozen=True)
class Evidence:
    """What decides a page break: the book's own words, an English word list, the editors' decisions."""

    book: Counter[str]
    hyphenation: Mapping[str, str] = field(default_factory=dict)  # "one-twentieth" -> join | keep
    paragraphs: Mapping[int, str] = field(default_factory=dict)  # line of a second part -> join | apart
    word_list: frozenset[str] = frozenset()  # lower case


def one_form(joined: bool, hyphenated: bool) -> str | None:
    """'join' when only the joined form is known, 'keep' when only the hyphenated one is."""
    if joined != hyphenated:
        return "join" if joined else "keep"
    return None


def decide_hyphen(first: str, second: str, evidence: Evidence) -> str | None:
    """'join' or 'keep' for first- + second split at a page break, or None.

    The rest of the book decides, where it has one form and not the other; then
    the word list, the same way; where neither can, the curated decision file.
    """
    joined, hyphenated = (first + second).lower(), f"{first}-{second}".lower()
    return (one_form(evidence.book[joined] > 0, evidence.book[hyphenated] > 0)
            or one_form(joined in evidence.word_list, hyphenated in evidence.word_list)
            or evidence.hyphenation.get(hyphenated))


def at_end(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """`pattern` (anchored with $) searched only near the end of `text`: a search from the
    start would try every position of a long paragraph."""
    return pattern.search(text, max(0, len(text) - TAIL))


def is_closing(block: Block) -> bool:
    """Does `block` end a letter: a closing formula or a signature on its last line?"""
    last = block.text.rsplit("\n", 1)[-1].strip()
    return bool(at_end(CLOSING_FORMULA, last) or SIGNATURE.fullmatch(last))


def across_emphasis(first: str, second: str) -> tuple[str, str]:
    """The two parts with an emphasis that goes on across the break made one:
    '…on *domes-*' + '*tic* questions' -> '…on *domes-' + 'tic* questions'."""
    for marker in ("**", "*"):
        if first.endswith(marker) and second.startswith(marker):
            return first[: -len(marker)], second[len(marker):]
    return first, second


def continues(previous: Block, block: Block) -> bool:
    """Is `block` the rest of `previous`, cut off by a page break?

    Never after a heading, a footnote or the end of a letter, nor before a heading, a
    signature or a postscript. A broken word or a lower-case start continues; so does a
    mark that cannot start a sentence after a letter; a capital only after a long open end.
    Emphasis that runs on across the break is looked through ('*domes-*' / '*tic*').
    """
    if (is_heading(previous) or is_heading(block) or previous.text.startswith("[^") or is_closing(previous)
            or SIGNATURE.fullmatch(block.text) or POSTSCRIPT.match(block.text)):
        return False
    prior, text = across_emphasis(previous.text, block.text)
    if at_end(BROKEN_WORD_END, prior):
        return True
    if text[0].islower() and not LETTER_ITEM.match(text):
        return True
    if at_end(LETTER_END, prior) and CONTINUING_MARK.match(text):
        return True
    return bool(at_end(OPEN_END, prior) and "\n" not in prior and len(prior) >= MIN_CUT_PARAGRAPH
                and not prior.isupper() and (text[0].isupper() or text[0] in "\"“'‘"))


def check_paragraph_decisions(lines: list[str], entries: list[dict], path: str, data_path: str) -> dict[int, str]:
    """The editors' page-break decisions by the line of the second part, each checked against the source."""
    decisions = {}
    for entry in entries:
        number, decision = entry["line"], entry["decision"]
        number = number if isinstance(number, int) and 1 <= number <= len(lines) else 0
        previous = next((n for n in range(number - 1, 0, -1) if lines[n - 1].strip() not in ("", RULE_LINE)), 0)
        if (decision not in PARAGRAPH_DECISIONS or not previous
                or not lines[number - 1].startswith(entry["second_starts"])
                or not lines[previous - 1].rstrip().endswith(entry["first_ends"])):
            raise SourceError(data_path, None, f"page-break decision for {path}:{entry['line']} does not match: "
                              f"{entry['first_ends']!r} / {entry['second_starts']!r} -> {decision!r}",
                              f"name the line where the second part starts, quote both parts exactly, "
                              f"decide one of {', '.join(PARAGRAPH_DECISIONS)}")
        decisions[number] = decision
    return decisions


# The rules of `rejoin_page_breaks`: each change is a page break, at the line of the second part.
PAGE_BREAK_RULES = frozenset({"paragraph-rejoined", "paragraph-rejoined-by-decision", "hyphen-joined", "hyphen-kept"})


def rejoin_page_breaks(blocks: list[Block], evidence: Evidence, path: str) -> tuple[list[Block], list[Change]]:
    """Rejoin paragraphs and words that a page break split in two.

    The rule (`continues`) decides, except where the editors decided a case it
    cannot (`evidence.paragraphs`, by the source line of the second part).
    """
    joined: list[Block] = []
    changes: list[Change] = []
    unresolved: list[str] = []
    for block in blocks:
        decided = evidence.paragraphs.get(block.line)
        if not joined or not (continues(joined[-1], block) if decided is None else decided == "join"):
            joined.append(block)
            continue
        first_part, rest = across_emphasis(joined[-1].text, block.text)
        previous = Block(joined[-1].line, first_part)
        broken = at_end(BROKEN_WORD_END, previous.text)
        if broken:
            second = LEADING_LETTERS.match(rest)
            decision = decide_hyphen(broken["first"], second[0] if second else "", evidence)
            if decision is None:
                unresolved.append(f"{path}:{block.line}: {broken['first']}- + {rest[:20]!r}")
                decision = "keep"
            head = previous.text[:-1] if decision == "join" else previous.text
            rule = "hyphen-joined" if decision == "join" else "hyphen-kept"
            changes.append(Change(rule, block.line, f"{broken['first']}- {second[0] if second else ''}",
                                  head[broken.start():] + (second[0] if second else "")))
            joined[-1] = Block(previous.line, head + rest)
        else:
            rule = "paragraph-rejoined" if decided is None else "paragraph-rejoined-by-decision"
            changes.append(Change(rule, block.line, "", ""))
            joined[-1] = Block(previous.line, f"{previous.text} {rest}")
    if unresolved:
        raise SourceError(path, None, "cannot decide these words hyphenated across a page break "
                          "(neither the book nor the word list has one form without the other):\n    "
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
        if "*" not in block.text or not (block.text.startswith("- ") or "\n- " in block.text):
            repaired.append(block)  # no list line, no emphasis: nothing to repair (and quick to tell)
            continue
        text = BROKEN_EMPHASIS.sub(r"- *\g<words>*", BROKEN_STRONG.sub(r"**\g<words>**", block.text))
        if text != block.text:
            changes.append(Change("emphasis-repaired", block.line, "", ""))
        repaired.append(Block(block.line, text))
    return repaired, changes


# What the back cover prints for the book trade, not for the reader: the barcode's digits (the
# EAN-13 of the ISBN, "9 780873 486163", and its price add-on, "90000") and the price.
PRINT_ARTEFACTS = (re.compile(r"\d \d{6} \d{6}"), re.compile(r"\d{5}"),
                   re.compile(r"\**US\\?\$\d+(?:\.\d\d)? • £\d+(?:\.\d\d)?\**"))


def drop_print_artefacts(blocks: Iterable[Block]) -> tuple[list[Block], list[Change]]:
    """Remove the back cover's barcode digits and price (rule `print-artefact-removed`)."""
    kept, changes = [], []
    for block in blocks:
        if any(pattern.fullmatch(block.text.strip()) for pattern in PRINT_ARTEFACTS):
            changes.append(Change("print-artefact-removed", block.line, block.text, ""))
        else:
            kept.append(block)
    return kept, changes


ESCAPED = re.compile(r"\\([$])")


def unescape(blocks: Iterable[Block]) -> list[Block]:
    """'U.S.\\$5' -> 'U.S.$5': the conversion escaped characters MyST takes literally."""
    return [Block(block.line, ESCAPED.sub(r"\1", block.text)) for block in blocks]
