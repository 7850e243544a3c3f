"""The change log: an append-only record of every mutation, in the order it happened."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import Enum


class ChangeAction(Enum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"


class Subject(Enum):
    BOOKING = "booking"
    USER = "user"


@dataclass(frozen=True, slots=True)
class Change:
    """One mutation: what changed, when (UTC), and whether the caller asked for webhooks."""

    seq: int
    at: datetime
    action: ChangeAction
    subject: Subject
    subject_id: int
    schedule_id: int | None = None
    webhook: bool = False


class ChangeLog:
    """Changes in time order; appends only. Entries are kept sorted by time for range reads, and
    each schedule's changes also on a list of their own, so reading one schedule's changes never
    walks another's."""

    def __init__(self) -> None:
        self._all = _TimeOrdered()
        self._by_schedule: dict[int, _TimeOrdered] = {}

    def append(self, change: Change) -> None:
        self._all.insert(change)
        if change.schedule_id is not None:
            self._by_schedule.setdefault(change.schedule_id, _TimeOrdered()).insert(change)

    def since(self, moment: datetime, schedule_id: int | None = None) -> list[Change]:
        """Changes strictly after ``moment`` (of one schedule, if given), oldest first."""
        return self._of(schedule_id).since(moment)

    def newest_first(self, schedule_id: int | None = None) -> Iterator[Change]:
        return reversed(self._of(schedule_id).entries)

    def __iter__(self) -> Iterator[Change]:
        return iter(self._all.entries)

    def __len__(self) -> int:
        return len(self._all.entries)

    def _of(self, schedule_id: int | None) -> _TimeOrdered:
        if schedule_id is None:
            return self._all
        return self._by_schedule.get(schedule_id) or _TimeOrdered()


class _TimeOrdered:
    __slots__ = ("entries", "times")

    def __init__(self) -> None:
        self.entries: list[Change] = []
        self.times: list[datetime] = []

    def __len__(self) -> int:
        return len(self.entries)

    def insert(self, change: Change) -> None:
        if not self.times or change.at >= self.times[-1]:
            self.entries.append(change)  # the usual case: time moves forward
            self.times.append(change.at)
            return
        # The clock may be set backwards by a test; keep the log sorted by time anyway.
        index = bisect.bisect_right(self.times, change.at)
        self.entries.insert(index, change)
        self.times.insert(index, change.at)

    def since(self, moment: datetime) -> list[Change]:
        return self.entries[bisect.bisect_right(self.times, moment) :]
