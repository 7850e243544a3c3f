"""The admin service: getBookings and its filters, book and editBook for a client, cancelling,
clients and statuses."""

from __future__ import annotations

from datetime import timedelta

import pytest

from fakesaas.core.clock import ManualClock
from fakesaas.simplybook.client import JsonRpcClient
from fakesaas.simplybook.domain.companies import Company, Simplybook
from fakesaas.simplybook.domain.settings import Plugin
from tests.simplybook.support import (
    ALICE,
    ALICE_HAIRCUT,
    ANNA,
    BEN,
    BOB,
    BOB_CANCELLED,
    BOB_MASSAGE,
    CHLOE,
    CLIENT,
    COMPANY,
    HAIRCUT,
    MASSAGE,
    SUNDAY,
    TUESDAY,
    WEDNESDAY,
    rpc_error,
)


@pytest.fixture
def demo(state: Simplybook) -> Company:
    company = state.company(COMPANY)
    assert company is not None
    return company


def ids(rows: list[dict]) -> list[int]:
    return [int(row["id"]) for row in rows]


def test_get_bookings_lists_rows_with_the_documented_fields(admin: JsonRpcClient) -> None:
    rows = admin.getBookings({})
    assert ids(rows) == [BOB_MASSAGE, BOB_CANCELLED, ALICE_HAIRCUT]  # date_start: latest first
    row = rows[-1]
    assert row["client"] == "Alice Example"
    assert row["client_email"] == "alice@example.com"
    assert row["start_date"] == "2030-01-08 10:00:00"
    assert row["unit"] == "Anna"
    assert row["event"] == "Haircut"
    assert row["is_confirm"] == "1"
    assert admin.getBookings() == rows  # the filter object is optional
    assert admin.getBookings([]) == rows  # PHP's empty array


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"order": "date_start_asc"}, [ALICE_HAIRCUT, BOB_CANCELLED, BOB_MASSAGE]),
        ({"date_from": WEDNESDAY}, [BOB_MASSAGE]),
        ({"date_to": TUESDAY}, [BOB_CANCELLED, ALICE_HAIRCUT]),
        ({"date_from": TUESDAY, "time_from": "12:00:00", "date_to": TUESDAY}, [BOB_CANCELLED]),
        ({"date_to": TUESDAY, "time_to": "10:00:00"}, [ALICE_HAIRCUT]),
        ({"unit_group_id": ANNA}, [ALICE_HAIRCUT]),
        ({"event_id": MASSAGE}, [BOB_MASSAGE]),
        ({"client_id": BOB}, [BOB_MASSAGE, BOB_CANCELLED]),
        ({"client_id": str(ALICE)}, [ALICE_HAIRCUT]),
        ({"is_confirmed": 0}, [BOB_CANCELLED]),
        ({"is_confirmed": "1"}, [BOB_MASSAGE, ALICE_HAIRCUT]),
        ({"booking_type": "cancelled"}, [BOB_CANCELLED]),
        ({"booking_type": "non_cancelled"}, [BOB_MASSAGE, ALICE_HAIRCUT]),
        ({"booking_type": "all"}, [BOB_MASSAGE, BOB_CANCELLED, ALICE_HAIRCUT]),
        ({"limit": 1}, [BOB_MASSAGE]),
        (
            {"created_date_from": "2030-01-07", "created_date_to": "2030-01-07"},
            [BOB_MASSAGE, BOB_CANCELLED, ALICE_HAIRCUT],
        ),
        ({"created_date_from": "2030-01-08"}, []),
        ({"edited_date_from": "2030-01-08"}, []),
    ],
)
def test_get_bookings_filters(admin: JsonRpcClient, params: dict, expected: list[int]) -> None:
    assert ids(admin.getBookings(params)) == expected


def test_order_by_record_date_and_upcoming_only(admin: JsonRpcClient, clock: ManualClock) -> None:
    clock.advance(timedelta(minutes=5))
    newest = admin.book(HAIRCUT, ANNA, ALICE, "2030-01-07", "09:30:00")["bookings"][0]
    assert ids(admin.getBookings({"order": "record_date"}))[0] == int(newest["id"])
    clock.advance(timedelta(minutes=30))  # 09:35: the 09:30 booking has started
    assert int(newest["id"]) not in ids(admin.getBookings({"upcoming_only": 1}))
    assert int(newest["id"]) in ids(admin.getBookings({"upcoming_only": 0}))


@pytest.mark.parametrize(
    "params",
    [
        {"order": "price"},
        {"booking_type": "approved"},
        {"limit": 0},
        {"limit": "many"},
        {"date_from": "7 Jan 2030"},
        {"time_from": "9am", "date_from": TUESDAY},
        {"is_confirmed": 2},
        {"client_id": [1]},
    ],
)
def test_bad_filters_are_invalid_params(admin: JsonRpcClient, params: dict) -> None:
    with rpc_error(-32602):
        admin.getBookings(params)


def test_approve_booking_adds_booking_types(
    admin: JsonRpcClient, public: JsonRpcClient, demo: Company
) -> None:
    demo.settings.plugins = demo.settings.plugins | {Plugin.APPROVE_BOOKING}
    pending = public.book(HAIRCUT, ANNA, TUESDAY, "11:00:00", CLIENT)["bookings"][0]
    assert ids(admin.getBookings({"booking_type": "non_approved_yet"})) == [int(pending["id"])]
    assert ids(admin.getBookings({"booking_type": "cancelled_by_admin"})) == [BOB_CANCELLED]
    assert int(pending["id"]) in ids(admin.getBookings({"booking_type": "non_cancelled"}))
    assert ids(admin.getBookings({"booking_type": "approved"})) == [BOB_MASSAGE, ALICE_HAIRCUT]


def test_admin_book_for_a_client_with_its_own_end(admin: JsonRpcClient) -> None:
    result = admin.book(HAIRCUT, BEN, BOB, TUESDAY, "11:00:00", TUESDAY, "12:30:00", 3600)
    booking = result["bookings"][0]
    assert booking["end_date_time"] == "2030-01-08 12:30:00"
    assert booking["client_id"] == str(BOB)
    assert booking["time_offset"] == "3600"
    with rpc_error(-32054):  # Ben is now busy until 12:40
        admin.book(HAIRCUT, BEN, ALICE, TUESDAY, "12:30:00")


def test_admin_book_checks_what_public_book_checks(admin: JsonRpcClient) -> None:
    with rpc_error(-3264):
        admin.book(HAIRCUT, ANNA, 999, TUESDAY, "11:00:00")
    with rpc_error(-32053):
        admin.book(HAIRCUT, ANNA, ALICE, SUNDAY, "11:00:00")
    with rpc_error(-32054):
        admin.book(HAIRCUT, ANNA, ALICE, TUESDAY, "10:00:00")
    with rpc_error(-32602):
        admin.book(HAIRCUT, ANNA, ALICE, TUESDAY, "11:00:00", TUESDAY, "10:00:00")
    with rpc_error(-32602):
        admin.book(HAIRCUT, ANNA, ALICE, TUESDAY, "11:00:00", TUESDAY)


def test_the_admin_may_book_hidden_services_and_earlier_today(admin: JsonRpcClient, demo: Company) -> None:
    demo.catalog.events[HAIRCUT].is_public = False
    booking = admin.book(HAIRCUT, ANNA, ALICE, "2030-01-07", "09:00:00")["bookings"][0]
    assert booking["event_id"] == str(HAIRCUT)
    assert admin.book(HAIRCUT, ANNA, ALICE, "2030-01-07", "10:00:00")["bookings"]


def test_edit_book_moves_a_booking(admin: JsonRpcClient, public: JsonRpcClient) -> None:
    result = admin.editBook(ALICE_HAIRCUT, HAIRCUT, BEN, ALICE, WEDNESDAY, "11:00:00", None, None, 0, None)
    moved = result["bookings"][0]
    assert moved["unit_id"] == str(BEN)
    assert moved["start_date_time"] == "2030-01-09 11:00:00"
    tuesday = public.getStartTimeMatrix(TUESDAY, TUESDAY, HAIRCUT, ANNA, 1)[TUESDAY]
    assert "10:00:00" in tuesday  # the old time is free again
    assert admin.getBookings({"edited_date_from": "2030-01-07"})[0]["id"] == str(ALICE_HAIRCUT)


def test_edit_book_may_keep_its_own_time(admin: JsonRpcClient) -> None:
    """A booking does not collide with itself when lengthened."""
    result = admin.editBook(
        ALICE_HAIRCUT, HAIRCUT, ANNA, ALICE, TUESDAY, "10:00:00", TUESDAY, "11:00:00", 0, []
    )
    assert result["bookings"][0]["end_date_time"] == "2030-01-08 11:00:00"


def test_edit_book_refusals(admin: JsonRpcClient) -> None:
    with rpc_error(-32080):
        admin.editBook(999, HAIRCUT, ANNA, ALICE, TUESDAY, "11:00:00", None, None, 0, None)
    with rpc_error(-32080):
        admin.editBook(BOB_CANCELLED, HAIRCUT, ANNA, ALICE, TUESDAY, "11:00:00", None, None, 0, None)
    with rpc_error(-32054):  # Anna's lunch break
        admin.editBook(ALICE_HAIRCUT, HAIRCUT, ANNA, ALICE, TUESDAY, "12:00:00", None, None, 0, None)
    admin.book(MASSAGE, CHLOE, ALICE, WEDNESDAY, "09:00:00")  # Chloe's second place at 09:00
    with rpc_error(-32054):
        admin.editBook(ALICE_HAIRCUT, MASSAGE, CHLOE, ALICE, WEDNESDAY, "09:30:00", None, None, 0, None)
    with rpc_error(-32052):
        admin.editBook(ALICE_HAIRCUT, HAIRCUT, CHLOE, ALICE, WEDNESDAY, "11:00:00", None, None, 0, None)


def test_admin_cancel_and_details(admin: JsonRpcClient) -> None:
    assert admin.cancelBooking(ALICE_HAIRCUT) is True
    details = admin.getBookingDetails(ALICE_HAIRCUT)
    assert details["is_confirmed"] == "0"
    assert ids(admin.getBookings({"booking_type": "cancelled"})) == [BOB_CANCELLED, ALICE_HAIRCUT]
    with rpc_error(-32080):
        admin.cancelBooking(999)
    with rpc_error(-32080):
        admin.getBookingDetails(999)


def test_add_client_returns_an_existing_id_for_the_same_data(admin: JsonRpcClient) -> None:
    new_id = admin.addClient(CLIENT)
    assert isinstance(new_id, int)
    assert admin.addClient(dict(CLIENT), True) == new_id
    assert (
        admin.addClient({"name": "Alice Example", "email": "alice@example.com", "phone": "+31 6 5550 0101"})
        == ALICE
    )
    info = admin.getClientInfo(new_id)
    assert info["name"] == CLIENT["name"]
    assert len(info["client_hash"]) == 32
    with rpc_error(-32061):
        admin.addClient({"email": "x@example.com"})
    with rpc_error(-32062):
        admin.addClient({"name": "X"})
    with rpc_error(-3264):
        admin.getClientInfo(999)


def test_client_list_searches_names_emails_and_phones(admin: JsonRpcClient) -> None:
    assert [c["name"] for c in admin.getClientList()] == ["Alice Example", "Bob Example"]
    assert [c["id"] for c in admin.getClientList("BOB")] == [str(BOB)]
    assert [c["id"] for c in admin.getClientList("0101")] == [str(ALICE)]
    assert len(admin.getClientList("example", 1)) == 1
    assert admin.getClientList("nobody") == []


def test_statuses(admin: JsonRpcClient, demo: Company) -> None:
    statuses = admin.getStatuses()
    assert [(s["id"], s["name"], s["is_default"]) for s in statuses] == [
        ("1", "Confirmed", "1"),
        ("2", "Arrived", "0"),
        ("3", "No-show", "0"),
    ]
    assert admin.getBookingStatus(ALICE_HAIRCUT)["name"] == "Confirmed"
    assert admin.setStatus(ALICE_HAIRCUT, 2) is True
    assert admin.getBookingStatus(ALICE_HAIRCUT)["name"] == "Arrived"
    assert admin.getBookingDetails(ALICE_HAIRCUT)["status"]["name"] == "Arrived"
    with rpc_error(-32602):
        admin.setStatus(ALICE_HAIRCUT, 99)
    with rpc_error(-32080):
        admin.setStatus(999, 2)
    demo.settings.plugins = demo.settings.plugins - {Plugin.STATUS}
    for call in (lambda: admin.getStatuses(), lambda: admin.setStatus(ALICE_HAIRCUT, 1)):
        with rpc_error(-32001):
            call()


def test_catalogue_reads_on_the_admin_service(admin: JsonRpcClient) -> None:
    assert list(admin.getEventList()) == ["1", "2"]
    assert admin.getCompanyInfo()["login"] == COMPANY
    assert admin.getCompanyParam("timeframe") == "30"
    assert admin.getStartTimeMatrix(TUESDAY, TUESDAY, HAIRCUT, ANNA, 1)[TUESDAY]
    assert admin.getAvailableUnits(HAIRCUT, "2030-01-08 09:00:00", 1) == [ANNA]
    assert admin.getWorkCalendar(2030, 1, ANNA)[TUESDAY]["is_day_off"] == 0


def test_current_user(admin: JsonRpcClient) -> None:
    user = admin.getCurrentUserDetails()
    assert user["login"] == "admin"
    assert user["company"]["login"] == COMPANY


def test_public_only_methods_are_not_on_the_admin_service(
    admin: JsonRpcClient, public: JsonRpcClient
) -> None:
    with rpc_error(-32601):
        admin.createBatch()
    with rpc_error(-32601):
        public.getBookings({})
