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
from fakesaas.seatsio.domain.errors import BestAvailableNotFound, InvalidRequest
from fakesaas.seatsio.domain.events import SELECTABLE, Event, ObjectInfo
from fakesaas.seatsio.domain.history import Origin
from fakesaas.seatsio.domain.layout import ChartObject, Layout, ObjectType, rank
from fakesaas.seatsio.domain.row_runs import RowBest, RowRuns, Run
from fakesaas.seatsio.domain.state import Scope
from fakesaas.seatsio.domain.statuses import ChangeKind, ObjectRef, StatusRequest


# Not frozen: many are made per request, and a frozen dataclass's __init__ sets every field
# through object.__setattr__, at twice the cost. None is changed once made.
@dataclass(slots=True)
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


@dataclass(slots=True)
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
        # Without filters, channels or for-sale settings, a free seat is eligible unless it is an
        # accessible one nobody asked for: the fast path of every unfiltered call.
        self.plain = (
            self.categories is None
            and self.sections is None
            and request.zone is None
            and not event.channels
            and event.for_sale is None
        )

    def free(self, label: str) -> bool:
        return self.event.state(label).status in SELECTABLE

    def eligible(self, item: ChartObject) -> bool:
        """Whether ``item`` (a free seat) may be offered."""
        request = self.request
        if item.object_type is not ObjectType.SEAT:
            return False
        if request.accessible_seats == 0 and item.flags.accessible:
            return False
        if item.table is not None and not self.event.table_config.bookable(item, self.layout):
            return False
        if self.plain:
            return True
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


def _orphan(free: int, start: int, end: int, last: int) -> bool:
    """Whether taking seats [start, end) of a row leaves one free seat alone at either side
    (``free``: the row's free seats as bits, ``last``: the index of its last seat)."""
    if start >= 1 and free >> (start - 1) & 1 and (start < 2 or not free >> (start - 2) & 1):
        return True
    return end <= last and free >> end & 1 == 1 and (end + 1 > last or not free >> (end + 1) & 1)


def _choose(event: Event, layout: Layout, request: BestAvailableRequest) -> tuple[list[str], bool]:
    chooser = _Chooser(event, layout, request)
    number = request.number
    taken = event.taken_per_row(layout)
    if layout.grouped_seats - sum(taken.values()) < number:
        # Too few seats left free anywhere (every seat is in a row or at a table): a sold-out
        # event answers at once instead of after a walk of the whole chart.
        raise BestAvailableNotFound()
    # Unfiltered, what earlier picks worked out is kept; a filtered pick starts from nothing.
    plain = chooser.plain
    runs = (
        event.best_runs_for(layout, (number, request.accessible_seats, request.prevent_orphans))
        if plain
        else RowRuns()
    )
    groups, order, floor = layout.groups, layout.group_order, layout.group_floor
    for group in runs.take_changed():
        if layout.group_place[group] < runs.looked and len(groups[group]) - taken.get(group, 0) >= number:
            runs.keep(group, _best_in_row(chooser, group))
    best_clean = runs.best_clean()
    while runs.looked < len(order):
        group = order[runs.looked]
        if best_clean is not None and floor[group] * number >= best_clean[0]:
            break  # no row from here on can do better
        runs.looked += 1
        if len(groups[group]) - taken.get(group, 0) < number:
            continue  # too few free seats left in it: not even looked at
        best = _best_in_row(chooser, group)
        runs.keep(group, best)
        clean = best[0]
        if clean is not None and (best_clean is None or clean < best_clean):
            best_clean = clean
    # No clean run: the walk went through every row, and the best run that leaves a seat alone wins.
    found = best_clean or runs.best_orphan()
    if found is not None:
        _, group, start = found
        return list(groups[group][start : start + number]), True
    return _scattered(chooser, layout, number), False


def _best_in_row(chooser: _Chooser, group: int) -> RowBest:
    """The best run of one row that leaves no seat alone, and the best that does (when the row
    has no clean run; with one, the other is only ever a better score than it, if anything)."""
    layout, request = chooser.layout, chooser.request
    row = layout.groups[group]
    number = request.number
    free = chooser.event.free_mask(layout, group)
    accessible = layout.group_accessible[group]
    if chooser.plain and not layout.group_is_table[group]:
        # Unfiltered, in a row: a free seat is eligible unless accessible seats were not asked for.
        ok = free if request.accessible_seats else free & ~accessible
    else:
        objects, ok = layout.objects, 0
        for position, label in enumerate(row):
            if free >> position & 1 and chooser.eligible(objects[label]):
                ok |= 1 << position
    wanted_accessible = request.accessible_seats
    prevent = request.prevent_orphans
    sums = layout.group_sums[group]
    whole = (1 << number) - 1  # a run's seats, shifted to its start
    last = len(row) - 1
    orphan: Run | None = None
    # Runs from the best score to the worst (ties from the row's start): the first clean one is
    # the row's best, and once a row has a clean run its runs that leave a seat alone never win.
    for start in layout.runs_by_score(group, number):
        if ok >> start & whole != whole:
            continue
        if wanted_accessible and (accessible >> start & whole).bit_count() != wanted_accessible:
            continue
        end = start + number
        if prevent and _orphan(free, start, end, last):
            if orphan is None:
                orphan = (sums[end] - sums[start], group, start)
            continue
        return (sums[end] - sums[start], group, start), orphan
    return None, orphan


def _scattered(chooser: _Chooser, layout: Layout, number: int) -> list[str]:
    """No run of ``number`` neighbours: the ``number`` best seats wherever they are."""
    found = sorted(
        (rank(item), item.ordinal, item.label)
        for item in layout.objects.values()
        if chooser.free(item.label) and chooser.eligible(item)
    )
    if len(found) < number or (
        chooser.request.accessible_seats and not _enough_accessible(found, layout, chooser)
    ):
        raise BestAvailableNotFound()
    return [label for _, _, label in found[:number]]


def _enough_accessible(found: list[tuple[float, int, str]], layout: Layout, chooser: _Chooser) -> bool:
    accessible = sum(1 for _, _, label in found if layout.objects[label].flags.accessible)
    return accessible >= chooser.request.accessible_seats
