"""Free time: open hours minus bookings on resource schedules, places left in capacity slots."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import islice

from fakesaas.supersaas.domain.booking_index import later
from fakesaas.supersaas.domain.hours import OpeningHours
from fakesaas.supersaas.domain.records import Booking
from fakesaas.supersaas.domain.schedules import Schedule, Slot

# How far ahead free time is looked for; what is open at the end "extends indefinitely".
HORIZON = timedelta(days=366)


@dataclass(frozen=True, slots=True)
class FreeSpace:
    """A free stretch of one resource (``finish`` None: open on past the horizon), or a capacity
    slot with ``count`` places left (0 on a slot without a capacity limit)."""

    start: datetime
    finish: datetime | None
    count: int
    resource_id: int | None = None
    title: str = ""
    slot: Slot | None = None


BookingsOf = Callable[[int | None], Iterable[Booking]]


def free_on_resources(
    schedule: Schedule,
    hours: OpeningHours,
    bookings_of: BookingsOf,
    start_from: datetime,
    min_length: timedelta,
    resource_ids: list[int | None],
    limit: int,
) -> list[FreeSpace]:
    """The first ``limit`` free stretches of at least ``min_length`` from ``start_from``, in time
    order over all ``resource_ids`` (None stands for a schedule without resources).

    ``bookings_of(resource_id)`` gives that resource's bookings by start, beginning with any that
    may still run at ``start_from``; they are read lazily, only as far as the answer needs."""
    streams = []
    names = {resource.id: resource.name for resource in schedule.resources}
    for order, resource_id in enumerate(resource_ids):
        title = names.get(resource_id, schedule.name) if resource_id is not None else schedule.name
        busy = (
            (booking.start, booking.finish)
            for booking in bookings_of(resource_id)
            if booking.start and booking.finish and booking.finish > start_from
        )
        stretches = _free_stretches(hours, busy, start_from, later(start_from, HORIZON))
        streams.append(_long_enough(stretches, min_length, order, resource_id, title))
    # (start, order, space): no two items tie on (start, order), so spaces are never compared.
    merged = heapq.merge(*streams)
    return [space for _, _, space in islice(merged, limit)]


def free_in_slots(
    slots: Iterable[Slot],
    places_taken: Callable[[int], int],
    include_full: bool,
    limit: int,
) -> list[FreeSpace]:
    """Of ``slots`` (those from the wanted time on, by start), the first ``limit`` with places
    left (or all, with ``include_full``)."""
    chosen = []
    for slot in slots:
        left = max(slot.capacity - places_taken(slot.id), 0) if slot.capacity else 0
        if slot.capacity and left == 0 and not include_full:
            continue
        chosen.append(FreeSpace(slot.start, slot.finish, left, None, slot.title, slot))
        if len(chosen) == limit:
            break
    return chosen


def _long_enough(
    stretches: Iterator[tuple[datetime, datetime | None]],
    min_length: timedelta,
    order: int,
    resource_id: int | None,
    title: str,
) -> Iterator[tuple[datetime, int, FreeSpace]]:
    for start, finish in stretches:
        if finish is None or finish - start >= min_length:
            yield start, order, FreeSpace(start, finish, 1, resource_id, title)


def _free_stretches(
    hours: OpeningHours, busy: Iterator[tuple[datetime, datetime]], start_from: datetime, horizon: datetime
) -> Iterator[tuple[datetime, datetime | None]]:
    """Open time minus ``busy`` (by start), joined across midnight; a stretch still open at the
    horizon has no finish. One pass: spans and bookings both move forward in time."""
    pending: tuple[datetime, datetime] | None = None
    active: list[tuple[datetime, datetime]] = []
    upcoming = next(busy, None)
    for opens, closes in _open_spans(hours, start_from, horizon):
        while upcoming is not None and upcoming[0] < closes:
            active.append(upcoming)
            upcoming = next(busy, None)
        active = [interval for interval in active if interval[1] > opens]
        for start, finish in _subtract(opens, closes, active):
            if pending and pending[1] == start:
                pending = (pending[0], finish)
                continue
            if pending:
                yield pending
            pending = (start, finish)
    if pending:
        yield (pending[0], None) if pending[1] >= horizon else pending


def _open_spans(
    hours: OpeningHours, start_from: datetime, horizon: datetime
) -> Iterator[tuple[datetime, datetime]]:
    """Day by day from ``start_from``'s, with each weekday's spans as offsets from midnight (built
    once per week pattern); the calendar's last day goes through ``spans_on``, which knows it."""
    day = start_from.date()
    midnight = datetime.combine(day, time())
    weekday = day.weekday()
    weekly = hours.offsets
    while midnight < horizon:
        if day == date.max:  # the calendar ends here (a search from 9999-12-31)
            for opens, closes in hours.spans_on(day):
                opens, closes = max(opens, start_from), min(closes, horizon)
                if opens < closes:
                    yield opens, closes
            return
        for open_offset, close_offset in weekly[weekday]:
            opens, closes = max(midnight + open_offset, start_from), min(midnight + close_offset, horizon)
            if opens < closes:
                yield opens, closes
        midnight += _ONE_DAY
        day = midnight.date()
        weekday = (weekday + 1) % 7


_ONE_DAY = timedelta(days=1)


def _subtract(
    opens: datetime, closes: datetime, busy: list[tuple[datetime, datetime]]
) -> Iterator[tuple[datetime, datetime]]:
    """``[opens, closes)`` minus ``busy`` (sorted by start, all starting before ``closes``)."""
    cursor = opens
    for start, finish in busy:
        if start > cursor:
            yield cursor, start
        cursor = max(cursor, finish)
        if cursor >= closes:
            return
    if cursor < closes:
        yield cursor, closes
