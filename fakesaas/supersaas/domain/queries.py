"""Read queries over bookings: recent changes, a user's agenda, a time range, free time."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import islice
from typing import TypeVar

from fakesaas.core.errors import FieldError, NotForService, PermissionDenied, Unprocessable
from fakesaas.supersaas.domain.availability import FreeSpace, Keeper, free_in_slots, free_on_resources
from fakesaas.supersaas.domain.booking_index import BookingIndex, TimeIndex, later, page
from fakesaas.supersaas.domain.context import Context
from fakesaas.supersaas.domain.records import Booking
from fakesaas.supersaas.domain.schedules import Schedule, ScheduleKind, find_schedule
from fakesaas.supersaas.domain.values import parse_int, utc_to_local

Item = TypeVar("Item")
MAX_LENGTH_MINUTES = 366 * 24 * 60  # free time is searched a year ahead (availability.HORIZON)
_ONE_MINUTE = timedelta(minutes=1)
_TO_NEXT_MINUTE = tuple(timedelta(seconds=60 - second) for second in range(60))
RECENT_CHANGES = 10  # The docs: without "from", "the ten most recent changes".
ADMINISTRATOR = "0"  # The docs: "user=0" stands for the administrator's own bookings.


@dataclass(frozen=True, slots=True)
class Window:
    """Paging of a result: skip ``offset``, then at most ``limit`` (None: no limit)."""

    limit: int | None = None
    offset: int = 0

    @property
    def end(self) -> int | None:
        return None if self.limit is None else self.offset + self.limit

    def apply(self, items: list[Item]) -> list[Item]:
        return items[self.offset : self.end]


def recent_changes(
    ctx: Context,
    schedule_ref: object,
    since: datetime | None,
    until: datetime | None,
    user_ref: object | None,
    window: Window,
) -> tuple[Schedule, list[Booking]]:
    """Bookings of a schedule whose last change (``updated_on``) is after ``since`` and before
    ``until``, both UTC wall times, in that order (ties by id); deleted ones included with
    ``deleted`` set. Like the real service, it reads each booking as it now is: one changed in
    the window and again after ``until`` is not listed."""
    schedule = find_schedule(ctx.account.schedules, schedule_ref)
    owner = _owner(ctx, user_ref)
    by_change = ctx.account.index.changed(schedule.id)
    if since is None:
        newest = (b for b in ctx.account.booked(by_change.ids(None, until, reverse=True)) if owner.keeps(b))
        found = list(islice(newest, RECENT_CHANGES))[::-1]
    else:
        # Strictly after ``since``: the index orders to the microsecond.
        after = by_change.ids(later(since, timedelta(microseconds=1)), until)
        found = [b for b in ctx.account.booked(after) if owner.keeps(b)]
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
    owner = _owner(ctx, user_ref)
    if schedule_ref in (None, ""):
        schedules = sorted(ctx.account.schedules.values(), key=lambda s: s.id)
    else:
        schedules = [find_schedule(ctx.account.schedules, schedule_ref)]
    result = []
    for schedule in schedules:
        start = since or utc_to_local(ctx.now(), schedule.timezone)
        mine = owner.index_on(ctx.account.index, schedule.id).ids(start)
        result.append((schedule, list(ctx.account.booked(mine))))
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
    owner = _owner(ctx, filters.user)
    if today:
        midnight = utc_to_local(ctx.now(), schedule.timezone).replace(hour=0, minute=0, second=0)
        since, until = since or midnight, until or midnight + timedelta(days=1)
    elif since is None and until is None:
        since = utc_to_local(ctx.now(), schedule.timezone)
    resource_id = _reference_id(filters.resource_id, "resource_id")
    service_id = _reference_id(filters.service_id, "service_id")
    index = ctx.account.index
    # Read the narrowest index that answers, then filter by what it does not cover.
    if resource_id is not None and owner.everyone:
        candidates = index.resource(schedule.id, resource_id).ids(since, until)
    else:
        candidates = owner.index_on(index, schedule.id).ids(since, until)
    chosen = (
        booking
        for booking in ctx.account.booked(candidates)
        if booking.start is not None
        and (resource_id is None or booking.resource_id == resource_id)
        and (service_id is None or booking.service_id == service_id)
    )
    return schedule, list(page(chosen, window.offset, window.limit))


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
    if start.microsecond:
        # Up to the next minute; in the calendar's last minute, to its last moment (nothing is free).
        start = later(start.replace(second=0, microsecond=0), _ONE_MINUTE)
    elif start.second:
        # The same for whole seconds (now, on every query), without ``replace``'s keyword parsing.
        start = later(start, _TO_NEXT_MINUTE[start.second])
    index = ctx.account.index
    if schedule.kind is ScheduleKind.CAPACITY:
        spaces = free_in_slots(
            schedule.slots_from(start), lambda slot_id: len(index.seated(slot_id)), include_full, limit
        )
        return schedule, spaces
    if schedule.kind is ScheduleKind.SERVICE:
        raise NotForService("Not yet implemented for service type schedule", "schedule_id")
    if resource_name:
        resource = schedule.resource_by_ref(resource_name)
        if resource is None:
            raise Unprocessable([FieldError("Resource not found", "resource")])
        resource_ids: list[int | None] = [resource.id]
    else:
        resource_ids = [r.id for r in schedule.resources] or [None]
    minutes = length_minutes or schedule.default_length_minutes
    if minutes > MAX_LENGTH_MINUTES:
        raise Unprocessable([FieldError("length must be at most a year in minutes", "length")])
    length = timedelta(minutes=minutes)

    def bookings_of(resource_id: int | None, since: datetime) -> Iterator[Booking]:
        on_resource = index.resource(schedule.id, resource_id)
        return ctx.account.booked(on_resource.may_run_ids(since))

    def keeper_of(resource_id: int | None) -> Keeper:
        return index.resource_kept(schedule.id, resource_id)

    spaces = free_on_resources(
        schedule, schedule.hours, bookings_of, start, length, resource_ids, limit, keeper_of
    )
    return schedule, spaces


@dataclass(frozen=True, slots=True)
class Owner:
    """Whose bookings a ``user`` parameter keeps: everyone's, one user's, or (``user_id`` None,
    ``everyone`` False) the administrator's own, made without a user."""

    everyone: bool
    user_id: int | None = None

    def keeps(self, booking: Booking) -> bool:
        return self.everyone or booking.user_id == self.user_id

    def index_on(self, index: BookingIndex, schedule_id: int) -> TimeIndex:
        return index.schedule(schedule_id) if self.everyone else index.user(schedule_id, self.user_id)


def _owner(ctx: Context, user_ref: object | None) -> Owner:
    """The owner a ``user`` parameter names: a user (by name, id or foreign key), the
    administrator (``0``: bookings without a user), or everyone when absent. A checksum caller
    may only ask about itself."""
    if user_ref in (None, ""):
        ctx.actor.require_admin()
        return Owner(everyone=True)
    if str(user_ref).strip() == ADMINISTRATOR:
        ctx.actor.require_admin()
        return Owner(everyone=False)
    # A checksum caller names itself by its name (which may look like another user's id or key).
    claim = ctx.actor.user_claim
    users = ctx.account.users
    user = users.named(str(user_ref)) if claim is not None else None
    user = user or users.find_by_any(user_ref)
    if user is None:
        raise Unprocessable([FieldError("User not found", "user")])
    if not ctx.actor.may_act_for(user.is_named):
        raise PermissionDenied("The checksum does not authorise access to this user")
    return Owner(everyone=False, user_id=user.id)


def _reference_id(value: object | None, field: str) -> int | None:
    if value in (None, ""):
        return None
    number = parse_int(value)
    if number is None:
        raise Unprocessable([FieldError(f"{field} must be a number", field)])
    return number
