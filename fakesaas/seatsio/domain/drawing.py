"""The designer's drawing JSON read into a Layout: labels, object types, categories, neighbours,
sections, tables, floors, zones and each object's distance to its focal point.

A drawing the parser cannot read raises InvalidDrawing naming the place (``subChart.rows[2].seats``)
and what it expected there. Drawings the designer would merely warn about (duplicate or missing
labels, objects without a category, no focal point) are read, and their findings kept for the
validate calls: the official suite posts such a drawing and expects 201
(tests/sampleChartWithErrors.json, testValidateChart).
"""

from __future__ import annotations

import math
import struct
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from fakesaas.seatsio.domain.errors import InvalidDrawing
from fakesaas.seatsio.domain.layout import (
    NO_FLAGS,
    Accessibility,
    Category,
    ChartObject,
    Findings,
    Floor,
    Layout,
    ObjectType,
    Outline,
    Zone,
    rank,
)

DRAWING_LIMIT = 16 << 20  # bytes: drawings run to megabytes (the suite's zones chart is 2.6 MB)
UNLABELED = "?"  # what the designer shows for an object nobody labelled
MAX_OBJECTS = 500_000


def parse_drawing(data: Any) -> Layout:
    """The Layout of a drawing, or InvalidDrawing saying why it cannot be read."""
    if not isinstance(data, Mapping):
        raise InvalidDrawing(f"A chart drawing must be a JSON object, found: {_kind(data)}")
    builder = _Builder(
        categories=_categories(data.get("categories"), "categories"),
        zones=_zones(data.get("zones")),
    )
    floors = data.get("subChartFloors")
    if floors is not None:
        for index, floor in enumerate(_list(floors, "subChartFloors")):
            where = f"subChartFloors[{index}]"
            floor = _object(floor, where)
            name = _text(floor.get("floorName"), f"{where}.floorName") or str(index + 1)
            display = _text(floor.get("floorDisplayName"), f"{where}.floorDisplayName") or name
            before = builder.count
            builder.sub_chart(floor, where, Floor(name, display))
            if builder.count == before:
                builder.empty_floors.append(name)
    elif "subChart" in data:
        builder.sub_chart(_object(data["subChart"], "subChart"), "subChart", None)
    else:
        raise InvalidDrawing("A chart drawing needs a subChart (or subChartFloors) object")
    venue_type = _text(data.get("venueType"), "venueType") or "MIXED"
    return builder.layout(venue_type)


def empty_drawing(name: str, venue_type: str, categories: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The drawing of a chart made through ``POST /charts``: no objects, the given categories."""
    return {
        "name": name,
        "venueType": venue_type,
        "categories": {"list": [dict(category) for category in categories], "maxCategoryKey": 0},
        "subChart": {
            "rows": [],
            "tables": [],
            "booths": [],
            "generalAdmissionAreas": [],
            "sections": [],
            "focalPoint": None,
        },
    }


@dataclass(frozen=True, slots=True)
class _Frame:
    """Where objects are being read: their section, zone, floor, offset and focal point."""

    floor: Floor | None = None
    section: str | None = None
    entrance: str | None = None
    zone: str | None = None
    category_key: int | str | None = None
    offset: tuple[float, float] = (0.0, 0.0)
    focal_point: tuple[float, float] | None = None


@dataclass(slots=True)
class _Builder:
    categories: tuple[Category, ...]
    zones: tuple[Zone, ...]
    objects: dict[str, ChartObject] = field(default_factory=dict)
    groups: list[tuple[str, ...]] = field(default_factory=list)
    group_floor: list[float] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    unlabeled: int = 0
    uncategorized: int = 0
    types_by_category: dict[str, set[ObjectType]] = field(default_factory=dict)
    focal_points: int = 0
    count: int = 0
    empty_floors: list[str] = field(default_factory=list)
    outlines: list[Outline] = field(default_factory=list)

    def sub_chart(self, sub: Mapping[str, Any], where: str, floor: Floor | None) -> None:
        focal = _point(sub.get("focalPoint"), f"{where}.focalPoint")
        if focal is not None:
            self.focal_points += 1
        frame = _Frame(floor=floor, focal_point=focal)
        self.objects_of(sub, where, frame)
        for index, section in enumerate(_list(sub.get("sections"), f"{where}.sections")):
            at = f"{where}.sections[{index}]"
            section = _object(section, at)
            label = _label(section.get("label"), f"{at}.label")
            zone_key = _text(section.get("zone"), f"{at}.zone")
            zone = next((z for z in self.zones if z.key == zone_key), None)
            top_left = _point(section.get("topLeft"), f"{at}.topLeft") or (0.0, 0.0)
            self.outlines.append(Outline(label, _outline(section.get("points"), top_left)))
            inner = _Frame(
                floor=floor,
                section=label,
                entrance=_text(section.get("entrance"), f"{at}.entrance"),
                zone=zone_key,
                category_key=_category_key(section.get("categoryKey"), f"{at}.categoryKey"),
                offset=top_left,
                focal_point=zone.focal_point if zone is not None and zone.focal_point else focal,
            )
            self.objects_of(_object(section.get("subChart") or {}, f"{at}.subChart"), f"{at}.subChart", inner)

    def objects_of(self, sub: Mapping[str, Any], where: str, frame: _Frame) -> None:
        for index, row in enumerate(_list(sub.get("rows"), f"{where}.rows")):
            self.row(_object(row, f"{where}.rows[{index}]"), f"{where}.rows[{index}]", frame)
        for index, table in enumerate(_list(sub.get("tables"), f"{where}.tables")):
            self.table(_object(table, f"{where}.tables[{index}]"), f"{where}.tables[{index}]", frame)
        for index, area in enumerate(
            _list(sub.get("generalAdmissionAreas"), f"{where}.generalAdmissionAreas")
        ):
            at = f"{where}.generalAdmissionAreas[{index}]"
            self.area(_object(area, at), at, frame)
        for index, booth in enumerate(_list(sub.get("booths"), f"{where}.booths")):
            at = f"{where}.booths[{index}]"
            booth = _object(booth, at)
            own = _label(booth.get("label"), f"{at}.label")
            self.add(
                ChartObject(
                    label=self.full_label(frame, own),
                    object_type=ObjectType.BOOTH,
                    own_label=own,
                    ordinal=self.count,
                    **_extent(booth, 20.0, 20.0),
                    **self.common(booth, at, frame, _position(booth, at)),
                ),
            )

    def row(self, row: Mapping[str, Any], where: str, frame: _Frame) -> None:
        row_label = _label(row.get("label"), f"{where}.label")
        row_key = _category_key(row.get("categoryKey"), f"{where}.categoryKey")
        seats = _list(row.get("seats"), f"{where}.seats")
        labels = []
        for index, seat in enumerate(seats):
            at = f"{where}.seats[{index}]"
            seat = _object(seat, at)
            own = _label(seat.get("label"), f"{at}.label")
            labels.append((own, seat, at))
        full = [self.full_label(frame, f"{row_label}-{own}") for own, _, _ in labels]
        group = len(self.groups)
        for index, (own, seat, at) in enumerate(labels):
            common = self.common(seat, at, frame, _position(seat, at), fallback_key=row_key)
            self.add(
                ChartObject(
                    label=full[index],
                    object_type=ObjectType.SEAT,
                    own_label=own,
                    ordinal=self.count,
                    parent_label=row_label,
                    parent_type="row",
                    parent_display_label=_shown(row.get("displayLabel")),
                    parent_display_type=_shown(row.get("displayObjectType")),
                    left=full[index - 1] if index > 0 else None,
                    right=full[index + 1] if index + 1 < len(full) else None,
                    flags=_flags(seat),
                    group=group,
                    position=index,
                    **common,
                ),
            )
        self.close_group(full)

    def table(self, table: Mapping[str, Any], where: str, frame: _Frame) -> None:
        own = _label(table.get("label"), f"{where}.label")
        label = self.full_label(frame, own)
        seats = _list(table.get("seats"), f"{where}.seats")
        center = _point(table.get("center"), f"{where}.center") or (0.0, 0.0)
        whole = _flag(table.get("bookAsAWhole"), f"{where}.bookAsAWhole")
        table_key = _category_key(table.get("categoryKey"), f"{where}.categoryKey")
        full = []
        group = len(self.groups)
        for index, seat in enumerate(seats):
            at = f"{where}.seats[{index}]"
            seat = _object(seat, at)
            seat_own = _label(seat.get("label"), f"{at}.label")
            seat_label = f"{label}-{seat_own}"
            full.append(seat_label)
            common = self.common(seat, at, frame, _position(seat, at), fallback_key=table_key)
            self.add(
                ChartObject(
                    label=seat_label,
                    object_type=ObjectType.SEAT,
                    own_label=seat_own,
                    ordinal=self.count,
                    parent_label=own,
                    parent_type="table",
                    parent_display_label=_shown(table.get("displayLabel")),
                    parent_display_type=_shown(table.get("displayObjectType")),
                    flags=_flags(seat),
                    table=label,
                    group=group,
                    position=index,
                    **common,
                ),
            )
        first_seat = self.objects.get(full[0]) if full else None
        table_common = self.common(table, where, frame, center, fallback_key=table_key)
        table_common.update(_extent(table, 24.0, 24.0, round_default=table.get("type") != "rectangle"))
        if table_common["category_key"] is None and first_seat is not None:
            table_common["category_key"] = first_seat.category_key
            self.uncategorized -= 1  # counted once by common(); the seats carry the category
        self.add(
            ChartObject(
                label=label,
                object_type=ObjectType.TABLE,
                own_label=own,
                ordinal=self.count,
                book_as_a_whole=whole,
                table=label,
                num_seats=len(full),
                **table_common,
            ),
        )
        self.close_group(full)

    def area(self, area: Mapping[str, Any], where: str, frame: _Frame) -> None:
        own = _label(area.get("label"), f"{where}.label")
        capacity = area.get("capacity", 0)
        if capacity is None:
            capacity = 0
        if isinstance(capacity, bool) or not isinstance(capacity, int) or capacity < 0:
            raise InvalidDrawing(f"{where}.capacity: expected a whole number of places, found: {capacity!r}")
        minimum = area.get("minOccupancy")
        maximum = area.get("maxOccupancy")
        variable = _flag(area.get("variableOccupancy"), f"{where}.variableOccupancy")
        if variable and maximum is None:
            maximum = capacity  # testEventReports::test_reportItemProperties: GA1 says no maximum, shows 100
        self.add(
            ChartObject(
                label=self.full_label(frame, own),
                object_type=ObjectType.GENERAL_ADMISSION,
                own_label=own,
                ordinal=self.count,
                capacity=capacity,
                book_as_a_whole=_flag(area.get("bookAsAWhole"), f"{where}.bookAsAWhole"),
                variable_occupancy=variable,
                min_occupancy=minimum if isinstance(minimum, int) and not isinstance(minimum, bool) else None,
                max_occupancy=maximum if isinstance(maximum, int) and not isinstance(maximum, bool) else None,
                **_extent(area, 80.0, 50.0, round_default=area.get("type") in ("circle", "ellipse")),
                **self.common(area, where, frame, _position(area, where, "center")),
            ),
        )

    def common(
        self,
        item: Mapping[str, Any],
        where: str,
        frame: _Frame,
        position: tuple[float, float],
        fallback_key: int | str | None = None,
    ) -> dict[str, Any]:
        key = _category_key(item.get("categoryKey"), f"{where}.categoryKey")
        if key is None:
            key = fallback_key if fallback_key is not None else frame.category_key
        if key is None or str(key) not in {str(category.key) for category in self.categories}:
            self.uncategorized += 1
        x, y = position[0] + frame.offset[0], position[1] + frame.offset[1]
        focal = frame.focal_point
        return {
            "display_label": _shown(item.get("displayLabel")),
            "display_type": _shown(item.get("displayObjectType")),
            "section": frame.section,
            "entrance": frame.entrance,
            "category_key": key,
            "distance": _distance((x, y), focal) if focal is not None else None,
            "zone": frame.zone,
            "floor": frame.floor,
            "x": x,
            "y": y,
        }

    def full_label(self, frame: _Frame, label: str) -> str:
        return f"{frame.section}-{label}" if frame.section else label

    def add(self, item: ChartObject) -> None:
        self.count += 1
        if self.count > MAX_OBJECTS:
            raise InvalidDrawing(f"A chart drawing may hold at most {MAX_OBJECTS} objects")
        if UNLABELED in item.label.split("-") or not item.own_label:
            self.unlabeled += 1
        if item.category_key is not None:
            self.types_by_category.setdefault(str(item.category_key), set()).add(item.object_type)
        if item.label in self.objects:
            self.duplicates.append(item.label)
            return  # the first object of a label is the one bookings reach
        self.objects[item.label] = item

    def close_group(self, labels: list[str]) -> None:
        members = tuple(label for label in labels if label in self.objects)
        if not members:
            return
        self.groups.append(members)
        self.group_floor.append(min(rank(self.objects[label]) for label in members))

    def layout(self, venue_type: str) -> Layout:
        has_focal = self.focal_points > 0 or any(zone.focal_point for zone in self.zones)
        mixed = tuple(
            sorted(
                key for key, kinds in self.types_by_category.items() if len(kinds - {ObjectType.TABLE}) > 1
            )
        )
        findings = Findings(
            duplicate_labels=tuple(dict.fromkeys(self.duplicates)),
            unlabeled=self.unlabeled,
            uncategorized=max(0, self.uncategorized),
            mixed_categories=mixed,
            focal_point_missing=not has_focal,
            empty_floors=tuple(self.empty_floors),
        )
        return Layout(
            venue_type=venue_type,
            categories=self.categories,
            zones=self.zones,
            objects=self.objects,
            groups=tuple(self.groups),
            group_floor=tuple(self.group_floor),
            has_focal_point=has_focal,
            findings=findings,
            outlines=tuple(self.outlines),
        )


def _categories(value: Any, where: str) -> tuple[Category, ...]:
    if value is None:
        return ()
    if isinstance(value, Mapping):
        value = value.get("list") or []
        where = f"{where}.list"
    found = []
    for index, item in enumerate(_list(value, where)):
        at = f"{where}[{index}]"
        item = _object(item, at)
        key = _category_key(item.get("key"), f"{at}.key")
        if key is None:
            raise InvalidDrawing(f"{at}.key: a category needs a key")
        found.append(
            Category(
                key=key,
                label=_text(item.get("label"), f"{at}.label") or "",
                color=_text(item.get("color"), f"{at}.color") or "",
                accessible=_flag(item.get("accessible"), f"{at}.accessible") or False,
            )
        )
    return tuple(found)


def _zones(value: Any) -> tuple[Zone, ...]:
    if value is None:
        return ()
    where = "zones"
    if isinstance(value, Mapping):
        value = value.get("list") or []
        where = "zones.list"
    found = []
    for index, item in enumerate(_list(value, where)):
        at = f"{where}[{index}]"
        item = _object(item, at)
        key = _text(item.get("key"), f"{at}.key")
        if not key:
            raise InvalidDrawing(f"{at}.key: a zone needs a key")
        found.append(
            Zone(
                key,
                _text(item.get("label"), f"{at}.label") or key,
                _point(item.get("focalPoint"), f"{at}.focalPoint"),
            )
        )
    return tuple(found)


def _flags(seat: Mapping[str, Any]) -> Accessibility:
    flags = Accessibility(
        accessible=seat.get("accessible") is True,
        companion_seat=seat.get("companionSeat") is True,
        restricted_view=seat.get("restrictedView") is True,
        lift_up_armrests=seat.get("hasLiftUpArmrests") is True,
        hearing_impaired=seat.get("isHearingImpaired") is True,
        semi_ambulatory=seat.get("semiAmbulatorySeat") is True,
        sign_language=seat.get("hasSignLanguageInterpretation") is True,
        plus_size=seat.get("isPlusSize") is True,
    )
    return NO_FLAGS if flags == NO_FLAGS else flags


def _extent(
    item: Mapping[str, Any], width: float, height: float, round_default: bool = False
) -> dict[str, Any]:
    """How big a table, area or booth is drawn: a radius (or the two of an ellipse), else a width
    and a height, else the given default. Only for drawing: nothing is refused for it."""
    radius: Any = item.get("radius") or item.get("radius1")
    across: Any = item.get("radius2")
    wide: Any = item.get("width")
    high: Any = item.get("height")
    if _is_number(radius):
        second = across if _is_number(across) else radius
        return {"width": 2.0 * float(radius), "height": 2.0 * float(second), "round": True}
    if _is_number(wide) and _is_number(high):
        return {"width": float(wide), "height": float(high), "round": False}
    return {"width": width, "height": height, "round": round_default}


def _outline(points: Any, offset: tuple[float, float]) -> tuple[tuple[float, float], ...]:
    """A section's corners from ``[{"x", "y"}, ...]`` relative to its top left; none if unreadable."""
    if not isinstance(points, list):
        return ()
    found = []
    for point in points:
        if isinstance(point, Mapping) and _is_number(point.get("x")) and _is_number(point.get("y")):
            found.append((float(point["x"]) + offset[0], float(point["y"]) + offset[1]))
    return tuple(found)


def _position(item: Mapping[str, Any], where: str, name: str | None = None) -> tuple[float, float]:
    if name is not None:
        return _point(item.get(name), f"{where}.{name}") or (0.0, 0.0)
    x, y = item.get("x", 0), item.get("y", 0)
    if not _is_number(x) or not _is_number(y):
        raise InvalidDrawing(f"{where}: x and y must be numbers")
    return float(x), float(y)


def _point(value: Any, where: str) -> tuple[float, float] | None:
    """``{"x": .., "y": ..}``; None or ``{}`` (the designer's "no focal point") is no point."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise InvalidDrawing(f"{where}: expected an object with x and y, found: {_kind(value)}")
    x: Any = value.get("x")
    y: Any = value.get("y")
    if x is None and y is None:
        return None
    if not _is_number(x) or not _is_number(y):
        raise InvalidDrawing(f"{where}: x and y must be numbers")
    return float(x), float(y)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _list(value: Any, where: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise InvalidDrawing(f"{where}: expected a list, found: {_kind(value)}")
    return value


def _object(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise InvalidDrawing(f"{where}: expected an object, found: {_kind(value)}")
    return value


def _label(value: Any, where: str) -> str:
    if value is None or value == "":
        return UNLABELED
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InvalidDrawing(f"{where}: expected a label (text), found: {_kind(value)}")
    return str(value)


_SINGLE = struct.Struct("f")
_PAIR = struct.Struct("ff")


def _distance(point: tuple[float, float], focal: tuple[float, float]) -> float:
    """The distance to the focal point as the real API computes it: coordinates and the squared
    distance in 32-bit floats, its square root in 64 (seatsio-js changeObjectStatus.test.ts compares
    it exactly: 98.67842540608864 for the sample chart's A-1, where 64-bit arithmetic gives
    98.67842976...). A product or sum of two 32-bit floats is exact in 64 bits, so rounding it to
    32 gives the 32-bit operation's result."""
    px, py = _PAIR.unpack(_PAIR.pack(*point))
    fx, fy = _PAIR.unpack(_PAIR.pack(*focal))
    dx, dy = _PAIR.unpack(_PAIR.pack(px - fx, py - fy))
    xx, yy = _PAIR.unpack(_PAIR.pack(dx * dx, dy * dy))
    return math.sqrt(_SINGLE.unpack(_SINGLE.pack(xx + yy))[0])


def _shown(value: Any) -> str | None:
    """A label or type the designer shows instead of the technical one; anything but text is none."""
    return value if isinstance(value, str) and value else None


def _text(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidDrawing(f"{where}: expected text, found: {_kind(value)}")
    return value


def _flag(value: Any, where: str) -> bool | None:
    if value is None:
        return None
    if not isinstance(value, bool):
        raise InvalidDrawing(f"{where}: expected true or false, found: {_kind(value)}")
    return value


def _category_key(value: Any, where: str) -> int | str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InvalidDrawing(f"{where}: expected a category key (a number or text), found: {_kind(value)}")
    return value


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "list"
    return "object"
