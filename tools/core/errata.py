"""The corrections to the print edition, as the importer hands them to the build.

The importer applies tools/data/errata.yaml to the source and writes, for each correction (one
per entry, or per occurrence for an entry with `count`), where its corrected word stands
(glossary/corrections.json): the page, the word as the corrected line has it, and the letters
and digits on each side, by which the build finds the word again in the page. The build reads
only this file of the project, never the source or the data folder.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from .build_data import json_data, read_build_data


@dataclass(frozen=True)
class Erratum:
    number: int  # 1-based, in the order of errata.yaml
    line: int
    printed: str
    corrected: str
    reason: str
    kind: str  # "misprint" (the print edition's) or "conversion" (a slip of its conversion)
    page: str | None  # the document it is on; None: the printed Index, which the edition gives as data
    word: str  # the corrected word as it stands in the line
    before: str  # letters and digits of the line before the word (the last CONTEXT of them)
    after: str
    count: int = 1  # how often the misprint stands on the line (the entry's `count`): each is marked
    occurrence: int = 1  # which of them this is, in the line's order


def errata_json(errata: list[Erratum]) -> str:
    return json_data([asdict(erratum) for erratum in errata])


def read_errata(path: Path) -> tuple[Erratum, ...]:
    """The corrections the importer wrote into the project; a clear error if they are not there."""
    return _read(path, path.stat().st_mtime_ns if path.is_file() else None)


@cache
def _read(path: Path, modified: int | None) -> tuple[Erratum, ...]:  # the mtime: a new import is read again
    return tuple(read_build_data(path, list[Erratum], "list of corrections"))
