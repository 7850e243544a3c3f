"""Read queries over bookings: recent changes, a user's agenda, a time range, free time."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, TypeVar

from fakesaas.core.errors import FieldError, NotForService, PermissionDenied, Unprocessable
from fakesaas.supersaas.domain.availability import FreeSpace, free_in_slots, free_on_resources
from fakesaas.supersaas.domain.bookings import Booking
from fakesaas.supersaas.domain.changes import Subject
from fakesaas.supersaas.domain.schedules import Schedule, ScheduleKind, find_schedule
from fakesaas.supersaas.domain.values import local_to_utc, parse_int, utc_to_local

if TYPE_CHECKING:
    from fakesaas.supersaas.domain.accounts import Context

Item = TypeVar("Item")
RECENT_CHANGES = 10  # The docs: without "from", "the ten most recent changes".
ADMINISTRATOR = "0"  # The docs: "user=0" stands for the administrator's own bookings.


@dataclass(frozen=True, slots=True)
class Window:
    """Paging of a result: skip ``offset``, then at most ``limit`` (None: no limit)."""

    limit: int | None = None
    offset: int = 0

    def apply(self, items: list[Item]) -> list[Item]:
        end = None if self.limit is None else self.offset + self.limit
        return items[self.offset : end]


def recent_changes(
    ctx: Context,
    schedule_ref: object,
    since: datetime | None,
    until: datetime | None,
    user_ref: object | None,
    window: Window,
) -> tuple[Schedule, list[Booking]]:
    """Bookings of a schedule changed after ``since`` (and before ``until``), both UTC wall
    times, in the order of their last change; deleted ones included with ``deleted`` set."""
    schedule = find_schedule(ctx.account.schedules, schedule_ref)
    owner = _owner_test(ctx, user_ref)
    since_utc = local_to_utc(since, "UTC") if since else None
    until_utc = local_to_utc(until, "UTC") if until else None
    last_change: dict[int, datetime] = {}
    for change in ctx.account.changes.since(since_utc) if since_utc else ctx.account.changes:
        if change.subject is Subject.BOOKING and change.schedule_id == schedule.id:
            if until_utc is not None and change.at >= until_utc:
                break
            last_change[change.subject_id] = change.at
    ordered = sorted(last_change, key=lambda booking_id: (last_change[booking_id], booking_id))
    found = [ctx.account.bookings[b] for b in ordered if owner(ctx.account.bookings[b])]
    if since is None:
        found = found[-RECENT_CHANGES:]
    return schedule, window.apply(found)


def agenda(
    ctx: Context, schedule_ref: object | None, user_ref: object, since: datetime | None
) -> list[tuple[Schedule, list[Booking]]]:
    """A user's bookings from ``since`` on (default: now, in each schedule's time zone), on one
    schedule or, without one, on every schedule of the account."""
    if user_ref in (None, ""):
        raise Unprocessable(
            [FieldError("User can't be blank: give a name, an id, a foreign key or 0", "user")]
        )
    owner = _owner_test(ctx, user_ref)
    if schedule_ref in (None, ""):
        schedules = sorted(ctx.account.schedules.values(), key=lambda s: s.id)
    else:
        schedules = [find_schedule(ctx.account.schedules, schedule_ref)]
    result = []
    for schedule in schedules:
        start = since or utc_to_local(ctx.now(), schedule.timezone)
        mine = [
            booking
            for booking in ctx.account.bookings_of(schedule.id)
            if owner(booking) and booking.start is not None and booking.start >= start
        ]
        result.append((schedule, _by_start(mine)))
    return result


def booking_range(
    ctx: Context,
    schedule_ref: object,
    today: bool,
    since: datetime | None,
    until: datetime | None,
    filters: RangeFilters,
    window: Window,
) -> tuple[Schedule, list[Booking]]:
    """Bookings starting in ``[since, until)`` (schedule-local); ``today`` means the local day of
    "now"; with neither bound, everything from now on."""
    schedule = find_schedule(ctx.account.schedules, schedule_ref)
    owner = _owner_test(ctx, filters.user)
    if today:
        midnight = utc_to_local(ctx.now(), schedule.timezone).replace(hour=0, minute=0, second=0)
        since, until = since or midnight, until or midnight + timedelta(days=1)
    elif since is None and until is None:
        since = utc_to_local(ctx.now(), schedule.timezone)
    resource_id = _reference_id(filters.resource_id, "resource_id")
    service_id = _reference_id(filters.service_id, "service_id")
    chosen = [
        booking
        for booking in ctx.account.bookings_of(schedule.id)
        if booking.start is not None
        and (since is None or booking.start >= since)
        and (until is None or booking.start < until)
        and owner(booking)
        and (resource_id is None or booking.resource_id == resource_id)
        and (service_id is None or booking.service_id == service_id)
    ]
    return schedule, window.apply(_by_start(chosen))


@dataclass(frozen=True, slots=True)
class RangeFilters:
    user: object | None = None
    resource_id: object | None = None
    service_id: object | None = None


def free(
    ctx: Context,
    schedule_ref: object,
    since: datetime | None,
    length_minutes: int | None,
    resource_name: str | None,
    include_full: bool,
    limit: int,
) -> tuple[Schedule, list[FreeSpace]]:
    """Free time from ``since`` (never before now: the past cannot be booked)."""
    schedule = find_schedule(ctx.account.schedules, schedule_ref)
    now = utc_to_local(ctx.now(), schedule.timezone)
    start = max(since, now) if since else now
    if start.second or start.microsecond:
        start = start.replace(second=0, microsecond=0) + timedelta(minutes=1)
    if schedule.kind is ScheduleKind.CAPACITY:
        taken: dict[int, int] = {}
        for booking in ctx.account.bookings_of(schedule.id):
            if booking.slot_id is not None and not booking.waitlisted:
                taken[booking.slot_id] = taken.get(booking.slot_id, 0) + 1
        return schedule, free_in_slots(schedule.slots.values(), taken, start, include_full, limit)
    if schedule.kind is ScheduleKind.SERVICE:
        raise NotForService("Not yet implemented for service type schedule", "schedule_id")
    if resource_name:
        resource = schedule.resource_by_ref(resource_name)
        if resource is None:
            raise Unprocessable([FieldError("Resource not found", "resource")])
        resource_ids: list[int | None] = [resource.id]
    else:
        resource_ids = [r.id for r in schedule.resources] or [None]
    length = timedelta(minutes=length_minutes or schedule.default_length_minutes)
    spaces = free_on_resources(
        schedule, schedule.hours, ctx.account.bookings_of(schedule.id), start, length, resource_ids, limit
    )
    return schedule, spaces


OwnerTest = Callable[[Booking], bool]


def _owner_test(ctx: Context, user_ref: object | None) -> OwnerTest:
    """Which bookings a ``user`` parameter keeps: a user's (by name, id or foreign key), the
    administrator's own (``0``: bookings without a user), or all when absent. A checksum caller
    may only ask about itself."""
    if user_ref in (None, ""):
        ctx.actor.require_admin()
        return lambda booking: True
    if str(user_ref).strip() == ADMINISTRATOR:
        ctx.actor.require_admin()
        return lambda booking: booking.user_id is None
    user = ctx.account.users.find_by_any(user_ref)
    if user is None:
        raise Unprocessable([FieldError("User not found", "user")])
    if not ctx.actor.may_act_for(user.matches):
        raise PermissionDenied("The checksum does not authorise access to this user")
    user_id = user.id
    return lambda booking: booking.user_id == user_id


def _reference_id(value: object | None, field: str) -> int | None:
    if value in (None, ""):
        return None
    number = parse_int(value)
    if number is None:
        raise Unprocessable([FieldError(f"{field} must be a number", field)])
    return number


def _by_start(bookings: list[Booking]) -> list[Booking]:
    return sorted(bookings, key=lambda booking: (booking.start or datetime.min, booking.id))
