"""The published schema of the ``seatsio`` seed section and the loader agree: the demo holds to it, a
typo is refused by both naming the key, and for variations of a section using every key the schema
accepts exactly what the loader accepts."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator

from fakesaas.seatsio.domain import seed
from fakesaas.seatsio.domain.sketch import sketch
from fakesaas.seatsio.service import SeatsioService
from tests.seatsio.support import T0
from tests.seed_agreement import Variant, Verdicts, key_patterns, schema_patterns, variants

SERVICE = SeatsioService()
SCHEMA = SERVICE.seed_schema()

# Every key of every key table, once at least (test_the_full_section_uses_every_key).
FULL: dict[str, Any] = {
    "system_secret": "system-secret",
    "companies": [
        {
            "name": "venue",
            "admin_key": "venue-admin-key",
            "designer_key": "venue-designer-key",
            "workspaces": [
                {
                    "name": "Production",
                    "key": "venue-workspace",
                    "secret_key": "venue-workspace-secret",
                    "is_test": False,
                    "default": True,
                    "charts": [
                        {
                            "key": "hall",
                            "name": "Hall",
                            "tags": ["main"],
                            "sketch": {
                                "name": "Hall sketch",
                                "venue_type": "MIXED",
                                "rows": 3,
                                "seats": 4,
                                "categories": [
                                    {"key": 1, "label": "Stalls", "color": "#5E42ED", "accessible": False},
                                    {"key": "vip", "label": "VIP"},
                                ],
                                "row_categories": {"C": "vip"},
                                "accessible": ["A-1"],
                                "areas": [{"label": "Standing", "capacity": 10, "category": 1}],
                                "tables": [
                                    {"label": "T1", "seats": 4, "category": 1, "book_as_a_whole": True}
                                ],
                            },
                        },
                        {"key": "drawn", "drawing": sketch({"name": "Drawn", "rows": 1, "seats": 2})},
                    ],
                    "events": [
                        {
                            "key": "gig",
                            "chart": "hall",
                            "name": "Gig",
                            "date": "2030-02-01",
                            "booked": ["A-1", "T1"],
                            "statuses": {"A-2": "reservedByPhone"},
                            "holds": [
                                {"token": "venueHoldToken", "expires_in_minutes": 30, "objects": ["B-1"]}
                            ],
                        }
                    ],
                },
                {"name": "Test", "key": "test-workspace", "secret_key": "test-secret", "is_test": True},
            ],
            "usage": {
                "cutoff": "2030-01-01T00:00:00Z",
                "months": [
                    {
                        "month": "2029-12",
                        "used_objects": 3,
                        "events": [
                            {
                                "workspace": "venue-workspace",
                                "chart": {"key": "hall", "name": "Hall"},
                                "id": 99,
                                "key": "old-gig",
                                "deleted": True,
                                "used_objects": 2,
                                "objects": [
                                    {
                                        "object": "A-1",
                                        "used": 1,
                                        "first_bookings": 1,
                                        "first_selections": 0,
                                        "first_booking_date": "2029-12-01T10:00:00Z",
                                        "reasons": {"STATUS_CHANGED": 1},
                                    }
                                ],
                            },
                            {"workspace_id": 1, "chart": {"key": "hall"}, "id": 98, "key": "older-gig"},
                        ],
                    }
                ],
                "renderings": [
                    {"month": "2029-12", "workspace": "venue-workspace", "chart": "hall", "count": 5},
                    {"month": "2029-11", "workspace_id": 1, "chart": "hall", "count": 2},
                ],
            },
        }
    ],
}
# Keys other records rely on: leaving them out is an error only the loader can see.
KEEP = frozenset(
    {
        "companies",
        "companies/*/workspaces",
        "companies/*/workspaces/*/charts",
        "companies/*/workspaces/*/key",
        "companies/*/workspaces/*/charts/*/key",
        "companies/*/workspaces/*/charts/*/drawing",
        "companies/*/workspaces/*/charts/*/sketch",
        "companies/*/workspaces/*/charts/*/sketch/rows",
        "companies/*/workspaces/*/charts/*/sketch/seats",
        "companies/*/workspaces/*/charts/*/sketch/categories",
        "companies/*/workspaces/*/charts/*/sketch/tables",
        "companies/*/workspaces/*/charts/*/sketch/tables/*/book_as_a_whole",  # T1 is booked whole
    }
)


VERDICTS = Verdicts(SERVICE, FULL, T0)
loader_verdict, schema_verdict = VERDICTS.loader, VERDICTS.schema


def test_the_schema_is_a_valid_json_schema_with_every_key_described() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    company = SCHEMA["properties"]["companies"]["items"]
    assert set(company["properties"]) == seed.COMPANY_KEYS
    assert company["additionalProperties"] is False
    for pattern, keys in schema_patterns(SCHEMA).items():
        node: dict[str, Any] = SCHEMA
        for part in pattern.split("/") if pattern else []:
            node = node["items"] if part == "*" else node["properties"][part]
        for key in keys:
            assert node["properties"][key].get("description"), f"{pattern}/{key} has no description"


def test_the_demo_section_holds_to_the_schema() -> None:
    section = SERVICE.demo(T0)
    assert list(Draft202012Validator(SCHEMA).iter_errors(section)) == []
    assert loader_verdict(section) is None


def test_the_full_section_loads_and_uses_every_key() -> None:
    assert schema_verdict(FULL) is None
    assert loader_verdict(FULL) is None
    used = key_patterns(FULL, SCHEMA)
    for pattern, keys in schema_patterns(SCHEMA).items():
        assert used.get(pattern) == keys, f"{pattern}: {sorted(keys - used.get(pattern, set()))} unused"


@pytest.mark.parametrize(
    ("path", "typo"),
    [
        ("", "compnies"),
        ("companies.0", "admin_secret"),
        ("companies.0.workspaces.0", "publicKey"),
        ("companies.0.workspaces.0.charts.0", "tag"),
        ("companies.0.workspaces.0.charts.0.sketch", "row"),
        ("companies.0.workspaces.0.charts.0.sketch.tables.0", "bookAsAWhole"),
        ("companies.0.workspaces.0.events.0.holds.0", "expires_in"),
        ("companies.0.usage.months.0.events.0.objects.0", "firstBookings"),
        ("companies.0.usage.renderings.0", "renders"),
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
        ("companies.0", "name", [], "companies[0].name: expected a string"),
        ("companies.0.workspaces.1", "default", "yes", "default: expected true or false"),
        ("companies.0.workspaces.0.events.0", "statuses", {"A-2": 3}, "statuses.A-2"),
        ("companies.0.workspaces.0.charts.0.sketch", "rows", "3", "sketch.rows"),
        ("companies.0.workspaces.0.charts.0", "tags", [1], "tags: expected a list of strings"),
        ("companies.0.usage.months.0.events.0", "deleted", "no", "deleted: expected true or false"),
    ],
)
def test_values_of_the_wrong_kind_are_refused_by_name_not_by_a_crash(
    path: str, key: str, value: Any, fragment: str
) -> None:
    by_loader = loader_verdict(VERDICTS.with_key(path, key, value))
    assert by_loader is not None
    assert fragment in by_loader
    assert schema_verdict(VERDICTS.with_key(path, key, value)) is not None
