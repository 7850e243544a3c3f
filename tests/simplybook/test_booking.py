"""book on the public service and what follows it: every documented refusal, group and multiple
batches, recurring series, promo codes, and signed confirm / cancel / get calls."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fakesaas.core.clock import ManualClock
from fakesaas.simplybook.client import JsonRpcClient, SimplybookClient
from fakesaas.simplybook.domain.catalog import AdditionalField, FieldType, Recurrence, RecurrenceMode
from fakesaas.simplybook.domain.companies import Company, Simplybook
from fakesaas.simplybook.domain.settings import Plugin
from tests.simplybook.support import (
    ALICE_HAIRCUT,
    ANNA,
    BEN,
    CHLOE,
    CLIENT,
    COMPANY,
    HAIRCUT,
    MASSAGE,
    SUNDAY,
    TUESDAY,
    WEDNESDAY,
    rpc_error,
    sign,
)


@pytest.fixture
def demo(state: Simplybook) -> Company:
    company = state.company(COMPANY)
    assert company is not None
    return company


def plugins(company: Company, *, on: tuple[Plugin, ...] = (), off: tuple[Plugin, ...] = ()) -> None:
    company.settings.plugins = (company.settings.plugins | set(on)) - set(off)


def test_book_answers_the_documented_shape(public: JsonRpcClient, api: SimplybookClient) -> None:
    """Seed 003's book example: require_confirm and bookings with string ids, code and hash."""
    result = public.book(HAIRCUT, ANNA, TUESDAY, "11:00:00", {**CLIENT, "client_time_offset": -3600})
    assert result["require_confirm"] is False
    assert "batch_type" not in result
    (booking,) = result["bookings"]
    assert booking["event_id"] == "1"
    assert booking["unit_id"] == "1"
    assert booking["start_date_time"] == "2030-01-08 11:00:00"
    assert booking["end_date_time"] == "2030-01-08 11:30:00"
    assert booking["is_confirmed"] == "1"
    assert booking["time_offset"] == "-3600"
    assert len(booking["hash"]) == 32
    assert booking["code"]
    info = public.getBooking(booking["id"], api.sign(booking["id"], booking["hash"]))
    assert info["client"] == CLIENT["name"]
    assert info["client_id"] == booking["client_id"]


def test_times_as_hh_mm_are_taken(public: JsonRpcClient) -> None:
    booking = public.book(HAIRCUT, ANNA, TUESDAY, "11:00", CLIENT)["bookings"][0]
    assert booking["start_date_time"] == "2030-01-08 11:00:00"


@pytest.mark.parametrize(
    ("event", "unit", "day", "time", "code"),
    [
        pytest.param(99, ANNA, TUESDAY, "11:00:00", -32051, id="unknown-service"),
        pytest.param(HAIRCUT, 99, TUESDAY, "11:00:00", -32052, id="unknown-provider"),
        pytest.param(MASSAGE, ANNA, TUESDAY, "11:00:00", -32052, id="provider-without-the-service"),
        pytest.param(HAIRCUT, ANNA, SUNDAY, "11:00:00", -32053, id="day-off"),
        pytest.param(HAIRCUT, ANNA, "2030-01-05", "11:00:00", -32053, id="past-date"),
        pytest.param(HAIRCUT, ANNA, TUESDAY, "11:15:00", -32054, id="off-the-grid"),
        pytest.param(HAIRCUT, ANNA, TUESDAY, "11:00:30", -32054, id="seconds"),
        pytest.param(HAIRCUT, ANNA, TUESDAY, "10:00:00", -32054, id="taken"),
        pytest.param(HAIRCUT, ANNA, TUESDAY, "10:30:00", -32054, id="into-a-buffer"),
        pytest.param(HAIRCUT, ANNA, TUESDAY, "12:00:00", -32054, id="break"),
        pytest.param(HAIRCUT, ANNA, TUESDAY, "17:00:00", -32054, id="after-hours"),
        pytest.param(HAIRCUT, ANNA, "2030-01-07", "08:30:00", -32054, id="earlier-today"),
        pytest.param(HAIRCUT, ANNA, "08/01/2030", "11:00:00", -32602, id="date-format"),
        pytest.param(HAIRCUT, ANNA, TUESDAY, "11am", -32602, id="time-format"),
        pytest.param(HAIRCUT, ANNA, TUESDAY, "25:00:00", -32602, id="no-such-time"),
    ],
)
def test_refused_bookings(public: JsonRpcClient, admin: JsonRpcClient, event, unit, day, time, code) -> None:
    before = admin.getBookings({})
    with rpc_error(code):
        public.book(event, unit, day, time, CLIENT)
    assert admin.getBookings({}) == before


def test_private_and_inactive_services_are_not_bookable_by_clients(
    public: JsonRpcClient, demo: Company
) -> None:
    demo.catalog.events[HAIRCUT].is_public = False
    with rpc_error(-32051, "Selected event id is not available"):
        public.book(HAIRCUT, ANNA, TUESDAY, "11:00:00", CLIENT)


@pytest.mark.parametrize(
    ("client", "code"),
    [
        pytest.param({"email": "x@example.com"}, -32061, id="no-name"),
        pytest.param({"name": "  ", "email": "x@example.com"}, -32061, id="blank-name"),
        pytest.param({"name": "X" * 300, "email": "x@example.com"}, -32061, id="long-name"),
        pytest.param({"name": "Xavier"}, -32062, id="no-email"),
        pytest.param({"name": "Xavier", "email": "not-an-email"}, -32062, id="bad-email"),
        pytest.param(
            {"name": "Xavier", "email": "x@example.com", "phone": "call me"}, -32063, id="bad-phone"
        ),
    ],
)
def test_client_data_is_checked(public: JsonRpcClient, client: dict, code: int) -> None:
    with rpc_error(code):
        public.book(HAIRCUT, ANNA, TUESDAY, "11:00:00", client)


@pytest.mark.parametrize(
    ("required", "client", "code"),
    [
        ("phone", {"name": "X", "email": "x@example.com"}, -32063),
        ("email_phone", {"name": "X", "phone": "+31 6 1234 5678"}, -32062),
        ("phone", {"name": "X", "phone": "+31 6 1234 5678"}, None),
        ("", {"name": "X"}, None),
    ],
)
def test_require_fields_decides_what_clients_give(
    public: JsonRpcClient, demo: Company, required: str, client: dict, code: int | None
) -> None:
    demo.settings.params["require_fields"] = required
    if code is None:
        assert public.book(HAIRCUT, ANNA, TUESDAY, "11:00:00", client)["bookings"]
        return
    with rpc_error(code):
        public.book(HAIRCUT, ANNA, TUESDAY, "11:00:00", client)


def test_any_provider_needs_the_any_unit_plugin(public: JsonRpcClient, demo: Company) -> None:
    """With it, null books the first provider free; Anna is busy at 10:00, so Ben."""
    booking = public.book(HAIRCUT, None, TUESDAY, "10:00:00", CLIENT)["bookings"][0]
    assert booking["unit_id"] == str(BEN)
    plugins(demo, off=(Plugin.ANY_UNIT,))
    with rpc_error(-32052):
        public.book(HAIRCUT, None, TUESDAY, "11:00:00", CLIENT)


def test_a_known_client_is_reused_and_can_be_named_by_signature(
    public: JsonRpcClient, api: SimplybookClient
) -> None:
    first = public.book(HAIRCUT, ANNA, TUESDAY, "11:00:00", CLIENT)["bookings"][0]
    again = public.book(HAIRCUT, ANNA, TUESDAY, "13:00:00", dict(CLIENT))["bookings"][0]
    assert again["client_id"] == first["client_id"]
    signed = {
        "client_id": first["client_id"],
        "client_sign": api.sign(first["client_id"], first["client_hash"]),
    }
    third = public.book(HAIRCUT, ANNA, TUESDAY, "14:00:00", signed)["bookings"][0]
    assert third["client_id"] == first["client_id"]
    with rpc_error(-32085):
        public.book(
            HAIRCUT, ANNA, TUESDAY, "15:00:00", {"client_id": first["client_id"], "client_sign": "0" * 32}
        )
    with rpc_error(-3264, "Client with given id not found"):
        public.book(HAIRCUT, ANNA, TUESDAY, "15:00:00", {"client_id": 999, "client_sign": "0" * 32})
    client = public.getClientInfo(int(first["client_id"]), api.sign(first["client_id"], first["client_hash"]))
    assert client["email"] == CLIENT["email"]


def test_additional_fields_are_checked(public: JsonRpcClient, demo: Company) -> None:
    demo.catalog.fields[9] = AdditionalField(
        9, "size", "Size", FieldType.SELECT, ("S", "M", "L"), optional=False
    )
    with rpc_error(-32070, "Additional field values are wrong"):
        public.book(HAIRCUT, ANNA, TUESDAY, "11:00:00", CLIENT)
    with rpc_error(-32070):
        public.book(HAIRCUT, ANNA, TUESDAY, "11:00:00", CLIENT, {"size": "XL"})
    with rpc_error(-32070):
        public.book(HAIRCUT, ANNA, TUESDAY, "11:00:00", CLIENT, [{"value": "M"}])
    with rpc_error(-32602):  # not an object or a list at all
        public.book(HAIRCUT, ANNA, TUESDAY, "11:00:00", CLIENT, "size=M")
    booking = public.book(HAIRCUT, ANNA, TUESDAY, "11:00:00", CLIENT, [{"name": "size", "value": "M"}])
    assert booking["bookings"]


def test_a_group_booking_makes_count_bookings_in_one_batch(public: JsonRpcClient, demo: Company) -> None:
    result = public.book(MASSAGE, CHLOE, WEDNESDAY, "11:00:00", CLIENT, None, 2)
    assert len(result["bookings"]) == 2
    assert result["batch_type"] == "batch_group_booking"
    assert result["group_batch_id"]
    assert len(result["batch_hash"]) == 32
    with rpc_error(-32055, "One or more appointments couldn't be reserved"):
        public.book(MASSAGE, CHLOE, WEDNESDAY, "12:00:00", CLIENT, None, 3)
    demo.settings.params["max_group_bookings"] = "1"
    with rpc_error(-32055):
        public.book(MASSAGE, CHLOE, WEDNESDAY, "12:00:00", CLIENT, None, 2)
    plugins(demo, off=(Plugin.GROUP_BOOKING,))
    with rpc_error(-32001):
        public.book(MASSAGE, CHLOE, WEDNESDAY, "12:00:00", CLIENT, None, 2)
    with rpc_error(-32602):
        public.book(MASSAGE, CHLOE, WEDNESDAY, "12:00:00", CLIENT, None, 0)


def test_a_multiple_booking_batch_collects_bookings(
    public: JsonRpcClient, api: SimplybookClient, demo: Company
) -> None:
    batch = public.createBatch()
    first = public.book(HAIRCUT, ANNA, TUESDAY, "11:00:00", CLIENT, None, 1, int(batch))
    second = public.book(MASSAGE, BEN, TUESDAY, "14:00:00", CLIENT, None, None, batch)
    assert first["multiple_batch_id"] == second["multiple_batch_id"] == batch
    with rpc_error(-32602):
        public.book(HAIRCUT, ANNA, TUESDAY, "13:00:00", CLIENT, None, 2, batch)
    with rpc_error(-32095, "Batch not found"):
        public.book(HAIRCUT, ANNA, TUESDAY, "13:00:00", CLIENT, None, 1, 999)
    batch_hash = first["batch_hash"]
    with rpc_error(-32090):
        public.confirmBookingBatch(int(batch), "batch_group_booking", sign(batch, batch_hash))
    with rpc_error(-32085):
        public.confirmBookingBatch(int(batch), "batch_multiple_booking", "0" * 32)
    assert public.confirmBookingBatch(int(batch), "batch_multiple_booking", sign(batch, batch_hash)) is True
    plugins(demo, off=(Plugin.MULTIPLE_BOOKING,))
    with rpc_error(-32001):
        public.createBatch()


def recurring(demo: Company, mode: RecurrenceMode = RecurrenceMode.SKIP) -> None:
    demo.catalog.events[HAIRCUT].recurrence = Recurrence(days=7, repeat_count=3, mode=mode)


def test_a_recurring_service_books_its_series(public: JsonRpcClient, demo: Company) -> None:
    recurring(demo)
    expected = ["2030-01-08 11:00:00", "2030-01-15 11:00:00", "2030-01-22 11:00:00"]
    assert public.getRecurringDatetimes(HAIRCUT, ANNA, TUESDAY, "11:00:00", None) == expected
    result = public.book(HAIRCUT, ANNA, TUESDAY, "11:00:00", CLIENT)
    assert [b["start_date_time"] for b in result["bookings"]] == expected
    assert result["batch_type"] == "batch_recurrent_booking"
    assert result["recurrent_batch_id"]
    assert public.getEventList()["1"]["is_recurring"] == "1"


def test_recurring_data_for_a_one_off_service_is_refused(public: JsonRpcClient) -> None:
    with rpc_error(-32015, "Passed event id is not reccuren"):
        public.book(HAIRCUT, ANNA, TUESDAY, "11:00:00", CLIENT, None, 1, None, {"days": 7, "repeat_count": 2})
    with rpc_error(-32015):
        public.getRecurringDatetimes(HAIRCUT, ANNA, TUESDAY, "11:00:00", None)


@pytest.mark.parametrize(
    ("mode", "starts"),
    [
        (RecurrenceMode.SKIP, None),
        (RecurrenceMode.BOOK_AVAILABLE, ["2030-01-08 11:00:00", "2030-01-22 11:00:00"]),
        (RecurrenceMode.BOOK_AND_MOVE, ["2030-01-08 11:00:00", "2030-01-16 11:00:00", "2030-01-22 11:00:00"]),
    ],
)
def test_an_occurrence_that_is_taken(
    public: JsonRpcClient, admin: JsonRpcClient, demo: Company, mode, starts
) -> None:
    public.book(HAIRCUT, ANNA, "2030-01-15", "11:00:00", CLIENT)
    recurring(demo, mode)
    before = len(admin.getBookings({}))
    if starts is None:
        with rpc_error(-32055):
            public.book(HAIRCUT, ANNA, TUESDAY, "11:00:00", CLIENT)
        assert len(admin.getBookings({})) == before  # nothing of the series was stored
        return
    result = public.book(HAIRCUT, ANNA, TUESDAY, "11:00:00", CLIENT)
    assert [b["start_date_time"] for b in result["bookings"]] == starts


def test_a_promo_code_discounts_and_counts_its_uses(public: JsonRpcClient, api: SimplybookClient) -> None:
    booked = public.book(HAIRCUT, ANNA, TUESDAY, "11:00:00", CLIENT, {"promocode": "welcome10"})["bookings"][
        0
    ]
    details = public.getBookingDetails(booked["id"], api.sign(booked["id"], booked["hash"]))
    assert details["price"]["amount"] == "22.5000"
    assert details["promo"][0]["code"] == "WELCOME10"
    with rpc_error(-32035):  # once per client
        public.book(HAIRCUT, ANNA, TUESDAY, "13:00:00", CLIENT, [{"name": "promocode", "value": "WELCOME10"}])
    with rpc_error(-32030, "Invalid promotion code"):
        public.book(HAIRCUT, ANNA, TUESDAY, "13:00:00", CLIENT, {"promocode": "NOPE"})


def test_a_promo_code_after_it_expired(api: SimplybookClient, clock: ManualClock) -> None:
    clock.set(datetime(2031, 3, 3, 8, tzinfo=UTC))
    with rpc_error(-32031, "Promotion has expired"):
        api.public.book(HAIRCUT, ANNA, "2031-03-04", "11:00:00", CLIENT, {"promocode": "WELCOME10"})


def test_signed_calls_check_the_booking_then_the_signature(public: JsonRpcClient) -> None:
    """Seed 003: -32080 for an unknown booking, -32085 for a wrong sign."""
    for method in (public.getBooking, public.getBookingDetails, public.cancelBooking, public.confirmBooking):
        with rpc_error(-32080, "Appointemnt couldn't be found"):
            method(999, "0" * 32)
        with rpc_error(-32085, "Signature error"):
            method(ALICE_HAIRCUT, "0" * 32)


def test_cancel_frees_and_reads_as_cancelled(public: JsonRpcClient, api: SimplybookClient) -> None:
    booked = public.book(HAIRCUT, ANNA, TUESDAY, "11:00:00", CLIENT)["bookings"][0]
    signature = api.sign(booked["id"], booked["hash"])
    assert public.cancelBooking(booked["id"], signature.upper()) is True
    info = public.getBooking(booked["id"], signature)
    assert info["is_cancelled"] == "1"
    assert info["is_confirmed"] == "0"
    assert public.cancelBooking(booked["id"], signature) is True
    with rpc_error(-32080):
        public.confirmBooking(booked["id"], signature)
    assert public.book(HAIRCUT, ANNA, TUESDAY, "11:00:00", CLIENT)["bookings"]


def test_bookings_wait_for_confirmation_with_approve_booking(
    public: JsonRpcClient, api: SimplybookClient, demo: Company
) -> None:
    plugins(demo, on=(Plugin.APPROVE_BOOKING,))
    result = public.book(HAIRCUT, ANNA, TUESDAY, "11:00:00", CLIENT)
    assert result["require_confirm"] is True
    booked = result["bookings"][0]
    assert booked["is_confirmed"] == "0"
    with rpc_error(-32054):  # a booking waiting for confirmation holds its time
        public.book(HAIRCUT, ANNA, TUESDAY, "11:00:00", CLIENT)
    assert public.confirmBooking(booked["id"], api.sign(booked["id"], booked["hash"])) is True
    assert public.getBooking(booked["id"], api.sign(booked["id"], booked["hash"]))["is_confirmed"] == "1"


def test_booking_details_name_everything(public: JsonRpcClient, api: SimplybookClient) -> None:
    booked = public.book(HAIRCUT, ANNA, TUESDAY, "11:00:00", CLIENT, {"notes": "short please"})["bookings"][0]
    details = public.getBookingDetails(int(booked["id"]), api.sign(booked["id"], booked["hash"]))
    assert details["event_name"] == "Haircut"
    assert details["unit_name"] == "Anna"
    assert details["client_email"] == CLIENT["email"]
    assert details["company_login"] == "demo"
    assert details["location"]["title"] == "Demo Studio"
    assert details["status"]["name"] == "Confirmed"
    assert details["additional_fields"] == [
        {
            "field_id": "1",
            "field_name": "notes",
            "field_title": "Anything we should know?",
            "field_type": "textarea",
            "field_position": "0",
            "value": "short please",
        }
    ]
