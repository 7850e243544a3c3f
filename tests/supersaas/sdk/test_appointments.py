"""Appointments through the official Python SDK on resource, capacity and service schedules."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import SuperSaaS

from fakesaas.core.world import World
from fakesaas.supersaas.domain.seed import load_seed
from tests.support import (
    ALICE,
    ALICE_ROOM_1,
    ALICE_SPINNING,
    ALICE_YOGA,
    BOB,
    BOB_ROOM_2,
    BOB_SPINNING,
    CAROL,
    CAROL_HAIRCUT,
    CAROL_ROOM_1,
    CLASSES,
    NEXT_BOOKING_ID,
    ROOM_1,
    ROOM_2,
    ROOMS,
    SERVICES,
    SPINNING_TOMORROW,
    T0,
    TOMORROW,
    YOGA_TOMORROW,
    id_from_location,
    supersaas_state,
)

if TYPE_CHECKING:
    from tests.supersaas.sdk.conftest import Emulator, Fails, MakeClient

DAY_AFTER = "2030-01-09"
UNKNOWN_SCHEDULE = 999_999


def booking_ids(client: SuperSaaS.Client, schedule_id: int, **query: object) -> list[int]:
    return [booking.id for booking in client.appointments.list(schedule_id, **query)]


def test_create_on_a_resource_by_id_answers_a_location_that_reads_back(
    client: SuperSaaS.Client, server_url: str
) -> None:
    attributes = {"start": f"{DAY_AFTER} 13:00:00", "finish": f"{DAY_AFTER} 14:30:00", "resource_id": ROOM_2}
    answer = client.appointments.create(ROOMS, BOB, attributes)
    assert answer == {"location": f"{server_url}/api/bookings/{NEXT_BOOKING_ID}.json"}
    booking = client.appointments.get(ROOMS, id_from_location(answer["location"]))
    assert (booking.id, booking.schedule_id, booking.schedule_name) == (NEXT_BOOKING_ID, ROOMS, "Rooms")
    assert (booking.start, booking.finish) == (f"{DAY_AFTER} 13:00:00", f"{DAY_AFTER} 14:30:00")
    assert (booking.resource_id, booking.res_name) == (ROOM_2, "Room 2")
    # The booking takes its contact details from the user it is for.
    assert (booking.user_id, booking.full_name, booking.email, booking.country) == (
        BOB,
        "Bob Baker",
        "bob@example.com",
        "GB",
    )
    assert booking.created_on == T0.strftime("%Y-%m-%d %H:%M:%S")
    assert booking.deleted is False


def test_create_on_a_resource_named_instead_of_numbered(client: SuperSaaS.Client) -> None:
    attributes = {
        "start": f"{TOMORROW} 10:00:00",
        "finish": f"{TOMORROW} 11:00:00",
        "resource_id": "Room 2",
        "full_name": "Walk-in Guest",
    }
    booking_id = id_from_location(client.appointments.create(ROOMS, None, attributes)["location"])
    booking = client.appointments.get(ROOMS, booking_id)
    assert (booking.resource_id, booking.res_name, booking.full_name, booking.user_id) == (
        ROOM_2,
        "Room 2",
        "Walk-in Guest",
        None,
    )


def test_create_in_a_slot_takes_the_slot_times(client: SuperSaaS.Client) -> None:
    answer = client.appointments.create(CLASSES, BOB, {"slot_id": YOGA_TOMORROW})
    booking = client.appointments.get(CLASSES, id_from_location(answer["location"]))
    assert (booking.slot_id, booking.start, booking.finish) == (
        YOGA_TOMORROW,
        f"{TOMORROW} 09:00:00",
        f"{TOMORROW} 10:00:00",
    )
    assert (booking.slot["id"], booking.slot["title"], booking.slot["capacity"]) == (
        YOGA_TOMORROW,
        "Morning yoga",
        10,
    )
    assert booking.user_id == BOB
    assert booking_ids(client, CLASSES, start_time=f"{TOMORROW} 09:00:00", finish=f"{TOMORROW} 10:00:00") == [
        ALICE_YOGA,
        booking.id,
    ]


def test_get_reads_a_seeded_booking(client: SuperSaaS.Client) -> None:
    booking = client.appointments.get(ROOMS, ALICE_ROOM_1)
    assert (booking.id, booking.user_id, booking.resource_id, booking.res_name) == (
        ALICE_ROOM_1,
        ALICE,
        ROOM_1,
        "Room 1",
    )
    assert (booking.start, booking.finish) == (f"{TOMORROW} 10:00:00", f"{TOMORROW} 11:00:00")
    assert (booking.full_name, booking.field_1_r) == ("Alice Archer", "Project kick-off")


def test_get_through_another_schedule_fails_404(client: SuperSaaS.Client, fails: Fails) -> None:
    failure = fails(lambda: client.appointments.get(CLASSES, ALICE_ROOM_1))
    assert (failure.status, failure.titles) == (404, ["Booking not found"])


def test_update_changes_only_the_given_fields(client: SuperSaaS.Client, emulator: Emulator) -> None:
    before = vars(client.appointments.get(ROOMS, ALICE_ROOM_1))
    emulator.clock.advance(timedelta(minutes=5))
    answer = client.appointments.update(
        ROOMS, ALICE_ROOM_1, {"full_name": "Alice A.", "field_1": "Projector"}
    )
    # Built from the empty body of the 200 answer, so it carries no attributes.
    assert isinstance(answer, SuperSaaS.Models.Appointment)
    assert vars(answer) == {}
    after = vars(client.appointments.get(ROOMS, ALICE_ROOM_1))
    assert (after["full_name"], after["field_1"]) == ("Alice A.", "Projector")
    assert after["updated_on"] == "2030-01-07 08:05:00"
    changed = {"full_name", "field_1", "updated_on"}
    assert {key: value for key, value in after.items() if key not in changed} == {
        key: value for key, value in before.items() if key not in changed
    }


def test_update_moves_the_times(client: SuperSaaS.Client) -> None:
    client.appointments.update(
        ROOMS, ALICE_ROOM_1, {"start": f"{TOMORROW} 16:00:00", "finish": f"{TOMORROW} 17:30:00"}
    )
    booking = client.appointments.get(ROOMS, ALICE_ROOM_1)
    assert (booking.start, booking.finish, booking.resource_id) == (
        f"{TOMORROW} 16:00:00",
        f"{TOMORROW} 17:30:00",
        ROOM_1,
    )
    assert booking_ids(client, ROOMS) == [BOB_ROOM_2, ALICE_ROOM_1, CAROL_ROOM_1]
    # The old hour is free again.
    attributes = {"start": f"{TOMORROW} 10:00:00", "finish": f"{TOMORROW} 11:00:00", "resource_id": ROOM_1}
    assert (
        id_from_location(client.appointments.create(ROOMS, CAROL, attributes)["location"]) == NEXT_BOOKING_ID
    )


def test_update_into_another_booking_fails_422_and_changes_nothing(
    client: SuperSaaS.Client, fails: Fails
) -> None:
    before = vars(client.appointments.get(ROOMS, ALICE_ROOM_1))
    moved = {"start": f"{TOMORROW} 14:00:00", "finish": f"{TOMORROW} 15:00:00", "resource_id": ROOM_2}
    failure = fails(lambda: client.appointments.update(ROOMS, ALICE_ROOM_1, {**moved, "full_name": "X"}))
    assert (failure.status, failure.titles) == (
        422,
        ["Room 2 is not available at this time: it overlaps another booking"],
    )
    assert vars(client.appointments.get(ROOMS, ALICE_ROOM_1)) == before


def test_delete_then_get_fails_404(client: SuperSaaS.Client, fails: Fails, server_url: str) -> None:
    assert client.appointments.delete(ROOMS, BOB_ROOM_2) == b""
    failure = fails(lambda: client.appointments.get(ROOMS, BOB_ROOM_2))
    assert (failure.status, failure.reason, failure.titles) == (404, "NOT FOUND", ["Booking not found"])
    assert failure.message == (
        f"HTTP Request Error: NOT FOUND, ({server_url}/api/bookings/{BOB_ROOM_2}.json?schedule_id={ROOMS})"
    )
    assert booking_ids(client, ROOMS) == [ALICE_ROOM_1, CAROL_ROOM_1]
    assert fails(lambda: client.appointments.delete(ROOMS, BOB_ROOM_2)).status == 404


def test_delete_frees_a_place_in_a_full_slot(client: SuperSaaS.Client) -> None:
    client.appointments.delete(CLASSES, BOB_SPINNING)
    answer = client.appointments.create(CLASSES, CAROL, {"slot_id": SPINNING_TOMORROW})
    assert id_from_location(answer["location"]) == NEXT_BOOKING_ID
    assert booking_ids(client, CLASSES, start_time=f"{TOMORROW} 18:00:00") == [
        ALICE_SPINNING,
        NEXT_BOOKING_ID,
    ]


def test_list_filters_by_start_and_finish_and_limits(client: SuperSaaS.Client) -> None:
    assert booking_ids(client, ROOMS) == [ALICE_ROOM_1, BOB_ROOM_2, CAROL_ROOM_1]
    assert booking_ids(client, ROOMS, start_time=f"{TOMORROW} 12:00:00") == [BOB_ROOM_2, CAROL_ROOM_1]
    assert booking_ids(client, ROOMS, start_time=datetime(2030, 1, 8, 12)) == [BOB_ROOM_2, CAROL_ROOM_1]
    assert booking_ids(client, ROOMS, finish=f"{DAY_AFTER} 00:00:00") == [ALICE_ROOM_1, BOB_ROOM_2]
    assert booking_ids(client, ROOMS, limit=1) == [ALICE_ROOM_1]
    assert booking_ids(client, ROOMS, start_time=f"{TOMORROW} 12:00:00", limit=1) == [BOB_ROOM_2]
    assert booking_ids(client, CLASSES) == [ALICE_YOGA, ALICE_SPINNING, BOB_SPINNING]
    assert booking_ids(client, SERVICES) == [CAROL_HAIRCUT]
    assert booking_ids(client, ROOMS, start_time="2031-01-01 00:00:00") == []


def test_list_answers_whole_bookings(client: SuperSaaS.Client) -> None:
    listed = {booking.id: vars(booking) for booking in client.appointments.list(ROOMS)}
    assert listed[BOB_ROOM_2] == vars(client.appointments.get(ROOMS, BOB_ROOM_2))
    assert listed[BOB_ROOM_2]["finish"] == f"{TOMORROW} 15:30:00"


def test_create_overlapping_a_booking_fails_422_and_creates_nothing(
    client: SuperSaaS.Client, fails: Fails, server_url: str
) -> None:
    attributes = {"start": f"{TOMORROW} 10:30:00", "finish": f"{TOMORROW} 11:30:00", "resource_id": ROOM_1}
    failure = fails(lambda: client.appointments.create(ROOMS, BOB, attributes))
    assert (failure.status, failure.reason) == (422, "UNPROCESSABLE ENTITY")
    assert failure.message == f"HTTP Request Error: UNPROCESSABLE ENTITY, ({server_url}/api/bookings.json)"
    assert failure.titles == ["Room 1 is not available at this time: it overlaps another booking"]
    assert booking_ids(client, ROOMS) == [ALICE_ROOM_1, BOB_ROOM_2, CAROL_ROOM_1]


def test_create_without_a_resource_takes_the_free_one_and_fails_when_none_is(
    client: SuperSaaS.Client, fails: Fails
) -> None:
    attributes = {"start": f"{TOMORROW} 10:00:00", "finish": f"{TOMORROW} 11:00:00"}
    first = id_from_location(client.appointments.create(ROOMS, BOB, attributes)["location"])
    assert client.appointments.get(ROOMS, first).resource_id == ROOM_2
    failure = fails(lambda: client.appointments.create(ROOMS, CAROL, attributes))
    assert failure.status == 422
    assert len(failure.titles) == 1
    assert "overlaps another booking" in failure.titles[0]
    assert booking_ids(client, ROOMS) == [ALICE_ROOM_1, first, BOB_ROOM_2, CAROL_ROOM_1]


def test_create_with_a_bad_placement_fails_422(client: SuperSaaS.Client, fails: Fails) -> None:
    backwards = {"start": f"{DAY_AFTER} 13:00:00", "finish": f"{DAY_AFTER} 12:00:00"}
    assert fails(lambda: client.appointments.create(ROOMS, BOB, backwards)).titles == [
        "Finish must be after start"
    ]
    nowhere = {"start": f"{DAY_AFTER} 13:00:00", "finish": f"{DAY_AFTER} 14:00:00", "resource_id": "Room 9"}
    assert fails(lambda: client.appointments.create(ROOMS, BOB, nowhere)).titles == ["Resource not found"]
    assert fails(lambda: client.appointments.create(CLASSES, BOB, {"slot_id": 1})).titles == [
        "Slot not found"
    ]
    assert booking_ids(client, ROOMS) == [ALICE_ROOM_1, BOB_ROOM_2, CAROL_ROOM_1]


def test_create_for_a_user_named_by_foreign_key(client: SuperSaaS.Client) -> None:
    attributes = {"start": f"{DAY_AFTER} 13:00:00", "finish": f"{DAY_AFTER} 14:00:00"}
    booking_id = id_from_location(client.appointments.create(ROOMS, "1001fk", attributes)["location"])
    booking = client.appointments.get(ROOMS, booking_id)
    assert (booking.user_id, booking.full_name) == (ALICE, "Alice Archer")


def test_create_in_a_slot_named_by_its_start_time(client: SuperSaaS.Client) -> None:
    answer = client.appointments.create(CLASSES, CAROL, {"start": f"{TOMORROW} 09:00:00"})
    booking = client.appointments.get(CLASSES, id_from_location(answer["location"]))
    assert (booking.slot_id, booking.finish) == (YOGA_TOMORROW, f"{TOMORROW} 10:00:00")


def test_moving_a_booking_into_a_full_slot_fails_422_and_keeps_its_place(
    client: SuperSaaS.Client, fails: Fails
) -> None:
    failure = fails(lambda: client.appointments.update(CLASSES, ALICE_YOGA, {"slot_id": SPINNING_TOMORROW}))
    assert (failure.status, failure.titles) == (422, ["This slot is full"])
    assert client.appointments.get(CLASSES, ALICE_YOGA).slot_id == YOGA_TOMORROW
    # A booking already in the full slot may still be edited.
    client.appointments.update(CLASSES, ALICE_SPINNING, {"full_name": "Alice on a bike"})
    assert client.appointments.get(CLASSES, ALICE_SPINNING).full_name == "Alice on a bike"


def test_create_in_a_full_slot_fails_422(client: SuperSaaS.Client, fails: Fails) -> None:
    failure = fails(lambda: client.appointments.create(CLASSES, CAROL, {"slot_id": SPINNING_TOMORROW}))
    assert (failure.status, failure.reason, failure.titles) == (
        422,
        "UNPROCESSABLE ENTITY",
        ["This slot is full"],
    )
    assert booking_ids(client, CLASSES) == [ALICE_YOGA, ALICE_SPINNING, BOB_SPINNING]


def test_writes_on_a_service_schedule_fail_501(client: SuperSaaS.Client, fails: Fails) -> None:
    create = fails(lambda: client.appointments.create(SERVICES, CAROL, {"start": f"{TOMORROW} 11:00:00"}))
    update = fails(lambda: client.appointments.update(SERVICES, CAROL_HAIRCUT, {"full_name": "Someone"}))
    delete = fails(lambda: client.appointments.delete(SERVICES, CAROL_HAIRCUT))
    for failure in (create, update, delete):
        assert (failure.status, failure.reason) == (501, "NOT IMPLEMENTED")
        assert failure.titles == ["Not yet implemented for service type schedule"]
    haircut = client.appointments.get(SERVICES, CAROL_HAIRCUT)
    assert (haircut.full_name, haircut.service_name) == ("Carol Chen", "Haircut")
    assert booking_ids(client, SERVICES) == [CAROL_HAIRCUT]


def test_the_readme_create_without_times_fails_422_on_a_resource_schedule(
    client: SuperSaaS.Client, fails: Fails
) -> None:
    # The README's example attributes: a name, an e-mail and a slot id, but no start or finish.
    attributes = {"full_name": "Example Name", "email": "example@example.com", "slot_id": 12345}
    failure = fails(lambda: client.appointments.create(ROOMS, ALICE, attributes, form=True, webhook=True))
    assert (failure.status, failure.titles) == (422, ["Start can't be blank", "Finish can't be blank"])
    assert booking_ids(client, ROOMS) == [ALICE_ROOM_1, BOB_ROOM_2, CAROL_ROOM_1]


def test_create_for_an_unknown_user_fails_422(client: SuperSaaS.Client, fails: Fails) -> None:
    attributes = {"start": f"{DAY_AFTER} 13:00:00", "finish": f"{DAY_AFTER} 14:00:00"}
    failure = fails(lambda: client.appointments.create(ROOMS, 67890, attributes))
    assert (failure.status, failure.titles) == (422, ["User not found"])


def test_an_unknown_schedule_fails_404(client: SuperSaaS.Client, fails: Fails) -> None:
    attributes = {"start": f"{DAY_AFTER} 13:00:00", "finish": f"{DAY_AFTER} 14:00:00"}
    calls = (
        lambda: client.appointments.list(UNKNOWN_SCHEDULE),
        lambda: client.appointments.create(UNKNOWN_SCHEDULE, ALICE, attributes),
        lambda: client.appointments.get(UNKNOWN_SCHEDULE, ALICE_ROOM_1),
    )
    for call in calls:
        failure = fails(call)
        assert (failure.status, failure.reason, failure.titles) == (404, "NOT FOUND", ["Schedule not found"])


def test_a_wrong_api_key_fails_403_for_reads_and_writes(make_client: MakeClient, fails: Fails) -> None:
    intruder = make_client(api_key="not-the-key")
    attributes = {"start": f"{DAY_AFTER} 13:00:00", "finish": f"{DAY_AFTER} 14:00:00"}
    for call in (
        lambda: intruder.appointments.list(ROOMS),
        lambda: intruder.appointments.get(ROOMS, ALICE_ROOM_1),
        lambda: intruder.appointments.create(ROOMS, ALICE, attributes),
        lambda: intruder.appointments.delete(ROOMS, ALICE_ROOM_1),
    ):
        failure = fails(call)
        assert (failure.status, failure.reason) == (403, "FORBIDDEN")
        assert failure.message.startswith("HTTP Request Error: FORBIDDEN, (")
    assert booking_ids(make_client(), ROOMS) == [ALICE_ROOM_1, BOB_ROOM_2, CAROL_ROOM_1]


def test_two_accounts_never_see_each_others_bookings(
    make_client: MakeClient, fails: Fails, world: World
) -> None:
    with world.lock:
        (other,) = load_seed(
            supersaas_state(world),
            {
                "accounts": [
                    {
                        "name": "other",
                        "api_key": "other-api-key",
                        "password": "other-password",
                        "users": [{"name": "olga@example.com", "full_name": "Olga Other"}],
                        "schedules": [
                            {"name": "Desks", "kind": "resource", "timezone": "UTC", "resources": ["Desk 1"]}
                        ],
                        "bookings": [
                            {
                                "schedule": "Desks",
                                "user": "olga@example.com",
                                "resource": "Desk 1",
                                "start": f"{TOMORROW} 10:00",
                                "finish": f"{TOMORROW} 11:00",
                            }
                        ],
                    }
                ]
            },
        )
        (desks,) = other.schedules
        (olga_desk,) = other.bookings
    demo, mine = make_client(), make_client(account="other", api_key="other-api-key")

    assert [(schedule.id, schedule.name) for schedule in mine.schedules.list()] == [(desks, "Desks")]
    assert [user.name for user in mine.users.list()] == ["olga@example.com"]
    assert booking_ids(mine, desks) == [olga_desk]
    assert mine.appointments.get(desks, olga_desk).full_name == "Olga Other"

    assert fails(lambda: mine.appointments.get(ROOMS, ALICE_ROOM_1)).status == 404
    assert fails(lambda: mine.appointments.list(ROOMS)).status == 404
    assert fails(lambda: mine.appointments.delete(ROOMS, ALICE_ROOM_1)).status == 404
    assert fails(lambda: demo.appointments.get(desks, olga_desk)).status == 404
    assert fails(lambda: demo.appointments.list(desks)).status == 404
    assert (
        fails(lambda: demo.appointments.update(desks, olga_desk, {"full_name": "Taken Over"})).status == 404
    )

    assert booking_ids(demo, ROOMS) == [ALICE_ROOM_1, BOB_ROOM_2, CAROL_ROOM_1]
    assert mine.appointments.get(desks, olga_desk).full_name == "Olga Other"
