"""Bookings and what groups them (batches, carts), and the per-provider-day index that keeps
availability reads independent of how many bookings a company holds."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import Enum


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
        return self.end + timedelta(minutes=self.buffer)

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
    """Active bookings per (provider, day): each booking is listed on every day it keeps its
    provider busy, so a day's check reads only that day's bookings."""

    __slots__ = ("_days",)

    def __init__(self) -> None:
        self._days: dict[tuple[int, date], list[Booking]] = {}

    def add(self, booking: Booking) -> None:
        for day in _days_of(booking):
            self._days.setdefault((booking.unit_id, day), []).append(booking)

    def remove(self, booking: Booking) -> None:
        for day in _days_of(booking):
            listed = self._days.get((booking.unit_id, day))
            if listed is None:
                continue
            listed[:] = [b for b in listed if b.id != booking.id]
            if not listed:
                del self._days[(booking.unit_id, day)]

    def on(self, unit_id: int, day: date) -> list[Booking]:
        return self._days.get((unit_id, day), [])

    def listed(self, unit_id: int, days: Iterable[date]) -> list[int]:
        """The positions in ``days`` of those the provider has bookings listed on."""
        keys = self._days
        return [n for n, day in enumerate(days) if (unit_id, day) in keys]

    def overlapping(self, unit_id: int, start: datetime, end: datetime) -> Iterator[Booking]:
        """Active bookings of the provider busy at some moment of [start, end)."""
        seen: set[int] = set()
        day = start.date()
        while datetime(day.year, day.month, day.day) < end:
            for booking in self.on(unit_id, day):
                if booking.id not in seen and booking.start < end and booking.busy_until > start:
                    seen.add(booking.id)
                    yield booking
            day += timedelta(days=1)


def _days_of(booking: Booking) -> Iterator[date]:
    day, last = booking.start.date(), booking.busy_until
    while datetime(day.year, day.month, day.day) < last or day == booking.start.date():
        yield day
        day += timedelta(days=1)
