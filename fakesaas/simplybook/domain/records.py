"""Bookings and what groups them (batches, carts), and the per-provider-day index that keeps
availability reads independent of how many bookings a company holds."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from itertools import compress

from fakesaas.simplybook.domain.values import ONE_DAY, delta

_MIDNIGHT = time()


class BookingState(Enum):
    CONFIRMED = "confirmed"
    PENDING = "pending"  # waits for confirmBooking / payment (require_confirm was true)
    CANCELLED = "cancelled"


class BatchKind(Enum):
    """A batch made by ``count`` > 1 (group), ``createBatch`` + ``batchId`` (multiple), or
    recurring data (recurrent); ``batch_type`` on the wire is ``batch_<kind>_booking``."""

    GROUP = "group"
    MULTIPLE = "multiple"
    RECURRENT = "recurrent"

    @property
    def wire(self) -> str:
        return f"batch_{self.value}_booking"


@dataclass(slots=True)
class Booking:
    """One appointment. ``start``/``end`` are the company's wall times; the provider is busy
    until ``end`` plus ``buffer`` minutes (the service's buffer time when booked)."""

    id: int
    event_id: int
    unit_id: int
    client_id: int
    start: datetime
    end: datetime
    code: str
    hash: str
    created: datetime  # UTC
    state: BookingState = BookingState.CONFIRMED
    buffer: int = 0
    time_offset: int = 0  # seconds, company minus client timezone
    edited: datetime | None = None  # UTC
    batch_id: int | None = None
    additional: dict[str, str] = field(default_factory=dict)
    promo_id: int | None = None
    price: Decimal = Decimal(0)
    paid: bool = False
    payment_processor: str = ""
    status_id: int | None = None
    comment: str = ""
    location_id: int | None = None
    cancelled_by: str = ""  # "client" (public service) or "admin"

    @property
    def busy_until(self) -> datetime:
        return self.end + delta(self.buffer * 60) if self.buffer else self.end

    @property
    def active(self) -> bool:
        return self.state is not BookingState.CANCELLED

    @property
    def is_confirmed(self) -> bool:
        return self.state is BookingState.CONFIRMED


@dataclass(slots=True)
class Batch:
    id: int
    kind: BatchKind
    hash: str
    created: datetime
    booking_ids: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Cart:
    """Bookings paid together (``getBookingCart``); ``paid_with`` is set by ``confirmBookingCart``."""

    id: int
    hash: str
    booking_ids: tuple[int, ...]
    amount: Decimal
    currency: str
    paid_with: str = ""


class BookingIndex:
    """Active bookings per provider and day: each booking is listed on every day it keeps its
    provider busy, so a day's check reads only that day's bookings."""

    __slots__ = ("_units", "version")

    def __init__(self) -> None:
        self._units: dict[int, dict[date, list[Booking]]] = {}
        # Counts the changes: what was worked out from the index (a start-time matrix) holds
        # while it stays the same.
        self.version = 0

    def add(self, booking: Booking) -> None:
        self.version += 1
        days = self._units.setdefault(booking.unit_id, {})
        for day in _days_of(booking):
            days.setdefault(day, []).append(booking)

    def remove(self, booking: Booking) -> None:
        self.version += 1
        days = self._units.get(booking.unit_id)
        if days is None:
            return
        for day in _days_of(booking):
            listed = days.get(day)
            if listed is None:
                continue
            listed[:] = [b for b in listed if b.id != booking.id]
            if not listed:
                del days[day]
        if not days:
            del self._units[booking.unit_id]

    def on(self, unit_id: int, day: date) -> list[Booking]:
        days = self._units.get(unit_id)
        return days.get(day, []) if days is not None else []

    def listed(self, unit_id: int, days: Sequence[date]) -> list[int]:
        """The positions in ``days`` (consecutive days) of those the provider has bookings listed
        on, in no particular order."""
        listing = self._units.get(unit_id)
        if not listing:
            return []
        if len(listing) < len(days):  # fewer days booked than asked about: place each of those
            first, size = days[0], len(days)
            return [n for n in ((day - first).days for day in listing) if 0 <= n < size]
        return list(compress(range(len(days)), map(listing.__contains__, days)))

    def overlapping(self, unit_id: int, start: datetime, end: datetime) -> Iterator[Booking]:
        """Active bookings of the provider busy at some moment of [start, end)."""
        seen: set[int] = set()
        day = start.date()
        while datetime(day.year, day.month, day.day) < end:
            for booking in self.on(unit_id, day):
                if booking.id not in seen and booking.start < end and booking.busy_until > start:
                    seen.add(booking.id)
                    yield booking
            day += ONE_DAY


def _days_of(booking: Booking) -> Iterator[date]:
    """The days a booking keeps its provider busy on: from its start's day to the day of its end
    (with the buffer), but not a day it only reaches at midnight; its start's day at least."""
    day, busy = booking.start.date(), booking.busy_until
    last = busy.date()
    if last > day and busy == datetime.combine(last, _MIDNIGHT):
        last -= ONE_DAY
    while True:
        yield day
        if day >= last:
            return
        day += ONE_DAY
