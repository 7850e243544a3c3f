"""The booking indexes: time order, ranges, and overlap searches that reach back far enough."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from fakesaas.supersaas.domain.booking_index import BookingIndex, TimeIndex, time_key
from fakesaas.supersaas.domain.records import Booking

CREATED = datetime(2030, 1, 1, tzinfo=UTC)
moments = st.datetimes(datetime(1, 1, 1), datetime(9999, 12, 31))
booking_ids = st.integers(1, 2**40 - 1)


def booking(booking_id: int, start: datetime, hours: float = 1, **fields: object) -> Booking:
    finish = start + timedelta(hours=hours)
    return Booking(booking_id, 1, CREATED, CREATED, start, finish, **fields)  # type: ignore[arg-type]


@given(a=st.tuples(st.none() | moments, booking_ids), b=st.tuples(st.none() | moments, booking_ids))
def test_keys_order_like_start_then_id_with_no_start_first(
    a: tuple[datetime | None, int], b: tuple[datetime | None, int]
) -> None:
    def natural(item: tuple[datetime | None, int]) -> tuple[datetime, int]:
        return (item[0] or datetime.min, item[1])

    assert (time_key(*a) < time_key(*b)) == (natural(a) < natural(b))


@given(
    moment=st.datetimes(datetime(2, 1, 1), datetime(9998, 12, 31), timezones=st.timezones()),
    booking_id=booking_ids,
)
def test_an_aware_time_keys_as_its_utc_wall_time(moment: datetime, booking_id: int) -> None:
    """The changes report orders bookings by their last change, an aware UTC time; a booking's
    key does not depend on the zone its time is given in."""
    assert time_key(moment, booking_id) == time_key(moment.astimezone(UTC).replace(tzinfo=None), booking_id)


@given(
    starts=st.lists(st.tuples(moments, booking_ids), unique_by=lambda item: item[1], max_size=30),
    since=st.none() | moments,
    until=st.none() | moments,
)
def test_ids_are_those_starting_in_the_range_by_start(
    starts: list[tuple[datetime, int]], since: datetime | None, until: datetime | None
) -> None:
    index = TimeIndex()
    for start, booking_id in starts:
        index.add(booking(booking_id, start, hours=0), time_key(start, booking_id))
    expected = [
        booking_id
        for start, booking_id in sorted(starts)
        if (since is None or start >= since) and (until is None or start < until)
    ]
    assert list(index.ids(since, until)) == expected
    assert list(index.ids(since, until, reverse=True)) == expected[::-1]


def test_an_overlap_search_reaches_back_to_the_longest_booking() -> None:
    index = TimeIndex()
    week_long = booking(1, datetime(2030, 1, 1, 9), hours=24 * 7)
    index.add(week_long, time_key(week_long.start, 1))
    index.add(booking(2, datetime(2030, 1, 5, 9)), time_key(datetime(2030, 1, 5, 9), 2))
    nearby = list(index.may_run_ids(datetime(2030, 1, 6, 9), datetime(2030, 1, 6, 10)))
    assert nearby == [1, 2]  # the caller keeps those still running: the week-long one


def test_a_changed_booking_moves_between_indexes_and_a_deleted_one_leaves() -> None:
    index = BookingIndex()
    first = booking(1, datetime(2030, 1, 1, 9), resource_id=7, user_id=3)
    index.replace(None, first)
    moved = booking(1, datetime(2030, 1, 2, 9), resource_id=8, user_id=3)
    index.replace(first, moved)
    assert list(index.resource(1, 7).ids()) == []
    assert list(index.resource(1, 8).ids()) == [1]
    assert list(index.user(1, 3).ids(datetime(2030, 1, 2))) == [1]
    gone = booking(1, datetime(2030, 1, 2, 9), resource_id=8, user_id=3, deleted=True)
    index.replace(moved, gone)
    assert list(index.schedule(1).ids()) == []
    assert list(index.user(1, 3).ids()) == []


def test_slot_places_follow_the_waiting_list() -> None:
    index = BookingIndex()
    waiting = booking(1, datetime(2030, 1, 1, 9), slot_id=5, waitlisted=True)
    index.replace(None, waiting)
    assert (index.seated(5), index.waiting(5)) == (set(), {1})
    seated = booking(1, datetime(2030, 1, 1, 9), slot_id=5, waitlisted=False)
    index.replace(waiting, seated)
    assert (index.seated(5), index.waiting(5)) == ({1}, set())
