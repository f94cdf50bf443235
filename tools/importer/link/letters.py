"""Links between letters: quoted titles and dated references ('May 26 letter') to selections become {doc} links."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from ..annotate import MONTHS, Chapter
from ..segment import normalize_title
from .link_report import LinkReport
from .protect import inside, protected_spans

DATED_LETTER = re.compile(rf"(?P<month>{'|'.join(MONTHS)}) (?P<day>\d{{1,2}})(?:, (?P<year>\d{{4}}))? letter")
# A title in quotes starts and ends with a letter: 'center" [see "Declaration'
# must not pair the closing quote before "[see" with the opening one after it.
QUOTED_TITLE = re.compile(r"(?P<open>[“\"])(?P<title>[^\s”\"][^”\"\n]{2,98}?[^\s,.”\"])(?P<close>[,.]?[”\"])")


@dataclass
class LetterIndex:
    """Titles and dates of the selections, for references between them."""

    titles: dict[str, str]  # normalized title -> file stem
    dates: dict[tuple[str, str], list[str]]  # (month, day) -> file stems


def title_key(title: str) -> str:
    """A title as looked up: 'Preobrazhensky's Proposal' ~ 'Preobrazhensky’s proposal'."""
    return normalize_title(title).replace("'", "")


def letter_index(chapters: list[tuple[Chapter, str]]) -> LetterIndex:
    titles, dates = {}, defaultdict(list)
    for chapter, stem in chapters:
        selection = chapter.selection
        for title in (selection.entry.title, selection.printed_title):
            titles[title_key(title)] = stem
            # 'Problems of the International Opposition (two letters)' is cited without its qualifier
            titles[title_key(re.sub(r" \([^)]*\)$", "", title))] = stem
        match = re.match(rf"({'|'.join(MONTHS)}) (\d{{1,2}}),", chapter.dateline or "")
        if match:
            dates[(match[1], match[2])].append(stem)
    return LetterIndex(titles, dates)


def link_letters(text: str, letters: LetterIndex, own: str, report: LinkReport) -> str:
    """Quoted titles and 'May 26 letter' references to selections become {doc} links."""
    def quoted(match: re.Match[str]) -> str:
        stem = letters.titles.get(title_key(match["title"]))
        if stem is None or stem == own or inside(match.start(), spans):
            return match[0]
        report.letters_linked += 1
        return f"{match['open']}{{doc}}`{match['title']} <{stem}>`{match['close']}"

    def dated(match: re.Match[str]) -> str:
        stems = [s for s in letters.dates.get((match["month"], match["day"]), []) if s != own]
        if len(stems) != 1 or inside(match.start(), spans):
            return match[0]
        report.letters_linked += 1
        return f"{{doc}}`{match[0]} <{stems[0]}>`"

    if "\"" in text or "“" in text:
        spans = protected_spans(text)
        text = QUOTED_TITLE.sub(quoted, text)
    if " letter" in text:
        spans = protected_spans(text)
        text = DATED_LETTER.sub(dated, text)
    return text
