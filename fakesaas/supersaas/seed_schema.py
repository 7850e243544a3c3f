"""The JSON Schema of the SuperSaaS section of a seed document, built from the loader's own key tables
(fakesaas/supersaas/domain/seed.py) and the API's writable attributes, so the two cannot drift apart.
Published at ``/_fakesaas/seed.schema.json`` with the other services' sections."""

from __future__ import annotations

from typing import Any

from fakesaas.supersaas.domain import bookings, users
from fakesaas.supersaas.domain.hours import DAY_NAMES
from fakesaas.supersaas.domain.seed import (
    ACCOUNT_KEYS,
    FIELD_KEYS,
    FORM_KEYS,
    GROUP_KEYS,
    PROMOTION_KEYS,
    SCHEDULE_KEYS,
    SERVICE_KEYS,
    SLOT_KEYS,
    SUPER_FORM_KEYS,
)

TEXT: dict[str, Any] = {"type": "string"}
NAME: dict[str, Any] = {"type": "string", "minLength": 1, "pattern": r"\S"}
TIME: dict[str, Any] = {
    "type": "string",
    "description": "Wall-clock time in the schedule's time zone: YYYY-MM-DD HH:MM[:SS]",
    "pattern": r"^\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(:\d{2})?$",
}
SCALAR: dict[str, Any] = {"type": ["string", "number", "boolean", "null"]}
SPAN: dict[str, Any] = {"type": "string", "pattern": r"^\s*\d{1,2}:\d{2}\s*-\s*\d{1,2}:\d{2}\s*$"}


def _object(
    keys: frozenset[str], properties: dict[str, Any], required: tuple[str, ...] = ()
) -> dict[str, Any]:
    """An object of exactly ``keys`` (no other key: a typo is refused), typed where ``properties`` says."""
    missing = set(properties) - keys
    assert not missing, f"the schema names keys the loader does not take: {sorted(missing)}"
    return {
        "type": "object",
        "additionalProperties": False,
        "required": list(required),
        "properties": {key: properties.get(key, {}) for key in sorted(keys)},
    }


def _attributes(writable: frozenset[str], read_only: frozenset[str], extra: dict[str, Any]) -> dict[str, Any]:
    """A record of the API's writable attributes (read-only ones are taken and ignored, as by the API)."""
    properties: dict[str, Any] = {name: SCALAR for name in sorted(writable | read_only)}
    properties.update(extra)
    return {"type": "object", "additionalProperties": False, "properties": properties}


def section_schema() -> dict[str, Any]:
    form = _object(
        FORM_KEYS,
        {"super_form": NAME, "user": TEXT, "content": {"type": "object", "additionalProperties": SCALAR}},
        ("super_form",),
    )
    hours = {
        "type": "object",
        "additionalProperties": False,
        "description": "Weekly opening hours; days left out are closed (no hours: open around the clock).",
        "properties": {day: {"oneOf": [SPAN, {"type": "array", "items": SPAN}]} for day in DAY_NAMES},
    }
    schedule = _object(
        SCHEDULE_KEYS,
        {
            "name": NAME,
            "kind": {"enum": ["resource", "capacity", "service"]},
            "timezone": {"type": "string", "description": "An IANA time zone (default UTC)"},
            "default_length": {"type": "integer", "minimum": 1, "description": "Minutes (default 60)"},
            "hours": hours,
            "waitlist": {"type": "boolean", "description": "Capacity schedules: book past capacity"},
            "resources": {"type": "array", "items": NAME},
            "services": {
                "type": "array",
                "items": _object(
                    SERVICE_KEYS, {"name": NAME, "length": {"type": "integer", "minimum": 1}}, ("name",)
                ),
            },
            "slots": {
                "type": "array",
                "items": _object(
                    SLOT_KEYS,
                    {
                        "start": TIME,
                        "finish": TIME,
                        "capacity": {"type": "integer", "minimum": 0},
                        "title": TEXT,
                        "description": TEXT,
                        "location": TEXT,
                    },
                    ("start", "finish"),
                ),
            },
        },
        ("name",),
    )
    fk = {"type": "string", "pattern": r"^\d+fk$"}
    user = _attributes(users.WRITABLE, users.READ_ONLY, {"name": NAME, "fk": fk, "form": form})
    booking = _attributes(
        bookings.WRITABLE,
        bookings.READ_ONLY,
        {
            "schedule": NAME,
            "user": TEXT,
            "resource": {"type": ["string", "integer"]},
            "slot_start": TIME,
            "service": NAME,
            "form": form,
            "start": TIME,
            "finish": TIME,
        },
    )
    booking["required"] = ["schedule"]
    account = _object(
        ACCOUNT_KEYS,
        {
            "name": NAME,
            "api_key": NAME,
            "password": NAME,
            "groups": {"type": "array", "items": _object(GROUP_KEYS, {"name": NAME}, ("name",))},
            "super_forms": {
                "type": "array",
                "items": _object(
                    SUPER_FORM_KEYS,
                    {
                        "name": NAME,
                        "fields": {
                            "type": "array",
                            "items": _object(
                                FIELD_KEYS,
                                {
                                    "name": {"type": "string", "pattern": "^[a-z_][a-z0-9_]*$"},
                                    "type": TEXT,
                                    "label": TEXT,
                                },
                                ("name",),
                            ),
                        },
                    },
                    ("name",),
                ),
            },
            "promotions": {
                "type": "array",
                "items": _object(
                    PROMOTION_KEYS,
                    {"code": NAME, "description": TEXT, "usage": {"type": "integer", "minimum": 0}},
                    ("code",),
                ),
            },
            "schedules": {"type": "array", "items": schedule},
            "users": {"type": "array", "items": user},
            "bookings": {"type": "array", "items": booking},
            "forms": {"type": "array", "items": form},
        },
        ("name", "api_key", "password"),
    )
    return {
        "title": "SuperSaaS section",
        "type": "object",
        "additionalProperties": False,
        "required": ["accounts"],
        "properties": {"accounts": {"type": "array", "items": account}},
    }
