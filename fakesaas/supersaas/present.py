"""Domain objects to neutral documents: the only place SuperSaaS API field names and formats live.

Every record always carries all of its fields (null when unset): the PHP SDK reads keys without
checking they exist, and a stable shape is what a JSON schema can pin.
"""

from __future__ import annotations

from datetime import datetime

from fakesaas.core.document import Collection, PerFormat, Record, record
from fakesaas.core.errors import FieldError
from fakesaas.supersaas.domain.accounts import Account
from fakesaas.supersaas.domain.bookings import Booking
from fakesaas.supersaas.domain.schedules import Schedule, ScheduleKind, Slot
from fakesaas.supersaas.domain.users import User
from fakesaas.supersaas.domain.values import format_time

_SLOT_ATTRIBUTES = frozenset(("start", "finish"))


def _time(moment: datetime | None) -> str | None:
    return format_time(moment) if moment is not None else None


def booking(item: Booking, account: Account) -> Record:
    schedule = account.schedules[item.schedule_id]
    resource = schedule.resource_by_id(item.resource_id)
    service = next((s for s in schedule.services if s.id == item.service_id), None)
    fields: dict[str, object] = {
        "id": item.id,
        "schedule_id": item.schedule_id,
        "schedule_name": schedule.name,
        "user_id": item.user_id,
        "start": _time(item.start),
        "finish": _time(item.finish),
        "resource_id": item.resource_id,
        "res_name": resource.name if resource else None,
        "slot_id": item.slot_id,
        "service_id": item.service_id,
        "service_name": service.name if service else None,
        "full_name": item.full_name,
        "name": item.name,
        "email": item.email,
        "address": item.address,
        "mobile": item.mobile,
        "phone": item.phone,
        "country": item.country,
        "field_1": item.field_1,
        "field_2": item.field_2,
        "field_1_r": item.field_1_r,
        "field_2_r": item.field_2_r,
        "super_field": item.super_field,
        "description": item.description,
        "price": item.price,
        "status": item.status,
        "deleted": item.deleted,
        # The docs: XML carries the letter "W" for a waitlisted booking; JSON a boolean.
        "waitlisted": PerFormat(json=item.waitlisted, xml="W" if item.waitlisted else ""),
        "created_on": _time(item.created_on),
        "created_by": item.created_by,
        "updated_on": _time(item.updated_on),
        "updated_by": item.updated_by,
    }
    if schedule.kind is ScheduleKind.CAPACITY and item.slot_id in schedule.slots:
        fields["slot"] = slot(schedule.slots[item.slot_id])
    return record("booking", **fields)  # type: ignore[arg-type]


def bookings(items: list[Booking], account: Account) -> Collection:
    return Collection("bookings", tuple(booking(item, account) for item in items))


def slot(item: Slot) -> Record:
    """A slot; XML draws ``start`` and ``finish`` as attributes (``<slot start=.. finish=..>``)."""
    return record(
        "slot",
        _SLOT_ATTRIBUTES,
        id=item.id,
        start=_time(item.start),
        finish=_time(item.finish),
        title=item.title,
        description=item.description,
        location=item.location,
        capacity=item.capacity,
    )


def user(item: User) -> Record:
    return record(
        "user",
        id=item.id,
        name=item.name,
        email=item.email,
        full_name=item.full_name,
        address=item.address,
        mobile=item.mobile,
        phone=item.phone,
        country=item.country,
        field_1=item.field_1,
        field_2=item.field_2,
        super_field=item.super_field,
        # A string, as the service sends it (user code compares it with "0" and "-").
        credit=item.credit,
        role=item.role.value,
        group=item.group,
        timezone=item.timezone,
        fk=item.fk,
        created_on=_time(item.created_on),
        updated_on=_time(item.updated_on),
    )


def users(items: list[User]) -> Collection:
    return Collection("users", tuple(user(item) for item in items))


def schedule(item: Schedule) -> Record:
    return record("schedule", id=item.id, name=item.name)


def schedules(items: list[Schedule]) -> Collection:
    return Collection("schedules", tuple(schedule(item) for item in items))


def errors(status: int, details: list[FieldError]) -> Collection:
    """``{"errors":[{"status":"422","title":"Email is invalid"}]}``, the shape the SDK README
    prints; XML: ``<errors><error><status>422</status><title>..</title></error></errors>``."""
    items = tuple(record("error", status=str(status), title=detail.message) for detail in details)
    return Collection("errors", items, wrap_json=True)
