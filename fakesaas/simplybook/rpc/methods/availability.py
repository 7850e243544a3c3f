"""Availability reads: working calendars, start-time matrices, free intervals and providers."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fakesaas.simplybook import present
from fakesaas.simplybook.domain.availability import MAX_RANGE_DAYS, Availability
from fakesaas.simplybook.domain.calendars import first_working_day, month, target_units
from fakesaas.simplybook.domain.catalog import Event, Unit
from fakesaas.simplybook.domain.errors import Failure, fail
from fakesaas.simplybook.domain.reservations import recurring_starts
from fakesaas.simplybook.domain.seed_catalog import recurrence
from fakesaas.simplybook.domain.values import (
    format_date,
    format_datetime,
    format_time,
    parse_date,
    parse_datetime,
)
from fakesaas.simplybook.rpc.methods.common import (
    ACCESS,
    COUNT,
    DATA,
    DATE_FROM,
    DATE_TO,
    EVENT_ID,
    RECURRING,
    UNIT_ID_OR_ANY,
)
from fakesaas.simplybook.rpc.params import Kind, Param
from fakesaas.simplybook.rpc.registry import Call, Endpoint, Method, method
from fakesaas.simplybook.rpc.schemas import DATE, DATETIME, ref

BOTH = (Endpoint.PUBLIC, Endpoint.ADMIN)
MATRIX_ERRORS = (
    *ACCESS,
    Failure.EVENT_NOT_AVAILABLE,
    Failure.UNIT_NOT_AVAILABLE,
    Failure.REQUIRED_PARAMS_MISSING,
)


def _range(first: str, last: str) -> tuple[date, date]:
    start, end = parse_date(first, "from"), parse_date(last, "to")
    if end < start:
        raise fail(Failure.INVALID_PARAMS, "the last date is before the first", "to")
    if (end - start).days >= MAX_RANGE_DAYS:
        raise fail(Failure.INVALID_PARAMS, f"a range covers at most {MAX_RANGE_DAYS} days", "to")
    return start, end


def _target(call: Call, event_id: int, unit_id: int | None) -> tuple[Event, list[Unit]]:
    """The service and the providers a read is about (all of the service's for null)."""
    catalog = call.company.catalog
    event = catalog.events.get(event_id)
    if event is None or not event.is_active or (not call.admin and not event.is_public):
        raise fail(Failure.EVENT_NOT_AVAILABLE, f"no bookable service {event_id}", "eventId")
    units = [u for u in catalog.units_of(event) if call.admin or u.is_visible]
    if unit_id is None:
        return event, units
    chosen = [u for u in units if u.id == unit_id]
    if not chosen:
        raise fail(
            Failure.UNIT_NOT_AVAILABLE, f"provider {unit_id} does not offer service {event_id}", "unitId"
        )
    return event, chosen


def _count(count: int | None) -> int:
    if count is None:
        return 1
    if count < 1:
        raise fail(Failure.INVALID_PARAMS, "count is at least 1", "count")
    return count


def _engine(call: Call) -> Availability:
    return Availability(call.company, call.now, admin=call.admin)


def _matrix(call: Call, first: str, last: str, event_id: int, unit_id: int | None, count: int | None) -> Any:
    start, end = _range(first, last)
    event, units = _target(call, event_id, unit_id)
    return present.matrix(_engine(call).matrix(event, units, start, end, _count(count)))


def _cartesian(
    call: Call, first: str, last: str, event_id: int, unit_id: int | None, count: int | None
) -> Any:
    start, end = _range(first, last)
    event, units = _target(call, event_id, unit_id)
    engine, places = _engine(call), _count(count)
    return [
        {
            "provider_id": u.id,
            "service_id": event.id,
            "timeslots": present.matrix(engine.matrix(event, [u], start, end, places)),
        }
        for u in units
    ]


def _intervals(
    call: Call, first: str, last: str, event_id: int, unit_id: int | None, count: int | None
) -> Any:
    start, end = _range(first, last)
    event, units = _target(call, event_id, unit_id)
    engine, places = _engine(call), _count(count)
    result: dict[str, Any] = {}
    for offset in range((end - start).days + 1):
        day = start + timedelta(days=offset)
        result[format_date(day)] = {
            str(u.id): [
                {"from": format_time(a), "to": format_time(b)}
                for a, b in engine.free_intervals(event, u, day, places)
            ]
            for u in units
        }
    return result


def _available_units(call: Call, event_id: int, moment: str, count: int | None) -> list[int]:
    start = parse_datetime(moment, "dateTime")
    event, units = _target(call, event_id, None)
    engine, places = _engine(call), _count(count)
    return [u.id for u in units if engine.refusal(event, u, start, places) is None]


def _end_time(call: Call, moment: str, event_id: int, unit_id: int | None) -> Any:
    start = parse_datetime(moment, "startDateTime")
    event, units = _target(call, event_id, unit_id)
    if not units:
        return False
    end = _engine(call).end_time(event, units[0], start)
    return format_datetime(end) if end is not None else False


def _calendar(call: Call, year: int, number: int, data: Any) -> Any:
    company = call.company
    return present.work_calendar(month(company, target_units(company, data), year, number))


def _first_day(call: Call, data: Any) -> str | None:
    company = call.company
    found = first_working_day(company, target_units(company, data), call.now)
    return format_date(found) if found is not None else None


def _recurring(call: Call, event_id: int, unit_id: int | None, day: str, time: str, data: Any) -> list[str]:
    try:
        rule = recurrence(data) if data not in (None, [], {}) else None
    except ValueError as error:
        raise fail(Failure.INVALID_PARAMS, str(error), "recurringData") from None
    start = parse_datetime(f"{day} {time}", "time")
    return [
        format_datetime(moment)
        for moment in recurring_starts(call.company, event_id, unit_id, start, rule, call.now)
    ]


def methods() -> list[Method]:
    matrix_params = (DATE_FROM, DATE_TO, EVENT_ID, UNIT_ID_OR_ANY, COUNT)
    return [
        method(
            "getStartTimeMatrix",
            BOTH,
            matrix_params,
            _matrix,
            ref("StartTimeMatrix"),
            "Start times per date at which the service can be booked (with any provider for null).",
            MATRIX_ERRORS,
            result_name="matrix",
        ),
        method(
            "getCartesianStartTimeMatrix",
            BOTH,
            matrix_params,
            _cartesian,
            ref("CartesianStartTimeMatrix"),
            "Start times per date, per provider.",
            MATRIX_ERRORS,
            result_name="matrix",
        ),
        method(
            "getAvailableTimeIntervals",
            BOTH,
            (
                Param("dateFrom", Kind.STRING, description="first date, Y-m-d"),
                Param("dateTo", Kind.STRING, description="last date, Y-m-d"),
                EVENT_ID,
                Param("unitId", Kind.INT, required=False, description="provider id; all for null"),
                COUNT,
            ),
            _intervals,
            ref("TimeIntervals"),
            "Free working time per date and provider.",
            MATRIX_ERRORS,
            result_name="intervals",
        ),
        method(
            "getAvailableUnits",
            BOTH,
            (EVENT_ID, Param("dateTime", Kind.STRING, description="Y-m-d H:i:s"), COUNT),
            _available_units,
            {"type": "array", "items": {"type": "integer"}},
            "Providers that can take the booking at that time.",
            MATRIX_ERRORS,
            result_name="unitIds",
        ),
        method(
            "calculateEndTime",
            BOTH,
            (
                Param("startDateTime", Kind.STRING, description="Y-m-d H:i:s"),
                EVENT_ID,
                Param("unitId", Kind.INT, description="provider id"),
            ),
            _end_time,
            {"oneOf": [DATETIME, {"const": False}]},
            "When a booking starting then ends, or false if it does not fit the provider's hours.",
            MATRIX_ERRORS,
            result_name="end",
        ),
        method(
            "getWorkCalendar",
            BOTH,
            (
                Param("year", Kind.INT, description="e.g. 2030"),
                Param("month", Kind.INT, description="1 to 12"),
                DATA,
            ),
            _calendar,
            ref("WorkCalendar"),
            "Working hours of every date of a month.",
            (*ACCESS, Failure.UNIT_NOT_AVAILABLE, Failure.EVENT_NOT_AVAILABLE),
            result_name="calendar",
        ),
        method(
            "getFirstWorkingDay",
            BOTH,
            (DATA,),
            _first_day,
            {"oneOf": [DATE, {"type": "null"}]},
            "The first date from today on with working hours.",
            (*ACCESS, Failure.UNIT_NOT_AVAILABLE, Failure.EVENT_NOT_AVAILABLE),
            result_name="date",
        ),
        method(
            "getRecurringDatetimes",
            Endpoint.PUBLIC,
            (
                EVENT_ID,
                UNIT_ID_OR_ANY,
                Param("date", Kind.STRING, description="Y-m-d"),
                Param("time", Kind.STRING, description="H:i:s"),
                RECURRING,
            ),
            _recurring,
            {"type": "array", "items": DATETIME},
            "The starts a recurring booking would make.",
            (
                *MATRIX_ERRORS,
                Failure.NOT_RECURRENT,
                Failure.NOT_ALL_RESERVED,
                Failure.DATE_NOT_AVAILABLE,
                Failure.TIME_NOT_AVAILABLE,
                Failure.BOOKING_NOT_ALLOWED_NOW,
            ),
            result_name="datetimes",
        ),
    ]
