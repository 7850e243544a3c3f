"""The admin service's own methods: bookings over the whole calendar, clients and statuses."""

from __future__ import annotations

from typing import Any

from fakesaas.simplybook import present
from fakesaas.simplybook.domain import lifecycle
from fakesaas.simplybook.domain.clients import check_client_data, matches
from fakesaas.simplybook.domain.errors import Failure, fail
from fakesaas.simplybook.domain.queries import find_bookings, find_clients
from fakesaas.simplybook.domain.reservations import BookingRequest, book, edit, new_client
from fakesaas.simplybook.domain.settings import Plugin
from fakesaas.simplybook.domain.values import at, parse_date, parse_time
from fakesaas.simplybook.rpc.methods.bookings import details, parse_recurrence, time_offset
from fakesaas.simplybook.rpc.methods.common import (
    ACCESS,
    ADDITIONAL,
    BATCH_ID,
    BOOKING_ERRORS,
    BOOKING_ID,
    COUNT,
    EVENT_ID,
    RECURRING,
    UNIT_ID_OR_ANY,
)
from fakesaas.simplybook.rpc.params import Kind, Param
from fakesaas.simplybook.rpc.registry import Call, Endpoint, Method, method
from fakesaas.simplybook.rpc.schemas import ref

ADMIN = Endpoint.ADMIN
CLIENT_ERRORS = (Failure.CLIENT_NAME_WRONG, Failure.CLIENT_EMAIL_WRONG, Failure.CLIENT_PHONE_WRONG)


def _bookings(call: Call, params: dict[str, Any] | None) -> list[Any]:
    company = call.company
    return [present.admin_booking(b, company) for b in find_bookings(company, params or {}, call.now)]


def _details(call: Call, booking_id: int) -> Any:
    return details(call, booking_id)


def _end(end_date: str | None, end_time: str | None) -> Any:
    if end_date in (None, "") and end_time in (None, ""):
        return None
    if end_date in (None, "") or end_time in (None, ""):
        raise fail(Failure.INVALID_PARAMS, "give both endDate and endTime, or neither", "endTime")
    return at(parse_date(end_date, "endDate"), parse_time(end_time, "endTime"))


def _book(
    call: Call,
    event_id: int,
    unit_id: int | None,
    client_id: int,
    start_date: str,
    start_time: str,
    end_date: str | None,
    end_time: str | None,
    offset: int | None,
    additional: Any,
    count: int | None,
    batch_id: int | None,
    recurring: Any,
) -> Any:
    company = call.company
    request = BookingRequest(
        event_id=event_id,
        unit_id=unit_id,
        start=at(parse_date(start_date, "startDate"), parse_time(start_time, "startTime")),
        client_id=client_id,
        end=_end(end_date, end_time),
        time_offset=time_offset(offset),
        additional=additional,
        count=1 if count is None else count,
        batch_id=batch_id,
        recurrence=parse_recurrence(recurring),
        admin=True,
    )
    return present.book_result(book(company, request, call.now), company)


def _edit(
    call: Call,
    booking_id: int,
    event_id: int,
    unit_id: int | None,
    client_id: int | None,
    start_date: str,
    start_time: str,
    end_date: str | None,
    end_time: str | None,
    offset: int | None,
    additional: Any,
) -> Any:
    company = call.company
    request = BookingRequest(
        event_id=event_id,
        unit_id=unit_id,
        start=at(parse_date(start_date, "startDate"), parse_time(start_time, "startTime")),
        client_id=client_id,
        end=_end(end_date, end_time),
        time_offset=time_offset(offset),
        additional=additional,
        admin=True,
    )
    moved = edit(company, booking_id, request, call.now)
    return {"require_confirm": False, "bookings": [present.booking(moved, company)]}


def _cancel(call: Call, booking_id: int) -> bool:
    company = call.company
    return lifecycle.cancel(company, company.booking(booking_id), call.now, "admin")


def _add_client(call: Call, data: dict[str, Any], send_email: bool | None) -> int:
    company = call.company
    checked = check_client_data(data, company.settings.params["require_fields"])
    existing = next((c for c in company.clients.values() if matches(c, checked)), None)
    if existing is not None:
        return existing.id
    client = new_client(company, checked, call.now)
    company.clients[client.id] = client
    return client.id


def _clients(call: Call, search: str | None, limit: int | None) -> list[Any]:
    if limit is not None and limit < 1:
        raise fail(Failure.INVALID_PARAMS, "limit is at least 1", "limit")
    return [present.client(c) for c in find_clients(call.company, search or "", limit)]


def _client_info(call: Call, client_id: int) -> Any:
    return present.client(call.company.client(client_id))


def _statuses(call: Call) -> list[Any]:
    company = call.company
    company.settings.require(Plugin.STATUS)
    return [present.status(s) for s in sorted(company.statuses.values(), key=lambda s: s.id)]


def _set_status(call: Call, booking_id: int, status_id: int) -> bool:
    company = call.company
    booking = company.booking(booking_id)
    return lifecycle.set_status(company, booking, lifecycle.status(company, status_id), call.now)


def _booking_status(call: Call, booking_id: int) -> Any:
    company = call.company
    chosen = lifecycle.status_of(company, company.booking(booking_id))
    return present.status(chosen) if chosen is not None else None


def _current_user(call: Call) -> Any:
    company = call.company
    user = company.users.get(call.user_id) if call.user_id is not None else None
    if user is None:
        raise fail(Failure.ACCESS_DENIED, "the token's user is gone", "token")
    return present.user(user, company)


def methods() -> list[Method]:
    client_id = Param("clientId", Kind.INT, description="client id")
    start_date = Param("startDate", Kind.STRING, description="Y-m-d")
    start_time = Param("startTime", Kind.STRING, description="H:i:s, on the timeframe grid")
    end_date = Param(
        "endDate", Kind.STRING, required=False, description="Y-m-d; by default from the duration"
    )
    end_time = Param("endTime", Kind.STRING, required=False, description="H:i:s")
    offset = Param(
        "clientTimeOffset", Kind.INT, required=False, description="company minus client timezone, seconds"
    )
    return [
        method(
            "getBookings",
            ADMIN,
            (Param("params", Kind.OBJECT, required=False, description="filters"),),
            _bookings,
            {"type": "array", "items": ref("AdminBooking")},
            "Bookings filtered by date, created and edited dates, provider, service, client, "
            "is_confirmed, booking_type, upcoming_only; ordered by date_start (default), "
            "date_start_asc or record_date; limit.",
            ACCESS,
            result_name="bookings",
        ),
        method(
            "getBookingDetails",
            ADMIN,
            (BOOKING_ID,),
            _details,
            ref("BookingDetails"),
            "Everything about a booking.",
            (*ACCESS, Failure.BOOKING_NOT_FOUND),
            result_name="details",
        ),
        method(
            "book",
            ADMIN,
            (
                EVENT_ID,
                UNIT_ID_OR_ANY,
                client_id,
                start_date,
                start_time,
                end_date,
                end_time,
                offset,
                ADDITIONAL,
                COUNT,
                BATCH_ID,
                RECURRING,
            ),
            _book,
            ref("BookResult"),
            "Book for a client; the end may differ from the service's duration.",
            (*ACCESS, *BOOKING_ERRORS, Failure.CLIENT_NOT_FOUND),
            result_name="booking",
        ),
        method(
            "editBook",
            ADMIN,
            (
                BOOKING_ID,
                EVENT_ID,
                UNIT_ID_OR_ANY,
                Param("clientId", Kind.INT, nullable=True, description="client id"),
                start_date,
                start_time,
                end_date,
                end_time,
                offset,
                ADDITIONAL,
            ),
            _edit,
            ref("BookResult"),
            "Move or change a booking.",
            (*ACCESS, *BOOKING_ERRORS, Failure.BOOKING_NOT_FOUND, Failure.CLIENT_NOT_FOUND),
            result_name="booking",
        ),
        method(
            "cancelBooking",
            ADMIN,
            (BOOKING_ID,),
            _cancel,
            {"const": True},
            "Cancel a booking.",
            (*ACCESS, Failure.BOOKING_NOT_FOUND),
            result_name="cancelled",
        ),
        method(
            "addClient",
            ADMIN,
            (
                Param(
                    "clientData",
                    Kind.OBJECT,
                    description="{name, email, phone, address1, address2, city, zip, country_id}",
                ),
                Param("sendEmail", Kind.BOOL, required=False, description="accepted, no email is sent"),
            ),
            _add_client,
            {"type": "integer"},
            "A new client's id, or the id of the client with the same data.",
            (*ACCESS, *CLIENT_ERRORS),
            result_name="clientId",
        ),
        method(
            "getClientList",
            ADMIN,
            (
                Param(
                    "searchString", Kind.STRING, required=False, description="part of a name, email or phone"
                ),
                Param("limit", Kind.INT, required=False, description="at most this many"),
            ),
            _clients,
            {"type": "array", "items": ref("Client")},
            "Clients, by id.",
            ACCESS,
            result_name="clients",
        ),
        method(
            "getClientInfo",
            ADMIN,
            (client_id,),
            _client_info,
            ref("Client"),
            "A client's data.",
            (*ACCESS, Failure.CLIENT_NOT_FOUND),
            result_name="client",
        ),
        method(
            "getStatuses",
            ADMIN,
            (),
            _statuses,
            {"type": "array", "items": ref("Status")},
            "Booking statuses (Status plugin).",
            (*ACCESS, Failure.PLUGIN_NOT_ACTIVATED),
            result_name="statuses",
        ),
        method(
            "setStatus",
            ADMIN,
            (
                Param("bookingId", Kind.INT, description="booking id"),
                Param("statusId", Kind.INT, description="status id"),
            ),
            _set_status,
            {"const": True},
            "Give a booking a status (Status plugin).",
            (*ACCESS, Failure.PLUGIN_NOT_ACTIVATED, Failure.BOOKING_NOT_FOUND),
            result_name="done",
        ),
        method(
            "getBookingStatus",
            ADMIN,
            (Param("bookingId", Kind.INT, description="booking id"),),
            _booking_status,
            {"oneOf": [ref("Status"), {"type": "null"}]},
            "A booking's status (Status plugin).",
            (*ACCESS, Failure.PLUGIN_NOT_ACTIVATED, Failure.BOOKING_NOT_FOUND),
            result_name="status",
        ),
        method(
            "getCurrentUserDetails",
            ADMIN,
            (),
            _current_user,
            ref("User"),
            "The user the token belongs to.",
            ACCESS,
            result_name="user",
        ),
    ]
