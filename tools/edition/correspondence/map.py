"""The map of the correspondence: coastlines, seas, lakes and rivers (basemap.json, Natural
Earth), the places of the letters under the book's names with today's beside them, a line for
the letters between two places (thicker for more), the deportation as a dashed route, and a
legend below it (on the site, a list: `map_key`).

No borders are drawn, neither 1928's nor today's: those of today would be taken for 1928's.
Each place is a link to its entry in the text alternative (the places and their letters),
reachable by keyboard. On a phone the map is drawn at about half its size: the labels are set
larger there (correspondence.css) and those that would then run into another are left to the
list below the map (`cm-crowded`).
"""

from __future__ import annotations

import json
from collections import Counter
from functools import cache
from pathlib import Path
from xml.etree import ElementTree

from .data import Letter, Place
from .projection import Frame
from .svg import COLOURS, dashed, element, svg_root, text, titled

BASEMAP = Path(__file__).with_name("basemap.json")
HOME = "Alma-Ata"  # Trotsky's place of exile: the hub the letters leave from
# Where water bodies are labelled (longitude, latitude): presentation, not data of the book
WATER_LABELS = (("Black Sea", 37.0, 42.0), ("Caspian Sea", 50.0, 45.0), ("Aral Sea", 59.6, 43.4),
                ("Lake Balkhash", 74.5, 47.4), ("Lake Baikal", 101.5, 56.6))
# Where rivers are named (longitude, latitude: a point on the river, the label's middle), upright
# and small, as context; a phone leaves them out
RIVER_LABELS = (("Volga", 50.1, 53.2), ("Ural", 51.6, 48.0), ("Irtysh", 76.95, 52.3), ("Ob", 73.4, 61.25),
                ("Yenisei", 92.1, 58.45), ("Syr Darya", 65.5, 44.85), ("Amu Darya", 63.58, 39.08))
# A label set to the left of its mark where the right would run off the map or into a neighbour
LABEL_LEFT = {"Barnaul", "Kainsk", "Cherdyn", "Odessa", "Tyumen", "Kurgan"}
SCALE_KM = 1000
DASH = (6.0, 4.0)  # the deportation's dashes: drawn, then left out (SVG units)
# The labels' sizes on a phone (correspondence.css sets them): the map is drawn there at about
# 0.45 of its units, so 26 units read as about 12 pixels.
PHONE_LABEL, PHONE_WATER_LABEL = 26.0, 22.0
GLYPH_WIDTH = 0.6  # a bold serif letter's width, at most, in ems: for the labels' extent
# The legend: what each symbol is (drawn by `draw_symbol`), in rows of LEGEND_COLUMNS below the
# map (LEGEND_ROW units apart); the site shows it as a list instead.
LEGEND_COLUMNS, LEGEND_ROW = 3, 20.0
LEGEND = (("home", "Alma-Ata: Trotsky in exile"), ("place", "a letter’s place (size: letters)"),
          ("letter", "letters between two places"), ("route", "deportation, Jan.–Feb. 1929"),
          ("river", "rivers (no borders are drawn)"))


@cache
def basemap() -> dict:
    return json.loads(BASEMAP.read_text(encoding="utf-8"))


def frame() -> Frame:
    return Frame(*basemap()["frame"])


def count_noun(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def pairs(found: list[Letter]) -> Counter[tuple[str, str]]:
    """(written at, addressee's place) -> how many letters went between them."""
    return Counter((letter.written_at[0].name, letter.addressee_at[0].name) for letter in found
                   if len(letter.written_at) == 1 and letter.addressee_at
                   and letter.written_at[0] != letter.addressee_at[0])


def draw_background(root: ElementTree.Element, picture: Frame, crowded: set[str]) -> None:
    element(root, "rect", "cm-water", x=0, y=0, width=picture.width, height=picture.height, fill=COLOURS["water"])
    element(root, "path", "cm-land", d=basemap()["land"], fill=COLOURS["land"], fill_rule="evenodd",
            stroke=COLOURS["shore"], stroke_width=0.6)
    element(root, "path", "cm-river", d=basemap()["rivers"], fill="none", stroke=COLOURS["river"], stroke_width=0.7,
            stroke_linejoin="round")
    for lake in basemap()["lakes"]:
        element(root, "path", "cm-water cm-lake", d=lake["d"], fill=COLOURS["water"], stroke=COLOURS["shore"],
                stroke_width=0.6)
    element(root, "path", "cm-grid", d=basemap()["graticule"], fill="none", stroke=COLOURS["grid"],
            stroke_width=0.4)
    for name, longitude, latitude in WATER_LABELS:
        x, y = picture.place(longitude, latitude)
        text(root, x, y, name, "cm-water-label" + (" cm-crowded" if name in crowded else ""), 11, COLOURS["muted"],
             halo=False, text_anchor="middle", font_style="normal", letter_spacing=0.5)
    for name, longitude, latitude in RIVER_LABELS:
        x, y = picture.place(longitude, latitude)
        text(root, x, y - 2, name, "cm-river-label", 9.5, COLOURS["river_name"], halo=False, text_anchor="middle",
             font_style="normal", letter_spacing=0.3)


def curve(start: tuple[float, float], end: tuple[float, float]) -> str:
    """A gentle arc from start to end (straight lines would hide each other at Alma-Ata)."""
    (x1, y1), (x2, y2) = start, end
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    cx, cy = mx - (y2 - y1) * 0.12, my + (x2 - x1) * 0.12
    return f"M{x1:g},{y1:g}Q{cx:.1f},{cy:.1f} {x2:g},{y2:g}"


def draw_letters(root: ElementTree.Element, picture: Frame, found: list[Letter], places: dict[str, Place]) -> None:
    group = element(root, "g", "cm-letters", fill="none")
    for (source, target), count in sorted(pairs(found).items()):
        line = element(group, "path", "cm-letter", d=curve(picture.place(places[source].longitude,
                                                                          places[source].latitude),
                                                            picture.place(places[target].longitude,
                                                                          places[target].latitude)),
                       stroke=COLOURS["letter"], stroke_width=1.2 + count * 0.8, stroke_opacity=0.75)
        titled(line, f"{count_noun(count, 'letter')} from {source} to {target}")
    for letter in found:
        if letter.is_route:
            points = [picture.place(place.longitude, place.latitude) for place in letter.written_at]
            route = element(group, "path", "cm-route", d=dashed(points, *DASH), stroke=COLOURS["route"],
                            stroke_width=1.6)
            titled(route, "The deportation, January–February 1929: " + " – ".join(p.name for p in letter.written_at))
            break


def radius_of(place: Place, letters: list[Letter]) -> float:
    return 6.5 if place.name == HOME else 3.5 + min(len(letters), 4)


Box = tuple[float, float, float, float]  # left, top, right, bottom


def label_box(x: float, baseline: float, anchor: str, words: str, size: float) -> Box:
    """The extent of a label: wide enough for bold capitals."""
    width = GLYPH_WIDTH * size * len(words)
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return left, baseline - 0.8 * size, left + width, baseline + 0.25 * size


def overlap(one: Box, other: Box) -> bool:
    return one[0] < other[2] and other[0] < one[2] and one[1] < other[3] and other[1] < one[3]


def place_label(x: float, y: float, name: str, radius: float) -> tuple[float, float, str]:
    """Where a place's label starts (x, baseline) and how it is anchored."""
    return (x - radius - 4, y + 1, "end") if name in LABEL_LEFT else (x + radius + 4, y + 1, "start")


def crowded_on_a_phone(picture: Frame, by_place: dict[str, list[Letter]], places: dict[str, Place]) -> set[str]:
    """The labels a phone leaves out: those that, set at the phone's size, would run into a mark,
    the label of a place with more letters (Alma-Ata first), or off the map. Water labels yield
    to the places'."""
    kept: list[Box] = []
    wanted: list[tuple[str, Box]] = []
    for name in sorted(by_place, key=lambda name: (name != HOME, -len(by_place[name]), name)):
        x, y = picture.place(places[name].longitude, places[name].latitude)
        radius = radius_of(places[name], by_place[name])
        kept.append((x - radius, y - radius, x + radius, y + radius))
        wanted.append((name, label_box(*place_label(x, y, name, radius), name, PHONE_LABEL)))
    wanted += [(name, label_box(*picture.place(longitude, latitude), "middle", name, PHONE_WATER_LABEL))
               for name, longitude, latitude in WATER_LABELS]
    crowded = set()
    for name, box in wanted:
        inside = box[0] >= 0 and box[1] >= 0 and box[2] <= picture.width and box[3] <= picture.height
        if inside and not any(overlap(box, other) for other in kept):
            kept.append(box)
        else:
            crowded.add(name)
    return crowded


def draw_place(root: ElementTree.Element, picture: Frame, place: Place, letters: list[Letter],
               crowded: bool) -> None:
    x, y = picture.place(place.longitude, place.latitude)
    link = element(root, "a", "cm-mark", href=f"#{place.anchor}")
    titled(link, f"{place.label}: {count_noun(len(letters), 'letter')}")
    home = place.name == HOME
    radius = radius_of(place, letters)
    colour = COLOURS["home"] if home else COLOURS["place"]
    if home:
        element(link, "rect", "cm-dot cm-home", x=x - radius, y=y - radius, width=2 * radius, height=2 * radius,
                fill=colour, stroke=COLOURS["halo"], stroke_width=1.5)
    else:
        element(link, "circle", "cm-dot", cx=x, cy=y, r=radius, fill=colour, stroke=COLOURS["halo"],
                stroke_width=1.5)
    label_x, baseline, anchor = place_label(x, y, place.name, radius)
    text(link, label_x, baseline, place.name, "cm-label" + (" cm-crowded" if crowded else ""), 14 if home else 13,
         font_weight="bold", text_anchor=anchor)
    if place.today:
        text(link, label_x, baseline + 13, f"today {place.today}", "cm-today", 11, COLOURS["muted"],
             text_anchor=anchor)


def draw_symbol(parent: ElementTree.Element, kind: str, x: float, y: float) -> None:
    """A legend's symbol, 20 units wide from x, centred on y."""
    if kind == "home":
        element(parent, "rect", "cm-dot cm-home", x=x + 5, y=y - 5, width=10, height=10, fill=COLOURS["home"])
    elif kind == "place":
        element(parent, "circle", "cm-dot", cx=x + 10, cy=y, r=5, fill=COLOURS["place"])
    elif kind == "letter":
        element(parent, "path", "cm-letter", d=f"M{x:g},{y:g}h20", stroke=COLOURS["letter"], stroke_width=2)
    elif kind == "route":
        element(parent, "path", "cm-route", d=dashed([(x, y), (x + 20, y)], *DASH), stroke=COLOURS["route"],
                stroke_width=1.6)
    else:
        element(parent, "path", "cm-river", d=f"M{x:g},{y + 2:g}q5,-5 10,-2t10,-2", fill="none",
                stroke=COLOURS["river"], stroke_width=1.2)


def draw_legend(root: ElementTree.Element, picture: Frame) -> None:
    """The legend in a strip below the map, LEGEND_COLUMNS entries a row: nothing of the map under it."""
    legend = element(root, "g", "cm-legend")
    element(legend, "rect", "cm-legend-box", x=0, y=picture.height, width=picture.width, height=legend_height(),
            fill=COLOURS["halo"], stroke=COLOURS["grid"])
    column_width = picture.width / LEGEND_COLUMNS
    for number, (kind, words) in enumerate(LEGEND):
        row, column = divmod(number, LEGEND_COLUMNS)
        x, middle = 10 + column * column_width, picture.height + 15 + LEGEND_ROW * row
        draw_symbol(legend, kind, x, middle)
        text(legend, x + 26, middle + 4, words, "cm-legend-text", 11, halo=False)


def legend_height() -> float:
    return 8 + LEGEND_ROW * -(-len(LEGEND) // LEGEND_COLUMNS)


def map_key() -> list[tuple[ElementTree.Element, str]]:
    """The legend as a list for the site, readable at any width: each symbol as a small picture
    of its own (hidden from screen readers: the words say it), and its words."""
    key = []
    for kind, words in LEGEND:
        swatch = element(None, "svg", "cm-swatch", viewBox="0 -8 22 16", width=22, height=16, aria_hidden="true")
        draw_symbol(swatch, kind, 1, 0)
        key.append((swatch, words))
    return key


def draw_scale(root: ElementTree.Element, picture: Frame) -> None:
    """A scale bar in the south-east corner, east of the places: the projection keeps distances
    true along the meridians."""
    length = SCALE_KM * 1000 * picture.scale
    x, y = picture.width - length - 16, picture.height - 12
    element(root, "path", "cm-scale", d=f"M{x:g},{y - 5:g}v5h{length:.1f}v-5", fill="none", stroke=COLOURS["ink"],
            stroke_width=1.2)
    text(root, x + length / 2, y - 8, f"{SCALE_KM:,} km", "cm-legend-text cm-scale-text", 11, text_anchor="middle")


def map_svg(found: list[Letter], by_place: dict[str, list[Letter]], places: dict[str, Place],
            legend: bool = True) -> ElementTree.Element:
    """The map; with its legend below it, or without (the site lists the legend: `map_key`)."""
    picture = frame()
    height = picture.height + (legend_height() if legend else 0)
    root = svg_root(picture.width, height, "Map of the correspondence, 1928–29", "cm-figure cm-map")
    titled(root, "Map of the correspondence, 1928–29: where the letters were written and where their "
           "addressees were (the places are listed below the map)")
    crowded = crowded_on_a_phone(picture, by_place, places)
    draw_background(root, picture, crowded)
    draw_letters(root, picture, found, places)
    marks = element(root, "g", "cm-places")
    for name in sorted(by_place, key=lambda name: name == HOME):  # Alma-Ata last: on top
        draw_place(marks, picture, places[name], by_place[name], name in crowded)
    draw_scale(root, picture)
    if legend:
        draw_legend(root, picture)
    return root
