"""What a client reads of start times and bookings, worked out the quick way, is what working it
out afresh gives: the kept matrix answers (``present.matrix``), the days a booking is listed on
and the booked days of a range (``BookingIndex``), and a moment written as Y-m-d H:i:s."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from types import MappingProxyType

from hypothesis import given
from hypothesis import strategies as st

from fakesaas.simplybook import present
from fakesaas.simplybook.domain.records import Booking, BookingIndex
from fakesaas.simplybook.domain.values import format_date, format_datetime, format_time

T0 = datetime(2030, 1, 1)
FIRST = date(2030, 1, 6)

starts = st.lists(st.integers(0, 2 * 86_400 - 1), max_size=6).map(lambda found: tuple(sorted(set(found))))
days = st.dictionaries(
    st.integers(0, 60).map(lambda n: FIRST + timedelta(days=n)),
    # Equal tuples that are not the same object too: a day worked out afresh is a new tuple.
    st.sampled_from([(), (32_400,), (32_400, 34_200)]).map(tuple) | starts,
    max_size=40,
)


def written(matrix: Mapping[date, tuple[int, ...]]) -> dict[str, tuple[str, ...]]:
    return {format_date(day): tuple(map(format_time, times)) for day, times in matrix.items()}


@given(st.lists(days, min_size=1, max_size=4), st.booleans())
def test_a_matrix_answer_names_each_day_with_its_times_whatever_was_asked_before(
    asked: list[dict[date, tuple[int, ...]]], read_only: bool
) -> None:
    # The engine hands out read-only mappings, the same one while nothing changes: those
    # answers are kept.
    shown: list[Mapping[date, tuple[int, ...]]] = [MappingProxyType(m) if read_only else m for m in asked]
    for matrix in shown + shown[::-1]:
        answer = present.matrix(matrix)
        assert answer == written(matrix)
        assert list(answer) == [format_date(day) for day in matrix]  # in the days' order
        answer.clear()  # an answer is the caller's own: changing it changes no later one
        answer["2030-01-06"] = ("changed",)


@given(
    st.lists(st.tuples(st.integers(0, 80), st.integers(0, 47), st.sampled_from([30, 60, 1500, 3000]))),
    st.integers(-10, 70),
    st.integers(1, 40),
)
def test_the_booked_days_of_a_range_are_those_with_a_booking_listed(
    booked: list[tuple[int, int, int]], offset: int, size: int
) -> None:
    index = BookingIndex()
    for number, (day, half_hour, minutes) in enumerate(booked, start=1):
        start = datetime.combine(FIRST + timedelta(days=day), datetime.min.time()) + timedelta(
            minutes=30 * half_hour
        )
        index.add(Booking(number, 1, 7, 1, start, start + timedelta(minutes=minutes), "c", "h", T0))
    range_ = [FIRST + timedelta(days=offset + n) for n in range(size)]
    expected = [n for n, day in enumerate(range_) if index.on(7, day)]
    assert sorted(index.listed(7, range_)) == expected


@given(
    st.datetimes(datetime(2030, 1, 1), datetime(2030, 3, 1)),
    st.integers(0, 3 * 24 * 60) | st.sampled_from([0, 60, 24 * 60, 2 * 24 * 60]),
    st.sampled_from([0, 10, 45]),
    st.booleans(),
)
def test_a_booking_is_listed_on_every_day_it_keeps_its_provider_busy(
    start: datetime, minutes: int, buffer: int, on_a_midnight: bool
) -> None:
    if on_a_midnight:
        start = datetime.combine(start.date(), datetime.min.time())
    booking = Booking(1, 1, 7, 1, start, start + timedelta(minutes=minutes), "c", "h", T0, buffer=buffer)
    index = BookingIndex()
    index.add(booking)
    busy_until = booking.end + timedelta(minutes=buffer)
    # Its start's day, and each later day whose midnight comes before the provider is free.
    expected = [start.date()]
    while datetime.combine(expected[-1] + timedelta(days=1), datetime.min.time()) < busy_until:
        expected.append(expected[-1] + timedelta(days=1))
    listed = [start.date() + timedelta(days=n) for n in range(-2, 6)]
    assert [day for day in listed if index.on(7, day)] == expected
    index.remove(booking)
    assert not any(index.on(7, day) for day in listed)


@given(st.datetimes() | st.datetimes(timezones=st.just(UTC)))
def test_a_moment_is_written_as_y_m_d_h_i_s_in_any_year(moment: datetime) -> None:
    assert format_datetime(moment) == moment.strftime("%Y-%m-%d %H:%M:%S")
