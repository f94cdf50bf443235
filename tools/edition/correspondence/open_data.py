"""`correspondence.json` at the root of the site: the places (with GeoNames ids and
coordinates), the year's events (with the book's words that date them) and the letters (who,
where, when), as open data (CC0, as cmif.xml), for a reader's own map or timeline."""

from __future__ import annotations

import json
from pathlib import Path

from sphinx.application import Sphinx

from ..exports.citation import page_url
from . import data, pages

FILE = "correspondence.json"
LICENCE = "https://creativecommons.org/publicdomain/zero/1.0/"


def place_record(place: data.Place) -> dict[str, object]:
    return {"name": place.name, "today": place.today or place.name, "country_today": place.country_today,
            "geonames": place.geonames_url, "latitude": place.latitude, "longitude": place.longitude}


def letter_record(app: Sphinx, letter: data.Letter) -> dict[str, object]:
    selection = letter.selection
    return {"title": selection.title, "date": selection.date_iso, "kind": selection.kind,
            "correspondents": data.correspondent_names(selection),
            "written_at": [place.name for place in letter.written_at],
            "addressee_at": [place.name for place in letter.addressee_at],
            "url": page_url(app, selection.docname) or f"{selection.docname}.html"}


def open_data(app: Sphinx) -> dict[str, object]:
    found = data.letters(app.env)
    used = data.letters_by_place(found)
    known = data.known(app.env)
    return {
        "title": "The Challenge of the Left Opposition (1928–29): places, events and letters",
        "licence": LICENCE,
        "places": [place_record(place) for name, place in known.places.items() if name in used],
        "events": [{"date": event.date, "label": event.label, "quotation": event.quotation,
                    "source_line": event.line} for event in known.events],
        "letters": [letter_record(app, letter) for letter in found],
    }


def write_open_data(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name != "html" or not any(
            pages.is_correspondence_page(app.env, docname) for docname in app.env.found_docs):
        return  # a book without the correspondence's pages (a test's small project) has no data for it
    text = json.dumps(open_data(app), ensure_ascii=False, indent=1) + "\n"
    (Path(app.outdir) / FILE).write_text(text, encoding="utf-8")
