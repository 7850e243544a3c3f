"""The one place that reads real time: a Clock protocol, the system clock and a manual clock."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Source of "now" for the domain. Always answers an aware UTC datetime."""

    def now(self) -> datetime: ...

    def precise_now(self) -> datetime:
        """Now to the millisecond, for APIs that show milliseconds (Seats.io); ``now()`` is whole
        seconds."""
        ...


class SteerableClock(Clock, Protocol):
    """A clock the control plane can steer."""

    @property
    def frozen(self) -> bool: ...

    def set(self, moment: datetime) -> None: ...

    def advance(self, delta: timedelta) -> datetime: ...

    def freeze(self) -> datetime: ...

    def resume(self) -> datetime: ...

    def reset(self) -> None: ...


class SystemClock:
    """Real time, truncated to whole seconds (the APIs never show fractions)."""

    def now(self) -> datetime:
        return datetime.now(UTC).replace(microsecond=0)

    def precise_now(self) -> datetime:
        moment = datetime.now(UTC)
        return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


class ManualClock:
    """A clock that only moves when told to; tests and demos steer it."""

    def __init__(self, start: datetime) -> None:
        self._start = self._now = _as_utc(start)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return self._now

    def precise_now(self) -> datetime:
        return self.now()

    def set(self, moment: datetime) -> None:
        with self._lock:
            self._now = _as_utc(moment)

    def advance(self, delta: timedelta) -> datetime:
        with self._lock:
            self._now += delta
            return self._now

    @property
    def frozen(self) -> bool:
        return True  # a manual clock only ever moves when told to

    def freeze(self) -> datetime:
        return self.now()

    def resume(self) -> datetime:
        return self.now()

    def reset(self) -> None:
        """Back to the time it was made with."""
        self.set(self._start)


def _as_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


class VirtualClock:
    """Real time shifted by an offset, which can be set, advanced, frozen and resumed.

    What ``fakesaas serve`` runs on: time passes as usual until someone steers it through
    ``/_fakesaas/clock``; frozen, it stands still until advanced or resumed.
    """

    def __init__(self, source: Clock | None = None) -> None:
        self._source = source or SystemClock()
        self._lock = threading.Lock()
        self._offset = timedelta(0)
        self._frozen_at: datetime | None = None

    def now(self) -> datetime:
        with self._lock:
            if self._frozen_at is not None:
                return self._frozen_at
            return self._source.now() + self._offset

    def precise_now(self) -> datetime:
        with self._lock:
            if self._frozen_at is not None:
                return self._frozen_at
            return self._source.precise_now() + self._offset

    @property
    def frozen(self) -> bool:
        return self._frozen_at is not None

    def set(self, moment: datetime) -> None:
        moment = _as_utc(moment).replace(microsecond=0)
        with self._lock:
            if self._frozen_at is not None:
                self._frozen_at = moment
            else:
                self._offset = moment - self._source.now()

    def advance(self, delta: timedelta) -> datetime:
        with self._lock:
            if self._frozen_at is not None:
                self._frozen_at += delta
            else:
                self._offset += delta
        return self.now()

    def freeze(self) -> datetime:
        with self._lock:
            if self._frozen_at is None:
                self._frozen_at = self._source.now() + self._offset
            return self._frozen_at

    def resume(self) -> datetime:
        """Time runs again from where it stood."""
        with self._lock:
            if self._frozen_at is not None:
                self._offset = self._frozen_at - self._source.now()
                self._frozen_at = None
        return self.now()

    def reset(self) -> None:
        with self._lock:
            self._offset, self._frozen_at = timedelta(0), None
