"""Not a word lost: the words of the source against the words of the output.

Every difference must be accounted for by a recorded change of a named rule
(a rejoined hyphenation, an errata entry, page numbers of Contents and Index,
...). Markup is not words; apparatus the importer adds lives in front matter
and directive options, which are not counted.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .model import Change

WORD = re.compile(r"\w+")
TAG = re.compile(r"<[^>\n]+>")
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
GENERATED_BLOCK = re.compile(r"^```\{(?:toctree|index-entries|bibliography)\}.*?^```$", re.S | re.M)
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
    text = LINK_TARGET.sub("]", text)
    text = FENCE_OR_OPTION.sub("", text)
    text = LABEL_TARGET.sub("", text)
    text = ROLE.sub(r"\g<text>", text)
    text = FOOTNOTE_LABEL.sub("", text)
    return words(text)


@dataclass
class WordReport:
    unexplained_missing: Counter[str]
    unexplained_extra: Counter[str]
    rule_counts: Counter[str] = field(default_factory=Counter)
    rule_words: Counter[str] = field(default_factory=Counter)

    @property
    def ok(self) -> bool:
        return not self.unexplained_missing and not self.unexplained_extra

    def summary(self) -> str:
        lines = ["word check: " + ("every difference explained" if self.ok else "UNEXPLAINED DIFFERENCES")]
        for rule in sorted(self.rule_counts):
            lines.append(f"  {rule:28} {self.rule_counts[rule]:5} changes, "
                         f"{self.rule_words[rule]:5} words changed")
        for label, counter in (("missing", self.unexplained_missing), ("extra", self.unexplained_extra)):
            if counter:
                shown = ", ".join(f"{w} x{n}" for w, n in counter.most_common(30))
                lines.append(f"  {label} from output ({sum(counter.values())} words): {shown}")
        return "\n".join(lines)


def check_words(source: str, output: Counter[str], changes: list[Change]) -> WordReport:
    """Compare; a difference not matched by recorded changes is reported."""
    expected = source_words(source)
    report = WordReport(Counter(), Counter())
    for change in changes:
        removed, added = source_words(change.removed), source_words(change.added)
        expected.subtract(removed)
        expected.update(added)
        report.rule_counts[change.rule] += 1
        report.rule_words[change.rule] += sum(((removed - added) + (added - removed)).values())
    for word in set(expected) | set(output):
        difference = output[word] - expected[word]
        if difference > 0:
            report.unexplained_extra[word] = difference
        elif difference < 0:
            report.unexplained_missing[word] = -difference
    return report
