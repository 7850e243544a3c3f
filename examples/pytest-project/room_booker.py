"""Application code under test: book a room for the first free hour, through the SuperSaaS SDK."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


class NothingFree(Exception):
    """No resource of the schedule is free for that long after the given time."""


def first_free(
    client: Any, schedule_id: int, after: datetime, minutes: int = 60, resource: str | None = None
) -> Any:
    """The first free stretch (an SDK Appointment with start, finish, resource_id) of at least ``minutes``."""
    free = client.appointments.available(
        schedule_id, from_time=after, length_minutes=minutes, resource=resource, limit=1
    )
    if not free:
        raise NothingFree(f"nothing free on schedule {schedule_id} after {after:{TIME_FORMAT}}")
    return free[0]


def book_first_free(
    client: Any,
    schedule_id: int,
    user_id: int,
    after: datetime,
    minutes: int = 60,
    resource: str | None = None,
) -> int:
    """Book the first free ``minutes`` after ``after`` for the user; answer the new booking's id."""
    stretch = first_free(client, schedule_id, after, minutes, resource)
    start = datetime.strptime(stretch.start, TIME_FORMAT)
    attributes = {
        "start": start.strftime(TIME_FORMAT),
        "finish": (start + timedelta(minutes=minutes)).strftime(TIME_FORMAT),
        "resource_id": stretch.resource_id,
    }
    location = client.appointments.create(schedule_id, user_id, attributes)["location"]
    return int(location.rsplit("/", 1)[-1].split(".")[0])
