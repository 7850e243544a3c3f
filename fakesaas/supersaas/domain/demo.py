"""The built-in demo seed: fixed credentials, four schedules, users, bookings, forms and coupons.

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
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


def demo_document(now: datetime) -> dict[str, Any]:
    """The demo account as a seed document (see ``seed.py``), for a world whose time is ``now``."""
    today = utc_to_local(now, DEMO_TIMEZONE).replace(hour=0, minute=0, second=0, microsecond=0)

    def at(days: int, hour: int, minute: int = 0) -> str:
        return format_time(today + timedelta(days=days, hours=hour, minutes=minute))

    def slot(
        day: int, hour: int, capacity: int, title: str, description: str, location: str
    ) -> dict[str, Any]:
        return {
            "start": at(day, hour),
            "finish": at(day, hour + 1 if capacity != 3 else hour + 2),
            "capacity": capacity,
            "title": title,
            "description": description,
            "location": location,
        }

    classes = []
    for day in range(1, 22):
        classes.append(slot(day, 9, 10, "Morning yoga", "Gentle start of the day", "Studio A"))
        classes.append(slot(day, 18, 2, "Spinning", "High intensity", "Studio B"))
    workshops = [
        slot(day, 14, 3, "Pottery", "Wheel throwing for beginners", "Workshop") for day in range(1, 15)
    ]
    intake = {"super_form": "Intake questionnaire"}
    return {
        "accounts": [
            {
                "name": DEMO_ACCOUNT,
                "api_key": DEMO_API_KEY,
                "password": DEMO_PASSWORD,
                "groups": [{"name": "Members"}, {"name": "Staff"}],
                "super_forms": [
                    {
                        "name": "Intake questionnaire",
                        "fields": [
                            {"name": "experience", "label": "Experience", "type": "string"},
                            {"name": "allergies", "label": "Allergies", "type": "text"},
                        ],
                    },
                    {
                        "name": "Feedback",
                        "fields": [
                            {"name": "rating", "label": "Rating (1-5)", "type": "number"},
                            {"name": "comments", "label": "Comments", "type": "text"},
                        ],
                    },
                ],
                "promotions": [
                    {"code": "WELCOME10", "description": "10% off your first booking", "usage": 3},
                    {"code": "SPRING25", "description": "25% off in spring", "usage": 0},
                    {"code": "TEMPLATE50", "description": "50% off (template for one-off codes)", "usage": 0},
                ],
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
                        "form": {
                            "super_form": "Feedback",
                            "content": {"rating": "5", "comments": "Lovely rooms"},
                        },
                    },
                ],
                "schedules": [
                    {
                        "name": "Rooms",
                        "kind": "resource",
                        "timezone": DEMO_TIMEZONE,
                        "default_length": 60,
                        "hours": {**{day: ["08:00-18:00"] for day in WEEKDAYS}, "sat": ["10:00-14:00"]},
                        "resources": ["Room 1", "Room 2"],
                    },
                    {"name": "Classes", "kind": "capacity", "timezone": DEMO_TIMEZONE, "slots": classes},
                    {
                        "name": "Services",
                        "kind": "service",
                        "timezone": DEMO_TIMEZONE,
                        "services": [{"name": "Haircut", "length": 30}, {"name": "Colouring", "length": 90}],
                    },
                    {
                        "name": "Workshops",
                        "kind": "capacity",
                        "timezone": DEMO_TIMEZONE,
                        "waitlist": True,
                        "slots": workshops,
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
                    {
                        "schedule": "Classes",
                        "user": "alice@example.com",
                        "slot_start": at(1, 9),
                        "form": {**intake, "content": {"experience": "Beginner", "allergies": "None"}},
                    },
                    {"schedule": "Classes", "user": "alice@example.com", "slot_start": at(1, 18)},
                    {"schedule": "Classes", "user": "bob@example.com", "slot_start": at(1, 18)},
                    {
                        "schedule": "Services",
                        "user": "carol@example.com",
                        "service": "Haircut",
                        "start": at(3, 11),
                        "full_name": "Carol Chen",
                    },
                    {"schedule": "Workshops", "user": "alice@example.com", "slot_start": at(1, 14)},
                    {"schedule": "Workshops", "user": "bob@example.com", "slot_start": at(1, 14)},
                    {"schedule": "Workshops", "user": "carol@example.com", "slot_start": at(1, 14)},
                    # Past capacity: waits for a place, and is nobody's user (user=0 finds it).
                    {"schedule": "Workshops", "slot_start": at(1, 14), "full_name": "Walk-in Wendy"},
                ],
                "forms": [{**intake, "user": "bob@example.com", "content": {"experience": "Advanced"}}],
            }
        ]
    }
