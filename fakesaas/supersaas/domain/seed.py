"""Loading a seed document (plain dicts, e.g. parsed JSON) into the SuperSaaS state.

The document::

    {"accounts": [{
        "name": "demo", "api_key": "demo-api-key", "password": "demo-password",
        "groups": [{"name": "Staff"}],
        "users": [{"name": "alice@example.com", "full_name": "Alice", "fk": "1001fk", "group": "Staff"}],
        "super_forms": [{"name": "Intake", "fields": [{"name": "allergies", "label": "Allergies"}]}],
        "promotions": [{"code": "WELCOME10", "description": "10% off", "usage": 3}],
        "schedules": [
            {"name": "Rooms", "kind": "resource", "timezone": "Europe/Amsterdam", "default_length": 60,
             "hours": {"mon": ["08:00-18:00"], "sat": "10:00-14:00"}, "resources": ["Room 1", "Room 2"]},
            {"name": "Classes", "kind": "capacity", "waitlist": true,
             "slots": [{"start": "2030-01-01 09:00", "finish": "2030-01-01 10:00", "capacity": 8,
                        "title": "Yoga", "description": "", "location": ""}]},
            {"name": "Services", "kind": "service", "services": [{"name": "Haircut", "length": 30}]}],
        "bookings": [
            {"schedule": "Rooms", "user": "alice@example.com", "resource": "Room 1",
             "start": "2030-01-01 10:00", "finish": "2030-01-01 11:00",
             "form": {"super_form": "Intake", "content": {"allergies": "none"}}},
            {"schedule": "Classes", "user": "alice@example.com", "slot_start": "2030-01-01 09:00"},
            {"schedule": "Services", "service": "Haircut", "start": "2030-01-01 10:00", "full_name": "Ann"}],
        "forms": [{"super_form": "Intake", "user": "alice@example.com", "content": {"allergies": "none"}}]
    }]}

``hours`` are weekly opening hours (days left out are closed; without ``hours`` a schedule is open
around the clock). ``waitlist`` lets a capacity schedule take bookings past capacity onto a
waiting list. Users, bookings and forms go through the same rules as API writes, so a seed cannot
hold what the API would refuse; bookings on service schedules, which the API cannot write, get
the same checks of their fields and are then placed directly.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from fakesaas.core.errors import DomainError, FieldError, Unprocessable
from fakesaas.supersaas.domain.accounts import Account, SuperSaas
from fakesaas.supersaas.domain.actors import ADMIN
from fakesaas.supersaas.domain.attributes import writable_attributes
from fakesaas.supersaas.domain.bookings import READ_ONLY, WRITABLE, apply_contact_fields, create_booking
from fakesaas.supersaas.domain.changes import ChangeAction, Subject
from fakesaas.supersaas.domain.context import Context
from fakesaas.supersaas.domain.hours import HoursError, OpeningHours
from fakesaas.supersaas.domain.records import Booking, FieldSpec, Form, Group, Promotion, SuperForm
from fakesaas.supersaas.domain.schedules import Resource, Schedule, ScheduleKind, Service, Slot
from fakesaas.supersaas.domain.users import create_user
from fakesaas.supersaas.domain.values import parse_time

Progress = Callable[[int, int], None]
_BOOKING_KEYS = ("schedule", "user", "resource", "slot_start", "service", "form")
_FORM_FIELD = re.compile(r"\A[a-z_][a-z0-9_]*\Z")  # content keys become XML element names
# The keys each object of a seed may have (users and bookings also take the API's own attributes,
# which the API's rules check).
DOCUMENT_KEYS = frozenset({"accounts"})
ACCOUNT_KEYS = frozenset(
    {
        "name",
        "api_key",
        "password",
        "groups",
        "super_forms",
        "promotions",
        "schedules",
        "users",
        "bookings",
        "forms",
    }
)
GROUP_KEYS = frozenset({"name"})
SUPER_FORM_KEYS = frozenset({"name", "fields"})
FIELD_KEYS = frozenset({"name", "type", "label"})
PROMOTION_KEYS = frozenset({"code", "description", "usage"})
SCHEDULE_KEYS = frozenset(
    {"name", "kind", "timezone", "default_length", "hours", "waitlist", "resources", "services", "slots"}
)
SERVICE_KEYS = frozenset({"name", "length"})
SLOT_KEYS = frozenset({"start", "finish", "capacity", "title", "description", "location"})
FORM_KEYS = frozenset({"super_form", "user", "content"})


class SeedError(ValueError):
    """The seed document is not of the documented shape; the message says where."""


def load_seed(
    backend: SuperSaas, document: Mapping[str, Any], progress: Progress | None = None
) -> list[Account]:
    """Add every account of ``document`` to ``backend``; an account that exists is replaced.

    All or nothing: the accounts are built apart and only moved in once the whole document has
    loaded, so a refused seed leaves no trace. They get the ids they would get in an empty
    emulator (so the demo always has the ids the README lists), unless an account that stays
    holds one of those: then they continue the backend's own sequences.
    ``progress(done, total)`` hears how many bookings have loaded, every thousand.
    """
    specs = _account_specs(document)
    names = {_name_of(spec) for spec in specs}
    staying = [account for key, account in backend.accounts.items() if key not in names]
    built = _build(SuperSaas(backend.clock), specs, progress)
    if staying and _clash(built.accounts.values(), staying):
        scratch = SuperSaas(backend.clock)
        scratch.resume_ids(backend.id_positions())
        built = _build(scratch, specs, progress)
    for account in built.accounts.values():
        backend.add_account(account)
    backend.advance_ids(built.id_positions())
    return list(built.accounts.values())


def reset_account(backend: SuperSaas, document: Mapping[str, Any], name: str) -> bool:
    """Put account ``name`` back as ``document`` (the start-up seed) has it, with the ids it had
    at start; without it in ``document``, the account is forgotten. False if ``backend`` has no
    such account."""
    key = name.strip().casefold()
    if key not in backend.accounts:
        return False
    specs = _account_specs(document)
    position = next((i for i, spec in enumerate(specs) if _name_of(spec) == key), None)
    if position is None:
        del backend.accounts[key]
        return True
    # The accounts before it in the seed took the ids before its own: build them too, then keep it only.
    fresh = _build(SuperSaas(backend.clock), specs[: position + 1], None)
    account = fresh.accounts[key]
    staying = [other for other_key, other in backend.accounts.items() if other_key != key]
    if _clash([account], staying):
        scratch = SuperSaas(backend.clock)
        scratch.resume_ids(backend.id_positions())
        fresh = _build(scratch, [specs[position]], None)
        account = fresh.accounts[key]
    backend.add_account(account)
    backend.advance_ids(fresh.id_positions())
    return True


def _account_specs(document: Mapping[str, Any]) -> list[Any]:
    if not isinstance(document, Mapping) or not isinstance(document.get("accounts"), list):
        raise SeedError('a seed document is an object with a list under "accounts"')
    _check_keys(document, DOCUMENT_KEYS, "the SuperSaaS section")
    return list(document["accounts"])


def _name_of(spec: object) -> str:
    name = spec.get("name") if isinstance(spec, Mapping) else None
    return name.strip().casefold() if isinstance(name, str) else ""


def _build(scratch: SuperSaas, specs: list[Any], progress: Progress | None) -> SuperSaas:
    for index, spec in enumerate(specs):
        try:
            _load_account(scratch, spec, progress)
        except SeedError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            what = f"missing key {error}" if isinstance(error, KeyError) else str(error)
            raise SeedError(f"account #{index + 1}: not of the documented shape ({what})") from None
    return scratch


def _clash(incoming: Iterable[Account], staying: Iterable[Account]) -> bool:
    """Whether an incoming account holds an id (of the same kind) that a staying one holds."""
    taken = {pair for account in staying for pair in account.ids()}
    return any(pair in taken for account in incoming for pair in account.ids())


def _check_keys(spec: Mapping[str, Any], allowed: frozenset[str], what: str) -> None:
    """A typo in a seed is refused, never ignored: name the key and the keys allowed."""
    unknown = sorted(str(key) for key in spec if key not in allowed)
    if unknown:
        raise SeedError(f"{what}: unknown key {unknown[0]!r} (allowed: {', '.join(sorted(allowed))})")


def _load_account(backend: SuperSaas, spec: Mapping[str, Any], progress: Progress | None) -> Account:
    if not isinstance(spec, Mapping) or not all(
        isinstance(spec.get(key), str) and spec[key] for key in ("name", "api_key", "password")
    ):
        raise SeedError("an account needs name, api_key and password as text")
    _check_keys(spec, ACCOUNT_KEYS, f"account {spec['name']!r}")
    account = backend.add_account(
        Account(name=spec["name"], api_key=spec["api_key"], password=spec["password"])
    )
    ctx = Context(backend, account, ADMIN)
    for group in spec.get("groups", []):
        _check_keys(group, GROUP_KEYS, "a group")
        group_id = backend.next_id("group")
        account.groups[group_id] = Group(group_id, _text(group, "name", "group"))
    for template in spec.get("super_forms", []):
        super_form = _super_form(backend, template)
        account.super_forms[super_form.id] = super_form
    for promotion in spec.get("promotions", []):
        _check_keys(promotion, PROMOTION_KEYS, "a promotion")
        promotion_id = backend.next_id("promotion")
        account.promotions[promotion_id] = Promotion(
            promotion_id,
            _text(promotion, "code", "promotion"),
            promotion.get("description", ""),
            int(promotion.get("usage", 0)),
        )
    for schedule_spec in spec.get("schedules", []):
        schedule = _schedule(backend, schedule_spec)
        account.schedules[schedule.id] = schedule
        account.schedule_modified[schedule.id] = ctx.now()
    group_ids = {group.name: group.id for group in account.groups.values()}
    for user in spec.get("users", []):
        attributes = {key: value for key, value in user.items() if key not in ("fk", "form")}
        if isinstance(attributes.get("group"), str) and attributes["group"] in group_ids:
            attributes["group"] = group_ids[attributes["group"]]
        with _refused_as_seed_error(f"user {user.get('name')!r}"):
            created, _ = create_user(ctx, attributes, user.get("fk"), "raise", False)
        if "form" in user:
            created.form_id = _form(ctx, user["form"], created.id, None).id
    by_name = {schedule.name: schedule for schedule in account.schedules.values()}
    bookings = spec.get("bookings", [])
    for done, booking in enumerate(bookings, start=1):
        _load_booking(ctx, by_name, booking)
        if progress and (done % 1000 == 0 or done == len(bookings)):
            progress(done, len(bookings))
    for filled in spec.get("forms", []):
        owner = account.users.named(filled["user"]) if filled.get("user") else None
        _form(ctx, filled, owner.id if owner else None, None)
    return account


def _schedule(backend: SuperSaas, spec: Mapping[str, Any]) -> Schedule:
    name = _text(spec, "name", "schedule")
    _check_keys(spec, SCHEDULE_KEYS, f"schedule {name!r}")
    try:
        kind = ScheduleKind(spec.get("kind", "resource"))
        hours = OpeningHours.parse(spec["hours"]) if "hours" in spec else OpeningHours.always()
    except ValueError as error:
        detail = error if isinstance(error, HoursError) else "kind is resource, capacity or service"
        raise SeedError(f"schedule {name!r}: {detail}") from None
    if not Context.timezone_exists(spec.get("timezone", "UTC")):
        raise SeedError(f"schedule {name!r}: unknown time zone {spec.get('timezone')!r}")
    schedule = Schedule(
        id=backend.next_id("schedule"),
        name=name,
        kind=kind,
        timezone=spec.get("timezone", "UTC"),
        default_length_minutes=int(spec.get("default_length", 60)),
        hours=hours,
        waitlist=bool(spec.get("waitlist", False)),
    )
    for resource in spec.get("resources", []):
        schedule.resources.append(Resource(backend.next_id("resource"), str(resource)))
    for service in spec.get("services", []):
        _check_keys(service, SERVICE_KEYS, f"a service of schedule {name!r}")
        length = int(service.get("length", 60))
        schedule.services.append(
            Service(backend.next_id("service"), _text(service, "name", "service"), length)
        )
    for slot in spec.get("slots", []):
        _check_keys(slot, SLOT_KEYS, f"a slot of schedule {name!r}")
        start, finish = parse_time(slot.get("start")), parse_time(slot.get("finish"))
        if start is None or finish is None or finish <= start:
            raise SeedError(f"schedule {name!r}: slot {slot!r} needs a start before its finish")
        schedule.add_slot(
            Slot(
                backend.next_id("slot"),
                start,
                finish,
                int(slot.get("capacity", 0)),
                slot.get("title", ""),
                slot.get("description", ""),
                slot.get("location", ""),
            )
        )
    return schedule


def _super_form(backend: SuperSaas, spec: Mapping[str, Any]) -> SuperForm:
    name = _text(spec, "name", "super form")
    _check_keys(spec, SUPER_FORM_KEYS, f"super form {name!r}")
    fields = []
    for field in spec.get("fields", []):
        _check_keys(field, FIELD_KEYS, f"a field of super form {name!r}")
        field_name = _text(field, "name", f"field of super form {name!r}")
        if not _FORM_FIELD.match(field_name):
            raise SeedError(f"super form {name!r}: field name {field_name!r} must be lower_snake_case")
        fields.append(FieldSpec(field_name, field.get("type", "string"), field.get("label", field_name)))
    return SuperForm(backend.next_id("super_form"), name, fields)


def _form(ctx: Context, spec: Mapping[str, Any], user_id: int | None, booking_id: int | None) -> Form:
    _check_keys(spec, FORM_KEYS, "a form")
    template = next((f for f in ctx.account.super_forms.values() if f.name == spec.get("super_form")), None)
    if template is None:
        raise SeedError(f"form {spec!r}: no super form named {spec.get('super_form')!r}")
    content = {str(key): str(value) for key, value in dict(spec.get("content", {})).items()}
    unknown = set(content) - {field.name for field in template.fields}
    if unknown:
        raise SeedError(f"form {spec!r}: {sorted(unknown)[0]!r} is not a field of {template.name!r}")
    now = ctx.now()
    form = Form(ctx.next_id("form"), template.id, now, now, user_id, booking_id, content)
    ctx.account.forms[form.id] = form
    return form


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
    with _refused_as_seed_error(f"booking {spec!r}"):
        if schedule.kind is ScheduleKind.SERVICE:
            booking = _place_service_booking(ctx, schedule, spec, attributes, user.id if user else None)
        else:
            booking = create_booking(ctx, schedule.id, attributes, user.id if user else None, False)
    if "form" in spec:
        booking.form_id = _form(ctx, spec["form"], booking.user_id, booking.id).id


def _place_service_booking(
    ctx: Context, schedule: Schedule, spec: Mapping[str, Any], attributes: dict[str, Any], user_id: int | None
) -> Booking:
    service = next((s for s in schedule.services if s.name == spec.get("service")), None)
    start = parse_time(spec.get("start"))
    if service is None or start is None:
        raise SeedError(f"booking {spec!r}: a service booking needs a known service and a start")
    now = ctx.now()
    booking = Booking(
        id=0,
        schedule_id=schedule.id,
        created_on=now,
        updated_on=now,
        start=start,
        finish=start + timedelta(minutes=service.length_minutes),
        user_id=user_id,
        service_id=service.id,
        created_by=ctx.account.name,
        updated_by=ctx.account.name,
    )
    accepted = writable_attributes(attributes, WRITABLE, READ_ONLY, "Booking")
    errors: list[FieldError] = apply_contact_fields(booking, accepted)
    if errors:
        raise Unprocessable(errors)
    booking.id = ctx.next_id("booking")
    ctx.account.store_booking(booking)
    ctx.record(ChangeAction.CREATE, Subject.BOOKING, booking.id, schedule.id, at=booking.updated_on)
    return booking


def _text(spec: Mapping[str, Any], key: str, what: str) -> str:
    value = spec.get(key) if isinstance(spec, Mapping) else None
    if not isinstance(value, str) or not value.strip():
        raise SeedError(f"a {what} needs a {key} (got {spec!r})")
    return value


@contextmanager
def _refused_as_seed_error(what: str) -> Iterator[None]:
    """A write the API would refuse makes the seed invalid, with the API's own reason."""
    try:
        yield
    except DomainError as error:
        raise SeedError(f"{what}: {error.message}") from None
