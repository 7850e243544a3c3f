"""Working days as ``getWorkCalendar`` and ``getFirstWorkingDay`` show them, for the company, a
provider, or the providers of a service."""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from fakesaas.simplybook.domain.catalog import Unit
from fakesaas.simplybook.domain.companies import Company
from fakesaas.simplybook.domain.errors import Failure, fail
from fakesaas.simplybook.domain.values import whole

SEARCH_DAYS = 366  # how far getFirstWorkingDay looks ahead [INF]


@dataclass(frozen=True, slots=True)
class WorkDay:
    day: date
    start: int  # seconds from midnight; 0 on a day off
    end: int
    day_off: bool


def target_units(company: Company, data: object) -> list[Unit] | None:
    """The providers ``data`` names: a provider id, ``{"unit_group_id", "event_id"}``, or nothing
    (None: the company's own hours)."""
    catalog = company.catalog
    if data in (None, "", 0, "0", []):
        return None
    if isinstance(data, Mapping):
        unit_ref, event_ref = data.get("unit_group_id"), data.get("event_id")
        if unit_ref not in (None, ""):
            return [_unit(company, unit_ref)]
        if event_ref not in (None, ""):
            event = catalog.events.get(_id(event_ref, "event_id"))
            if event is None:
                raise fail(Failure.EVENT_NOT_AVAILABLE, f"no service {event_ref}", "event_id")
            return catalog.units_of(event)
        return None
    return [_unit(company, data)]


def _unit(company: Company, ref: object) -> Unit:
    unit = company.catalog.units.get(_id(ref, "unit_group_id"))
    if unit is None or not unit.is_active:
        raise fail(Failure.UNIT_NOT_AVAILABLE, f"no provider {ref}", "unit_group_id")
    return unit


def _id(ref: object, field: str) -> int:
    if isinstance(ref, int) and not isinstance(ref, bool):
        return ref
    number = whole(ref)
    if number is not None:
        return number
    raise fail(Failure.INVALID_PARAMS, f"{field} must be an id, not {ref!r}", field)


def work_day(company: Company, units: list[Unit] | None, day: date) -> WorkDay:
    if units is None:
        intervals = list(company.workdays(None).intervals(day, company.holidays))
    else:
        intervals = [i for u in units for i in company.workdays(u.id).intervals(day, company.holidays)]
    if not intervals:
        return WorkDay(day, 0, 0, True)
    return WorkDay(day, min(a for a, _ in intervals), max(b for _, b in intervals), False)


def month(company: Company, units: list[Unit] | None, year: int, number: int) -> list[WorkDay]:
    if not 1 <= number <= 12 or not 1970 <= year <= 2100:
        raise fail(Failure.INVALID_PARAMS, f"{year}-{number} is not a month between 1970 and 2100", "month")
    last = calendar.monthrange(year, number)[1]
    return [work_day(company, units, date(year, number, d)) for d in range(1, last + 1)]


def first_working_day(company: Company, units: list[Unit] | None, now: datetime) -> date | None:
    day = company.today(now)
    for _ in range(SEARCH_DAYS):
        if not work_day(company, units, day).day_off:
            return day
        day += timedelta(days=1)
    return None
