"""The timeline of the year: every dated selection on one axis, January 1928 to February 1929,
top to bottom (so that it reads on a phone without sideways scrolling), each mark shaped by its
kind and labelled with its number and correspondent, against the year's events as the book
dates them (tools/data/events.yaml), on the axis's other side.

Marks and labels that would overlap are moved down, with a leader to their date on the axis.
"""

from __future__ import annotations

import datetime
import textwrap
from collections.abc import Callable
from typing import NamedTuple
from xml.etree import ElementTree

from .data import Event, Letter, correspondent_names
from .svg import COLOURS, element, svg_root, text, titled


class Period(NamedTuple):
    """The days a timeline shows: from `start` up to, not including, `end`."""

    start: datetime.date
    end: datetime.date

    def holds(self, day: datetime.date) -> bool:
        return self.start <= day < self.end


YEAR = Period(datetime.date(1928, 1, 1), datetime.date(1929, 3, 1))
# The PDF's page is too short for the year at a readable size: it shows it in three parts.
PRINTED_PARTS = (Period(datetime.date(1928, 1, 1), datetime.date(1928, 5, 1)),
                 Period(datetime.date(1928, 5, 1), datetime.date(1928, 9, 1)),
                 Period(datetime.date(1928, 9, 1), datetime.date(1929, 3, 1)))
WIDTH, TOP, DAY = 380.0, 96.0, 3.1  # SVG units; the first day's y; units a day
AXIS, MARK, LABEL, EVENT_RIGHT = 152.0, 162.0, 172.0, 116.0
ROW, EVENT_LINE = 16.0, 12.5  # the least distance between two labels; an event label's line height
LABEL_CHARACTERS, EVENT_CHARACTERS = 30, 20
# The kinds of selection, grouped as the legend shows them, each with a shape that also reads in grey
KIND_GROUPS = (("letter", ("letter",), "circle"),
               ("circular letter", ("circular letter",), "diamond"),
               ("article, memorandum, theses, fragment", ("article", "memorandum", "theses", "fragment"), "square"),
               ("appeal, declaration, statement, message", ("appeal", "declaration", "statement", "message"),
                "triangle"),
               ("appendix (documents of others)", ("appendix", "document"), "cross"))


def day_of(iso: str) -> datetime.date:
    """The first day an ISO date, month or span names: '1928-05' -> May 1, 1928."""
    first = iso.split("/")[0]
    return datetime.date.fromisoformat(first if len(first) == 10 else first + "-01")


def last_day_of(iso: str) -> datetime.date:
    last = iso.split("/")[-1]
    return datetime.date.fromisoformat(last) if len(last) == 10 else day_of(last)


def y_of(day: datetime.date, period: Period) -> float:
    return round(TOP + (min(day, period.end) - period.start).days * DAY, 1)


def shape_of(kind: str) -> str:
    return next((shape for _, kinds, shape in KIND_GROUPS if kind in kinds), "circle")


def draw_shape(parent: ElementTree.Element, shape: str, x: float, y: float, hollow: bool) -> None:
    """A mark of 4.5 units' radius; hollow where the date is known only to the month."""
    fill = COLOURS["halo"] if hollow else COLOURS["letter"]
    paint = {"fill": fill, "stroke": COLOURS["letter"], "stroke_width": 1.5}
    css = "cm-dot cm-hollow" if hollow else "cm-dot"
    r = 4.5
    if shape == "circle":
        element(parent, "circle", css, cx=x, cy=y, r=r, **paint)
    elif shape == "square":
        element(parent, "rect", css, x=x - r + 0.5, y=y - r + 0.5, width=2 * r - 1, height=2 * r - 1, **paint)
    elif shape == "diamond":
        element(parent, "path", css, d=f"M{x:g},{y - r - 1:g}l{r + 1:g},{r + 1:g}l{-r - 1:g},{r + 1:g}"
                f"l{-r - 1:g},{-r - 1:g}z", **paint)
    elif shape == "triangle":
        element(parent, "path", css, d=f"M{x:g},{y - r - 1:g}l{r + 1:g},{2 * r:g}h{-2 * r - 2:g}z", **paint)
    else:
        element(parent, "path", "cm-cross", d=f"M{x - r:g},{y - r:g}l{2 * r:g},{2 * r:g}m0,{-2 * r:g}"
                f"l{-2 * r:g},{2 * r:g}", fill="none", stroke=COLOURS["letter"], stroke_width=2)


def short(words: str, length: int) -> str:
    return words if len(words) <= length else words[: length - 1].rstrip(" ,;(") + "…"


def mark_label(number: str, letter: Letter) -> str:
    """'6 · I.N. Smirnov', or the kind where no one is named: '7 · circular letter'."""
    named = correspondent_names(letter.selection)
    return f"{number} · " + short("; ".join(named) if named else letter.selection.kind, LABEL_CHARACTERS)


def spread(wanted: list[float], gap: float) -> list[float]:
    """Positions as near the wanted ones as the gap between labels allows, in order."""
    placed: list[float] = []
    for y in wanted:
        placed.append(max(y, placed[-1] + gap) if placed else y)
    return placed


def draw_axis(root: ElementTree.Element, height: float, period: Period) -> None:
    element(root, "path", "cm-axis", d=f"M{AXIS:g},{TOP - 6:g}V{height - 10:g}", stroke=COLOURS["ink"],
            stroke_width=1.2)
    month = period.start
    while month < period.end:
        y = y_of(month, period) - 7  # above the month's first day: a selection dated to the month stands there
        element(root, "path", "cm-grid", d=f"M{EVENT_RIGHT + 4:g},{y:g}H{WIDTH:g}", stroke=COLOURS["grid"],
                stroke_width=0.6)
        name = month.strftime("%b") + (f" {month.year}" if month.month == 1 or month == period.start else "")
        text(root, AXIS - 4, y + 11, name, "cm-month", 10, COLOURS["muted"], halo=False, text_anchor="end")
        month = datetime.date(month.year + month.month // 12, month.month % 12 + 1, 1)


def draw_events(root: ElementTree.Element, found: list[Event], period: Period) -> None:
    group = element(root, "g", "cm-events")
    lines = [textwrap.wrap(event.label, EVENT_CHARACTERS) for event in found]
    wanted = [y_of(day_of(event.date), period) for event in found]
    placed: list[float] = []
    bottom = float("-inf")  # the last line of the event above
    for y, wrapped in zip(wanted, lines, strict=True):
        placed.append(max(y, bottom + EVENT_LINE + 2))
        bottom = placed[-1] + EVENT_LINE * (len(wrapped) - 1)
    for event, wrapped, y, top in zip(found, lines, wanted, placed, strict=True):
        item = element(group, "g", "cm-event")
        titled(item, f"{event.label} ({event.date})")
        start, end = y_of(day_of(event.date), period), y_of(last_day_of(event.date), period)
        if end > start:  # a span of days: a bar beside the axis
            element(item, "rect", "cm-event-span", x=AXIS - 3, y=start, width=6, height=end - start,
                    fill=COLOURS["event"], fill_opacity=0.35)
        element(item, "path", "cm-event-tick", d=f"M{EVENT_RIGHT + 2:g},{top - 3:g}L{AXIS - 4:g},{y:g}",
                stroke=COLOURS["event"], stroke_width=0.8, fill="none")
        for number, line in enumerate(wrapped):
            text(item, EVENT_RIGHT, top + number * EVENT_LINE, line, "cm-event-label", 10.5, COLOURS["event"],
                 text_anchor="end", font_weight="bold" if number == 0 else "normal")


def draw_legend(root: ElementTree.Element) -> None:
    legend = element(root, "g", "cm-legend")
    for row, (label, _kinds, shape) in enumerate(KIND_GROUPS):
        y = 12 + row * 14
        draw_shape(legend, shape, 10, y, hollow=False)
        text(legend, 22, y + 4, label, "cm-legend-text", 10.5, halo=False)
    y = 12 + len(KIND_GROUPS) * 14
    draw_shape(legend, "circle", 10, y, hollow=True)
    text(legend, 22, y + 4, "hollow: dated to the month only; left of the axis: the year’s events",
         "cm-legend-text", 10.5, halo=False)


def timeline_svg(found: list[Letter], numbered: dict[str, str], events: tuple[Event, ...],
                 href: Callable[[str], str] | None, period: Period = YEAR) -> ElementTree.Element:
    """The timeline of a period; each mark a link to its selection where `href` gives addresses (the site)."""
    found = [letter for letter in found if period.holds(day_of(letter.selection.date_iso))]
    wanted = [y_of(day_of(letter.selection.date_iso), period) for letter in found]
    placed = spread(wanted, ROW)
    height = max(placed[-1] if placed else 0, y_of(period.end, period)) + 24
    root = svg_root(WIDTH, height, "Timeline of the selections, January 1928 – February 1929",
                    "cm-figure cm-timeline")
    titled(root, "Timeline: the selections by date and kind, and the year’s events (listed below)")
    draw_legend(root)
    draw_axis(root, height, period)
    draw_events(root, [event for event in events if period.holds(day_of(event.date))], period)
    for letter, y, label_y in zip(found, wanted, placed, strict=True):
        selection = letter.selection
        number = numbered.get(selection.docname, "")
        container = (element(root, "a", "cm-mark", href=href(selection.docname)) if href
                     else element(root, "g", "cm-mark"))
        titled(container, f"{number}. {selection.title} ({selection.date}, {selection.kind})")
        if label_y != y:
            element(container, "path", "cm-leader", d=f"M{AXIS:g},{y:g}L{MARK - 5:g},{label_y:g}",
                    stroke=COLOURS["grid"], stroke_width=0.8, fill="none")
        else:
            element(container, "path", "cm-leader", d=f"M{AXIS:g},{y:g}H{MARK - 5:g}", stroke=COLOURS["grid"],
                    stroke_width=0.8, fill="none")
        draw_shape(container, shape_of(selection.kind), MARK, label_y, hollow=len(selection.date_iso) == 7)
        text(container, LABEL, label_y + 4, mark_label(number, letter), "cm-label", 11.5, halo=False)
    return root
