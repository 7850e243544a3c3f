"""What an account holds: its records (users, bookings, forms, coupons, hooks) and the directories
that index them. Plain data with no rules: the rules live in the modules that change them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

from fakesaas.supersaas.domain.values import parse_int


class Role(Enum):
    """What the SDKs allow for ``role``: regular user, superuser, blocked."""

    REGULAR = 3
    SUPERUSER = 4
    BLOCKED = -1


@dataclass(slots=True)
class User:
    """A user of the account's schedules. ``fk`` is the caller's own key, as ``1234fk``."""

    id: int
    name: str
    created_on: datetime
    updated_on: datetime
    email: str | None = None
    password: str | None = None
    full_name: str | None = None
    address: str | None = None
    mobile: str | None = None
    phone: str | None = None
    country: str | None = None
    field_1: str | None = None
    field_2: str | None = None
    super_field: str | None = None
    credit: str = "0"
    role: Role = Role.REGULAR
    group: int | None = None
    timezone: str | None = None
    fk: str | None = None
    form_id: int | None = None

    def is_named(self, claim: str) -> bool:
        """Whether ``claim`` is this user's name (any case): what a checksum vouches for. Only the
        name: the docs compute the checksum over the user *name*, and a user whose name is another
        user's id or foreign key must not act as that user (pinned by
        tests/supersaas/http/test_auth.py::test_a_checksum_over_another_users_id_or_fk_is_refused)."""
        return claim.strip().casefold() == self.name.casefold()


_FOREIGN_KEY = re.compile(r"\A\s*(\d+)fk\s*\Z", re.IGNORECASE)


def foreign_key(ref: object) -> str | None:
    """``1234fk`` (any case) in canonical form, or None if ``ref`` is not a foreign key."""
    match = _FOREIGN_KEY.match(ref) if isinstance(ref, str) else None
    return f"{match.group(1)}fk" if match else None


class UserDirectory:
    """The account's users with the indexes every lookup needs."""

    def __init__(self) -> None:
        self.by_id: dict[int, User] = {}
        self._by_name: dict[str, User] = {}
        self._by_fk: dict[str, User] = {}

    def __len__(self) -> int:
        return len(self.by_id)

    def ordered(self) -> list[User]:
        return sorted(self.by_id.values(), key=lambda user: user.id)

    def named(self, name: str) -> User | None:
        return self._by_name.get(name.strip().casefold())

    def with_fk(self, fk: str) -> User | None:
        return self._by_fk.get(fk)

    def find(self, ref: object) -> User | None:
        """By numeric id or ``NNNfk`` foreign key, as ``/api/users/{id}`` takes them."""
        fk = foreign_key(ref)
        if fk is not None:
            return self._by_fk.get(fk)
        user_id = parse_int(ref)
        return self.by_id.get(user_id) if user_id is not None else None

    def find_by_any(self, ref: object) -> User | None:
        """By id, foreign key or name, as the ``user`` parameters of agenda and checksums take them."""
        return self.find(ref) or (self.named(ref) if isinstance(ref, str) else None)

    def put(self, user: User) -> None:
        old = self.by_id.get(user.id)
        if old is not None:
            self._unindex(old)
        self.by_id[user.id] = user
        self._by_name[user.name.casefold()] = user
        if user.fk:
            self._by_fk[user.fk] = user

    def remove(self, user: User) -> None:
        self.by_id.pop(user.id, None)
        self._unindex(user)

    def _unindex(self, user: User) -> None:
        if self._by_name.get(user.name.casefold()) is user:
            del self._by_name[user.name.casefold()]
        if user.fk and self._by_fk.get(user.fk) is user:
            del self._by_fk[user.fk]


@dataclass(slots=True)
class Booking:
    """An appointment. ``start``/``finish`` are wall-clock times in the schedule's time zone;
    ``created_on``/``updated_on`` are UTC. A deleted booking stays for the change log."""

    id: int
    schedule_id: int
    created_on: datetime
    updated_on: datetime
    start: datetime | None = None
    finish: datetime | None = None
    user_id: int | None = None
    resource_id: int | None = None
    slot_id: int | None = None
    service_id: int | None = None
    full_name: str | None = None
    name: str | None = None
    email: str | None = None
    address: str | None = None
    mobile: str | None = None
    phone: str | None = None
    country: str | None = None
    field_1: str | None = None
    field_2: str | None = None
    field_1_r: str | None = None
    field_2_r: str | None = None
    super_field: str | None = None
    description: str | None = None
    created_by: str | None = None
    updated_by: str | None = None
    price: str | None = None
    status: str | None = None
    form_id: int | None = None
    deleted: bool = False
    waitlisted: bool = False

    def overlaps(self, start: datetime, finish: datetime) -> bool:
        assert self.start is not None
        assert self.finish is not None
        return self.start < finish and start < self.finish


@dataclass(slots=True)
class Group:
    """A user group of the account."""

    id: int
    name: str


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One entry of a field list. ``spec`` holds the choices of a select, each one a JSON string
    (Ruby's and PHP's SDKs decode every element with JSON.parse / json_decode)."""

    name: str
    type: str
    label: str
    advanced: bool = False
    spec: tuple[str, ...] | None = None


@dataclass(slots=True)
class SuperForm:
    """A form template: its fields are what a filled-in form's content is keyed by."""

    id: int
    name: str
    fields: list[FieldSpec] = field(default_factory=list)


@dataclass(slots=True)
class Form:
    """A filled-in form, stand-alone or attached to a booking (``reservation_process_id``)."""

    id: int
    super_form_id: int
    created_on: datetime
    updated_on: datetime
    user_id: int | None = None
    reservation_process_id: int | None = None
    content: dict[str, str] = field(default_factory=dict)
    deleted: bool = False


@dataclass(slots=True)
class Promotion:
    """A coupon code and how often it was used."""

    id: int
    code: str
    description: str = ""
    usage: int = 0


class Parent(Enum):
    """What a hook hangs off: the account itself, one schedule, or one super form."""

    ACCOUNT = "account"
    SCHEDULE = "schedule"
    SUPER_FORM = "super_form"


class Trigger(Enum):
    """The trigger codes the official n8n node offers (research §8)."""

    NEW_USER = "U"
    CHANGED_USER = "M"
    PURCHASE = "P"
    SEND_MAIL = "H"
    NEW_APPOINTMENT = "N"
    CHANGED_APPOINTMENT = "C"
    REMINDER = "R"
    FOLLOW_UP = "F"
    NEW_FORM = "S"
    CHANGED_FORM = "O"

    @property
    def parent(self) -> Parent:
        return _PARENTS[self]


_PARENTS = {
    Trigger.NEW_USER: Parent.ACCOUNT,
    Trigger.CHANGED_USER: Parent.ACCOUNT,
    Trigger.PURCHASE: Parent.ACCOUNT,
    Trigger.SEND_MAIL: Parent.ACCOUNT,
    Trigger.NEW_APPOINTMENT: Parent.SCHEDULE,
    Trigger.CHANGED_APPOINTMENT: Parent.SCHEDULE,
    Trigger.REMINDER: Parent.SCHEDULE,
    Trigger.FOLLOW_UP: Parent.SCHEDULE,
    Trigger.NEW_FORM: Parent.SUPER_FORM,
    Trigger.CHANGED_FORM: Parent.SUPER_FORM,
}


@dataclass(slots=True)
class Hook:
    """One subscription. ``parent_id`` is the account name for account triggers, else an id."""

    id: int
    trigger: Trigger
    parent_id: int | str
    target_url: str
    created_on: datetime


class HookRegistry:
    """The hooks of one account, in the order they were added."""

    def __init__(self) -> None:
        self._hooks: dict[int, Hook] = {}

    def add(self, hook: Hook) -> Hook:
        self._hooks[hook.id] = hook
        return hook

    def get(self, hook_id: int) -> Hook | None:
        return self._hooks.get(hook_id)

    def remove(self, hook_id: int) -> None:
        self._hooks.pop(hook_id, None)

    def __iter__(self) -> Iterator[Hook]:
        return iter(list(self._hooks.values()))

    def __len__(self) -> int:
        return len(self._hooks)
