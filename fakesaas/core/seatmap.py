"""The seat-map view model: a venue's drawing as shapes (seats, tables, booths, areas, sections, labels)
coloured by status, for the dashboard to draw as SVG.

A map shows a window of the venue: a chart of 100,000 seats is shown as its sections first (each an
outline with its share of places taken, leading into its seats), never as one dump. What a shape
looks like is its geometry alone: a circle (``radius``), else a rectangle (``width`` by ``height``
centred on ``x``, ``y``), else a polygon (``points``); a label is text only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from fakesaas.core.panels import Details, Link


class ShapeKind(Enum):
    SEAT = "seat"
    TABLE = "table"
    BOOTH = "booth"
    AREA = "area"  # general admission: places without seats
    SECTION = "section"  # a part of the venue, drawn as an outline
    LABEL = "label"  # text only: a row's name, the stage


@dataclass(frozen=True, slots=True)
class SeatStatus:
    """One entry of the legend: a status key shapes name, how people read it, its colour and how
    many objects of the map have it."""

    key: str  # "free", "booked", "reservedByToken", or a custom status
    label: str
    color: str  # a CSS colour: "#2e7d32"
    count: int = 0


@dataclass(frozen=True, slots=True)
class Shape:
    """One object of the drawing. ``label`` is the object's own label ("A-1-3"), unique in the map;
    ``text`` what is written on it; ``details`` what a click on it shows; ``link`` where a click
    leads instead (a section: its seats). ``taken`` is the share of its places taken (0..1) for
    shapes with many places (areas, sections, tables)."""

    kind: ShapeKind
    label: str
    x: float = 0.0
    y: float = 0.0
    radius: float = 0.0
    width: float = 0.0
    height: float = 0.0
    points: tuple[tuple[float, float], ...] = ()
    status: str = "free"
    text: str = ""
    details: tuple[tuple[str, str], ...] = ()
    link: Link | None = None
    taken: float | None = None

    @property
    def geometry(self) -> str:
        """ "circle", "rect", "polygon" or "text": how the shape is drawn."""
        if self.kind is ShapeKind.LABEL:
            return "text"
        if self.radius > 0:
            return "circle"
        if self.width > 0 and self.height > 0:
            return "rect"
        return "polygon" if len(self.points) >= 3 else "text"


@dataclass(frozen=True, slots=True)
class SeatMap:
    """A window of a venue's drawing. ``viewbox`` (x, y, width, height) is the part of the drawing
    shown; ``statuses`` the legend (every status a shape names should be in it: others are drawn
    grey); ``selected`` the object ``find`` names in the page's parameters (the keyboard's way to a
    seat's details, and what a click fetches); ``navigation`` leads out of a section or along
    the venue; ``note`` says what part of the whole is shown."""

    title: str
    viewbox: tuple[float, float, float, float]
    shapes: tuple[Shape, ...]
    statuses: tuple[SeatStatus, ...]
    selected: Details | None = None
    note: str = ""
    navigation: tuple[Link, ...] = ()
    find: str = "object"
    key: str = "seatmap"


def bounds(shapes: Sequence[Shape], margin: float = 20.0) -> tuple[float, float, float, float]:
    """The viewbox that holds every shape with ``margin`` around it (a unit box when there are none)."""
    xs: list[float] = []
    ys: list[float] = []
    for shape in shapes:
        if shape.points:
            xs += [x for x, _ in shape.points]
            ys += [y for _, y in shape.points]
        else:
            half_w = shape.radius or shape.width / 2
            half_h = shape.radius or shape.height / 2
            xs += [shape.x - half_w, shape.x + half_w]
            ys += [shape.y - half_h, shape.y + half_h]
    if not xs:
        return (0.0, 0.0, 100.0, 100.0)
    left, top = min(xs) - margin, min(ys) - margin
    return (left, top, max(xs) + margin - left, max(ys) + margin - top)
