"""Not a word lost: the words of the source against the words of the output.

Every difference must be accounted for by a recorded change of a named rule
(a rejoined hyphenation, an errata entry, page numbers of Contents and Index,
...). Markup is not words; apparatus the importer adds lives in front matter
and directive options, which are not counted, and the edition's own words on the front
page (tools/data/edition-note.md and welcome.md, `edition-note` and `edition-welcome`
containers) are not the book's.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..core.source_text import TAG
from .model import Change

WORD = re.compile(r"\w+")
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
GENERATED_BLOCK = re.compile(r"^```\{(?:toctree|index-entries|bibliography)\}.*?^```$", re.S | re.M)
EDITION_NOTE = re.compile(r"^:::\{container\} edition-(?:note|welcome)$.*?^:::$", re.S | re.M)
LINK_TARGET = re.compile(r"\]\(#[^)\s]*\)")
FENCE_OR_OPTION = re.compile(r"^(?:`{3,}|:{3,}|:\w[\w-]*:).*$", re.M)
ROLE = re.compile(r"\{\w+\}`(?P<text>[^`<]*?)(?:\s*<[^>`]*>)?`")
FOOTNOTE_LABEL = re.compile(r"\[\^[^\]\s]+\]:?")
LABEL_TARGET = re.compile(r"^\([\w-]+\)=$", re.M)


def words(text: str) -> Counter[str]:
    return Counter(WORD.findall(text))


def source_words(text: str) -> Counter[str]:
    return words(TAG.sub(" ", text))


def markdown_words(text: str) -> Counter[str]:
    """Words of a MyST page as a reader sees them (markup and metadata left out)."""
    text = FRONT_MATTER.sub("", text)
    text = GENERATED_BLOCK.sub("", text)
    text = EDITION_NOTE.sub("", text)
    text = LINK_TARGET.sub("]", text)
    text = FENCE_OR_OPTION.sub("", text)
    text = LABEL_TARGET.sub("", text)
    text = ROLE.sub(r"\g<text>", text)
    text = FOOTNOTE_LABEL.sub("", text)
    return words(text)


@dataclass(frozen=True)
class Span:
    """The source lines (1-based, inclusive) that one output file renders."""

    name: str
    first: int
    last: int


@dataclass
class WordReport:
    unexplained_missing: Counter[str]
    unexplained_extra: Counter[str]
    rule_counts: Counter[str] = field(default_factory=Counter)
    rule_words: Counter[str] = field(default_factory=Counter)
    # per output file whose words differ from its own span of the source: (missing, extra)
    misplaced: dict[str, tuple[Counter[str], Counter[str]]] = field(default_factory=dict)
    files_checked: int = 0

    @property
    def ok(self) -> bool:
        return not self.unexplained_missing and not self.unexplained_extra and not self.misplaced

    def summary(self) -> str:
        lines = ["word check: " + ("every difference explained" if self.ok else "UNEXPLAINED DIFFERENCES")]
        for rule in sorted(self.rule_counts):
            lines.append(f"  {rule:28} {self.rule_counts[rule]:5} changes, "
                         f"{self.rule_words[rule]:5} words changed")
        for label, counter in (("missing", self.unexplained_missing), ("extra", self.unexplained_extra)):
            if counter:
                lines.append(f"  {label} from output ({sum(counter.values())} words): {shown(counter)}")
        if self.files_checked:
            lines.append(f"  each of {self.files_checked} files against its own source lines: "
                         + (f"{len(self.misplaced)} differ" if self.misplaced else "every word in place"))
        for name, (missing, extra) in sorted(self.misplaced.items()):
            lines.append(f"  {name} against its own source lines: missing {shown(missing) or 'none'}; "
                         f"extra {shown(extra) or 'none'}")
        return "\n".join(lines)


def shown(counter: Counter[str]) -> str:
    return ", ".join(f"{w} x{n}" for w, n in counter.most_common(30))


def difference(expected: Counter[str], output: Counter[str]) -> tuple[Counter[str], Counter[str]]:
    """(missing from output, extra in output)."""
    return expected - output, output - expected


ChangeWords = tuple[Change, Counter[str], Counter[str]]  # a change, the words it removed and added


def change_words(changes: list[Change]) -> list[ChangeWords]:
    """Each change's words, counted once (most changes add or remove none)."""
    return [(c, source_words(c.removed) if c.removed else Counter(), source_words(c.added) if c.added else Counter())
            for c in changes]


def expected_words(source: str, changes: list[ChangeWords]) -> Counter[str]:
    """The source's words as the recorded changes leave them (may count below zero)."""
    expected = source_words(source)
    for _change, removed, added in changes:
        expected.subtract(removed)
        expected.update(added)
    return expected


def check_words(source: str, output: Counter[str], changes: list[Change],
                spans: list[tuple[Span, Counter[str]]] | None = None) -> WordReport:
    """Compare; a difference not matched by recorded changes is reported.

    The whole book; and each output file of `spans` against its own source lines
    and the changes made there, so that words moved from one selection to
    another, or lost in one and found in another, are caught too. (The book's
    expected words are those of the spans plus those of the lines outside them:
    each line is counted once.)
    """
    counted = change_words(changes)
    lines = source.split("\n")
    outside = [True] * (len(lines) + 2)  # by line number, 1-based
    expected, misplaced = Counter[str](), {}
    for span, words_of_file in spans or []:
        own = [c for c in counted if span.first <= c[0].line <= span.last]
        expected_here = expected_words("\n".join(lines[span.first - 1:span.last]), own)
        expected.update(expected_here)
        outside[span.first:span.last + 1] = [False] * (span.last + 1 - span.first)
        missing, extra = difference(expected_here, words_of_file)
        if missing or extra:
            misplaced[span.name] = (missing, extra)
    expected.update(expected_words("\n".join(line for number, line in enumerate(lines, 1) if outside[number]),
                                   [c for c in counted if outside[min(max(c[0].line, 0), len(lines) + 1)]]))
    report = WordReport(*difference(expected, output), misplaced=misplaced, files_checked=len(spans or []))
    for change, removed, added in counted:
        report.rule_counts[change.rule] += 1
        report.rule_words[change.rule] += sum(((removed - added) + (added - removed)).values())
    return report
