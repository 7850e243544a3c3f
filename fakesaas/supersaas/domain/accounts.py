"""Accounts and the SuperSaaS state of a world: who exists, their data, ids and the request context."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from fakesaas.core.clock import Clock
from fakesaas.core.ids import IdSequence
from fakesaas.supersaas.domain.booking_index import BookingIndex
from fakesaas.supersaas.domain.changes import Change, ChangeLog
from fakesaas.supersaas.domain.records import (
    Booking,
    Form,
    Group,
    HookRegistry,
    Promotion,
    SuperForm,
    UserDirectory,
)
from fakesaas.supersaas.domain.schedules import Schedule
from fakesaas.supersaas.domain.values import parse_int


@dataclass(slots=True)
class Account:
    """One SuperSaaS account: its credentials and everything it owns."""

    name: str
    api_key: str
    password: str
    schedules: dict[int, Schedule] = field(default_factory=dict)
    users: UserDirectory = field(default_factory=UserDirectory)
    groups: dict[int, Group] = field(default_factory=dict)
    bookings: dict[int, Booking] = field(default_factory=dict)
    changes: ChangeLog = field(default_factory=ChangeLog)
    super_forms: dict[int, SuperForm] = field(default_factory=dict)
    forms: dict[int, Form] = field(default_factory=dict)
    promotions: dict[int, Promotion] = field(default_factory=dict)
    hooks: HookRegistry = field(default_factory=HookRegistry)
    # When each schedule last changed (UTC), for If-Modified-Since on /api/free.
    schedule_modified: dict[int, datetime] = field(default_factory=dict)
    index: BookingIndex = field(default_factory=BookingIndex)

    def store_booking(self, booking: Booking) -> None:
        """Insert or replace; deleted bookings leave the indexes but stay by id (for changes)."""
        self.index.replace(self.bookings.get(booking.id), booking)
        self.bookings[booking.id] = booking

    def promotion_by_code(self, code: str) -> Promotion | None:
        return next((p for p in self.promotions.values() if p.code.casefold() == code.casefold()), None)

    def bookings_of(self, schedule_id: int) -> Iterator[Booking]:
        """Active (not deleted) bookings of one schedule, by start."""
        return self.booked(self.index.schedule(schedule_id).ids())

    def booked(self, ids: Iterable[int]) -> Iterator[Booking]:
        """The bookings of ``ids``, as an index gives them."""
        return map(self.bookings.__getitem__, ids)  # in C, where a generator would step in Python

    def ids(self) -> Iterator[tuple[str, int]]:
        """(kind, id) of every object the account owns, in the kinds of the id sequences."""
        for schedule in self.schedules.values():
            yield "schedule", schedule.id
            yield from (("resource", resource.id) for resource in schedule.resources)
            yield from (("service", service.id) for service in schedule.services)
            yield from (("slot", slot_id) for slot_id in schedule.slots)
        yield from (("group", group_id) for group_id in self.groups)
        yield from (("super_form", form_id) for form_id in self.super_forms)
        yield from (("form", form_id) for form_id in self.forms)
        yield from (("promotion", promotion_id) for promotion_id in self.promotions)
        yield from (("user", user_id) for user_id in self.users.by_id)
        yield from (("booking", booking_id) for booking_id in self.bookings)
        yield from (("hook", hook.id) for hook in self.hooks)


# Separate ranges per kind keep ids from looking alike, so a test that passes a user id where a
# booking id belongs fails instead of hitting a record by chance.
_ID_STARTS = {
    "schedule": 100_001,
    "resource": 200_001,
    "service": 250_001,
    "slot": 300_001,
    "group": 400_001,
    "super_form": 450_001,
    "form": 460_001,
    "promotion": 470_001,
    "user": 1_000_001,
    "booking": 5_000_001,
    "hook": 9_000_001,
    "change": 1,
}

# Told of every recorded change, with the object it concerns (as it is after the change).
ChangeObserver = Callable[["Account", Change, object], None]


class SuperSaas:
    """The SuperSaaS part of a world: accounts by name and the id sequences they share."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.accounts: dict[str, Account] = {}
        # Adapters subscribe here (webhook delivery); the domain only calls them.
        self.observers: list[ChangeObserver] = []
        self._ids = {kind: IdSequence(start) for kind, start in _ID_STARTS.items()}

    def next_id(self, kind: str) -> int:
        return self._ids[kind].next()

    def id_positions(self) -> dict[str, int]:
        """The next id of every sequence, so a saved world resumes without reusing ids."""
        return {kind: sequence.upcoming for kind, sequence in self._ids.items()}

    def resume_ids(self, positions: dict[str, int]) -> None:
        """Set every sequence to continue at ``positions`` (a saved world coming back)."""
        for kind, upcoming in positions.items():
            if kind in self._ids:
                self._ids[kind].resume_at(int(upcoming))

    def advance_ids(self, positions: dict[str, int]) -> None:
        """Move sequences on to ``positions`` where those are further: ids never go back."""
        for kind, upcoming in positions.items():
            if kind in self._ids:
                self._ids[kind].resume_at(max(int(upcoming), self._ids[kind].upcoming))

    def account(self, name: str) -> Account | None:
        return self.accounts.get(name.strip().casefold())

    def account_of_schedule(self, schedule_ref: object) -> Account | None:
        """The account that owns a schedule: schedule ids are unique across accounts."""
        schedule_id = parse_int(schedule_ref)
        return next((a for a in self.accounts.values() if schedule_id in a.schedules), None)

    def add_account(self, account: Account) -> Account:
        self.accounts[account.name.casefold()] = account
        return account
