"""The single source of SimplyBook's result shapes: field names, string-typed numbers ("1", "0",
"25.0000"), ``Y-m-d H:i:s`` datetimes in the company's timezone, and catalogue lists keyed by id
(or arrays with ``asArray``), as seed 003's examples show them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from fakesaas.simplybook.domain.availability import Starts
from fakesaas.simplybook.domain.calendars import WorkDay
from fakesaas.simplybook.domain.catalog import AdditionalField, Category, Event, Location, Unit
from fakesaas.simplybook.domain.clients import Client
from fakesaas.simplybook.domain.companies import AdminUser, Company, Status
from fakesaas.simplybook.domain.promotions import Promotion
from fakesaas.simplybook.domain.records import Batch, Booking, BookingState, Cart
from fakesaas.simplybook.domain.reservations import BookResult
from fakesaas.simplybook.domain.values import (
    format_date,
    format_datetime,
    format_money,
    format_time,
    local_now,
)

Json = dict[str, Any]


def flag(value: bool) -> str:
    return "1" if value else "0"


def keyed(items: Iterable[Json], as_array: bool) -> Json | list[Json]:
    """``{"1": {...}, "2": {...}}``, or a plain array with ``asArray``. An empty list is ``[]``
    either way: PHP's json_encode writes an empty array so."""
    listed = list(items)
    return listed if as_array or not listed else {item["id"]: item for item in listed}


# --- catalogue ------------------------------------------------------------------------------
def event(item: Event) -> Json:
    data: Json = {
        "id": str(item.id),
        "name": item.name,
        "duration": str(item.duration),
        "hide_duration": flag(item.hide_duration),
        "buffer_time_after": str(item.buffer_time_after),
        "description": item.description,
        "picture": item.picture,
        "picture_path": f"/uploads/event__picture/small/{item.picture}" if item.picture else None,
        "is_public": flag(item.is_public),
        "is_active": flag(item.is_active),
        "position": str(item.position),
        "is_recurring": flag(item.is_recurring),
        "price": format_money(item.price),
        "currency": item.currency,
        "categories": [str(c) for c in item.category_ids],
        # Which providers offer it, with a provider's own duration where it has one.
        "unit_map": {
            str(u): (str(item.unit_durations[u]) if u in item.unit_durations else None) for u in item.unit_ids
        },
    }
    if item.recurrence is not None:
        data["recurring_settings"] = {
            "days": str(item.recurrence.days),
            "repeat_count": str(item.recurrence.repeat_count),
            "type": item.recurrence.kind.value,
            "mode": item.recurrence.mode.value,
        }
    return data


def unit(item: Unit) -> Json:
    return {
        "id": str(item.id),
        "name": item.name,
        "description": item.description,
        "email": item.email,
        "phone": item.phone,
        "picture": None,
        "picture_path": None,
        "position": str(item.position),
        "color": item.color,
        "is_active": flag(item.is_active),
        "is_visible": flag(item.is_visible),
        "qty": str(item.qty),
    }


def category(item: Category, events: list[int]) -> Json:
    return {
        "id": str(item.id),
        "name": item.name,
        "description": item.description,
        "is_public": flag(item.is_public),
        "position": str(item.position),
        "events": [str(e) for e in events],
    }


def location(item: Location) -> Json:
    return {
        "id": str(item.id),
        "title": item.title,
        "description": item.description or None,
        "picture": None,
        "address1": item.address1 or None,
        "address2": item.address2 or None,
        "city": item.city,
        "zip": item.zip or None,
        "country_id": item.country_id,
        "lat": item.lat,
        "lng": item.lng,
        "phone": item.phone,
        "position": str(item.position),
        "is_default": flag(item.is_default),
        "units": [str(u) for u in item.unit_ids],
    }


def additional_field(item: AdditionalField) -> Json:
    return {
        "id": str(item.id),
        "name": item.name,
        "title": item.title,
        "type": item.type.value,
        "values": ",".join(item.values) or None,
        "default": item.default or None,
        "is_null": flag(item.optional),
        "on_main_page": "1",
        "pos": str(item.position),
        "value": None,
    }


def company_info(company: Company, now: datetime) -> Json:
    info = company.info
    address = ", ".join(part for part in (info.country_id, info.city, info.address1, info.address2) if part)
    settings = company.settings
    return {
        "login": company.login,
        "name": info.name,
        "description": info.description,
        "address1": info.address1,
        "address2": info.address2,
        "city": info.city,
        "zip": info.zip,
        "country_id": info.country_id,
        "lat": info.lat,
        "lng": info.lng,
        "email": info.email,
        "phone": info.phone,
        "web": info.web or None,
        "skip_address": None,
        "logo": info.logo or None,
        "address": address,
        "description_text": info.description,
        # The seed's example shows "Europe London": the zone name with a space.
        "timezone": settings.timezone.replace("/", " ").replace("_", " "),
        "show_in_client_timezone": settings.flag("show_booking_page_in_client_timezone"),
        "timeframe": str(settings.timeframe),
        "timeline_type": settings.params["user_public_timeline_type"],
        "allow_event_day_break": settings.params["allow_event_day_break"],
        "allow_event_breaktime_break": settings.params["allow_event_breaktime_break"],
        "currency": info.currency,
    }


# --- availability ---------------------------------------------------------------------------
def matrix(days: Mapping[date, Starts]) -> Json:
    # A widget asks for the same few ranges over and over, and while nothing changes the engine
    # hands out the same read-only mapping (``Availability.matrix``): its answer is kept by that
    # identity (each entry holds its mapping, so no other can take the id while it is kept) and
    # handed out as a copy. Writing it costs a dict entry per day, most of a month's matrix.
    if type(days) is not MappingProxyType:
        return _written(days)
    kept = _MATRICES.get(id(days))
    if kept is None:
        if len(_MATRICES) >= _MATRICES_KEPT:
            _MATRICES.clear()
        kept = _MATRICES[id(days)] = (days, _written(days))
    return dict(kept[1])


def _written(days: Mapping[date, Starts]) -> dict[str, tuple[str, ...]]:
    # The days of a month share a few tuples of start times: each is written out once a call,
    # found again by its identity (alive in ``days`` meanwhile).
    rows = list(days.values())
    ids = list(map(id, rows))
    times = {index: _times(row) for index, row in dict(zip(ids, rows, strict=True)).items()}
    return dict(zip(map(format_date, days), map(times.__getitem__, ids), strict=True))


_MATRICES: dict[int, tuple[Mapping[date, Starts], dict[str, tuple[str, ...]]]] = {}
_MATRICES_KEPT = 256


@lru_cache(maxsize=1024)
def _times(starts: Starts) -> tuple[str, ...]:
    """A day's start times as H:i:s; the engine shares the tuples of days alike, so a month's
    matrix writes each kind of day once."""
    return tuple(format_time(s) for s in starts)


def work_calendar(days: list[WorkDay]) -> Json:
    return {
        format_date(d.day): {
            "from": format_time(d.start),
            "to": format_time(d.end),
            "is_day_off": int(d.day_off),
        }
        for d in days
    }


# --- bookings -------------------------------------------------------------------------------
def booking(item: Booking, company: Company) -> Json:
    """One booking as ``book`` lists it."""
    client = company.clients.get(item.client_id)
    return {
        "id": str(item.id),
        "event_id": str(item.event_id),
        "unit_id": str(item.unit_id),
        "client_id": str(item.client_id),
        "client_hash": client.hash if client else None,
        "start_date_time": format_datetime(item.start),
        "end_date_time": format_datetime(item.end),
        "time_offset": str(item.time_offset),
        "is_confirmed": flag(item.is_confirmed),
        "require_payment": flag(item.state is BookingState.PENDING and item.price > 0 and not item.paid),
        "code": item.code,
        "hash": item.hash,
    }


def book_result(result: BookResult, company: Company) -> Json:
    data: Json = {
        "require_confirm": result.require_confirm,
        "bookings": [booking(b, company) for b in result.bookings],
    }
    if result.batch is not None:
        data.update(batch(result.batch))
    return data


def batch(item: Batch) -> Json:
    return {
        "batch_type": item.kind.wire,
        f"{item.kind.value}_batch_id": str(item.id),
        "batch_hash": item.hash,
    }


def booking_info(item: Booking, company: Company) -> Json:
    """``getBooking``: the booking with its service, provider and client named."""
    catalog = company.catalog
    event_ = catalog.events.get(item.event_id)
    unit_ = catalog.units.get(item.unit_id)
    client = company.clients.get(item.client_id)
    return {
        **booking(item, company),
        "record_date": format_datetime(local_now(item.created, company.settings.timezone)),
        "event": event_.name if event_ else None,
        "unit": unit_.name if unit_ else None,
        "client": client.name if client else None,
        "client_email": client.email if client else None,
        "client_phone": client.phone if client else None,
        "is_cancelled": flag(item.state is BookingState.CANCELLED),
        "price": format_money(item.price),
        "batch_id": str(item.batch_id) if item.batch_id is not None else None,
    }


def booking_details(item: Booking, company: Company, status_: Status | None) -> Json:
    """``getBookingDetails``: everything about one booking (research §2.4)."""
    catalog = company.catalog
    event_ = catalog.events.get(item.event_id)
    unit_ = catalog.units.get(item.unit_id)
    client = company.clients.get(item.client_id)
    place = catalog.locations.get(item.location_id) if item.location_id is not None else None
    promotion = company.promotions.get(item.promo_id) if item.promo_id is not None else None
    tz = company.settings.timezone
    fields_by_name = {f.name: f for f in catalog.fields.values()}
    return {
        "id": str(item.id),
        "code": item.code,
        "is_confirmed": flag(item.is_confirmed),
        "start_date_time": format_datetime(item.start),
        "end_date_time": format_datetime(item.end),
        "time_offset": str(item.time_offset),
        "record_date": format_datetime(local_now(item.created, tz)),
        "event_id": str(item.event_id),
        "event_name": event_.name if event_ else None,
        "unit_id": str(item.unit_id),
        "unit_name": unit_.name if unit_ else None,
        "unit_email": unit_.email if unit_ else None,
        "client_id": str(item.client_id),
        "client_name": client.name if client else None,
        "client_email": client.email if client else None,
        "client_phone": client.phone if client else None,
        "company_login": company.login,
        "company_name": company.info.name,
        "company_email": company.info.email,
        "company_phone": company.info.phone,
        "location": location(place) if place else None,
        "status": status(status_) if status_ else None,
        "price": {
            "amount": format_money(item.price),
            "currency": company.info.currency,
            "paid": flag(item.paid),
        },
        "promo": [promotion_info(promotion)] if promotion else [],
        "additional_fields": [
            {
                "field_id": str(fields_by_name[name].id) if name in fields_by_name else None,
                "field_name": name,
                "field_title": fields_by_name[name].title if name in fields_by_name else name,
                "field_type": fields_by_name[name].type.value if name in fields_by_name else "text",
                "field_position": str(fields_by_name[name].position) if name in fields_by_name else "0",
                "value": value,
            }
            for name, value in item.additional.items()
        ],
        "comment": item.comment,
        "batch_id": str(item.batch_id) if item.batch_id is not None else None,
    }


def admin_booking(item: Booking, company: Company) -> Json:
    """One row of the admin service's ``getBookings``."""
    catalog = company.catalog
    event_ = catalog.events.get(item.event_id)
    unit_ = catalog.units.get(item.unit_id)
    client = company.clients.get(item.client_id)
    return {
        "id": str(item.id),
        "code": item.code,
        "client": client.name if client else None,
        "client_id": str(item.client_id),
        "client_phone": client.phone if client else None,
        "client_email": client.email if client else None,
        "start_date": format_datetime(item.start),
        "end_date": format_datetime(item.end),
        "record_date": format_datetime(local_now(item.created, company.settings.timezone)),
        "unit": unit_.name if unit_ else None,
        "unit_id": str(item.unit_id),
        "event": event_.name if event_ else None,
        "event_id": str(item.event_id),
        "is_confirm": flag(item.is_confirmed),
        "status": item.state.value,
        "payment_status": "paid" if item.paid else ("not_paid" if item.price > 0 else ""),
        "payment_system": item.payment_processor or None,
    }


# --- clients, statuses, users ----------------------------------------------------------------
def client(item: Client) -> Json:
    return {
        "id": str(item.id),
        "name": item.name,
        "email": item.email,
        "phone": item.phone,
        "address1": item.address1,
        "address2": item.address2,
        "city": item.city,
        "zip": item.zip,
        "country_id": item.country_id,
        "client_hash": item.hash,
    }


def status(item: Status) -> Json:
    return {
        "id": str(item.id),
        "name": item.name,
        "description": item.description,
        "color": item.color,
        "is_default": flag(item.is_default),
    }


def user(item: AdminUser, company: Company) -> Json:
    return {
        "id": str(item.id),
        "login": item.login,
        "firstname": item.name,
        "lastname": "",
        "email": item.email,
        "phone": item.phone,
        "company": {"login": company.login, "name": company.info.name},
        "role": item.role,
    }


# --- promotions, carts ----------------------------------------------------------------------
def promotion_info(item: Promotion) -> Json:
    def day(value: date | None) -> str | None:
        return format_date(value) if value else None

    def clock(value: int | None) -> str | None:
        return format_time(value) if value is not None else None

    return {
        "id": str(item.id),
        "title": item.title,
        "code": item.code,
        "description": item.description,
        "discount": format_money(item.discount),
        "start_date": day(item.start_date),
        "expired_date": day(item.expired_date),
        "sheduler_start_date": day(item.sheduler_start_date),
        "sheduler_end_date": day(item.sheduler_end_date),
        "sheduler_start_time": clock(item.sheduler_start_time),
        "sheduler_end_time": clock(item.sheduler_end_time),
        "allow_usage_count": str(item.allow_usage_count),
        "allow_customer_count": str(item.allow_customer_count),
        "status": "active" if item.active else "inactive",
        "common_promotion_id": str(item.common_promotion_id),
        "service_ids": [str(s) for s in item.service_ids],
    }


def cart(item: Cart, company: Company) -> Json:
    lines = []
    for booking_id in item.booking_ids:
        found = company.bookings[booking_id]
        event_ = company.catalog.events.get(found.event_id)
        name = event_.name if event_ else ""
        lines.append(
            {
                "id": str(found.id),
                "event_id": str(found.event_id),
                "name": f"{name} {format_datetime(found.start)}",
                "price": format_money(found.price),
                "qty": 1,
            }
        )
    return {
        "cart_id": str(item.id),
        "cart_hash": item.hash,
        "amount": format_money(item.amount),
        "currency": item.currency,
        "cart": lines,
    }
