"""Status changes as recorded per event: every change of every object, listed, filtered and sorted."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from fakesaas.seatsio.domain.errors import InvalidRequest

API_CALL = "API_CALL"  # testListStatusChanges::test_propertiesOfStatusChange
HOLD_TOKEN_EXPIRY = "HOLD_TOKEN_EXPIRED"  # an expiry has no caller: origin without ip


# Not frozen: many are made per request, and a frozen dataclass's __init__ sets every field
# through object.__setattr__, at twice the cost. None is changed once made.
@dataclass(slots=True)
class Origin:
    type: str
    ip: str | None = None


@dataclass(slots=True)
class StatusChange:
    id: int
    event_id: int
    label: str
    status: str
    date: datetime
    origin: Origin
    quantity: int | None = None
    order_id: str | None = None
    extra_data: Any = None
    hold_token: str | None = None


@dataclass(slots=True)
class History:
    """One event's status changes, oldest first, and per object (so an object's history is
    read without scanning the event's)."""

    changes: list[StatusChange] = field(default_factory=list)
    by_label: dict[str, list[StatusChange]] = field(default_factory=dict)

    def add(self, change: StatusChange) -> None:
        self.changes.append(change)
        self.by_label.setdefault(change.label, []).append(change)

    def extend(self, changes: Iterable[StatusChange]) -> None:
        for change in changes:
            self.add(change)

    def __len__(self) -> int:
        return len(self.changes)


# Changes of the same date go in the order asked, as their dates would (seatsio-js
# listAllStatusChanges.test.ts "sorted by date asc": one batch, in its order); of the same label or
# status, newest first either way ("sorted by status": A-2, then B-1, both booked).
SORT_FIELDS: dict[str, Callable[[StatusChange], Any]] = {
    "date": lambda change: (change.date, change.id),
    "objectLabel": lambda change: change.label,
    "status": lambda change: change.status,
}


def listing(changes: list[StatusChange], text_filter: str | None, sort: str | None) -> list[StatusChange]:
    """``filter`` keeps changes whose object label contains it; ``sort`` is ``field`` or
    ``field:asc|desc`` (testListStatusChanges::test_sort_asc: a bare field sorts ascending).
    Without ``sort``, newest first."""
    chosen = [c for c in changes if text_filter in c.label] if text_filter else list(changes)
    if not sort:
        return sorted(chosen, key=lambda change: change.id, reverse=True)
    name, _, direction = sort.partition(":")
    key = SORT_FIELDS.get(name)
    if key is None:
        raise InvalidRequest(f"sort field must be one of {', '.join(SORT_FIELDS)}, found: {name}")
    if direction.lower() not in ("", "asc", "desc"):
        raise InvalidRequest(f"sort direction must be asc or desc, found: {direction}")
    newest_first = sorted(chosen, key=lambda change: change.id, reverse=True)
    # A stable sort, reversed or not, keeps ties in the order they come in: newest first.
    return sorted(newest_first, key=key, reverse=direction.lower() == "desc")
