"""Domain objects to neutral documents: the only place SuperSaaS API field names and formats live.

Every record always carries all of its fields (null when unset): the PHP SDK reads keys without
checking they exist, and a stable shape is what a JSON schema can pin.
"""

from __future__ import annotations

from datetime import datetime

from fakesaas.core.document import Collection, PerFormat, Record, Value, Values, record
from fakesaas.core.errors import FieldError
from fakesaas.supersaas.domain.accounts import Account
from fakesaas.supersaas.domain.availability import FreeSpace
from fakesaas.supersaas.domain.records import (
    Booking,
    FieldSpec,
    Form,
    Group,
    Hook,
    Promotion,
    SuperForm,
    User,
)
from fakesaas.supersaas.domain.schedules import Schedule, ScheduleKind, Slot
from fakesaas.supersaas.domain.values import format_time

_SLOT_ATTRIBUTES = frozenset(("start", "finish"))


def _time(moment: datetime | None) -> str | None:
    return format_time(moment) if moment is not None else None


# The docs: XML carries the letter "W" for a waitlisted booking; JSON a boolean. Made once: every
# booking presented carries one of the two.
_WAITLISTED = PerFormat(json=True, xml="W")
_NOT_WAITLISTED = PerFormat(json=False, xml="")


def booking(item: Booking, account: Account, with_form: bool = False) -> Record:
    schedule = account.schedules[item.schedule_id]
    resource = schedule.resource_by_id(item.resource_id) if item.resource_id is not None else None
    service = (
        next((s for s in schedule.services if s.id == item.service_id), None)
        if item.service_id is not None
        else None
    )
    fields: dict[str, Value] = {
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
        "waitlisted": _WAITLISTED if item.waitlisted else _NOT_WAITLISTED,
        "form_id": item.form_id,
        "created_on": _time(item.created_on),
        "created_by": item.created_by,
        "updated_on": _time(item.updated_on),
        "updated_by": item.updated_by,
    }
    if schedule.kind is ScheduleKind.CAPACITY and item.slot_id in schedule.slots:
        fields["slot"] = slot(schedule.slots[item.slot_id])
    if with_form:
        fields["form"] = _attached_form(account, item.form_id)
    return Record("booking", tuple(fields.items()))  # as ``record`` does, without its copy of 35 fields


def bookings(
    items: list[Booking], account: Account, wrap: bool = False, with_form: bool = False
) -> Collection:
    """A bare array for ``/api/bookings``; ``{"bookings": [...]}`` for agenda, changes and range."""
    return Collection("bookings", tuple(booking(item, account, with_form) for item in items), wrap_json=wrap)


def slots_with_bookings(items: list[Booking], account: Account) -> Collection:
    """``slot=true``: ``{"slots": [{..., "bookings": [...]}]}``, the slots in time order, each
    with the bookings asked for; a booking outside any slot is left out."""
    by_slot: dict[int, list[Booking]] = {}
    order: list[tuple[Slot, Schedule]] = []
    for item in items:
        schedule = account.schedules[item.schedule_id]
        found = schedule.slots.get(item.slot_id) if item.slot_id is not None else None
        if found is None:
            continue
        if found.id not in by_slot:
            by_slot[found.id] = []
            order.append((found, schedule))
        by_slot[found.id].append(item)
    order.sort(key=lambda pair: (pair[0].start, pair[0].id))
    records = []
    for found, _ in order:
        base = slot(found)
        # Never "bookings": null: the Node SDK maps over it.
        contained = bookings(by_slot[found.id], account)
        records.append(Record("slot", (*base.fields, ("bookings", contained)), base.xml_attributes))
    return Collection("slots", tuple(records), wrap_json=True)


def free_spaces(items: list[FreeSpace]) -> Collection:
    """``{"slots": [...]}``: capacity slots with ``count`` places left (0: no capacity limit);
    on resource schedules a free stretch of one resource, named by ``name``, with ``count`` 1."""
    # Field tuples built here rather than through ``record(**fields)``: an answer holds up to
    # maxresults of these, and packing and unpacking keywords was most of what each one cost.
    records = []
    for item in items:
        start = format_time(item.start)
        finish = None if item.finish is None else format_time(item.finish)
        slot = item.slot
        if slot is not None:
            fields: tuple[tuple[str, Value], ...] = (
                ("id", slot.id),
                ("start", start),
                ("finish", finish),
                ("title", slot.title),
                ("description", slot.description),
                ("location", slot.location),
                ("count", item.count),
            )
        else:
            fields = (
                ("start", start),
                ("finish", finish),
                ("name", item.title),
                ("resource_id", item.resource_id),
                ("count", item.count),
            )
        records.append(Record("slot", fields, _SLOT_ATTRIBUTES))
    return Collection("slots", tuple(records), wrap_json=True)


def resources(items: list[tuple[int, str]]) -> Collection:
    return Collection("resources", tuple(record("resource", id=i, name=n) for i, n in items))


def groups(items: list[Group]) -> Collection:
    return Collection("groups", tuple(record("group", id=g.id, name=g.name) for g in items))


def field_list(items: list[FieldSpec]) -> Collection:
    return Collection(
        "fields",
        tuple(
            record(
                "field",
                name=f.name,
                type=f.type,
                label=f.label,
                advanced=f.advanced,
                spec=Values("choice", f.spec) if f.spec is not None else None,
            )
            for f in items
        ),
    )


def super_forms(items: list[SuperForm]) -> Collection:
    return Collection("super_forms", tuple(record("super_form", id=f.id, name=f.name) for f in items))


def form(item: Form) -> Record:
    content = Record("content", tuple(item.content.items()))
    return record(
        "form",
        id=item.id,
        super_form_id=item.super_form_id,
        user_id=item.user_id,
        reservation_process_id=item.reservation_process_id,
        content=content,
        deleted=item.deleted,
        created_on=_time(item.created_on),
        updated_on=_time(item.updated_on),
    )


def forms(items: list[Form]) -> Collection:
    return Collection("forms", tuple(form(item) for item in items))


def promotion(item: Promotion) -> Record:
    return record("promotion", id=item.id, code=item.code, description=item.description, usage=item.usage)


def promotions(items: list[Promotion]) -> Collection:
    return Collection("promotions", tuple(promotion(item) for item in items))


def _attached_form(account: Account, form_id: int | None) -> Record | None:
    attached = account.forms.get(form_id) if form_id is not None else None
    return form(attached) if attached is not None and not attached.deleted else None


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


def user(item: User, account: Account | None = None, with_form: bool = False) -> Record:
    fields = _user_fields(item)
    if with_form and account is not None:
        fields["form"] = _attached_form(account, item.form_id)
    return record("user", **fields)  # type: ignore[arg-type]


def _user_fields(item: User) -> dict[str, object]:
    return dict(
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


def users(items: list[User], account: Account | None = None, with_form: bool = False) -> Collection:
    return Collection("users", tuple(user(item, account, with_form) for item in items))


def schedule(item: Schedule) -> Record:
    return record("schedule", id=item.id, name=item.name)


def schedules(items: list[Schedule]) -> Collection:
    return Collection("schedules", tuple(schedule(item) for item in items))


def hook(item: Hook) -> Record:
    """A webhook as /api/hooks shows it; ``parent_id`` is the account name or a number, as the
    n8n node compares it with the value it registered."""
    return record(
        "hook", id=item.id, url=item.target_url, trigger=item.trigger.value, parent_id=item.parent_id
    )


def hooks(items: list[Hook]) -> Collection:
    return Collection("hooks", tuple(hook(item) for item in items))


def errors(status: int, details: list[FieldError]) -> Collection:
    """``{"errors":[{"status":"422","title":"Email is invalid"}]}``, the shape the SDK README
    prints; XML: ``<errors><error><status>422</status><title>..</title></error></errors>``."""
    items = tuple(record("error", status=str(status), title=detail.message) for detail in details)
    return Collection("errors", items, wrap_json=True)
