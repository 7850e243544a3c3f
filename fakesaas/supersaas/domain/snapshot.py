"""The whole SuperSaaS state as plain data and back, losslessly: for state dumps and saved worlds.

Every record is written field by field (times in ISO 8601: aware for UTC instants, naive for
schedule-local wall times), so a world read back is the world written, id sequences included.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import operator
import types
import typing
from collections.abc import Callable
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
    """A SuperSaaS state from ``dump_state`` output; anything else raises SnapshotError.

    Checked as well as read: every field of the type its record declares, account names unique,
    every reference (a booking's schedule, user, resource, slot or service; a user's group; a
    form's template) resolving within its account, and every id sequence past the ids in use, so
    a damaged file is refused instead of failing later or overwriting a record on the next create.
    """
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise SnapshotError(f"not a fakesaas state (expected format {FORMAT})")
    backend = SuperSaas(clock)
    try:
        for spec in document["accounts"]:
            account = _account(spec)
            if backend.account(account.name) is not None:
                raise SnapshotError(f"the state is damaged (account {account.name!r} appears twice)")
            backend.add_account(account)
            _check_references(account)
        positions = document["ids"]
        if not isinstance(positions, dict):
            raise TypeError("ids must be an object")
        backend.resume_ids({str(kind): _integer(value, f"ids.{kind}") for kind, value in positions.items()})
        _check_sequences(backend)
    except SnapshotError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        what = f"missing {error}" if isinstance(error, KeyError) else str(error)
        raise SnapshotError(f"the state is damaged ({what})") from None
    return backend


def _check_references(account: Account) -> None:
    """Every id a record of ``account`` names is one the account has."""

    def damaged(what: str) -> SnapshotError:
        return SnapshotError(f"the state is damaged (account {account.name!r}: {what})")

    users = account.users.by_id
    for booking in account.bookings.values():
        schedule = account.schedules.get(booking.schedule_id)
        if schedule is None:
            raise damaged(f"booking {booking.id} is on unknown schedule {booking.schedule_id}")
        if booking.user_id is not None and booking.user_id not in users:
            raise damaged(f"booking {booking.id} names unknown user {booking.user_id}")
        if booking.resource_id is not None and all(r.id != booking.resource_id for r in schedule.resources):
            raise damaged(f"booking {booking.id} names unknown resource {booking.resource_id}")
        if booking.slot_id is not None and booking.slot_id not in schedule.slots:
            raise damaged(f"booking {booking.id} names unknown slot {booking.slot_id}")
        if booking.service_id is not None and all(s.id != booking.service_id for s in schedule.services):
            raise damaged(f"booking {booking.id} names unknown service {booking.service_id}")
    for user in users.values():
        if user.group is not None and user.group not in account.groups:
            raise damaged(f"user {user.id} is in unknown group {user.group}")
    for form in account.forms.values():
        if form.super_form_id not in account.super_forms:
            raise damaged(f"form {form.id} is of unknown super form {form.super_form_id}")
    for schedule_id in account.schedule_modified:
        if schedule_id not in account.schedules:
            raise damaged(f"schedule_modified names unknown schedule {schedule_id}")


def _check_sequences(backend: SuperSaas) -> None:
    """Each id sequence continues past the ids in use: the next create must not overwrite one."""
    upcoming = backend.id_positions()
    highest: dict[str, tuple[int, str]] = {}
    for account in backend.accounts.values():
        for kind, used in (*account.ids(), *(("change", change.seq) for change in account.changes)):
            if used > highest.get(kind, (0, ""))[0]:
                highest[kind] = (used, account.name)
    for kind, (used, name) in highest.items():
        if used >= upcoming[kind]:
            raise SnapshotError(
                f"the state is damaged (the next {kind} id, {upcoming[kind]}, is not past {kind} {used}"
                f" of account {name!r})"
            )


def _integer(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{where} must be a whole number, not {value!r}")
    return value


def _account(spec: dict[str, Any]) -> Account:
    for key in ("name", "api_key", "password"):
        if not isinstance(spec[key], str) or not spec[key]:
            raise TypeError(f"an account's {key} must be text, not {spec[key]!r}")
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
    names, read, convert = _writer(typing.cast(Any, type(item)), skip)
    values = list(read(item)) if len(names) > 1 else [read(item)]
    for position, encode in convert:
        values[position] = encode(values[position])
    return dict(zip(names, values, strict=True))


@functools.cache
def _writer(
    cls: type, skip: tuple[str, ...]
) -> tuple[tuple[str, ...], Callable[[Any], Any], tuple[tuple[int, Callable[[Any], Any]], ...]]:
    """How to write a record class, worked out once (a state holds millions of records): its field
    names, a getter of their values, and which of those need more than copying (by type hint)."""
    hints = _hints(cls)
    names = tuple(
        f.name for f in dataclasses.fields(cls) if f.name not in skip and not f.name.startswith("_")
    )
    convert = tuple(
        (position, _encode) for position, name in enumerate(names) if not _plain_hint(hints[name])
    )
    read = operator.attrgetter(*names) if names else (lambda item: ())
    return names, read, convert


_SCALARS = (str, int, bool, float, type(None))


def _plain_hint(hint: Any) -> bool:
    """Whether values of type ``hint`` go to JSON as they are (strings, numbers, booleans, None)."""
    kinds = typing.get_args(hint) if typing.get_origin(hint) in (typing.Union, types.UnionType) else (hint,)
    return all(kind in _SCALARS for kind in kinds)


def _encode(value: Any) -> Any:
    if type(value) in _SCALARS:
        return value
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


@functools.cache
def _hints(cls: Any) -> dict[str, Any]:
    """A record class's field types, read once per class (a state file holds millions of records)."""
    return typing.get_type_hints(cls)


def _record(cls: type[_Record], data: dict[str, Any]) -> _Record:
    if not isinstance(data, dict):
        raise TypeError(f"a {cls.__name__} must be an object, not {type(data).__name__}")
    values = {}
    for name, decode in _reader(typing.cast(Any, cls)):
        if name in data:
            values[name] = decode(data[name])
    return cls(**values)


@functools.cache
def _reader(cls: type) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    """How to read a record class, worked out once: each field with a decoder for its type hint,
    which checks a value as ``_decode`` does."""
    hints = _hints(cls)
    return tuple((f.name, _decoder(hints[f.name], cls.__name__, f.name)) for f in dataclasses.fields(cls))


def _decoder(hint: Any, record: str, name: str) -> Callable[[Any], Any]:
    kinds = typing.get_args(hint) if typing.get_origin(hint) in (typing.Union, types.UnionType) else (hint,)
    exact = [kind for kind in kinds if kind is not type(None)]
    nullable = len(exact) < len(kinds)
    if len(exact) == 1 and exact[0] in (str, int, bool):
        kind = exact[0]  # the usual case, checked without the general walk below

        def scalar(value: Any) -> Any:
            if type(value) is kind:
                return value
            if value is None and nullable:
                return None
            return _decode(hint, value, record, name)  # the general walk says what is wrong

        return scalar
    if len(exact) == 1 and exact[0] is datetime:

        def moment(value: Any) -> Any:
            if type(value) is str:
                return datetime.fromisoformat(value)
            return _decode(hint, value, record, name)

        return moment
    return lambda value: _decode(hint, value, record, name)


def _decode(hint: Any, value: Any, record: str = "record", name: str = "field") -> Any:
    """``value`` as a field of type ``hint`` wants it; TypeError when it is of another type."""
    kinds = typing.get_args(hint) if typing.get_origin(hint) in (typing.Union, types.UnionType) else (hint,)
    if value is None:
        if type(None) in kinds:
            return None
        raise TypeError(f"{record}.{name} must not be null")
    for kind in kinds:
        if kind is datetime:
            return datetime.fromisoformat(value)
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            return kind(value)
        if typing.get_origin(kind) is tuple:
            return tuple(value)
        if kind is bool and isinstance(value, bool):
            return value
        if kind is int and isinstance(value, int) and not isinstance(value, bool):
            return value
        if kind is str and isinstance(value, str):
            return value
        if kind not in (bool, int, str, type(None)):
            return value  # lists, dicts and records are checked where they are read
    raise TypeError(f"{record}.{name} has the wrong type ({value!r})")
