"""room_booker against fakesaas: the fixtures `fakesaas` and `supersaas_client` come from the
fakesaas pytest plugin, installed with the package. Nothing here talks to supersaas.com."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.error import HTTPError

import pytest
import SuperSaaS
from room_booker import book_first_free, first_free

# The demo account's schedules and users (fixed ids; see fakesaas's README).
ROOMS, CLASSES = 100001, 100002
BOB = 1000002
FIRST_NEW_BOOKING = 5000012
MONDAY_MORNING = datetime(2030, 1, 7, 8, 0, tzinfo=UTC)  # 09:00 in Amsterdam, the demo's time zone


@pytest.fixture
def monday(fakesaas):
    """The demo as it stands on a fixed Monday morning, with the clock stopped there."""
    fakesaas.set_time(MONDAY_MORNING)
    fakesaas.freeze()
    fakesaas.reset()  # the demo's bookings are dated from the clock: "tomorrow" is Tuesday 2030-01-08
    return fakesaas


def test_booking_takes_the_first_free_hour_and_it_stops_being_free(monday, supersaas_client) -> None:
    wednesday_8am = datetime(2030, 1, 9, 8, 0)
    booking_id = book_first_free(supersaas_client, ROOMS, BOB, after=wednesday_8am, resource="Room 2")

    booking = supersaas_client.appointments.get(ROOMS, booking_id)
    assert (booking.start, booking.finish, booking.res_name) == (
        "2030-01-09 08:00:00",
        "2030-01-09 09:00:00",
        "Room 2",
    )
    assert (
        first_free(supersaas_client, ROOMS, wednesday_8am, resource="Room 2").start == "2030-01-09 09:00:00"
    )


def test_advancing_the_clock_moves_what_is_free(monday, supersaas_client) -> None:
    # Tuesday's 09:00 yoga is the first class with places left (Tuesday's spinning is full).
    assert supersaas_client.appointments.available(CLASSES, limit=1)[0].start == "2030-01-08 09:00:00"

    monday.advance(days=1, hours=2)  # Tuesday 11:00 in Amsterdam: that class has begun

    assert supersaas_client.appointments.available(CLASSES, limit=1)[0].start == "2030-01-09 09:00:00"


def test_a_failing_service_makes_the_sdk_raise_and_a_retry_succeeds(monday, supersaas_client) -> None:
    monday.fault(action="status", status=503, method="POST", path="/api/bookings*", count=1)
    after = datetime(2030, 1, 9, 8, 0)

    with pytest.raises(SuperSaaS.Error) as caught:
        book_first_free(supersaas_client, ROOMS, BOB, after=after)
    assert isinstance(caught.value.__cause__, HTTPError)
    assert caught.value.__cause__.code == 503

    assert book_first_free(supersaas_client, ROOMS, BOB, after=after) == FIRST_NEW_BOOKING
    assert [r["status"] for r in monday.requests(method="POST", path_contains="/api/bookings")] == [503, 201]


@pytest.mark.parametrize("run", [1, 2])
def test_every_test_starts_from_the_demo(fakesaas, supersaas_client, run: int) -> None:
    # Both runs get the same id and the same hour: what the first one booked is gone when the second starts.
    booking_id = book_first_free(
        supersaas_client, ROOMS, BOB, after=datetime(2030, 1, 9, 8, 0), resource="Room 2"
    )
    assert booking_id == FIRST_NEW_BOOKING
    assert supersaas_client.appointments.get(ROOMS, booking_id).start == "2030-01-09 08:00:00"
    assert fakesaas.account == "demo"


def test_the_state_dump_shows_what_the_code_wrote(monday, supersaas_client) -> None:
    booking_id = book_first_free(supersaas_client, ROOMS, BOB, after=datetime(2030, 1, 9, 8, 0))

    bookings = {b["id"]: b for b in monday.state("demo")["bookings"]}
    assert bookings[booking_id]["user_id"] == BOB
    assert bookings[booking_id]["start"] == "2030-01-09T08:00:00"


@pytest.mark.fakesaas_seed("seeds/acme.json")
def test_a_seed_file_replaces_the_demo(fakesaas, supersaas_client) -> None:
    assert fakesaas.account == "acme"
    assert [schedule.name for schedule in supersaas_client.schedules.list()] == ["Desks"]
    (desks,) = supersaas_client.schedules.list()
    # Desk A opens at 09:00 (London) and Ann has it until noon.
    assert first_free(supersaas_client, desks.id, datetime(2030, 1, 8, 8, 0)).start == "2030-01-08 12:00:00"
