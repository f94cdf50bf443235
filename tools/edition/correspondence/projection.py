"""The map's projection: an equidistant conic centred on the map (standard parallels 40° and
60° N, central meridian 68° E, half-way from Constantinople to Baikal), which keeps the
distances along each meridian true and shows the Soviet Union without the poleward stretching
of a world map.

Used twice, with the same numbers: by `make_basemap` for the coastlines (once, its output
committed) and at build time for the places. `Frame` turns projected metres into the SVG's
units, so that both land in the same picture.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

EARTH_RADIUS = 6_371_000.0  # metres, a sphere: ample at this scale
FIRST_PARALLEL, SECOND_PARALLEL, CENTRAL_MERIDIAN, ORIGIN_LATITUDE = 40.0, 60.0, 68.0, 50.0


def project(longitude: float, latitude: float) -> tuple[float, float]:
    """Degrees to metres east and north of the projection's origin."""
    phi1, phi2 = math.radians(FIRST_PARALLEL), math.radians(SECOND_PARALLEL)
    n = (math.cos(phi1) - math.cos(phi2)) / (phi2 - phi1)
    g = math.cos(phi1) / n + phi1
    rho = EARTH_RADIUS * (g - math.radians(latitude))
    rho0 = EARTH_RADIUS * (g - math.radians(ORIGIN_LATITUDE))
    theta = n * math.radians(longitude - CENTRAL_MERIDIAN)
    return rho * math.sin(theta), rho0 - rho * math.cos(theta)


@dataclass(frozen=True)
class Frame:
    """The map's rectangle in projected metres, drawn `width` SVG units wide (y downwards)."""

    west: float
    south: float
    east: float
    north: float
    width: float

    @property
    def scale(self) -> float:
        return self.width / (self.east - self.west)

    @property
    def height(self) -> float:
        return round((self.north - self.south) * self.scale, 1)

    def to_svg(self, x: float, y: float) -> tuple[float, float]:
        return round((x - self.west) * self.scale, 1), round((self.north - y) * self.scale, 1)

    def place(self, longitude: float, latitude: float) -> tuple[float, float]:
        return self.to_svg(*project(longitude, latitude))


def frame_around(corners: list[tuple[float, float]], width: float) -> Frame:
    """The smallest frame that holds these (longitude, latitude) points."""
    xs, ys = zip(*(project(lon, lat) for lon, lat in corners), strict=True)
    return Frame(min(xs), min(ys), max(xs), max(ys), width)
