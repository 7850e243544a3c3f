"""The public service's booking methods: book, confirm, cancel, read (each signed), batches."""

from __future__ import annotations

from typing import Any

from fakesaas.simplybook import present
from fakesaas.simplybook.domain import lifecycle
from fakesaas.simplybook.domain.catalog import Recurrence
from fakesaas.simplybook.domain.errors import Failure, fail
from fakesaas.simplybook.domain.reservations import BookingRequest, book
from fakesaas.simplybook.domain.seed_catalog import recurrence
from fakesaas.simplybook.domain.settings import Plugin
from fakesaas.simplybook.domain.values import at, parse_date, parse_time, whole
from fakesaas.simplybook.rpc.methods.common import (
    ACCESS,
    ADDITIONAL,
    BATCH_ID,
    BOOKING_ERRORS,
    BOOKING_ID,
    COUNT,
    EVENT_ID,
    RECURRING,
    SIGN,
    SIGNED,
    UNIT_ID_OR_ANY,
)
from fakesaas.simplybook.rpc.params import Kind, Param
from fakesaas.simplybook.rpc.registry import Call, Endpoint, Method, method
from fakesaas.simplybook.rpc.schemas import ID, ref

CLIENT_ERRORS = (Failure.CLIENT_NAME_WRONG, Failure.CLIENT_EMAIL_WRONG, Failure.CLIENT_PHONE_WRONG)


def parse_recurrence(data: Any) -> Recurrence | None:
    if data in (None, [], {}):
        return None
    try:
        return recurrence(data)
    except ValueError as error:
        raise fail(Failure.INVALID_PARAMS, str(error), "recurringData") from None


def time_offset(value: object) -> int:
    """A client's offset in seconds from a number or a numeric string; 0 when absent."""
    if value in (None, ""):
        return 0
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) <= 24 * 3600:
        return value
    number = whole(value)
    if number is not None and abs(number) <= 24 * 3600:
        return number
    raise fail(Failure.INVALID_PARAMS, "client_time_offset is seconds, -86400 to 86400", "client_time_offset")


def _book(
    call: Call,
    event_id: int,
    unit_id: int | None,
    day: str,
    time: str,
    client_data: dict[str, Any],
    additional: Any,
    count: int | None,
    batch_id: int | None,
    recurring: Any,
) -> Any:
    company = call.company
    request = BookingRequest(
        event_id=event_id,
        unit_id=unit_id,
        start=at(parse_date(day, "date"), parse_time(time, "time")),
        client_data=client_data,
        time_offset=time_offset(client_data.get("client_time_offset")),
        additional=additional,
        count=1 if count is None else count,
        batch_id=batch_id,
        recurrence=parse_recurrence(recurring),
    )
    return present.book_result(book(company, request, call.now), company)


def _create_batch(call: Call) -> str:
    return str(lifecycle.create_batch(call.company, call.now).id)


def _confirm(call: Call, booking_id: int, sign: str) -> bool:
    company = call.company
    return lifecycle.confirm(company, lifecycle.signed_booking(company, booking_id, sign), call.now)


def _cancel(call: Call, booking_id: int, sign: str) -> bool:
    company = call.company
    return lifecycle.cancel(company, lifecycle.signed_booking(company, booking_id, sign), call.now, "client")


def _get_booking(call: Call, booking_id: int, sign: str) -> Any:
    company = call.company
    return present.booking_info(lifecycle.signed_booking(company, booking_id, sign), company)


def _details(call: Call, booking_id: int, sign: str) -> Any:
    company = call.company
    found = lifecycle.signed_booking(company, booking_id, sign)
    return details(call, found.id)


def details(call: Call, booking_id: int) -> Any:
    company = call.company
    found = company.booking(booking_id)
    chosen = lifecycle.status_of(company, found) if company.settings.active(Plugin.STATUS) else None
    return present.booking_details(found, company, chosen)


def _confirm_batch(call: Call, batch_id: int, batch_type: str, sign: str) -> bool:
    company = call.company
    return lifecycle.confirm_batch(
        company, lifecycle.signed_batch(company, batch_id, batch_type, sign), call.now
    )


def _client_info(call: Call, client_id: int, sign: str) -> Any:
    company = call.company
    client = company.client(client_id)
    lifecycle.check_sign(company, client.id, client.hash, sign)
    return present.client(client)


def methods() -> list[Method]:
    client_data = Param(
        "clientData",
        Kind.OBJECT,
        description="{name, email, phone}; client_time_offset in seconds; client_id with client_sign "
        "reuses a client",
    )
    return [
        method(
            "book",
            Endpoint.PUBLIC,
            (
                EVENT_ID,
                UNIT_ID_OR_ANY,
                Param("date", Kind.STRING, description="Y-m-d"),
                Param("time", Kind.STRING, description="H:i:s, on the timeframe grid"),
                client_data,
                ADDITIONAL,
                COUNT,
                BATCH_ID,
                RECURRING,
            ),
            _book,
            ref("BookResult"),
            "Book a service; several bookings for count > 1 or recurring data.",
            (*ACCESS, *BOOKING_ERRORS, *CLIENT_ERRORS, Failure.SIGNATURE_ERROR, Failure.CLIENT_NOT_FOUND),
            result_name="booking",
        ),
        method(
            "createBatch",
            Endpoint.PUBLIC,
            (),
            _create_batch,
            ID,
            "A multiple-booking batch that book(..., batchId) adds to (Multiple bookings plugin).",
            (*ACCESS, Failure.PLUGIN_NOT_ACTIVATED),
            result_name="batchId",
        ),
        method(
            "confirmBooking",
            Endpoint.PUBLIC,
            (BOOKING_ID, SIGN),
            _confirm,
            {"const": True},
            "Confirm a booking that waits for confirmation.",
            (*ACCESS, *SIGNED),
            result_name="confirmed",
        ),
        method(
            "cancelBooking",
            Endpoint.PUBLIC,
            (BOOKING_ID, SIGN),
            _cancel,
            {"const": True},
            "Cancel a booking; its time is free again at once.",
            (*ACCESS, *SIGNED),
            result_name="cancelled",
        ),
        method(
            "getBooking",
            Endpoint.PUBLIC,
            (BOOKING_ID, SIGN),
            _get_booking,
            ref("BookingInfo"),
            "A booking with its service, provider and client named.",
            (*ACCESS, *SIGNED),
            result_name="booking",
        ),
        method(
            "getBookingDetails",
            Endpoint.PUBLIC,
            (BOOKING_ID, SIGN),
            _details,
            ref("BookingDetails"),
            "Everything about a booking.",
            (*ACCESS, *SIGNED),
            result_name="details",
        ),
        method(
            "confirmBookingBatch",
            Endpoint.PUBLIC,
            (
                Param("batchId", Kind.INT, description="batch id"),
                Param(
                    "batchType",
                    Kind.STRING,
                    description="batch_group_booking, batch_multiple_booking or batch_recurrent_booking",
                ),
                Param("sign", Kind.STRING, description="md5(batchId . batchHash . API secret key)"),
            ),
            _confirm_batch,
            {"const": True},
            "Confirm every booking of a batch.",
            (*ACCESS, Failure.BATCH_NOT_FOUND, Failure.CONFIRMATION_KEY_TYPE, Failure.SIGNATURE_ERROR),
            result_name="confirmed",
        ),
        method(
            "getClientInfo",
            Endpoint.PUBLIC,
            (
                Param("clientId", Kind.INT, description="client id"),
                Param("sign", Kind.STRING, description="md5(clientId . client_hash . API secret key)"),
            ),
            _client_info,
            ref("Client"),
            "A client's data.",
            (*ACCESS, Failure.CLIENT_NOT_FOUND, Failure.SIGNATURE_ERROR),
            result_name="client",
        ),
    ]
