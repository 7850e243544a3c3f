"""Where the active bookings of an account are, in time order: per schedule, per resource, per user
and per slot, so a read costs O(log n + k) for k answers whatever the account holds.

Each time-ordered index is a sorted list of integer keys that pack (start, id): an int costs
a fraction of a tuple, and a million bookings sit in a handful of such lists. Keys only name
bookings; the records stay in ``Account.bookings`` by id, so replacing a record whose times did
not change leaves every index as it was.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from itertools import islice
from typing import TypeVar, cast

from sortedcontainers import SortedList

from fakesaas.supersaas.domain.records import Booking

_ID_BITS = 40  # booking ids stay below 2**40 (they start at 5,000,001 and count up)
_ID_MASK = (1 << _ID_BITS) - 1
_EPOCH = datetime(1, 1, 1)
_EPOCH_UTC = _EPOCH.replace(tzinfo=UTC)
_TICK = timedelta(microseconds=1)


def time_key(moment: datetime | None, booking_id: int = 0) -> int:
    """Orders like ``(moment, booking_id)``; a booking without a time sorts first, as in listings.
    An aware ``moment`` counts as its UTC wall time."""
    if moment is None:
        return booking_id
    # An aware time less an aware epoch is its UTC distance from it, with no conversion made.
    epoch = _EPOCH if moment.tzinfo is None else _EPOCH_UTC
    return (((moment - epoch) // _TICK) << _ID_BITS) | booking_id


def earlier(moment: datetime, span: timedelta) -> datetime:
    """``moment - span``, or the first moment there is when that would come before it."""
    try:
        return moment - span
    except OverflowError:
        return datetime.min.replace(tzinfo=moment.tzinfo)


def later(moment: datetime, span: timedelta) -> datetime:
    """``moment + span``, or the last moment there is when that would come after it."""
    try:
        return moment + span
    except OverflowError:
        return datetime.max.replace(tzinfo=moment.tzinfo)


class TimeIndex:
    """Booking ids ordered by (start, id), with the longest booking seen for overlap searches."""

    __slots__ = ("_keys", "derived", "longest")

    def __init__(self) -> None:
        self._keys: SortedList[int] = SortedList()
        # Never shrinks: an upper bound is all an overlap search needs to start early enough.
        self.longest = timedelta(0)
        # What a query worked out from these bookings and keeps for the next (a resource's free
        # time): dropped at every change, and never saved with the index.
        self.derived: object | None = None

    def __getstate__(self) -> tuple[None, dict[str, object]]:
        return None, {"_keys": self._keys, "longest": self.longest}

    def __setstate__(self, state: tuple[None, dict[str, object]]) -> None:
        _, fields = state
        self._keys = cast("SortedList[int]", fields["_keys"])
        self.longest = cast(timedelta, fields["longest"])
        self.derived = None

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, booking: Booking, key: int) -> None:
        """``key`` is ``time_key(booking.start, booking.id)``, made once for all the indexes
        a booking is in: one int object shared by them all."""
        self._keys.add(key)
        self.derived = None
        if booking.start is not None and booking.finish is not None:
            self.longest = max(self.longest, booking.finish - booking.start)

    def discard(self, booking: Booking) -> None:
        self.discard_at(booking.start, booking.id)

    def add_at(self, moment: datetime | None, booking_id: int) -> None:
        self._keys.add(time_key(moment, booking_id))
        self.derived = None

    def discard_at(self, moment: datetime | None, booking_id: int) -> None:
        self._keys.discard(time_key(moment, booking_id))
        self.derived = None

    def ids(
        self, since: datetime | None = None, until: datetime | None = None, reverse: bool = False
    ) -> Iterator[int]:
        """Ids of bookings starting in ``[since, until)`` (either bound may be open), by start."""
        low = time_key(since) if since is not None else None
        high = time_key(until) if until is not None else None
        keys = self._keys.irange(low, high, inclusive=(True, False), reverse=reverse)
        # map over a bound method runs in C: every read of bookings passes its keys through here.
        return map(_ID_MASK.__and__, keys)

    def may_run_ids(self, after: datetime, before: datetime | None = None) -> Iterator[int]:
        """Ids of bookings that may still run at ``after``: those starting from ``after`` less the
        longest booking, up to ``before`` (open: all the rest), by start. Callers check each
        finish; the reach back is what lets an overlap or free-time search skip the past."""
        return self.ids(earlier(after, self.longest), before)


class BookingIndex:
    """Every active (not deleted) booking of one account, indexed four ways by start; and every
    booking, deleted ones too, by its last change (``updated_on``), for the changes report."""

    __slots__ = ("_by_change", "_by_resource", "_by_schedule", "_by_user", "_seated", "_waiting")

    def __init__(self) -> None:
        self._by_change: dict[int, TimeIndex] = {}
        self._by_schedule: dict[int, TimeIndex] = {}
        self._by_resource: dict[tuple[int, int | None], TimeIndex] = {}
        self._by_user: dict[tuple[int, int | None], TimeIndex] = {}
        # Capacity slots: who has a place, and who waits (a few per slot, so plain sets).
        self._seated: dict[int, set[int]] = {}
        self._waiting: dict[int, set[int]] = {}

    def replace(self, old: Booking | None, new: Booking) -> None:
        """``new`` takes the place of ``old`` (None: a new booking); a deleted ``new`` leaves."""
        if new.id > _ID_MASK:
            raise ValueError(f"booking id {new.id} is beyond what the index can order")
        self._record_change(old, new)
        if old is not None and not old.deleted:
            if new.deleted or _placement(old) != _placement(new):
                self._remove(old)
            else:
                return  # same place and time: every key still holds
        if not new.deleted:
            self._add(new)

    def changed(self, schedule_id: int) -> TimeIndex:
        """Bookings of a schedule by (last change, id), deleted ones included."""
        return self._by_change.get(schedule_id) or _EMPTY

    def schedule(self, schedule_id: int) -> TimeIndex:
        return self._by_schedule.get(schedule_id) or _EMPTY

    def resource(self, schedule_id: int, resource_id: int | None) -> TimeIndex:
        return self._by_resource.get((schedule_id, resource_id)) or _EMPTY

    def resource_kept(self, schedule_id: int, resource_id: int | None) -> TimeIndex:
        """As ``resource``, but made when missing, so what a query works out for a resource
        without bookings has somewhere to be kept."""
        index = _lookup(self._by_resource, (schedule_id, resource_id), create=True)
        assert index is not None
        return index

    def user(self, schedule_id: int, user_id: int | None) -> TimeIndex:
        """Bookings of one user on a schedule; ``None`` gathers those made without a user."""
        return self._by_user.get((schedule_id, user_id)) or _EMPTY

    def seated(self, slot_id: int) -> set[int]:
        return self._seated.get(slot_id) or set()

    def waiting(self, slot_id: int) -> set[int]:
        return self._waiting.get(slot_id) or set()

    def _record_change(self, old: Booking | None, new: Booking) -> None:
        if old is not None and (old.updated_on, old.schedule_id) == (new.updated_on, new.schedule_id):
            return
        if old is not None:
            self.changed(old.schedule_id).discard_at(old.updated_on, old.id)
        by_change = _lookup(self._by_change, new.schedule_id, create=True)
        assert by_change is not None
        by_change.add_at(new.updated_on, new.id)

    def _add(self, booking: Booking) -> None:
        key = time_key(booking.start, booking.id)
        for index in self._indexes_of(booking, create=True):
            index.add(booking, key)
        if booking.slot_id is not None:
            places = self._waiting if booking.waitlisted else self._seated
            places.setdefault(booking.slot_id, set()).add(booking.id)

    def _remove(self, booking: Booking) -> None:
        for index in self._indexes_of(booking, create=False):
            index.discard(booking)
        if booking.slot_id is not None:
            places = self._waiting if booking.waitlisted else self._seated
            places.get(booking.slot_id, set()).discard(booking.id)

    def _indexes_of(self, booking: Booking, create: bool) -> list[TimeIndex]:
        found = [
            _lookup(self._by_schedule, booking.schedule_id, create),
            _lookup(self._by_resource, (booking.schedule_id, booking.resource_id), create),
            _lookup(self._by_user, (booking.schedule_id, booking.user_id), create),
        ]
        return [index for index in found if index is not None]


Key = TypeVar("Key")
Item = TypeVar("Item")


def _lookup(table: dict[Key, TimeIndex], key: Key, create: bool) -> TimeIndex | None:
    index = table.get(key)
    if index is None and create:
        index = table[key] = TimeIndex()
    return index


def page(items: Iterator[Item], offset: int, limit: int | None) -> Iterator[Item]:
    """Skip ``offset`` items, then at most ``limit`` (None: all the rest). Any count the API
    accepts is fine: past ``sys.maxsize`` means "all of them", as no index holds more."""
    start = min(offset, sys.maxsize)
    stop = None if limit is None else min(offset + limit, sys.maxsize)
    return islice(items, start, stop)


def _placement(booking: Booking) -> tuple[object, ...]:
    """What the indexes are keyed on; a change to anything else leaves them as they are."""
    return (
        booking.schedule_id,
        booking.start,
        booking.finish,
        booking.resource_id,
        booking.user_id,
        booking.slot_id,
        booking.waitlisted,
    )


_EMPTY = TimeIndex()  # what a lookup of nothing answers; never added to
