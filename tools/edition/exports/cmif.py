"""Correspondence metadata in CMIF (TEI `correspDesc`), so the letters can be found in
correspondence catalogues such as correspSearch. Places carry their GeoNames address
(`<placeName ref="https://www.geonames.org/…">`, from tools/data/places.yaml).

Written to `cmif.xml` at the root of the site, generated from the selections' front matter
(sender, addressee, place and date of each letter), never by hand. Addresses are absolute
where `html_baseurl` is set (the published site), relative otherwise.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from sphinx.application import Sphinx

from ..correspondence import data
from ..formats.escaping import without_control_characters
from ..selections import SelectionData, selections
from .citation import BOOK, author_names, page_url, site_url

TEI = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
FILE = "cmif.xml"
LETTER_KINDS = {"letter", "circular letter", "message", "appeal", "declaration", "statement"}
LICENCE = "https://creativecommons.org/publicdomain/zero/1.0/"


def is_correspondence(selection: SelectionData) -> bool:
    return selection.part == "text" and (selection.kind in LETTER_KINDS or bool(selection.addressees))


def date_attributes(date_iso: str) -> dict[str, str]:
    """'1928-03-17' -> when; '1929-02-07/1929-02-08' -> notBefore/notAfter."""
    first, _, last = date_iso.partition("/")
    return {"notBefore": first, "notAfter": last} if last else {"when": first}


def sub(parent: ElementTree.Element, tag: str, text: str = "", **attributes: str) -> ElementTree.Element:
    """An element; its text and attributes without control characters, which XML cannot hold
    (ElementTree escapes the rest)."""
    element = ElementTree.SubElement(parent, f"{{{TEI}}}{tag}",
                                     {name: without_control_characters(value) for name, value in attributes.items()})
    element.text = without_control_characters(text) or None
    return element


def place_name(app: Sphinx, action: ElementTree.Element, place: str) -> None:
    """A place with its GeoNames id (tools/data/places.yaml, as the importer wrote it for the
    build), as correspSearch expects it; a project without the correspondence's data has none."""
    ref = data.known(app.env).geonames_of(place) if data.has_data(app.env) else None
    sub(action, "placeName", place, **({"ref": ref} if ref else {}))


def correspondence(app: Sphinx, profile: ElementTree.Element, selection: SelectionData) -> None:
    letter = sub(profile, "correspDesc", ref=page_url(app, selection.docname) or f"{selection.docname}.html",
                 source="#edition")
    sent = sub(letter, "correspAction", type="sent")
    sub(sent, "persName", "; ".join(author_names(selection)) or BOOK.author)
    if selection.written_at:
        place_name(app, sent, selection.written_at)
    if selection.date_iso:
        sub(sent, "date", **date_attributes(selection.date_iso))
    received = sub(letter, "correspAction", type="received")
    for addressee in selection.addressees or ("unknown",):
        sub(received, "persName", addressee)
    if selection.addressee_place:
        place_name(app, received, selection.addressee_place)


def cmif(app: Sphinx, found: list[SelectionData], date: str) -> str:
    ElementTree.register_namespace("", TEI)
    tei = ElementTree.Element(f"{{{TEI}}}TEI")
    file_description = sub(sub(tei, "teiHeader"), "fileDesc")
    title = sub(file_description, "titleStmt")
    sub(title, "title", f"Letters of {BOOK.author} in {BOOK.title}")
    sub(title, "editor", f"{BOOK.editor} (print edition); the digital edition’s editors")
    publication = sub(file_description, "publicationStmt")
    sub(publication, "publisher", "The Challenge of the Left Opposition (1928–29): digital edition")
    sub(publication, "idno", site_url(app, FILE) or FILE, type="url")
    sub(publication, "date", when=date)
    sub(sub(publication, "availability"), "licence", "This metadata is released under CC0.", target=LICENCE)
    bibl = sub(sub(file_description, "sourceDesc"), "bibl",
               f"{BOOK.author}, {BOOK.title}, ed. {BOOK.editor} ({BOOK.place}: "
               f"{BOOK.publisher}, {BOOK.year})", type="print")
    bibl.set(XML_ID, "edition")
    profile = sub(tei.find(f"{{{TEI}}}teiHeader"), "profileDesc")
    for selection in found:
        if is_correspondence(selection):
            correspondence(app, profile, selection)
    sub(sub(tei, "text"), "body").append(ElementTree.Element(f"{{{TEI}}}p"))
    ElementTree.indent(tei)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(tei, encoding="unicode") + "\n"


def write_cmif(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name != "html":
        return
    date = app.config.edition_date[:10]
    (Path(app.outdir) / FILE).write_text(cmif(app, selections(app.env), date), encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("tools.edition.config")  # edition_date
    app.connect("build-finished", write_cmif)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
