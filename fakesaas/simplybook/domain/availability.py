"""The availability engine: which start times a service can be booked at, by whom, for how many.

One rule decides everything: ``Availability.refusal`` says why a booking of ``count`` places for
a service with a provider at a start time would be refused, or None. The start-time matrix offers
exactly the grid times ``refusal`` accepts, so every offered slot can be booked and no other can.

A start is accepted when it lies on the company's timeframe grid, after now plus the company's
``min_time_till_event`` (hours) and within ``max_time_till_event`` (days, 0 = no limit), inside
the provider's working hours (breaks and days off cut out; ``allow_event_breaktime_break`` lets a
service run over a break, ``allow_event_day_break`` past closing time), and when the provider has
``count`` places free for the whole time the booking keeps it busy (duration plus buffer time).
All times are the company's wall times.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from itertools import compress
from types import MappingProxyType

from fakesaas.simplybook.domain.catalog import Event, Unit
from fakesaas.simplybook.domain.companies import Company
from fakesaas.simplybook.domain.errors import Failure
from fakesaas.simplybook.domain.hours import Interval, Workdays, merge, subtract
from fakesaas.simplybook.domain.records import Booking
from fakesaas.simplybook.domain.values import DAY, ONE_DAY, at, delta, local_now, seconds_of

MAX_RANGE_DAYS = 366  # the longest range a matrix or calendar call reads [INF]
# A day's start times, seconds after its midnight, ascending. A tuple, so that the grids worked
# out once (``_open_grid``, ``_union_of``) are shared, never changed.
Starts = tuple[int, ...]


@dataclass(slots=True)  # made on every matrix call: a frozen one's fields cost twice to set
class _Plan:
    """One provider's part of a matrix (``Availability._plan``)."""

    unit: Unit
    workdays: Workdays
    grids: tuple[Starts, ...]  # per weekday (0 = Monday), for the plain days
    others: set[int]  # positions of the days that are not plain


_CLOSED_WEEK: tuple[Starts, ...] = ((),) * 7


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a start is refused: the documented failure and a sentence for ``data``."""

    failure: Failure
    reason: str


class Availability:
    """Availability of one company at one moment (the world's now, as the company's wall time)."""

    def __init__(self, company: Company, now: datetime, admin: bool = False) -> None:
        self.company = company
        settings = company.settings
        self.now = local_now(now, settings.timezone)
        self.today = self.now.date()
        self.step = settings.timeframe * 60
        self.earliest = self.now + delta(settings.number("min_time_till_event") * 3600)
        horizon = settings.number("max_time_till_event")
        self.last_day = self.today + delta(horizon * DAY) if horizon else None
        if admin:
            # The admin service books the past and inside the lead time too, as the admin
            # calendar does; hours, the grid and capacity still hold.
            self.now = self.earliest = datetime.min
            self.today, self.last_day = date.min, None
        self.over_breaks = settings.flag("allow_event_breaktime_break")
        self.past_closing = settings.flag("allow_event_day_break")
        self.floor = max(self.now, self.earliest)  # no start before this

    # --- the one rule ---------------------------------------------------------------------
    def refusal(
        self,
        event: Event,
        unit: Unit,
        start: datetime,
        count: int = 1,
        end: datetime | None = None,
        ignore: int | None = None,
    ) -> Refusal | None:
        """None when ``count`` places of ``event`` with ``unit`` can start at ``start`` (ending at
        ``end``, by default after the service's duration); ``ignore`` leaves one booking out (the
        one being moved)."""
        day = start.date()
        if day < self.today or (self.last_day is not None and day > self.last_day):
            return Refusal(Failure.DATE_NOT_AVAILABLE, f"{day} is outside the bookable days")
        intervals = self.intervals(unit, day)
        if not intervals:
            return Refusal(Failure.DATE_NOT_AVAILABLE, f"{unit.name} does not work on {day}")
        offset = seconds_of(start)
        if offset % self.step:
            return Refusal(
                Failure.TIME_NOT_AVAILABLE, f"{start:%H:%M:%S} is not on the {self.step // 60}-minute grid"
            )
        if start < self.now:
            return Refusal(Failure.TIME_NOT_AVAILABLE, f"{start} has passed")
        if start < self.earliest:
            return Refusal(Failure.BOOKING_NOT_ALLOWED_NOW, "too close to the start to book")
        finish = end or start + delta(event.duration_with(unit.id) * 60)
        if not self._within_hours(intervals, offset, offset + int((finish - start).total_seconds())):
            return Refusal(
                Failure.TIME_NOT_AVAILABLE, f"{start:%H:%M} is outside {unit.name}'s working hours"
            )
        if count > unit.qty:
            return Refusal(Failure.NOT_ALL_RESERVED, f"{unit.name} takes {unit.qty} at a time, not {count}")
        busy_until = finish + delta(event.buffer_time_after * 60)
        taken = self.peak(unit, start, busy_until, ignore)
        if taken + count > unit.qty:
            failure = Failure.TIME_NOT_AVAILABLE if count == 1 else Failure.NOT_ALL_RESERVED
            return Refusal(failure, f"{unit.name} is booked at {start:%Y-%m-%d %H:%M}")
        return None

    def intervals(self, unit: Unit, day: date) -> tuple[Interval, ...]:
        return self.company.workdays(unit.id).intervals(day, self.company.holidays)

    def _within_hours(self, intervals: tuple[Interval, ...], start: int, end: int) -> bool:
        opening = next(((a, b) for a, b in intervals if a <= start < b), None)
        if opening is None:
            return False
        if self.past_closing:
            return True
        if self.over_breaks:
            return end <= intervals[-1][1]
        return end <= opening[1]

    def peak(self, unit: Unit, start: datetime, end: datetime, ignore: int | None = None) -> int:
        """The most places of ``unit`` taken at any one moment of [start, end)."""
        bookings = [b for b in self.company.index.overlapping(unit.id, start, end) if b.id != ignore]
        if not bookings:
            return 0
        if unit.qty == 1:
            return 1
        return _peak(bookings, start, end)

    # --- reads built on the rule ----------------------------------------------------------
    def _starts(self, event: Event, unit: Unit, workdays: Workdays, day: date, count: int) -> Starts:
        """Grid times (seconds) of ``day`` at which ``refusal`` accepts the booking.

        The same rule as ``refusal``, worked out for a whole day at once: the day's hours and its
        bookings are read once, then each grid time is integer arithmetic. The property tests
        (tests/simplybook/test_properties.py, test_matrix_rule.py) hold the two to the same
        answers."""
        if day < self.today or (self.last_day is not None and day > self.last_day) or count > unit.qty:
            return ()
        intervals = workdays.intervals(day, self.company.holidays)
        if not intervals:
            return ()
        duration = event.duration_with(unit.id) * 60
        occupy = duration + event.buffer_time_after * 60
        base = at(day, 0)
        if day > self.floor.date():
            # A day wholly after the lead time: its grid depends only on the hours and the
            # service, so it is worked out once for all the days and companies that share them.
            candidates = _open_grid(intervals, self.step, duration, self.past_closing, self.over_breaks)
        else:
            # Grid times are whole steps from midnight: those at or after the floor are those at
            # or after the next step, so the day's grid is the same until the floor passes it.
            step = self.step
            lower = int(-((base - self.floor).total_seconds() // step)) * step
            candidates = _lead_grid(intervals, step, duration, self.past_closing, self.over_breaks, lower)
        if not candidates:
            return candidates
        window_end = intervals[-1][1] + occupy
        index = self.company.index
        if window_end <= DAY:
            # The index lists a booking on every day it keeps its provider busy, and every stay
            # that starts this day ends by midnight: the day's own list is all there is to check
            # (a booking of it that meets none of the stays changes no answer).
            bookings: Iterable[Booking] = index.on(unit.id, day)
        else:
            bookings = index.overlapping(unit.id, base + delta(intervals[0][0]), base + delta(window_end))
        busy = [((b.start - base).total_seconds(), (b.busy_until - base).total_seconds()) for b in bookings]
        if not busy:
            return candidates
        if unit.qty == 1:
            return _clear_of(candidates, busy, occupy)
        found: list[int] = []
        for offset in candidates:
            end = offset + occupy
            taken = [(a, b) for a, b in busy if a < end and b > offset]
            if not taken or _peak_of(taken, offset, end) + count <= unit.qty:
                found.append(offset)
        return tuple(found)

    def matrix(
        self, event: Event, units: Iterable[Unit], first: date, last: date, count: int = 1
    ) -> Mapping[date, Starts]:
        """Start times per day over [first, last] with any of ``units``, ascending.

        A booking widget asks for the same month again and again, and its answer changes only
        when something it is worked out from does: so each is kept under all of that (``_inputs``)
        and handed out read-only, the same mapping while it holds (the presenter keeps its
        writing by that identity)."""
        units = tuple(units)
        key = self._inputs(event, units, first, last, count)
        kept = _MATRICES.get(key)
        if kept is None:
            if len(_MATRICES) >= _MATRICES_KEPT:
                _MATRICES.clear()
            kept = _MATRICES[key] = MappingProxyType(self._matrix(event, units, first, last, count))
        return kept

    def _inputs(
        self, event: Event, units: tuple[Unit, ...], first: date, last: date, count: int
    ) -> tuple[object, ...]:
        """Everything a matrix is worked out from, as ``_matrix``, ``_plan`` and ``_starts`` read
        it. The bookings by their index and its count of changes (the index held here, so no other
        can take its identity); hours, days off and holidays by value (frozen); the moment by the
        first grid time it lets in (a day before the floor's day offers nothing, and on it the
        grid times from the floor on are those from the next whole step on)."""
        company = self.company
        catalog_units = company.catalog.units
        providers = []
        for unit in units:
            own = catalog_units.get(unit.id)  # what ``Company.workdays`` reads
            providers.append(
                (
                    unit.id,
                    unit.qty,
                    event.duration_with(unit.id),
                    own.hours if own is not None else None,
                    own.days_off if own is not None else None,
                )
            )
        floor, step = self.floor, self.step
        since_midnight = seconds_of(floor) + (1 if floor.microsecond else 0)  # whole seconds, up
        index = company.index
        return (
            index,
            index.version,
            company.hours,
            company.holidays,
            tuple(providers),
            event.buffer_time_after,
            first,
            last,
            count,
            step,
            self.past_closing,
            self.over_breaks,
            self.today,
            self.last_day,
            floor.date(),
            -(-since_midnight // step) * step,
        )

    def _matrix(
        self, event: Event, units: tuple[Unit, ...], first: date, last: date, count: int
    ) -> dict[date, Starts]:
        """The matrix worked out afresh.

        Most days are plain for a provider: after the lead time, within the bookable days,
        neither off nor a holiday, no bookings listed, and hours that end the day's last stay by
        midnight. A plain day's start times are the service's grid over its weekday's hours, so
        the matrix is seven unions of grids, week after week; only the days that are not plain
        for some provider go through ``_starts``."""
        range_ = days(first, last)
        size = len(range_)
        plans = [self._plan(event, unit, range_, count) for unit in units]
        monday_offset = first.weekday()
        weekly = list(_weekly_union([plan.grids for plan in plans]))
        # Week after week from ``first``'s weekday on, cut to the range's length.
        result = (weekly[monday_offset:] + weekly[:monday_offset]) * (size // 7 + 1)
        del result[size:]
        for n in set().union(*(plan.others for plan in plans)):
            day, weekday = range_[n], (monday_offset + n) % 7
            result[n] = _union(  # not kept: a day worked out afresh is a new tuple each call
                tuple(
                    self._starts(event, plan.unit, plan.workdays, day, count)
                    if n in plan.others
                    else plan.grids[weekday]
                    for plan in plans
                )
            )
        return dict(zip(range_, result, strict=True))

    def _plan(self, event: Event, unit: Unit, range_: tuple[date, ...], count: int) -> _Plan:
        """The provider's grid per weekday for its plain days, and where in ``range_`` (consecutive
        days) the days that are not plain fall."""
        size = len(range_)
        workdays = self.company.workdays(unit.id)
        if count > unit.qty or not size:
            return _Plan(unit, workdays, _CLOSED_WEEK, set())
        duration = event.duration_with(unit.id) * 60
        occupy = duration + event.buffer_time_after * 60
        grids, late = _week(
            workdays.hours.days, self.step, duration, occupy, self.past_closing, self.over_breaks
        )
        first = range_[0]
        others = set(range(min(size, (self.floor.date() - first).days + 1)))  # lead time, today
        for weekday in late:  # a stay may run into the next day's bookings
            others.update(range((weekday - first.weekday()) % 7, size, 7))
        if self.last_day is not None:
            others.update(range(max(0, (self.last_day - first).days + 1), size))  # past the horizon
        for closed in (workdays.days_off, self.company.holidays):
            if closed:
                others.update(_positions(closed, range_))
        others.update(self.company.index.listed(unit.id, range_))
        return _Plan(unit, workdays, grids, others)

    def first_unit(self, event: Event, units: Iterable[Unit], start: datetime, count: int = 1) -> Unit | None:
        """The first of ``units`` (by position) that can take the booking."""
        return next((u for u in units if self.refusal(event, u, start, count) is None), None)

    def free_intervals(self, event: Event, unit: Unit, day: date, count: int = 1) -> list[Interval]:
        """Working time of ``day`` in which ``unit`` has ``count`` places free, from now on."""
        if day < self.today or (self.last_day is not None and day > self.last_day):
            return []
        open_ = list(self.intervals(unit, day))
        if day == self.today:
            open_ = subtract(open_, [(0, seconds_of(self.earliest) if self.earliest.date() == day else DAY)])
        base = at(day, 0)
        bookings = list(self.company.index.overlapping(unit.id, base, base + ONE_DAY))
        full: list[Interval] = []
        for booking in bookings:
            a = max(booking.start, base)
            b = min(booking.busy_until, base + ONE_DAY)
            begin, finish = int((a - base).total_seconds()), int((b - base).total_seconds())
            if self.peak(unit, a, b) + count > unit.qty:
                full.append((begin, finish))
        return merge(subtract(open_, merge(full)))

    def end_time(self, event: Event, unit: Unit, start: datetime) -> datetime | None:
        """When a booking starting at ``start`` ends, or None if it does not fit the hours."""
        intervals = self.intervals(unit, start.date())
        finish = start + delta(event.duration_with(unit.id) * 60)
        offset = seconds_of(start)
        if not self._within_hours(intervals, offset, offset + int((finish - start).total_seconds())):
            return None
        return finish

    def works_on(self, units: Iterable[Unit | None], day: date) -> bool:
        return any(
            self.company.workdays(u.id if u else None).intervals(day, self.company.holidays) for u in units
        )


def _peak(bookings: list[Booking], start: datetime, end: datetime) -> int:
    points: list[tuple[datetime, int]] = []
    for booking in bookings:
        points.append((max(booking.start, start), 1))
        points.append((min(booking.busy_until, end), -1))
    points.sort(key=lambda point: (point[0], point[1]))  # an end before a start at the same moment
    running = best = 0
    for _, change in points:
        running += change
        best = max(best, running)
    return best


def _clear_of(candidates: Starts, busy: list[tuple[float, float]], occupy: int) -> Starts:
    """The ``candidates`` (ascending) at which a stay of ``occupy`` seconds meets none of ``busy``.

    A start at ``offset`` meets a busy span (a, b) when a - occupy < offset < b: each span rules
    out one stretch of the candidates, found by bisection. When none is ruled out the day keeps
    the very tuple it was given, shared with the days alike (``_open_grid``)."""
    cuts = sorted((bisect_right(candidates, a - occupy), bisect_left(candidates, b)) for a, b in busy)
    kept: list[int] = []
    position = 0
    for low, high in cuts:
        if low >= high:
            continue  # the span falls between two candidates
        kept.extend(candidates[position:low])
        position = max(position, high)
    if position == 0 and len(kept) == 0:
        return candidates
    kept.extend(candidates[position:])
    return tuple(kept)


def _peak_of(spans: list[tuple[float, float]], start: float, end: float) -> int:
    """``_peak`` for spans in seconds from a day's midnight."""
    points = sorted([(max(a, start), 1) for a, _ in spans] + [(min(b, end), -1) for _, b in spans])
    running = best = 0
    for _, change in points:
        running += change
        best = max(best, running)
    return best


def _grid(
    intervals: tuple[Interval, ...],
    step: int,
    duration: int,
    past_closing: bool,
    over_breaks: bool,
    lower: float,
) -> Starts:
    """Grid times of a day's ``intervals`` at or after ``lower`` (seconds) at which a service of
    ``duration`` seconds may start, bookings left aside."""
    found: list[int] = []
    last_close = intervals[-1][1]
    for opening, closing in intervals:
        limit = None if past_closing else (last_close if over_breaks else closing)
        first = max(-(-opening // step) * step, -(-int(lower) // step) * step)
        while first < lower:  # a fraction of a second past a grid time
            first += step
        stop = closing if limit is None else min(closing, limit - duration + 1)
        found.extend(range(first, stop, step))
    return tuple(found)


_lead_grid = lru_cache(maxsize=256)(_grid)  # a day the lead time cuts, from a whole step on


@lru_cache(maxsize=1024)
def _open_grid(
    intervals: tuple[Interval, ...], step: int, duration: int, past_closing: bool, over_breaks: bool
) -> Starts:
    return _grid(intervals, step, duration, past_closing, over_breaks, 0.0)


@lru_cache(maxsize=256)
def _week(
    days: tuple[tuple[Interval, ...], ...],
    step: int,
    duration: int,
    occupy: int,
    past_closing: bool,
    over_breaks: bool,
) -> tuple[tuple[Starts, ...], tuple[int, ...]]:
    """A week of ``days`` (weekly hours): each weekday's open grid, and the weekdays on which a
    stay of ``occupy`` seconds may end past midnight. Looked up once per provider and matrix call
    rather than seven times: providers mostly share a handful of weeks."""
    grids = tuple(
        _open_grid(intervals, step, duration, past_closing, over_breaks) if intervals else ()
        for intervals in days
    )
    late = tuple(
        weekday for weekday, intervals in enumerate(days) if intervals and intervals[-1][1] + occupy > DAY
    )
    return grids, late


def _union(rows: tuple[Starts, ...]) -> Starts:
    """The providers' start times of a day, ascending, each once (any provider: the union)."""
    present = [starts for starts in rows if starts]
    if len(present) <= 1:
        return present[0] if present else ()
    return tuple(sorted(set().union(*present)))


# Matrices by what they are worked out from (``Availability._inputs``): a few widgets' months.
_MATRICES: dict[tuple[object, ...], MappingProxyType[date, Starts]] = {}
_MATRICES_KEPT = 256

# The union of grids worked out once (``_open_grid``'s tuples): a plain weekday's, shared.
_union_of = lru_cache(maxsize=1024)(_union)

# Weeks of the providers' grids (``_week``'s tuples) and their union, by the weeks' identities;
# each entry holds its weeks, so no other object can take their ids while it is kept. Hashing
# the weeks by value instead costs more than the union it finds (14 tuples of times).
_UNIONS: dict[tuple[int, ...], tuple[list[tuple[Starts, ...]], tuple[Starts, ...]]] = {}
_UNIONS_KEPT = 256


def _weekly_union(weeks: list[tuple[Starts, ...]]) -> tuple[Starts, ...]:
    """Per weekday, the union of ``weeks`` (the providers' grids); closed for no provider."""
    if len(weeks) == 1:
        return weeks[0]
    key = tuple(map(id, weeks))
    kept = _UNIONS.get(key)
    if kept is None:
        if len(_UNIONS) >= _UNIONS_KEPT:
            _UNIONS.clear()
        union = tuple(map(_union_of, zip(*weeks, strict=True))) or _CLOSED_WEEK
        kept = _UNIONS[key] = (weeks, union)
    return kept[1]


def _positions(chosen: frozenset[date], range_: tuple[date, ...]) -> list[int]:
    """Where the days of ``chosen`` fall in ``range_`` (consecutive days)."""
    if not chosen:
        return []
    if len(chosen) > len(range_):  # a long list of days: ask about each day of the range instead
        return list(compress(range(len(range_)), map(chosen.__contains__, range_)))
    first, size = range_[0], len(range_)
    return [n for n in ((day - first).days for day in chosen) if 0 <= n < size]


@lru_cache(maxsize=64)
def days(first: date, last: date) -> tuple[date, ...]:
    """Every day of [first, last]; a widget asks for the same few ranges over and over."""
    return tuple(map(date.fromordinal, range(first.toordinal(), last.toordinal() + 1)))
