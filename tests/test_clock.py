"""The system clock: real time in whole seconds, whichever way real time moves."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fakesaas.core import clock as clock_module
from fakesaas.core.clock import SystemClock


def test_the_system_clock_follows_real_time_second_by_second_also_when_it_is_stepped_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The clock keeps the datetime of the last second it was asked in: within that second it is
    the same moment, and any other second (later, or earlier after the machine's clock was set
    back) is read afresh."""
    readings = [1_800_000_000.2, 1_800_000_000.9, 1_800_000_001.0, 1_799_999_999.5, 1_800_000_001.7]
    monkeypatch.setattr(clock_module.time, "time", lambda: readings[0])
    system = SystemClock()
    seen = []
    while readings:
        seen.append(system.now())
        readings.pop(0)
    assert seen == [
        datetime.fromtimestamp(second, UTC)
        for second in (1_800_000_000, 1_800_000_000, 1_800_000_001, 1_799_999_999, 1_800_000_001)
    ]
    assert all(moment.tzinfo is UTC and moment.microsecond == 0 for moment in seen)


@given(nanoseconds=st.lists(st.integers(0, 4_102_444_800 * 10**9), min_size=1, max_size=20))
def test_the_precise_clock_is_real_time_cut_to_the_millisecond_whichever_way_it_moves(
    nanoseconds: list[int],
) -> None:
    """Seats.io shows milliseconds: the clock's precise moment is real time with its microseconds
    cut to whole milliseconds, exactly, for any reading up to 2100, asked in any order and again
    within the same millisecond."""
    system = SystemClock()
    readings = [n for reading in nanoseconds for n in (reading, reading)]  # each asked twice
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(clock_module.time, "time_ns", lambda: readings[0])
        for reading in list(readings):
            moment = system.precise_now()
            readings.pop(0)
            exact = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=reading // 1_000_000 * 1000)
            assert moment == exact
            assert moment.tzinfo is UTC
