"""Schedules of the three kinds and what lives in them: resources, services and slots."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from itertools import islice

from fakesaas.core.errors import NotFound
from fakesaas.supersaas.domain.hours import OpeningHours
from fakesaas.supersaas.domain.values import parse_int


class ScheduleKind(Enum):
    """How a schedule is booked: a resource by time, a place in a slot, or a service."""

    RESOURCE = "resource"
    CAPACITY = "capacity"
    SERVICE = "service"


@dataclass(slots=True)
class Resource:
    """A bookable thing of a resource schedule (a room, a person)."""

    id: int
    name: str


@dataclass(slots=True)
class Service:
    """What a service schedule offers, with its length in minutes."""

    id: int
    name: str
    length_minutes: int = 60


@dataclass(slots=True)
class Slot:
    """A time on a capacity schedule with a number of places; capacity 0 means no limit."""

    id: int
    start: datetime
    finish: datetime
    capacity: int
    title: str = ""
    description: str = ""
    location: str = ""


@dataclass(slots=True)
class Schedule:
    """One schedule of an account. Times inside it are wall-clock times in ``timezone``."""

    id: int
    name: str
    kind: ScheduleKind
    timezone: str = "UTC"
    default_length_minutes: int = 60
    resources: list[Resource] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)
    slots: dict[int, Slot] = field(default_factory=dict)
    hours: OpeningHours = field(default_factory=OpeningHours.always)
    # Capacity schedules: a booking past capacity joins a waiting list instead of being refused.
    waitlist: bool = False
    # Slot ids by (start, id), for reads from a time on; slots are only ever added (add_slot).
    _slot_order: list[tuple[datetime, int]] = field(default_factory=list)

    def add_slot(self, slot: Slot) -> None:
        self.slots[slot.id] = slot
        bisect.insort(self._slot_order, (slot.start, slot.id))

    def slots_from(self, start: datetime) -> Iterator[Slot]:
        """Slots starting at or after ``start``, by start."""
        first = bisect.bisect_left(self._slot_order, (start, 0))
        return (self.slots[slot_id] for _, slot_id in islice(self._slot_order, first, None))

    def slots_starting_at(self, start: datetime) -> list[Slot]:
        found = []
        for slot in self.slots_from(start):
            if slot.start != start:
                break
            found.append(slot)
        return found

    def resource_by_ref(self, ref: object) -> Resource | None:
        """A resource by id, or by name as the docs allow ("you can pass the name instead")."""
        wanted = parse_int(ref)
        if wanted is not None:
            for resource in self.resources:
                if resource.id == wanted:
                    return resource
        if isinstance(ref, str):
            name = ref.strip().casefold()
            for resource in self.resources:
                if resource.name.casefold() == name:
                    return resource
        return None

    def resource_by_id(self, resource_id: int | None) -> Resource | None:
        return next((r for r in self.resources if r.id == resource_id), None)


def find_schedule(schedules: dict[int, Schedule], ref: object) -> Schedule:
    """The schedule ``ref`` names, or NotFound (also for refs that are not numbers at all)."""
    schedule_id = parse_int(ref)
    schedule = schedules.get(schedule_id) if schedule_id is not None else None
    if schedule is None:
        raise NotFound("Schedule not found", "schedule_id")
    return schedule
