"""The built-in demo company: fixed credentials, two services, three providers, bookings, a promo.

Dates are relative to "now" on the world's clock, so the demo always has upcoming bookings.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from fakesaas.simplybook.domain.values import local_now

DEMO_LOGIN = "demo"
DEMO_API_KEY = "demo-api-key"
DEMO_SECRET_KEY = "demo-secret-key"
DEMO_USER, DEMO_PASSWORD = "admin", "demo-password"
DEMO_TIMEZONE = "Europe/Amsterdam"
# Anna works weekdays with a lunch break, Ben Tuesday to Saturday, Chloe mornings on Monday,
# Wednesday and Friday and takes two clients at once.
ANNA_DAYS, BEN_DAYS, CHLOE_DAYS = (0, 1, 2, 3, 4), (1, 2, 3, 4, 5), (0, 2, 4)


def demo_section(now: datetime) -> dict[str, Any]:
    """The demo company as a seed section (see ``seed.py``), for a world whose time is ``now``."""
    today = local_now(now, DEMO_TIMEZONE).date()

    def next_day(weekdays: tuple[int, ...], after: int = 1) -> date:
        day = today + timedelta(days=after)
        while day.weekday() not in weekdays:
            day += timedelta(days=1)
        return day

    def at(day: date, hhmm: str) -> str:
        return f"{day.isoformat()} {hhmm}"

    anna_day, ben_day, chloe_day = next_day(ANNA_DAYS), next_day(BEN_DAYS), next_day(CHLOE_DAYS)
    return {
        "companies": [
            {
                "login": DEMO_LOGIN,
                "api_key": DEMO_API_KEY,
                "secret_key": DEMO_SECRET_KEY,
                "info": {
                    "name": "Demo Studio",
                    "description": "A hair and massage studio to try the API on.",
                    "address1": "Prinsengracht 263",
                    "city": "Amsterdam",
                    "zip": "1016 GV",
                    "country_id": "NL",
                    "lat": "52.375220",
                    "lng": "4.883960",
                    "email": "studio@example.com",
                    "phone": "+31 20 555 0100",
                    "web": "https://studio.example.com",
                    "currency": "EUR",
                    "user_license_text": "Bookings can be cancelled free of charge up to 24 hours ahead.",
                },
                "params": {"company_timezone": DEMO_TIMEZONE, "timeframe": 30, "require_fields": "email"},
                "plugins": [
                    "api",
                    "any_unit",
                    "event_category",
                    "event_field",
                    "group_booking",
                    "location",
                    "multiple_booking",
                    "promo",
                    "status",
                    "user_license",
                ],
                "hours": {day: "09:00-17:00" for day in ("mon", "tue", "wed", "thu", "fri")},
                "users": [{"login": DEMO_USER, "password": DEMO_PASSWORD, "name": "Studio admin"}],
                "categories": [{"id": 1, "name": "Treatments"}],
                "providers": [
                    {
                        "id": 1,
                        "name": "Anna",
                        "color": "#e57373",
                        "hours": {d: "09:00-17:00" for d in ("mon", "tue", "wed", "thu", "fri")},
                        "breaks": {d: "12:00-13:00" for d in ("mon", "tue", "wed", "thu", "fri")},
                    },
                    {
                        "id": 2,
                        "name": "Ben",
                        "color": "#64b5f6",
                        "hours": {d: "10:00-18:00" for d in ("tue", "wed", "thu", "fri", "sat")},
                    },
                    {
                        "id": 3,
                        "name": "Chloe",
                        "color": "#81c784",
                        "qty": 2,
                        "hours": {d: "08:00-14:00" for d in ("mon", "wed", "fri")},
                    },
                ],
                "locations": [
                    {
                        "id": 1,
                        "title": "Demo Studio",
                        "address1": "Prinsengracht 263",
                        "city": "Amsterdam",
                        "zip": "1016 GV",
                        "country_id": "NL",
                        "providers": [1, 2, 3],
                    },
                ],
                "services": [
                    {
                        "id": 1,
                        "name": "Haircut",
                        "duration": 30,
                        "buffer_time_after": 10,
                        "price": "25.00",
                        "description": "Wash, cut and style.",
                        "providers": [1, 2],
                        "categories": [1],
                    },
                    {
                        "id": 2,
                        "name": "Massage",
                        "duration": 60,
                        "price": "60.00",
                        "description": "A full-body massage.",
                        "providers": [2, 3],
                        "categories": [1],
                    },
                ],
                "fields": [{"name": "notes", "title": "Anything we should know?", "type": "textarea"}],
                "statuses": [
                    {"id": 1, "name": "Confirmed", "color": "#4caf50", "default": True},
                    {"id": 2, "name": "Arrived", "color": "#2196f3"},
                    {"id": 3, "name": "No-show", "color": "#f44336"},
                ],
                "promotions": [
                    {
                        "code": "WELCOME10",
                        "title": "10% off your first visit",
                        "discount": 10,
                        "start_date": (today - timedelta(days=30)).isoformat(),
                        "expired_date": (today + timedelta(days=365)).isoformat(),
                        "usage_per_client": 1,
                    },
                ],
                "clients": [
                    {
                        "id": 1,
                        "name": "Alice Example",
                        "email": "alice@example.com",
                        "phone": "+31 6 5550 0101",
                    },
                    {"id": 2, "name": "Bob Example", "email": "bob@example.com", "phone": "+31 6 5550 0102"},
                ],
                "bookings": [
                    {
                        "service": 1,
                        "provider": 1,
                        "client": "alice@example.com",
                        "start": at(anna_day, "10:00"),
                    },
                    {
                        "service": 2,
                        "provider": 3,
                        "client": "bob@example.com",
                        "start": at(chloe_day, "09:00"),
                    },
                    {
                        "service": 1,
                        "provider": 2,
                        "client": "bob@example.com",
                        "start": at(ben_day, "15:00"),
                        "state": "cancelled",
                    },
                ],
            }
        ]
    }
