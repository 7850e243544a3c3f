"""An event as a seat map (fakesaas/core/seatmap.py): the chart's drawing coloured by each object's status
in the event, a window at a time.

A chart of up to ``MOST_SHAPES`` objects is drawn whole. A bigger one is shown first as its parts (its
sections, or else blocks of a grid laid over it), each with its share taken and a link into it, and
then one part at a time: a page never draws the whole of a 100,000-seat venue. Statuses are read
from the event's states, which hold only the objects ever touched; every other object is free.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace

from fakesaas.core.panels import Cell, Details, Link, Table, cell
from fakesaas.core.seatmap import SeatMap, SeatStatus, Shape, ShapeKind, bounds
from fakesaas.seatsio.domain.events import SELECTABLE, Event, describe
from fakesaas.seatsio.domain.layout import ChartObject, Layout, ObjectType
from fakesaas.seatsio.domain.objects import BOOKED, FREE, HELD, RESALE
from fakesaas.seatsio.domain.workspaces import Workspace

MOST_SHAPES = 4000  # objects drawn at once; a bigger chart is shown a part at a time
PART_SIZE = 2000  # objects a grid block of a chart without sections aims at
NOT_FOR_SALE = "notForSale"
_COLOURS = {
    FREE: ("Free", "#43a047"),
    BOOKED: ("Booked", "#1e63c4"),
    HELD: ("Held", "#f0a202"),
    RESALE: ("Resale", "#00897b"),
    NOT_FOR_SALE: ("Not for sale", "#9e9e9e"),
}
_CUSTOM = ("#8e24aa", "#d81b60", "#6d4c41", "#3949ab", "#c0ca33", "#5e35b1")


@dataclass(frozen=True, slots=True)
class Part:
    """A section of the chart, or a block of its grid: its key, what it is called, its objects,
    and the box round them."""

    key: str
    name: str
    members: list[ChartObject]
    box: tuple[float, float, float, float]  # left, top, right, bottom


@dataclass(frozen=True, slots=True)
class Partition:
    """A chart's parts, and the part of each object by label."""

    parts: list[Part]
    part_of: dict[str, int]


class Partitions:
    """The partitions of the charts lately shown, kept by the views of one app: a chart's layout
    never changes once parsed (a new version is a new layout), so its parts are worked out once."""

    KEPT = 4

    def __init__(self) -> None:
        self._kept: dict[int, tuple[Layout, Partition]] = {}

    def of(self, layout: Layout) -> Partition:
        found = self._kept.get(id(layout))
        if found is not None and found[0] is layout:
            return found[1]
        partition = _partition(layout)
        if len(self._kept) >= self.KEPT:
            self._kept.pop(next(iter(self._kept)))
        self._kept[id(layout)] = (layout, partition)  # the layout kept alive, so its id is not reused
        return partition


def seat_map(
    event: Event,
    layout: Layout,
    partitions: Partitions,
    part_key: str,
    picked: str,
    path: str,
    keep: tuple[tuple[str, str], ...],
) -> tuple[SeatMap, bool]:
    """The event's map (the whole chart, its parts, or the part ``part_key``) and whether the key
    named a part that exists."""
    total = len(layout.objects)
    legend = _legend(event, total)
    status_of = _statuses(event)
    navigation: tuple[Link, ...] = ()
    note = f"{total:,} objects"
    if total <= MOST_SHAPES:
        shapes = _objects(layout.objects.values(), event, layout, status_of)
        found = not part_key
    else:
        partition = partitions.of(layout)
        chosen = next((part for part in partition.parts if part.key == part_key), None)
        found = chosen is not None or not part_key
        if chosen is None:
            shapes = _outlines(partition, layout, event, path, keep)
            note = f"{total:,} objects in {len(partition.parts)} parts: choose one to see its seats"
        else:
            shapes = _objects(chosen.members, event, layout, status_of)
            note = f"{chosen.name}: {len(chosen.members):,} of {total:,} objects"
            navigation = (Link("Whole map", path, keep),)
    selected = object_details(event, layout, picked) if picked else None
    title = event.name or event.key
    return SeatMap(title, bounds(shapes), tuple(shapes), legend, selected, note, navigation), found


def object_details(event: Event, layout: Layout, label: str) -> Details | None:
    item = layout.get(label)
    if item is None:
        return None
    info = describe(event, layout, item)
    items: list[tuple[str, Cell]] = [
        ("Object", cell(item.label, mono=True)),
        ("Type", cell(item.object_type.value)),
    ]
    items.append(("Status", cell(info.status)))
    for name, value in (
        ("Category", info.category.label if info.category else info.category_key),
        ("Section", item.section),
        ("Row" if item.parent_type == "row" else "Table", item.parent_label),
        ("Seat", item.own_label if item.object_type is ObjectType.SEAT else None),
        ("Hold token", info.state.hold_token if info.status == HELD else None),
        ("Order", info.state.order_id),
        ("Ticket type", info.state.ticket_type),
        ("Channel", info.channel),
        ("Extra data", info.state.extra_data),
    ):
        if value not in (None, ""):
            items.append((name, cell(value, mono=name in ("Hold token", "Extra data"))))
    if item.is_area:
        items.append(("Places", cell(f"{info.num_free} free of {item.capacity}")))
        items += [
            (f"Held by {token}", cell(sum(kinds.values()))) for token, kinds in info.state.holds.items()
        ]
    if not info.for_sale:
        items.append(("For sale", cell("no")))
    return Details(item.label, tuple(items), key="object")


def holds_table(event: Event, workspace: Workspace, now_key: str = "holds") -> Table:
    """The live hold tokens that hold objects of this event, soonest to expire first."""
    live = sorted(
        (
            token
            for token in workspace.hold_tokens.tokens.values()
            if not token.expired and event.id in token.held
        ),
        key=lambda token: token.expires_at,
    )
    rows = []
    for token in live[:50]:
        labels = sorted(token.held[event.id])
        shown = ", ".join(labels[:8]) + (f" and {len(labels) - 8} more" if len(labels) > 8 else "")
        rows.append((cell(token.token, mono=True), cell(shown), Cell("", expires=token.expires_at)))
    return Table(
        "Hold tokens", ("Token", "Holds", "Expires"), tuple(rows), empty="No live hold tokens.", key=now_key
    )


def _statuses(event: Event) -> dict[str, str]:
    """The status of every object ever touched; the others are free."""
    return {label: state.status for label, state in event.states.items()}


def _legend(event: Event, total: int) -> tuple[SeatStatus, ...]:
    counts: dict[str, int] = {}
    for state in event.states.values():
        counts[state.status] = counts.get(state.status, 0) + 1
    touched = sum(counts.values())
    counts[FREE] = counts.get(FREE, 0) + total - min(touched, total)
    legend = [
        SeatStatus(key, label, colour, counts.pop(key, 0))
        for key, (label, colour) in _COLOURS.items()
        if key != NOT_FOR_SALE or event.for_sale is not None
    ]
    for index, (key, count) in enumerate(sorted(counts.items())):
        legend.append(SeatStatus(key, key, _CUSTOM[index % len(_CUSTOM)], count))
    return tuple(legend)


def _partition(layout: Layout) -> Partition:
    """The chart's sections when it has several, else the blocks of a grid of about ``PART_SIZE``
    objects each, in reading order."""
    objects = list(layout.objects.values())
    named: list[tuple[str, str, list[ChartObject]]]
    if len({item.section for item in objects}) > 1:
        sections: dict[str, list[ChartObject]] = {}
        for item in objects:
            sections.setdefault(item.section or "", []).append(item)
        named = [(name or "-", name or "Outside the sections", members) for name, members in sections.items()]
    else:
        blocks = _grid(objects)
        named = [
            (f"{row + 1}.{column + 1}", f"Block {number}", blocks[(row, column)])
            for number, (row, column) in enumerate(sorted(blocks), 1)
        ]
    parts: list[Part] = []
    part_of: dict[str, int] = {}
    for key, name, members in named:
        part_of.update(dict.fromkeys([item.label for item in members], len(parts)))
        xs, ys = [item.x for item in members], [item.y for item in members]
        parts.append(Part(key, name, members, (min(xs), min(ys), max(xs), max(ys))))
    return Partition(parts, part_of)


def _grid(objects: list[ChartObject]) -> dict[tuple[int, int], list[ChartObject]]:
    """Objects by the (row, column) of a grid over them with about ``PART_SIZE`` in each cell."""
    xs, ys = [item.x for item in objects], [item.y for item in objects]
    left, top = min(xs), min(ys)
    width, height = (max(xs) - left) or 1.0, (max(ys) - top) or 1.0
    cells = max(1, math.ceil(len(objects) / PART_SIZE))
    across = max(1, round(math.sqrt(cells * width / height)))
    down = max(1, math.ceil(cells / across))
    step_x, step_y = width / across * (1 + 1e-9), height / down * (1 + 1e-9)  # the far edge stays inside
    rows = [int((y - top) / step_y) for y in ys]
    columns = [int((x - left) / step_x) for x in xs]
    blocks: dict[tuple[int, int], list[ChartObject]] = {}
    for item, key in zip(objects, zip(rows, columns, strict=True), strict=True):
        found = blocks.get(key)
        if found is None:
            blocks[key] = [item]
        else:
            found.append(item)
    return blocks


def _outlines(
    partition: Partition, layout: Layout, event: Event, path: str, keep: tuple[tuple[str, str], ...]
) -> list[Shape]:
    """Each part as an outline with its share taken, counted from the objects ever touched."""
    taken = [0] * len(partition.parts)
    for label, state in event.states.items():
        where = partition.part_of.get(label)
        if where is not None and state.status not in SELECTABLE:
            taken[where] += 1
    outlines = {outline.label: outline.points for outline in layout.outlines}
    shapes = []
    for part, count in zip(partition.parts, taken, strict=True):
        share = count / len(part.members)
        left, top, right, bottom = part.box[0] - 10, part.box[1] - 10, part.box[2] + 10, part.box[3] + 10
        points = outlines.get(part.name) or ((left, top), (right, top), (right, bottom), (left, bottom))
        link = Link(part.name, path, (*keep, ("part", part.key)))
        status = FREE if share < 1 else BOOKED
        shape = Shape(
            ShapeKind.SECTION, part.name, (left + right) / 2, (top + bottom) / 2, points=tuple(points)
        )
        shapes.append(
            replace(shape, status=status, text=f"{part.name}: {share:.0%} taken", link=link, taken=share)
        )
    return shapes


def _objects(
    items: Iterable[ChartObject], event: Event, layout: Layout, status_of: dict[str, str]
) -> list[Shape]:
    members = list(items)
    radius = _seat_radius(layout, members)
    ring = _table_rings(members, radius)
    shapes = []
    for item in members:
        status = status_of.get(item.label, FREE)
        if status == FREE and item.table is not None and item.table != item.label:
            status = status_of.get(item.table, FREE)  # a table booked whole takes its seats along
        if status == FREE and event.for_sale is not None and not event.for_sale_of(item, layout):
            status = NOT_FOR_SALE
        kind = item.object_type
        if kind is ObjectType.SEAT:
            x, y = ring.get(item.label, (item.x, item.y))
            shapes.append(Shape(ShapeKind.SEAT, item.label, x, y, radius=radius, status=status))
        elif kind is ObjectType.TABLE:
            shapes.append(_sized(ShapeKind.TABLE, item, status, item.own_label))
        elif kind is ObjectType.BOOTH:
            shapes.append(_sized(ShapeKind.BOOTH, item, status, item.own_label))
        else:
            info = describe(event, layout, item)  # places booked and held per area: a few areas a chart
            text = f"{item.own_label} {info.num_free}/{item.capacity}"
            shapes.append(_sized(ShapeKind.AREA, item, info.status, text))
    return shapes


def _sized(kind: ShapeKind, item: ChartObject, status: str, text: str) -> Shape:
    if item.round and item.width == item.height:
        return Shape(kind, item.label, item.x, item.y, radius=item.width / 2, status=status, text=text)
    if item.round:  # an ellipse, drawn as the polygon round it
        points = tuple(
            (item.x + item.width / 2 * math.cos(a), item.y + item.height / 2 * math.sin(a))
            for a in (2 * math.pi * n / 24 for n in range(24))
        )
        return Shape(kind, item.label, item.x, item.y, points=points, status=status, text=text)
    return Shape(
        kind, item.label, item.x, item.y, width=item.width, height=item.height, status=status, text=text
    )


def _seat_radius(layout: Layout, members: list[ChartObject]) -> float:
    """A third of the distance between a seat and the next in its row, as the designer spaces them."""
    for item in members:
        if item.object_type is ObjectType.SEAT and item.right is not None:
            neighbour = layout.get(item.right)
            if neighbour is not None:
                gap = math.hypot(neighbour.x - item.x, neighbour.y - item.y)
                if gap > 0:
                    return round(min(gap * 0.38, 12.0), 2)
    return 6.0


def _table_rings(members: list[ChartObject], radius: float) -> dict[str, tuple[float, float]]:
    """Seats of a table the drawing places inside it are drawn on a ring round it instead."""
    tables = {item.label: item for item in members if item.object_type is ObjectType.TABLE}
    seats: dict[str, list[ChartObject]] = {}
    for item in members:
        if item.object_type is ObjectType.SEAT and item.table in tables:
            seats.setdefault(item.table, []).append(item)
    moved: dict[str, tuple[float, float]] = {}
    for label, around_it in seats.items():
        table = tables[label]
        reach = max(table.width, table.height) / 2
        if any(math.hypot(seat.x - table.x, seat.y - table.y) > reach for seat in around_it):
            continue  # the drawing places them itself
        ring = reach + radius * 1.3
        for index, seat in enumerate(around_it):
            angle = 2 * math.pi * index / len(around_it) - math.pi / 2
            moved[seat.label] = (table.x + ring * math.cos(angle), table.y + ring * math.sin(angle))
    return moved
