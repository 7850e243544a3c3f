"""A company's pages: its companies list, a workspace's events, charts and live hold tokens, and an event
as a seat map with the hold tokens on it."""

from __future__ import annotations

from fakesaas.core.panels import Cell, Details, Link, Table, cell, pager, window
from fakesaas.core.views import Page, Panel, ViewNotFound, ViewQuery
from fakesaas.seatsio.domain.events import SELECTABLE, Event
from fakesaas.seatsio.domain.objects import HELD
from fakesaas.seatsio.domain.state import Scope, Seatsio
from fakesaas.seatsio.domain.statuses import layout_of, sweep
from fakesaas.seatsio.domain.workspaces import Company, Workspace
from fakesaas.seatsio.views.maps import Partitions, holds_table, seat_map

PAGE = 50


def companies_page(state: Seatsio, query: ViewQuery) -> Page:
    companies = sorted(state.companies.values(), key=lambda company: company.id)
    start, stop = window(len(companies), query.number("offset"), PAGE)
    rows = tuple(
        (
            cell(company.name, Link(company.name, company.name)),
            cell(len(company.workspaces)),
            cell(sum(len(w.charts) for w in company.workspaces.values())),
            cell(sum(len(w.events) for w in company.workspaces.values())),
            cell(company.admin_key, mono=True),
        )
        for company in companies[start:stop]
    )
    table = Table(
        "Companies",
        ("Company", "Workspaces", "Charts", "Events", "Admin secret key"),
        rows,
        pager(len(companies), start, stop, PAGE, Link("", "")),
        "No companies: seed some, or reset to the demo.",
    )
    return Page("Seats.io", (table,))


def workspace_of(company: Company, query: ViewQuery) -> Workspace:
    key = query.text("workspace")
    if not key:
        return company.default_workspace
    found = company.workspaces.get(key)
    if found is None:
        raise ViewNotFound(f"no workspace {key!r} in {company.name}")
    return found


def brought_up_to_date(state: Seatsio, company: Company, workspace: Workspace) -> None:
    """Let the hold tokens whose time has come expire first, as any call to the workspace does
    (fakesaas/seatsio/domain/holds.py): the page shows what the next SDK call would see."""
    sweep(Scope(state, company, workspace, admin=True))


def workspace_page(state: Seatsio, company: Company, query: ViewQuery, crumbs: tuple[Link, ...]) -> Page:
    workspace = workspace_of(company, query)
    brought_up_to_date(state, company, workspace)
    keep = (("workspace", workspace.key),) if workspace is not company.default_workspace else ()
    panels: list[Panel] = []
    if len(company.workspaces) > 1:
        rows = tuple(
            (
                cell(w.name, Link(w.name, company.name, (("workspace", w.key),), current=w is workspace)),
                cell(w.key, mono=True),
                cell("yes" if w.is_test else ""),
                cell("yes" if w.is_active else "no"),
                cell(len(w.events)),
            )
            for w in list(company.workspaces.values())[:PAGE]
        )
        panels.append(
            Table("Workspaces", ("Workspace", "Key", "Test", "Active", "Events"), rows, key="workspaces")
        )
    events = sorted(workspace.events.values(), key=lambda event: event.id)
    start, stop = window(len(events), query.number("offset"), PAGE)
    event_rows = tuple(_event_row(company, event, keep) for event in events[start:stop])
    panels.append(
        Table(
            f"Events of {workspace.name}",
            ("Event", "Name", "Date", "Chart", "Booked", "Held"),
            event_rows,
            pager(len(events), start, stop, PAGE, Link("", company.name, keep)),
            "No events yet.",
            key="events",
        )
    )
    charts = sorted(workspace.charts.values(), key=lambda chart: chart.id)[:PAGE]
    chart_rows = tuple(
        (
            cell(chart.key, mono=True),
            cell(chart.name),
            cell(chart.status.value),
            cell(f"{len(chart.layout.objects):,}"),
            cell(", ".join(chart.tags)),
        )
        for chart in charts
    )
    panels.append(Table("Charts", ("Chart", "Name", "Status", "Objects", "Tags"), chart_rows, key="charts"))
    live = sorted(
        (t for t in workspace.hold_tokens.tokens.values() if not t.expired), key=lambda t: t.expires_at
    )
    token_rows = tuple(
        (
            cell(token.token, mono=True),
            cell(sum(len(labels) for labels in token.held.values())),
            Cell("", expires=token.expires_at),
        )
        for token in live[:PAGE]
    )
    panels.append(
        Table(
            "Hold tokens", ("Token", "Objects held", "Expires"), token_rows, empty="None live.", key="tokens"
        )
    )
    return Page(f"{company.name}: {workspace.name}", tuple(panels), crumbs)


def _event_row(company: Company, event: Event, keep: tuple[tuple[str, str], ...]) -> tuple[Cell, ...]:
    booked = sum(
        1 for state in event.states.values() if state.status not in SELECTABLE and state.status != HELD
    )
    held = sum(1 for state in event.states.values() if state.status == HELD)
    kind = " (season)" if event.is_season else ""
    return (
        cell(event.key, Link(event.key, f"{company.name}/events/{event.key}", keep), mono=True),
        cell((event.name or "") + kind),
        cell(event.date or ""),
        cell(event.chart_key, mono=True),
        cell(f"{booked:,}"),
        cell(f"{held:,}"),
    )


def event_page(
    state: Seatsio,
    company: Company,
    key: str,
    query: ViewQuery,
    crumbs: tuple[Link, ...],
    partitions: Partitions,
) -> Page:
    workspace = workspace_of(company, query)
    event = workspace.events.get(key)
    if event is None:
        raise ViewNotFound(f"no event {key!r} in {company.name}'s {workspace.name}")
    brought_up_to_date(state, company, workspace)
    layout = layout_of(Scope(state, company, workspace, admin=True), event)
    keep = (("workspace", workspace.key),) if workspace is not company.default_workspace else ()
    path = f"{company.name}/events/{event.key}"
    picked = query.text("object")
    found_map, found = seat_map(event, layout, partitions, query.text("part"), picked, path, keep)
    if not found:
        raise ViewNotFound(f"no part {query.text('part')!r} in the map of {event.key}")
    about = Details(
        "Event",
        tuple(
            (name, cell(value, mono=name in ("Key", "Chart")))
            for name, value in (
                ("Key", event.key),
                ("Name", event.name),
                ("Date", event.date),
                ("Chart", event.chart_key),
                ("Season", "yes" if event.is_season else None),
                ("Table booking", event.table_config.mode.value),
            )
            if value
        ),
        key="event",
    )
    return Page(event.name or event.key, (found_map, holds_table(event, workspace), about), crumbs)
