"""Best available: the best free seats next to each other, closest to the focal point.

Seats are scored by their distance to the focal point of their zone (else floor or chart); a
group of ``number`` seats is a run of neighbours in one row or at one table, and its score is the
sum of theirs. With orphan prevention (the default) a run that would leave a single free seat
between it and a taken seat or the row's end loses to one that does not. Accessible seats are
only offered when asked for (``accessibleSeats``), and then exactly that many of them.

Rows are visited in order of the best score they could give (their closest seat times
``number``), and the search stops once no unvisited row can beat the best run found: on an empty
event of any size it looks at a row or two.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fakesaas.seatsio.domain import programme, statuses
from fakesaas.seatsio.domain.drawing import rank
from fakesaas.seatsio.domain.errors import BestAvailableNotFound, InvalidRequest
from fakesaas.seatsio.domain.events import Event, ObjectInfo
from fakesaas.seatsio.domain.history import Origin
from fakesaas.seatsio.domain.layout import ChartObject, Layout, ObjectType
from fakesaas.seatsio.domain.objects import FREE, RESALE
from fakesaas.seatsio.domain.state import Scope
from fakesaas.seatsio.domain.statuses import ChangeKind, ObjectRef, StatusRequest


@dataclass(frozen=True, slots=True)
class BestAvailableRequest:
    number: int
    status: str
    categories: tuple[str, ...] | None = None
    zone: str | None = None
    sections: tuple[str, ...] | None = None
    extra_data: tuple[Any, ...] | None = None
    ticket_types: tuple[str, ...] | None = None
    prevent_orphans: bool = True
    accessible_seats: int = 0
    hold_token: str | None = None
    order_id: str | None = None
    keep_extra_data: bool = False
    ignore_channels: bool = False
    channel_keys: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class BestAvailableResult:
    next_to_each_other: bool
    labels: list[str]
    objects: dict[str, ObjectInfo]


def change_best_available(
    scope: Scope, event_key: str, request: BestAvailableRequest, origin: Origin
) -> BestAvailableResult:
    if request.number < 1:
        raise InvalidRequest(f"#/bestAvailable/number: {request.number} is not greater or equal to 1")
    if request.accessible_seats < 0 or request.accessible_seats > request.number:
        raise InvalidRequest("#/bestAvailable/accessibleSeats: must be between 0 and number")
    event = programme.event(scope, event_key)
    layout = statuses.layout_of(scope, event)
    labels, together = _choose(event, layout, request)
    refs = tuple(
        ObjectRef(
            label,
            ticket_type=_nth(request.ticket_types, index),
            extra_data=_nth(request.extra_data, index),
        )
        for index, label in enumerate(labels)
    )
    change = StatusRequest(
        kind=ChangeKind.CHANGE_STATUS_TO,
        events=(event.key,),
        objects=refs,
        status=request.status,
        hold_token=request.hold_token,
        order_id=request.order_id,
        keep_extra_data=request.keep_extra_data,
        ignore_channels=True,  # the choice already kept to the channels asked for
    )
    outcome = statuses.change(scope, [change], origin)[0]
    return BestAvailableResult(together, labels, outcome.objects)


def _nth(values: tuple[Any, ...] | None, index: int) -> Any:
    return values[index] if values is not None and index < len(values) else None


class _Chooser:
    def __init__(self, event: Event, layout: Layout, request: BestAvailableRequest) -> None:
        self.event = event
        self.layout = layout
        self.request = request
        wanted = request.categories
        self.categories = {c.casefold() for c in wanted} if wanted else None
        self.sections = set(request.sections) if request.sections else None

    def free(self, label: str) -> bool:
        return self.event.state(label).status in (FREE, RESALE)

    def eligible(self, item: ChartObject) -> bool:
        request = self.request
        if item.object_type is not ObjectType.SEAT or not self.free(item.label):
            return False
        if item.table is not None and not self.event.table_config.bookable(item, self.layout):
            return False
        if request.accessible_seats == 0 and item.flags.accessible:
            return False
        if request.zone is not None and item.zone != request.zone:
            return False
        if self.sections is not None and item.section not in self.sections:
            return False
        if self.categories is not None:
            category = self.event.category_of(item, self.layout)
            key = self.event.category_key_of(item)
            names = {str(key).casefold()} | ({category.label.casefold()} if category else set())
            if not names & self.categories:
                return False
        if self.event.channels and not request.ignore_channels:
            channel = self.event.channel_of(item.label)
            if request.channel_keys is not None:
                if channel is None or channel.key not in request.channel_keys:
                    return False
            elif channel is not None:
                return False
        return self.event.for_sale_of(item, self.layout)

    def orphan(self, row: tuple[str, ...], start: int, end: int) -> bool:
        """Whether taking row[start:end] leaves one free seat alone at either side."""
        if start >= 1 and self.free(row[start - 1]) and (start < 2 or not self.free(row[start - 2])):
            return True
        last = len(row) - 1
        return end <= last and self.free(row[end]) and (end + 1 > last or not self.free(row[end + 1]))


def _choose(event: Event, layout: Layout, request: BestAvailableRequest) -> tuple[list[str], bool]:
    chooser = _Chooser(event, layout, request)
    number = request.number
    best_clean: tuple[float, int, int] | None = None  # (score, group, start)
    best_orphan: tuple[float, int, int] | None = None
    order = sorted(range(len(layout.groups)), key=lambda g: layout.group_floor[g])
    for group in order:
        if best_clean is not None and layout.group_floor[group] * number >= best_clean[0]:
            break
        row = layout.groups[group]
        if len(row) < number:
            continue
        items = [layout.objects[label] for label in row]
        ok = [chooser.eligible(item) for item in items]
        scores = [rank(item) for item in items]
        accessible = [item.flags.accessible for item in items]
        for start in range(len(row) - number + 1):
            end = start + number
            if not all(ok[start:end]):
                continue
            if request.accessible_seats and sum(accessible[start:end]) != request.accessible_seats:
                continue
            candidate = (sum(scores[start:end]), group, start)
            if request.prevent_orphans and chooser.orphan(row, start, end):
                if best_orphan is None or candidate < best_orphan:
                    best_orphan = candidate
            elif best_clean is None or candidate < best_clean:
                best_clean = candidate
    best = best_clean or best_orphan
    if best is not None:
        _, group, start = best
        return list(layout.groups[group][start : start + number]), True
    return _scattered(chooser, layout, number), False


def _scattered(chooser: _Chooser, layout: Layout, number: int) -> list[str]:
    """No run of ``number`` neighbours: the ``number`` best seats wherever they are."""
    found = sorted(
        (rank(item), item.ordinal, item.label) for item in layout.objects.values() if chooser.eligible(item)
    )
    if len(found) < number or (
        chooser.request.accessible_seats and not _enough_accessible(found, layout, chooser)
    ):
        raise BestAvailableNotFound()
    return [label for _, _, label in found[:number]]


def _enough_accessible(found: list[tuple[float, int, str]], layout: Layout, chooser: _Chooser) -> bool:
    accessible = sum(1 for _, _, label in found if layout.objects[label].flags.accessible)
    return accessible >= chooser.request.accessible_seats
