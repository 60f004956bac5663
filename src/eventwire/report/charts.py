"""The report's pictures as SVG, drawn here so a report needs no tile server and no browser:
a map of incidents over Natural Earth country borders (the ``world-atlas`` TopoJSON the
dashboard also serves, bundled in the package) and a timeline of incidents and fatalities."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib import resources
from typing import Any

from ..analyze import Point
from ..store.incident_views import IncidentView

BORDERS = ("web", "assets", "vendor", "world-atlas", "countries-50m.json")
# one colour per PLOVER type family, readable on white and in greyscale print
TYPE_COLOURS = {
    "ASSAULT": "#c0392b", "COERCE": "#d35400", "PROTEST": "#2874a6", "MOBILIZE": "#7d3c98",
    "THREATEN": "#b7950b", "SANCTION": "#6c3483", "AGREE": "#1e8449", "CONSULT": "#17a589",
    "ACCUSE": "#a04000", "REJECT": "#873600", "REQUEST": "#5499c7", "SUPPORT": "#52be80",
    "AID": "#229954", "COOPERATE": "#148f77", "CONCEDE": "#7fb3d5", "RETREAT": "#85929e",
}  # fmt: skip
OTHER_COLOUR = "#566573"


def colour(event_type: str) -> str:
    return TYPE_COLOURS.get(event_type, OTHER_COLOUR)


# ---------------------------------------------------------------------------------------------
# country borders


@cache
def _topology() -> dict[str, Any]:
    path = resources.files("eventwire").joinpath(*BORDERS)
    return json.loads(path.read_text(encoding="utf-8"))


def _arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Decode the quantized, delta-encoded arcs to lon/lat."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    ring: list[tuple[float, float]] = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points[1:] if ring else points)
    return ring


@dataclass(frozen=True)
class Country:
    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]


@cache
def countries() -> tuple[Country, ...]:
    """Every country as outer and inner rings of lon/lat points."""
    topology = _topology()
    arcs = _arcs(topology)
    found = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs") or []
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        rings = tuple(tuple(_ring(arcs, ring)) for polygon in polygons for ring in polygon)
        found.append(Country((geometry.get("properties") or {}).get("name", ""), rings))
    return tuple(found)


# ---------------------------------------------------------------------------------------------
# the map


@dataclass(frozen=True)
class View:
    """An equirectangular view: lon/lat to SVG pixels, squeezed by cos(latitude) so that
    shapes near the view's middle keep their proportions."""

    west: float
    south: float
    east: float
    north: float
    width: int = 760
    height: int = 470

    @property
    def scale(self) -> float:
        squeeze = math.cos(math.radians((self.south + self.north) / 2))
        return min(self.width / ((self.east - self.west) * squeeze),
                   self.height / (self.north - self.south))

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        squeeze = math.cos(math.radians((self.south + self.north) / 2))
        k = self.scale
        x_span = (self.east - self.west) * squeeze * k
        y_span = (self.north - self.south) * k
        x = (self.width - x_span) / 2 + (lon - self.west) * squeeze * k
        y = (self.height - y_span) / 2 + (self.north - lat) * k
        return round(x, 1), round(y, 1)


def view_for(points: list[tuple[float, float]], *, min_span: float = 6.0) -> View:
    """A view around lon/lat points with a margin, never narrower than ``min_span`` degrees."""
    if not points:
        return View(-180.0, -60.0, 180.0, 80.0)
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    lon_mid, lat_mid = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
    lon_span = max(max(lons) - min(lons), min_span) * 1.3
    lat_span = max(max(lats) - min(lats), min_span * 0.6) * 1.3
    return View(max(lon_mid - lon_span / 2, -180.0), max(lat_mid - lat_span / 2, -85.0),
                min(lon_mid + lon_span / 2, 180.0), min(lat_mid + lat_span / 2, 85.0))


def _path(view: View, ring: tuple[tuple[float, float], ...]) -> str:
    out = []
    for i, (lon, lat) in enumerate(ring):
        x, y = view.xy(lon, lat)
        out.append(f"{'M' if i == 0 else 'L'}{x} {y}")
    return "".join(out) + "Z"


def _visible(view: View, ring: tuple[tuple[float, float], ...]) -> bool:
    lons = [p[0] for p in ring]
    lats = [p[1] for p in ring]
    return not (max(lons) < view.west or min(lons) > view.east or max(lats) < view.south
                or min(lats) > view.north)


def marker_radius(killed: int) -> float:
    return round(5.0 + 2.6 * math.sqrt(max(killed, 0)), 1)


def map_svg(incidents: list[IncidentView], *, labels: int = 8) -> str:
    """The incidents with a point, as circles (colour by type, area by killed) over the borders
    of the countries in view; the ``labels`` largest are named."""
    located = [v for v in incidents if v.lat is not None and v.lon is not None]
    # a country's centroid (precision 3) says only "somewhere in it": it is drawn, but the
    # view is fitted to the places the text names where there are any
    named = [v for v in located if (v.precision or 3) < 3] or located
    view = view_for([(v.lon, v.lat) for v in named])  # type: ignore[misc]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="map" viewBox="0 0 {view.width} '
             f'{view.height}" width="{view.width}" height="{view.height}" role="img" '
             f'aria-label="map of incidents">',
             f'<rect width="{view.width}" height="{view.height}" fill="#dbe9f4"/>']
    names = []
    for country in countries():
        rings = [r for r in country.rings if len(r) > 2 and _visible(view, r)]
        if not rings:
            continue
        d = " ".join(_path(view, r) for r in rings)
        parts.append(f'<path d="{d}" fill="#f7f4ec" stroke="#9a9a9a" stroke-width="0.6" '
                     f'fill-rule="evenodd"><title>{escape(country.name)}</title></path>')
        biggest = max(rings, key=len)
        xs, ys = zip(*(view.xy(lon, lat) for lon, lat in biggest), strict=True)
        wide = max(xs) - min(xs)
        x, y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        # name a country only where it is wide enough on the map to hold its name
        if wide > 7.5 * len(country.name) and 0 < x < view.width and 0 < y < view.height:
            names.append((country.name, round(x, 1), round(y, 1)))
    for name, x, y in names:
        parts.append(f'<text x="{x}" y="{y}" class="country" text-anchor="middle" '
                     f'font-size="13" fill="#8a8275" font-style="italic">{escape(name)}</text>')
    order = sorted(located, key=lambda v: -v.killed)  # small markers drawn on top
    for view_ in reversed(order):
        x, y = view.xy(view_.lon, view_.lat)  # type: ignore[arg-type]
        title = (f"{view_.place}: {view_.type}, {view_.day:%d %b %Y}, {view_.killed} killed, "
                 f"{view_.injured} injured, {len(view_.outlets)} sources")
        parts.append(
            f'<circle class="marker" cx="{x}" cy="{y}" r="{marker_radius(view_.killed)}" '
            f'fill="{colour(view_.type)}" fill-opacity="0.75" stroke="#fff" stroke-width="1.2" '
            f'data-lat="{view_.lat}" data-lon="{view_.lon}" '
            f'data-place="{escape(view_.place or "")}" data-killed="{view_.killed}" '
            f'data-precision="{view_.precision or 3}">'
            f'<title>{escape(title)}</title></circle>')
    placed: list[tuple[float, float]] = []
    for view_ in order[:labels]:
        x, y = view.xy(view_.lon, view_.lat)  # type: ignore[arg-type]
        if any(abs(x - px) < 60 and abs(y - py) < 14 for px, py in placed):
            continue
        placed.append((x, y))
        r = marker_radius(view_.killed)
        label = escape(view_.place or "")
        # a white halo under the name, then the name: readable over borders and markers
        # (drawn twice because not every renderer knows paint-order)
        parts.append(f'<text x="{x + r + 3}" y="{y + 4}" font-size="12" fill="#fff" '
                     f'stroke="#fff" stroke-width="3.5">{label}</text>'
                     f'<text x="{x + r + 3}" y="{y + 4}" font-size="12" fill="#1d1d1d">{label}'
                     '</text>')
    parts.append(_legend(view, located))
    parts.append("</svg>")
    return "".join(parts)


def _legend(view: View, located: list[IncidentView]) -> str:
    types = list(dict.fromkeys(v.type for v in located))[:6]
    rows = [f'<g class="legend" transform="translate(10,{view.height - 22 - 18 * len(types)})">',
            f'<rect x="-4" y="-14" width="150" height="{18 * len(types) + 28}" fill="#fff" '
            'fill-opacity="0.85" rx="4"/>']
    for i, t in enumerate(types):
        rows.append(f'<circle cx="6" cy="{18 * i - 4}" r="6" fill="{colour(t)}"/>'
                    f'<text x="18" y="{18 * i}" font-size="12">{escape(t.lower())}</text>')
    rows.append(f'<text x="0" y="{18 * len(types) + 6}" font-size="11" fill="#555">'
                'circle area: people killed</text></g>')
    return "".join(rows)


# ---------------------------------------------------------------------------------------------
# the timeline


def timeline_svg(points: list[Point], interval: str, *, width: int = 760, height: int = 240) -> str:
    """Bars of incidents per period, a line of people killed on its own axis."""
    left, right, top, bottom = 44, 44, 16, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    n = max(len(points), 1)
    max_count = max([p.incidents for p in points] + [1])
    max_killed = max([p.killed for p in points] + [1])
    step = plot_w / n
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 {width} '
             f'{height}" width="{width}" height="{height}" role="img" '
             f'aria-label="incidents and fatalities per {interval}">']
    for frac in (0, 0.5, 1):
        y = top + plot_h * (1 - frac)
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y}" y2="{y}" stroke="#e3e3e3"/>'
                     f'<text x="{left - 6}" y="{y + 4}" font-size="11" text-anchor="end" '
                     f'fill="#2874a6">{round(max_count * frac)}</text>'
                     f'<text x="{width - right + 6}" y="{y + 4}" font-size="11" '
                     f'fill="#c0392b">{round(max_killed * frac)}</text>')
    line = []
    label_every = max(1, math.ceil(n / 8))
    for i, p in enumerate(points):
        h = plot_h * p.incidents / max_count
        x = left + i * step
        parts.append(f'<rect class="bar" x="{x + step * 0.15:.1f}" y="{top + plot_h - h:.1f}" '
                     f'width="{step * 0.7:.1f}" height="{h:.1f}" fill="#7fb3d5" '
                     f'data-period="{p.period}" data-incidents="{p.incidents}">'
                     f'<title>{p.period}: {p.incidents} incidents, {p.killed} killed</title>'
                     '</rect>')
        line.append(f"{x + step / 2:.1f},{top + plot_h * (1 - p.killed / max_killed):.1f}")
        if i % label_every == 0:
            parts.append(f'<text x="{x + step / 2:.1f}" y="{height - bottom + 16}" font-size="11" '
                         f'text-anchor="middle" fill="#444">{p.period:%d %b}</text>')
    if line:
        parts.append(f'<polyline class="killed" points="{" ".join(line)}" fill="none" '
                     'stroke="#c0392b" stroke-width="2"/>')
    parts.append(f'<text x="{left}" y="{height - 6}" font-size="11" fill="#2874a6">■ incidents '
                 f'per {interval}</text><text x="{left + 170}" y="{height - 6}" font-size="11" '
                 'fill="#c0392b">— people killed</text></svg>')
    return "".join(parts)


def type_bars(rows: list[tuple[str, int, int]]) -> Iterator[tuple[str, str, int, int, float]]:
    """(type, colour, incidents, killed, share of the largest) for the by-type table."""
    top = max([r[1] for r in rows] + [1])
    for event_type, count, killed in rows:
        yield event_type, colour(event_type), count, killed, count / top
