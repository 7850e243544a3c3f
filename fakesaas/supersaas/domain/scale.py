"""A seed of any size: the demo account grown to N bookings, for demos and benchmarks at scale.

Everything the demo has keeps its id, so scripts written against the demo work unchanged. What
is added has the same shape whatever N is, and only the number of bookings grows:

- Rooms gets 48 more rooms (Room 3 to Room 50); a new capacity schedule, Courses, gets one slot
  of 10 places per 100 bookings (at least one);
- 1,000 more users (``user0001@example.com`` ...), who own every added booking in turn;
- nine in ten added bookings take an hour of one of the added rooms, at random over the ten
  years around "now" (at a million bookings about a fifth of those hours are taken); the tenth
  fill each Courses slot half way, so it keeps places left.

The demo's own users, rooms and slots get no added bookings: an answer about them is the same
at ten bookings as at a million, which is what a benchmark of cost against size needs.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

from fakesaas.supersaas.domain.demo import DEMO_TIMEZONE, demo_document
from fakesaas.supersaas.domain.values import format_time, utc_to_local

ADDED_ROOMS = tuple(f"Room {number}" for number in range(3, 51))
ADDED_USERS = 1000
COURSES = "Courses"
PLACES_PER_COURSE = 10
PER_COURSE = PLACES_PER_COURSE // 2  # bookings per Courses slot: half full
SPAN = timedelta(days=3653)  # ten years, centred on "now"
Progress = Callable[[int, int], None]


def user_name(number: int) -> str:
    return f"user{number:04d}@example.com"


def scaled_document(
    now: datetime, bookings: int, seed: int = 1, progress: Progress | None = None
) -> dict[str, Any]:
    """The demo document for a world whose time is ``now``, plus ``bookings`` more bookings.
    ``seed`` makes the random placement repeatable; ``progress(done, total)`` hears of each
    thousand bookings made."""
    if bookings < 0:
        raise ValueError("the number of bookings cannot be negative")
    document = demo_document(now)
    account = document["accounts"][0]
    begin = utc_to_local(now, DEMO_TIMEZONE).replace(minute=0, second=0, microsecond=0) - SPAN / 2
    in_courses = bookings // 10
    courses = max(1, -(-in_courses // PER_COURSE))
    rng = random.Random(seed)
    course_starts = _course_starts(rng, begin, courses)
    rooms = next(s for s in account["schedules"] if s["name"] == "Rooms")
    rooms["resources"] = [*rooms["resources"], *ADDED_ROOMS]
    account["schedules"].append(
        {
            "name": COURSES,
            "kind": "capacity",
            "timezone": DEMO_TIMEZONE,
            "slots": [
                {
                    "start": format_time(start),
                    "finish": format_time(start + timedelta(hours=1)),
                    "capacity": PLACES_PER_COURSE,
                    "title": f"Course {number + 1}",
                    "description": "",
                    "location": "Hall",
                }
                for number, start in enumerate(course_starts)
            ],
        }
    )
    account["users"] = [
        *account["users"],
        *({"name": user_name(n), "full_name": f"User {n:04d}"} for n in range(1, ADDED_USERS + 1)),
    ]
    added = list(_bookings(rng, begin, bookings, in_courses, course_starts, progress))
    account["bookings"] = [*account["bookings"], *added]
    return document


def _course_starts(rng: random.Random, begin: datetime, count: int) -> list[datetime]:
    """Distinct starts on odd minutes (never the demo's whole hours), so a start names one slot."""
    minutes = int(SPAN / timedelta(minutes=1)) // 2
    return sorted(begin + timedelta(minutes=2 * m + 1) for m in rng.sample(range(minutes), count))


def _bookings(
    rng: random.Random,
    begin: datetime,
    total: int,
    in_courses: int,
    course_starts: list[datetime],
    progress: Progress | None,
) -> Iterator[dict[str, Any]]:
    on_rooms = total - in_courses
    hours = int(SPAN / timedelta(hours=1))
    # Each cell is one hour of one added room; a sample without repeats never double-books.
    cells = rng.sample(range(hours * len(ADDED_ROOMS)), on_rooms)
    made = 0
    for made, cell in enumerate(cells, start=1):
        hour, room = divmod(cell, len(ADDED_ROOMS))
        start = begin + timedelta(hours=hour)
        yield {
            "schedule": "Rooms",
            "user": user_name(made % ADDED_USERS + 1),
            "resource": ADDED_ROOMS[room],
            "start": format_time(start),
            "finish": format_time(start + timedelta(hours=1)),
        }
        if progress and made % 1000 == 0:
            progress(made, total)
    for number in range(in_courses):
        made += 1
        yield {
            "schedule": COURSES,
            "user": user_name(made % ADDED_USERS + 1),
            "slot_start": format_time(course_starts[number // PER_COURSE]),
        }
        if progress and made % 1000 == 0:
            progress(made, total)
    if progress:
        progress(total, total)
