"""What a pull request changes for readers, page by page: gathered from git, read as readers
read, compared part by part, and each change of a page the importer makes from the book
checked against the print edition."""

from __future__ import annotations

import fnmatch
import runpy
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..core.allowed import yaml_alias_line
from ..core.markdown import parser
from ..core.paragraph_numbering import in_selection
from . import git
from .compare import MarkupDelta, ReadingChange, changes, markup_delta
from .print_edition import ERRATA, PrintEdition, Verdict, import_print_edition, verdicts
from .reading import HEADNOTE, NOTES, SOURCE_NOTE, TEXT, Paragraph, Reader, Reading, plain_words

PARTS = (TEXT, HEADNOTE, SOURCE_NOTE, NOTES)


@dataclass(frozen=True)
class PartDiff:
    part: str
    changes: list[ReadingChange]
    verdicts: list[Verdict] | None  # None: the page is not made from the book by the importer


@dataclass
class PageDiff:
    name: str  # the path now (the old path for a removed page)
    old_name: str | None  # None: a new page
    removed: bool
    title: str
    paragraphs: int  # in the page now (before, if removed)
    selection: bool  # a selection (chapters/): its text is the author's
    metadata: list[tuple[str, str, str]] = field(default_factory=list)  # field, before, after
    parts: list[PartDiff] = field(default_factory=list)
    markup: list[MarkupDelta] = field(default_factory=list)


@dataclass
class ErrataDiff:
    added: list[dict]
    removed: list[dict]
    unapplied: list[tuple[dict, str]]  # an added entry, and the page that does not read so yet


@dataclass
class Review:
    base: str
    pages: list[PageDiff]
    errata: ErrataDiff | None
    others: list[str]  # changed files that are not pages of the book
    print_problem: str  # why the print edition could not be consulted ("" when it could)


def is_page(path: str, excluded: list[str]) -> bool:
    """A Markdown file Sphinx reads (conf.py's exclude_patterns)."""
    first = path.split("/")[0]
    return path.endswith(".md") and not any(fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(first, pattern)
                                            for pattern in excluded)


def shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(map(shown, value))
    return str(value)


def metadata_changes(old: dict, new: dict) -> list[tuple[str, str, str]]:
    keys = list(new) + [key for key in old if key not in new]
    return [(key, shown(old.get(key)), shown(new.get(key))) for key in keys if old.get(key) != new.get(key)]


class Reviewer:
    def __init__(self, root: Path) -> None:
        self.root = root
        conf = runpy.run_path(str(root / "conf.py"))
        self.reader = Reader(parser(conf))
        self.excluded = conf.get("exclude_patterns", [])
        self._print: PrintEdition | None = None

    @property
    def print_edition(self) -> PrintEdition:
        if self._print is None:  # the import takes a second: only when a page's words changed
            self._print = import_print_edition(self.root)
        return self._print

    def read(self, name: str, text: str) -> Reading:
        return self.reader.read(text, in_selection(name))

    def page(self, base: str, change: git.FileChange) -> PageDiff | None:
        old = self.read(change.old, git.show(self.root, base, change.old)) if change.old else None
        # not UTF-8: read anyway (the check and the build say what is wrong with the file)
        new = self.read(change.new, (self.root / change.new).read_text(encoding="utf-8", errors="replace")
                        ) if change.new else None
        if old is None or new is None:
            reading = new or old
            assert reading is not None
            name = str(change.new or change.old)
            return PageDiff(name, change.old, new is None, reading.title, len(reading.paragraphs), in_selection(name))
        assert change.new is not None
        diff = PageDiff(change.new, change.old, False, new.title or old.title, len(new.paragraphs),
                        in_selection(change.new), metadata_changes(old.metadata, new.metadata),
                        markup=markup_delta(old.markup, new.markup))
        for part in PARTS:
            before = [p for p in old.paragraphs if p.part == part]
            now = [p for p in new.paragraphs if p.part == part]
            found = changes(before, now)
            if found:
                diff.parts.append(PartDiff(part, found, self.verdicts(change.new, part, found, now)))
        return diff if diff.metadata or diff.parts or diff.markup or change.old != change.new else None

    def verdicts(self, name: str, part: str, found: list[ReadingChange], now: list[Paragraph]) -> list[Verdict] | None:
        edition = self.print_edition
        if name not in edition.files:
            return None
        if name not in edition.readings:
            edition.readings[name] = self.read(name, edition.files[name])
        printed = [p for p in edition.readings[name].paragraphs if p.part == part]
        # this edition may add an entry to a page of the back matter, or a note; never words of a selection's text
        additions = not in_selection(name) or part == NOTES
        return verdicts(found, printed, now, edition.spans.get(name), edition.errata, additions)

    def errata(self, base: str, old_path: str) -> ErrataDiff:
        def entries(text: str) -> list[dict]:
            if yaml_alias_line(text):
                return []  # refused, as the import refuses it: an alias can grow without bound when written out
            try:
                found = yaml.safe_load(text)
            except yaml.YAMLError:
                return []  # the import reports the bad YAML, with its line
            return [entry for entry in found or [] if isinstance(entry, dict)]

        def correction(entry: dict) -> tuple:
            return entry.get("line"), entry.get("old"), entry.get("new"), entry.get("count", 1)

        old = entries(git.show(self.root, base, old_path))
        new = entries((self.root / ERRATA).read_text(encoding="utf-8")) if (self.root / ERRATA).exists() else []
        old_corrections, new_corrections = set(map(correction, old)), set(map(correction, new))
        added = [e for e in new if correction(e) not in old_corrections]
        removed = [e for e in old if correction(e) not in new_corrections]
        return ErrataDiff(added, removed, self.unapplied(added))

    def unapplied(self, added: list[dict]) -> list[tuple[dict, str]]:
        """The added entries whose correction the page does not show yet (it needs a re-import)."""
        found = []
        for entry in added:
            name = next((name for name, span in self.print_edition.spans.items()
                         if span.first <= entry.get("line", 0) <= span.last), None)
            if name is None or not (self.root / name).exists():
                continue
            reading = self.read(name, (self.root / name).read_text(encoding="utf-8"))
            if str(entry.get("new")) not in " ".join(plain_words(p.words) for p in reading.paragraphs):
                found.append((entry, name))
        return found

    def review(self, base: str) -> Review:
        pages, others, errata = [], [], None
        for change in git.changed_files(self.root, base):
            path = str(change.new or change.old)
            if is_page(path, self.excluded):
                diff = self.page(base, change)
                if diff:
                    pages.append(diff)
            elif change.new == ERRATA and change.old:
                errata = self.errata(base, change.old)
            else:
                others.append(path)
        problem = self._print.problem if self._print else ""
        return Review(base, sorted(pages, key=lambda page: page.name), errata, sorted(others), problem)
