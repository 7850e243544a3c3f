"""A schedule as a calendar: a day with its resources (or services, or slots) side by side, or a week of
one resource; read through the account's booking indexes, so a window costs what it shows."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime, time, timedelta
from itertools import islice

from fakesaas.core.panels import (
    Calendar,
    CalendarColumn,
    CalendarEntry,
    Choice,
    Link,
    Notice,
    Tone,
    pager,
    window,
)
from fakesaas.core.timeframe import Frame, frame_of, hour_span, with_params
from fakesaas.core.views import Page, Panel, ViewQuery
from fakesaas.supersaas.domain.accounts import Account
from fakesaas.supersaas.domain.records import Booking
from fakesaas.supersaas.domain.schedules import Schedule, ScheduleKind, Slot
from fakesaas.supersaas.domain.values import utc_to_local
from fakesaas.supersaas.views.records import booking_details, slot_details

COLUMNS = 8  # resources side by side in a day
MOST_ENTRIES = 1500  # a calendar never draws more; a notice says when some are left out


def schedule_page(
    account: Account, schedule: Schedule, query: ViewQuery, crumbs: tuple[Link, ...], tabs: tuple[Link, ...]
) -> Page:
    path = f"{account.name}/schedules/{schedule.id}"
    frame = frame_of(query, utc_to_local(query.now, schedule.timezone), keep=("resource", "cols"))
    calendar, left_out = _calendar(account, schedule, query, frame, path)
    panels: list[Panel] = [calendar]
    if left_out:
        panels.append(Notice(f"{left_out:,} more entries in this window are not drawn.", Tone.HELD))
    aside: list[Panel] = []
    chosen = query.number("booking", -1)
    booking = account.bookings.get(chosen) if chosen >= 0 else None
    closing = Link("Close", path, frame.params)
    if booking is not None and booking.schedule_id == schedule.id and not booking.deleted:
        aside.append(booking_details(account, schedule, booking, closing))
    slot = schedule.slots.get(query.number("slot", -1))
    if slot is not None:
        aside.extend(slot_details(account, schedule, slot, path, frame.params, closing))
    return Page(f"{schedule.name}", tuple(panels), crumbs, tabs, tuple(aside))


def _calendar(
    account: Account, schedule: Schedule, query: ViewQuery, frame: Frame, path: str
) -> tuple[Calendar, int]:
    columns: list[CalendarColumn]
    choices: tuple[Choice, ...] = ()
    column_pager = None
    if schedule.kind is ScheduleKind.CAPACITY:
        day = frame.days[0]
        one = [CalendarColumn("slots", "Slots", day, day.strftime("%a %d %b"))]
        columns = frame.day_columns() if frame.mode == "week" else one
        entries = _slot_entries(account, schedule, frame, query, path)
    elif frame.mode == "week":
        columns = frame.day_columns()
        chosen = _chosen_column(schedule, query)
        options = tuple(_things(schedule))
        if len(options) > 1:
            label = "Service" if schedule.kind is ScheduleKind.SERVICE else "Resource"
            keep = tuple((k, v) for k, v in frame.params if k != "resource")
            choices = (Choice(label, "resource", options, chosen, keep, path),)
        entries = _booking_entries(account, schedule, frame, query, path, chosen)
    else:
        everything = _things(schedule)
        start, stop = window(len(everything), query.number("cols"), COLUMNS)
        shown = everything[start:stop]
        columns = [CalendarColumn(key, name, frame.days[0]) for key, name in shown]
        column_pager = pager(len(everything), start, stop, COLUMNS, Link("", path, frame.params), "cols")
        entries = _booking_entries(account, schedule, frame, query, path, None, {key for key, _ in shown})
    drawn = list(islice(entries, MOST_ENTRIES))
    left_out = sum(1 for _ in islice(entries, 100_000))  # counted, not drawn
    calendar = Calendar(
        title=frame.title,
        columns=tuple(columns),
        entries=tuple(drawn),
        timezone=schedule.timezone,
        hours=hour_span([span for day in frame.days for span in schedule.hours.weekly[day.weekday()]], 60),
        now=frame.now,
        navigation=frame.navigation(path),
        views=frame.views(path),
        choices=choices,
        pager=column_pager,
    )
    return calendar, left_out


def _things(schedule: Schedule) -> list[tuple[str, str]]:
    """The columns of a day: its resources, or services; a schedule with neither has one."""
    if schedule.kind is ScheduleKind.SERVICE and schedule.services:
        return [(str(service.id), service.name) for service in schedule.services]
    if schedule.resources:
        return [(str(resource.id), resource.name) for resource in schedule.resources]
    return [("none", schedule.name)]


def _chosen_column(schedule: Schedule, query: ViewQuery) -> str:
    keys = [key for key, _ in _things(schedule)]
    wanted = query.text("resource")
    return wanted if wanted in keys else keys[0]


def _booking_entries(
    account: Account,
    schedule: Schedule,
    frame: Frame,
    query: ViewQuery,
    path: str,
    only: str | None,
    keys: set[str] | None = None,
) -> Iterator[CalendarEntry]:
    """Bookings that run in the frame: per resource (or service) column on a day, per day for a week."""
    chosen = query.number("booking", -1)
    by_service = schedule.kind is ScheduleKind.SERVICE and bool(schedule.services)
    for booking in _running(account, schedule, frame, only, keys, by_service):
        ref = booking.service_id if by_service else booking.resource_id
        key = str(ref) if ref is not None else "none"
        assert booking.start is not None
        assert booking.finish is not None
        link = Link(str(booking.id), path, with_params(frame.params, booking=str(booking.id)))
        entry_lines = _booking_lines(account, schedule, booking, frame)
        tone = Tone.MUTED if booking.finish <= frame.now else Tone.BOOKED
        for column in _columns_of(booking, frame, key):
            who = _who(account, booking)
            yield CalendarEntry(
                column, booking.start, booking.finish, who, entry_lines, tone, link, booking.id == chosen
            )


def _running(
    account: Account,
    schedule: Schedule,
    frame: Frame,
    only: str | None,
    keys: set[str] | None,
    by_service: bool,
) -> Iterator[Booking]:
    index = account.index
    if schedule.kind is ScheduleKind.RESOURCE and schedule.resources:
        wanted = [only] if only is not None else sorted(keys or ())
        ids = [int(key) for key in wanted if key.isdigit()]
        sources: Iterable[int] = _merged(
            index.resource(schedule.id, rid).may_run_ids(frame.start, frame.end) for rid in ids
        )
    else:
        sources = index.schedule(schedule.id).may_run_ids(frame.start, frame.end)
    for booking in account.booked(sources):
        if booking.finish is None or booking.finish <= frame.start:
            continue
        if by_service and only is not None and str(booking.service_id) != only:
            continue
        yield booking


def _merged(streams: Iterable[Iterator[int]]) -> Iterator[int]:
    for stream in streams:
        yield from stream


def _columns_of(booking: Booking, frame: Frame, key: str) -> Iterator[str]:
    if frame.mode == "day":
        yield key
        return
    assert booking.start is not None
    assert booking.finish is not None
    for day in frame.days:
        midnight = datetime.combine(day, time())
        if booking.start < midnight + timedelta(days=1) and booking.finish > midnight:
            yield day.isoformat()


def _who(account: Account, booking: Booking) -> str:
    if booking.full_name:
        return booking.full_name
    user = account.users.by_id.get(booking.user_id) if booking.user_id is not None else None
    return user.full_name or user.name if user is not None else booking.name or f"Booking {booking.id}"


def _booking_lines(account: Account, schedule: Schedule, booking: Booking, frame: Frame) -> tuple[str, ...]:
    lines = []
    if schedule.kind is ScheduleKind.SERVICE:
        service = next((s for s in schedule.services if s.id == booking.service_id), None)
        if service is not None and frame.mode == "week":
            lines.append(service.name)
    if booking.description:
        lines.append(booking.description)
    return tuple(lines)


def _slot_entries(
    account: Account, schedule: Schedule, frame: Frame, query: ViewQuery, path: str
) -> Iterator[CalendarEntry]:
    chosen = query.number("slot", -1)
    for slot in schedule.slots_from(frame.start):
        if slot.start >= frame.end:
            break
        taken = len(account.index.seated(slot.id))
        waiting = len(account.index.waiting(slot.id))
        lines = [_places(slot, taken)]
        if waiting:
            lines.append(f"{waiting} waiting")
        if slot.location:
            lines.append(slot.location)
        full = slot.capacity and taken >= slot.capacity
        tone = Tone.MUTED if slot.finish <= frame.now else (Tone.FULL if full or waiting else Tone.FREE)
        key = slot.start.date().isoformat() if frame.mode == "week" else "slots"
        link = Link(slot.title or "Slot", path, with_params(frame.params, slot=str(slot.id)))
        title = slot.title or "Slot"
        yield CalendarEntry(key, slot.start, slot.finish, title, tuple(lines), tone, link, slot.id == chosen)


def _places(slot: Slot, taken: int) -> str:
    if not slot.capacity:
        return f"{taken} taken, no limit"
    return f"{taken}/{slot.capacity} taken"
