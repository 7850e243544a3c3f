"""A hand-made venue service for the seat-map view and its drawing: sections of seated rows, a standing
area, a round table, a booth and a stage; seats free, booked, held by tokens that expire on the
world's clock, or in a custom status. Just enough of a Service to mount; no API of its own."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from fakesaas.core.clock import Clock
from fakesaas.core.panels import Cell, Details, Link, Table, cell
from fakesaas.core.seatmap import SeatMap, SeatStatus, Shape, ShapeKind, bounds
from fakesaas.core.service import Service, Spec, SpecKind, Summary, Tenant, World
from fakesaas.core.views import Connect, Page, Panel, ServiceViews, ViewNotFound, ViewQuery
from fakesaas.http_errors import plain_error

if TYPE_CHECKING:
    from flask import Flask, Response

SEAT_GAP, ROW_GAP, SECTION_GAP = 12.0, 14.0, 60.0
LEGEND = (
    ("free", "Free", "#43a047"),
    ("booked", "Booked", "#1e63c4"),
    ("reservedByToken", "Held", "#f0a202"),
    ("vip", "VIP guest", "#8e24aa"),
)


@dataclass(slots=True)
class Venue:
    """Statuses by object label; holds by token (when they end, which objects)."""

    clock: Clock
    sections: int
    rows: int
    seats: int
    booked: set[str] = field(default_factory=set)
    custom: dict[str, str] = field(default_factory=dict)
    holds: dict[str, tuple[datetime, tuple[str, ...]]] = field(default_factory=dict)
    standing_taken: int = 0
    _layout: dict[str, list[tuple[str, float, float, str, int]]] = field(default_factory=dict)

    def hold(self, token: str, labels: tuple[str, ...], minutes: int) -> None:
        self.holds[token] = (self.clock.now() + timedelta(minutes=minutes), labels)

    def live_holds(self) -> dict[str, tuple[datetime, tuple[str, ...]]]:
        """Holds not yet expired: expiry is read from the clock, never kept by a timer."""
        now = self.clock.now()
        return {token: hold for token, hold in self.holds.items() if hold[0] > now}

    def status(self, label: str, held: dict[str, str]) -> str:
        if label in self.booked:
            return "booked"
        if label in held:
            return "reservedByToken"
        return self.custom.get(label, "free")

    def section_names(self) -> list[str]:
        return [chr(ord("A") + n) for n in range(self.sections)]

    def taken_in(self, section: str, held: dict[str, str]) -> int:
        """Seats of ``section`` not free, counted from the few that are (not by reading every seat)."""
        prefix = f"{section}-"
        taken = {label for label in (*self.booked, *held, *self.custom) if label.startswith(prefix)}
        return len(taken)

    def seat_labels(self, section: str) -> list[tuple[str, float, float, str, int]]:
        """(label, x, y, row, seat) of every seat of a section, laid out row by row (once)."""
        if section not in self._layout:
            self._layout[section] = self._lay_out(section)
        return self._layout[section]

    def _lay_out(self, section: str) -> list[tuple[str, float, float, str, int]]:
        index = self.section_names().index(section)
        left = index * (self.seats * SEAT_GAP + SECTION_GAP)
        found = []
        for row in range(1, self.rows + 1):
            for seat in range(1, self.seats + 1):
                label = f"{section}-{row}-{seat}"
                found.append((label, left + seat * SEAT_GAP, 60 + row * ROW_GAP, str(row), seat))
        return found


class VenueViews(ServiceViews):
    def connect(self, state: Any, base_url: str) -> Connect:
        return Connect(base_url + "/venue", "A venue drawn by hand for the seat map's tests.")

    def page(self, state: Any, query: ViewQuery) -> Page:
        venue: Venue = state
        if query.parts != ["concert"]:
            raise ViewNotFound("only the concert")
        held = {label: token for token, (_, labels) in venue.live_holds().items() for label in labels}
        section = query.text("section")
        if section and section not in venue.section_names():
            raise ViewNotFound(f"no section {section}")
        shapes = _section_shapes(venue, section, held) if section else _venue_shapes(venue, held)
        counts: dict[str, int] = {}
        for shape in shapes:
            if shape.kind is ShapeKind.SEAT:
                counts[shape.status] = counts.get(shape.status, 0) + 1
        legend = tuple(SeatStatus(key, label, color, counts.get(key, 0)) for key, label, color in LEGEND)
        picked = query.text("object")
        chosen = next((shape for shape in shapes if shape.label == picked and shape.details), None)
        selected = Details(chosen.label, tuple((k, cell(v)) for k, v in chosen.details)) if chosen else None
        total = venue.sections * venue.rows * venue.seats
        navigation = (Link("Whole venue", "concert"),) if section else ()
        note = f"Section {section}: {venue.rows * venue.seats:,} of {total:,} seats" if section else ""
        seat_map = SeatMap("Concert", bounds(shapes), tuple(shapes), legend, selected, note, navigation)
        holds = tuple(
            (cell(token, mono=True), cell(", ".join(labels)), Cell("", expires=ends))
            for token, (ends, labels) in sorted(venue.live_holds().items())
        )
        panels: tuple[Panel, ...] = (
            seat_map,
            Table("Hold tokens", ("Token", "Objects", "Expires"), holds, empty="No live holds.", key="holds"),
        )
        return Page("Concert", panels)


def _venue_shapes(venue: Venue, held: dict[str, str]) -> list[Shape]:
    shapes = [Shape(ShapeKind.LABEL, "", 200, 20, text="STAGE")]
    for name in venue.section_names():
        seats = venue.seat_labels(name)
        (_, left, top, _, _), (_, right, bottom, _, _) = seats[0], seats[-1]
        left, right, top, bottom = left - 8, right + 8, top - 8, bottom + 8
        taken = venue.taken_in(name, held) / len(seats)
        shapes.append(
            Shape(
                ShapeKind.SECTION,
                f"Section {name}",
                (left + right) / 2,
                (top + bottom) / 2,
                points=((left, top), (right, top), (right, bottom), (left, bottom)),
                status="booked" if taken else "free",
                text=f"{name}: {taken:.0%} taken",
                link=Link(f"Section {name}", "concert", (("section", name),)),
                taken=taken,
            )
        )
    floor = 100 + venue.rows * ROW_GAP
    places = f"{venue.standing_taken} of 200 taken"
    standing = (("Object", "Standing"), ("Kind", "general admission"), ("Places", places))
    shapes.append(
        Shape(ShapeKind.AREA, "Standing", 80, floor, width=140, height=60, text="Standing", details=standing)
    )
    shapes.append(Shape(ShapeKind.TABLE, "T1", 260, floor, radius=22, text="T1", details=(("Object", "T1"),)))
    for seat in range(6):
        angle = seat * math.pi / 3
        label, status = f"T1-{seat + 1}", venue.status(f"T1-{seat + 1}", held)
        x, y = 260 + 32 * math.cos(angle), floor + 32 * math.sin(angle)
        details = (("Object", label), ("Status", status))
        shapes.append(Shape(ShapeKind.SEAT, label, x, y, radius=5, status=status, details=details))
    booth = (("Object", "Booth 1"), ("Kind", "booth"))
    shapes.append(
        Shape(ShapeKind.BOOTH, "Booth 1", 360, floor, width=40, height=30, text="B1", details=booth)
    )
    return shapes


def _section_shapes(venue: Venue, section: str, held: dict[str, str]) -> list[Shape]:
    holds = venue.live_holds()
    shapes = []
    seen_rows = set()
    for label, x, y, row, seat in venue.seat_labels(section):
        status = venue.status(label, held)
        if row not in seen_rows:
            seen_rows.add(row)
            shapes.append(Shape(ShapeKind.LABEL, "", x - SEAT_GAP, y, text=row))
        details = [
            ("Object", label),
            ("Section", section),
            ("Row", row),
            ("Seat", str(seat)),
            ("Status", status),
        ]
        if label in held:
            token = held[label]
            details += [("Hold token", token), ("Held until", holds[token][0].isoformat())]
        shapes.append(Shape(ShapeKind.SEAT, label, x, y, radius=5, status=status, details=tuple(details)))
    return shapes


class VenueService(Service):
    name = "venue"
    title = "Venue"
    prefix = "/venue"

    def __init__(self, sections: int = 2, rows: int = 5, seats: int = 10) -> None:
        self.size = (sections, rows, seats)

    def register(self, app: Flask) -> None:
        return None

    def render_error(self, status: int, message: str) -> Response:
        return plain_error(status, message)

    def new_state(self, world: World) -> Venue:
        return Venue(world.clock, *self.size)

    def dump(self, state: Any) -> dict[str, Any]:
        return {}

    def load(self, world: World, data: Any) -> Venue:
        return self.new_state(world)

    def seed(self, state: Any, section: Any, progress: Any = None) -> list[str]:
        return []

    def demo(self, now: datetime) -> dict[str, Any]:
        return {}

    def spec(self) -> Spec:
        return Spec(SpecKind.OPENRPC, "fakesaas.simplybook", "openrpc.json")

    def summary(self, state: Any) -> Summary:
        venue: Venue = state
        seats = venue.sections * venue.rows * venue.seats
        return Summary({"seats": seats}, (Tenant("hall", (("key", "hall-key"),), {"seats": seats}),))

    def views(self) -> VenueViews:
        return VenueViews()
