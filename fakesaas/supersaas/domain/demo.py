"""The built-in demo seed: fixed credentials, three schedules, a few users and bookings.

Dates are relative to "now" on the world's clock, so the demo always has upcoming bookings.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from fakesaas.supersaas.domain.values import format_time, utc_to_local

DEMO_ACCOUNT = "demo"
DEMO_API_KEY = "demo-api-key"
DEMO_PASSWORD = "demo-password"
DEMO_TIMEZONE = "Europe/Amsterdam"


def demo_document(now: datetime) -> dict[str, Any]:
    """The demo account as a seed document (see ``seed.py``), for a world whose time is ``now``."""
    today = utc_to_local(now, DEMO_TIMEZONE).replace(hour=0, minute=0, second=0, microsecond=0)

    def at(days: int, hour: int, minute: int = 0) -> str:
        return format_time(today + timedelta(days=days, hours=hour, minutes=minute))

    slots = []
    for day in range(1, 22):
        slots.append(
            {
                "start": at(day, 9),
                "finish": at(day, 10),
                "capacity": 10,
                "title": "Morning yoga",
                "description": "Gentle start of the day",
                "location": "Studio A",
            }
        )
        slots.append(
            {
                "start": at(day, 18),
                "finish": at(day, 19),
                "capacity": 2,
                "title": "Spinning",
                "description": "High intensity",
                "location": "Studio B",
            }
        )
    return {
        "accounts": [
            {
                "name": DEMO_ACCOUNT,
                "api_key": DEMO_API_KEY,
                "password": DEMO_PASSWORD,
                "groups": [{"name": "Members"}, {"name": "Staff"}],
                "users": [
                    {
                        "name": "alice@example.com",
                        "full_name": "Alice Archer",
                        "email": "alice@example.com",
                        "phone": "+31 20 555 0101",
                        "country": "NL",
                        "fk": "1001fk",
                        "group": "Members",
                    },
                    {
                        "name": "bob@example.com",
                        "full_name": "Bob Baker",
                        "email": "bob@example.com",
                        "country": "GB",
                        "group": "Members",
                    },
                    {
                        "name": "carol@example.com",
                        "full_name": "Carol Chen",
                        "email": "carol@example.com",
                        "role": 4,
                        "group": "Staff",
                    },
                ],
                "schedules": [
                    {
                        "name": "Rooms",
                        "kind": "resource",
                        "timezone": DEMO_TIMEZONE,
                        "default_length": 60,
                        "resources": ["Room 1", "Room 2"],
                    },
                    {"name": "Classes", "kind": "capacity", "timezone": DEMO_TIMEZONE, "slots": slots},
                    {
                        "name": "Services",
                        "kind": "service",
                        "timezone": DEMO_TIMEZONE,
                        "services": [{"name": "Haircut", "length": 30}, {"name": "Colouring", "length": 90}],
                    },
                ],
                "bookings": [
                    {
                        "schedule": "Rooms",
                        "user": "alice@example.com",
                        "resource": "Room 1",
                        "start": at(1, 10),
                        "finish": at(1, 11),
                        "field_1_r": "Project kick-off",
                    },
                    {
                        "schedule": "Rooms",
                        "user": "bob@example.com",
                        "resource": "Room 2",
                        "start": at(1, 14),
                        "finish": at(1, 15, 30),
                    },
                    {
                        "schedule": "Rooms",
                        "user": "carol@example.com",
                        "resource": "Room 1",
                        "start": at(2, 9),
                        "finish": at(2, 10),
                    },
                    {"schedule": "Classes", "user": "alice@example.com", "slot_start": at(1, 9)},
                    {"schedule": "Classes", "user": "alice@example.com", "slot_start": at(1, 18)},
                    {"schedule": "Classes", "user": "bob@example.com", "slot_start": at(1, 18)},
                    {
                        "schedule": "Services",
                        "user": "carol@example.com",
                        "service": "Haircut",
                        "start": at(3, 11),
                        "full_name": "Carol Chen",
                    },
                ],
            }
        ]
    }
