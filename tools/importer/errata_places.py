"""Where each corrected word stands, for the build (glossary/corrections.json).

The build links each corrected word to its entry on "Corrections to the print edition" and
finds the word in the page by its context on its source line (the letters and digits around
it, so that quotes, dashes, emphasis and links do not matter). That context is the importer's
knowledge — the source, the errata applied, which page each line went to — so the importer
works it out here and writes it, and the build reads only that file.
"""

from __future__ import annotations

import re

from ..core.errata import Erratum, errata_json
from ..core.source_text import alnum

CONTEXT = 24  # letters and digits of the line on each side of the word: enough to tell places apart
TRIM = "()[]*.,;:?!\"“”‘’'\\"
# The pages of the back matter, by the source heading they start at; the printed Index is data.
BACK_MATTER = (("# Glossary", "glossary/index"), ("## Further reading", "glossary/further-reading"),
               ("# Index", None))
SOURCE_LINE = re.compile(r"^source_line: (\d+)$", re.M)


def word_around(line: str, start: int, end: int) -> tuple[int, int]:
    """The word of `line` that holds the changed characters [start, end): out to the spaces,
    without the punctuation around it."""
    while start > 0 and not line[start - 1].isspace():
        start -= 1
    while end < len(line) and not line[end].isspace():
        end += 1
    while start < end and line[start] in TRIM:
        start += 1
    while end > start and line[end - 1] in TRIM:
        end -= 1
    return start, end


def changed_span(printed: str, corrected: str) -> tuple[int, int]:
    """Where `corrected` differs from `printed`: [start, end) in `corrected`."""
    prefix = 0
    while prefix < min(len(printed), len(corrected)) and printed[prefix] == corrected[prefix]:
        prefix += 1
    suffix = 0
    while (suffix < min(len(printed), len(corrected)) - prefix
           and printed[-1 - suffix] == corrected[-1 - suffix]):
        suffix += 1
    return prefix, len(corrected) - suffix


def page_starts(lines: list[str], files: dict[str, str]) -> list[tuple[int, str | None]]:
    """(first source line, document) of each page made from the source, in source order: the
    front page, the selections (their front matter's `source_line`), the back matter."""
    starts: list[tuple[int, str | None]] = [(1, "index")]
    for path in sorted(name for name in files if name.startswith("chapters/") and name.endswith(".md")):
        if found := SOURCE_LINE.search(files[path]):
            starts.append((int(found[1]), path.removesuffix(".md")))
    starts += [(lines.index(heading) + 1, page) for heading, page in BACK_MATTER if heading in lines]
    return sorted(starts, key=lambda start: start[0])


def page_of(starts: list[tuple[int, str | None]], line: int) -> str | None:
    return [page for first, page in starts if first <= line][-1]


def errata_places(original: list[str], corrected_lines: list[str], entries: list[dict],
                  files: dict[str, str]) -> str:
    """Each correction of errata.yaml, with its corrected word, that word's context and page: one per
    entry, or, for an entry with `count`, one per occurrence on its line (all with the entry's number)."""
    starts = page_starts(original, files)
    found = []
    for number, entry in enumerate(entries, 1):
        old, new, count = entry["old"], entry["new"], entry.get("count", 1)
        line = corrected_lines[entry["line"] - 1]
        printed_at = [match.start() for match in re.finditer(re.escape(old), original[entry["line"] - 1])]
        for occurrence, at in enumerate(printed_at, 1):
            at += (occurrence - 1) * (len(new) - len(old))  # where it stands once the ones before are corrected
            start, end = changed_span(old, new)
            start, end = word_around(line, at + start, at + end)
            found.append(Erratum(number, entry["line"], old, new, entry["reason"], entry["kind"],
                                 page_of(starts, entry["line"]), line[start:end],
                                 alnum(line[:start])[-CONTEXT:], alnum(line[end:])[:CONTEXT], count, occurrence))
    return errata_json(found)
