"""The data files the importer writes into the project beside the Markdown, for the build.

The build reads only its source folder: what it needs from the source or from the editors'
data (tools/data/) the importer works out and writes here, and the build notes each file it
reads as a dependency of the pages that use it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TypeVar

import msgspec

from . import schema
from .allowed import with_control_character
from .errors import SourceError
from .names import slug

T = TypeVar("T")

PRINTED_INDEX = "glossary/printed-index.json"  # the printed Index: headings, pages, See references
CORRECTIONS = "glossary/corrections.json"  # each erratum with its corrected word's page and context
NAME_ALIASES = "glossary/aliases.json"  # other names of glossary headwords, for search
TEXT_POINTERS = "text-pointers.json"  # headnotes' "point 6" and the paragraph it means
EDITION_NOTES = "glossary/edition-notes.json"  # notes of this edition, each beside its Glossary entry
# the correspondence: places, descriptions, events and correspondents, checked against the front matter
CORRESPONDENCE = "glossary/correspondence.json"
BUILD_DATA = (PRINTED_INDEX, CORRECTIONS, NAME_ALIASES, TEXT_POINTERS, EDITION_NOTES, CORRESPONDENCE)
CORRESPONDENT_PAGES = "correspondents"  # the folder of the pages, one per correspondent
CORRESPONDENTS_PAGE = "glossary/correspondents"  # the page that lists them (the importer writes it)


class EditionNote(msgspec.Struct, forbid_unknown_fields=True):
    """A note of this edition (tools/data/edition_notes.yaml), as readers read it."""

    glossary: str  # the headword of the Glossary entry it stands beside
    note: str
    evidence: str
    reason: str


class NameAlias(msgspec.Struct, forbid_unknown_fields=True):
    """Another name of a glossary headword (tools/data/aliases.yaml), as search knows it."""

    alias: str
    headword: str


class Place(schema.Place, frozen=True):
    """A place of tools/data/places.yaml, as the pictures and lists name it."""

    @property
    def label(self) -> str:
        """'Alma-Ata (today Almaty)', 'Moscow'."""
        return f"{self.name} (today {self.today})" if self.today else self.name

    @property
    def geonames_url(self) -> str:
        return f"https://www.geonames.org/{self.geonames_id}"

    @property
    def anchor(self) -> str:
        return "place-" + slug(self.name)


class CorrespondentPage(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A correspondent and their page: the importer gathers them from the front matter and
    tools/data/correspondents.yaml."""

    name: str  # the page's title
    docname: str  # 'correspondents/i-n-smirnov'
    names: list[str]  # the front matter's words for them, as written there
    headword: str = ""  # their Glossary entry, if any


class Correspondence(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """What the map, the timeline and the correspondents' pages need, checked at import."""

    places: list[Place]
    descriptions: list[schema.PlaceDescription]
    events: list[schema.Event]  # by date
    correspondents: list[CorrespondentPage]  # in the order of the index: by surname


def json_data(entries: list[dict] | dict) -> str:
    return json.dumps(entries, ensure_ascii=False, indent=1) + "\n"


def read_build_data(path: Path, kind: type[T], what: str) -> T:
    """A file the importer wrote, read as `kind` (typed: the project is what a pull request
    changes); a missing or damaged file is a clear error that says to import again."""
    if not path.is_file():
        raise SourceError(str(path), None, f"{what} missing",
                          "run the importer (python -m tools import), which writes it")
    try:
        data = msgspec.json.decode(path.read_bytes(), type=kind, strict=True)
    except msgspec.DecodeError as error:  # ValidationError is one
        raise SourceError(str(path), None, f"not the importer's {what} ({error})",
                          "run the importer again (python -m tools import --force)") from None
    if found := with_control_character(msgspec.to_builtins(data)):  # no format can show one
        raise SourceError(str(path), None, f"{found[:60]!r} has a control character",
                          "run the importer again (python -m tools import --force)")
    return data
