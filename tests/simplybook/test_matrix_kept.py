"""A kept start-time matrix is the one worked out afresh, whatever changed since it was kept: the
clock (by an hour or by a microsecond), bookings made and cancelled, the company's settings,
hours and holidays, a provider's hours, days off and capacity, a service's length and buffer."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fakesaas.core.clock import ManualClock
from fakesaas.simplybook.domain.availability import Availability
from fakesaas.simplybook.domain.companies import Company, Simplybook
from fakesaas.simplybook.domain.demo import demo_section
from fakesaas.simplybook.domain.hours import WeeklyHours
from fakesaas.simplybook.domain.lifecycle import cancel
from fakesaas.simplybook.domain.records import Booking
from fakesaas.simplybook.domain.seed import load_section
from fakesaas.simplybook.domain.values import WEEKDAYS, at
from tests.simplybook.support import ANNA, BEN, CHLOE, HAIRCUT, MASSAGE, T0

pytestmark = pytest.mark.slow  # generated sequences of changes

FIRST = date(2030, 1, 6)
SPAN = 10
UNITS = (ANNA, BEN, CHLOE)

changes = st.one_of(
    st.tuples(st.just("clock"), st.integers(-3_600, 3 * 86_400), st.sampled_from([0, 1, 999_999])),
    st.tuples(st.just("book"), st.sampled_from(UNITS), st.integers(0, SPAN - 1), st.integers(0, 95)),
    st.tuples(st.just("cancel"), st.integers(0, 20)),
    st.tuples(st.just("setting"), st.sampled_from(["timeframe", "lead", "horizon", "breaks", "closing"])),
    st.tuples(st.just("holiday"), st.integers(0, SPAN - 1)),
    st.tuples(st.just("company hours"), st.sampled_from(["08:00-12:00", "09:00-17:00", "13:00-23:30"])),
    st.tuples(st.just("unit"), st.sampled_from(UNITS), st.sampled_from(["hours", "off", "qty"])),
    st.tuples(st.just("service"), st.sampled_from([HAIRCUT, MASSAGE]), st.sampled_from([15, 45, 90])),
)
SETTINGS = {
    "timeframe": ("timeframe", ["15", "30", "60"]),
    "lead": ("min_time_till_event", ["0", "5", "30"]),
    "horizon": ("max_time_till_event", ["0", "3", "8"]),
    "breaks": ("allow_event_breaktime_break", ["0", "1"]),
    "closing": ("allow_event_day_break", ["0", "1"]),
}


def apply(company: Company, change: tuple[Any, ...], now: datetime) -> datetime:
    """Make one change; the new now."""
    kind = change[0]
    if kind == "clock":
        return T0 + timedelta(seconds=change[1], microseconds=change[2])
    if kind == "book":
        _, unit, day, quarter = change
        start = at(FIRST + timedelta(days=day), quarter * 15 * 60)
        number = max(company.bookings, default=0) + 1
        end = start + timedelta(minutes=45)
        company.store(Booking(number, HAIRCUT, unit, 1, start, end, f"c{number}", f"h{number}", T0))
    elif kind == "cancel":
        active = [b for b in company.bookings.values() if b.active]
        if active:
            cancel(company, active[change[1] % len(active)], now, "admin")
    elif kind == "setting":
        name, values = SETTINGS[change[1]]
        params = company.settings.params
        params[name] = values[(values.index(params[name]) + 1) % len(values) if params[name] in values else 0]
    elif kind == "holiday":
        company.holidays = company.holidays ^ {FIRST + timedelta(days=change[1])}
    elif kind == "company hours":
        company.hours = WeeklyHours.parse(dict.fromkeys(WEEKDAYS, change[1]))
    elif kind == "unit":
        _, unit_id, what = change
        unit = company.catalog.units[unit_id]
        if what == "hours":
            hours = None if unit.hours else WeeklyHours.parse(dict.fromkeys(WEEKDAYS, "10:00-22:00"))
            company.catalog.units[unit.id] = replace(unit, hours=hours)
        elif what == "off":
            off = unit.days_off ^ {FIRST + timedelta(days=2)}
            company.catalog.units[unit.id] = replace(unit, days_off=off)
        else:
            unit.qty = 1 if unit.qty > 1 else 2  # changed in place, as an edit of the provider does
    elif kind == "service":
        company.catalog.events[change[1]].duration = change[2]
    return now


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(changes, min_size=1, max_size=25), st.sampled_from([(HAIRCUT, 1), (MASSAGE, 2)]))
def test_a_kept_matrix_is_the_one_worked_out_afresh(
    steps: list[tuple[Any, ...]], asked: tuple[int, int]
) -> None:
    (company,) = load_section(Simplybook(ManualClock(T0)), demo_section(T0))
    ben = company.catalog.units[BEN]
    company.catalog.units[BEN] = replace(ben, hours=None)  # Ben keeps the company's hours
    now = T0
    event_id, count = asked
    last = FIRST + timedelta(days=SPAN - 1)
    for change in [("clock", 0, 0), *steps]:
        now = apply(company, change, now)
        for admin in (False, True):
            engine = Availability(company, now, admin=admin)
            event = company.catalog.events[event_id]
            units = list(company.catalog.units_of(event))
            kept = engine.matrix(event, units, FIRST, last, count)
            assert dict(kept) == engine._matrix(event, tuple(units), FIRST, last, count), change
            assert engine.matrix(event, units, FIRST, last, count) is kept  # asked again: kept
