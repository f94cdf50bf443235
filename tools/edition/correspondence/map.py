"""The map of the correspondence: coastlines, seas and lakes (basemap.json, Natural Earth), the
places of the letters under the book's names with today's beside them, a line for the letters
between two places (thicker for more), the deportation as a dashed route, and a legend.

No borders are drawn: those of today would not be 1928's. Each place is a link to its entry in
the text alternative (the places and their letters), reachable by keyboard.
"""

from __future__ import annotations

import json
from collections import Counter
from functools import cache
from pathlib import Path
from xml.etree import ElementTree

from .data import Letter, Place
from .projection import Frame
from .svg import COLOURS, element, svg_root, text, titled

BASEMAP = Path(__file__).with_name("basemap.json")
HOME = "Alma-Ata"  # Trotsky's place of exile: the hub the letters leave from
# Where water bodies are labelled (longitude, latitude): presentation, not data of the book
WATER_LABELS = (("Black Sea", 34.0, 43.3), ("Caspian Sea", 50.0, 45.0), ("Aral Sea", 59.6, 43.4),
                ("Lake Balkhash", 74.5, 47.4), ("Mediterranean", 29.5, 36.0))
# A label set to the left of its mark where the right would run off the map or into a neighbour
LABEL_LEFT = {"Barnaul", "Kainsk", "Cherdyn", "Odessa", "Tyumen"}
SCALE_KM = 1000


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


def draw_background(root: ElementTree.Element, picture: Frame) -> None:
    element(root, "rect", "cm-water", x=0, y=0, width=picture.width, height=picture.height, fill=COLOURS["water"])
    element(root, "path", "cm-land", d=basemap()["land"], fill=COLOURS["land"], fill_rule="evenodd",
            stroke=COLOURS["shore"], stroke_width=0.6)
    for lake in basemap()["lakes"]:
        element(root, "path", "cm-water cm-lake", d=lake["d"], fill=COLOURS["water"], stroke=COLOURS["shore"],
                stroke_width=0.6)
    element(root, "path", "cm-grid", d=basemap()["graticule"], fill="none", stroke=COLOURS["grid"],
            stroke_width=0.5, stroke_dasharray="2 3")
    for name, longitude, latitude in WATER_LABELS:
        x, y = picture.place(longitude, latitude)
        text(root, x, y, name, "cm-water-label", 11, COLOURS["muted"], halo=False, text_anchor="middle",
             font_style="normal", letter_spacing=0.5)


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
            route = element(group, "path", "cm-route", d="M" + "L".join(f"{x:g},{y:g}" for x, y in points),
                            stroke=COLOURS["route"], stroke_width=1.6, stroke_dasharray="6 4")
            titled(route, "The deportation, January–February 1929: " + " – ".join(p.name for p in letter.written_at))
            break


def draw_place(root: ElementTree.Element, picture: Frame, place: Place, letters: list[Letter]) -> None:
    x, y = picture.place(place.longitude, place.latitude)
    link = element(root, "a", "cm-mark", href=f"#{place.anchor}")
    titled(link, f"{place.label}: {count_noun(len(letters), 'letter')}")
    home = place.name == HOME
    radius = 6.5 if home else 3.5 + min(len(letters), 4)
    colour = COLOURS["home"] if home else COLOURS["place"]
    if home:
        element(link, "rect", "cm-dot cm-home", x=x - radius, y=y - radius, width=2 * radius, height=2 * radius,
                fill=colour, stroke=COLOURS["halo"], stroke_width=1.5)
    else:
        element(link, "circle", "cm-dot", cx=x, cy=y, r=radius, fill=colour, stroke=COLOURS["halo"],
                stroke_width=1.5)
    left = place.name in LABEL_LEFT
    anchor, dx = ("end", -radius - 4) if left else ("start", radius + 4)
    text(link, x + dx, y + 1, place.name, "cm-label", 14 if home else 13, font_weight="bold", text_anchor=anchor)
    if place.today:
        text(link, x + dx, y + 14, f"today {place.today}", "cm-today", 11, COLOURS["muted"], text_anchor=anchor)


def draw_legend(root: ElementTree.Element, picture: Frame) -> None:
    legend = element(root, "g", "cm-legend")
    x, y = 12, picture.height - 92
    element(legend, "rect", "cm-legend-box", x=x, y=y, width=228, height=84, fill=COLOURS["halo"],
            fill_opacity=0.85, stroke=COLOURS["grid"])
    element(legend, "rect", "cm-dot cm-home", x=x + 10, y=y + 9, width=10, height=10, fill=COLOURS["home"])
    text(legend, x + 28, y + 18, "Alma-Ata: Trotsky in exile", "cm-legend-text", 11, halo=False)
    element(legend, "circle", "cm-dot", cx=x + 15, cy=y + 32, r=5, fill=COLOURS["place"])
    text(legend, x + 28, y + 36, "a letter’s place (size: letters)", "cm-legend-text", 11, halo=False)
    element(legend, "path", "cm-letter", d=f"M{x + 6},{y + 50}h20", stroke=COLOURS["letter"], stroke_width=2)
    text(legend, x + 28, y + 54, "letters between two places", "cm-legend-text", 11, halo=False)
    element(legend, "path", "cm-route", d=f"M{x + 6},{y + 68}h20", stroke=COLOURS["route"], stroke_width=1.6,
            stroke_dasharray="6 4")
    text(legend, x + 28, y + 72, "deportation, Jan.–Feb. 1929", "cm-legend-text", 11, halo=False)


def draw_scale(root: ElementTree.Element, picture: Frame) -> None:
    """A scale bar: the projection keeps distances true along the meridians."""
    length = SCALE_KM * 1000 * picture.scale
    x, y = picture.width - length - 16, picture.height - 16
    element(root, "path", "cm-scale", d=f"M{x:g},{y - 5:g}v5h{length:.1f}v-5", fill="none", stroke=COLOURS["ink"],
            stroke_width=1.2)
    text(root, x + length / 2, y - 8, f"{SCALE_KM:,} km", "cm-legend-text", 11, text_anchor="middle")


def map_svg(found: list[Letter], by_place: dict[str, list[Letter]], places: dict[str, Place]) -> ElementTree.Element:
    picture = frame()
    root = svg_root(picture.width, picture.height, "Map of the correspondence, 1928–29", "cm-figure cm-map")
    titled(root, "Map of the correspondence, 1928–29: where the letters were written and where their "
           "addressees were (the places are listed below the map)")
    draw_background(root, picture)
    draw_letters(root, picture, found, places)
    marks = element(root, "g", "cm-places")
    for name in sorted(by_place, key=lambda name: name == HOME):  # Alma-Ata last: on top
        draw_place(marks, picture, places[name], by_place[name])
    draw_legend(root, picture)
    draw_scale(root, picture)
    return root
