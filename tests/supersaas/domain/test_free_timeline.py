"""Free time kept between queries: a resource's free stretches, once worked out, are read again by
the next query of the day, and dropped when one of its bookings changes."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fakesaas.core.clock import ManualClock
from fakesaas.core.errors import Unavailable, Unprocessable
from fakesaas.supersaas.domain.accounts import Account
from fakesaas.supersaas.domain.actors import ADMIN
from fakesaas.supersaas.domain.availability import BookingsOf, Timeline, free_on_resources
from fakesaas.supersaas.domain.booking_index import BookingIndex, TimeIndex
from fakesaas.supersaas.domain.bookings import create_booking, delete_booking, update_booking
from fakesaas.supersaas.domain.context import Context
from fakesaas.supersaas.domain.hours import DAY_NAMES, OpeningHours
from fakesaas.supersaas.domain.queries import free
from fakesaas.supersaas.domain.records import Booking
from fakesaas.supersaas.domain.schedules import Resource, Schedule, ScheduleKind
from tests.supersaas.domain.test_read_properties import fresh

MONDAY = datetime(2030, 1, 7)
NOW = datetime(2030, 1, 7, 6, 0, tzinfo=UTC)  # 07:00 in Amsterdam, the seeded schedule's zone
QUARTER = timedelta(minutes=15)
HOUR = timedelta(hours=1)
OFFICE = OpeningHours.parse({day: "08:00-18:00" for day in ("mon", "tue", "wed", "thu", "fri")})
ROOMS = Schedule(1, "Rooms", ScheduleKind.RESOURCE, resources=[Resource(11, "A"), Resource(12, "B")])


def _spans(draw: st.DrawFn) -> list[str]:
    quarters = sorted(draw(st.sets(st.integers(0, 96), max_size=4)))
    pairs = list(zip(quarters[::2], quarters[1::2], strict=False))
    return [f"{o * 15 // 60:02d}:{o * 15 % 60:02d}-{c * 15 // 60:02d}:{c * 15 % 60:02d}" for o, c in pairs]


@st.composite
def weeks(draw: st.DrawFn) -> dict[str, list[str]]:
    if draw(st.booleans()):  # open around the clock: every booking asked for is made
        return {day: ["00:00-24:00"] for day in DAY_NAMES}
    return {day: _spans(draw) for day in DAY_NAMES}


STEPS = st.one_of(
    st.tuples(st.just("book"), st.sampled_from(["A", "B"]), st.integers(0, 3 * 96), st.integers(1, 40)),
    st.tuples(st.just("move"), st.integers(0, 30), st.integers(-96, 96)),
    st.tuples(st.just("delete"), st.integers(0, 30)),
    st.tuples(
        st.just("ask"),
        st.integers(0, 3 * 24 * 60),
        st.none() | st.integers(1, 6 * 60),
        st.sampled_from([None, "A", "B"]),
        st.integers(1, 8),
    ),
    st.tuples(st.just("clock"), st.integers(0, 3 * 24 * 60)),
    st.tuples(st.just("hours"), weeks()),
)


def _wall(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def _without_kept(account: Account) -> Account:
    """The account as it is, with an index that keeps nothing yet (the index comes back from a
    pickle as it would from a saved world)."""
    index: BookingIndex = pickle.loads(pickle.dumps(account.index))
    return dataclasses.replace(account, index=index)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(week=weeks(), steps=st.lists(STEPS, max_size=30))
def test_free_time_asked_between_changes_is_what_a_search_from_nothing_finds(
    week: dict[str, list[str]], steps: list[tuple[object, ...]]
) -> None:
    """Rule: whatever was asked before, and whatever changed since (bookings made, moved or
    deleted, the clock moving on, the opening hours replaced), /api/free answers what a search that
    keeps nothing finds."""
    clock = ManualClock(NOW)
    account, ctx, schedule_id = fresh(
        {"name": "Lab", "kind": "resource", "hours": week, "resources": ["A", "B"]}, clock
    )
    made: list[int] = []
    for step in steps:
        kind = step[0]
        try:
            if kind == "book":
                _, name, start_q, length_q = step
                start = MONDAY + QUARTER * int(start_q)  # type: ignore[call-overload]
                finish = start + QUARTER * int(length_q)  # type: ignore[call-overload]
                attributes = {"start": _wall(start), "finish": _wall(finish), "resource_id": name}
                made.append(create_booking(ctx, schedule_id, attributes, None, False).id)
            elif kind == "move" and made:
                booking = account.bookings[made[int(step[1]) % len(made)]]  # type: ignore[call-overload]
                if booking.deleted or booking.start is None or booking.finish is None:
                    continue
                shift = QUARTER * int(step[2])  # type: ignore[call-overload]
                moved = {"start": _wall(booking.start + shift), "finish": _wall(booking.finish + shift)}
                update_booking(ctx, booking.id, None, moved, False)
            elif kind == "delete" and made:
                booking_id = made[int(step[1]) % len(made)]  # type: ignore[call-overload]
                if not account.bookings[booking_id].deleted:
                    delete_booking(ctx, booking_id, None, False)
            elif kind == "clock":
                clock.advance(timedelta(minutes=int(step[1])))  # type: ignore[call-overload]
            elif kind == "hours":
                account.schedules[schedule_id].hours = OpeningHours.parse(step[1])  # type: ignore[arg-type]
            elif kind == "ask":
                _, minutes, length, resource, limit = step
                since = MONDAY + timedelta(minutes=int(minutes))  # type: ignore[call-overload]
                asked = (since, length, resource, False, limit)
                _, kept = free(ctx, schedule_id, *asked)  # type: ignore[arg-type]
                searched = Context(ctx.backend, _without_kept(account), ADMIN)
                _, from_nothing = free(searched, schedule_id, *asked)  # type: ignore[arg-type]
                assert kept == from_nothing
        except (Unavailable, Unprocessable):
            continue


def _tallied(bookings: list[Booking]) -> tuple[list[int], BookingsOf]:
    read = [0]

    def bookings_of(resource_id: int | None, since: datetime) -> list[Booking]:
        mine = [b for b in bookings if b.resource_id == resource_id]
        read[0] += len(mine)
        return mine

    return read, bookings_of


def test_a_second_query_of_the_day_reads_no_booking_again_until_one_changes() -> None:
    created = datetime(2030, 1, 1, tzinfo=UTC)
    lunch = Booking(1, 1, created, created, MONDAY.replace(hour=12), MONDAY.replace(hour=13), resource_id=11)
    read, bookings_of = _tallied([lunch])
    keepers = {11: TimeIndex(), 12: TimeIndex()}

    def ask(start_from: datetime, length: timedelta = HOUR) -> list[tuple[int | None, datetime]]:
        spaces = free_on_resources(
            ROOMS,
            OFFICE,
            bookings_of,
            start_from,
            length,
            [11, 12],
            4,
            keepers.get,  # type: ignore[arg-type]
        )
        return [(space.resource_id, space.start) for space in spaces]

    morning = MONDAY.replace(hour=8)
    assert ask(morning) == [
        (11, morning),
        (12, morning),
        (11, MONDAY.replace(hour=13)),
        (11, morning + 24 * HOUR),
    ]
    assert read[0] == 1
    # Later the same day, another length: the stretches worked out are read again, not the bookings.
    assert ask(MONDAY.replace(hour=9), 2 * HOUR) == [
        (11, MONDAY.replace(hour=9)),
        (12, MONDAY.replace(hour=9)),
        (11, MONDAY.replace(hour=13)),
        (11, morning + 24 * HOUR),
    ]
    assert read[0] == 1
    # A change to room A's bookings drops what its index kept: the next query reads them again.
    keepers[11].add(lunch, 0)
    ask(MONDAY.replace(hour=10))
    assert read[0] == 2
    # The next day is worked out from that day's midnight.
    ask(morning + 24 * HOUR)
    assert read[0] == 3


def test_what_an_index_keeps_is_never_saved_or_copied_with_it() -> None:
    index = TimeIndex()
    index.derived = Timeline(OFFICE, MONDAY, MONDAY + HOUR, MONDAY, iter(()))
    for copied in (pickle.loads(pickle.dumps(index)), copy.deepcopy(index)):
        assert copied.derived is None
        assert copied.longest == index.longest
        assert len(copied) == len(index)


def _around_the_clock() -> tuple[Account, Context, int]:
    week = {day: ["00:00-24:00"] for day in DAY_NAMES}
    return fresh({"name": "Lab", "kind": "resource", "hours": week, "resources": ["A"]}, ManualClock(NOW))


def _free_from(ctx: Context, schedule_id: int, since: datetime) -> list[tuple[datetime, datetime | None]]:
    _, spaces = free(ctx, schedule_id, since, None, None, False, 3)
    return [(space.start, space.finish) for space in spaces]


def test_the_time_of_a_booking_deleted_is_free_at_the_next_query_of_the_day() -> None:
    _, ctx, schedule_id = _around_the_clock()
    ten, eleven = MONDAY.replace(hour=10), MONDAY.replace(hour=11)
    booking = create_booking(ctx, schedule_id, {"start": _wall(ten), "finish": _wall(eleven)}, None, False)
    eight, nine = MONDAY.replace(hour=8), MONDAY.replace(hour=9)
    assert _free_from(ctx, schedule_id, eight) == [(eight, ten), (eleven, None)]
    delete_booking(ctx, booking.id, None, False)
    assert _free_from(ctx, schedule_id, nine) == [(nine, None)]


def test_a_booking_moved_frees_its_old_time_and_takes_the_new_at_the_next_query() -> None:
    _, ctx, schedule_id = _around_the_clock()
    ten, eleven, noon = (MONDAY.replace(hour=hour) for hour in (10, 11, 12))
    booking = create_booking(ctx, schedule_id, {"start": _wall(ten), "finish": _wall(eleven)}, None, False)
    _free_from(ctx, schedule_id, MONDAY.replace(hour=8))
    update_booking(ctx, booking.id, None, {"start": _wall(eleven), "finish": _wall(noon)}, False)
    assert _free_from(ctx, schedule_id, MONDAY.replace(hour=9)) == [
        (MONDAY.replace(hour=9), eleven),
        (noon, None),
    ]
