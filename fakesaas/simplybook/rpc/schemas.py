"""JSON schemas of results, as the OpenRPC contract's components: what each presenter returns.

Every field the emulator writes is required; more are allowed, as the real service sends more.
"""

from __future__ import annotations

from typing import Any

Schema = dict[str, Any]

ID = {"type": "string", "pattern": "^[0-9]+$"}
FLAG = {"type": "string", "enum": ["0", "1"]}
TEXT = {"type": "string"}
MAYBE_TEXT = {"type": ["string", "null"]}
MONEY = {"type": "string", "pattern": "^[0-9]+\\.[0-9]{4}$"}
DATE = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
TIME = {"type": "string", "pattern": "^[0-9]{2}:[0-9]{2}:[0-9]{2}$"}
DATETIME = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$"}
NUMBER_TEXT = {"type": "string", "pattern": "^-?[0-9]+$"}


def ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def record(properties: dict[str, Any], title: str) -> Schema:
    return {"title": title, "type": "object", "required": list(properties), "properties": properties}


def keyed_or_list(name: str) -> Schema:
    """An object keyed by id (the default) or, with ``asArray``, an array."""
    return {
        "oneOf": [
            {"type": "object", "additionalProperties": ref(name)},
            {"type": "array", "items": ref(name)},
        ]
    }


def components() -> dict[str, Schema]:
    return {
        "EventList": {"title": "EventList", **keyed_or_list("Event")},
        "UnitList": {"title": "UnitList", **keyed_or_list("Unit")},
        "CategoryList": {"title": "CategoryList", **keyed_or_list("Category")},
        "LocationList": {"title": "LocationList", **keyed_or_list("Location")},
        "Event": record(
            {
                "id": ID,
                "name": TEXT,
                "duration": NUMBER_TEXT,
                "hide_duration": FLAG,
                "buffer_time_after": NUMBER_TEXT,
                "description": TEXT,
                "picture": MAYBE_TEXT,
                "picture_path": MAYBE_TEXT,
                "is_public": FLAG,
                "is_active": FLAG,
                "position": NUMBER_TEXT,
                "is_recurring": FLAG,
                "price": MONEY,
                "currency": TEXT,
                "categories": {"type": "array", "items": ID},
                "unit_map": {"type": "object", "additionalProperties": {"type": ["string", "null"]}},
            },
            "Event",
        ),
        "Unit": record(
            {
                "id": ID,
                "name": TEXT,
                "description": TEXT,
                "email": TEXT,
                "phone": TEXT,
                "picture": MAYBE_TEXT,
                "picture_path": MAYBE_TEXT,
                "position": NUMBER_TEXT,
                "color": TEXT,
                "is_active": FLAG,
                "is_visible": FLAG,
                "qty": NUMBER_TEXT,
            },
            "Unit",
        ),
        "Category": record(
            {
                "id": ID,
                "name": TEXT,
                "description": TEXT,
                "is_public": FLAG,
                "position": NUMBER_TEXT,
                "events": {"type": "array", "items": ID},
            },
            "Category",
        ),
        "Location": record(
            {
                "id": ID,
                "title": TEXT,
                "description": MAYBE_TEXT,
                "picture": MAYBE_TEXT,
                "address1": MAYBE_TEXT,
                "address2": MAYBE_TEXT,
                "city": TEXT,
                "zip": MAYBE_TEXT,
                "country_id": TEXT,
                "lat": TEXT,
                "lng": TEXT,
                "phone": TEXT,
                "position": NUMBER_TEXT,
                "is_default": FLAG,
                "units": {"type": "array", "items": ID},
            },
            "Location",
        ),
        "AdditionalField": record(
            {
                "id": ID,
                "name": TEXT,
                "title": TEXT,
                "type": {"enum": ["text", "textarea", "select", "checkbox", "digits", "date"]},
                "values": MAYBE_TEXT,
                "default": MAYBE_TEXT,
                "is_null": FLAG,
                "on_main_page": FLAG,
                "pos": NUMBER_TEXT,
                "value": {"type": "null"},
            },
            "AdditionalField",
        ),
        "CompanyInfo": record(
            {
                "login": TEXT,
                "name": TEXT,
                "description": TEXT,
                "address1": TEXT,
                "address2": TEXT,
                "city": TEXT,
                "zip": TEXT,
                "country_id": TEXT,
                "lat": TEXT,
                "lng": TEXT,
                "email": TEXT,
                "phone": TEXT,
                "web": MAYBE_TEXT,
                "skip_address": {"type": "null"},
                "logo": MAYBE_TEXT,
                "address": TEXT,
                "description_text": TEXT,
                "timezone": TEXT,
                "show_in_client_timezone": {"type": "boolean"},
                "timeframe": {"enum": ["5", "10", "15", "20", "30", "60"]},
                "timeline_type": {
                    "enum": ["flexible", "modern", "flexible_week", "modern_week", "classic", "classes"]
                },
                "allow_event_day_break": FLAG,
                "allow_event_breaktime_break": FLAG,
                "currency": TEXT,
            },
            "CompanyInfo",
        ),
        "StartTimeMatrix": {
            "title": "StartTimeMatrix",
            "type": "object",
            "propertyNames": DATE,
            "additionalProperties": {"type": "array", "items": TIME},
        },
        "CartesianStartTimeMatrix": {
            "title": "CartesianStartTimeMatrix",
            "type": "array",
            "items": record(
                {
                    "provider_id": {"type": "integer"},
                    "service_id": {"type": "integer"},
                    "timeslots": ref("StartTimeMatrix"),
                },
                "CartesianRow",
            ),
        },
        "WorkCalendar": {
            "title": "WorkCalendar",
            "type": "object",
            "propertyNames": DATE,
            "additionalProperties": record(
                {"from": TIME, "to": TIME, "is_day_off": {"enum": [0, 1]}}, "WorkDay"
            ),
        },
        "TimeIntervals": {
            "title": "TimeIntervals",
            "type": "object",
            "propertyNames": DATE,
            "additionalProperties": {
                "type": "object",
                "additionalProperties": {
                    "type": "array",
                    "items": record({"from": TIME, "to": TIME}, "Interval"),
                },
            },
        },
        "Booking": record(
            {
                "id": ID,
                "event_id": ID,
                "unit_id": ID,
                "client_id": ID,
                "client_hash": MAYBE_TEXT,
                "start_date_time": DATETIME,
                "end_date_time": DATETIME,
                "time_offset": NUMBER_TEXT,
                "is_confirmed": FLAG,
                "require_payment": FLAG,
                "code": TEXT,
                "hash": TEXT,
            },
            "Booking",
        ),
        "BookResult": {
            "title": "BookResult",
            "type": "object",
            "required": ["require_confirm", "bookings"],
            "properties": {
                "require_confirm": {"type": "boolean"},
                "bookings": {"type": "array", "minItems": 1, "items": ref("Booking")},
                "batch_type": {
                    "enum": ["batch_group_booking", "batch_multiple_booking", "batch_recurrent_booking"]
                },
                "group_batch_id": ID,
                "multiple_batch_id": ID,
                "recurrent_batch_id": ID,
                "batch_hash": TEXT,
            },
        },
        "BookingInfo": {
            "title": "BookingInfo",
            "allOf": [
                ref("Booking"),
                record(
                    {
                        "record_date": DATETIME,
                        "event": MAYBE_TEXT,
                        "unit": MAYBE_TEXT,
                        "client": MAYBE_TEXT,
                        "client_email": MAYBE_TEXT,
                        "client_phone": MAYBE_TEXT,
                        "is_cancelled": FLAG,
                        "price": MONEY,
                        "batch_id": {"oneOf": [ID, {"type": "null"}]},
                    },
                    "BookingInfoExtra",
                ),
            ],
        },
        "BookingDetails": record(
            {
                "id": ID,
                "code": TEXT,
                "is_confirmed": FLAG,
                "start_date_time": DATETIME,
                "end_date_time": DATETIME,
                "time_offset": NUMBER_TEXT,
                "record_date": DATETIME,
                "event_id": ID,
                "event_name": MAYBE_TEXT,
                "unit_id": ID,
                "unit_name": MAYBE_TEXT,
                "unit_email": MAYBE_TEXT,
                "client_id": ID,
                "client_name": MAYBE_TEXT,
                "client_email": MAYBE_TEXT,
                "client_phone": MAYBE_TEXT,
                "company_login": TEXT,
                "company_name": TEXT,
                "company_email": TEXT,
                "company_phone": TEXT,
                "location": {"oneOf": [ref("Location"), {"type": "null"}]},
                "status": {"oneOf": [ref("Status"), {"type": "null"}]},
                "price": record({"amount": MONEY, "currency": TEXT, "paid": FLAG}, "Price"),
                "promo": {"type": "array", "items": ref("Promotion")},
                "additional_fields": {
                    "type": "array",
                    "items": record(
                        {
                            "field_id": MAYBE_TEXT,
                            "field_name": TEXT,
                            "field_title": TEXT,
                            "field_type": TEXT,
                            "field_position": NUMBER_TEXT,
                            "value": TEXT,
                        },
                        "AdditionalFieldValue",
                    ),
                },
                "comment": TEXT,
                "batch_id": {"oneOf": [ID, {"type": "null"}]},
            },
            "BookingDetails",
        ),
        "AdminBooking": record(
            {
                "id": ID,
                "code": TEXT,
                "client": MAYBE_TEXT,
                "client_id": ID,
                "client_phone": MAYBE_TEXT,
                "client_email": MAYBE_TEXT,
                "start_date": DATETIME,
                "end_date": DATETIME,
                "record_date": DATETIME,
                "unit": MAYBE_TEXT,
                "unit_id": ID,
                "event": MAYBE_TEXT,
                "event_id": ID,
                "is_confirm": FLAG,
                "status": {"enum": ["confirmed", "pending", "cancelled"]},
                "payment_status": {"enum": ["paid", "not_paid", ""]},
                "payment_system": MAYBE_TEXT,
            },
            "AdminBooking",
        ),
        "Client": record(
            {
                "id": ID,
                "name": TEXT,
                "email": TEXT,
                "phone": TEXT,
                "address1": TEXT,
                "address2": TEXT,
                "city": TEXT,
                "zip": TEXT,
                "country_id": TEXT,
                "client_hash": TEXT,
            },
            "Client",
        ),
        "Status": record(
            {"id": ID, "name": TEXT, "description": TEXT, "color": TEXT, "is_default": FLAG}, "Status"
        ),
        "User": record(
            {
                "id": ID,
                "login": TEXT,
                "firstname": TEXT,
                "lastname": TEXT,
                "email": TEXT,
                "phone": TEXT,
                "company": record({"login": TEXT, "name": TEXT}, "UserCompany"),
                "role": TEXT,
            },
            "User",
        ),
        "Promotion": record(
            {
                "id": ID,
                "title": TEXT,
                "code": TEXT,
                "description": TEXT,
                "discount": MONEY,
                "start_date": {"oneOf": [DATE, {"type": "null"}]},
                "expired_date": {"oneOf": [DATE, {"type": "null"}]},
                "sheduler_start_date": {"oneOf": [DATE, {"type": "null"}]},
                "sheduler_end_date": {"oneOf": [DATE, {"type": "null"}]},
                "sheduler_start_time": {"oneOf": [TIME, {"type": "null"}]},
                "sheduler_end_time": {"oneOf": [TIME, {"type": "null"}]},
                "allow_usage_count": NUMBER_TEXT,
                "allow_customer_count": NUMBER_TEXT,
                "status": {"enum": ["active", "inactive"]},
                "common_promotion_id": NUMBER_TEXT,
                "service_ids": {"type": "array", "items": ID},
            },
            "Promotion",
        ),
        "Cart": record(
            {
                "cart_id": ID,
                "cart_hash": TEXT,
                "amount": MONEY,
                "currency": TEXT,
                "cart": {
                    "type": "array",
                    "items": record(
                        {"id": ID, "event_id": ID, "name": TEXT, "price": MONEY, "qty": {"type": "integer"}},
                        "CartItem",
                    ),
                },
            },
            "Cart",
        ),
    }
