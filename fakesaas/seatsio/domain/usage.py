"""Usage reports: the objects a company used (booked, or gave a custom status, for the first time
in an event) per month, per workspace, chart and event, and per object of an event; and the
charts' billable renderings.

Two sources add up: a company's history from before the emulator started (seeded, kept in state
files), and what its events' status changes record since. Months up to November 2022 describe an
object in the old shape (first bookings and selections), later months in the new one (used
objects per reason), as the real API does (the docs, "Usage details for event in month").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from fakesaas.seatsio.domain.events import Event
from fakesaas.seatsio.domain.history import StatusChange
from fakesaas.seatsio.domain.objects import FREE, HELD
from fakesaas.seatsio.domain.state import Scope
from fakesaas.seatsio.domain.usage_records import STATUS_CHANGED, EventUsage, Month, ObjectUsage, Rendering
from fakesaas.seatsio.domain.workspaces import Workspace


# --- live usage ---------------------------------------------------------------------------------------
def _used(change: StatusChange) -> bool:
    return change.status not in (FREE, HELD)


def live_events(workspace: Workspace, chart_names: dict[str, str]) -> dict[Month, list[EventUsage]]:
    """What the workspace's events used, per month: an object counts once per event, in the month
    of its first change to booked or a custom status (a GA area: each place)."""
    found: dict[Month, list[EventUsage]] = {}
    for event in sorted(workspace.events.values(), key=lambda e: e.id):
        for month, objects in _months_of(event).items():
            used = sum(item.used for item in objects)
            found.setdefault(month, []).append(
                EventUsage(
                    workspace.id,
                    event.chart_key,
                    chart_names.get(event.chart_key, ""),
                    event.id,
                    event.key,
                    False,
                    used,
                    tuple(objects),
                )
            )
    return found


def _months_of(event: Event) -> dict[Month, list[ObjectUsage]]:
    first: dict[str, StatusChange] = {}
    places: dict[str, int] = {}
    for label, changes in event.history.by_label.items():
        for change in changes:
            if not _used(change):
                continue
            if label not in first:
                first[label] = change
            if change.quantity is not None:
                places[label] = places.get(label, 0) + change.quantity
    months: dict[Month, list[ObjectUsage]] = {}
    for label in sorted(first):
        change = first[label]
        used = places.get(label, 1)
        months.setdefault(Month.of(change.date), []).append(
            ObjectUsage(label, used, 1, 0, change.date, ((STATUS_CHANGED, used),))
        )
    return months


# --- reports --------------------------------------------------------------------------------------------
def _live(scope: Scope) -> dict[Month, list[EventUsage]]:
    scope.require_admin()
    found: dict[Month, list[EventUsage]] = {}
    for workspace in scope.company.workspaces.values():
        names = {key: chart.name for key, chart in workspace.charts.items()}
        for month, events in live_events(workspace, names).items():
            found.setdefault(month, []).extend(events)
    return found


def _all_events(scope: Scope) -> dict[Month, list[EventUsage]]:
    merged = {month: list(events) for month, events in scope.company.usage.events.items()}
    for month, events in _live(scope).items():
        merged.setdefault(month, []).extend(events)
    return merged


@dataclass(frozen=True, slots=True)
class Summary:
    months: list[tuple[Month, int]]
    cutoff: datetime


def summary(scope: Scope) -> Summary:
    """Used objects per month, oldest first: the history's count of a month (its events' when
    it gives none), plus what the events have used since."""
    history = scope.company.usage
    totals = {month: sum(e.used for e in events) for month, events in history.events.items()}
    totals.update(history.totals)
    for month, events in _live(scope).items():
        totals[month] = totals.get(month, 0) + sum(e.used for e in events)
    now = scope.state.now()
    cutoff = max(history.cutoff, now) if history.cutoff is not None else now
    return Summary(sorted(totals.items()), cutoff)


def month_details(scope: Scope, month: Month) -> dict[int, dict[tuple[str, str], list[EventUsage]]]:
    """Per workspace id, per chart (key, name): the events that used objects in ``month``."""
    found: dict[int, dict[tuple[str, str], list[EventUsage]]] = {}
    for usage in _all_events(scope).get(month, []):
        charts = found.setdefault(usage.workspace_id, {})
        charts.setdefault((usage.chart_key, usage.chart_name), []).append(usage)
    return found


def event_details(scope: Scope, month: Month, event_id: int) -> list[ObjectUsage]:
    """The objects an event used in ``month`` (by the event's id, as the docs say)."""
    for usage in _all_events(scope).get(month, []):
        if usage.event_id == event_id:
            return list(usage.objects)
    return []


def renderings(scope: Scope, month: Month | None = None, chart_key: str | None = None) -> list[Rendering]:
    """Billable renderings from the history (the emulator renders no chart for ticket buyers)."""
    scope.require_admin()
    chosen = [r for r in scope.company.usage.renderings if month is None or r.month == month]
    if chart_key is not None:
        chosen = [r for r in chosen if r.chart_key == chart_key]
    return sorted(chosen, key=lambda r: (r.month, r.workspace_id, r.chart_key))
