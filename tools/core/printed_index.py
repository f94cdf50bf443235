"""The printed Index as the build reads it: its headings, their pages, its order.

The importer keeps the printed Index as data (glossary/printed-index.json) and places its
entries in the selections as `{index-entries}`; the build looks the entries up here to say
which printed pages a locator stands for, to merge the Glossary's terms into the Index's
headings, and to sort as the printed Index does.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .allowed import with_control_character
from .build_data import PRINTED_INDEX
from .errors import Stopped
from .index_headings import expand_pages, index_text, names_heading

GLOSSARY_PAGE = re.compile(r"^(?P<pages>[\d–-]+)g$")  # '519g', '530–31g': a page of the Glossary

ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen " \
       "fifteen sixteen seventeen eighteen nineteen".split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
LEADING_YEAR = re.compile(r"^(1[0-9]|20)(\d\d)\b")
ARTICLE = re.compile(r"^(?:the|a|an) ")
QUOTES_AND_EMPHASIS = re.compile(r"[“”‘’\"'*]")


def spoken(number: int) -> str:
    """0..99 as words: 48 -> 'forty eight', 5 -> 'oh five' (as a year's second half)."""
    if number < 10:
        return f"oh {ONES[number]}"
    if number < 20:
        return ONES[number]
    tens, ones = divmod(number, 10)
    return TENS[tens] + (f" {ONES[ones]}" if ones else "")


def sort_key(text: str) -> str:
    """The key the printed Index files a heading by: letter by letter up to a comma, so that a
    person comes before the subjects named after him ('Stalin, J.' before 'Stalin faction');
    a parenthesis last ('Capital (Marx)' before 'Capitalism'); quotation marks, italics,
    accents, a leading article, spaces and case ignored; 'Mc' as 'Mac'; a year as it is
    spoken ('1905 revolution' among the N's) and other numbers by value ('Article 58'
    before 'Article 107')."""
    key = QUOTES_AND_EMPHASIS.sub("", text)
    key = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode().lower().strip()
    key = ARTICLE.sub("", key)
    key = re.sub(r"^mc", "mac", key)
    key = LEADING_YEAR.sub(lambda m: f"{ONES[int(m[1])] if int(m[1]) < 20 else 'twenty'} "
                                     f"{spoken(int(m[2]))}", key)
    key = re.sub(r"\d+", lambda m: m[0].zfill(6), key)
    qualifier = " ".join(re.findall(r"\(([^)]*)\)", key))  # '(Marx)' only tells equal headings apart
    name, _comma, rest = re.sub(r"\([^)]*\)", "", key).partition(",")
    parts = ("".join(re.findall(r"[a-z0-9]+", part)) for part in (name, rest, qualifier))
    return " ".join(part for part in parts if part)


def heading_anchor(text: str) -> str:
    """The id of an index heading on the Index page: 'AUCP (All-Union Communist Party)' ->
    'ix-aucp-all-union-communist-party'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "ix-" + "-".join(re.findall(r"[a-z0-9]+", ascii_text))


@dataclass(frozen=True)
class PrintedHeading:
    text: str  # as the index entries have it (curly quotes, no emphasis marks)
    pages: tuple[str, ...]
    subentries: tuple[tuple[str, tuple[str, ...]], ...]  # (label, pages) in printed order
    see: tuple[str, ...]
    see_also: tuple[str, ...]

    def subentry_position(self, label: str) -> int:
        """Where the printed Index puts a sub-entry (it orders them by sense, not alphabet)."""
        labels = [sub for sub, _pages in self.subentries]
        return labels.index(label) if label in labels else len(labels)

    def tokens(self, label: str = "") -> tuple[str, ...]:
        if not label:
            return self.pages
        return next((pages for sub, pages in self.subentries if sub == label), ())

    def glossary_pages(self) -> list[str]:
        return [match["pages"] for token in self.pages if (match := GLOSSARY_PAGE.match(token))]


class PrintedIndex:
    def __init__(self, entries: list[dict]) -> None:
        self.headings: dict[str, PrintedHeading] = {}
        self.by_line: dict[int, str] = {}  # source line -> heading text
        for entry in entries:
            heading = PrintedHeading(
                index_text(entry["heading"]), tuple(entry["pages"]),
                tuple((index_text(sub["label"]), tuple(sub["pages"])) for sub in entry["subentries"]),
                tuple(entry["see"]), tuple(entry["see_also"]))
            self.headings[heading.text] = heading
            self.by_line[entry["line"]] = heading.text
        # the headings that give a Glossary page: what `naming` looks through, once per build
        self.with_glossary_pages = [heading for heading in self.headings.values() if heading.glossary_pages()]

    def get(self, text: str) -> PrintedHeading | None:
        return self.headings.get(text)

    def naming(self, headword: str) -> list[PrintedHeading]:
        """The headings that name a Glossary headword and give a Glossary page for it:
        'AUCP' -> 'AUCP (All-Union Communist Party)'."""
        text = index_text(headword)
        return [heading for heading in self.with_glossary_pages if names_heading(text, heading.text)]


def pages_within(tokens: tuple[str, ...], first: int, last: int) -> list[str]:
    """The printed page references that fall in a selection's pages: ('94', '442–45') -> ['442–45']."""
    return [token for token in tokens if any(first <= page <= last for page in token_pages(token))]


@cache
def token_pages(token: str) -> tuple[int, ...]:
    """`expand_pages`, once per token: every locator of the Index looks its tokens up."""
    return tuple(expand_pages(token))


def page_label(tokens: list[str]) -> str:
    """['444'] -> 'p. 444'; ['302–3'] or ['243', '245'] -> 'pp. …'; [] -> '' (a no-break space after 'p.')."""
    if not tokens:
        return ""
    many = len(tokens) > 1 or "–" in tokens[0]
    return ("pp.\u00a0" if many else "p.\u00a0") + ", ".join(tokens)  # no line break after 'p.'


@cache
def load(srcdir: Path) -> PrintedIndex:
    """The printed Index; one with a control character (a JSON escape such as \\u000c, which no
    format can show and TeX or XML may obey or refuse) stops the build with what to do."""
    entries = json.loads((srcdir / PRINTED_INDEX).read_text(encoding="utf-8"))
    if found := with_control_character(entries):
        raise Stopped(f"{PRINTED_INDEX}: {found!r} has a control character; delete it")
    return PrintedIndex(entries)
