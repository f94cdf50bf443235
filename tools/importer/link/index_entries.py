"""The printed Index's entries placed as Sphinx index entries at the paragraphs where their words occur."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import accumulate

from ...core.index_headings import HeadingsByName, expand_pages, find_heading, heading_keys, index_text
from ..annotate import Chapter, heading_text
from ..model import Block
from .blocks import chapter_blocks
from .link_report import LinkReport
from .terms import NameForm

YEAR = re.compile(r"\b1[89]\d\d\b")
STOPWORDS = frozenset("the and for with from into over under between case question party".split())


def word_stems(text: str) -> list[str]:
    """The main words, cut to a stem: 'bureaucratic' finds 'bureaucracy', 'Kulaks' finds 'kulak'."""
    return [w.removesuffix("s")[:7] for w in re.findall(r"[A-Za-z][\w-]{3,}", text) if w.lower() not in STOPWORDS]


def index_keys(heading: str, label: str = "", aliases: Iterable[str] = ()) -> list[str]:
    """Words to look for, best first: a sub-entry's own words, then a surname or the
    heading, its parentheticals and other names, then the heading's main words.

    'Sedov, S. (Seryozha)' -> ['Sedov', 'Seryozha']; 'AUCP (All-Union Communist Party)'
    -> ['AUCP', 'All-Union Communist Party', ...]; ('Trotsky, L.', 'health of') ->
    ['health', 'Trotsky'].
    """
    bare = re.sub(r"\s*\([^)]*\)", "", heading).strip("“”\"' ,")
    names = [*re.findall(r"\(([^)]+)\)", heading), *aliases]
    if re.search(r", (?:Count )?[A-Z][a-z]?\.", bare):
        keys = [bare.partition(", ")[0], *names]
    else:  # a year the heading names is its most telling word: '1905 revolution' is where '1905' is
        keys = [bare, *names, *YEAR.findall(bare), *word_stems(bare)]
    return list(dict.fromkeys(word_stems(label) + keys))


def heading_aliases(index: list[dict], forms: list[NameForm]) -> dict[str, list[str]]:
    """Other names of Index headings, to find them in the text: the Index's own 'See'
    entries ('Natalya. See Sedova, N.', 'England. See Britain') and the glossary's and
    curated aliases of the same person or term ('Syrtsov' for 'Syrtssov, S.')."""
    aliases: dict[str, list[str]] = defaultdict(list)
    headings = heading_keys(index)
    for entry in index:
        for target in entry["see"]:
            found = find_heading(target, headings)
            if found:
                aliases[found].append(entry["heading"])
    by_name = HeadingsByName(index)
    for form in forms:
        if len(form.headwords) == 1 and not form.only_in:
            for entry in by_name.naming(form.headwords[0]):
                aliases[entry["heading"]].append(form.text)
    return aliases


@dataclass
class Paragraphs:
    """A selection's paragraphs with their estimated pages, searched once per key."""

    chapter: Chapter
    blocks: list[tuple[Block, float]]
    found: dict[str, list[tuple[Block, float]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.paragraphs = [(b, start) for b, start in self.blocks if heading_text(b) is None]
        texts = [b.text.lower() for b, _ in self.paragraphs]
        self.text = "\n".join(texts)  # searched as one string; `ends` says which paragraph a hit is in
        self.ends = list(accumulate(len(text) + 1 for text in texts))

    def containing(self, key: str) -> list[tuple[Block, float]]:
        """The paragraphs in which `key` starts a word (case ignored)."""
        if key not in self.found:
            needle, hits = key.lower(), []
            position = self.text.find(needle)
            while position >= 0:
                if position == 0 or not self.text[position - 1].isalnum():
                    hits.append(number := bisect_right(self.ends, position))
                    position = self.ends[number] - 1  # on to the next paragraph
                position = self.text.find(needle, position + 1)
            self.found[key] = [self.paragraphs[number] for number in hits]
        return self.found[key]

    def nearest(self, keys: list[str], page: int) -> int | None:
        """Line of the paragraph nearest `page` that contains the first key found."""
        for key in keys:
            candidates = self.containing(key)
            if candidates:
                return min(candidates, key=lambda item: abs(item[1] - page - 0.5))[0].line
        return None


def place_index_entries(chapters: list[Chapter], index: list[dict], aliases: dict[str, list[str]],
                        report: LinkReport) -> dict[int, dict[int, list[str]]]:
    """Sphinx index entries per selection number, per paragraph (by source line).

    Page references choose the selection; the words of the heading (or another name
    of it, from `aliases`) choose the paragraph, the one nearest the page within the
    selection.
    """
    by_page: dict[int, Paragraphs] = {}
    for chapter in chapters:
        selection = chapter.selection
        found = Paragraphs(chapter, paragraphs(chapter))
        for page in range(selection.entry.page, (selection.last_page or selection.entry.page) + 1):
            by_page[page] = found
    placed: dict[int, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for entry in index:
        heading = index_text(entry["heading"])
        targets = [(f"single: {heading}", entry["pages"], "")]
        targets += [(f"single: {heading}; {index_text(sub['label'])}", sub["pages"], sub["label"])
                    for sub in entry["subentries"]]
        for sphinx_entry, tokens, label in targets:
            keys = index_keys(entry["heading"], label, aliases.get(entry["heading"], ()))
            for found, page in pages_in_selections(tokens, by_page):
                line = found.nearest(keys, page)
                title = found.chapter.selection.entry.title
                if line is None:
                    line = found.blocks[0][0].line
                    printed = f"{entry['heading']}; {label}" if label else entry["heading"]
                    report.index_fallbacks.append(f"{printed!r} (p. {page}) in {title!r}")
                entries = placed[found.chapter.selection.number][line]
                if sphinx_entry not in entries:
                    entries.append(sphinx_entry)
                    report.index_entries += 1
    return placed


def pages_in_selections(tokens: list[str], by_page: dict[int, Paragraphs]) -> list[tuple[Paragraphs, int]]:
    """(selection, first page referenced in it) for each selection a page list touches."""
    found: dict[int, tuple[Paragraphs, int]] = {}
    for token in tokens:
        for page in expand_pages(token):
            paragraphs_found = by_page.get(page)
            if paragraphs_found is not None:
                found.setdefault(paragraphs_found.chapter.selection.number, (paragraphs_found, page))
    return list(found.values())


def paragraphs(chapter: Chapter) -> list[tuple[Block, float]]:
    """Paragraphs of a selection with the page each is estimated to start on."""
    blocks = chapter_blocks(chapter)
    total = sum(len(block.text) for block in blocks) or 1
    selection = chapter.selection
    pages = (selection.last_page or selection.entry.page) - selection.entry.page + 1
    result, offset = [], 0
    for block in blocks:
        result.append((block, selection.entry.page + pages * offset / total))
        offset += len(block.text)
    return result
