"""A company's pages: bookings per provider per day (or a provider's week), a booking opened beside them,
services and providers, clients. Read through the per-provider-day index: a day costs what it holds."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

from fakesaas.core.panels import (
    Calendar,
    CalendarColumn,
    CalendarEntry,
    Cell,
    Choice,
    Details,
    Link,
    Table,
    Tone,
    cell,
    pager,
    window,
)
from fakesaas.core.timeframe import Frame, frame_of, hour_span
from fakesaas.core.views import Page, Panel, ViewQuery
from fakesaas.simplybook.domain.catalog import Unit
from fakesaas.simplybook.domain.companies import Company, Simplybook
from fakesaas.simplybook.domain.records import Booking, BookingState
from fakesaas.simplybook.domain.values import format_datetime, local_now

COLUMNS = 8  # providers side by side in a day
PAGE = 50
MOST_ENTRIES = 1500
_TONES = {
    BookingState.CONFIRMED: Tone.BOOKED,
    BookingState.PENDING: Tone.HELD,
    BookingState.CANCELLED: Tone.MUTED,
}


def companies_page(state: Simplybook, query: ViewQuery) -> Page:
    companies = sorted(state, key=lambda company: company.login)
    start, stop = window(len(companies), query.number("offset"), PAGE)
    rows = tuple(
        (
            cell(c.login, Link(c.login, c.login)),
            cell(c.info.name),
            cell(len(c.catalog.events)),
            cell(len(c.catalog.units)),
            cell(f"{len(c.clients):,}"),
            cell(f"{len(c.bookings):,}"),
            cell(c.settings.timezone),
        )
        for c in companies[start:stop]
    )
    table = Table(
        "Companies",
        ("Company", "Name", "Services", "Providers", "Clients", "Bookings", "Time zone"),
        rows,
        pager(len(companies), start, stop, PAGE, Link("", "")),
        "No companies: seed some, or reset to the demo.",
    )
    return Page("SimplyBook.me", (table,))


def calendar_page(
    company: Company, query: ViewQuery, crumbs: tuple[Link, ...], tabs: tuple[Link, ...]
) -> Page:
    path = company.login
    frame = frame_of(query, local_now(query.now, company.settings.timezone), keep=("provider", "cols"))
    units = sorted(company.catalog.units.values(), key=lambda unit: (unit.position, unit.id))
    choices: tuple[Choice, ...] = ()
    column_pager = None
    if frame.mode == "week":
        chosen = _chosen(units, query)
        shown = [chosen] if chosen is not None else []
        columns = frame.day_columns()
        if len(units) > 1:
            options = tuple((str(unit.id), unit.name) for unit in units)
            keep = tuple((k, v) for k, v in frame.params if k != "provider")
            selected = str(chosen.id) if chosen else ""
            choices = (Choice("Provider", "provider", options, selected, keep, path),)
    else:
        start, stop = window(len(units), query.number("cols"), COLUMNS)
        shown = units[start:stop]
        columns = [CalendarColumn(str(unit.id), unit.name, frame.days[0]) for unit in shown]
        column_pager = pager(len(units), start, stop, COLUMNS, Link("", path, frame.params), "cols")
    entries = tuple(islice(_entries(company, shown, frame, query, path), MOST_ENTRIES))
    spans = [span for unit in shown for day in frame.days for span in company.workdays(unit.id).hours.on(day)]
    calendar = Calendar(
        title=frame.title,
        columns=tuple(columns),
        entries=entries,
        timezone=company.settings.timezone,
        hours=hour_span(spans, 1),
        now=frame.now,
        navigation=frame.navigation(path),
        views=frame.views(path),
        choices=choices,
        pager=column_pager,
    )
    aside: tuple[Panel, ...] = ()
    booking = company.bookings.get(query.number("booking", -1))
    if booking is not None:
        aside = (booking_details(company, booking, Link("Close", path, frame.params)),)
    return Page(f"Bookings of {company.login}", (calendar,), crumbs, tabs, aside)


def _chosen(units: list[Unit], query: ViewQuery) -> Unit | None:
    wanted = query.number("provider", -1)
    return next((unit for unit in units if unit.id == wanted), units[0] if units else None)


def _entries(
    company: Company, units: list[Unit], frame: Frame, query: ViewQuery, path: str
) -> Iterator[CalendarEntry]:
    chosen = query.number("booking", -1)
    for unit in units:
        for day in frame.days:
            key = day.isoformat() if frame.mode == "week" else str(unit.id)
            for booking in company.index.on(unit.id, day):
                event = company.catalog.events.get(booking.event_id)
                client = company.clients.get(booking.client_id)
                lines = [event.name if event else f"service {booking.event_id}"]
                if booking.buffer:
                    lines.append(f"+{booking.buffer} min buffer")
                tone = Tone.MUTED if booking.end <= frame.now else _TONES[booking.state]
                link = frame.link(str(booking.id), path, booking=str(booking.id))
                title = client.name if client else f"Booking {booking.id}"
                selected = booking.id == chosen
                yield CalendarEntry(
                    key, booking.start, booking.end, title, tuple(lines), tone, link, selected
                )


def booking_details(company: Company, booking: Booking, close: Link) -> Details:
    event = company.catalog.events.get(booking.event_id)
    unit = company.catalog.units.get(booking.unit_id)
    client = company.clients.get(booking.client_id)
    items: list[tuple[str, Cell]] = [
        ("Id", cell(booking.id, mono=True)),
        ("Code", cell(booking.code, mono=True)),
        ("State", cell(booking.state.value, tone=_TONES[booking.state])),
        ("Service", cell(event.name if event else booking.event_id)),
        ("Provider", cell(unit.name if unit else booking.unit_id)),
        ("Start", cell(format_datetime(booking.start)[:16])),
        ("End", cell(format_datetime(booking.end)[:16])),
    ]
    if client is not None:
        items += [("Client", cell(client.name)), ("Email", cell(client.email)), ("Phone", cell(client.phone))]
    if booking.buffer:
        items.append(("Buffer", cell(f"{booking.buffer} min")))
    currency = event.currency if event else ""
    items.append(("Price", cell(f"{booking.price} {currency}".strip() + (", paid" if booking.paid else ""))))
    for label, value in (
        ("Batch", booking.batch_id),
        ("Comment", booking.comment),
        ("Cancelled by", booking.cancelled_by),
    ):
        if value:
            items.append((label, cell(value)))
    items += [(f"Field: {key}", cell(value)) for key, value in booking.additional.items()]
    items.append(("Created (UTC)", cell(format_datetime(booking.created))))
    return Details(
        f"Booking {booking.id}", tuple(item for item in items if item[1].text), close, key="booking"
    )


def catalog_page(company: Company, crumbs: tuple[Link, ...], tabs: tuple[Link, ...]) -> Page:
    units = sorted(company.catalog.units.values(), key=lambda unit: (unit.position, unit.id))
    events = sorted(company.catalog.events.values(), key=lambda event: (event.position, event.id))
    names = {unit.id: unit.name for unit in units}
    services = tuple(
        (
            cell(event.id, mono=True),
            cell(event.name),
            cell(
                f"{event.duration} min"
                + (f" + {event.buffer_time_after} buffer" if event.buffer_time_after else "")
            ),
            cell(f"{event.price} {event.currency}"),
            cell(
                ", ".join(names.get(u, str(u)) for u in event.unit_ids)
                if event.unit_ids
                else "every provider"
            ),
            cell("yes" if event.is_active and event.is_public else "no"),
        )
        for event in events[:PAGE]
    )
    providers = tuple(
        (
            cell(unit.id, mono=True),
            cell(unit.name, Link(unit.name, company.login, (("view", "week"), ("provider", str(unit.id))))),
            cell(unit.qty),
            cell(_hours(company, unit)),
            cell(unit.email),
            cell(unit.phone),
        )
        for unit in units[:PAGE]
    )
    panels: tuple[Panel, ...] = (
        Table(
            "Services",
            ("Id", "Service", "Duration", "Price", "Providers", "Bookable"),
            services,
            key="services",
        ),
        Table(
            "Providers", ("Id", "Provider", "At once", "Hours", "Email", "Phone"), providers, key="providers"
        ),
    )
    return Page(f"Services and providers of {company.login}", panels, crumbs, tabs)


def _hours(company: Company, unit: Unit) -> str:
    described = company.workdays(unit.id).hours.describe()
    return "; ".join(f"{day} {', '.join(spans)}" for day, spans in described.items()) or "closed"


def clients_page(
    company: Company, query: ViewQuery, crumbs: tuple[Link, ...], tabs: tuple[Link, ...]
) -> Page:
    clients = sorted(company.clients.values(), key=lambda client: client.id)
    start, stop = window(len(clients), query.number("offset"), PAGE)
    rows = tuple(
        (cell(c.id, mono=True), cell(c.name), cell(c.email), cell(c.phone), cell(c.city))
        for c in clients[start:stop]
    )
    table = Table(
        "Clients",
        ("Id", "Name", "Email", "Phone", "City"),
        rows,
        pager(len(clients), start, stop, PAGE, Link("", f"{company.login}/clients")),
        "No clients yet.",
    )
    return Page(f"Clients of {company.login}", (table,), crumbs, tabs)
