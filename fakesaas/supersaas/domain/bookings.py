"""Bookings (appointments): the record, and create/read/update/delete/list with each kind's rules."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime

from fakesaas.core.errors import (
    FieldError,
    NotForService,
    NotFound,
    PermissionDenied,
    Unavailable,
    Unprocessable,
)
from fakesaas.supersaas.domain.attributes import writable_attributes
from fakesaas.supersaas.domain.booking_index import page
from fakesaas.supersaas.domain.changes import ChangeAction, Subject
from fakesaas.supersaas.domain.context import Context
from fakesaas.supersaas.domain.records import Booking, User
from fakesaas.supersaas.domain.schedules import Schedule, ScheduleKind, find_schedule
from fakesaas.supersaas.domain.values import check_email, normalise_country, parse_int, parse_time, text

_TEXT_FIELDS = (
    "full_name",
    "name",
    "email",
    "address",
    "mobile",
    "phone",
    "field_1",
    "field_2",
    "field_1_r",
    "field_2_r",
    "super_field",
    "description",
)
_PLACEMENT_FIELDS = ("start", "finish", "resource_id", "res_name", "slot_id", "service_id")
WRITABLE = frozenset((*_TEXT_FIELDS, *_PLACEMENT_FIELDS, "country", "user_id"))
READ_ONLY = frozenset(
    (
        "id",
        "schedule_id",
        "schedule_name",
        "created_on",
        "updated_on",
        "created_by",
        "updated_by",
        "deleted",
        "waitlisted",
        "status",
        "status_message",
        "price",
        "price_cents",
        "quantity",
        "resource",
        "service",
        "service_name",
        "slot",
        "form",
        "form_id",
        "errors",
    )
)


def get_booking(ctx: Context, booking_ref: object, schedule_ref: object | None) -> Booking:
    booking = _find(ctx, booking_ref, schedule_ref)
    _authorize(ctx, booking.user_id)
    return booking


def list_bookings(
    ctx: Context,
    schedule_ref: object,
    start: datetime | None,
    finish: datetime | None,
    limit: int,
    offset: int,
) -> list[Booking]:
    """Active bookings of a schedule in time order; ``start`` keeps those from that time on,
    ``finish`` those that begin before it (the docs: "only show results past that time")."""
    ctx.actor.require_admin()
    schedule = find_schedule(ctx.account.schedules, schedule_ref)
    ids = ctx.account.index.schedule(schedule.id).ids(start, finish)
    return list(ctx.account.booked(page(ids, offset, limit)))


def create_booking(
    ctx: Context,
    schedule_ref: object,
    attributes: Mapping[str, object],
    user_ref: object | None,
    webhook: bool,
) -> Booking:
    schedule = find_schedule(ctx.account.schedules, schedule_ref)
    accepted = writable_attributes(attributes, WRITABLE, READ_ONLY, "Booking")
    if user_ref is None:
        user_ref = accepted.get("user_id")
    user = _booking_user(ctx, user_ref)
    now = ctx.now()
    draft = Booking(id=0, schedule_id=schedule.id, created_on=now, updated_on=now)
    if user is not None:
        draft.user_id = user.id
        _copy_contact_details(user, draft)
    draft.created_by = draft.updated_by = ctx.actor_name()
    candidate = _validated(ctx, schedule, draft, accepted, creating=True)
    candidate.id = ctx.next_id("booking")
    ctx.account.store_booking(candidate)
    _record(ctx, ChangeAction.CREATE, candidate, webhook)
    return candidate


def update_booking(
    ctx: Context,
    booking_ref: object,
    schedule_ref: object | None,
    attributes: Mapping[str, object],
    webhook: bool,
) -> Booking:
    """Change only the given fields; the result must pass every rule or nothing changes."""
    booking = get_booking(ctx, booking_ref, schedule_ref)
    schedule = ctx.account.schedules[booking.schedule_id]
    accepted = writable_attributes(attributes, WRITABLE, READ_ONLY, "Booking")
    draft = replace(booking)
    if "user_id" in accepted:
        user = _booking_user(ctx, accepted["user_id"])
        if user is not None and user.id != booking.user_id:
            _copy_contact_details(user, draft)  # the new user's details, unless given below
        draft.user_id = user.id if user is not None else None
    candidate = _validated(ctx, schedule, draft, accepted, creating=False)
    candidate.updated_on = ctx.now()
    candidate.updated_by = ctx.actor_name()
    ctx.account.store_booking(candidate)
    _record(ctx, ChangeAction.UPDATE, candidate, webhook)
    if booking.slot_id != candidate.slot_id and not booking.waitlisted:
        _promote_waitlisted(ctx, schedule, booking.slot_id, webhook)
    return candidate


def delete_booking(ctx: Context, booking_ref: object, schedule_ref: object | None, webhook: bool) -> Booking:
    booking = get_booking(ctx, booking_ref, schedule_ref)
    schedule = ctx.account.schedules[booking.schedule_id]
    _PLACEMENT[schedule.kind](ctx, schedule, booking, {}, False)  # service schedules refuse here
    deleted = replace(booking, deleted=True, updated_on=ctx.now(), updated_by=ctx.actor_name())
    ctx.account.store_booking(deleted)
    _record(ctx, ChangeAction.DELETE, deleted, webhook)
    if not booking.waitlisted:
        _promote_waitlisted(ctx, schedule, booking.slot_id, webhook)
    return deleted


def _record(ctx: Context, action: ChangeAction, booking: Booking, webhook: bool) -> None:
    ctx.record(action, Subject.BOOKING, booking.id, booking.schedule_id, webhook, booking, booking.updated_on)


def _find(ctx: Context, booking_ref: object, schedule_ref: object | None) -> Booking:
    booking_id = parse_int(booking_ref)
    booking = ctx.account.bookings.get(booking_id) if booking_id is not None else None
    if booking is None or booking.deleted:
        raise NotFound("Booking not found", "id")
    if schedule_ref not in (None, "") and parse_int(schedule_ref) != booking.schedule_id:
        find_schedule(ctx.account.schedules, schedule_ref)  # an unknown schedule is the 404 to give
        raise NotFound("Booking not found", "id")
    return booking


def _booking_user(ctx: Context, user_ref: object | None) -> User | None:
    """The user a booking is for: the one named, or the checksum's own user."""
    if user_ref in (None, ""):
        claim = ctx.actor.user_claim
        if ctx.actor.is_admin or claim is None:
            ctx.actor.require_admin()
            return None
        user = ctx.account.users.find_by_any(claim)
        if user is None:
            raise PermissionDenied("The checksum names no user of this account")
        return user
    user = ctx.account.users.find(user_ref)
    if user is None:
        raise Unprocessable("User not found", "user_id")
    _authorize(ctx, user.id)
    return user


def _authorize(ctx: Context, user_id: int | None) -> None:
    user = ctx.account.users.by_id.get(user_id) if user_id is not None else None
    if not ctx.actor.may_act_for(lambda claim: user is not None and user.is_named(claim)):
        raise PermissionDenied("The checksum does not authorise access to this booking")


def _copy_contact_details(user: User, booking: Booking) -> None:
    booking.name = user.name
    for key in ("full_name", "email", "address", "mobile", "phone", "country", "field_1", "field_2"):
        setattr(booking, key, getattr(user, key))


def _validated(
    ctx: Context, schedule: Schedule, booking: Booking, accepted: dict[str, object], creating: bool
) -> Booking:
    """Apply ``accepted`` to ``booking`` (a copy) and check every rule; all failures at once."""
    errors = apply_contact_fields(booking, accepted)
    errors += _PLACEMENT[schedule.kind](ctx, schedule, booking, accepted, creating)
    if errors:
        # Time clashes are their own kind so callers can tell "taken" from "malformed".
        kind = Unavailable if all(e.field == "availability" for e in errors) else Unprocessable
        raise kind(errors)
    return booking


def apply_contact_fields(booking: Booking, accepted: Mapping[str, object]) -> list[FieldError]:
    """Set the text fields ``accepted`` holds; the failed checks (e-mail, country) come back."""
    errors: list[FieldError] = []
    for key in _TEXT_FIELDS:
        if key in accepted:
            setattr(booking, key, text(accepted[key]))
    if "country" in accepted:
        booking.country, error = normalise_country(text(accepted["country"]))
        errors += [error] if error else []
    email_error = check_email(booking.email)
    return errors + ([email_error] if email_error else [])


Placement = Callable[["Context", Schedule, Booking, dict[str, object], bool], list[FieldError]]


def _place_on_resource(
    ctx: Context, schedule: Schedule, booking: Booking, accepted: dict[str, object], creating: bool
) -> list[FieldError]:
    errors: list[FieldError] = []
    for key in ("start", "finish"):
        if key in accepted or creating:
            raw = accepted.get(key)
            moment = parse_time(raw)
            if raw in (None, ""):
                errors.append(FieldError(f"{key.capitalize()} can't be blank", key))
            elif moment is None:
                errors.append(FieldError(f"{key.capitalize()} is not a valid time", key))
            else:
                setattr(booking, key, moment)
    if errors:
        return errors
    assert booking.start is not None
    assert booking.finish is not None
    if booking.finish <= booking.start:
        return [FieldError("Finish must be after start", "finish")]
    ref = accepted.get("resource_id", accepted.get("res_name"))
    if ref not in (None, ""):
        resource = schedule.resource_by_ref(ref)
        if resource is None:
            return [FieldError("Resource not found", "resource_id")]
        candidates = [resource.id]
    elif creating or booking.resource_id is None:
        # More than one resource and none named: the first one free at that time, as a
        # person booking "any room" would get.
        candidates = [r.id for r in schedule.resources] or [None]  # type: ignore[list-item]
    else:
        candidates = [booking.resource_id]
    for resource_id in candidates:
        if not _clashes(ctx, schedule, booking, resource_id):
            booking.resource_id = resource_id
            return []
    taken = schedule.resource_by_id(candidates[0]) if len(candidates) == 1 else None
    message = (
        f"{taken.name} is not available at this time: it overlaps another booking"
        if taken
        else "No resource is available at this time: each one overlaps another booking"
    )
    return [FieldError(message, "availability")]


def _clashes(ctx: Context, schedule: Schedule, booking: Booking, resource_id: int | None) -> bool:
    assert booking.start is not None
    assert booking.finish is not None
    nearby = ctx.account.index.resource(schedule.id, resource_id)
    return any(
        other.id != booking.id and other.overlaps(booking.start, booking.finish)
        for other in ctx.account.booked(nearby.may_run_ids(booking.start, booking.finish))
    )


def _place_in_slot(
    ctx: Context, schedule: Schedule, booking: Booking, accepted: dict[str, object], creating: bool
) -> list[FieldError]:
    # The slot decides the times; a start or finish sent along must still be a time.
    malformed = [
        FieldError(f"{key.capitalize()} is not a valid time", key)
        for key in ("start", "finish")
        if accepted.get(key) not in (None, "") and parse_time(accepted[key]) is None
    ]
    if malformed:
        return malformed
    if "slot_id" not in accepted and "start" not in accepted and not creating:
        return []
    raw = accepted.get("slot_id")
    slot = None
    if raw in (None, ""):
        # Without a slot id, a start time that opens exactly one slot names it.
        start = parse_time(accepted.get("start"))
        matching = schedule.slots_starting_at(start) if start is not None else []
        if len(matching) != 1:
            return [FieldError("Slot can't be blank", "slot_id")]
        slot = matching[0]
    else:
        slot_id = parse_int(raw)
        slot = schedule.slots.get(slot_id) if slot_id is not None else None
        if slot is None:
            return [FieldError("Slot not found", "slot_id")]
    if slot.id == booking.slot_id and not creating:
        return []  # staying in its slot keeps its place (or its turn on the waiting list)
    full = slot.capacity and _places_taken(ctx, slot.id, booking.id) >= slot.capacity
    if full and not schedule.waitlist:
        return [FieldError("This slot is full", "availability")]
    booking.waitlisted = bool(full)
    booking.slot_id, booking.start, booking.finish = slot.id, slot.start, slot.finish
    return []


def _places_taken(ctx: Context, slot_id: int, except_id: int = 0) -> int:
    seated = ctx.account.index.seated(slot_id)
    return len(seated) - (except_id in seated)


def _promote_waitlisted(ctx: Context, schedule: Schedule, slot_id: int | None, webhook: bool) -> None:
    """A place came free: the longest-waiting bookings move off the waiting list, each change
    recorded (the docs list "Placement from waiting list" among appointment changes). It fires
    webhooks when the call that freed the place asked for them."""
    slot = schedule.slots.get(slot_id) if slot_id is not None else None
    if slot is None:
        return
    waiting = sorted(
        ctx.account.booked(ctx.account.index.waiting(slot.id)), key=lambda b: (b.created_on, b.id)
    )
    for booking in waiting:
        if slot.capacity and _places_taken(ctx, slot.id) >= slot.capacity:
            return
        promoted = replace(booking, waitlisted=False, updated_on=ctx.now(), updated_by=ctx.account.name)
        ctx.account.store_booking(promoted)
        _record(ctx, ChangeAction.UPDATE, promoted, webhook)


def _refuse_on_service(
    ctx: Context, schedule: Schedule, booking: Booking, accepted: dict[str, object], creating: bool
) -> list[FieldError]:
    # The docs: "the service schedule does not support writing"; Ruby's SDK names the status
    # it expects for that (501, "Not yet implemented for service type schedule").
    raise NotForService("Not yet implemented for service type schedule", "schedule_id")


_PLACEMENT: dict[ScheduleKind, Placement] = {
    ScheduleKind.RESOURCE: _place_on_resource,
    ScheduleKind.CAPACITY: _place_in_slot,
    ScheduleKind.SERVICE: _refuse_on_service,
}
