"""The start-time matrix over a range of days offers, on every day, exactly the grid times the one
rule (``Availability.refusal``) accepts for some provider: whatever the company's grid, lead time,
horizon, break and closing-time settings, days off, holidays, capacities and bookings (those that
run past midnight among them, and hours that let a late start run into the next day), and however
often the same engine is asked."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from fakesaas.core.clock import ManualClock
from fakesaas.simplybook.domain.availability import Availability
from fakesaas.simplybook.domain.companies import Company, Simplybook
from fakesaas.simplybook.domain.demo import demo_section
from fakesaas.simplybook.domain.hours import WeeklyHours
from fakesaas.simplybook.domain.records import Booking
from fakesaas.simplybook.domain.seed import load_section
from fakesaas.simplybook.domain.values import DAY, WEEKDAYS, at
from tests.simplybook.support import ANNA, BEN, CHLOE, HAIRCUT, MASSAGE, T0

pytestmark = pytest.mark.slow  # a few hundred generated companies

FIRST = date(2030, 1, 6)  # the Sunday before the demo clock's Monday
SPAN = 12  # days of each matrix


def reference(
    engine: Availability, company: Company, event_id: int, unit_ids: list[int], count: int
) -> dict[date, list[int]]:
    """Every grid time of every day that ``refusal`` accepts for one of the providers."""
    event = company.catalog.events[event_id]
    units = [company.catalog.units[u] for u in unit_ids]
    step = engine.step
    offered: dict[date, list[int]] = {}
    for n in range(SPAN):
        day = FIRST + timedelta(days=n)
        offered[day] = [
            offset
            for offset in range(0, DAY, step)
            if any(engine.refusal(event, unit, at(day, offset), count) is None for unit in units)
        ]
    return offered


bookings = st.lists(
    st.tuples(
        st.sampled_from([ANNA, BEN, CHLOE]),
        st.integers(0, SPAN - 1),
        st.integers(0, 24 * 4 - 1) | st.sampled_from([0, 1, 94, 95]),  # quarter hours, midnight often
        st.sampled_from([15, 30, 60, 240, 900]),  # minutes: some run past midnight
        st.sampled_from([0, 10, 45]),  # buffer minutes
    ),
    max_size=10,
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    timeframe=st.sampled_from(["15", "30", "60"]),
    lead_hours=st.sampled_from(["0", "5", "30"]),
    horizon_days=st.sampled_from(["0", "3", "8"]),
    over_breaks=st.booleans(),
    past_closing=st.booleans(),
    off=st.sets(st.integers(0, SPAN - 1), max_size=2),
    holidays=st.sets(st.integers(0, SPAN - 1), max_size=2),
    booked=bookings,
    now_hours=st.integers(-30, 60),
    # The lead time cuts a day from the floor on: a floor between grid times, or a hair past one.
    now_seconds=st.sampled_from([0, 1, 899, 900, 901, 1799, 1800]) | st.integers(0, 3599),
    now_micros=st.sampled_from([0, 1, 999_999]),
    choice=st.sampled_from(
        [(HAIRCUT, [ANNA, BEN]), (HAIRCUT, [BEN]), (MASSAGE, [CHLOE]), (MASSAGE, [ANNA, CHLOE])]
    ),
    count=st.integers(1, 3),
    admin=st.booleans(),
    late=st.booleans(),
)
@example(  # Ben's 23:30 haircut would run into his 00:00 booking of the next day
    timeframe="30",
    lead_hours="0",
    horizon_days="0",
    over_breaks=False,
    past_closing=True,
    off=set(),
    holidays=set(),
    booked=[(BEN, 3, 0, 30, 0)],
    now_hours=0,
    now_seconds=0,
    now_micros=0,
    choice=(HAIRCUT, [BEN]),
    count=1,
    admin=False,
    late=True,
)
def test_every_day_of_the_matrix_offers_exactly_what_the_rule_accepts(
    timeframe: str,
    lead_hours: str,
    horizon_days: str,
    over_breaks: bool,
    past_closing: bool,
    off: set[int],
    holidays: set[int],
    booked: list[tuple[int, int, int, int, int]],
    now_hours: int,
    now_seconds: int,
    now_micros: int,
    choice: tuple[int, list[int]],
    count: int,
    admin: bool,
    late: bool,
) -> None:
    (company,) = load_section(Simplybook(ManualClock(T0)), demo_section(T0))
    params = company.settings.params
    params["timeframe"] = timeframe
    params["min_time_till_event"] = lead_hours
    params["max_time_till_event"] = horizon_days
    params["allow_event_breaktime_break"] = "1" if over_breaks else "0"
    params["allow_event_day_break"] = "1" if past_closing else "0"
    anna = company.catalog.units[ANNA]
    company.catalog.units[ANNA] = replace(anna, days_off=frozenset(FIRST + timedelta(days=d) for d in off))
    if late:  # Ben works into the night: a late start may run past midnight into the next day
        late_hours = WeeklyHours.parse(dict.fromkeys(WEEKDAYS, "17:00-23:45"), {"fri": "20:00-21:00"})
        company.catalog.units[BEN] = replace(company.catalog.units[BEN], hours=late_hours)
    company.holidays = frozenset(FIRST + timedelta(days=d) for d in holidays)
    for number, (unit, day, quarter, minutes, buffer) in enumerate(booked, start=1000):
        start = at(FIRST + timedelta(days=day), quarter * 15 * 60)
        end = start + timedelta(minutes=minutes)
        company.store(
            Booking(number, HAIRCUT, unit, 1, start, end, f"c{number}", f"h{number}", T0, buffer=buffer)
        )
    now = datetime(2030, 1, 7, tzinfo=UTC) + timedelta(
        hours=now_hours, seconds=now_seconds, microseconds=now_micros
    )
    engine = Availability(company, now, admin=admin)
    event_id, unit_ids = choice
    event = company.catalog.events[event_id]
    units = [company.catalog.units[u] for u in unit_ids]
    last = FIRST + timedelta(days=SPAN - 1)
    expected = reference(engine, company, event_id, unit_ids, count)
    for _ in range(2):  # the second time from the grids the first one left behind
        found = engine.matrix(event, units, FIRST, last, count)
        assert {day: list(starts) for day, starts in found.items()} == expected
