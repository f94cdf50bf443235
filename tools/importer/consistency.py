"""The data files' entries checked against each other and against the book, before any is applied.

The schema (schema.py) checks each entry alone; these checks need the other entries, the
source or the glossary: an errata entry that changes nothing, one listed twice or out of line
order, an alias to a headword the glossary does not have or to a selection the Contents does
not list. Each refusal names the data file and the entry's line there.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..core.schema import refuse_entries


def check_errata(path: Path, errata: list[dict], source: list[str]) -> None:
    """Each entry changes something, is listed once, and stands in the order of the source: by line,
    and on one line by where its words stand. The order is required so that the corrections page,
    which numbers the entries as the file lists them, reads in the order of the book."""
    seen: dict[tuple[int, str], int] = {}
    previous: tuple[int, int] = (0, -1)
    for number, entry in enumerate(errata, 1):
        line, old, new = entry["line"], entry["old"], entry["new"]
        if old == new:
            refuse_entries(path, [number], f"`old` and `new` are the same ({old!r}): the entry corrects nothing",
                           "write the corrected text in `new`, or remove the entry")
        if (line, old) in seen:
            refuse_entries(path, [number], f"line {line}, {old!r} is corrected by entry {seen[line, old]} already",
                           "remove one of the two; a misprint repeated on one line is one entry with `count`")
        seen[line, old] = number
        place = (line, source[line - 1].find(old) if 1 <= line <= len(source) else -1)
        if place < previous:
            refuse_entries(path, [number], f"out of order: line {line} after an entry for line {previous[0]}",
                           "move the entry to its place: entries are sorted by line, and on one line by where "
                           "`old` stands (the corrections page lists them in this order)")
        previous = place


def check_aliases(path: Path, aliases: list[dict], headwords: Iterable[str], titles: Iterable[str]) -> None:
    """Each alias names a headword of the glossary, and its `only_in` selections the Contents lists."""
    headwords, titles = set(headwords), set(titles)
    for number, alias in enumerate(aliases, 1):
        if alias["headword"] not in headwords:
            refuse_entries(path, [number], f"the glossary has no headword {alias['headword']!r}",
                           "write the headword exactly as glossary/index.md has it (e.g. 'Smirnov, I.'), "
                           "or add the glossary entry first")
        unknown = [title for title in alias.get("only_in") or () if title not in titles]
        if unknown:
            refuse_entries(path, [number], f"`only_in` names no selection titled {unknown[0]!r}",
                           "give each selection's title as the Contents prints it (the `title` of selections.yaml)")
