"""The correspondence's data for the build, and a page per correspondent.

The editors' files (tools/data/places.yaml, place_descriptions.yaml, events.yaml,
correspondents.yaml) are checked against the selections' front matter and the book, and what
the map, the timeline and the correspondents' pages need is written into the project
(glossary/correspondence.json), with one small page per correspondent (correspondents/SLUG.md:
a title and a directive naming them) and the Correspondents page that lists them in its toctree.
A front-matter place the data cannot place, an entry that nothing uses or that names what does
not exist stops the run, naming the file and line and what to edit.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..core.build_data import CORRESPONDENCE, CORRESPONDENT_PAGES, CORRESPONDENTS_PAGE, json_data
from ..core.errors import SourceError
from ..core.names import other_parties, slug, sort_key, without_qualifier
from ..core.schema import refuse_entries

PLACE_FIELDS = ("written_at", "addressee_place")


@dataclass(frozen=True)
class FrontMatter:
    """A letter's page as the importer wrote it, and the curated fields its front matter took."""

    path: str  # chapters/NN-slug.md
    text: str  # the page, front matter first
    fields: dict  # its entry of tools/data/selections.yaml


@dataclass(frozen=True)
class CorrespondenceData:
    """The editors' files for the correspondence, as loaded (each checked against its schema)."""

    places: list[dict]
    descriptions: list[dict]
    events: list[dict]
    correspondents: list[dict]
    intro: str  # Markdown: what the Correspondents page says above its list
    data_dir: Path


def field_line(text: str, field: str) -> int | None:
    """The line of the page's front matter that holds `field`."""
    return next((number for number, line in enumerate(text.split("\n"), 1) if line.startswith(f"{field}:")), None)


def names_of(page: FrontMatter) -> list[str]:
    addressees = page.fields.get("addressee", [])
    return other_parties([addressees] if isinstance(addressees, str) else addressees, [page.fields["author"]])


def check_places(known: CorrespondenceData, letters: list[FrontMatter]) -> None:
    """Each front-matter place is a place or a description; each description names places; each entry is used."""
    places_file, descriptions_file = known.data_dir / "places.yaml", known.data_dir / "place_descriptions.yaml"
    names = [place["name"] for place in known.places]
    refuse_entries(descriptions_file, (n for n, description in enumerate(known.descriptions, 1)
                                       if not set(description["places"]) <= set(names)),
                   f"it names a place that {places_file.name} does not list",
                   f"add the place to {places_file} (with its GeoNames id and the reason) or correct the name")
    texts = [description["text"] for description in known.descriptions]
    for page in letters:
        for field in PLACE_FIELDS:
            value = page.fields.get(field)
            if value and value not in names and value not in texts:
                raise SourceError(
                    page.path, field_line(page.text, field),
                    f"{field} {value!r} is neither a place of {places_file} nor a description of {descriptions_file}",
                    f"add the place to {places_file.name} (its GeoNames id, coordinates and the reason) or a "
                    f"description to {descriptions_file.name} (the places it stands for); or correct the value "
                    f"in the entry {page.fields['title']!r} of {known.data_dir / 'selections.yaml'}")
    values = {page.fields.get(field) for page in letters for field in PLACE_FIELDS}
    refuse_entries(descriptions_file, (n for n, text in enumerate(texts, 1) if text not in values),
                   "no letter's front matter has these words",
                   "write them as selections.yaml does, or remove the entry")
    described = {name for description in known.descriptions if description["text"] in values
                 for name in description["places"]}
    refuse_entries(places_file, (n for n, name in enumerate(names, 1) if name not in values | described),
                   "no letter is written or sent there, and no description stands for it",
                   "write the name as selections.yaml does, or remove the entry")


def check_events(known: CorrespondenceData, source_lines: list[str]) -> None:
    """Each event quotes the book at its line: the book's own words date it."""
    refuse_entries(known.data_dir / "events.yaml",
                   (n for n, event in enumerate(known.events, 1) if event["line"] > len(source_lines)
                    or event["quotation"] not in source_lines[event["line"] - 1]),
                   "the source's line does not have the quotation",
                   "quote the book's words exactly as the source line has them, or correct the line number")


def check_correspondents(known: CorrespondenceData, named: set[str], headwords: list[str]) -> None:
    """Each entry names front-matter names, and a Glossary headword if it gives one."""
    path = known.data_dir / "correspondents.yaml"
    refuse_entries(path, (n for n, entry in enumerate(known.correspondents, 1) if not set(entry["names"]) <= named),
                   "no selection's front matter (addressee, author) has one of its names",
                   "write each name exactly as selections.yaml does, or remove the entry")
    refuse_entries(path, (n for n, entry in enumerate(known.correspondents, 1)
                          if entry.get("headword") and entry["headword"] not in headwords),
                   "the Glossary has no entry with this headword", "write the headword as the Glossary prints it")


def correspondent_pages(known: CorrespondenceData, letters: list[FrontMatter]) -> list[dict]:
    """Everyone a letter names as its other party, once, with the front matter's names for them:
    by surname, as the register and the printed Index order names."""
    entries = {name: entry for entry in known.correspondents for name in entry["names"]}
    people: dict[str, dict] = {}
    for page in letters:
        for name in names_of(page):
            entry = entries.get(name)
            person = entry["name"] if entry else without_qualifier(name)[0]
            found = people.setdefault(person, {"name": person, "docname": f"{CORRESPONDENT_PAGES}/{slug(person)}",
                                               "names": [], "headword": entry.get("headword", "") if entry else ""})
            if name not in found["names"]:
                found["names"].append(name)
    clashes = [docname for docname, count in Counter(p["docname"] for p in people.values()).items() if count > 1]
    if clashes:
        raise SourceError(str(known.data_dir / "correspondents.yaml"), None,
                          f"two correspondents would have the same page {clashes[0]!r}",
                          "join them in one entry (names), or name them apart (name)")
    return sorted(people.values(), key=lambda person: sort_key(person["name"]))


def correspondent_page(person: dict) -> str:
    """A correspondent's page: their name, and the directive the build fills (letters, whereabouts)."""
    return f"# {person['name']}\n\n```{{correspondent}} {person['name']}\n```\n"


def index_page(people: list[dict], intro: str) -> str:
    """The Correspondents page: the list the build makes with each one's letters, and the pages in
    its toctree (hidden: the list is the contents), so that the EPUB and the PDF hold them after it."""
    entries = "\n".join(f"/{person['docname']}" for person in people)
    return (f"# Correspondents\n\n{intro}\n\n```{{correspondents}}\n```\n\n"
            f"```{{toctree}}\n:hidden:\n:maxdepth: 1\n\n{entries}\n```\n")


def correspondence_files(known: CorrespondenceData, letters: list[FrontMatter], headwords: list[str],
                         source_lines: list[str]) -> dict[str, str]:
    """The build data, the correspondents' pages and their index, after the checks."""
    check_places(known, letters)
    check_events(known, source_lines)
    check_correspondents(known, {name for page in letters for name in names_of(page)}, headwords)
    people = correspondent_pages(known, letters)
    data = {"places": known.places, "descriptions": known.descriptions,
            "events": sorted(known.events, key=lambda event: event["date"]), "correspondents": people}
    files = {CORRESPONDENCE: json_data(data),
             f"{CORRESPONDENTS_PAGE}.md": index_page(people, known.intro)}
    files.update({f"{person['docname']}.md": correspondent_page(person) for person in people})
    return files
