"""The JSON Schema of the SimplyBook.me section of a seed document, built from the loader's own key
tables (fakesaas/simplybook/domain/seed_keys.py) and enums, so the two cannot drift apart: every key
a loader takes is described here, and no other. Published at ``/_fakesaas/seed.schema.json``."""

from __future__ import annotations

from typing import Any

from fakesaas.simplybook.domain.catalog import FieldType, Recurrence, RecurrenceKind, RecurrenceMode
from fakesaas.simplybook.domain.companies import CompanyInfo
from fakesaas.simplybook.domain.records import BookingState
from fakesaas.simplybook.domain.seed_keys import (
    BOOKING_KEYS,
    CATEGORY_KEYS,
    CLIENT_KEYS,
    COMPANY_KEYS,
    FIELD_KEYS,
    INFO_KEYS,
    LOCATION_KEYS,
    LOCATION_TEXTS,
    PROMOTION_KEYS,
    PROVIDER_KEYS,
    RECURRING_KEYS,
    SECTION_KEYS,
    SERVICE_KEYS,
    STATUS_KEYS,
    USER_KEYS,
)
from fakesaas.simplybook.domain.settings import (
    DEFAULT_PARAMS,
    FLAGS,
    NUMBERS,
    REQUIRE_FIELDS,
    TIMEFRAMES,
    TIMELINE_TYPES,
    Plugin,
)
from fakesaas.simplybook.domain.values import WEEKDAYS

Property = tuple[dict[str, Any], str]  # a key's schema and what it means

# A text: the loader takes a string or a number (written as text); null is as good as left out.
TEXT: dict[str, Any] = {"type": ["string", "number", "null"]}
NAME: dict[str, Any] = {"type": ["string", "number"], "pattern": r"\S"}  # required, not blank
FLAG: dict[str, Any] = {"type": "boolean"}
DATE: dict[str, Any] = {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
DATES: dict[str, Any] = {"type": "array", "items": DATE}
TIME: dict[str, Any] = {"type": ["string", "null"], "pattern": r"^\d{1,2}:\d{2}(:\d{2})?$"}
DATETIME: dict[str, Any] = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(:\d{2})?$"}
IDS: dict[str, Any] = {"type": "array", "items": {"type": "integer"}}
RANGE: dict[str, Any] = {
    "type": "string",
    "pattern": r"^\s*\d{1,2}:\d{2}(:\d{2})?\s*-\s*\d{1,2}:\d{2}(:\d{2})?\s*$",
}
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEK: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        day: {
            "oneOf": [RANGE, {"type": "array", "items": RANGE}],
            "description": f"{name}'s hours, 09:00-17:00 or a list of such ranges; left out: none",
        }
        for day, name in zip(WEEKDAYS, DAY_NAMES, strict=True)
    },
}


def whole(low: int) -> dict[str, Any]:
    """A whole number of at least ``low`` (0 or 1), as a number or as digits in a string."""
    digits = r"^\s*(-0{1,18}|[0-9]{1,18})\s*$" if low == 0 else r"^\s*(?=[0-9]{1,18}\s*$)0*[1-9]"
    return {"anyOf": [{"type": "integer", "minimum": low}, {"type": "string", "pattern": digits}]}


def _object(
    keys: tuple[str, ...], properties: dict[str, Property], required: tuple[str, ...] = ()
) -> dict[str, Any]:
    """An object of exactly ``keys`` (no other key: the loader refuses a typo), each described."""
    assert set(properties) == set(keys), (
        f"the schema and the loader's keys differ: {sorted(set(properties) ^ set(keys))}"
    )
    return {
        "type": "object",
        "additionalProperties": False,
        "required": list(required),
        "properties": {key: {**properties[key][0], "description": properties[key][1]} for key in keys},
    }


def _id(what: str) -> Property:
    return whole(1), f"The {what}'s id (default: the next free one); bookings and other records refer to it"


def _param(name: str) -> dict[str, Any]:
    if name == "timeframe":
        return {"enum": [*TIMEFRAMES, *map(str, TIMEFRAMES)]}
    if name in FLAGS:
        return {"enum": [True, False, 0, 1, "0", "1"]}
    if name in NUMBERS:  # true and false are taken as 1 and 0
        digits = {"type": "string", "pattern": r"^\s*[0-9]{1,18}\s*$"}
        return {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "boolean"}, digits]}
    if name == "require_fields":
        return {"enum": list(REQUIRE_FIELDS)}
    if name == "user_public_timeline_type":
        return {"enum": list(TIMELINE_TYPES)}
    if name == "sale_tax":
        return {
            "type": ["integer", "boolean", "string"],
            "pattern": r"^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$",
        }
    if name == "company_timezone":
        return {"type": "string", "description": "An IANA time zone: the company's wall clock"}
    return {"type": ["string", "integer", "boolean"]}


def section_schema() -> dict[str, Any]:
    info_meaning = {key: f"getCompanyInfo's {key}" for key in INFO_KEYS}
    info_meaning["currency"] = "The currency of prices (default EUR)"
    assert set(info_meaning) == set(CompanyInfo.__dataclass_fields__)
    params = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            name: {**_param(name), "description": f"Company param {name} (default {default!r})"}
            for name, default in DEFAULT_PARAMS.items()
        },
    }
    user = _object(
        USER_KEYS,
        {
            "id": _id("admin user"),
            "login": (NAME, "The login for getUserToken"),
            "password": (NAME, "The password for getUserToken"),
            "name": (TEXT, "The user's full name"),
            "email": (TEXT, "The user's email"),
            "phone": (TEXT, "The user's phone"),
            "blocked": (FLAG, "A blocked user cannot log in (default false)"),
            "role": (TEXT, "The user's role (default admin)"),
        },
        ("login", "password"),
    )
    category = _object(
        CATEGORY_KEYS,
        {
            "id": _id("category"),
            "name": (NAME, "The category's name"),
            "description": (TEXT, "The category's description"),
            "is_public": (FLAG, "Shown to clients (default true)"),
            "position": (whole(0), "Its place in lists (default: after the others)"),
        },
        ("name",),
    )
    provider = _object(
        PROVIDER_KEYS,
        {
            "id": _id("provider"),
            "name": (NAME, "The provider's (performer's) name"),
            "description": (TEXT, "The provider's description"),
            "email": (TEXT, "The provider's email"),
            "phone": (TEXT, "The provider's phone"),
            "position": (whole(0), "Its place in lists (default: after the others)"),
            "color": (TEXT, "The provider's colour in the calendar, e.g. #e57373"),
            "is_active": (FLAG, "Takes bookings (default true)"),
            "is_visible": (FLAG, "Shown to clients (default true)"),
            "qty": (whole(1), "How many clients the provider serves at once (default 1)"),
            "hours": (
                {**WEEK, "type": ["object", "null"]},
                "Weekly working hours by weekday (mon..sun): a range 09:00-17:00 or a list of them; "
                "left out: the company's hours",
            ),
            "breaks": ({**WEEK, "type": ["object", "null"]}, "Weekly breaks, taken out of the hours"),
            "days_off": (DATES, "Days off, Y-m-d"),
        },
        ("name",),
    )
    location = _object(
        LOCATION_KEYS,
        {
            "id": _id("location"),
            "title": (NAME, "The location's name"),
            **{key: (TEXT, f"The location's {key}") for key in LOCATION_TEXTS},
            "position": (whole(0), "Its place in lists (default: after the others)"),
            "is_default": (FLAG, "The default location (default: the first one)"),
            "is_public": (FLAG, "Shown to clients (default true)"),
            "providers": (IDS, "Ids of the providers working there (seeded before it)"),
        },
        ("title",),
    )
    assert Recurrence.MAX_COUNT == 100, "repeat_count's pattern below spells the most out"
    recurring = _object(
        RECURRING_KEYS,
        {
            "days": (whole(1), "Days (weekly: weeks) between occurrences (default 7)"),
            "repeat_count": (
                {
                    "anyOf": [
                        {"type": "integer", "minimum": 1, "maximum": Recurrence.MAX_COUNT},
                        {"type": "string", "pattern": r"^\s*0*([1-9][0-9]?|100)\s*$"},
                    ]
                },
                f"How many occurrences a booking makes (default 4, at most {Recurrence.MAX_COUNT})",
            ),
            "type": (
                {"enum": [kind.value for kind in RecurrenceKind]},
                "fixed: every days days; weekly: weeks",
            ),
            "mode": (
                {"enum": [mode.value for mode in RecurrenceMode]},
                "An occurrence that cannot be booked: skip refuses the series, book_available leaves "
                "it out, book_and_move moves it to the next free day (default skip)",
            ),
        },
    )
    recurring["type"] = ["object", "null"]
    service = _object(
        SERVICE_KEYS,
        {
            "id": _id("service"),
            "name": (NAME, "The service's (event's) name"),
            "duration": (whole(1), "Minutes a booking lasts (default 60)"),
            "buffer_time_after": (whole(0), "Minutes kept free after each booking (default 0)"),
            "description": (TEXT, "The service's description"),
            "price": (
                {
                    "anyOf": [
                        {"type": "number", "minimum": 0},
                        {"type": "string", "pattern": r"^\s*\+?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$"},
                    ]
                },
                "The price, a number or a decimal string such as 25.00 (default 0)",
            ),
            "currency": (TEXT, "The price's currency (default: the company's)"),
            "is_public": (FLAG, "Shown to clients (default true)"),
            "is_active": (FLAG, "Takes bookings (default true)"),
            "position": (whole(0), "Its place in lists (default: after the others)"),
            "hide_duration": (FLAG, "The duration is not shown to clients (default false)"),
            "picture": (TEXT, "The picture's file name"),
            "providers": (IDS, "Ids of the providers offering it (default: all)"),
            "provider_durations": (
                {
                    "type": "object",
                    "propertyNames": {"pattern": r"^\s*-?[0-9]{1,18}\s*$"},
                    "additionalProperties": whole(1),
                },
                "Minutes it lasts with a provider, by provider id, where other than duration",
            ),
            "categories": (IDS, "Ids of its categories"),
            "recurring": (recurring, "Makes each booking a recurring series"),
        },
        ("name",),
    )
    field = _object(
        FIELD_KEYS,
        {
            "id": _id("field"),
            "name": (NAME, "The field's name, as bookings' additional values name it"),
            "title": (NAME, "The label clients see"),
            "type": ({"enum": [kind.value for kind in FieldType]}, "The kind of value (default text)"),
            "values": ({"type": "array", "items": {"type": "string"}}, "A select field's choices"),
            "default": (TEXT, "The value when none is given"),
            "optional": (FLAG, "May be left empty (default true)"),
            "position": (whole(0), "Its place in the form (default: after the others)"),
            "services": (IDS, "Ids of the services that ask it (default: all)"),
        },
        ("name", "title"),
    )
    status = _object(
        STATUS_KEYS,
        {
            "id": _id("status"),
            "name": (NAME, "The status's name; bookings name it under status"),
            "description": (TEXT, "The status's description"),
            "color": (TEXT, "Its colour, e.g. #4caf50"),
            "default": (FLAG, "New bookings get it (default: the first status)"),
        },
        ("name",),
    )
    promotion = _object(
        PROMOTION_KEYS,
        {
            "id": _id("promotion"),
            "code": (NAME, "The promo code clients enter; unique in the company"),
            "title": (TEXT, "The promotion's title"),
            "description": (TEXT, "The promotion's description"),
            "discount": (
                {
                    "anyOf": [
                        {"type": "number", "minimum": 0, "maximum": 100},
                        {"type": "string", "pattern": r"^\s*\+?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$"},
                    ]
                },
                "The discount, a percentage 0 to 100 (default 0)",
            ),
            "start_date": ({**DATE, "type": ["string", "null"]}, "First day it can be used, Y-m-d"),
            "expired_date": ({**DATE, "type": ["string", "null"]}, "Last day it can be used, Y-m-d"),
            "booking_start_date": (
                {**DATE, "type": ["string", "null"]},
                "First day of bookings it applies to",
            ),
            "booking_end_date": ({**DATE, "type": ["string", "null"]}, "Last day of bookings it applies to"),
            "booking_start_time": (TIME, "Earliest start time of bookings it applies to, H:i[:s]"),
            "booking_end_time": (TIME, "Latest start time of bookings it applies to, H:i[:s]"),
            "usage_limit": (whole(0), "How many times it can be used in all (0: no limit)"),
            "usage_per_client": (whole(0), "How many times a client can use it (0: no limit)"),
            "services": (IDS, "Ids of the services it applies to (default: all)"),
            "active": (FLAG, "Can be used (default true)"),
        },
        ("code",),
    )
    client = _object(
        CLIENT_KEYS,
        {
            "id": _id("client"),
            "name": (NAME, "The client's name"),
            "email": (TEXT, "The client's email; bookings can name the client by it"),
            "phone": (TEXT, "The client's phone, e.g. +31 20 555 0101"),
            **{key: (TEXT, f"The client's {key}") for key in CLIENT_KEYS[4:]},
        },
        ("name",),
    )
    booking = _object(
        BOOKING_KEYS,
        {
            "service": (whole(1), "The service's id"),
            "provider": ({"anyOf": [*whole(1)["anyOf"], {"type": "null"}]}, "The provider's id"),
            "client": ({"type": ["integer", "string"]}, "The client's id, or the email of a seeded client"),
            "start": (DATETIME, "Start, Y-m-d H:i[:s] in the company's time zone"),
            "end": ({**DATETIME, "type": ["string", "null"]}, "End (default: start plus the duration)"),
            "state": (
                {"enum": [state.value for state in BookingState]},
                "The booking's state (default confirmed)",
            ),
            "additional": (
                {"type": ["object", "array", "null"]},
                "Values of intake fields, {name: value} or a list of {name, value}",
            ),
            "count": (whole(1), "How many places it books (a group booking past 1; default 1)"),
            "status": ({"type": ["string", "null"]}, "The name of one of the company's statuses"),
            "paid": (FLAG, "Paid for (default false)"),
        },
        ("service", "client", "start"),
    )

    def records(item: dict[str, Any], meaning: str) -> Property:
        return {"type": "array", "items": item}, meaning

    company = _object(
        COMPANY_KEYS,
        {
            "login": (NAME, "The company login (getToken's first param, X-Company-Login)"),
            "api_key": (NAME, "The API key getToken takes"),
            "secret_key": (NAME, "The secret key of the admin API"),
            "info": (
                {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {key: {**TEXT, "description": info_meaning[key]} for key in INFO_KEYS},
                },
                "What getCompanyInfo shows",
            ),
            "params": (params, "Company params (getCompanyParam); those left out keep their defaults"),
            "plugins": (
                {"type": ["array", "null"], "items": {"enum": [plugin.value for plugin in Plugin]}},
                "The plugins switched on (default: api only)",
            ),
            "hours": (WEEK, "Weekly opening hours by weekday (default mon..fri 09:00-18:00)"),
            "holidays": (DATES, "Days the company is closed, Y-m-d"),
            "users": records(user, "Admin users (getUserToken, the admin API)"),
            "categories": records(category, "Service categories"),
            "locations": records(location, "Locations (the location plugin)"),
            "providers": records(provider, "Providers (units, performers)"),
            "services": records(service, "Services (events) clients book"),
            "fields": records(field, "Intake fields (additional fields plugin)"),
            "statuses": records(status, "Booking statuses (status plugin)"),
            "promotions": records(promotion, "Promo codes (promo plugin)"),
            "clients": records(client, "Clients"),
            "bookings": records(
                booking, "Bookings, made by the admin API's rules (hours, the grid, capacity)"
            ),
        },
        ("login", "api_key", "secret_key"),
    )
    return {
        "title": "SimplyBook.me section",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            SECTION_KEYS[0]: {
                "type": "array",
                "items": company,
                "description": "Companies, each replacing a company of the same login",
            }
        },
    }
