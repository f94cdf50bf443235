"""The correspondence's data: the selections' front matter (who wrote to whom, where, when) and
the editors' files that place and name it (tools/data/places.yaml, place_descriptions.yaml,
events.yaml, correspondents.yaml), read once and checked against their schemas.

A front-matter place that neither names a place of places.yaml nor is a description of
place_descriptions.yaml stops the build with what to add: the map never leaves a letter out.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import msgspec
from sphinx.environment import BuildEnvironment
from sphinx.errors import ExtensionError

from ...core import schema
from ...core.errors import SourceError
from ..finding.chronology import QUALIFIER, dated
from ..selections import SelectionData

DATA_DIR = Path(__file__).resolve().parents[2] / "data"  # tools/data: the editors' files
PLACES, DESCRIPTIONS = DATA_DIR / "places.yaml", DATA_DIR / "place_descriptions.yaml"
EVENTS, CORRESPONDENTS = DATA_DIR / "events.yaml", DATA_DIR / "correspondents.yaml"
PLAIN = str.maketrans("‘’“”\u00a0", "''\"\" ")
PRINCIPAL = "Leon Trotsky"  # the book's author: the other party of every letter, not a correspondent


class Place(schema.Place, frozen=True):
    """A place of places.yaml, as the pictures and lists name it."""

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


Description, Event, Correspondent = schema.PlaceDescription, schema.Event, schema.Correspondent


def slug(text: str) -> str:
    """'Novo-Bayazet' -> 'novo-bayazet'; "L. Kamenev" -> 'l-kamenev' (an id and an address)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def load(path: Path, kind: type[schema.Entry]) -> list:
    try:
        return msgspec.convert(schema.load_data(path, kind), list[kind])
    except SourceError as error:
        raise ExtensionError(str(error)) from None


@cache
def places() -> dict[str, Place]:
    return {place.name: place for place in load(PLACES, Place)}


@cache
def descriptions() -> dict[str, Description]:
    found = {description.text: description for description in load(DESCRIPTIONS, Description)}
    for description in found.values():
        for name in description.places:
            if name not in places():
                raise ExtensionError(f"{DESCRIPTIONS}: {description.text!r} names the place {name!r}, which "
                                     f"{PLACES.name} does not list\n  -> add it to {PLACES.name} or correct the name")
    return found


@cache
def events() -> tuple[Event, ...]:
    return tuple(sorted(load(EVENTS, Event), key=lambda event: event.date))


@cache
def correspondent_entries() -> tuple[Correspondent, ...]:
    return tuple(load(CORRESPONDENTS, Correspondent))


def stages(text: str, field: str, selection: SelectionData) -> list[Place]:
    """The place(s) a front-matter value stands for: one place, or a journey's stages."""
    if not text:
        return []
    if text in places():
        return [places()[text]]
    if text in descriptions():
        return [places()[name] for name in descriptions()[text].places]
    raise ExtensionError(
        f"chapters/{selection.docname.rsplit('/', 1)[-1]}.md: {field} {text!r} is neither a place of "
        f"{PLACES} nor a description of {DESCRIPTIONS}\n  -> add the place (with its GeoNames id and the "
        f"reason) or the description (with the places it stands for)")


def geonames_of(text: str) -> str | None:
    """The GeoNames address of the one place a front-matter value names (none for a journey)."""
    if text in places():
        return places()[text].geonames_url
    if text in descriptions() and len(descriptions()[text].places) == 1:
        return places()[descriptions()[text].places[0]].geonames_url
    return None


@dataclass(frozen=True)
class Letter:
    """A dated selection and where it went: from the place(s) it was written to its addressee's."""

    selection: SelectionData
    written_at: tuple[Place, ...]
    addressee_at: tuple[Place, ...]

    @property
    def is_route(self) -> bool:
        return len(self.written_at) > 1


def letters(env: BuildEnvironment) -> list[Letter]:
    """Every dated selection but the front matter, by date, with its places."""
    return [Letter(s, tuple(stages(s.written_at, "written_at", s)),
                   tuple(stages(s.addressee_place, "addressee_place", s))) for s in dated(env)]


def letters_by_place(found: list[Letter]) -> dict[str, list[Letter]]:
    """Place name -> the letters written there, sent there, or written on a journey through it."""
    by_place: dict[str, list[Letter]] = defaultdict(list)
    for letter in found:
        for place in dict.fromkeys(letter.written_at + letter.addressee_at):
            by_place[place.name].append(letter)
    return by_place


def correspondent_names(selection: SelectionData) -> list[str]:
    """Who the selection names as its other party: its addressees and its authors but Trotsky."""
    authors = [name for field in selection.authors for name in field.split("; ")]
    return [name for name in list(selection.addressees) + authors
            if not name.startswith(PRINCIPAL) and name != "unsigned"]


@dataclass(frozen=True)
class Person:
    name: str
    headword: str
    letters: tuple[Letter, ...]

    @property
    def anchor(self) -> str:
        return "correspondent-" + slug(self.name)


def straight(name: str) -> str:
    """The front matter's names reach the build as the text has them, quotes curled and no-break
    spaces after initials ('L.\u00a0Kamenev'); the data file writes them plain."""
    return name.translate(PLAIN)


def entry_of(name: str) -> Correspondent | None:
    """The correspondents.yaml entry that lists this front-matter name, if any."""
    return next((entry for entry in correspondent_entries() if straight(name) in map(straight, entry.names)), None)


def person_name(name: str) -> str:
    """How the correspondent whom the front matter calls `name` is headed: as the register's
    Correspondent filter names them, without a note on the letter ('(letter I, unnamed recipient)')."""
    entry = entry_of(name)
    return entry.name if entry else QUALIFIER.sub("", name)


def person_anchor(name: str) -> str:
    """The anchor of the section of the correspondent whom the front matter calls `name`."""
    return "correspondent-" + slug(person_name(name))


def correspondents(found: list[Letter]) -> list[Person]:
    """Everyone a letter is addressed to or written by (Trotsky aside), in order of first letter."""
    grouped: dict[str, list[Letter]] = defaultdict(list)
    for letter in found:
        for name in correspondent_names(letter.selection):
            if letter not in grouped[person_name(name)]:
                grouped[person_name(name)].append(letter)
    headwords = {entry.name: entry.headword for entry in correspondent_entries()}
    return [Person(name, headwords.get(name, ""), tuple(letters)) for name, letters in grouped.items()]
