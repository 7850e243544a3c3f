"""Thumbnails: a drawing's sections, GA areas, tables, booths and seats as a picture, in SVG or
rasterised to a PNG (what the real API serves; the SDK tests look for the PNG signature).

A seat is a dot in its category's colour, a table a grey disc or box, a GA area an ellipse, box or
polygon in its category's colour, a section its outline filled pale; floors stand side by side.
The picture keeps the drawing's proportions inside THUMBNAIL_SIZE pixels.
"""

from __future__ import annotations

import math
import re
import struct
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

THUMBNAIL_SIZE = 400  # the longer side, in pixels
SEAT_RADIUS = 5.0  # drawing units: the designer draws seats about ten units across
MARGIN = 10.0
WHITE = (255, 255, 255)
GREY = (150, 150, 150)
PALE = (236, 236, 240)
_COLOUR = re.compile(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")

Point = tuple[float, float]
Colour = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class Shape:
    """A disc or ellipse (``radii``), or a polygon (``points``), filled with ``colour``."""

    colour: Colour
    centre: Point = (0.0, 0.0)
    radii: Point | None = None
    points: tuple[Point, ...] = ()

    def bounds(self) -> tuple[float, float, float, float]:
        if self.radii is not None:
            (x, y), (rx, ry) = self.centre, self.radii
            return x - rx, y - ry, x + rx, y + ry
        xs = [p[0] for p in self.points]
        ys = [p[1] for p in self.points]
        return min(xs), min(ys), max(xs), max(ys)


@dataclass(slots=True)
class Picture:
    shapes: list[Shape] = field(default_factory=list)

    def bounds(self) -> tuple[float, float, float, float]:
        if not self.shapes:
            return 0.0, 0.0, 400.0, 300.0
        boxes = [shape.bounds() for shape in self.shapes]
        return (
            min(b[0] for b in boxes) - MARGIN,
            min(b[1] for b in boxes) - MARGIN,
            max(b[2] for b in boxes) + MARGIN,
            max(b[3] for b in boxes) + MARGIN,
        )


def picture(drawing: Mapping[str, Any]) -> Picture:
    """The shapes of a drawing the parser accepted (fakesaas/seatsio/domain/drawing.py)."""
    colours = _colours(drawing.get("categories"))
    found = Picture()
    floors = drawing.get("subChartFloors")
    if isinstance(floors, list):
        shift = 0.0
        for floor in floors:
            if isinstance(floor, Mapping):
                before = len(found.shapes)
                _sub_chart(found, floor, (shift, 0.0), colours, None)
                added = found.shapes[before:]
                if added:
                    shift = max(shape.bounds()[2] for shape in added) + 4 * MARGIN
    elif isinstance(drawing.get("subChart"), Mapping):
        _sub_chart(found, drawing["subChart"], (0.0, 0.0), colours, None)
    return found


def _sub_chart(
    found: Picture, sub: Mapping[str, Any], offset: Point, colours: Mapping[str, Colour], key: Any
) -> None:
    for section in _items(sub.get("sections")):
        points = tuple(_moved(p, offset) for p in _points(section.get("points")))
        if len(points) >= 3:
            found.shapes.append(Shape(PALE, points=points))
        corner = _point(section.get("topLeft")) or (0.0, 0.0)
        inner = (offset[0] + corner[0], offset[1] + corner[1])
        if isinstance(section.get("subChart"), Mapping):
            _sub_chart(found, section["subChart"], inner, colours, section.get("categoryKey", key))
    for area in _items(sub.get("generalAdmissionAreas")):
        colour = colours.get(str(area.get("categoryKey", key)), GREY)
        found.shapes.extend(_area(area, offset, colour))
    for table in _items(sub.get("tables")):
        centre = _point(table.get("center"))
        if centre is not None:
            centre = _moved(centre, offset)
            sized = _number(table.get("width")) and _number(table.get("height"))
            if table.get("type") == "rectangle" and sized:
                half = (float(table["width"]) / 2, float(table["height"]) / 2)
                found.shapes.append(_box(centre, half, GREY))
            else:
                radius = float(table["radius"]) if _number(table.get("radius")) else 2 * SEAT_RADIUS
                found.shapes.append(Shape(GREY, centre, (radius, radius)))
        for seat in _items(table.get("seats")):
            found.shapes.extend(_seat(seat, offset, colours, table.get("categoryKey", key)))
    for row in _items(sub.get("rows")):
        for seat in _items(row.get("seats")):
            found.shapes.extend(_seat(seat, offset, colours, row.get("categoryKey", key)))
    for booth in _items(sub.get("booths")):
        at = _point(booth) or (0.0, 0.0)
        colour = colours.get(str(booth.get("categoryKey", key)), GREY)
        width = float(booth["width"]) if _number(booth.get("width")) else 4 * SEAT_RADIUS
        height = float(booth["height"]) if _number(booth.get("height")) else 4 * SEAT_RADIUS
        found.shapes.append(_box(_moved(at, offset), (width / 2, height / 2), colour))


def _area(area: Mapping[str, Any], offset: Point, colour: Colour) -> Iterator[Shape]:
    points = tuple(_moved(p, offset) for p in _points(area.get("points")))
    if len(points) >= 3:
        yield Shape(colour, points=points)
        return
    centre = _moved(_point(area.get("center")) or (0.0, 0.0), offset)
    if _number(area.get("width")) and _number(area.get("height")):
        yield _box(centre, (float(area["width"]) / 2, float(area["height"]) / 2), colour)
        return
    rx = float(area["radius1"]) if _number(area.get("radius1")) else 40.0
    ry = float(area["radius2"]) if _number(area.get("radius2")) else rx
    yield Shape(colour, centre, (rx, ry))


def _seat(seat: Any, offset: Point, colours: Mapping[str, Colour], key: Any) -> Iterator[Shape]:
    at = _point(seat) if isinstance(seat, Mapping) else None
    if at is None:
        return
    category = seat.get("categoryKey")
    colour = colours.get(str(key if category is None else category), GREY)
    yield Shape(colour, _moved(at, offset), (SEAT_RADIUS, SEAT_RADIUS))


def _box(centre: Point, half: Point, colour: Colour) -> Shape:
    (x, y), (w, h) = centre, half
    return Shape(colour, points=((x - w, y - h), (x + w, y - h), (x + w, y + h), (x - w, y + h)))


# --- SVG ------------------------------------------------------------------------------------------------
def svg(found: Picture) -> str:
    left, top, right, bottom = found.bounds()
    width, height = _size(right - left, bottom - top)
    box = f'x="{left:.2f}" y="{top:.2f}" width="{right - left:.2f}" height="{bottom - top:.2f}"'
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="{left:.2f} {top:.2f} {right - left:.2f} {bottom - top:.2f}">',
        f'<rect {box} fill="#ffffff"/>',
    ]
    for shape in found.shapes:
        fill = "#{:02x}{:02x}{:02x}".format(*shape.colour)
        if shape.radii is not None:
            (x, y), (rx, ry) = shape.centre, shape.radii
            parts.append(f'<ellipse cx="{x:.2f}" cy="{y:.2f}" rx="{rx:.2f}" ry="{ry:.2f}" fill="{fill}"/>')
        else:
            points = " ".join(f"{x:.2f},{y:.2f}" for x, y in shape.points)
            parts.append(f'<polygon points="{points}" fill="{fill}"/>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


# --- PNG ------------------------------------------------------------------------------------------------
def png(found: Picture) -> bytes:
    left, top, right, bottom = found.bounds()
    width, height = _size(right - left, bottom - top)
    scale = width / (right - left)
    canvas = _Canvas(width, height)
    for shape in found.shapes:
        if shape.radii is not None:
            (x, y), (rx, ry) = shape.centre, shape.radii
            canvas.ellipse(((x - left) * scale, (y - top) * scale), (rx * scale, ry * scale), shape.colour)
        else:
            canvas.polygon([((x - left) * scale, (y - top) * scale) for x, y in shape.points], shape.colour)
    return canvas.encode()


class _Canvas:
    """An RGB picture filled shape by shape (pixel centres at half coordinates)."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.rows = [bytearray(bytes(WHITE) * width) for _ in range(height)]

    def span(self, y: int, start: float, end: float, colour: Colour) -> None:
        first, last = max(0, math.ceil(start - 0.5)), min(self.width - 1, math.floor(end - 0.5))
        if 0 <= y < self.height and first <= last:
            self.rows[y][3 * first : 3 * (last + 1)] = bytes(colour) * (last - first + 1)

    def ellipse(self, centre: Point, radii: Point, colour: Colour) -> None:
        (cx, cy), (rx, ry) = centre, radii
        if rx < 0.7 or ry < 0.7:  # smaller than a pixel: a dot, so that every seat shows
            self.span(int(cy), cx - 0.5, cx + 0.5, colour)
            return
        for y in range(max(0, math.floor(cy - ry)), min(self.height, math.ceil(cy + ry) + 1)):
            dy = (y + 0.5 - cy) / ry
            if abs(dy) <= 1:
                dx = rx * math.sqrt(1 - dy * dy)
                self.span(y, cx - dx, cx + dx, colour)

    def polygon(self, points: Sequence[Point], colour: Colour) -> None:
        """Even-odd scanline fill."""
        ys = [p[1] for p in points]
        edges = list(zip(points, [*points[1:], points[0]], strict=True))
        for y in range(max(0, math.floor(min(ys))), min(self.height, math.ceil(max(ys)) + 1)):
            centre = y + 0.5
            crossings = sorted(
                a[0] + (centre - a[1]) * (b[0] - a[0]) / (b[1] - a[1])
                for a, b in edges
                if (a[1] <= centre < b[1]) or (b[1] <= centre < a[1])
            )
            for start, end in zip(crossings[::2], crossings[1::2], strict=False):
                self.span(y, start, end, colour)

    def encode(self) -> bytes:
        raw = b"".join(b"\x00" + bytes(row) for row in self.rows)
        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)  # 8-bit RGB
        chunks = _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw, 6)) + _chunk(b"IEND", b"")
        return b"\x89PNG\r\n\x1a\n" + chunks


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


# --- reading the drawing --------------------------------------------------------------------------------
def _size(width: float, height: float) -> tuple[int, int]:
    longer = max(width, height, 1e-9)
    return max(1, round(THUMBNAIL_SIZE * width / longer)), max(1, round(THUMBNAIL_SIZE * height / longer))


def _colours(categories: Any) -> dict[str, Colour]:
    listed = categories.get("list") if isinstance(categories, Mapping) else categories
    found: dict[str, Colour] = {}
    for category in _items(listed):
        match = _COLOUR.fullmatch(str(category.get("color") or ""))
        if match:
            text = match.group(1)
            text = "".join(c * 2 for c in text) if len(text) == 3 else text
            found[str(category.get("key"))] = (int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16))
    return found


def _items(value: Any) -> list[Mapping[str, Any]]:
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _point(value: Any) -> Point | None:
    if isinstance(value, Mapping) and _number(value.get("x")) and _number(value.get("y")):
        return float(value["x"]), float(value["y"])
    return None


def _points(value: Any) -> list[Point]:
    return [p for p in (_point(item) for item in value) if p is not None] if isinstance(value, list) else []


def _moved(point: Point, offset: Point) -> Point:
    return point[0] + offset[0], point[1] + offset[1]
