"""Free time: open stretches of resources minus their bookings, and places left in capacity slots."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from fakesaas.supersaas.domain.availability import HORIZON, FreeSpace, free_in_slots, free_on_resources
from fakesaas.supersaas.domain.hours import OpeningHours
from fakesaas.supersaas.domain.records import Booking
from fakesaas.supersaas.domain.schedules import Resource, Schedule, ScheduleKind, Slot

ROOM_A, ROOM_B, ROOM_C = 11, 12, 13
OFFICE = OpeningHours.parse({day: "08:00-18:00" for day in ("mon", "tue", "wed", "thu", "fri")})
MONDAY_MORNING = datetime(2030, 1, 7, 8, 0)  # a Monday
HOUR = timedelta(hours=1)
_ids = itertools.count(1)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def rooms(*resources: tuple[int, str]) -> Schedule:
    return Schedule(
        1,
        "Rooms",
        ScheduleKind.RESOURCE,
        resources=[Resource(rid, name) for rid, name in resources],
    )


ABC = rooms((ROOM_A, "A"), (ROOM_B, "B"), (ROOM_C, "C"))


def booked(resource_id: int | None, start: str, finish: str) -> Booking:
    created = datetime(2030, 1, 1, tzinfo=UTC)
    return Booking(next(_ids), 1, created, created, at(start), at(finish), resource_id=resource_id)


def stretches(spaces: list[FreeSpace]) -> list[tuple[int | None, str, str | None]]:
    return [
        (space.resource_id, str(space.start), str(space.finish) if space.finish else None) for space in spaces
    ]


def free(
    hours: OpeningHours,
    bookings: list[Booking],
    start_from: str,
    resource_ids: list[int | None],
    *,
    length: timedelta = HOUR,
    limit: int = 10,
    schedule: Schedule = ABC,
) -> list[FreeSpace]:
    def bookings_of(resource_id: int | None, since: datetime) -> list[Booking]:
        # What the account's per-resource index gives: that resource's bookings, by start.
        return sorted((b for b in bookings if b.resource_id == resource_id), key=lambda b: (b.start, b.id))

    return free_on_resources(schedule, hours, bookings_of, at(start_from), length, resource_ids, limit)


# --- resources ------------------------------------------------------------------------------------


def test_an_unbooked_resource_is_free_for_each_opening_in_turn() -> None:
    spaces = free(OFFICE, [], "2030-01-07 08:00", [ROOM_A], limit=3)
    assert stretches(spaces) == [
        (ROOM_A, "2030-01-07 08:00:00", "2030-01-07 18:00:00"),
        (ROOM_A, "2030-01-08 08:00:00", "2030-01-08 18:00:00"),
        (ROOM_A, "2030-01-09 08:00:00", "2030-01-09 18:00:00"),
    ]
    assert {(s.count, s.title, s.slot) for s in spaces} == {(1, "A", None)}


def test_free_time_starts_at_the_time_asked_for_inside_an_opening() -> None:
    spaces = free(OFFICE, [], "2030-01-07 16:20", [ROOM_A], limit=2)
    assert stretches(spaces) == [
        (ROOM_A, "2030-01-07 16:20:00", "2030-01-07 18:00:00"),
        (ROOM_A, "2030-01-08 08:00:00", "2030-01-08 18:00:00"),
    ]


def test_the_weekend_is_skipped_when_it_is_closed() -> None:
    spaces = free(OFFICE, [], "2030-01-11 19:00", [ROOM_A], limit=1)  # Friday evening
    assert stretches(spaces) == [(ROOM_A, "2030-01-14 08:00:00", "2030-01-14 18:00:00")]


def test_bookings_cut_holes_in_the_open_time_of_their_own_resource_only() -> None:
    bookings = [booked(ROOM_A, "2030-01-07 10:00", "2030-01-07 11:00")]
    spaces = free(OFFICE, bookings, "2030-01-07 08:00", [ROOM_A, ROOM_B], limit=4)
    assert stretches(spaces) == [
        (ROOM_A, "2030-01-07 08:00:00", "2030-01-07 10:00:00"),
        (ROOM_B, "2030-01-07 08:00:00", "2030-01-07 18:00:00"),
        (ROOM_A, "2030-01-07 11:00:00", "2030-01-07 18:00:00"),
        (ROOM_A, "2030-01-08 08:00:00", "2030-01-08 18:00:00"),
    ]


def test_resources_are_merged_in_time_order_with_the_resource_order_breaking_ties() -> None:
    bookings = [
        booked(ROOM_A, "2030-01-07 08:00", "2030-01-07 09:00"),
        booked(ROOM_C, "2030-01-07 08:00", "2030-01-07 09:00"),
    ]
    spaces = free(OFFICE, bookings, "2030-01-07 08:00", [ROOM_C, ROOM_B, ROOM_A], limit=6)
    assert [(s.resource_id, s.start.strftime("%d %H:%M")) for s in spaces] == [
        (ROOM_B, "07 08:00"),
        (ROOM_C, "07 09:00"),
        (ROOM_A, "07 09:00"),
        (ROOM_C, "08 08:00"),
        (ROOM_B, "08 08:00"),
        (ROOM_A, "08 08:00"),
    ]
    assert [s.title for s in spaces[:3]] == ["B", "C", "A"]


def test_only_the_resources_asked_for_are_reported() -> None:
    spaces = free(OFFICE, [], "2030-01-07 08:00", [ROOM_B], limit=3)
    assert {s.resource_id for s in spaces} == {ROOM_B}


def test_a_schedule_without_resources_is_reported_under_its_own_name() -> None:
    plain = rooms()
    bookings = [booked(None, "2030-01-07 09:00", "2030-01-07 17:00")]
    spaces = free(OFFICE, bookings, "2030-01-07 08:00", [None], limit=2, schedule=plain)
    assert stretches(spaces) == [
        (None, "2030-01-07 08:00:00", "2030-01-07 09:00:00"),
        (None, "2030-01-07 17:00:00", "2030-01-07 18:00:00"),
    ]
    assert {s.title for s in spaces} == {"Rooms"}


def test_around_the_clock_a_free_stretch_is_joined_across_midnight() -> None:
    bookings = [
        booked(ROOM_A, "2030-01-07 10:00", "2030-01-07 11:00"),
        booked(ROOM_A, "2030-01-09 15:00", "2030-01-09 16:00"),
    ]
    spaces = free(OpeningHours.always(), bookings, "2030-01-07 08:00", [ROOM_A])
    assert stretches(spaces) == [
        (ROOM_A, "2030-01-07 08:00:00", "2030-01-07 10:00:00"),
        (ROOM_A, "2030-01-07 11:00:00", "2030-01-09 15:00:00"),
        (ROOM_A, "2030-01-09 16:00:00", None),
    ]


def test_spans_meeting_at_midnight_join_but_a_gap_at_night_splits() -> None:
    late = OpeningHours.parse(
        {"mon": "20:00-24:00", "tue": ["00:00-02:00", "20:00-24:00"], "wed": "00:30-02:00"}
    )
    spaces = free(late, [], "2030-01-07 08:00", [ROOM_A], limit=3)
    assert stretches(spaces) == [
        (ROOM_A, "2030-01-07 20:00:00", "2030-01-08 02:00:00"),
        (ROOM_A, "2030-01-08 20:00:00", "2030-01-09 00:00:00"),
        (ROOM_A, "2030-01-09 00:30:00", "2030-01-09 02:00:00"),
    ]


def test_a_stretch_still_free_at_the_horizon_has_no_finish() -> None:
    spaces = free(OpeningHours.always(), [], "2030-01-07 08:00", [ROOM_A, ROOM_B])
    assert stretches(spaces) == [
        (ROOM_A, "2030-01-07 08:00:00", None),
        (ROOM_B, "2030-01-07 08:00:00", None),
    ]


def test_a_booking_reaching_the_horizon_leaves_the_stretch_before_it_finished() -> None:
    start = at("2030-01-07 08:00")
    far = start + HORIZON + timedelta(days=2)
    bookings = [booked(ROOM_A, str(start + timedelta(days=300)), str(far))]
    spaces = free(OpeningHours.always(), bookings, str(start), [ROOM_A])
    assert stretches(spaces) == [(ROOM_A, "2030-01-07 08:00:00", str(start + timedelta(days=300)))]


@pytest.mark.parametrize(
    ("minutes", "kept"),
    [
        (30, ["08:00-08:30", "09:00-10:30", "11:30-18:00"]),
        (60, ["09:00-10:30", "11:30-18:00"]),
        (90, ["09:00-10:30", "11:30-18:00"]),
        (91, ["11:30-18:00"]),
        (390, ["11:30-18:00"]),
        (391, []),
    ],
)
def test_stretches_shorter_than_the_length_asked_for_are_left_out(minutes: int, kept: list[str]) -> None:
    bookings = [
        booked(ROOM_A, "2030-01-07 08:30", "2030-01-07 09:00"),
        booked(ROOM_A, "2030-01-07 10:30", "2030-01-07 11:30"),
    ]
    spaces = free(OFFICE, bookings, "2030-01-07 08:00", [ROOM_A], length=timedelta(minutes=minutes))
    monday = [f"{s.start:%H:%M}-{s.finish:%H:%M}" for s in spaces if s.start.day == 7 and s.finish]
    assert monday == kept


def test_a_stretch_running_past_the_horizon_is_kept_whatever_length_is_asked() -> None:
    spaces = free(OpeningHours.always(), [], "2030-01-07 08:00", [ROOM_A], length=HORIZON * 2)
    assert stretches(spaces) == [(ROOM_A, "2030-01-07 08:00:00", None)]


@pytest.mark.parametrize(
    ("start", "finish", "free_monday"),
    [
        ("2030-01-07 07:00", "2030-01-07 09:00", ["09:00-18:00"]),  # over the opening
        ("2030-01-07 17:00", "2030-01-07 19:00", ["08:00-17:00"]),  # over the closing
        ("2030-01-07 07:00", "2030-01-07 19:00", []),  # the whole day and more
        ("2030-01-07 08:00", "2030-01-07 18:00", []),  # exactly the opening
        ("2030-01-07 06:00", "2030-01-07 08:00", ["08:00-18:00"]),  # touching from before
        ("2030-01-07 18:00", "2030-01-07 20:00", ["08:00-18:00"]),  # touching from after
        ("2030-01-06 12:00", "2030-01-07 12:00", ["12:00-18:00"]),  # from the day before
    ],
)
def test_bookings_over_the_edges_of_an_opening_take_only_what_they_cover(
    start: str, finish: str, free_monday: list[str]
) -> None:
    spaces = free(OFFICE, [booked(ROOM_A, start, finish)], "2030-01-07 00:00", [ROOM_A], limit=3)
    got = [f"{s.start:%H:%M}-{s.finish:%H:%M}" for s in spaces if s.start.day == 7 and s.finish]
    assert got == free_monday


def test_a_booking_over_several_days_blocks_every_opening_it_covers() -> None:
    bookings = [booked(ROOM_A, "2030-01-07 10:00", "2030-01-09 12:00")]
    office = free(OFFICE, bookings, "2030-01-07 08:00", [ROOM_A], limit=3)
    assert stretches(office) == [
        (ROOM_A, "2030-01-07 08:00:00", "2030-01-07 10:00:00"),
        (ROOM_A, "2030-01-09 12:00:00", "2030-01-09 18:00:00"),
        (ROOM_A, "2030-01-10 08:00:00", "2030-01-10 18:00:00"),
    ]
    always = free(OpeningHours.always(), bookings, "2030-01-07 08:00", [ROOM_A])
    assert stretches(always) == [
        (ROOM_A, "2030-01-07 08:00:00", "2030-01-07 10:00:00"),
        (ROOM_A, "2030-01-09 12:00:00", None),
    ]


def test_a_booking_already_running_at_the_start_delays_the_first_stretch() -> None:
    bookings = [booked(ROOM_A, "2030-01-07 06:00", "2030-01-07 09:30")]
    spaces = free(OFFICE, bookings, "2030-01-07 09:00", [ROOM_A], limit=1)
    assert stretches(spaces) == [(ROOM_A, "2030-01-07 09:30:00", "2030-01-07 18:00:00")]


def test_bookings_that_ended_before_the_start_change_nothing() -> None:
    bookings = [booked(ROOM_A, "2030-01-07 08:00", "2030-01-07 09:00")]
    spaces = free(OFFICE, bookings, "2030-01-07 09:00", [ROOM_A], limit=1)
    assert stretches(spaces) == [(ROOM_A, "2030-01-07 09:00:00", "2030-01-07 18:00:00")]


def test_back_to_back_and_overlapping_bookings_leave_no_slivers() -> None:
    bookings = [
        booked(ROOM_A, "2030-01-07 12:00", "2030-01-07 13:00"),
        booked(ROOM_A, "2030-01-07 09:00", "2030-01-07 10:00"),
        booked(ROOM_A, "2030-01-07 10:00", "2030-01-07 11:00"),
        booked(ROOM_A, "2030-01-07 09:30", "2030-01-07 10:30"),
    ]
    spaces = free(OFFICE, bookings, "2030-01-07 08:00", [ROOM_A], length=timedelta(minutes=1), limit=4)
    assert stretches(spaces) == [
        (ROOM_A, "2030-01-07 08:00:00", "2030-01-07 09:00:00"),
        (ROOM_A, "2030-01-07 11:00:00", "2030-01-07 12:00:00"),
        (ROOM_A, "2030-01-07 13:00:00", "2030-01-07 18:00:00"),
        (ROOM_A, "2030-01-08 08:00:00", "2030-01-08 18:00:00"),
    ]


@pytest.mark.parametrize("limit", [1, 2, 5])
def test_limit_caps_the_number_of_stretches_over_all_resources(limit: int) -> None:
    everything = free(OFFICE, [], "2030-01-07 08:00", [ROOM_A, ROOM_B], limit=50)
    assert free(OFFICE, [], "2030-01-07 08:00", [ROOM_A, ROOM_B], limit=limit) == everything[:limit]


def test_a_resource_never_open_has_no_free_time() -> None:
    assert free(OpeningHours.parse({}), [], "2030-01-07 08:00", [ROOM_A, ROOM_B]) == []


# --- capacity slots -------------------------------------------------------------------------------

YOGA = Slot(301, at("2030-01-08 09:00"), at("2030-01-08 10:00"), 10, "Yoga", "Gentle", "Studio A")
SPIN = Slot(302, at("2030-01-08 18:00"), at("2030-01-08 19:00"), 2, "Spinning", "Hard", "Studio B")
OPEN = Slot(303, at("2030-01-09 09:00"), at("2030-01-09 10:00"), 0, "Open day", "", "Hall")
EARLY = Slot(300, at("2030-01-07 09:00"), at("2030-01-07 10:00"), 5, "Early", "", "")
SLOTS = [SPIN, OPEN, YOGA, EARLY]


def offered(
    slots: list[Slot], taken: dict[int, int], start_from: datetime, include_full: bool, limit: int
) -> list[FreeSpace]:
    """What a schedule's slot index hands over: the slots from ``start_from`` on, by start."""
    from_then_on = sorted((s for s in slots if s.start >= start_from), key=lambda s: (s.start, s.id))
    return free_in_slots(from_then_on, lambda slot_id: taken.get(slot_id, 0), include_full, limit)


def places(spaces: list[FreeSpace]) -> list[tuple[int, int]]:
    return [(space.slot.id, space.count) for space in spaces if space.slot is not None]


def test_slots_starting_at_or_after_the_time_come_in_time_order_with_places_left() -> None:
    spaces = offered(SLOTS, {YOGA.id: 3, SPIN.id: 1}, at("2030-01-08 09:00"), False, 10)
    assert places(spaces) == [(YOGA.id, 7), (SPIN.id, 1), (OPEN.id, 0)]
    first = spaces[0]
    assert (first.start, first.finish, first.title, first.resource_id) == (
        YOGA.start,
        YOGA.finish,
        "Yoga",
        None,
    )


def test_a_slot_that_already_began_is_not_offered() -> None:
    spaces = offered(SLOTS, {}, at("2030-01-08 09:01"), False, 10)
    assert places(spaces) == [(SPIN.id, 2), (OPEN.id, 0)]


def test_full_slots_are_left_out_unless_asked_for_and_then_count_zero() -> None:
    taken = {YOGA.id: 10, SPIN.id: 3}  # spinning even over capacity
    assert places(offered(SLOTS, taken, at("2030-01-07 00:00"), False, 10)) == [
        (EARLY.id, 5),
        (OPEN.id, 0),
    ]
    assert places(offered(SLOTS, taken, at("2030-01-07 00:00"), True, 10)) == [
        (EARLY.id, 5),
        (YOGA.id, 0),
        (SPIN.id, 0),
        (OPEN.id, 0),
    ]


def test_a_slot_without_capacity_limit_is_always_offered_with_count_zero() -> None:
    spaces = offered([OPEN], {OPEN.id: 500}, at("2030-01-01 00:00"), False, 10)
    assert places(spaces) == [(OPEN.id, 0)]


def test_slots_starting_together_are_ordered_by_id() -> None:
    twin = Slot(299, YOGA.start, YOGA.finish, 4, "Pilates", "", "")
    assert places(offered([YOGA, twin], {}, YOGA.start, False, 10)) == [(299, 4), (YOGA.id, 10)]


@pytest.mark.parametrize("limit", [1, 2, 3])
def test_limit_caps_the_slots_offered_and_full_ones_do_not_use_it_up(limit: int) -> None:
    taken = {EARLY.id: 5, YOGA.id: 10}
    spaces = offered(SLOTS, taken, at("2030-01-07 00:00"), False, limit)
    assert places(spaces) == [(SPIN.id, 2), (OPEN.id, 0)][:limit]


def test_a_resource_with_no_gap_long_enough_is_read_only_as_far_as_the_answer_needs() -> None:
    """Room A is booked half-hour on, half-hour off for a year, so no gap of an hour; Room B is
    free. The answer is Room B's first days, and Room A's year of bookings is not walked to learn
    that it adds nothing before them."""
    start, half = MONDAY_MORNING, HOUR / 2
    busy = [
        Booking(next(_ids), 1, start, start, start + n * HOUR, start + n * HOUR + half, resource_id=ROOM_A)
        for n in range(24 * 366)
    ]
    read = 0

    def tally(booking: Booking) -> Booking:
        nonlocal read
        read += 1
        return booking

    def bookings_of(resource_id: int | None, since: datetime) -> Iterator[Booking]:
        return map(tally, busy if resource_id == ROOM_A else [])

    spaces = free_on_resources(ABC, OFFICE, bookings_of, start, HOUR, [ROOM_A, ROOM_B], 3)
    assert stretches(spaces) == [
        (ROOM_B, "2030-01-07 08:00:00", "2030-01-07 18:00:00"),
        (ROOM_B, "2030-01-08 08:00:00", "2030-01-08 18:00:00"),
        (ROOM_B, "2030-01-09 08:00:00", "2030-01-09 18:00:00"),
    ]
    assert read <= 24 * 7  # the days answered and a few more: not the 8,784 of the year
