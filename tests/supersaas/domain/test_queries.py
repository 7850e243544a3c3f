"""Read queries on the demo account: recent changes, a user's agenda, a time range and free time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from fakesaas.core.clock import ManualClock
from fakesaas.core.errors import NotForService, NotFound, PermissionDenied, Unprocessable
from fakesaas.supersaas.domain.accounts import Account, SuperSaas
from fakesaas.supersaas.domain.availability import FreeSpace
from fakesaas.supersaas.domain.bookings import create_booking, delete_booking, update_booking
from fakesaas.supersaas.domain.context import Context
from fakesaas.supersaas.domain.queries import (
    RangeFilters,
    Window,
    agenda,
    booking_range,
    free,
    recent_changes,
)
from fakesaas.supersaas.domain.records import Booking
from fakesaas.supersaas.domain.schedules import Resource, Schedule, ScheduleKind
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
    BOB_ROOM_2,
    CAROL,
    CAROL_HAIRCUT,
    CAROL_POTTERY,
    CAROL_ROOM_1,
    CLASSES,
    POTTERY_TOMORROW,
    ROOM_1,
    ROOM_2,
    ROOMS,
    SERVICES,
    SPINNING_TOMORROW,
    T0,
    WENDY_WAITING,
    WORKSHOPS,
    YOGA_TOMORROW,
)

HAIRCUT = 250001
EVERYTHING = Window()
MINUTE = timedelta(minutes=1)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def utc_wall(moment: datetime) -> datetime:
    """An aware UTC instant as the naive UTC wall time the change queries take."""
    return moment.astimezone(UTC).replace(tzinfo=None)


def ids(bookings: list[Booking]) -> list[int]:
    return [booking.id for booking in bookings]


def book_room(ctx: Context, start: str, finish: str, resource: int = ROOM_1, user: object = None) -> Booking:
    attributes = {"start": start, "finish": finish, "resource_id": resource}
    return create_booking(ctx, ROOMS, attributes, user, False)


def rename(ctx: Context, booking_id: int, name: str = "Renamed") -> Booking:
    return update_booking(ctx, booking_id, None, {"full_name": name}, False)


def add_schedule(backend: SuperSaas, account: Account, name: str, timezone: str) -> Schedule:
    """A one-desk resource schedule in another time zone, open around the clock."""
    schedule = Schedule(
        backend.next_id("schedule"),
        name,
        ScheduleKind.RESOURCE,
        timezone=timezone,
        resources=[Resource(backend.next_id("resource"), "Desk")],
    )
    account.schedules[schedule.id] = schedule
    return schedule


def changed(ctx: Context, since: datetime | None, until: datetime | None = None, **kw: object) -> list[int]:
    schedule_ref = kw.pop("schedule", ROOMS)
    window = kw.pop("window", EVERYTHING)
    user = kw.pop("user", None)
    assert not kw
    _, found = recent_changes(ctx, schedule_ref, since, until, user, window)  # type: ignore[arg-type]
    return ids(found)


# --- recent_changes -------------------------------------------------------------------------------


@pytest.fixture
def three_changes(ctx: Context, clock: ManualClock) -> None:
    """Alice's room renamed at T0+5, Bob's at T0+10, Carol's deleted at T0+15 (minutes)."""
    clock.set(T0 + 5 * MINUTE)
    rename(ctx, ALICE_ROOM_1)
    clock.set(T0 + 10 * MINUTE)
    rename(ctx, BOB_ROOM_2)
    clock.set(T0 + 15 * MINUTE)
    delete_booking(ctx, CAROL_ROOM_1, None, False)


@pytest.mark.usefixtures("three_changes")
def test_changes_since_a_time_are_the_bookings_changed_strictly_after_it(ctx: Context) -> None:
    assert changed(ctx, utc_wall(T0 + 5 * MINUTE)) == [BOB_ROOM_2, CAROL_ROOM_1]
    assert changed(ctx, utc_wall(T0 + 5 * MINUTE) - timedelta(seconds=1)) == [
        ALICE_ROOM_1,
        BOB_ROOM_2,
        CAROL_ROOM_1,
    ]
    assert changed(ctx, utc_wall(T0 + 15 * MINUTE)) == []


@pytest.mark.usefixtures("three_changes")
def test_changes_until_a_time_leave_out_what_changed_at_or_after_it(ctx: Context) -> None:
    since = utc_wall(T0)
    assert changed(ctx, since, utc_wall(T0 + 10 * MINUTE)) == [ALICE_ROOM_1]
    assert changed(ctx, since, utc_wall(T0 + 10 * MINUTE) + timedelta(seconds=1)) == [
        ALICE_ROOM_1,
        BOB_ROOM_2,
    ]
    assert changed(ctx, since, utc_wall(T0 + 5 * MINUTE)) == []


@pytest.mark.usefixtures("three_changes")
def test_a_deleted_booking_is_listed_as_deleted_at_its_deletion_time(ctx: Context) -> None:
    _, found = recent_changes(ctx, ROOMS, utc_wall(T0 + 10 * MINUTE), None, None, EVERYTHING)
    [carol] = found
    assert (carol.id, carol.deleted, carol.updated_on) == (CAROL_ROOM_1, True, T0 + 15 * MINUTE)


def test_the_seed_bookings_count_as_changed_when_the_demo_was_made(ctx: Context) -> None:
    assert changed(ctx, utc_wall(T0) - MINUTE) == [ALICE_ROOM_1, BOB_ROOM_2, CAROL_ROOM_1]
    assert changed(ctx, utc_wall(T0)) == []


def test_since_is_read_as_utc_not_as_the_schedules_local_time(ctx: Context, clock: ManualClock) -> None:
    clock.set(T0 + 5 * MINUTE)  # 08:05 UTC, 09:05 in Amsterdam
    rename(ctx, ALICE_ROOM_1)
    assert changed(ctx, at("2030-01-07 08:30")) == []
    assert changed(ctx, at("2030-01-07 08:04")) == [ALICE_ROOM_1]


def test_bookings_come_in_the_order_of_their_last_change_each_once(ctx: Context, clock: ManualClock) -> None:
    for minutes, booking_id in [(1, CAROL_ROOM_1), (2, ALICE_ROOM_1), (3, BOB_ROOM_2), (4, CAROL_ROOM_1)]:
        clock.set(T0 + minutes * MINUTE)
        rename(ctx, booking_id, f"change {minutes}")
    assert changed(ctx, utc_wall(T0)) == [ALICE_ROOM_1, BOB_ROOM_2, CAROL_ROOM_1]


def test_bookings_changed_at_the_same_moment_come_in_id_order(ctx: Context, clock: ManualClock) -> None:
    clock.set(T0 + MINUTE)
    for booking_id in (CAROL_ROOM_1, ALICE_ROOM_1):
        rename(ctx, booking_id)
    assert changed(ctx, utc_wall(T0)) == [ALICE_ROOM_1, CAROL_ROOM_1]


def test_without_since_the_ten_most_recent_changes_are_given(ctx: Context, clock: ManualClock) -> None:
    made = []
    for day in range(12):
        clock.set(T0 + (day + 1) * MINUTE)
        made.append(book_room(ctx, f"2030-02-{day + 1:02d} 10:00", f"2030-02-{day + 1:02d} 11:00").id)
    assert changed(ctx, None) == made[2:]
    clock.set(T0 + 20 * MINUTE)
    rename(ctx, ALICE_ROOM_1)
    assert changed(ctx, None) == [*made[3:], ALICE_ROOM_1]


def test_without_since_the_ten_most_recent_break_ties_by_id(ctx: Context, clock: ManualClock) -> None:
    """Twelve bookings all changed in the same second, the newest ids first: the ten given are
    still the ten highest ids, as the order "by change time, then id" says."""
    clock.set(T0 + MINUTE)
    made = [
        book_room(ctx, f"2030-02-{day + 1:02d} 10:00", f"2030-02-{day + 1:02d} 11:00").id for day in range(12)
    ]
    clock.set(T0 + 2 * MINUTE)
    for booking_id in reversed(made):
        rename(ctx, booking_id)
    assert changed(ctx, None) == made[2:]


def test_without_since_fewer_than_ten_changes_are_all_given(ctx: Context) -> None:
    assert changed(ctx, None) == [ALICE_ROOM_1, BOB_ROOM_2, CAROL_ROOM_1]


def test_changes_on_other_schedules_are_not_listed(ctx: Context, clock: ManualClock) -> None:
    clock.set(T0 + MINUTE)
    rename(ctx, ALICE_YOGA)
    create_booking(ctx, CLASSES, {"slot_id": YOGA_TOMORROW}, BOB, False)
    assert changed(ctx, utc_wall(T0)) == []
    assert changed(ctx, utc_wall(T0), schedule=CLASSES)[0] == ALICE_YOGA


@pytest.mark.parametrize("user", [ALICE, str(ALICE), ALICE_NAME, ALICE_FK, "Alice@Example.com"])
def test_changes_can_be_narrowed_to_one_users_bookings(ctx: Context, user: object) -> None:
    assert changed(ctx, None, user=user) == [ALICE_ROOM_1]


def test_user_zero_narrows_changes_to_bookings_without_a_user(ctx: Context, clock: ManualClock) -> None:
    clock.set(T0 + MINUTE)
    anonymous = book_room(ctx, "2030-02-01 10:00", "2030-02-01 11:00")
    assert anonymous.user_id is None
    assert changed(ctx, None, user="0") == [anonymous.id]
    assert changed(ctx, None, user=0) == [anonymous.id]


def test_an_unknown_user_in_changes_is_unprocessable(ctx: Context) -> None:
    with pytest.raises(Unprocessable, match="User not found"):
        changed(ctx, None, user="nobody@example.com")


def test_an_unknown_schedule_in_changes_is_not_found(ctx: Context) -> None:
    with pytest.raises(NotFound):
        changed(ctx, None, schedule=999)


def test_a_window_pages_through_the_changes(ctx: Context) -> None:
    assert changed(ctx, None, window=Window(limit=2)) == [ALICE_ROOM_1, BOB_ROOM_2]
    assert changed(ctx, None, window=Window(limit=1, offset=1)) == [BOB_ROOM_2]
    assert changed(ctx, None, window=Window(offset=2)) == [CAROL_ROOM_1]
    assert changed(ctx, None, window=Window(offset=5)) == []


def test_a_checksum_reads_changes_only_about_its_own_user(as_user: Callable[[str], Context]) -> None:
    alice = as_user(ALICE_NAME)
    assert changed(alice, None, user=ALICE) == [ALICE_ROOM_1]
    for user in (BOB, "0", None):
        with pytest.raises(PermissionDenied):
            changed(alice, None, user=user)


# --- agenda ---------------------------------------------------------------------------------------


def agenda_ids(
    ctx: Context, schedule: object, user: object, since: datetime | None = None
) -> list[list[int]]:
    return [ids(found) for _, found in agenda(ctx, schedule, user, since)]


@pytest.mark.parametrize("user", [None, ""])
def test_an_agenda_needs_a_user(ctx: Context, user: object) -> None:
    with pytest.raises(Unprocessable) as exc:
        agenda(ctx, ROOMS, user, None)
    assert exc.value.field == "user"


def test_an_agenda_for_an_unknown_user_is_unprocessable(ctx: Context) -> None:
    with pytest.raises(Unprocessable, match="User not found"):
        agenda(ctx, ROOMS, "nobody@example.com", None)


@pytest.mark.parametrize("user", [ALICE, ALICE_NAME, ALICE_FK])
def test_an_agenda_on_one_schedule_holds_the_users_upcoming_bookings_there(
    ctx: Context, user: object
) -> None:
    [(schedule, found)] = agenda(ctx, CLASSES, user, None)
    assert schedule.id == CLASSES
    assert ids(found) == [ALICE_YOGA, ALICE_SPINNING]


def test_an_agenda_without_a_schedule_covers_every_schedule_in_id_order(ctx: Context) -> None:
    result = agenda(ctx, None, ALICE, None)
    assert [schedule.id for schedule, _ in result] == [ROOMS, CLASSES, SERVICES, WORKSHOPS]
    assert [ids(found) for _, found in result] == [
        [ALICE_ROOM_1],
        [ALICE_YOGA, ALICE_SPINNING],
        [],
        [ALICE_POTTERY],
    ]
    assert agenda_ids(ctx, "", CAROL) == [[CAROL_ROOM_1], [], [CAROL_HAIRCUT], [CAROL_POTTERY]]


def test_an_agenda_is_in_start_order_whatever_the_order_of_booking(ctx: Context) -> None:
    early = book_room(ctx, "2030-01-08 08:00", "2030-01-08 09:00", user=ALICE)
    late = book_room(ctx, "2030-01-20 08:00", "2030-01-20 09:00", user=ALICE)
    assert agenda_ids(ctx, ROOMS, ALICE) == [[early.id, ALICE_ROOM_1, late.id]]


def test_an_agenda_starts_at_the_time_given_including_a_booking_starting_then(ctx: Context) -> None:
    assert agenda_ids(ctx, ROOMS, CAROL, at("2030-01-09 09:00")) == [[CAROL_ROOM_1]]
    assert agenda_ids(ctx, ROOMS, CAROL, at("2030-01-09 09:01")) == [[]]
    assert agenda_ids(ctx, ROOMS, ALICE, at("2030-01-01 00:00")) == [[ALICE_ROOM_1]]


def test_an_agenda_by_default_starts_now_leaving_out_what_began(ctx: Context, clock: ManualClock) -> None:
    clock.set(datetime(2030, 1, 8, 9, 30, tzinfo=UTC))  # 10:30 in Amsterdam
    assert agenda_ids(ctx, ROOMS, ALICE) == [[]]  # began at 10:00 local
    assert agenda_ids(ctx, CLASSES, ALICE) == [[ALICE_SPINNING]]


def test_an_agendas_now_is_read_in_each_schedules_own_time_zone(
    ctx: Context, backend: SuperSaas, account: Account
) -> None:
    # Now is 08:00 UTC: 09:00 in Amsterdam, 17:00 in Tokyo.
    tokyo = add_schedule(backend, account, "Tokyo", "Asia/Tokyo")
    london = add_schedule(backend, account, "London", "UTC")
    mine = {}
    for schedule, start in [(tokyo, "16:30"), (tokyo, "17:30"), (london, "08:30"), (london, "07:30")]:
        finish = f"{start[:2]}:59"
        attributes = {"start": f"2030-01-07 {start}", "finish": f"2030-01-07 {finish}"}
        mine[(schedule.id, start)] = create_booking(ctx, schedule.id, attributes, BOB, False).id
    early_room = book_room(ctx, "2030-01-07 08:30", "2030-01-07 08:45", resource=ROOM_2, user=BOB)
    result = {schedule.id: ids(found) for schedule, found in agenda(ctx, None, BOB, None)}
    assert result[tokyo.id] == [mine[(tokyo.id, "17:30")]]
    assert result[london.id] == [mine[(london.id, "08:30")]]
    assert early_room.id not in result[ROOMS]
    assert result[ROOMS] == [BOB_ROOM_2]


def test_an_agenda_leaves_out_deleted_bookings(ctx: Context) -> None:
    delete_booking(ctx, ALICE_SPINNING, None, False)
    assert agenda_ids(ctx, CLASSES, ALICE) == [[ALICE_YOGA]]


def test_an_agenda_for_user_zero_holds_the_bookings_without_a_user(ctx: Context) -> None:
    assert agenda_ids(ctx, WORKSHOPS, "0") == [[WENDY_WAITING]]


def test_a_checksum_reads_only_its_own_agenda(as_user: Callable[[str], Context]) -> None:
    alice = as_user(ALICE_NAME)
    assert agenda_ids(alice, ROOMS, ALICE_FK) == [[ALICE_ROOM_1]]
    assert agenda_ids(alice, None, ALICE)[1] == [ALICE_YOGA, ALICE_SPINNING]
    for user in (BOB, BOB_NAME, "0"):
        with pytest.raises(PermissionDenied):
            agenda(alice, ROOMS, user, None)


def test_an_agenda_on_an_unknown_schedule_is_not_found(ctx: Context) -> None:
    with pytest.raises(NotFound):
        agenda(ctx, 999, ALICE, None)


# --- booking_range --------------------------------------------------------------------------------


def in_range(
    ctx: Context,
    schedule: object = ROOMS,
    today: bool = False,
    since: str | None = None,
    until: str | None = None,
    filters: RangeFilters | None = None,
    window: Window = EVERYTHING,
) -> list[int]:
    _, found = booking_range(
        ctx,
        schedule,
        today,
        at(since) if since else None,
        at(until) if until else None,
        filters or RangeFilters(),
        window,
    )
    return ids(found)


def test_today_is_the_schedules_local_day_not_the_utc_day(
    ctx: Context, clock: ManualClock, backend: SuperSaas, account: Account
) -> None:
    london = add_schedule(backend, account, "London", "UTC")
    late = create_booking(
        ctx, london.id, {"start": "2030-01-07 23:45", "finish": "2030-01-08 00:15"}, None, False
    )
    create_booking(ctx, london.id, {"start": "2030-01-08 10:00", "finish": "2030-01-08 11:00"}, None, False)
    clock.set(datetime(2030, 1, 7, 23, 30, tzinfo=UTC))  # already 00:30 on the 8th in Amsterdam
    assert in_range(ctx, ROOMS, today=True) == [ALICE_ROOM_1, BOB_ROOM_2]
    assert in_range(ctx, london.id, today=True) == [late.id]


def test_today_runs_from_local_midnight_to_the_next_midnight(ctx: Context) -> None:
    last = book_room(ctx, "2030-01-07 23:00", "2030-01-08 00:00", resource=ROOM_2)
    book_room(ctx, "2030-01-08 00:00", "2030-01-08 01:00", resource=ROOM_2)
    first = book_room(ctx, "2030-01-07 00:00", "2030-01-07 00:30", resource=ROOM_2)
    book_room(ctx, "2030-01-06 23:30", "2030-01-07 00:00", resource=ROOM_2)
    assert in_range(ctx, today=True) == [first.id, last.id]


def test_a_range_holds_bookings_starting_at_since_but_not_at_until(ctx: Context) -> None:
    assert in_range(ctx, since="2030-01-08 10:00", until="2030-01-08 14:00") == [ALICE_ROOM_1]
    assert in_range(ctx, since="2030-01-08 10:00", until="2030-01-08 14:01") == [ALICE_ROOM_1, BOB_ROOM_2]


def test_a_booking_running_into_the_range_from_before_is_not_in_it(ctx: Context) -> None:
    assert in_range(ctx, since="2030-01-08 10:30", until="2030-01-08 12:00") == []


def test_a_range_with_only_since_runs_on_and_only_until_runs_up_to_it(ctx: Context) -> None:
    assert in_range(ctx, since="2030-01-08 14:00") == [BOB_ROOM_2, CAROL_ROOM_1]
    assert in_range(ctx, until="2030-01-09 00:00") == [ALICE_ROOM_1, BOB_ROOM_2]


def test_a_range_without_bounds_is_everything_from_now_in_local_time(
    ctx: Context, clock: ManualClock
) -> None:
    clock.set(datetime(2030, 1, 8, 9, 30, tzinfo=UTC))  # 10:30 in Amsterdam: Alice's began at 10:00
    assert in_range(ctx) == [BOB_ROOM_2, CAROL_ROOM_1]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (RangeFilters(user=ALICE), [ALICE_ROOM_1]),
        (RangeFilters(user=BOB_NAME), [BOB_ROOM_2]),
        (RangeFilters(resource_id=ROOM_1), [ALICE_ROOM_1, CAROL_ROOM_1]),
        (RangeFilters(resource_id=str(ROOM_2)), [BOB_ROOM_2]),
        (RangeFilters(user=CAROL, resource_id=ROOM_2), []),
        (RangeFilters(resource_id=""), [ALICE_ROOM_1, BOB_ROOM_2, CAROL_ROOM_1]),
    ],
)
def test_a_range_can_be_narrowed_by_user_and_resource(
    ctx: Context, filters: RangeFilters, expected: list[int]
) -> None:
    assert in_range(ctx, since="2030-01-01 00:00", filters=filters) == expected


def test_a_range_on_a_service_schedule_can_be_narrowed_by_service(ctx: Context) -> None:
    since = "2030-01-01 00:00"
    assert in_range(ctx, SERVICES, since=since, filters=RangeFilters(service_id=HAIRCUT)) == [CAROL_HAIRCUT]
    assert in_range(ctx, SERVICES, since=since, filters=RangeFilters(service_id=HAIRCUT + 1)) == []


def test_a_range_for_user_zero_holds_bookings_without_a_user(ctx: Context) -> None:
    assert in_range(ctx, WORKSHOPS, since="2030-01-01 00:00", filters=RangeFilters(user="0")) == [
        WENDY_WAITING
    ]


@pytest.mark.parametrize("field", ["resource_id", "service_id"])
def test_a_range_filter_id_that_is_not_a_number_is_unprocessable(ctx: Context, field: str) -> None:
    with pytest.raises(Unprocessable) as exc:
        in_range(ctx, filters=RangeFilters(**{field: "Room 1"}))
    assert exc.value.field == field


def test_a_range_leaves_out_deleted_bookings_and_pages_with_a_window(ctx: Context) -> None:
    delete_booking(ctx, BOB_ROOM_2, None, False)
    assert in_range(ctx, since="2030-01-01 00:00") == [ALICE_ROOM_1, CAROL_ROOM_1]
    assert in_range(ctx, since="2030-01-01 00:00", window=Window(limit=1, offset=1)) == [CAROL_ROOM_1]


def test_a_range_with_a_checksum_must_name_its_own_user(as_user: Callable[[str], Context]) -> None:
    bob = as_user(BOB_NAME)
    assert in_range(bob, since="2030-01-01 00:00", filters=RangeFilters(user=BOB)) == [BOB_ROOM_2]
    for filters in (RangeFilters(), RangeFilters(user=ALICE)):
        with pytest.raises(PermissionDenied):
            in_range(bob, filters=filters)


# --- free -----------------------------------------------------------------------------------------


def free_time(
    ctx: Context,
    schedule: object = ROOMS,
    since: str | None = None,
    length: int | None = None,
    resource: str | None = None,
    full: bool = False,
    limit: int = 10,
) -> list[FreeSpace]:
    _, spaces = free(ctx, schedule, at(since) if since else None, length, resource, full, limit)
    return spaces


def spans(spaces: list[FreeSpace]) -> list[tuple[int | None, str, str]]:
    return [
        (s.resource_id, f"{s.start:%d %H:%M}", f"{s.finish:%d %H:%M}" if s.finish else "-") for s in spaces
    ]


def test_free_time_never_starts_before_now(ctx: Context) -> None:
    # Now is Monday 09:00 in Amsterdam; the rooms open 08:00-18:00 on weekdays.
    expected = [(ROOM_1, "07 09:00", "07 18:00"), (ROOM_2, "07 09:00", "07 18:00")]
    assert spans(free_time(ctx, limit=2)) == expected
    assert spans(free_time(ctx, since="2029-12-01 00:00", limit=2)) == expected


def test_free_time_from_now_is_rounded_up_to_the_next_minute(ctx: Context, clock: ManualClock) -> None:
    clock.set(T0 + timedelta(seconds=30))
    first = free_time(ctx, limit=1)[0]
    assert first.start == at("2030-01-07 09:01")


def test_free_time_from_a_later_time_keeps_whole_minutes_and_rounds_up_seconds(ctx: Context) -> None:
    assert free_time(ctx, since="2030-01-07 12:34", limit=1)[0].start == at("2030-01-07 12:34")
    assert free_time(ctx, since="2030-01-07 12:34:01", limit=1)[0].start == at("2030-01-07 12:35")


def test_free_time_of_the_demo_rooms_follows_hours_and_bookings(ctx: Context) -> None:
    assert spans(free_time(ctx, since="2030-01-08 00:00", limit=6)) == [
        (ROOM_1, "08 08:00", "08 10:00"),
        (ROOM_2, "08 08:00", "08 14:00"),
        (ROOM_1, "08 11:00", "08 18:00"),
        (ROOM_2, "08 15:30", "08 18:00"),
        (ROOM_1, "09 08:00", "09 09:00"),
        (ROOM_2, "09 08:00", "09 18:00"),
    ]


def test_free_time_uses_the_schedules_default_length_unless_given(ctx: Context) -> None:
    default = spans(free_time(ctx, since="2030-01-09 00:00", resource="Room 1", limit=2))
    assert default == [(ROOM_1, "09 08:00", "09 09:00"), (ROOM_1, "09 10:00", "09 18:00")]
    longer = spans(free_time(ctx, since="2030-01-09 00:00", length=61, resource="Room 1", limit=1))
    assert longer == [(ROOM_1, "09 10:00", "09 18:00")]


def test_free_time_skips_the_closed_sunday_and_short_saturday(ctx: Context) -> None:
    found = spans(free_time(ctx, since="2030-01-11 18:00", resource="Room 2", limit=2))
    assert found == [(ROOM_2, "12 10:00", "12 14:00"), (ROOM_2, "14 08:00", "14 18:00")]


@pytest.mark.parametrize("resource", ["Room 2", "room 2", " ROOM 2 ", str(ROOM_2)])
def test_free_time_of_one_resource_by_name_or_id(ctx: Context, resource: str) -> None:
    spaces = free_time(ctx, since="2030-01-08 00:00", resource=resource, limit=3)
    assert {(s.resource_id, s.title) for s in spaces} == {(ROOM_2, "Room 2")}
    assert spans(spaces)[:2] == [(ROOM_2, "08 08:00", "08 14:00"), (ROOM_2, "08 15:30", "08 18:00")]


def test_free_time_of_an_unknown_resource_is_unprocessable(ctx: Context) -> None:
    with pytest.raises(Unprocessable, match="Resource not found"):
        free_time(ctx, resource="Room 3")


def test_free_time_on_a_service_schedule_is_not_supported(ctx: Context) -> None:
    with pytest.raises(NotForService):
        free_time(ctx, SERVICES)


def test_free_time_on_an_unknown_schedule_is_not_found(ctx: Context) -> None:
    with pytest.raises(NotFound):
        free_time(ctx, 999)


def test_a_deleted_booking_frees_its_time(ctx: Context) -> None:
    delete_booking(ctx, ALICE_ROOM_1, None, False)
    found = spans(free_time(ctx, since="2030-01-08 00:00", resource="Room 1", limit=1))
    assert found == [(ROOM_1, "08 08:00", "08 18:00")]


def test_free_places_of_a_capacity_schedule_leave_out_full_slots(ctx: Context) -> None:
    spaces = free_time(ctx, CLASSES, limit=3)
    assert [(s.slot.id, s.count) for s in spaces if s.slot] == [
        (YOGA_TOMORROW, 9),
        (YOGA_TOMORROW + 2, 10),
        (SPINNING_TOMORROW + 2, 2),
    ]
    with_full = free_time(ctx, CLASSES, full=True, limit=2)
    assert [(s.slot.id, s.count) for s in with_full if s.slot] == [(YOGA_TOMORROW, 9), (SPINNING_TOMORROW, 0)]


def test_free_places_never_include_a_slot_that_began(ctx: Context) -> None:
    spaces = free_time(ctx, CLASSES, since="2030-01-08 09:01", full=True, limit=1)
    assert [s.slot.id for s in spaces if s.slot] == [SPINNING_TOMORROW]
    spaces = free_time(ctx, CLASSES, since="2030-01-08 09:00", full=True, limit=1)
    assert [s.slot.id for s in spaces if s.slot] == [YOGA_TOMORROW]


def test_waiting_bookings_take_no_place_in_the_count(ctx: Context) -> None:
    def pottery_tomorrow() -> int:
        [space] = [
            s
            for s in free_time(ctx, WORKSHOPS, full=True, limit=3)
            if s.slot and s.slot.id == POTTERY_TOMORROW
        ]
        return space.count

    assert pottery_tomorrow() == 0  # three seated, Wendy waiting
    delete_booking(ctx, ALICE_POTTERY, None, False)  # Wendy moves up: still full
    assert pottery_tomorrow() == 0
    delete_booking(ctx, WENDY_WAITING, None, False)
    assert pottery_tomorrow() == 1


# --- the ends of time and of counting -------------------------------------------------------------


def test_a_booking_at_the_dawn_of_time_and_a_long_one_never_break_a_search(ctx: Context) -> None:
    """A week-long booking makes every overlap search reach a week back; at year 1 there is no
    week before, and the search must start at the first moment instead of failing."""
    book_room(ctx, "2030-03-01 09:00", "2030-03-08 09:00")
    dawn = book_room(ctx, "0001-01-01 00:00", "0001-01-01 01:00")
    moved = update_booking(ctx, dawn.id, None, {"finish": "0001-01-01 02:00"}, False)
    assert moved.finish == datetime(1, 1, 1, 2)
    _, spaces = free(ctx, ROOMS, None, 60, None, False, 3)
    assert len(spaces) == 3


def test_changes_since_the_last_moment_there_is_are_none(ctx: Context) -> None:
    assert changed(ctx, datetime.max) == []


@pytest.mark.parametrize("limit", [10**30, None])
def test_any_limit_the_api_accepts_pages_without_failing(ctx: Context, limit: int | None) -> None:
    since = datetime(2000, 1, 1)
    _, found = booking_range(ctx, ROOMS, False, since, None, RangeFilters(), Window(limit, offset=10**25))
    assert found == []
    _, everything = booking_range(ctx, ROOMS, False, since, None, RangeFilters(), Window(limit))
    assert len(everything) == len(list(ctx.account.bookings_of(ROOMS)))
