"""Booking on the public service (seed 003): the first offered slot can be booked, is then taken,
reads back with its signature, refuses a wrong one, and is free again once cancelled. Everything
booked here is cancelled here; run against a live company only with --allow-writes."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest

from contracts.simplybook.rpc import Company, RpcError

pytestmark = pytest.mark.destructive


@pytest.fixture
def client_data() -> dict[str, str]:
    tag = uuid.uuid4().hex[:10]
    return {"name": f"Contracts {tag}", "email": f"contracts+{tag}@example.com", "phone": "+31 6 5550 0199"}


@pytest.fixture
def slot(company: Company) -> tuple[int, int, str, str]:
    """The first slot offered in the coming two weeks: (service, provider, date, time)."""
    first = (date.today() + timedelta(days=2)).isoformat()
    last = (date.today() + timedelta(days=15)).isoformat()
    for key in company.public.getEventList() or {}:
        for row in company.public.getCartesianStartTimeMatrix(first, last, int(key), None, 1):
            for day, times in sorted(row["timeslots"].items()):
                if times:
                    return int(key), int(row["provider_id"]), day, times[0]
    pytest.skip("the company offers no slot in the next two weeks")


@pytest.fixture
def booked(company: Company, slot, client_data) -> Iterator[dict[str, Any]]:
    event_id, unit_id, day, moment = slot
    result = company.public.book(event_id, unit_id, day, moment, client_data)
    bookings = result["bookings"]
    yield bookings[0]
    for booking in bookings:
        with contextlib.suppress(RpcError):  # a test may have cancelled it already
            company.public.cancelBooking(booking["id"], company.sign(booking["id"], booking["hash"]))


def test_a_booked_slot_reads_back_with_its_signature(company: Company, booked: dict[str, Any], slot) -> None:
    event_id, unit_id, day, moment = slot
    assert booked["start_date_time"] == f"{day} {moment}"
    assert int(booked["event_id"]) == event_id
    assert int(booked["unit_id"]) == unit_id
    info = company.public.getBooking(booked["id"], company.sign(booked["id"], booked["hash"]))
    assert str(info["id"]) == str(booked["id"])


def test_a_wrong_signature_is_32085_and_an_unknown_booking_32080(
    company: Company, booked: dict[str, Any]
) -> None:
    with pytest.raises(RpcError) as wrong:
        company.public.getBooking(booked["id"], "0" * 32)
    assert wrong.value.code == -32085
    with pytest.raises(RpcError) as unknown:
        company.public.cancelBooking(999_999_999, "0" * 32)
    assert unknown.value.code == -32080


def test_cancelling_frees_the_slot(company: Company, slot, client_data) -> None:
    event_id, unit_id, day, moment = slot
    booking = company.public.book(event_id, unit_id, day, moment, client_data)["bookings"][0]
    assert moment not in company.public.getStartTimeMatrix(day, day, event_id, unit_id, 1)[day] or (
        company.public.getUnitList()[str(unit_id)].get("qty", "1") != "1"
    )
    assert company.public.cancelBooking(booking["id"], company.sign(booking["id"], booking["hash"])) is True
    offered = company.public.getStartTimeMatrix(day, day, event_id, unit_id, 1)[day]
    assert moment in offered


def test_a_time_off_the_grid_is_refused(company: Company, slot, client_data) -> None:
    event_id, unit_id, day, moment = slot
    hours, minutes, _ = moment.split(":")
    off_grid = f"{hours}:{int(minutes) + 1:02d}:00"
    with pytest.raises(RpcError) as caught:
        company.public.book(event_id, unit_id, day, off_grid, client_data)
    assert caught.value.code == -32054


def test_a_client_without_a_name_is_refused(company: Company, slot) -> None:
    event_id, unit_id, day, moment = slot
    with pytest.raises(RpcError) as caught:
        company.public.book(
            event_id, unit_id, day, moment, {"email": "nameless@example.com", "phone": "+3165550"}
        )
    assert caught.value.code == -32061
