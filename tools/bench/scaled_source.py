"""The book k times over, as a source that the importer reads as it reads the real one.

A bigger book is made where a book grows: its 48 selections after the front matter (the letters,
articles and appendices) follow themselves k times, each copy under its own heading and Contents entry
("Our correspondents (copy 2)", on pages after the originals), and the Glossary, reading list, Index
and back cover follow the last copy. So every pass (reading, the structure check, the errata,
segmentation, repair, annotation, linking, rendering and the word check) works on k times the
selections' text, and the structure check and the word check must pass as for the real book. The
front matter (about the author, preface, introduction: 3 of 51 parts) stays 1×. The editors' data
are carried over: entries keyed to a source line move with it (and are repeated for each copy of a
selection's line); each selection's metadata, title variant, "this volume" references and the aliases
limited to it are repeated under the copy's title. The printed Index is not repeated (its page
numbers name the first copy), so index placement stays at 1×.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from tools.importer.pipeline import Curated
from tools.importer.segment import APPENDIX_PREFIX, BACK_MATTER, FRONT_MATTER, check_structure, strip_markup
from tools.importer.source import read_lines


def copy_title(title: str, copy: int) -> str:
    return title if copy == 1 else f"{title} (copy {copy})"


@dataclasses.dataclass(frozen=True)
class Shift:
    """Where the original source's lines land in the k× source."""

    contents_insert: int  # 0-based index of the Glossary's Contents line: the copies' entries go before it
    added_contents: int  # how many Contents lines the copies add
    text_start: int  # 0-based index of the first copied selection's heading
    text_end: int  # 0-based index of the Glossary's heading (end of the selections)
    copies: int

    @property
    def text_lines(self) -> int:
        return self.text_end - self.text_start

    def lines(self, line: int) -> list[int]:
        """The 1-based line(s) of the k× source that original line `line` became (one per copy in the text)."""
        index = line - 1
        if index < self.contents_insert:
            return [line]
        if index < self.text_start:
            return [line + self.added_contents]
        if index < self.text_end:
            return [line + self.added_contents + n * self.text_lines for n in range(self.copies)]
        return [line + self.added_contents + (self.copies - 1) * self.text_lines]


def scale_source(copies: int, source: Path, target: Path, curated: Curated) -> Curated:
    """Write the book `copies` times over to `target`; return the editors' data for it."""
    lines = read_lines(source)
    layout = check_structure(lines, str(source), curated.title_variants)
    selections = [entry for entry in layout.entries if entry.title not in BACK_MATTER]
    first = next(n for n, entry in enumerate(selections) if entry.title not in FRONT_MATTER)
    entries, starts = selections[first:], layout.starts[first:]
    glossary_entry = next(entry for entry in layout.entries if entry.title == "Glossary")
    span = glossary_entry.page - entries[0].page  # pages of one copy of the selections
    shift = Shift(glossary_entry.line - 1, (copies - 1) * len(entries), starts[0], layout.glossary, copies)

    contents = [f"{copy_title(entry.title, copy)}\t{entry.page + (copy - 1) * span}"
                for copy in range(2, copies + 1) for entry in entries]
    back_contents = [f"{entry.title}\t{entry.page + (copies - 1) * span}"
                     for entry in layout.entries if entry.title in BACK_MATTER]
    text = lines[shift.text_start:shift.text_end]
    copied = []
    for copy in range(2, copies + 1):
        renamed = list(text)
        for start in starts:
            heading = lines[start]
            level = heading[:len(heading) - len(heading.lstrip("#"))]
            renamed[start - shift.text_start] = f"{level} {copy_title(strip_markup(heading), copy)}"
        copied += renamed
    back_start = glossary_entry.line - 1 + len(BACK_MATTER)
    scaled = (lines[:shift.contents_insert] + contents + back_contents + lines[back_start:shift.text_end]
              + copied + lines[shift.text_end:])
    assert len(scaled) == len(lines) + shift.added_contents + (copies - 1) * shift.text_lines
    target.write_text("\n".join(scaled), encoding="utf-8")
    return scale_data(curated, shift, [entry.title for entry in entries])


def scale_data(curated: Curated, shift: Shift, titles: list[str]) -> Curated:
    """The editors' data for the k× source; `titles` are the copied selections'."""
    def moved(entries: list[dict]) -> list[dict]:
        return [{**entry, "line": line} for entry in entries for line in shift.lines(entry["line"])]

    def copied(title: str | None) -> list[str | None]:
        return [copy_title(title, copy) for copy in range(1, shift.copies + 1)] if title in titles else [title]

    variants = {copy_title(contents, copy): copy_title(printed, copy)
                for contents, printed in curated.title_variants.items()
                for copy in range(1, shift.copies + 1 if contents in titles else 2)}
    variants |= {copy_title(title, copy): copy_title(APPENDIX_PREFIX.sub("", title), copy)
                 for title in titles if APPENDIX_PREFIX.match(title) for copy in range(2, shift.copies + 1)}
    return dataclasses.replace(
        curated,
        errata=sorted(moved(curated.errata), key=lambda entry: entry["line"]),
        as_printed=moved(curated.as_printed),
        page_breaks=moved(curated.page_breaks),
        correspondence=dataclasses.replace(curated.correspondence, events=moved(curated.correspondence.events)),
        title_variants=variants,
        selections={copy: {**entry, "title": copy} for title, entry in curated.selections.items()
                    for copy in copied(title)},
        volume_references=[{**entry, "in": copy, "target": entry["target"] and copy_title(
            entry["target"], number) if entry["target"] in titles else entry["target"]}
            for entry in curated.volume_references for number, copy in enumerate(copied(entry["in"]), 1)],
        aliases=[{**alias, "only_in": [copy for title in alias["only_in"] for copy in copied(title)]}
                 if alias.get("only_in") else alias for alias in curated.aliases],
    )
