"""The correspondence's data: the selections' front matter (who wrote to whom, where, when) and
what the importer wrote from the editors' files (glossary/correspondence.json: the places, the
descriptions of places, the events and the correspondents with their pages), read once per
version of the file.

The importer checks that data against the front matter (a place the data cannot place stops the
import); a page edited by hand since, with a place the data lacks, stops the build with what to do.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sphinx.environment import BuildEnvironment

from ...core import build_data
from ...core.build_data import CORRESPONDENCE, CorrespondentPage, read_build_data
from ...core.errors import SourceError, Stopped
from ...core.names import other_parties, without_qualifier
from ..finding.chronology import dated
from ..selections import SelectionData, curled_values

PLAIN = str.maketrans("‘’“”\u00a0", "''\"\" ")
Place, Event = build_data.Place, build_data.schema.Event


def straight(name: str) -> str:
    """The front matter's names reach the build as the text has them, quotes curled and no-break
    spaces after initials ('L.\u00a0Kamenev'); the importer's data writes them plain."""
    return name.translate(PLAIN)


def shown(name: str) -> str:
    """A name of the data as the text shows it, its quotes curled ('An unnamed ‘intransigent’ Oppositionist')."""
    return curled_values(name)[0]


@dataclass(frozen=True)
class Known:
    """The correspondence's data, looked up by the front matter's words."""

    places: dict[str, Place]
    descriptions: dict[str, tuple[Place, ...]]  # a description's words -> the place(s) it stands for
    events: tuple[Event, ...]
    people: tuple[CorrespondentPage, ...]  # in the order of the index
    person_of: dict[str, CorrespondentPage]  # a front-matter name, straight -> its correspondent

    def stages(self, text: str, field: str, selection: SelectionData) -> tuple[Place, ...]:
        """The place(s) a front-matter value stands for: one place, or a journey's stages."""
        if not text:
            return ()
        plain = straight(text)
        if plain in self.places:
            return (self.places[plain],)
        if plain in self.descriptions:
            return self.descriptions[plain]
        raise Stopped(
            f"chapters/{selection.docname.rsplit('/', 1)[-1]}.md: {field} {text!r} is neither a place nor a "
            f"description of a place in {CORRESPONDENCE}\n  -> run the importer (python -m tools import): it "
            "says which data file to complete")

    def geonames_of(self, text: str) -> str | None:
        """The GeoNames address of the one place a front-matter value names (none for a journey)."""
        plain = straight(text)
        found = (self.places[plain],) if plain in self.places else self.descriptions.get(plain, ())
        return found[0].geonames_url if len(found) == 1 else None

    def person(self, name: str) -> CorrespondentPage:
        """The correspondent whom the front matter calls `name`."""
        found = self.person_of.get(straight(name))
        if found is None:
            raise Stopped(f"{CORRESPONDENCE}: no correspondent is named {name!r}, as a page's front matter "
                                 "names one\n  -> run the importer (python -m tools import), which lists them")
        return found


def page_of(env: BuildEnvironment, person: CorrespondentPage) -> str:
    """The correspondent's page, which must be one of the book's: a data file edited by hand may name
    another, which the LaTeX writer cannot link to and the site would link to nothing."""
    if person.docname not in env.all_docs:
        raise Stopped(f"{CORRESPONDENCE}: the page {person.docname!r} of {person.name!r} is not a page of the book"
                      "\n  -> run the importer again (python -m tools import --force): it writes the pages and the "
                      "data together")
    return person.docname


def has_data(env: BuildEnvironment) -> bool:
    """Whether the project has the correspondence (a test's small project may not)."""
    return (Path(env.srcdir) / CORRESPONDENCE).is_file()


def known(env: BuildEnvironment) -> Known:
    return known_in(Path(env.srcdir))


def known_in(srcdir: Path) -> Known:
    """The data as the importer last wrote it (read again when the file changes: an incremental build)."""
    path = srcdir / CORRESPONDENCE
    stat = path.stat() if path.is_file() else None
    return read_known(path, stat.st_mtime_ns if stat else 0, stat.st_size if stat else 0)


@cache
def read_known(path: Path, modified: int, size: int) -> Known:
    try:
        found = read_build_data(path, build_data.Correspondence, "correspondence's data")
    except SourceError as error:
        raise Stopped(str(error)) from None
    places = {place.name: place for place in found.places}
    return Known(places, {description.text: tuple(places[name] for name in description.places)
                          for description in found.descriptions},
                 tuple(found.events), tuple(found.correspondents),
                 {straight(form): person for person in found.correspondents for name in person.names
                  for form in (name, without_qualifier(name)[0])})  # the register writes them without the note


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
    data = known(env)
    return [Letter(s, data.stages(s.written_at, "written_at", s), data.stages(s.addressee_place, "addressee_place", s))
            for s in dated(env)]


def letters_by_place(found: list[Letter]) -> dict[str, list[Letter]]:
    """Place name -> the letters written there, sent there, or written on a journey through it."""
    by_place: dict[str, list[Letter]] = defaultdict(list)
    for letter in found:
        for place in dict.fromkeys(letter.written_at + letter.addressee_at):
            by_place[place.name].append(letter)
    return by_place


def correspondent_names(selection: SelectionData) -> list[str]:
    """Who the selection names as its other party: its addressees and its authors but Trotsky."""
    return other_parties(selection.addressees, selection.authors)


def letters_of(data: Known, person: CorrespondentPage, found: list[Letter]) -> list[Letter]:
    """The letters whose front matter names the correspondent, by date."""
    return [letter for letter in found
            if any(data.person(name) == person for name in correspondent_names(letter.selection))]
