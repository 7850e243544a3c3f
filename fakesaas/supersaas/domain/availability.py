"""Free time: open hours minus bookings on resource schedules, places left in capacity slots."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import islice, tee
from typing import cast

from fakesaas.supersaas.domain.booking_index import later
from fakesaas.supersaas.domain.hours import OpeningHours
from fakesaas.supersaas.domain.records import Booking
from fakesaas.supersaas.domain.schedules import Schedule, Slot

# How far ahead free time is looked for; what is open at the end "extends indefinitely".
HORIZON = timedelta(days=366)


@dataclass(slots=True)
class FreeSpace:
    """A free stretch of one resource (``finish`` None: open on past the horizon), or a capacity
    slot with ``count`` places left (0 on a slot without a capacity limit)."""

    # Not frozen: a frozen dataclass sets each field through object.__setattr__, several times the
    # cost of a plain one, and every free query builds up to maxresults of these.
    start: datetime
    finish: datetime | None
    count: int
    resource_id: int | None = None
    title: str = ""
    slot: Slot | None = None


BookingsOf = Callable[[int | None], Iterable[Booking]]
Span = tuple[datetime, datetime]
Stretch = tuple[datetime, datetime | None]  # a free stretch; no finish: open on past the horizon
# In a resource's stream of stretches, (t, _NOTHING_BEFORE): no stretch of it starts before t.
_NOTHING_BEFORE = object()
Found = tuple[datetime, object]  # a Stretch, or a marker (t, _NOTHING_BEFORE)


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
    horizon = later(start_from, HORIZON)
    # The resources share the schedule's hours: each open span is made once, and tee hands it
    # to every resource's walk.
    spans = tee(_open_spans(hours, start_from, horizon), len(resource_ids))
    streams = []
    for resource_id, open_spans in zip(resource_ids, spans, strict=True):
        busy = (
            (booking.start, booking.finish)
            for booking in bookings_of(resource_id)
            if booking.start and booking.finish and booking.finish > start_from
        )
        streams.append(_free_stretches(open_spans, busy, horizon, min_length))
    names = {resource.id: resource.name for resource in schedule.resources}
    titles = [names.get(rid, schedule.name) if rid is not None else schedule.name for rid in resource_ids]
    return [
        FreeSpace(start, finish, 1, resource_ids[order], titles[order])
        for order, start, finish in _earliest(streams, limit)
    ]


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


def _earliest(streams: list[Iterator[Found]], limit: int) -> list[tuple[int, datetime, datetime | None]]:
    """The first ``limit`` stretches of all ``streams`` (each by start) as (the stream's order,
    start, finish), by start and then by order; a stream is read at most one stretch past those
    it gives the answer."""
    if limit < 1:
        return []
    if len(streams) == 1:  # one resource: nothing to merge
        found = (
            (0, start, cast(datetime | None, finish))
            for start, finish in streams[0]
            if finish is not _NOTHING_BEFORE
        )
        return list(islice(found, limit))
    # A heap of each stream's next item: (start, order) never ties, so finishes are never compared.
    # A stream's "nothing before t" marker sits in the heap at t: a stream that finds nothing for a
    # while is read only until the answer is complete, not up to the horizon.
    heads: list[tuple[datetime, int, object]] = []
    for order, stream in enumerate(streams):
        first = next(stream, None)
        if first is not None:
            heads.append((first[0], order, first[1]))
    heapq.heapify(heads)
    chosen: list[tuple[int, datetime, datetime | None]] = []
    while heads:
        start, order, finish = heads[0]
        if finish is not _NOTHING_BEFORE:
            chosen.append((order, start, cast(datetime | None, finish)))
            if len(chosen) == limit:
                break
        following = next(streams[order], None)
        if following is None:
            heapq.heappop(heads)
        else:
            heapq.heapreplace(heads, (following[0], order, following[1]))
    return chosen


def _free_stretches(
    spans: Iterator[Span],
    busy: Iterator[Span],
    horizon: datetime,
    min_length: timedelta,
) -> Iterator[Found]:
    """Open ``spans`` minus ``busy`` (both by start), joined across midnight, of at least
    ``min_length``; a stretch still open at the ``horizon`` has no finish (and is always long
    enough). One pass: spans and bookings both move forward in time."""
    # The stretch being joined up, not yet known to end (its finish is read only once it starts).
    pending_start: datetime | None = None
    pending_finish = horizon
    active: list[Span] = []
    upcoming = next(busy, None)
    silent = 0  # spans in a row that gave no stretch
    for opens, closes in spans:
        while upcoming is not None and upcoming[0] < closes:
            active.append(upcoming)
            upcoming = next(busy, None)
        if active:
            active = [interval for interval in active if interval[1] > opens]
        answered = False
        # Most spans have no booking in them: the whole span is free.
        for start, finish in _subtract(opens, closes, active) if active else ((opens, closes),):
            if pending_start is not None:
                if pending_finish == start:  # runs on from the span before (over midnight)
                    pending_finish = finish
                    continue
                if pending_finish - pending_start >= min_length:
                    yield pending_start, pending_finish
                    answered = True
            pending_start, pending_finish = start, finish
        if answered:
            silent = 0
            continue
        silent += 1
        if silent > 1:
            # Spans that give nothing (full, or their gaps too short): tell the merge how far this
            # resource has got, so it need not read on to learn that nothing comes earlier. Not
            # after one quiet span: a free stretch waits a span to learn where it ends.
            yield (closes if pending_start is None else pending_start), _NOTHING_BEFORE
    if pending_start is not None:
        if pending_finish >= horizon:
            yield pending_start, None
        elif pending_finish - pending_start >= min_length:
            yield pending_start, pending_finish


def _open_spans(hours: OpeningHours, start_from: datetime, horizon: datetime) -> Iterator[Span]:
    """Day by day from ``start_from``'s, with each weekday's spans as offsets from midnight (built
    once per week pattern); the calendar's last day goes through ``spans_on``, which knows it."""
    weekly = hours.offsets
    midnight = datetime.combine(start_from.date(), time())
    weekday = midnight.weekday()
    while midnight < horizon:
        if midnight == _LAST_MIDNIGHT:  # the calendar ends here (a search from 9999-12-31)
            for opens, closes in hours.spans_on(date.max):
                opens, closes = max(opens, start_from), min(closes, horizon)
                if opens < closes:
                    yield opens, closes
            return
        for open_offset, close_offset in weekly[weekday]:
            # Comparisons rather than max() and min(): this runs for every span of every day.
            opens = midnight + open_offset
            if opens < start_from:
                opens = start_from
            closes = midnight + close_offset
            if closes > horizon:
                closes = horizon
            if opens < closes:
                yield opens, closes
        midnight += _ONE_DAY
        weekday = (weekday + 1) % 7


_ONE_DAY = timedelta(days=1)
_LAST_MIDNIGHT = datetime.combine(date.max, time())


def _subtract(opens: datetime, closes: datetime, busy: list[Span]) -> list[Span]:
    """``[opens, closes)`` minus ``busy`` (sorted by start, all starting before ``closes``)."""
    pieces = []
    cursor = opens
    for start, finish in busy:
        if start > cursor:
            pieces.append((cursor, start))
        if finish > cursor:
            cursor = finish
        if cursor >= closes:
            return pieces
    if cursor < closes:
        pieces.append((cursor, closes))
    return pieces
