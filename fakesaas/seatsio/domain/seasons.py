"""Seasons: a top-level season, its events and partial seasons, and whose status an object shows.

A status change on a season reaches every event of it (and on a partial season, every event of
that one) except where an event overrides the object's season status; overriding frees the
object in that event, and going back to the season status copies the season's state again
(testOverrideSeasonObjectStatus, testUseSeasonObjectStatus).
"""

from __future__ import annotations

from collections.abc import Sequence

from fakesaas.seatsio.domain import programme
from fakesaas.seatsio.domain.errors import EventNotFound, InvalidRequest
from fakesaas.seatsio.domain.events import Event
from fakesaas.seatsio.domain.programme import EventSpec
from fakesaas.seatsio.domain.state import Scope

MAX_EVENTS = 1000  # numberOfEvents in one call


def season(scope: Scope, key: str, partial: bool | None = None) -> Event:
    found = programme.event(scope, key)
    if not found.is_season or (partial is not None and found.is_partial_season != partial):
        raise EventNotFound(key, scope.workspace.key)
    return found


def create_season(
    scope: Scope,
    chart_key: str,
    spec: EventSpec,
    event_keys: Sequence[str],
    number_of_events: int,
    for_sale_propagated: bool | None,
) -> Event:
    created = programme.create_events(scope, chart_key, [spec])[0]
    created.is_season = True
    if for_sale_propagated is not None:
        created.for_sale_propagated = for_sale_propagated
    try:
        create_events(scope, created.key, event_keys, number_of_events)
    except Exception:
        scope.workspace.remove_event(created)
        raise
    return created


def create_events(scope: Scope, key: str, event_keys: Sequence[str], number_of_events: int) -> list[Event]:
    """Events of a season, sharing its chart and settings. Answered newest first
    (testCreateEventsInSeason::test_event_keys)."""
    top = season(scope, key, partial=False)
    if number_of_events < 0 or number_of_events > MAX_EVENTS:
        raise InvalidRequest(f"numberOfEvents must be between 0 and {MAX_EVENTS}")
    specs = [EventSpec(key=event_key, table_config=top.table_config) for event_key in event_keys]
    specs += [EventSpec(table_config=top.table_config) for _ in range(number_of_events)]
    created = programme.create_events(scope, top.chart_key, specs)
    for event in created:
        event.season_key = top.key
        event.object_categories = dict(top.object_categories) if top.object_categories else None
        event.categories = list(top.categories)
        for label, state in top.states.items():
            event.states[label] = state.copy()
        event.reconfigured()
        top.event_keys.append(event.key)
    return sorted(created, key=lambda event: event.id, reverse=True)


def create_partial_season(
    scope: Scope, top_key: str, key: str | None, name: str | None, event_keys: Sequence[str]
) -> Event:
    top = season(scope, top_key, partial=False)
    _check_members(scope, top, event_keys)
    partial = programme.create_events(scope, top.chart_key, [EventSpec(key=key, name=name)])[0]
    partial.is_season = True
    partial.is_partial_season = True
    partial.season_key = top.key
    partial.table_config = top.table_config
    top.partial_season_keys.append(partial.key)
    add_events(scope, top.key, partial.key, event_keys)
    return partial


def add_events(scope: Scope, top_key: str, partial_key: str, event_keys: Sequence[str]) -> Event:
    top = season(scope, top_key, partial=False)
    partial = _partial_of(scope, top, partial_key)
    _check_members(scope, top, event_keys)
    for event_key in event_keys:
        if event_key not in partial.event_keys:
            partial.event_keys.append(event_key)
            programme.event(scope, event_key).partial_season_keys.append(partial.key)
    return partial


def remove_event(scope: Scope, top_key: str, partial_key: str, event_key: str) -> Event:
    top = season(scope, top_key, partial=False)
    partial = _partial_of(scope, top, partial_key)
    if event_key not in partial.event_keys:
        raise EventNotFound(event_key, scope.workspace.key)
    partial.event_keys.remove(event_key)
    event = programme.event(scope, event_key)
    if partial.key in event.partial_season_keys:
        event.partial_season_keys.remove(partial.key)
    return partial


def members(scope: Scope, found: Event) -> list[Event]:
    """A season's events (in creation order); an event has none."""
    events = scope.workspace.events
    return [events[key] for key in found.event_keys if key in events]


def _partial_of(scope: Scope, top: Event, key: str) -> Event:
    if key not in top.partial_season_keys:
        raise EventNotFound(key, scope.workspace.key)
    return programme.event(scope, key)


def _check_members(scope: Scope, top: Event, event_keys: Sequence[str]) -> None:
    for event_key in event_keys:
        if event_key not in top.event_keys:
            raise InvalidRequest(
                f"Event {event_key} is not in season {top.key} (workspace {scope.workspace.key})"
            )
