"""The whole SuperSaaS state as plain data and back, losslessly: for state dumps and saved worlds.

Every record is written field by field (times in ISO 8601: aware for UTC instants, naive for
schedule-local wall times), so a world read back is the world written, id sequences included.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from datetime import datetime
from typing import Any

from fakesaas.core.clock import Clock
from fakesaas.supersaas.domain.accounts import Account, SuperSaas
from fakesaas.supersaas.domain.changes import Change
from fakesaas.supersaas.domain.hours import OpeningHours
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
from fakesaas.supersaas.domain.schedules import Resource, Schedule, Service, Slot

FORMAT = 1


class SnapshotError(ValueError):
    """A snapshot that cannot be read back; the message says what is wrong."""


def dump_state(backend: SuperSaas) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "ids": backend.id_positions(),
        "accounts": [dump_account(account) for account in backend.accounts.values()],
    }


def dump_account(account: Account) -> dict[str, Any]:
    return {
        "name": account.name,
        "api_key": account.api_key,
        "password": account.password,
        "groups": [_plain(group) for group in account.groups.values()],
        "schedules": [_schedule(schedule) for schedule in account.schedules.values()],
        "users": [_plain(user) for user in account.users.ordered()],
        "bookings": [_plain(booking) for booking in account.bookings.values()],
        "changes": [_plain(change) for change in account.changes],
        "super_forms": [_plain(form) for form in account.super_forms.values()],
        "forms": [_plain(form) for form in account.forms.values()],
        "promotions": [_plain(promotion) for promotion in account.promotions.values()],
        "hooks": [_plain(hook) for hook in account.hooks],
        "schedule_modified": {str(k): v.isoformat() for k, v in account.schedule_modified.items()},
    }


def load_state(clock: Clock, document: Any) -> SuperSaas:
    """A SuperSaaS state from ``dump_state`` output; anything else raises SnapshotError."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise SnapshotError(f"not a fakesaas state (expected format {FORMAT})")
    backend = SuperSaas(clock)
    try:
        for spec in document["accounts"]:
            backend.add_account(_account(spec))
        backend.resume_ids(document["ids"])
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        what = f"missing {error}" if isinstance(error, KeyError) else str(error)
        raise SnapshotError(f"the state is damaged ({what})") from None
    return backend


def _account(spec: dict[str, Any]) -> Account:
    account = Account(name=spec["name"], api_key=spec["api_key"], password=spec["password"])
    for group in spec["groups"]:
        account.groups[group["id"]] = _record(Group, group)
    for schedule in spec["schedules"]:
        loaded = _load_schedule(schedule)
        account.schedules[loaded.id] = loaded
    for user in spec["users"]:
        account.users.put(_record(User, user))
    for booking in spec["bookings"]:
        account.store_booking(_record(Booking, booking))
    for change in spec["changes"]:
        account.changes.append(_record(Change, change))
    for form in spec["super_forms"]:
        fields = [_record(FieldSpec, f) for f in form["fields"]]
        account.super_forms[form["id"]] = SuperForm(form["id"], form["name"], fields)
    for form in spec["forms"]:
        account.forms[form["id"]] = _record(Form, form)
    for promotion in spec["promotions"]:
        account.promotions[promotion["id"]] = _record(Promotion, promotion)
    for hook in spec.get("hooks", []):  # states saved before webhooks existed have none
        account.hooks.add(_record(Hook, hook))
    account.schedule_modified = {
        int(k): datetime.fromisoformat(v) for k, v in spec["schedule_modified"].items()
    }
    return account


def _schedule(schedule: Schedule) -> dict[str, Any]:
    data = _plain(schedule, skip=("resources", "services", "slots", "hours"))
    data["hours"] = schedule.hours.describe()
    data["resources"] = [_plain(r) for r in schedule.resources]
    data["services"] = [_plain(s) for s in schedule.services]
    data["slots"] = [_plain(s) for s in schedule.slots.values()]
    return data


def _load_schedule(spec: dict[str, Any]) -> Schedule:
    plain = {k: v for k, v in spec.items() if k not in ("resources", "services", "slots", "hours")}
    schedule = _record(Schedule, plain)
    schedule.hours = OpeningHours.parse(spec["hours"])
    schedule.resources = [_record(Resource, r) for r in spec["resources"]]
    schedule.services = [_record(Service, s) for s in spec["services"]]
    for slot in spec["slots"]:
        schedule.add_slot(_record(Slot, slot))
    return schedule


def _plain(item: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        f.name: _encode(getattr(item, f.name))
        for f in dataclasses.fields(item)
        if f.name not in skip and not f.name.startswith("_")
    }


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _plain(value)
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    return value


_Record = typing.TypeVar("_Record")


def _record(cls: type[_Record], data: dict[str, Any]) -> _Record:
    hints = typing.get_type_hints(cls)
    values = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name in data:
            values[f.name] = _decode(hints[f.name], data[f.name])
    return cls(**values)


def _decode(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    kinds = typing.get_args(hint) if typing.get_origin(hint) in (typing.Union, types.UnionType) else (hint,)
    for kind in kinds:
        if kind is datetime:
            return datetime.fromisoformat(value)
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            return kind(value)
        if typing.get_origin(kind) is tuple:
            return tuple(value)
    return value
