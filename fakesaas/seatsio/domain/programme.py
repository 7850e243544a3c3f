"""Event calls within a workspace: create one or many, read, list, update, delete, and for-sale edits."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date as calendar_date
from datetime import datetime, timedelta

from fakesaas.seatsio.domain import activity, catalog
from fakesaas.seatsio.domain.channels import ChannelSpec, build_channels
from fakesaas.seatsio.domain.configs import ForSaleConfig, TableBookingConfig, edit_for_sale
from fakesaas.seatsio.domain.errors import EventNotFound, InvalidRequest, KeyTaken, RateLimited
from fakesaas.seatsio.domain.events import Event
from fakesaas.seatsio.domain.layout import Category
from fakesaas.seatsio.domain.pages import Page, PageRequest, paginate
from fakesaas.seatsio.domain.state import Scope

FOR_SALE_CALLS = 10  # testEditForSaleConfig::test_rate_limit_info_is_returned: 9 left after one call
FOR_SALE_WINDOW = timedelta(hours=1)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class EventSpec:
    """What a create (or update) names; None is "not given"."""

    key: str | None = None
    name: str | None = None
    date: str | None = None
    table_config: TableBookingConfig | None = None
    object_categories: dict[str, int | str] | None = None
    categories: list[Category] | None = None
    channels: list[ChannelSpec] | None = None
    for_sale: ForSaleConfig | None = None
    is_in_the_past: bool | None = None
    for_sale_propagated: bool | None = None


@dataclass(frozen=True, slots=True)
class RateLimitInfo:
    remaining_calls: int
    reset_date: datetime


@dataclass(frozen=True, slots=True)
class ForSaleResult:
    config: ForSaleConfig
    rate_limit: RateLimitInfo


@dataclass(frozen=True, slots=True)
class ForSaleEdit:
    for_sale: list[tuple[str, int | None]] = field(default_factory=list)
    not_for_sale: list[tuple[str, int | None]] = field(default_factory=list)


def event(scope: Scope, key: str) -> Event:
    found = scope.workspace.events.get(key)
    if found is None:
        raise EventNotFound(key, scope.workspace.key)
    return found


def create_events(scope: Scope, chart_key: str, specs: Sequence[EventSpec]) -> list[Event]:
    """All or none: every key is checked (against the workspace and each other) first."""
    chart = catalog.chart(scope, chart_key)
    keys = [spec.key for spec in specs if spec.key is not None]
    for key in keys:
        if key in scope.workspace.events:
            raise KeyTaken(f"An event with key {key} already exists in workspace {scope.workspace.key}")
    if len(set(keys)) != len(keys):
        duplicate = next(key for key in keys if keys.count(key) > 1)
        raise KeyTaken(f"Event key {duplicate} is used twice in this request")
    for spec in specs:
        _check_date(spec.date)
    created = []
    now = scope.state.now()
    for spec in specs:
        new = Event(
            id=scope.state.next_id("event"),
            key=spec.key or scope.state.keys.uuid(),
            chart_key=chart.key,
            created_on=now,
            name=spec.name,
            date=spec.date,
            table_config=spec.table_config or TableBookingConfig(),
            object_categories=dict(spec.object_categories) if spec.object_categories else None,
            categories=list(spec.categories or []),
            channels=build_channels(scope.state.keys, spec.channels or []),
            for_sale=spec.for_sale,
        )
        scope.workspace.add_event(new)
        activity.record(scope, activity.EVENT_CREATED, new.key)
        created.append(new)
    chart.used = True
    return created


def update_event(scope: Scope, key: str, spec: EventSpec) -> Event:
    found = event(scope, key)
    _check_date(spec.date)
    if spec.key is not None and spec.key != found.key:
        if spec.key in scope.workspace.events:
            raise KeyTaken(f"An event with key {spec.key} already exists in workspace {scope.workspace.key}")
        old = found.key
        scope.workspace.remove_event(found)
        found.key = spec.key
        scope.workspace.add_event(found)
        _rename(scope, old, spec.key)
    if spec.name is not None:
        found.name = spec.name
    if spec.date is not None:
        found.date = spec.date
    if spec.table_config is not None:
        found.table_config = spec.table_config
    if spec.object_categories is not None:
        # testUpdateEvent::test_removeObjectCategories: {} removes them.
        found.object_categories = dict(spec.object_categories) or None
    if spec.categories is not None:
        found.categories = list(spec.categories)
    if spec.is_in_the_past is not None:
        found.is_in_the_past = spec.is_in_the_past
    if spec.for_sale_propagated is not None:
        found.for_sale_propagated = spec.for_sale_propagated
    found.updated_on = scope.state.now()
    found.reconfigured()
    return found


def _rename(scope: Scope, old: str, new: str) -> None:
    """Keep season references right when an event or a season changes key."""
    for other in scope.workspace.events.values():
        if other.season_key == old:
            other.season_key = new
        if old in other.event_keys or old in other.partial_season_keys:
            other.event_keys = [new if key == old else key for key in other.event_keys]
            other.partial_season_keys = [new if key == old else key for key in other.partial_season_keys]


def delete_event(scope: Scope, key: str) -> None:
    found = event(scope, key)
    for token in scope.workspace.hold_tokens.tokens.values():
        token.held.pop(found.id, None)
    scope.workspace.remove_event(found)
    activity.record(scope, activity.EVENT_DELETED, found.key)


def list_events(scope: Scope, request: PageRequest) -> Page[Event]:
    """Events and top-level seasons, newest first (partial seasons are listed by their season)."""
    events = scope.workspace.events.values()
    chosen = sorted((e for e in events if not e.is_partial_season), key=lambda e: e.id, reverse=True)
    return paginate(chosen, lambda e: e.id, request)


# --- for sale --------------------------------------------------------------------------------
def replace_for_sale(
    scope: Scope,
    key: str,
    for_sale: bool,
    objects: list[str],
    area_places: dict[str, int],
    categories: list[str],
) -> None:
    found = event(scope, key)
    found.for_sale = ForSaleConfig(for_sale, list(objects), dict(area_places), list(categories))
    found.reconfigured()


def everything_for_sale(scope: Scope, key: str, for_sale: bool) -> None:
    # Not for sale at all: "only these are for sale", with nothing listed.
    found = event(scope, key)
    found.for_sale = None if for_sale else ForSaleConfig(True)
    found.reconfigured()


def edit_for_sale_config(scope: Scope, edits: dict[str, ForSaleEdit]) -> dict[str, ForSaleResult]:
    """Several events at once, all or none (unknown keys and used-up limits are checked first)."""
    found = {key: event(scope, key) for key in edits}
    now = scope.state.now()
    for target in found.values():
        _calls_left(target, now)
    results = {}
    for key, edit in edits.items():
        target = found[key]
        target.for_sale = edit_for_sale(target.for_sale, edit.for_sale, edit.not_for_sale)
        target.reconfigured()
        start, used = _window(target, now)
        target.for_sale_calls = (start, used + 1)
        results[key] = ForSaleResult(
            target.for_sale, RateLimitInfo(FOR_SALE_CALLS - used - 1, start + FOR_SALE_WINDOW)
        )
    return results


def _window(target: Event, now: datetime) -> tuple[datetime, int]:
    if target.for_sale_calls is None or now >= target.for_sale_calls[0] + FOR_SALE_WINDOW:
        return now, 0
    return target.for_sale_calls


def _calls_left(target: Event, now: datetime) -> None:
    _, used = _window(target, now)
    if used >= FOR_SALE_CALLS:
        raise RateLimited(f"Too many for-sale edits of event {target.key}: {FOR_SALE_CALLS} an hour")


def _check_date(value: str | None) -> None:
    if value is None:
        return
    try:
        if not _DATE.fullmatch(value):
            raise ValueError(value)
        calendar_date.fromisoformat(value)
    except ValueError:
        raise InvalidRequest(f"#/date: {value} is not a valid date (YYYY-MM-DD)") from None
