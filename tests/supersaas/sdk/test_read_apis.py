"""Reading bookings through the official Python SDK: agenda, availability, lists, changes, ranges
and the waiting list of a capacity schedule."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import SuperSaaS

from tests.support import (
    ALICE,
    ALICE_FK,
    ALICE_NAME,
    ALICE_POTTERY,
    ALICE_ROOM_1,
    ALICE_SPINNING,
    ALICE_YOGA,
    BOB,
    BOB_NAME,
    BOB_POTTERY,
    BOB_ROOM_2,
    BOB_SPINNING,
    CAROL,
    CAROL_HAIRCUT,
    CAROL_POTTERY,
    CAROL_ROOM_1,
    CLASSES,
    NEXT_BOOKING_ID,
    POTTERY_TOMORROW,
    ROOM_1,
    ROOM_2,
    ROOMS,
    SERVICES,
    SPINNING_TOMORROW,
    T0,
    TOMORROW,
    WENDY_WAITING,
    WORKSHOPS,
    YOGA_TOMORROW,
    id_from_location,
)

if TYPE_CHECKING:
    from tests.supersaas.sdk.conftest import Emulator, Fails

DAY_AFTER = "2030-01-09"  # Wednesday
SATURDAY, NEXT_MONDAY = "2030-01-12", "2030-01-14"
HAIRCUT, COLOURING = 250001, 250002  # the services of the Services schedule
YOGA_DAY_AFTER, SPINNING_DAY_AFTER = YOGA_TOMORROW + 2, SPINNING_TOMORROW + 2
POTTERY_DAY_AFTER = POTTERY_TOMORROW + 1
FREE_FIELDS = {"start", "finish", "name", "resource_id", "count"}
SLOT_FREE_FIELDS = {"id", "start", "finish", "title", "description", "location", "count"}


def ids(bookings: list[SuperSaaS.Models.Appointment]) -> list[int]:
    assert all(isinstance(booking, SuperSaaS.Models.Appointment) for booking in bookings)
    return [booking.id for booking in bookings]


def slot_tree(slots: list[SuperSaaS.Models.Slot]) -> list[tuple[int, list[int]]]:
    """Each slot with the ids of the bookings it carries."""
    assert all(isinstance(slot, SuperSaaS.Models.Slot) for slot in slots)
    return [(slot.id, [booking["id"] for booking in slot.bookings]) for slot in slots]


def stretches(spaces: list[SuperSaaS.Models.Appointment]) -> list[tuple[str, str | None, str]]:
    """Free stretches of a resource schedule as (start, finish, resource name)."""
    for space in spaces:
        assert set(vars(space)) == FREE_FIELDS
        assert space.count == 1
        assert space.resource_id == {"Room 1": ROOM_1, "Room 2": ROOM_2}[space.name]
    return [(space.start, space.finish, space.name) for space in spaces]


def places(spaces: list[SuperSaaS.Models.Appointment]) -> list[tuple[int, int]]:
    """Free places of a capacity schedule as (slot id, places left)."""
    for space in spaces:
        assert set(vars(space)) == SLOT_FREE_FIELDS
    return [(space.id, space.count) for space in spaces]


def utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


# --- agenda -----------------------------------------------------------------------------------


def test_agenda_finds_a_users_upcoming_bookings_by_name_id_or_foreign_key(client: SuperSaaS.Client) -> None:
    for reference in (ALICE_NAME, ALICE, str(ALICE), ALICE_FK):
        assert ids(client.appointments.agenda(CLASSES, reference)) == [ALICE_YOGA, ALICE_SPINNING]
        assert ids(client.appointments.agenda(ROOMS, reference)) == [ALICE_ROOM_1]
    assert ids(client.appointments.agenda(ROOMS, CAROL)) == [CAROL_ROOM_1]
    assert ids(client.appointments.agenda(CLASSES, CAROL)) == []
    assert ids(client.appointments.agenda(SERVICES, CAROL)) == [CAROL_HAIRCUT]


def test_agenda_answers_whole_bookings(client: SuperSaaS.Client) -> None:
    (booking,) = client.appointments.agenda(ROOMS, BOB_NAME)
    assert vars(booking) == vars(client.appointments.get(ROOMS, BOB_ROOM_2))
    assert (booking.user_id, booking.start, booking.finish, booking.res_name) == (
        BOB,
        f"{TOMORROW} 14:00:00",
        f"{TOMORROW} 15:30:00",
        "Room 2",
    )


def test_agenda_from_a_time_leaves_out_earlier_bookings(client: SuperSaaS.Client) -> None:
    assert ids(client.appointments.agenda(CLASSES, ALICE, from_time=f"{TOMORROW} 12:00:00")) == [
        ALICE_SPINNING
    ]
    assert ids(client.appointments.agenda(CLASSES, ALICE, from_time=datetime(2030, 1, 8, 12))) == [
        ALICE_SPINNING
    ]
    assert ids(client.appointments.agenda(CLASSES, ALICE, from_time=f"{DAY_AFTER} 00:00:00")) == []


def test_agenda_without_a_from_time_starts_now(client: SuperSaaS.Client, emulator: Emulator) -> None:
    # 10:30 in Amsterdam: alice's room booking (10:00) has begun, her spinning class (18:00) has not.
    emulator.clock.set(datetime(2030, 1, 8, 9, 30, tzinfo=UTC))
    assert ids(client.appointments.agenda(ROOMS, ALICE)) == []
    assert ids(client.appointments.agenda(CLASSES, ALICE)) == [ALICE_SPINNING]


def test_agenda_with_slot_answers_the_slots_with_the_users_bookings(client: SuperSaaS.Client) -> None:
    (slot,) = client.appointments.agenda(WORKSHOPS, ALICE, slot=True)
    assert isinstance(slot, SuperSaaS.Models.Slot)
    assert (slot.id, slot.start, slot.finish, slot.title, slot.capacity) == (
        POTTERY_TOMORROW,
        f"{TOMORROW} 14:00:00",
        f"{TOMORROW} 16:00:00",
        "Pottery",
        3,
    )
    (booking,) = slot.bookings
    assert (booking["id"], booking["user_id"], booking["waitlisted"]) == (ALICE_POTTERY, ALICE, False)
    assert slot_tree(client.appointments.agenda(CLASSES, ALICE_FK, slot=True)) == [
        (YOGA_TOMORROW, [ALICE_YOGA]),
        (SPINNING_TOMORROW, [ALICE_SPINNING]),
    ]


def test_agenda_for_user_zero_finds_the_bookings_without_a_user(client: SuperSaaS.Client) -> None:
    # A string: the SDK refuses a bare 0 as "missing" before sending anything.
    (booking,) = client.appointments.agenda(WORKSHOPS, "0")
    assert (booking.id, booking.user_id, booking.full_name, booking.waitlisted) == (
        WENDY_WAITING,
        None,
        "Walk-in Wendy",
        True,
    )
    assert ids(client.appointments.agenda(ROOMS, "0")) == []


def test_agenda_slots_answers_the_slot_tree(client: SuperSaaS.Client) -> None:
    assert slot_tree(client.appointments.agenda_slots(WORKSHOPS, BOB)) == [(POTTERY_TOMORROW, [BOB_POTTERY])]
    assert slot_tree(client.appointments.agenda_slots(CLASSES, BOB_NAME)) == [
        (SPINNING_TOMORROW, [BOB_SPINNING])
    ]
    assert client.appointments.agenda_slots(WORKSHOPS, BOB, from_time=f"{TOMORROW} 15:00:00") == []


def test_agenda_for_an_unknown_user_fails_422(client: SuperSaaS.Client, fails: Fails) -> None:
    failure = fails(lambda: client.appointments.agenda(ROOMS, "nobody@example.com"))
    assert (failure.status, failure.titles) == (422, ["User not found"])


# --- available --------------------------------------------------------------------------------


def test_available_on_rooms_lists_open_time_around_the_bookings(client: SuperSaaS.Client) -> None:
    spaces = client.appointments.available(ROOMS, from_time=f"{TOMORROW} 00:00:00", limit=6)
    assert stretches(spaces) == [
        (f"{TOMORROW} 08:00:00", f"{TOMORROW} 10:00:00", "Room 1"),
        (f"{TOMORROW} 08:00:00", f"{TOMORROW} 14:00:00", "Room 2"),
        (f"{TOMORROW} 11:00:00", f"{TOMORROW} 18:00:00", "Room 1"),
        (f"{TOMORROW} 15:30:00", f"{TOMORROW} 18:00:00", "Room 2"),
        (f"{DAY_AFTER} 08:00:00", f"{DAY_AFTER} 09:00:00", "Room 1"),
        (f"{DAY_AFTER} 08:00:00", f"{DAY_AFTER} 18:00:00", "Room 2"),
    ]


def test_available_for_one_resource_by_name_or_id(client: SuperSaaS.Client) -> None:
    by_name = client.appointments.available(ROOMS, f"{TOMORROW} 00:00:00", resource="Room 1", limit=3)
    assert stretches(by_name) == [
        (f"{TOMORROW} 08:00:00", f"{TOMORROW} 10:00:00", "Room 1"),
        (f"{TOMORROW} 11:00:00", f"{TOMORROW} 18:00:00", "Room 1"),
        (f"{DAY_AFTER} 08:00:00", f"{DAY_AFTER} 09:00:00", "Room 1"),
    ]
    by_id = client.appointments.available(ROOMS, f"{TOMORROW} 00:00:00", resource=ROOM_2, limit=2)
    assert stretches(by_id) == [
        (f"{TOMORROW} 08:00:00", f"{TOMORROW} 14:00:00", "Room 2"),
        (f"{TOMORROW} 15:30:00", f"{TOMORROW} 18:00:00", "Room 2"),
    ]


def test_available_from_inside_a_booking_starts_after_it(client: SuperSaaS.Client) -> None:
    spaces = client.appointments.available(ROOMS, f"{TOMORROW} 10:30:00", resource="Room 1", limit=1)
    assert stretches(spaces) == [(f"{TOMORROW} 11:00:00", f"{TOMORROW} 18:00:00", "Room 1")]
    spaces = client.appointments.available(ROOMS, f"{TOMORROW} 12:15:00", resource="Room 1", limit=1)
    assert stretches(spaces) == [(f"{TOMORROW} 12:15:00", f"{TOMORROW} 18:00:00", "Room 1")]


def test_available_keeps_to_the_weekend_opening_hours(client: SuperSaaS.Client) -> None:
    spaces = client.appointments.available(ROOMS, f"{SATURDAY} 00:00:00", resource="Room 1", limit=2)
    # Saturday 10:00-14:00; Sunday is closed.
    assert stretches(spaces) == [
        (f"{SATURDAY} 10:00:00", f"{SATURDAY} 14:00:00", "Room 1"),
        (f"{NEXT_MONDAY} 08:00:00", f"{NEXT_MONDAY} 18:00:00", "Room 1"),
    ]


def test_available_with_a_length_skips_shorter_stretches(client: SuperSaaS.Client) -> None:
    start = f"{TOMORROW} 00:00:00"
    # Room 2 is free 15:30-18:00 tomorrow: exactly 150 minutes.
    exact = client.appointments.available(ROOMS, start, length_minutes=150, resource="Room 2", limit=2)
    assert stretches(exact) == [
        (f"{TOMORROW} 08:00:00", f"{TOMORROW} 14:00:00", "Room 2"),
        (f"{TOMORROW} 15:30:00", f"{TOMORROW} 18:00:00", "Room 2"),
    ]
    longer = client.appointments.available(ROOMS, start, length_minutes=151, resource="Room 2", limit=2)
    assert stretches(longer) == [
        (f"{TOMORROW} 08:00:00", f"{TOMORROW} 14:00:00", "Room 2"),
        (f"{DAY_AFTER} 08:00:00", f"{DAY_AFTER} 18:00:00", "Room 2"),
    ]
    both = client.appointments.available(ROOMS, start, length_minutes=180, limit=4)
    assert stretches(both) == [
        (f"{TOMORROW} 08:00:00", f"{TOMORROW} 14:00:00", "Room 2"),
        (f"{TOMORROW} 11:00:00", f"{TOMORROW} 18:00:00", "Room 1"),
        (f"{DAY_AFTER} 08:00:00", f"{DAY_AFTER} 18:00:00", "Room 2"),
        (f"{DAY_AFTER} 10:00:00", f"{DAY_AFTER} 18:00:00", "Room 1"),
    ]


def test_available_answers_ten_stretches_unless_limited(client: SuperSaaS.Client) -> None:
    assert len(client.appointments.available(ROOMS, f"{TOMORROW} 00:00:00")) == 10
    assert len(client.appointments.available(ROOMS, f"{TOMORROW} 00:00:00", limit=1)) == 1
    assert len(client.appointments.available(CLASSES, limit=25)) == 25


def test_available_never_starts_in_the_past(client: SuperSaaS.Client, emulator: Emulator) -> None:
    # Now is Monday 09:00 in Amsterdam.
    today = "2030-01-07"
    expected = [(f"{today} 09:00:00", f"{today} 18:00:00", "Room 1")]
    assert stretches(client.appointments.available(ROOMS, resource="Room 1", limit=1)) == expected
    earlier = client.appointments.available(ROOMS, "2030-01-01 00:00:00", resource="Room 1", limit=1)
    assert stretches(earlier) == expected
    # Half a minute on, the first free moment is the next whole minute.
    emulator.clock.advance(timedelta(seconds=30))
    assert stretches(client.appointments.available(ROOMS, resource="Room 1", limit=1)) == [
        (f"{today} 09:01:00", f"{today} 18:00:00", "Room 1")
    ]


def test_available_on_an_unknown_resource_fails_422(client: SuperSaaS.Client, fails: Fails) -> None:
    failure = fails(lambda: client.appointments.available(ROOMS, resource="Room 9"))
    assert (failure.status, failure.titles) == (422, ["Resource not found"])


def test_available_on_a_capacity_schedule_counts_the_places_left(client: SuperSaaS.Client) -> None:
    spaces = client.appointments.available(CLASSES, f"{TOMORROW} 00:00:00", limit=3)
    # Tomorrow's spinning class is full and left out.
    assert places(spaces) == [(YOGA_TOMORROW, 9), (YOGA_DAY_AFTER, 10), (SPINNING_DAY_AFTER, 2)]
    yoga = spaces[0]
    assert (yoga.start, yoga.finish, yoga.title, yoga.description, yoga.location) == (
        f"{TOMORROW} 09:00:00",
        f"{TOMORROW} 10:00:00",
        "Morning yoga",
        "Gentle start of the day",
        "Studio A",
    )
    later = client.appointments.available(CLASSES, f"{TOMORROW} 09:30:00", limit=1)
    assert places(later) == [(YOGA_DAY_AFTER, 10)]


def test_available_with_full_includes_full_slots_with_no_places(client: SuperSaaS.Client) -> None:
    spaces = client.appointments.available(CLASSES, f"{TOMORROW} 00:00:00", full=True, limit=3)
    assert places(spaces) == [(YOGA_TOMORROW, 9), (SPINNING_TOMORROW, 0), (YOGA_DAY_AFTER, 10)]
    # The waiting list takes no place: the three pottery places are all booked.
    pottery = client.appointments.available(WORKSHOPS, f"{TOMORROW} 00:00:00", full=True, limit=2)
    assert places(pottery) == [(POTTERY_TOMORROW, 0), (POTTERY_DAY_AFTER, 3)]
    without_full = client.appointments.available(WORKSHOPS, f"{TOMORROW} 00:00:00", limit=1)
    assert places(without_full) == [(POTTERY_DAY_AFTER, 3)]


def test_available_follows_bookings_made_and_deleted(client: SuperSaaS.Client) -> None:
    client.appointments.create(CLASSES, BOB, {"slot_id": YOGA_TOMORROW})
    client.appointments.delete(CLASSES, BOB_SPINNING)
    spaces = client.appointments.available(CLASSES, f"{TOMORROW} 00:00:00", limit=2)
    assert places(spaces) == [(YOGA_TOMORROW, 8), (SPINNING_TOMORROW, 1)]
    client.appointments.create(
        ROOMS, CAROL, {"start": f"{TOMORROW} 12:00:00", "finish": f"{TOMORROW} 13:00:00"}
    )
    assert stretches(
        client.appointments.available(ROOMS, f"{TOMORROW} 11:00:00", resource="Room 1", limit=2)
    ) == [
        (f"{TOMORROW} 11:00:00", f"{TOMORROW} 12:00:00", "Room 1"),
        (f"{TOMORROW} 13:00:00", f"{TOMORROW} 18:00:00", "Room 1"),
    ]


def test_available_on_a_service_schedule_fails_501(client: SuperSaaS.Client, fails: Fails) -> None:
    failure = fails(lambda: client.appointments.available(SERVICES))
    assert (failure.status, failure.titles) == (501, ["Not yet implemented for service type schedule"])


# --- list -------------------------------------------------------------------------------------


def test_list_on_a_capacity_schedule_with_start_finish_and_limit(client: SuperSaaS.Client) -> None:
    assert ids(client.appointments.list(WORKSHOPS)) == [
        ALICE_POTTERY,
        BOB_POTTERY,
        CAROL_POTTERY,
        WENDY_WAITING,
    ]
    assert ids(client.appointments.list(WORKSHOPS, limit=2)) == [ALICE_POTTERY, BOB_POTTERY]
    assert ids(client.appointments.list(CLASSES, start_time=f"{TOMORROW} 12:00:00")) == [
        ALICE_SPINNING,
        BOB_SPINNING,
    ]
    assert ids(client.appointments.list(CLASSES, finish=f"{TOMORROW} 12:00:00")) == [ALICE_YOGA]
    assert ids(
        client.appointments.list(
            CLASSES, start_time=f"{TOMORROW} 12:00:00", finish=f"{DAY_AFTER} 00:00:00", limit=1
        )
    ) == [ALICE_SPINNING]
    waiting = client.appointments.list(WORKSHOPS)[-1]
    assert (waiting.waitlisted, waiting.slot_id, waiting.slot["title"]) == (True, POTTERY_TOMORROW, "Pottery")


# --- changes ----------------------------------------------------------------------------------


def test_changes_answer_the_seeded_bookings_until_something_changes(client: SuperSaaS.Client) -> None:
    assert ids(client.appointments.changes(ROOMS)) == [ALICE_ROOM_1, BOB_ROOM_2, CAROL_ROOM_1]
    assert ids(client.appointments.changes(SERVICES)) == [CAROL_HAIRCUT]
    assert ids(client.appointments.changes(ROOMS, from_time=T0 + timedelta(seconds=1))) == []


def make_three_changes(client: SuperSaaS.Client, emulator: Emulator) -> datetime:
    """A create, an update and a delete on Rooms, a minute apart; answers the moment before them."""
    since = emulator.clock.advance(timedelta(hours=1))
    emulator.clock.advance(timedelta(minutes=1))
    attributes = {"start": f"{DAY_AFTER} 13:00:00", "finish": f"{DAY_AFTER} 14:00:00", "resource_id": ROOM_2}
    assert (
        id_from_location(client.appointments.create(ROOMS, CAROL, attributes)["location"]) == NEXT_BOOKING_ID
    )
    emulator.clock.advance(timedelta(minutes=1))
    client.appointments.update(ROOMS, ALICE_ROOM_1, {"full_name": "Alice A."})
    emulator.clock.advance(timedelta(minutes=1))
    client.appointments.delete(ROOMS, BOB_ROOM_2)
    return since


def test_changes_since_a_moment_answer_exactly_the_bookings_written_after_it(
    client: SuperSaaS.Client, emulator: Emulator
) -> None:
    since = make_three_changes(client, emulator)
    changed = client.appointments.changes(ROOMS, from_time=since)
    assert [(b.id, b.deleted, b.updated_on) for b in changed] == [
        (NEXT_BOOKING_ID, False, "2030-01-07 09:01:00"),
        (ALICE_ROOM_1, False, "2030-01-07 09:02:00"),
        (BOB_ROOM_2, True, "2030-01-07 09:03:00"),
    ]
    created, updated, deleted = changed
    assert (created.user_id, created.start, created.created_on) == (
        CAROL,
        f"{DAY_AFTER} 13:00:00",
        "2030-01-07 09:01:00",
    )
    assert (updated.full_name, updated.created_on) == ("Alice A.", utc(T0))
    assert (deleted.user_id, deleted.start, deleted.res_name) == (BOB, f"{TOMORROW} 14:00:00", "Room 2")
    # The same moment as a string, and nothing changed on other schedules.
    assert ids(client.appointments.changes(ROOMS, from_time=utc(since))) == ids(changed)
    assert ids(client.appointments.changes(CLASSES, from_time=since)) == []
    assert ids(client.appointments.changes(ROOMS, from_time="2030-01-07 09:02:30")) == [BOB_ROOM_2]


def test_changes_up_to_a_moment_leave_out_later_ones(client: SuperSaaS.Client, emulator: Emulator) -> None:
    since = make_three_changes(client, emulator)
    assert ids(client.appointments.changes(ROOMS, from_time=since, to="2030-01-07 09:02:30")) == [
        NEXT_BOOKING_ID,
        ALICE_ROOM_1,
    ]
    assert ids(client.appointments.changes(ROOMS, from_time=since, to="2030-01-07 09:01:30")) == [
        NEXT_BOOKING_ID
    ]


def test_changes_for_one_user(client: SuperSaaS.Client, emulator: Emulator) -> None:
    since = make_three_changes(client, emulator)
    assert ids(client.appointments.changes(ROOMS, from_time=since, user=BOB)) == [BOB_ROOM_2]
    assert ids(client.appointments.changes(ROOMS, from_time=since, user=ALICE_FK)) == [ALICE_ROOM_1]
    assert ids(client.appointments.changes(ROOMS, from_time=since, user="carol@example.com")) == [
        NEXT_BOOKING_ID
    ]
    assert ids(client.appointments.changes(ROOMS, from_time=since, user=0)) == []


def test_changes_are_paged_by_limit_and_offset(client: SuperSaaS.Client, emulator: Emulator) -> None:
    since = make_three_changes(client, emulator)
    assert ids(client.appointments.changes(ROOMS, from_time=since, limit=2)) == [
        NEXT_BOOKING_ID,
        ALICE_ROOM_1,
    ]
    assert ids(client.appointments.changes(ROOMS, from_time=since, offset=1)) == [ALICE_ROOM_1, BOB_ROOM_2]
    assert ids(client.appointments.changes(ROOMS, from_time=since, limit=1, offset=2)) == [BOB_ROOM_2]
    assert ids(client.appointments.changes(ROOMS, from_time=since, offset=3)) == []


def test_changes_without_a_moment_answer_the_ten_most_recent(
    client: SuperSaaS.Client, emulator: Emulator
) -> None:
    created = []
    for hour in range(10, 18):
        emulator.clock.advance(timedelta(minutes=1))
        attributes = {"start": f"{DAY_AFTER} {hour}:00:00", "finish": f"{DAY_AFTER} {hour + 1}:00:00"}
        created.append(id_from_location(client.appointments.create(ROOMS, BOB, attributes)["location"]))
    assert ids(client.appointments.changes(ROOMS)) == [BOB_ROOM_2, CAROL_ROOM_1, *created]


def test_changes_with_slot_answer_the_changed_bookings_in_their_slots(
    client: SuperSaaS.Client, emulator: Emulator
) -> None:
    since = emulator.clock.advance(timedelta(minutes=10))
    emulator.clock.advance(timedelta(minutes=1))
    client.appointments.update(CLASSES, BOB_SPINNING, {"field_1": "Front row"})
    client.appointments.update(CLASSES, ALICE_YOGA, {"field_1": "Own mat"})
    tree = client.appointments.changes(CLASSES, from_time=since, slot=True)
    assert slot_tree(tree) == [(YOGA_TOMORROW, [ALICE_YOGA]), (SPINNING_TOMORROW, [BOB_SPINNING])]
    assert [slot.bookings[0]["field_1"] for slot in tree] == ["Own mat", "Front row"]
    assert (tree[1].title, tree[1].capacity) == ("Spinning", 2)
    assert slot_tree(client.appointments.changes_slots(CLASSES, from_time=since)) == slot_tree(tree)
    assert client.appointments.changes_slots(CLASSES, from_time=emulator.clock.now()) == []


# --- range ------------------------------------------------------------------------------------


def test_range_today_follows_the_local_day(client: SuperSaaS.Client, emulator: Emulator) -> None:
    assert ids(client.appointments.range(ROOMS, today=True)) == []  # Monday: nothing booked
    emulator.clock.set(datetime(2030, 1, 8, 6, 0, tzinfo=UTC))  # Tuesday 07:00 in Amsterdam
    assert ids(client.appointments.range(ROOMS, today=True)) == [ALICE_ROOM_1, BOB_ROOM_2]
    assert ids(client.appointments.range(ROOMS, today=True, user=BOB)) == [BOB_ROOM_2]
    # 23:30 on Tuesday in UTC is already Wednesday in Amsterdam.
    emulator.clock.set(datetime(2030, 1, 8, 23, 30, tzinfo=UTC))
    assert ids(client.appointments.range(ROOMS, today=True)) == [CAROL_ROOM_1]


def test_range_between_two_times_includes_the_start_and_excludes_the_end(client: SuperSaaS.Client) -> None:
    window = {"from_time": f"{TOMORROW} 10:00:00", "to": f"{DAY_AFTER} 09:00:00"}
    assert ids(client.appointments.range(ROOMS, **window)) == [ALICE_ROOM_1, BOB_ROOM_2]
    assert ids(client.appointments.range(ROOMS, from_time=f"{TOMORROW} 10:00:01")) == [
        BOB_ROOM_2,
        CAROL_ROOM_1,
    ]
    assert ids(client.appointments.range(ROOMS, to=f"{TOMORROW} 14:00:00")) == [ALICE_ROOM_1]
    assert ids(
        client.appointments.range(ROOMS, from_time=datetime(2030, 1, 9), to=datetime(2030, 1, 10))
    ) == [CAROL_ROOM_1]


def test_range_without_times_answers_what_starts_from_now_on(
    client: SuperSaaS.Client, emulator: Emulator
) -> None:
    assert ids(client.appointments.range(ROOMS)) == [ALICE_ROOM_1, BOB_ROOM_2, CAROL_ROOM_1]
    emulator.clock.set(datetime(2030, 1, 8, 11, 0, tzinfo=UTC))  # tomorrow, 12:00 in Amsterdam
    assert ids(client.appointments.range(ROOMS)) == [BOB_ROOM_2, CAROL_ROOM_1]
    assert ids(client.appointments.range(CLASSES)) == [ALICE_SPINNING, BOB_SPINNING]


def test_range_filters_by_user_resource_and_service(client: SuperSaaS.Client) -> None:
    assert ids(client.appointments.range(CLASSES, user=ALICE_FK)) == [ALICE_YOGA, ALICE_SPINNING]
    assert ids(client.appointments.range(CLASSES, user=BOB_NAME)) == [BOB_SPINNING]
    assert ids(client.appointments.range(WORKSHOPS, user=0)) == [WENDY_WAITING]
    assert ids(client.appointments.range(ROOMS, resource_id=ROOM_1)) == [ALICE_ROOM_1, CAROL_ROOM_1]
    assert ids(client.appointments.range(ROOMS, resource_id=ROOM_2, user=ALICE)) == []
    assert ids(client.appointments.range(SERVICES, service_id=HAIRCUT)) == [CAROL_HAIRCUT]
    assert ids(client.appointments.range(SERVICES, service_id=COLOURING)) == []
    (haircut,) = client.appointments.range(SERVICES, service_id=HAIRCUT)
    assert (haircut.service_id, haircut.service_name, haircut.start) == (
        HAIRCUT,
        "Haircut",
        "2030-01-10 11:00:00",
    )


def test_range_is_paged_by_limit_and_offset(client: SuperSaaS.Client) -> None:
    assert ids(client.appointments.range(CLASSES, limit=2)) == [ALICE_YOGA, ALICE_SPINNING]
    assert ids(client.appointments.range(CLASSES, offset=1)) == [ALICE_SPINNING, BOB_SPINNING]
    assert ids(client.appointments.range(CLASSES, limit=1, offset=2)) == [BOB_SPINNING]
    assert ids(client.appointments.range(CLASSES, offset=3)) == []


def test_range_with_slot_answers_the_slot_tree(client: SuperSaaS.Client) -> None:
    assert slot_tree(client.appointments.range(CLASSES, slot=True)) == [
        (YOGA_TOMORROW, [ALICE_YOGA]),
        (SPINNING_TOMORROW, [ALICE_SPINNING, BOB_SPINNING]),
    ]
    (pottery,) = client.appointments.range(WORKSHOPS, slot=True)
    assert [(b["id"], b["waitlisted"]) for b in pottery.bookings] == [
        (ALICE_POTTERY, False),
        (BOB_POTTERY, False),
        (CAROL_POTTERY, False),
        (WENDY_WAITING, True),
    ]


# --- waiting list -----------------------------------------------------------------------------


def test_booking_a_full_slot_with_a_waiting_list_puts_the_booking_on_it(client: SuperSaaS.Client) -> None:
    answer = client.appointments.create(WORKSHOPS, None, {"slot_id": POTTERY_TOMORROW, "full_name": "Walter"})
    booking = client.appointments.get(WORKSHOPS, id_from_location(answer["location"]))
    assert (booking.id, booking.slot_id, booking.full_name, booking.waitlisted) == (
        NEXT_BOOKING_ID,
        POTTERY_TOMORROW,
        "Walter",
        True,
    )
    # A place elsewhere is taken as usual.
    other = client.appointments.create(WORKSHOPS, BOB, {"slot_id": POTTERY_DAY_AFTER})
    assert client.appointments.get(WORKSHOPS, id_from_location(other["location"])).waitlisted is False
    spaces = client.appointments.available(WORKSHOPS, f"{TOMORROW} 00:00:00", full=True, limit=2)
    assert places(spaces) == [(POTTERY_TOMORROW, 0), (POTTERY_DAY_AFTER, 2)]


def test_deleting_a_booking_promotes_the_first_on_the_waiting_list(
    client: SuperSaaS.Client, emulator: Emulator
) -> None:
    walter = id_from_location(
        client.appointments.create(WORKSHOPS, None, {"slot_id": POTTERY_TOMORROW, "full_name": "Walter"})[
            "location"
        ]
    )
    since = emulator.clock.advance(timedelta(minutes=5))
    emulator.clock.advance(timedelta(minutes=1))
    client.appointments.delete(WORKSHOPS, ALICE_POTTERY)

    wendy = client.appointments.get(WORKSHOPS, WENDY_WAITING)
    assert (wendy.waitlisted, wendy.updated_on) == (False, "2030-01-07 08:06:00")
    assert client.appointments.get(WORKSHOPS, walter).waitlisted is True
    changed = client.appointments.changes(WORKSHOPS, from_time=since)
    assert [(b.id, b.deleted, b.waitlisted) for b in changed] == [
        (ALICE_POTTERY, True, False),
        (WENDY_WAITING, False, False),
    ]
    pottery = client.appointments.available(WORKSHOPS, f"{TOMORROW} 00:00:00", full=True, limit=1)
    assert places(pottery) == [(POTTERY_TOMORROW, 0)]

    client.appointments.delete(WORKSHOPS, BOB_POTTERY)
    assert client.appointments.get(WORKSHOPS, walter).waitlisted is False
    assert [
        (b["id"], b["waitlisted"]) for b in client.appointments.range(WORKSHOPS, slot=True)[0].bookings
    ] == [
        (CAROL_POTTERY, False),
        (WENDY_WAITING, False),
        (walter, False),
    ]


def test_moving_a_booking_out_of_a_full_slot_promotes_the_waiting_one(client: SuperSaaS.Client) -> None:
    client.appointments.update(WORKSHOPS, ALICE_POTTERY, {"slot_id": POTTERY_DAY_AFTER})
    assert client.appointments.get(WORKSHOPS, WENDY_WAITING).waitlisted is False
    moved = client.appointments.get(WORKSHOPS, ALICE_POTTERY)
    assert (moved.slot_id, moved.start, moved.waitlisted) == (
        POTTERY_DAY_AFTER,
        f"{DAY_AFTER} 14:00:00",
        False,
    )
    spaces = client.appointments.available(WORKSHOPS, f"{TOMORROW} 00:00:00", full=True, limit=2)
    assert places(spaces) == [(POTTERY_TOMORROW, 0), (POTTERY_DAY_AFTER, 2)]


def test_a_waiting_booking_moved_to_a_slot_with_room_takes_a_place_there(
    client: SuperSaaS.Client, emulator: Emulator
) -> None:
    since = emulator.clock.advance(timedelta(minutes=1))
    emulator.clock.advance(timedelta(minutes=1))
    client.appointments.update(WORKSHOPS, WENDY_WAITING, {"slot_id": POTTERY_DAY_AFTER})
    wendy = client.appointments.get(WORKSHOPS, WENDY_WAITING)
    assert (wendy.slot_id, wendy.waitlisted) == (POTTERY_DAY_AFTER, False)
    # Only her own booking changed: the full slot she left keeps its three places taken.
    assert ids(client.appointments.changes(WORKSHOPS, from_time=since)) == [WENDY_WAITING]
    assert ids(client.appointments.changes(WORKSHOPS, from_time=since, user=0)) == [WENDY_WAITING]
    spaces = client.appointments.available(WORKSHOPS, f"{TOMORROW} 00:00:00", full=True, limit=2)
    assert places(spaces) == [(POTTERY_TOMORROW, 0), (POTTERY_DAY_AFTER, 2)]


# --- slot=true where there are no slots --------------------------------------------------------


def test_slot_on_a_schedule_without_slots_still_answers_the_bookings(client: SuperSaaS.Client) -> None:
    # The docs mark slot=true "capacity type only": elsewhere it must not hide the bookings.
    assert ids(client.appointments.agenda(ROOMS, ALICE, slot=True)) == [ALICE_ROOM_1]
    assert ids(client.appointments.range(ROOMS, slot=True)) == [ALICE_ROOM_1, BOB_ROOM_2, CAROL_ROOM_1]
    assert ids(client.appointments.changes(SERVICES, slot=True)) == [CAROL_HAIRCUT]
