"""The admin service with a user's token (research §2.4): getBookings as an array of rows, its
filters, and client reads. Skipped without --user-login / --user-password on a live company."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from contracts.simplybook.rpc import Company, Service


@pytest.fixture(scope="module")
def admin(company: Company) -> Service:
    service = company.admin
    if service is None:
        pytest.skip("the admin service needs --user-login and --user-password")
    return service


def test_get_bookings_answers_rows(admin: Service) -> None:
    rows = admin.getBookings({"date_from": date.today().isoformat(), "limit": 20})
    assert isinstance(rows, list)
    for row in rows:
        for field in ("id", "start_date", "end_date", "event_id", "unit_id", "client_id", "is_confirm"):
            assert field in row
        assert row["start_date"] >= date.today().isoformat()


def test_filters_narrow_and_order(admin: Service) -> None:
    start = date.today().isoformat()
    end = (date.today() + timedelta(days=60)).isoformat()
    ascending = admin.getBookings(
        {"date_from": start, "date_to": end, "order": "date_start_asc", "limit": 50}
    )
    assert [r["start_date"] for r in ascending] == sorted(r["start_date"] for r in ascending)
    for row in ascending[:3]:
        mine = admin.getBookings(
            {"date_from": start, "date_to": end, "client_id": row["client_id"], "limit": 50}
        )
        assert all(r["client_id"] == row["client_id"] for r in mine)


def test_client_list_and_info_agree(admin: Service) -> None:
    clients = admin.getClientList("", 5)
    for client in clients:
        assert admin.getClientInfo(int(client["id"]))["id"] == client["id"]
