"""Write `basemap.json`, the map's coastlines, seas and lakes, projected and simplified.

Run once, by hand, when the map's frame or projection changes; its output is committed, so a
build needs neither Node nor the shape files. The shapes are Natural Earth's (public domain):

- land (coastlines; the Caspian is a sea in it): the npm package `world-atlas` 2.0.2,
  `land-50m.json` (TopoJSON): `npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz`;
- lakes (Aral, Balkhash, Ladoga, Onega): Natural Earth's `ne_110m_lakes` shape file, as the
  PyPI package cartopy ships it (`cartopy/tests/lakes_shapefile/`):
  `pip download cartopy==0.26.0 --no-deps && unzip cartopy-*.whl 'cartopy/tests/lakes_shapefile/*'`.

Then, with `pip install shapely pyshp` in any environment:

    python -m tools.edition.correspondence.make_basemap package/land-50m.json \
        cartopy/tests/lakes_shapefile/ne_110m_lakes
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import shapefile  # pyshp
import shapely
from shapely import geometry, ops

from .projection import Frame, project

OUTPUT = Path(__file__).with_name("basemap.json")
# The exile from Constantinople to Barnaul, Samarkand to Ust-Kulom, with a margin.
FRAME_CORNERS = [(25.0, 37.0), (90.0, 37.0), (25.0, 64.0), (90.0, 64.0), (57.0, 35.5), (57.0, 65.0)]
WIDTH = 800.0
TOLERANCE = 0.7  # SVG units: about a pixel where the map is shown full width
# Longitudes and latitudes near the frame: land beyond it would wrap round the cone.
REGION = geometry.box(5, 25, 115, 75)
LAKES = {"Aral Sea", "Lake Balkhash", "Lake Ladoga", "Lake Onega", "Lake Baikal"}


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """TopoJSON's quantised, delta-encoded arcs as (longitude, latitude) points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def land(path: Path) -> geometry.base.BaseGeometry:
    topology = json.loads(path.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    polygons = []
    for shape in topology["objects"]["land"]["geometries"]:
        groups = shape["arcs"] if shape["type"] == "MultiPolygon" else [shape["arcs"]]
        for rings in groups:
            outer, *holes = (ring(arcs, r) for r in rings)
            polygon = geometry.Polygon(outer, holes)
            if polygon.intersects(REGION):  # far-off land (Antarctica's seam) is left out
                polygons.append(polygon.buffer(0).intersection(REGION))
    return ops.unary_union(polygons)


def projected(shape: geometry.base.BaseGeometry, frame: Frame) -> geometry.base.BaseGeometry:
    flipped = shapely.transform(shape, lambda points: [frame.to_svg(*project(lon, lat)) for lon, lat in points])
    if flipped.geom_type.endswith("Polygon"):
        flipped = flipped.buffer(0)  # rounding to a tenth of a unit can make a ring touch itself
    clip = geometry.box(0, 0, frame.width, frame.height)
    return flipped.intersection(clip).simplify(TOLERANCE, preserve_topology=True)


def path_data(shape: geometry.base.BaseGeometry) -> str:
    """An SVG path: each ring a subpath, holes included (drawn with fill-rule evenodd)."""
    polygons = getattr(shape, "geoms", [shape])
    parts = []
    for polygon in polygons:
        if polygon.is_empty or polygon.geom_type != "Polygon":
            continue
        for line in [polygon.exterior, *polygon.interiors]:
            coordinates = list(line.coords)[:-1]
            parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in coordinates) + "Z")
    return "".join(parts)


def graticule(frame: Frame) -> str:
    """Meridians every 10° and parallels every 10°, the only lines the map draws besides shores."""
    lines = [geometry.LineString([(lon, lat / 2) for lat in range(60, 151)]) for lon in range(20, 101, 10)]
    lines += [geometry.LineString([(lon / 2, lat) for lon in range(30, 211)]) for lat in range(30, 71, 10)]
    parts = []
    for line in lines:
        shape = projected(line, frame)
        for piece in getattr(shape, "geoms", [shape]):
            if not piece.is_empty:
                parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in piece.coords))
    return "".join(parts)


def lakes(path: Path, frame: Frame) -> list[dict[str, str]]:
    found = []
    reader = shapefile.Reader(str(path))
    for shape, record in zip(reader.shapes(), reader.records(), strict=True):
        name = " ".join(record["name"].split())  # the file breaks names for labels: 'Lake\rBaikal'
        if name in LAKES:
            drawn = projected(geometry.shape(shape.__geo_interface__), frame)
            if not drawn.is_empty:
                found.append({"name": name, "d": path_data(drawn)})
    return found


def main(land_path: str, lakes_path: str) -> None:
    from .projection import frame_around

    frame = frame_around(FRAME_CORNERS, WIDTH)
    data = {
        "source": "Natural Earth (public domain): world-atlas 2.0.2 land-50m; ne_110m_lakes",
        "frame": [frame.west, frame.south, frame.east, frame.north, frame.width],
        "land": path_data(projected(land(Path(land_path)), frame)),
        "lakes": lakes(Path(lakes_path), frame),
        "graticule": graticule(frame),
    }
    OUTPUT.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:])
