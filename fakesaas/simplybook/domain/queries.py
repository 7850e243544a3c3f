"""The admin service's reads over many records: ``getBookings`` with its filters, ``getClientList``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime, time, timedelta

from fakesaas.simplybook.domain.clients import Client
from fakesaas.simplybook.domain.companies import Company
from fakesaas.simplybook.domain.errors import Failure, fail
from fakesaas.simplybook.domain.records import Booking, BookingState
from fakesaas.simplybook.domain.settings import Plugin
from fakesaas.simplybook.domain.values import local_now, parse_date, parse_time, whole

ORDERS = ("date_start", "date_start_asc", "record_date")
BOOKING_TYPES = ("all", "cancelled", "non_cancelled")
# With the Approve booking plugin on, getBookings knows these too (Company administration
# service methods, getBookings).
APPROVE_TYPES = ("cancelled_by_client", "cancelled_by_admin", "non_approved_yet", "approved")
MAX_LIMIT = 10_000

Test = Callable[[Booking], bool]


def find_bookings(company: Company, params: Mapping[str, object], now: datetime) -> list[Booking]:
    """Bookings as ``getBookings(params)`` selects and orders them."""
    tz = company.settings.timezone
    tests: list[Test] = []
    start_from = _moment(params, "date_from", "time_from", time.min)
    start_to = _moment(params, "date_to", "time_to", time(23, 59, 59))
    if start_from is not None:
        tests.append(lambda b: b.start >= start_from)
    if start_to is not None:
        tests.append(lambda b: b.start <= start_to)
    for key, pick in (("created_date", _created), ("edited_date", _edited)):
        low, high = _day(params, f"{key}_from"), _day(params, f"{key}_to")
        if low is not None or high is not None:
            tests.append(_between(pick, low, high, tz))
    for key, attribute in (
        ("unit_group_id", "unit_id"),
        ("event_id", "event_id"),
        ("client_id", "client_id"),
    ):
        wanted = _whole(params, key)
        if wanted is not None:
            tests.append(_equals(attribute, wanted))
    confirmed = _whole(params, "is_confirmed")
    if confirmed is not None:
        if confirmed not in (0, 1):
            raise fail(Failure.INVALID_PARAMS, "is_confirmed is 1 or 0", "is_confirmed")
        tests.append(lambda b: b.is_confirmed == bool(confirmed))
    tests.extend(_booking_type(company, params.get("booking_type")))
    if _flag(params.get("upcoming_only")):
        today_now = local_now(now, tz)
        tests.append(lambda b: b.start >= today_now)
    order = params.get("order") or "date_start"
    if order not in ORDERS:
        raise fail(Failure.INVALID_PARAMS, f"order is one of {', '.join(ORDERS)}", "order")
    limit = _whole(params, "limit")
    if limit is not None and not 0 < limit <= MAX_LIMIT:
        raise fail(Failure.INVALID_PARAMS, f"limit is 1 to {MAX_LIMIT}", "limit")
    found = [b for b in company.bookings.values() if all(test(b) for test in tests)]
    if order == "record_date":
        found.sort(key=lambda b: (b.created, b.id), reverse=True)
    else:
        found.sort(key=lambda b: (b.start, b.id), reverse=order == "date_start")
    return found[:limit] if limit else found


def _created(booking: Booking) -> datetime:
    return booking.created


def _edited(booking: Booking) -> datetime:
    return booking.edited or booking.created


def _between(pick: Callable[[Booking], datetime], low: date | None, high: date | None, tz: str) -> Test:
    def test(booking: Booking) -> bool:
        day = local_now(pick(booking), tz).date()
        return (low is None or day >= low) and (high is None or day <= high)

    return test


def _equals(attribute: str, wanted: int) -> Test:
    return lambda booking: bool(getattr(booking, attribute) == wanted)


def _booking_type(company: Company, kind: object) -> list[Test]:
    if kind in (None, "", "all"):
        return []
    approve = company.settings.active(Plugin.APPROVE_BOOKING)
    if kind not in BOOKING_TYPES and not (approve and kind in APPROVE_TYPES):
        known = BOOKING_TYPES + (APPROVE_TYPES if approve else ())
        raise fail(Failure.INVALID_PARAMS, f"booking_type is one of {', '.join(known)}", "booking_type")
    # Without the plugin "cancelled" is documented as an alias of is_confirmed = 0.
    tests: dict[object, Test] = {
        "cancelled": lambda b: not b.is_confirmed if not approve else b.state is BookingState.CANCELLED,
        "non_cancelled": lambda b: b.is_confirmed if not approve else b.active,
        "cancelled_by_client": lambda b: b.state is BookingState.CANCELLED and b.cancelled_by == "client",
        "cancelled_by_admin": lambda b: b.state is BookingState.CANCELLED and b.cancelled_by == "admin",
        "non_approved_yet": lambda b: b.state is BookingState.PENDING,
        "approved": lambda b: b.state is BookingState.CONFIRMED,
    }
    return [tests[kind]]


def _moment(params: Mapping[str, object], day_key: str, time_key: str, default: time) -> datetime | None:
    day = _day(params, day_key)
    if day is None:
        return None
    raw = params.get(time_key)
    if raw in (None, ""):
        return datetime.combine(day, default)
    return datetime.combine(day, time.min) + timedelta(seconds=parse_time(raw, time_key))


def _day(params: Mapping[str, object], key: str) -> date | None:
    raw = params.get(key)
    return None if raw in (None, "") else parse_date(raw, key)


def _whole(params: Mapping[str, object], key: str) -> int | None:
    raw = params.get(key)
    if raw in (None, ""):
        return None
    if isinstance(raw, bool):
        return int(raw)
    if isinstance(raw, int):
        return raw
    if whole(raw) is not None:
        return whole(raw)
    raise fail(Failure.INVALID_PARAMS, f"{key} must be a whole number", key)


def _flag(raw: object) -> bool:
    return raw in (True, 1, "1", "true")


def find_clients(company: Company, search: str, limit: int | None) -> list[Client]:
    """Clients whose name, email or phone contains ``search`` (any case), by id."""
    needle = search.strip().casefold()
    found = [
        c
        for c in sorted(company.clients.values(), key=lambda c: c.id)
        if not needle or needle in c.name.casefold() or needle in c.email.casefold() or needle in c.phone
    ]
    return found[:limit] if limit else found
