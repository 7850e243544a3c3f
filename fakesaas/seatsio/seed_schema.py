"""The JSON Schema of the Seats.io section of a seed document, built from the loader's own key tables
(fakesaas/seatsio/domain/seed.py, sketch.py, usage_records.py), so the two cannot drift apart: every
key a loader takes is described here, and no other. Published at ``/_fakesaas/seed.schema.json``."""

from __future__ import annotations

from typing import Any

from fakesaas.seatsio.domain import seed, sketch, usage_records

Property = tuple[dict[str, Any], str]  # a key's schema and what it means

TEXT: dict[str, Any] = {"type": ["string", "null"]}  # null is as good as left out
NAME: dict[str, Any] = {"type": "string", "minLength": 1}
FLAG: dict[str, Any] = {"type": ["boolean", "null"]}
COUNT: dict[str, Any] = {"type": "integer", "minimum": 0}
LABELS: dict[str, Any] = {"type": ["array", "null"], "items": {"type": "string"}}
CATEGORY_KEY: dict[str, Any] = {"type": ["integer", "string"]}
INSTANT: dict[str, Any] = {"type": ["string", "null"]}
MONTH: dict[str, Any] = {"type": "string", "pattern": r"^\d{4}-(0?[1-9]|1[0-2])$"}


def _object(
    keys: frozenset[str], properties: dict[str, Property], required: tuple[str, ...] = ()
) -> dict[str, Any]:
    """An object of exactly ``keys`` (no other key: the loader refuses a typo), each described."""
    assert set(properties) == set(keys), (
        f"the schema and the loader's keys differ: {sorted(set(properties) ^ set(keys))}"
    )
    return {
        "type": "object",
        "additionalProperties": False,
        "required": list(required),
        "properties": {
            key: {**schema, "description": meaning} for key, (schema, meaning) in properties.items()
        },
    }


def _list(item: dict[str, Any], meaning: str) -> Property:
    return {"type": ["array", "null"], "items": item}, meaning


def _sketch() -> dict[str, Any]:
    category = _object(
        sketch.CATEGORY_KEYS,
        {
            "key": (CATEGORY_KEY, "The category's key; seats, areas and tables name it"),
            "label": (TEXT, "The category's name (default: its key)"),
            "color": (TEXT, "Its colour on the chart (default #5E42ED)"),
            "accessible": (FLAG, "An accessible category (default false)"),
        },
        ("key",),
    )
    area = _object(
        sketch.AREA_KEYS,
        {
            "label": (NAME, "The area's label, as booked and held"),
            "capacity": (COUNT, "Places in the area (default 100)"),
            "category": (CATEGORY_KEY, "Its category's key (default: the first category)"),
        },
        ("label",),
    )
    table = _object(
        sketch.TABLE_KEYS,
        {
            "label": (NAME, "The table's label; its seats are T1-1, T1-2, ..."),
            "seats": ({"type": "integer", "minimum": 1}, "Seats around it (default 4)"),
            "category": (CATEGORY_KEY, "Its seats' category key (default: the first category)"),
            "book_as_a_whole": (FLAG, "Booked as one object, not seat by seat (default false)"),
        },
        ("label",),
    )
    return _object(
        sketch.SKETCH_KEYS,
        {
            "name": (TEXT, "The chart's name (default Untitled chart)"),
            "venue_type": (TEXT, "The designer's venue type (default MIXED)"),
            "rows": (COUNT, "Rows of seats, labelled A, B, ... from the stage (default 0)"),
            "seats": (COUNT, "Seats per row, labelled 1, 2, ...: seat A-1 (default 0)"),
            "categories": _list(category, "The categories (default: one, Standard, key 1)"),
            "row_categories": (
                {"type": ["object", "null"], "additionalProperties": CATEGORY_KEY},
                "A category key by row label, for rows not of the first category",
            ),
            "accessible": (LABELS, "Labels of accessible seats, such as J-1"),
            "areas": _list(area, "General admission areas"),
            "tables": _list(table, "Tables, behind the last row"),
        },
    )


def _usage() -> dict[str, Any]:
    workspace = (TEXT, "The key of the company's workspace (default: the default workspace)")
    workspace_id = ({"type": ["integer", "null"], "minimum": 0}, "The workspace's id, instead of its key")
    used = _object(
        usage_records.OBJECT_KEYS,
        {
            "object": (NAME, "The object's label"),
            "used": (COUNT, "Objects it counts for: a general admission area's places (default 1)"),
            "first_bookings": (COUNT, "Up to November 2022: its first bookings that month (default 0)"),
            "first_selections": (COUNT, "Up to November 2022: its first selections that month (default 0)"),
            "first_booking_date": (INSTANT, "When it was first booked, ISO 8601"),
            "reasons": (
                {"type": ["object", "null"], "additionalProperties": COUNT},
                "Counts by reason it was used, such as STATUS_CHANGED",
            ),
        },
        ("object",),
    )
    chart = _object(
        usage_records.CHART_KEYS,
        {"key": (NAME, "The chart's key"), "name": (TEXT, "The chart's name")},
        ("key",),
    )
    event = _object(
        usage_records.EVENT_KEYS,
        {
            "workspace": workspace,
            "workspace_id": workspace_id,
            "chart": (chart, "The event's chart"),
            "id": (COUNT, "The event's id"),
            "key": (NAME, "The event's key"),
            "deleted": ({"type": "boolean"}, "The event has been deleted since (default false)"),
            "used_objects": (
                {"type": ["integer", "null"], "minimum": 0},
                "Objects used (default: the objects' sum)",
            ),
            "objects": _list(used, "The objects used"),
        },
        ("chart", "id", "key"),
    )
    month = _object(
        usage_records.MONTH_KEYS,
        {
            "month": (MONTH, "The month, YYYY-MM"),
            "used_objects": (COUNT, "The month's total of used objects (default: its events' sum)"),
            "events": _list(event, "The events that used objects that month"),
        },
        ("month",),
    )
    rendering = _object(
        usage_records.RENDERING_KEYS,
        {
            "month": (MONTH, "The month, YYYY-MM"),
            "workspace": workspace,
            "workspace_id": workspace_id,
            "chart": (NAME, "The chart's key"),
            "count": (COUNT, "How often it was rendered for ticket buyers (billable renderings)"),
        },
        ("month", "chart", "count"),
    )
    schema = _object(
        usage_records.USAGE_KEYS,
        {
            "cutoff": (INSTANT, "The last moment the real API had counted up to, ISO 8601"),
            "months": _list(month, "Usage by month"),
            "renderings": _list(rendering, "Chart renderings by month"),
        },
    )
    schema["type"] = ["object", "null"]
    return schema


def section_schema() -> dict[str, Any]:
    hold = _object(
        seed.HOLD_KEYS,
        {
            "token": (TEXT, "The hold token (default: a new one)"),
            "expires_in_minutes": (
                COUNT,
                "Minutes until the token expires, on the world's clock (default 15)",
            ),
            "objects": (LABELS, "Labels of the objects held with it"),
        },
    )
    event = _object(
        seed.EVENT_KEYS,
        {
            "key": (TEXT, "The event's key (default: a new one)"),
            "chart": (NAME, "The key of the event's chart, in the same workspace"),
            "name": (TEXT, "The event's name"),
            "date": ({**TEXT, "pattern": r"^\d{4}-\d{2}-\d{2}$"}, "The event's date, YYYY-MM-DD"),
            "booked": (LABELS, "Labels of booked objects, such as A-5, T3 or a GA area"),
            "statuses": (
                {"type": ["object", "null"], "additionalProperties": NAME},
                "Other statuses, by object label: {label: status}",
            ),
            "holds": _list(hold, "Objects held with a hold token"),
        },
        ("chart",),
    )
    chart = _object(
        seed.CHART_KEYS,
        {
            "key": (TEXT, "The chart's key (default: a new one); events name it"),
            "name": (TEXT, "The chart's name (default: the drawing's)"),
            "drawing": ({"type": "object"}, "The designer's JSON of the chart, as the API returns it"),
            "sketch": (_sketch(), "The chart drawn from a few numbers (used when there is no drawing)"),
            "tags": (LABELS, "The chart's tags"),
        },
    )
    chart["anyOf"] = [{"required": ["drawing"]}, {"required": ["sketch"]}]
    workspace = _object(
        seed.WORKSPACE_KEYS,
        {
            "name": (TEXT, "The workspace's name (default: Production workspace, then Workspace N)"),
            "key": (TEXT, "The workspace's public key (default: a new one)"),
            "secret_key": (TEXT, "The workspace's secret key (default: a new one)"),
            "is_test": (FLAG, "A test workspace (default false)"),
            "default": (FLAG, "The company's default workspace (the first one is, unless another says so)"),
            "charts": _list(chart, "The workspace's charts"),
            "events": _list(event, "The workspace's events, on its charts"),
        },
    )
    company = _object(
        seed.COMPANY_KEYS,
        {
            "name": (TEXT, "The company's name (default company-N); a company of that name is replaced"),
            "admin_key": (TEXT, "The company admin's secret key (default: a new one)"),
            "designer_key": (TEXT, "The designer key (default: a new one)"),
            "workspaces": _list(workspace, "The company's workspaces; the first is made with the company"),
            "usage": (_usage(), "Usage history from before the emulator, for the usage reports"),
        },
    )
    return {
        "title": "Seats.io section",
        **_object(
            seed.SECTION_KEYS,
            {
                "system_secret": (
                    NAME,
                    "The system API secret that creating test companies takes",
                ),
                "companies": _list(company, "The companies; ids and keys as an empty emulator would give"),
            },
        ),
    }
