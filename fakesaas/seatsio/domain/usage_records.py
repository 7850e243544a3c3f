"""The records of a company's usage: months, objects and events used, billable renderings, and
the history a company brings from before the emulator (fakesaas/seatsio/domain/usage.py reports
them)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from fakesaas.seatsio.domain.errors import InvalidRequest

_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
STATUS_CHANGED = "STATUS_CHANGED"  # the new shape's reason for an object used through the API


@dataclass(frozen=True, order=True, slots=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        found = _MONTH.fullmatch(text)
        if found is None or not 1 <= int(found.group(2)) <= 12:
            raise InvalidRequest(f"A month is written YYYY-MM, found: {text}")
        return cls(int(found.group(1)), int(found.group(2)))

    @classmethod
    def of(cls, moment: datetime) -> Month:
        return cls(moment.year, moment.month)

    @property
    def old_shape(self) -> bool:
        """Reports up to November 2022 describe objects by first bookings and selections."""
        return (self.year, self.month) <= (2022, 11)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True, slots=True)
class ObjectUsage:
    """One object of an event in a month."""

    label: str
    used: int = 1  # objects (or a GA area's places) it counts for
    first_bookings: int = 0
    first_selections: int = 0
    first_booking_date: datetime | None = None
    reasons: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class EventUsage:
    """An event's usage in a month, and where it stood: its workspace and chart."""

    workspace_id: int
    chart_key: str
    chart_name: str
    event_id: int
    event_key: str
    deleted: bool
    used: int
    objects: tuple[ObjectUsage, ...] = ()


@dataclass(frozen=True, slots=True)
class Rendering:
    """How often a chart was rendered for ticket buyers in a month (billable renderings)."""

    month: Month
    workspace_key: str
    workspace_id: int
    chart_key: str
    count: int


@dataclass(slots=True)
class UsageHistory:
    """A company's usage before the emulator: per month, a total and the events it came from."""

    totals: dict[Month, int] = field(default_factory=dict)
    events: dict[Month, list[EventUsage]] = field(default_factory=dict)
    renderings: list[Rendering] = field(default_factory=list)
    cutoff: datetime | None = None  # the last moment the real API had counted up to

    @property
    def is_empty(self) -> bool:
        return not (self.totals or self.events or self.renderings or self.cutoff)


# --- as plain data: seed documents and state files ------------------------------------------------------
class UsageDataError(ValueError):
    """Usage data that cannot be read; the message names the place."""


# The keys of each object of usage data (seed documents' ``usage`` is read with them).
USAGE_KEYS = frozenset({"cutoff", "months", "renderings"})
MONTH_KEYS = frozenset({"month", "used_objects", "events"})
RENDERING_KEYS = frozenset({"month", "workspace", "workspace_id", "chart", "count"})
EVENT_KEYS = frozenset(
    {"workspace", "workspace_id", "chart", "id", "key", "deleted", "used_objects", "objects"}
)
CHART_KEYS = frozenset({"key", "name"})
OBJECT_KEYS = frozenset(
    {"object", "used", "first_bookings", "first_selections", "first_booking_date", "reasons"}
)


def read_history(data: Any, workspace_ids: Mapping[str, int], default_workspace: str) -> UsageHistory:
    """A history from ``{"cutoff", "months": [...], "renderings": [...]}`` (see the README's
    Seats.io section); workspaces are named by key (or by ``workspace_id``)."""
    if not isinstance(data, Mapping):
        raise UsageDataError("usage: expected an object")
    _keys(data, "usage", USAGE_KEYS)
    history = UsageHistory(cutoff=_instant(data.get("cutoff"), "usage.cutoff"))
    for index, item in enumerate(_items(data.get("months"), "usage.months")):
        where = f"usage.months[{index}]"
        _keys(item, where, MONTH_KEYS)
        month = _month(item.get("month"), f"{where}.month")
        if "used_objects" in item:
            history.totals[month] = _count(item["used_objects"], f"{where}.used_objects")
        events = history.events.setdefault(month, [])
        for number, event in enumerate(_items(item.get("events"), f"{where}.events")):
            events.append(_event(event, f"{where}.events[{number}]", workspace_ids, default_workspace))
        if not events:
            del history.events[month]
    for index, item in enumerate(_items(data.get("renderings"), "usage.renderings")):
        where = f"usage.renderings[{index}]"
        _keys(item, where, RENDERING_KEYS)
        key, number = _workspace(item, where, workspace_ids, default_workspace)
        history.renderings.append(
            Rendering(
                _month(item.get("month"), f"{where}.month"),
                key,
                number,
                _text(item.get("chart"), f"{where}.chart"),
                _count(item.get("count"), f"{where}.count"),
            )
        )
    return history


def write_history(history: UsageHistory) -> dict[str, Any]:
    """The history as ``read_history`` reads it back (workspaces by id)."""
    months = sorted(set(history.totals) | set(history.events))
    return {
        "cutoff": _iso(history.cutoff),
        "months": [
            {
                "month": str(month),
                **({"used_objects": history.totals[month]} if month in history.totals else {}),
                "events": [_event_data(event) for event in history.events.get(month, [])],
            }
            for month in months
        ],
        "renderings": [
            {
                "month": str(r.month),
                "workspace": r.workspace_key,
                "workspace_id": r.workspace_id,
                "chart": r.chart_key,
                "count": r.count,
            }
            for r in history.renderings
        ],
    }


def _event_data(event: EventUsage) -> dict[str, Any]:
    return {
        "workspace_id": event.workspace_id,
        "chart": {"key": event.chart_key, "name": event.chart_name},
        "id": event.event_id,
        "key": event.event_key,
        "deleted": event.deleted,
        "used_objects": event.used,
        "objects": [
            {
                "object": item.label,
                "used": item.used,
                "first_bookings": item.first_bookings,
                "first_selections": item.first_selections,
                "first_booking_date": _iso(item.first_booking_date),
                "reasons": dict(item.reasons),
            }
            for item in event.objects
        ],
    }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _event(data: Any, where: str, workspace_ids: Mapping[str, int], default: str) -> EventUsage:
    _keys(data, where, EVENT_KEYS)
    chart = data.get("chart")
    if not isinstance(chart, Mapping):
        raise UsageDataError(f"{where}.chart: expected an object with a key and a name")
    _keys(chart, f"{where}.chart", CHART_KEYS)
    if chart.get("name") is not None and not isinstance(chart["name"], str):
        raise UsageDataError(f"{where}.chart.name: expected a string")
    deleted = data.get("deleted", False)
    if not isinstance(deleted, bool):
        raise UsageDataError(f"{where}.deleted: expected true or false")
    objects = []
    for index, item in enumerate(_items(data.get("objects"), f"{where}.objects")):
        at = f"{where}.objects[{index}]"
        _keys(item, at, OBJECT_KEYS)
        reasons = item.get("reasons")
        reasons = {} if reasons is None else reasons
        if not isinstance(reasons, Mapping):
            raise UsageDataError(f"{at}.reasons: expected an object of counts")
        objects.append(
            ObjectUsage(
                _text(item.get("object"), f"{at}.object"),
                _count(item.get("used", 1), f"{at}.used"),
                _count(item.get("first_bookings", 0), f"{at}.first_bookings"),
                _count(item.get("first_selections", 0), f"{at}.first_selections"),
                _instant(item.get("first_booking_date"), f"{at}.first_booking_date"),
                tuple((str(k), _count(v, f"{at}.reasons.{k}")) for k, v in reasons.items()),
            )
        )
    _, workspace_id = _workspace(data, where, workspace_ids, default)
    used = data.get("used_objects")
    return EventUsage(
        workspace_id,
        _text(chart.get("key"), f"{where}.chart.key"),
        str(chart.get("name") or ""),
        _count(data.get("id"), f"{where}.id"),
        _text(data.get("key"), f"{where}.key"),
        deleted,
        _count(used, f"{where}.used_objects") if used is not None else sum(o.used for o in objects),
        tuple(objects),
    )


def _workspace(data: Mapping[str, Any], where: str, ids: Mapping[str, int], default: str) -> tuple[str, int]:
    key = data.get("workspace")
    number = data.get("workspace_id")
    if key is not None and not isinstance(key, str):
        raise UsageDataError(f"{where}.workspace: expected the key of a workspace")
    if number is not None:
        return (str(key) if key is not None else ""), _count(number, f"{where}.workspace_id")
    key = default if key is None else key
    if key not in ids:
        raise UsageDataError(f"{where}.workspace: no workspace of the company has key {key!r}")
    return str(key), ids[key]


def _keys(data: Any, where: str, allowed: frozenset[str]) -> None:
    if not isinstance(data, Mapping):
        raise UsageDataError(f"{where}: expected an object")
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise UsageDataError(f"{where}: unknown keys {unknown} (allowed: {sorted(allowed)})")


def _items(value: Any, where: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise UsageDataError(f"{where}: expected a list")
    return value


def _month(value: Any, where: str) -> Month:
    if not isinstance(value, str):
        raise UsageDataError(f"{where}: expected a month, YYYY-MM")
    try:
        return Month.parse(value)
    except InvalidRequest:
        raise UsageDataError(f"{where}: expected a month, YYYY-MM, found {value!r}") from None


def _count(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise UsageDataError(f"{where}: expected a whole number, 0 or more")
    return value


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise UsageDataError(f"{where}: expected a non-empty string")
    return value


def _instant(value: Any, where: str) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise UsageDataError(f"{where}: expected an ISO 8601 instant, found {value!r}")
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise UsageDataError(f"{where}: expected an ISO 8601 instant, found {value!r}") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment
