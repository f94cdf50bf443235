"""Does a change agree with the print edition? The importer, run in memory on the source text
with tools/data (errata included), gives each page as the print edition reads once its
named slips are corrected; a change that makes the page read otherwise departs from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import SourceError
from ..importer.pipeline import load_curated, run_import
from ..importer.wordcheck import Span
from .compare import Flat, ReadingChange, departures
from .reading import Paragraph, Reading, plain_words

SOURCE = "source/challenge-1928-29.txt"
ERRATA = "tools/data/errata.yaml"
WORD = re.compile(r"\w[\w'’-]*")

# ADDED: whole paragraphs that this edition adds where it may (a glossary entry written by hand,
# a note of this edition): not the print edition's words, and not a departure from them either
AS_PRINTED, DEPARTS, ADDED = "as printed", "departs", "added"


@dataclass(frozen=True)
class Verdict:
    kind: str  # AS_PRINTED, DEPARTS or ADDED
    erratum: dict | None = None  # the errata entry that makes the change, if one does


@dataclass
class PrintEdition:
    files: dict[str, str]  # the importer's output
    spans: dict[str, Span]  # the source lines each selection renders
    errata: list[dict]
    problem: str = ""  # why the import failed; then nothing can be checked
    readings: dict[str, Reading] = field(default_factory=dict)


def import_print_edition(root: Path) -> PrintEdition:
    try:
        curated = load_curated(root / "tools" / "data")
        result = run_import(root / SOURCE, curated)
    except SourceError as error:
        return PrintEdition({}, {}, [], f"the import failed, so no change could be checked: {error}")
    return PrintEdition(result.files, {span.name: span for span in result.spans}, curated.errata)


def words_in(text: str) -> set[str]:
    return {word.lower() for word in WORD.findall(text)}


def erratum_for(change: ReadingChange, span: Span | None, errata: list[dict]) -> dict | None:
    """The errata entry on the selection's source lines whose correction is this change; of two
    that correct the same word ("Slepko, Sten", "Uglanov and Slepko has"), the one whose text
    shares most words with the change and the words around it."""
    if span is None:
        return None
    removed, added = words_in(plain_words(change.before.words)), words_in(plain_words(change.after.words))
    around = words_in(plain_words(change.after.lead + change.after.words + change.after.tail))
    candidates = [entry for entry in errata if span.first <= entry["line"] <= span.last and (
        words_in(str(entry["new"])) & added or words_in(str(entry["old"])) & removed)]
    return max(candidates, key=lambda entry: len(words_in(str(entry["new"])) & around), default=None)


def adds_paragraphs(change: ReadingChange, flat: Flat) -> bool:
    """Does the change only add whole paragraphs (none of the print edition's words touched)?"""
    return not change.before.words and change.start < change.end and {change.start, change.end} <= set(flat.starts)


def verdicts(changes: list[ReadingChange], printed: list[Paragraph], now: list[Paragraph], span: Span | None,
             errata: list[dict], additions: bool = False) -> list[Verdict]:
    """For each change to `now` (one part of a page), how it stands to the `printed` part; where
    `additions` are allowed, a change that only adds whole paragraphs is this edition's addition."""
    extra, missing = departures(printed, now)
    flat = Flat.of(now)
    found = []
    for change in changes:
        departs = any(p in extra for p in range(change.start, change.end)) or any(
            change.start <= p <= change.end for p in missing)
        if departs and additions and adds_paragraphs(change, flat):
            found.append(Verdict(ADDED))
        else:
            found.append(Verdict(DEPARTS) if departs else Verdict(AS_PRINTED, erratum_for(change, span, errata)))
    return found
