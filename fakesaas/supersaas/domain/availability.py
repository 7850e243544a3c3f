"""Free time: open hours minus bookings on resource schedules, places left in capacity slots."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Protocol, cast

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


# ``bookings_of(resource_id, since)``: that resource's bookings by start, beginning with any that
# may still run at ``since``; read lazily, only as far as an answer needs.
BookingsOf = Callable[[int | None, datetime], Iterable[Booking]]
Span = tuple[datetime, datetime]
Stretch = tuple[datetime, datetime | None]  # a free stretch; no finish: open on past the horizon
# In a resource's stream of stretches, (t, _NOTHING_BEFORE): no stretch of it starts before t.
_NOTHING_BEFORE = object()
Found = tuple[datetime, object]  # a Stretch, or a marker (t, _NOTHING_BEFORE)


class Keeper(Protocol):
    """Where a resource's timeline is kept between queries: its bookings' index, which drops it
    (sets ``derived`` to None) whenever one of them changes."""

    derived: object | None


def free_on_resources(
    schedule: Schedule,
    hours: OpeningHours,
    bookings_of: BookingsOf,
    start_from: datetime,
    min_length: timedelta,
    resource_ids: list[int | None],
    limit: int,
    keeper_of: Callable[[int | None], Keeper | None] = lambda resource_id: None,
) -> list[FreeSpace]:
    """The first ``limit`` free stretches of at least ``min_length`` from ``start_from``, in time
    order over all ``resource_ids`` (None stands for a schedule without resources), the order of
    ``resource_ids`` breaking ties. Each resource's stretches come from its ``Timeline``: the one
    its keeper holds when that one serves ``start_from``, else a new one, then kept there."""
    if limit < 1:
        return []
    horizon = later(start_from, HORIZON)
    timelines = [_timeline(hours, bookings_of, start_from, rid, keeper_of(rid)) for rid in resource_ids]
    names = {resource.id: resource.name for resource in schedule.resources}
    titles = [names.get(rid, schedule.name) if rid is not None else schedule.name for rid in resource_ids]
    return [
        FreeSpace(start, finish, 1, resource_ids[order], titles[order])
        for start, order, finish in _earliest(timelines, start_from, horizon, min_length, limit)
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


class Timeline:
    """One resource's free stretches of any length from ``anchor`` (the midnight before the first
    query) on: open hours minus bookings, worked out only as far as queries have read, and kept
    for the next query of the same day until one of the resource's bookings changes.

    Most queries ask for the next free times from now, over and over between bookings: the
    stretches already worked out are read again from a list rather than from the hours, the
    index and the bookings each time."""

    __slots__ = (
        "_source",
        "anchor",
        "finishes",
        "horizon",
        "hours",
        "known_until",
        "reach_hint",
        "serves_until",
        "stretches",
    )

    def __init__(
        self,
        hours: OpeningHours,
        anchor: datetime,
        horizon: datetime,
        serves_until: datetime,
        busy: Iterator[Span],
    ) -> None:
        self.hours = hours
        self.anchor = anchor
        self.horizon = horizon  # past this, a stretch has no finish
        self.serves_until = serves_until  # queries from [anchor, serves_until) may read this one
        self.stretches: list[Stretch] = []
        self.finishes: list[datetime] = []  # each stretch's finish (no finish: the last moment), to bisect
        self.known_until = anchor  # no stretch not yet in the list starts before this
        # How far past its start the last query needed to read for its answer: the first round
        # of the next one reaches that far, so a query asked again is answered in one round.
        self.reach_hint = _FIRST_REACH
        self._source = _free_stretches(_open_spans(hours, anchor, horizon), busy, horizon)

    def serves(self, hours: OpeningHours, start_from: datetime) -> bool:
        return (self.hours is hours or self.hours == hours) and self.anchor <= start_from < self.serves_until

    def first_after(self, moment: datetime) -> int:
        """The position of the first stretch worked out so far that is still free after ``moment``."""
        return bisect_right(self.finishes, moment)

    def read(
        self,
        position: int,
        start_from: datetime,
        until: datetime,
        horizon: datetime,
        min_length: timedelta,
        room: int,
        order: int,
        chosen: list[Chosen],
    ) -> int:
        """Add to ``chosen``, as (start, ``order``, finish), the stretches from ``position`` on
        that start before ``until``, cut to start no earlier than ``start_from``, at least
        ``min_length`` long unless still open at the query's ``horizon`` (then with no finish),
        at most ``room`` of them. Answers the position to go on from, or ``DONE`` when nothing
        more of this resource can be in the answer."""
        stretches = self.stretches
        while True:
            if position == len(stretches):
                if self.known_until >= until:
                    return position
                if not self._pull():
                    return DONE
                continue
            start, finish = stretches[position]
            if start >= until:
                return position
            position += 1
            if finish is not None and finish <= start_from:
                continue
            if start < start_from:
                start = start_from
            if finish is None or finish >= horizon:
                chosen.append((start, order, None))
                return DONE
            if finish - start >= min_length:
                chosen.append((start, order, finish))
                room -= 1
                if not room:
                    return DONE

    def _pull(self) -> bool:
        """Work out the next stretch (or how far on nothing starts); False when there is no more."""
        found = next(self._source, None)
        if found is None:
            self.known_until = datetime.max
            return False
        start, finish = found
        self.known_until = start
        if finish is not _NOTHING_BEFORE:
            stretch = cast(Stretch, found)
            self.stretches.append(stretch)
            self.finishes.append(datetime.max if stretch[1] is None else stretch[1])
        return True


Chosen = tuple[datetime, int, datetime | None]  # (start, the resource's order, finish)
DONE = -1  # Timeline.read: nothing more of this resource can be in the answer
_FIRST_REACH = timedelta(days=1)
_ONE_MINUTE = timedelta(minutes=1)
# A timeline is kept for a day of queries, so it reaches a day past the horizon of the first.
_KEPT_HORIZON = HORIZON + timedelta(days=1)
# Near the end of the calendar a horizon is cut short, and one query's stretches need not be
# another's: there, each query works out its own.
_LAST_KEPT_ANCHOR = datetime.max - _KEPT_HORIZON - timedelta(days=2)


def _timeline(
    hours: OpeningHours,
    bookings_of: BookingsOf,
    start_from: datetime,
    resource_id: int | None,
    keeper: Keeper | None,
) -> Timeline:
    kept = keeper.derived if keeper is not None else None
    if isinstance(kept, Timeline) and kept.serves(hours, start_from):
        return kept
    if start_from < _LAST_KEPT_ANCHOR:
        anchor = datetime.combine(start_from.date(), time(), start_from.tzinfo)
        horizon, serves_until = anchor + _KEPT_HORIZON, anchor + _ONE_DAY
    else:
        anchor, horizon, serves_until = start_from, later(start_from, HORIZON), start_from
        keeper = None
    busy = (
        (booking.start, booking.finish)
        for booking in bookings_of(resource_id, anchor)
        if booking.start and booking.finish and booking.finish > anchor
    )
    timeline = Timeline(hours, anchor, horizon, serves_until, busy)
    if keeper is not None:
        keeper.derived = timeline
    return timeline


def _earliest(
    timelines: list[Timeline], start_from: datetime, horizon: datetime, min_length: timedelta, limit: int
) -> list[Chosen]:
    """The first ``limit`` stretches over all ``timelines`` as (start, order, finish), by start
    and then by order. Read in rounds over a reach that doubles from a day: once ``limit`` start
    within the reach, nothing past it can come earlier, so a resource with no gap long enough is
    read only about as far as the answer goes, not to the horizon."""
    chosen: list[Chosen] = []
    positions = [timeline.first_after(start_from) for timeline in timelines]
    taken = [0] * len(timelines)
    reach, step = start_from, min([timeline.reach_hint for timeline in timelines], default=_FIRST_REACH)
    while True:
        reach = min(later(reach, step), horizon)
        step += step
        for order, timeline in enumerate(timelines):
            position = positions[order]
            if position == DONE:
                continue
            before = len(chosen)
            room = limit - taken[order]
            positions[order] = timeline.read(
                position, start_from, reach, horizon, min_length, room, order, chosen
            )
            taken[order] += len(chosen) - before
        # (start, order) never ties, so finishes (a datetime or None) are never compared.
        chosen.sort()
        if len(chosen) >= limit:
            # Just past the last start answered, and at least a fresh query's first reach. A
            # query that follows one reaching far (a long length asked) reads that far in its
            # first round, over stretches already worked out, and leaves its own hint.
            needed = max(chosen[limit - 1][0] - start_from + _ONE_MINUTE, _FIRST_REACH)
            for timeline in timelines:
                timeline.reach_hint = needed
            return chosen[:limit]
        if reach >= horizon or all(p == DONE for p in positions):
            return chosen


def _free_stretches(spans: Iterator[Span], busy: Iterator[Span], horizon: datetime) -> Iterator[Found]:
    """Open ``spans`` minus ``busy`` (both by start), joined across midnight; a stretch still open at
    the ``horizon`` has no finish. One pass: spans and bookings both move forward in time."""
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
                yield pending_start, pending_finish
                answered = True
            pending_start, pending_finish = start, finish
        if answered:
            silent = 0
            continue
        silent += 1
        if silent > 1:
            # Spans that give nothing (fully booked): tell the timeline how far this resource has
            # got, so a query need not read on to learn that nothing comes earlier. Not after one
            # quiet span: a free stretch waits a span to learn where it ends.
            yield (closes if pending_start is None else pending_start), _NOTHING_BEFORE
    if pending_start is not None:
        yield pending_start, (None if pending_finish >= horizon else pending_finish)


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
