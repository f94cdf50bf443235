"""SVG built with ElementTree, so that every text and attribute is escaped by the serialiser.

Each element gets its light colours as presentation attributes (what the EPUB's reading
systems and the PDF's converter draw) and a class, by which the site's stylesheet restyles it
for dark mode and shows keyboard focus (CSS wins over presentation attributes).
"""

from __future__ import annotations

import math
from xml.etree import ElementTree

SVG = "http://www.w3.org/2000/svg"
FONT = "FreeSerif, 'Times New Roman', serif"
# light palette: water, land, shore, rivers and their names, grid, letters, places, ink, the halo behind labels
COLOURS = {"water": "#d4e3ec", "land": "#f3efe4", "shore": "#8a7f68", "river": "#8fb3c9", "river_name": "#3f6a84",
           "grid": "#d9d3c4",
           "letter": "#9b2f1c", "route": "#2a2a2a", "place": "#9b2f1c", "home": "#1d3f6e",
           "ink": "#1a1a1a", "muted": "#4f4a40", "halo": "#ffffff", "event": "#1d3f6e"}

ElementTree.register_namespace("", SVG)


def element(parent: ElementTree.Element | None, tag: str, css: str = "",
            **attributes: str | float) -> ElementTree.Element:
    """An SVG element with its class; numbers written short ('12.5', not '12.500')."""
    values = {key.rstrip("_").replace("_", "-"): (f"{value:g}" if isinstance(value, float | int) else value)
              for key, value in attributes.items()}
    if css:
        values["class"] = css
    tag = f"{{{SVG}}}{tag}"
    return ElementTree.Element(tag, values) if parent is None else ElementTree.SubElement(parent, tag, values)


def text(parent: ElementTree.Element, x: float, y: float, words: str, css: str, size: float,
         colour: str = COLOURS["ink"], halo: bool = True, **attributes: str | float) -> ElementTree.Element:
    """A label; with a halo (a white copy behind it, hidden from screen readers) where it crosses lines."""
    if halo:
        behind = element(parent, "text", f"{css} cm-halo", x=x, y=y, font_size=size, font_family=FONT,
                         fill=COLOURS["halo"], stroke=COLOURS["halo"], stroke_width=3, stroke_linejoin="round",
                         aria_hidden="true", **attributes)
        behind.text = words
    label = element(parent, "text", css, x=x, y=y, font_size=size, font_family=FONT, fill=colour, **attributes)
    label.text = words
    return label


def dashed(points: list[tuple[float, float]], dash: float, gap: float) -> str:
    """Path data for a dashed line through these points, each dash a subpath of its own.

    Drawn as geometry rather than with `stroke-dasharray`, which the PDF's converter (MuPDF)
    ignores: so the site, the EPUB and the PDF draw the same dashes."""
    parts: list[str] = []
    drawn = 0.0  # how far into the current dash (< dash) or gap (>= dash) the line has come
    for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
        length = math.dist((x1, y1), (x2, y2))
        along = 0.0
        while along < length:
            step = min(length - along, (dash if drawn < dash else dash + gap) - drawn)
            if drawn < dash:
                start, end = along / length, (along + step) / length
                parts.append(f"M{x1 + (x2 - x1) * start:.1f},{y1 + (y2 - y1) * start:.1f}"
                             f"L{x1 + (x2 - x1) * end:.1f},{y1 + (y2 - y1) * end:.1f}")
            along += step
            drawn = (drawn + step) % (dash + gap)
    return "".join(parts)


def titled(parent: ElementTree.Element, words: str) -> None:
    """A <title>: the accessible name of a group or link, and a tooltip."""
    element(parent, "title").text = words


def svg_root(width: float, height: float, label: str, css: str) -> ElementTree.Element:
    root = element(None, "svg", css, viewBox=f"0 0 {width:g} {height:g}", width=width, height=height,
                   role="group", aria_label=label)
    return root


def serialise(root: ElementTree.Element) -> str:
    return ElementTree.tostring(root, encoding="unicode")


def standalone(root: ElementTree.Element) -> str:
    """The picture as a file of its own (EPUB, PDF): its links become plain groups (they would lead
    nowhere from an image, and the PDF's converter leaves out what is inside a link)."""
    for link in root.iter(f"{{{SVG}}}a"):
        link.tag = f"{{{SVG}}}g"
        link.attrib.pop("href", None)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + serialise(root) + "\n"
