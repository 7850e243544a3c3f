"""The request journal: what was asked, what was answered, how long it took, which route served it."""

from __future__ import annotations

import itertools
import threading
from collections import deque
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

BODY_LIMIT = 64 * 1024  # characters of a request body kept in the journal


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """One request. ``route`` is the rule that matched, None when none did (``hints`` then
    holds the closest known routes)."""

    seq: int
    at: datetime
    method: str
    path: str
    query: str
    body: str
    status: int
    duration_ms: float
    route: str | None
    account: str | None
    service: str | None = None
    hints: tuple[str, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["at"] = self.at.isoformat()
        data["hints"] = list(self.hints)
        return data


class Journal:
    """The last ``capacity`` requests, oldest first; thread-safe."""

    def __init__(self, capacity: int = 10_000) -> None:
        self._entries: deque[JournalEntry] = deque(maxlen=capacity)
        self._seq = itertools.count(1)
        self._lock = threading.Lock()

    def record(self, **fields: Any) -> JournalEntry:
        body = fields.pop("body", "")
        with self._lock:
            entry = JournalEntry(seq=next(self._seq), body=body[:BODY_LIMIT], **fields)
            self._entries.append(entry)
        return entry

    def entries(
        self,
        method: str | None = None,
        path_contains: str | None = None,
        status: int | None = None,
        account: str | None = None,
        unmatched: bool = False,
        service: str | None = None,
    ) -> list[JournalEntry]:
        with self._lock:
            snapshot: Iterable[JournalEntry] = list(self._entries)
        return [
            entry
            for entry in snapshot
            if (method is None or entry.method == method.upper())
            and (path_contains is None or path_contains in entry.path)
            and (status is None or entry.status == status)
            and (account is None or entry.account == account)
            and (service is None or entry.service == service)
            and (not unmatched or entry.route is None)
        ]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
