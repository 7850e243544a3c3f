"""Loading a seed document (plain dicts, e.g. parsed JSON) into the SuperSaaS state.

The document::

    {"accounts": [{
        "name": "demo", "api_key": "demo-api-key", "password": "demo-password",
        "groups": [{"name": "Staff"}],
        "users": [{"name": "alice@example.com", "full_name": "Alice", "fk": "1001fk", "group": "Staff"}],
        "schedules": [
            {"name": "Rooms", "kind": "resource", "timezone": "Europe/Amsterdam",
             "default_length": 60, "resources": ["Room 1", "Room 2"]},
            {"name": "Classes", "kind": "capacity",
             "slots": [{"start": "2030-01-01 09:00", "finish": "2030-01-01 10:00", "capacity": 8,
                        "title": "Yoga", "description": "", "location": ""}]},
            {"name": "Services", "kind": "service", "services": [{"name": "Haircut", "length": 30}]}],
        "bookings": [
            {"schedule": "Rooms", "user": "alice@example.com", "resource": "Room 1",
             "start": "2030-01-01 10:00", "finish": "2030-01-01 11:00"},
            {"schedule": "Classes", "user": "alice@example.com", "slot_start": "2030-01-01 09:00"},
            {"schedule": "Services", "service": "Haircut", "start": "2030-01-01 10:00", "full_name": "Ann"}]
    }]}

Users and bookings go through the same rules as API writes, so a seed cannot hold what the API
would refuse (overlaps, full slots, bad e-mail addresses). Bookings on service schedules, which the
API cannot write, are placed directly after the same checks of their fields.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from fakesaas.core.errors import DomainError
from fakesaas.supersaas.domain.accounts import Account, Context, Group, SuperSaas
from fakesaas.supersaas.domain.actors import ADMIN
from fakesaas.supersaas.domain.bookings import Booking, create_booking
from fakesaas.supersaas.domain.changes import ChangeAction, Subject
from fakesaas.supersaas.domain.schedules import Resource, Schedule, ScheduleKind, Service, Slot
from fakesaas.supersaas.domain.users import create_user
from fakesaas.supersaas.domain.values import parse_time

_BOOKING_KEYS = ("schedule", "user", "resource", "slot_start", "service")


class SeedError(ValueError):
    """The seed document is not of the documented shape; the message says where."""


def load_seed(backend: SuperSaas, document: Mapping[str, Any]) -> list[Account]:
    """Add every account of ``document`` to ``backend``; an account that exists is replaced."""
    if not isinstance(document, Mapping) or not isinstance(document.get("accounts"), list):
        raise SeedError('a seed document is an object with a list under "accounts"')
    return [_load_account(backend, spec) for spec in document["accounts"]]


def _load_account(backend: SuperSaas, spec: Mapping[str, Any]) -> Account:
    try:
        account = Account(name=spec["name"], api_key=spec["api_key"], password=spec["password"])
    except (KeyError, TypeError) as missing:
        raise SeedError(f"an account needs name, api_key and password ({missing})") from None
    backend.add_account(account)
    ctx = Context(backend, account, ADMIN)
    for group in spec.get("groups", []):
        group_id = backend.next_id("group")
        account.groups[group_id] = Group(group_id, group["name"])
    group_ids = {group.name: group.id for group in account.groups.values()}
    for schedule_spec in spec.get("schedules", []):
        schedule = _schedule(backend, schedule_spec)
        account.schedules[schedule.id] = schedule
    for user in spec.get("users", []):
        attributes = {key: value for key, value in user.items() if key != "fk"}
        if isinstance(attributes.get("group"), str) and attributes["group"] in group_ids:
            attributes["group"] = group_ids[attributes["group"]]
        with _refused_as_seed_error(f"user {user.get('name')!r}"):
            create_user(ctx, attributes, user.get("fk"), "raise", False)
    by_name = {schedule.name: schedule for schedule in account.schedules.values()}
    for booking in spec.get("bookings", []):
        _load_booking(ctx, by_name, booking)
    return account


def _schedule(backend: SuperSaas, spec: Mapping[str, Any]) -> Schedule:
    try:
        kind = ScheduleKind(spec.get("kind", "resource"))
    except ValueError:
        raise SeedError(f"schedule {spec.get('name')!r}: kind is resource, capacity or service") from None
    schedule = Schedule(
        id=backend.next_id("schedule"),
        name=spec["name"],
        kind=kind,
        timezone=spec.get("timezone", "UTC"),
        default_length_minutes=int(spec.get("default_length", 60)),
    )
    for name in spec.get("resources", []):
        schedule.resources.append(Resource(backend.next_id("resource"), name))
    for service in spec.get("services", []):
        schedule.services.append(
            Service(backend.next_id("service"), service["name"], int(service.get("length", 60)))
        )
    for slot in spec.get("slots", []):
        start, finish = parse_time(slot.get("start")), parse_time(slot.get("finish"))
        if start is None or finish is None or finish <= start:
            raise SeedError(f"schedule {schedule.name!r}: slot {slot!r} needs a start before its finish")
        slot_id = backend.next_id("slot")
        schedule.slots[slot_id] = Slot(
            slot_id,
            start,
            finish,
            int(slot.get("capacity", 0)),
            slot.get("title", ""),
            slot.get("description", ""),
            slot.get("location", ""),
        )
    return schedule


def _load_booking(ctx: Context, schedules: dict[str, Schedule], spec: Mapping[str, Any]) -> None:
    schedule = schedules.get(spec.get("schedule", ""))
    if schedule is None:
        raise SeedError(f"booking {spec!r}: no schedule named {spec.get('schedule')!r}")
    user = ctx.account.users.named(spec["user"]) if spec.get("user") else None
    if spec.get("user") and user is None:
        raise SeedError(f"booking {spec!r}: no user named {spec['user']!r}")
    attributes = {key: value for key, value in spec.items() if key not in _BOOKING_KEYS}
    if "resource" in spec:
        attributes["resource_id"] = spec["resource"]
    if "slot_start" in spec:
        attributes["start"] = spec["slot_start"]
    if schedule.kind is ScheduleKind.SERVICE:
        _place_service_booking(ctx, schedule, spec, user.id if user else None)
        return
    with _refused_as_seed_error(f"booking {spec!r}"):
        create_booking(ctx, schedule.id, attributes, user.id if user else None, False)


def _place_service_booking(
    ctx: Context, schedule: Schedule, spec: Mapping[str, Any], user_id: int | None
) -> None:
    service = next((s for s in schedule.services if s.name == spec.get("service")), None)
    start = parse_time(spec.get("start"))
    if service is None or start is None:
        raise SeedError(f"booking {spec!r}: a service booking needs a known service and a start")
    now = ctx.now()
    booking = Booking(
        id=ctx.next_id("booking"),
        schedule_id=schedule.id,
        created_on=now,
        updated_on=now,
        start=start,
        finish=start + timedelta(minutes=service.length_minutes),
        user_id=user_id,
        service_id=service.id,
        full_name=spec.get("full_name"),
        email=spec.get("email"),
        created_by=ctx.account.name,
        updated_by=ctx.account.name,
    )
    ctx.account.store_booking(booking)
    ctx.record(ChangeAction.CREATE, Subject.BOOKING, booking.id, schedule.id)


@contextmanager
def _refused_as_seed_error(what: str) -> Iterator[None]:
    """A write the API would refuse makes the seed invalid, with the API's own reason."""
    try:
        yield
    except DomainError as error:
        raise SeedError(f"{what}: {error.message}") from None
