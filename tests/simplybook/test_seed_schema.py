"""The published schema of the ``simplybook`` seed section and the loader agree: the demo holds to
it, a typo is refused by both naming the key, and for variations of a section using every key the
schema accepts exactly what the loader accepts."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator

from fakesaas.simplybook.domain import seed_keys
from fakesaas.simplybook.service import SimplybookService
from tests.seed_agreement import Variant, Verdicts, key_patterns, schema_patterns, variants
from tests.simplybook.support import T0

SERVICE = SimplybookService()
SCHEMA = SERVICE.seed_schema()
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# Every key of every key table, once at least (test_the_full_section_uses_every_key).
FULL: dict[str, Any] = {
    "companies": [
        {
            "login": "studio",
            "api_key": "studio-api-key",
            "secret_key": "studio-secret-key",
            "info": {key: "x" for key in seed_keys.INFO_KEYS} | {"currency": "EUR"},
            "params": {
                "company_timezone": "Europe/Amsterdam",
                "timeframe": 30,
                "require_fields": "email",
                "allow_delay_payment": "0",
                "changable_prefix_by_client": True,
                "date_format": "Y-m-d",
                "max_group_bookings": "4",
                "sale_tax": "21",
                "user_public_timeline_type": "flexible",
                **{name: 0 for name in ("hide_sale_tax", "monday_is_first_day", "min_time_till_event")},
                **{
                    name: "0"
                    for name in (
                        "allow_event_breaktime_break",
                        "allow_event_day_break",
                        "fixed_country_prefix",
                        "send_notifications_in_client_timezone",
                        "show_booking_page_in_client_timezone",
                        "max_time_till_event",
                        "payment_timeout",
                    )
                },
                "time_format": "H:i",
            },
            "plugins": ["api", "event_field", "status", "promo", "location", "event_category"],
            "hours": {day: "08:00-20:00" for day in WEEKDAYS[:5]} | {"sat": ["10:00-12:00", "13:00-15:00"]},
            "holidays": ["2030-12-25"],
            "users": [
                {
                    "id": 1,
                    "login": "admin",
                    "password": "pw",
                    "name": "Admin",
                    "email": "admin@example.com",
                    "phone": "+31 20 555 0100",
                    "blocked": False,
                    "role": "admin",
                }
            ],
            "categories": [{"id": 1, "name": "Hair", "description": "d", "is_public": True, "position": 0}],
            "providers": [
                {
                    "id": 1,
                    "name": "Anna",
                    "description": "d",
                    "email": "anna@example.com",
                    "phone": "+31 20 555 0101",
                    "position": 0,
                    "color": "#e57373",
                    "is_active": True,
                    "is_visible": True,
                    "qty": 2,
                    "hours": {day: "09:00-17:00" for day in WEEKDAYS[:5]},
                    "breaks": {"mon": "12:00-13:00"},
                    "days_off": ["2030-01-10"],
                }
            ],
            "locations": [
                {
                    "id": 1,
                    "title": "Studio",
                    **{key: "x" for key in seed_keys.LOCATION_TEXTS},
                    "position": 0,
                    "is_default": True,
                    "is_public": True,
                    "providers": [1],
                }
            ],
            "services": [
                {
                    "id": 1,
                    "name": "Haircut",
                    "duration": 30,
                    "buffer_time_after": 0,
                    "description": "d",
                    "price": "25.00",
                    "currency": "EUR",
                    "is_public": True,
                    "is_active": True,
                    "position": 0,
                    "hide_duration": False,
                    "picture": "cut.png",
                    "providers": [1],
                    "provider_durations": {"1": 30},
                    "categories": [1],
                },
                {
                    "id": 2,
                    "name": "Course",
                    "duration": "60",
                    "recurring": {"days": 7, "repeat_count": 4, "type": "fixed", "mode": "skip"},
                },
            ],
            "fields": [
                {
                    "id": 1,
                    "name": "notes",
                    "title": "Notes",
                    "type": "text",
                    "values": [],
                    "default": "",
                    "optional": True,
                    "position": 0,
                    "services": [1],
                }
            ],
            "statuses": [
                {"id": 1, "name": "Confirmed", "description": "d", "color": "#4caf50", "default": True}
            ],
            "promotions": [
                {
                    "id": 1,
                    "code": "WELCOME10",
                    "title": "t",
                    "description": "d",
                    "discount": 10,
                    "start_date": "2029-12-01",
                    "expired_date": "2031-01-01",
                    "booking_start_date": "2030-01-01",
                    "booking_end_date": "2030-12-31",
                    "booking_start_time": "09:00",
                    "booking_end_time": "17:00",
                    "usage_limit": 10,
                    "usage_per_client": 1,
                    "services": [1],
                    "active": True,
                }
            ],
            "clients": [
                {
                    "id": 1,
                    "name": "Alice",
                    "email": "alice@example.com",
                    "phone": "+31 6 5550 0101",
                    "address1": "a",
                    "address2": "b",
                    "city": "Amsterdam",
                    "zip": "1016",
                    "country_id": "NL",
                }
            ],
            "bookings": [
                {
                    "service": 1,
                    "provider": 1,
                    "client": "alice@example.com",
                    "start": "2030-01-08 10:00",
                    "end": "2030-01-08 10:30",
                    "state": "confirmed",
                    "additional": {"notes": "short"},
                    "count": 1,
                    "status": "Confirmed",
                    "paid": True,
                }
            ],
        }
    ]
}
# Keys other records rely on: leaving them out is an error only the loader can see.
KEEP = frozenset(
    {
        "companies",
        "companies/*/services",
        "companies/*/providers",
        "companies/*/clients",
        "companies/*/statuses",
        "companies/*/categories",
        "companies/*/fields",
        "companies/*/clients/*/email",
        "companies/*/clients/*/phone",
        "companies/*/bookings/*/provider",
        "companies/*/services/*/duration",
        "companies/*/statuses/*/name",
        "companies/*/fields/*/name",
        *(f"companies/*/providers/*/hours/{day}" for day in WEEKDAYS),
        *(f"companies/*/hours/{day}" for day in WEEKDAYS),
    }
)


VERDICTS = Verdicts(SERVICE, FULL, T0)
loader_verdict, schema_verdict = VERDICTS.loader, VERDICTS.schema


def test_the_schema_is_a_valid_json_schema_with_every_key_described() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    company = SCHEMA["properties"]["companies"]["items"]
    assert set(company["properties"]) == set(seed_keys.COMPANY_KEYS)
    assert company["additionalProperties"] is False
    for pattern, keys in schema_patterns(SCHEMA).items():
        node: dict[str, Any] = SCHEMA
        for part in pattern.split("/") if pattern else []:
            node = node["items"] if part == "*" else node["properties"][part]
        for key in keys:
            assert node["properties"][key].get("description"), f"{pattern}/{key} has no description"


@pytest.mark.parametrize("bookings", [0, 40])
def test_the_demo_and_generated_sections_hold_to_the_schema(bookings: int) -> None:
    section = SERVICE.demo(T0) if bookings == 0 else SERVICE.generate(T0, bookings, 3)
    assert list(Draft202012Validator(SCHEMA).iter_errors(section)) == []
    assert loader_verdict(section) is None


def test_the_full_section_loads_and_uses_every_key() -> None:
    assert schema_verdict(FULL) is None
    assert loader_verdict(FULL) is None
    used = key_patterns(FULL, SCHEMA)
    for pattern, keys in schema_patterns(SCHEMA).items():
        if pattern.endswith(("hours", "breaks")) or pattern == "companies/*/params":
            continue  # weekdays and params: a few stand for all
        assert used.get(pattern) == keys, f"{pattern}: {sorted(keys - used.get(pattern, set()))} unused"


@pytest.mark.parametrize(
    ("path", "typo"),
    [
        ("", "compnies"),
        ("companies.0", "colour"),
        ("companies.0.info", "adress1"),
        ("companies.0.params", "timefrane"),
        ("companies.0.hours", "mnday"),
        ("companies.0.providers.0", "quantity"),
        ("companies.0.providers.0.breaks", "lunch"),
        ("companies.0.services.1.recurring", "repeats"),
        ("companies.0.bookings.0", "provder"),
    ],
)
def test_a_typo_is_refused_by_schema_and_loader_naming_the_key(path: str, typo: str) -> None:
    VERDICTS.assert_both_name(VERDICTS.with_key(path, typo), typo)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(variants(FULL, SCHEMA, KEEP))
def test_the_schema_accepts_what_the_loader_accepts(variant: Variant) -> None:
    VERDICTS.assert_agree(variant)


@pytest.mark.parametrize(
    ("path", "key", "value", "fragment"),
    [
        ("companies.0", "bookings", None, "bookings must be a list"),
        ("companies.0.promotions.0", "discount", "ten", "discount is a percentage"),
        ("companies.0.promotions.0", "start_date", "20300101", "Y-m-d"),
        ("companies.0.providers.0", "breaks", ["12:00-13:00"], "breaks must be an object"),
        ("companies.0.clients.0", "city", ["Amsterdam"], "city must be text"),
    ],
)
def test_values_of_the_wrong_kind_are_refused_by_name_not_by_a_crash(
    path: str, key: str, value: Any, fragment: str
) -> None:
    by_loader = loader_verdict(VERDICTS.with_key(path, key, value))
    assert by_loader is not None
    assert fragment in by_loader
    assert schema_verdict(VERDICTS.with_key(path, key, value)) is not None
