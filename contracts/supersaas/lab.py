"""What the suite may touch on the target: discovered schedules, fresh days, and sandboxes that clean up.

Nothing here assumes an empty account. Every object the suite writes carries a uuid4 in its name, every
booking on the resource schedule lands on a far-future weekday that held no booking when it was handed
out, and every sandbox deletes what it created (bookings first, then users) when it closes.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from contracts.supersaas.client import Client, Reply
from contracts.supersaas.target import Target
from contracts.supersaas.wire import encode

STAMP = "%Y-%m-%d %H:%M:%S"
# The resource schedule must be open 08:00-18:00 on weekdays (the demo's Rooms is); bookings go there.
OPENS, CLOSES = time(8, 0), time(18, 0)
# Far enough ahead that "now" never reaches them, on a real account as on the emulator.
FIRST_DAY, LAST_DAY = date(2031, 1, 6), date(2035, 12, 28)
PREFIX = "contract"


class LabError(RuntimeError):
    """The target does not offer what the suite needs (a schedule, a free day, a readable answer)."""


@dataclass(frozen=True, slots=True)
class Named:
    """A schedule or a resource: the id the target gave it and its name."""

    id: int
    name: str


def stamp(moment: datetime) -> str:
    return moment.strftime(STAMP)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))


def parse_stamp(text: str) -> datetime:
    return datetime.strptime(text, STAMP)


def unique(kind: str) -> str:
    return f"{PREFIX}-{kind}-{uuid.uuid4().hex}"


def expect(reply: Reply, *statuses: int) -> Reply:
    """The reply, after checking its status (the failure message shows the whole exchange)."""
    assert reply.status in statuses, f"expected {' or '.join(map(str, statuses))}: {reply.describe()}"
    return reply


class Days:
    """Hands out weekdays between 2031 and 2035 on which the resource schedule has no booking."""

    def __init__(self, client: Client, schedule: Named, rng: random.Random) -> None:
        self._client = client
        self._schedule = schedule
        span = (date(2032, 12, 31) - FIRST_DAY).days
        self._next = _weekday(FIRST_DAY + timedelta(days=rng.randrange(span)))
        self._returned: list[date] = []

    def give_back(self, day: date) -> None:
        """A day whose bookings were all deleted again; it is checked anew before its next use."""
        self._returned.append(day)

    def take(self, attempts: int = 30) -> date:
        for _ in range(attempts):
            if not self._returned and self._next > LAST_DAY:
                break
            if self._returned:
                day = self._returned.pop()
            else:
                day, self._next = self._next, _weekday(self._next + timedelta(days=1))
            reply = self._client.get(
                f"/api/range/{self._schedule.id}.json",
                params={"from": stamp(at(day, 0)), "to": stamp(at(day + timedelta(days=1), 0)), "limit": 20},
                record=False,
            )
            if reply.status != 200 or not isinstance(reply.data, dict) or "bookings" not in reply.data:
                raise LabError(f"cannot tell whether {day} is free: {reply.describe()}")
            if not any(str(b.get("start", "")).startswith(day.isoformat()) for b in reply.data["bookings"]):
                return day
        raise LabError(
            f"{attempts} weekdays in a row hold bookings on {self._schedule.name}, or none is left before "
            f"{LAST_DAY}: the schedule is full, or the target does not keep what it is told"
        )


def _weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


@dataclass
class Lab:
    """The session's view of the target and the ledger of everything the suite created there."""

    client: Client
    target: Target
    resource_schedule: Named
    resources: tuple[Named, ...]
    capacity_schedules: tuple[Named, ...]
    days: Days
    leftovers: list[str] = field(default_factory=list)
    _open: list[Sandbox] = field(default_factory=list)

    @classmethod
    def open(cls, client: Client, target: Target, rng: random.Random) -> Lab:
        reply = expect(client.get("/api/schedules.json", record=False), 200)
        if not isinstance(reply.data, list):
            raise LabError(f"GET /api/schedules.json is not a list: {reply.describe()}")
        listed = [Named(int(item["id"]), str(item["name"])) for item in reply.data]

        def schedule(wanted: str, option: str) -> Named:
            """A schedule by name, or by id (an id need not be listed: a mock may list none)."""
            for known in listed:
                if wanted in (known.name, str(known.id)):
                    return known
            if wanted.isdigit():
                return Named(int(wanted), wanted)
            raise LabError(f"no schedule named {wanted!r} (known: {[n.name for n in listed]}); {option}")

        resource_schedule = schedule(target.resource_schedule, "pass --schedule-resource NAME")
        capacity = tuple(schedule(n, "pass --schedule-capacity NAMES") for n in target.capacity_schedules)
        reply = expect(
            client.get("/api/resources.json", params={"schedule_id": resource_schedule.id}, record=False), 200
        )
        resources = tuple(Named(int(item["id"]), item["name"]) for item in reply.data)[:2]
        if not resources:
            raise LabError(f"{resource_schedule.name} has no resources")
        return cls(
            client, target, resource_schedule, resources, capacity, Days(client, resource_schedule, rng)
        )

    @property
    def other_resource(self) -> Named | None:
        """A second resource of the schedule, if it has one."""
        return self.resources[1] if len(self.resources) > 1 else None

    def resource(self, index: int) -> Named:
        return self.resources[index % len(self.resources)]

    @contextmanager
    def sandbox(self) -> Iterator[Sandbox]:
        box = self.new_sandbox()
        try:
            yield box
        finally:
            self.release(box)

    def new_sandbox(self) -> Sandbox:
        if self.client.recorder is not None:
            self.client.recorder.new_scope()
        box = Sandbox(self)
        self._open.append(box)
        return box

    def release(self, box: Sandbox) -> None:
        box.cleanup()
        self._open.remove(box)
        self.leftovers += box.undeleted
        if not box.undeleted:
            for day in box.days:
                self.days.give_back(day)

    def close(self) -> None:
        """Clean whatever a crashed test left open; remember what could not be deleted."""
        for box in self._open:
            box.cleanup()
            self.leftovers += box.undeleted
        self._open.clear()

    # Reads the tests share --------------------------------------------------------------------

    def booking(self, booking_id: int, fmt: str = "json", **params: Any) -> Reply:
        return self.client.get(f"/api/bookings/{booking_id}.{fmt}", params=params or None)

    def user(self, user_id: int | str, fmt: str = "json") -> Reply:
        return self.client.get(f"/api/users/{user_id}.{fmt}")

    def day_bookings(
        self, day: date, schedule: Named | None = None, fmt: str = "json"
    ) -> list[dict[str, Any]]:
        """Every booking starting on ``day`` (the range API, ``from`` inclusive, ``to`` exclusive)."""
        schedule = schedule or self.resource_schedule
        reply = expect(
            self.client.get(
                f"/api/range/{schedule.id}.{fmt}",
                params={"from": stamp(at(day, 0)), "to": stamp(at(day + timedelta(days=1), 0)), "limit": 500},
            ),
            200,
        )
        data = reply.data
        return data["bookings"] if isinstance(data, dict) else data


class Sandbox:
    """Creates users and bookings with unique names and deletes them again on ``cleanup``."""

    def __init__(self, lab: Lab) -> None:
        self.lab = lab
        self.client = lab.client
        self.bookings: list[int] = []
        self.users: list[int] = []
        self.days: list[date] = []
        self.undeleted: list[str] = []

    def day(self) -> date:
        """A weekday with no booking on the resource schedule, for this sandbox alone."""
        taken = self.lab.days.take()
        self.days.append(taken)
        return taken

    def user_fields(self, extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """A fresh user: a unique login name, which is also its e-mail (accounts may log in by e-mail)."""
        name = f"{unique('user')}@example.com"
        return {"name": name, "email": name, **(extra or {})}

    def create_user(self, fields: Mapping[str, Any], fmt: str = "json") -> Reply:
        path = "/api/users.xml" if fmt == "xml" else "/api/users.json"
        reply = self.client.post(path, **encode("user", fields, fmt))
        if reply.status == 201 and reply.location_id is not None:
            self.users.append(reply.location_id)
        return reply

    def new_user(self, extra: Mapping[str, Any] | None = None) -> tuple[int, dict[str, Any]]:
        """A created user's id and the fields it was created with."""
        fields = self.user_fields(extra)
        reply = expect(self.create_user(fields), 201)
        assert reply.location_id is not None, f"no id in the location header: {reply.describe()}"
        return reply.location_id, fields

    def create_booking(
        self, schedule: Named, fields: Mapping[str, Any], fmt: str = "json", user_id: int | None = None
    ) -> Reply:
        top: dict[str, Any] = {"schedule_id": schedule.id}
        if user_id is not None:
            top["user_id"] = user_id
        path = "/api/bookings.xml" if fmt == "xml" else "/api/bookings.json"
        reply = self.client.post(path, **encode("booking", fields, fmt, **top))
        if reply.status == 201 and reply.location_id is not None:
            self.bookings.append(reply.location_id)
        return reply

    def new_booking(self, schedule: Named, fields: Mapping[str, Any], user_id: int | None = None) -> int:
        reply = expect(self.create_booking(schedule, fields, user_id=user_id), 201)
        assert reply.location_id is not None, f"no id in the location header: {reply.describe()}"
        return reply.location_id

    def room(self, resource: Named, start: datetime, finish: datetime, **fields: Any) -> dict[str, Any]:
        """Fields of a booking on the resource schedule."""
        return {
            "start": stamp(start),
            "finish": stamp(finish),
            "resource_id": resource.id,
            "full_name": fields.pop("full_name", unique("booking")),
            **fields,
        }

    def book_rooms(self, plans: Iterable[tuple[Named, datetime, datetime, int | None]]) -> list[int | None]:
        """Book each (resource, start, finish, user id) in turn: one that overlaps an accepted booking on
        the same resource must be refused with 422, any other accepted with 201. The ids (None: refused)."""
        taken: list[tuple[Named, datetime, datetime]] = []
        ids: list[int | None] = []
        for resource, start, finish, user_id in plans:
            clash = any(r == resource and s < finish and start < f for r, s, f in taken)
            reply = self.create_booking(
                self.lab.resource_schedule, self.room(resource, start, finish), user_id=user_id
            )
            expect(reply, 422 if clash else 201)
            if clash:
                ids.append(None)
                continue
            assert reply.location_id is not None, f"no id in the location header: {reply.describe()}"
            taken.append((resource, start, finish))
            ids.append(reply.location_id)
        return ids

    def cleanup(self) -> None:
        for kind, ids in (("bookings", self.bookings), ("users", self.users)):
            while ids:
                object_id = ids.pop()
                reply = self.client.delete(f"/api/{kind}/{object_id}.json", record=False)
                if reply.status not in (200, 404):
                    self.undeleted.append(f"{kind}/{object_id} ({reply.status})")
