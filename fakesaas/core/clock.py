"""The one place that reads real time: a Clock protocol, the system clock and a manual clock."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol


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

    def __init__(self) -> None:
        # The last second asked for and its datetime, as one tuple so threads never see the two
        # out of step: every request asks at least once (the journal's entry), mostly within the
        # same second as the one before, and reading the pair costs a third of making the datetime.
        self._last: tuple[int, datetime] = (-1, datetime.min.replace(tzinfo=UTC))
        self._last_precise: tuple[int, datetime] = self._last  # the same, by the millisecond

    def now(self) -> datetime:
        # Whole seconds from the integer timestamp: the same moment as now().replace(microsecond=0).
        second = int(time.time())
        last_second, moment = self._last
        if second != last_second:
            moment = datetime.fromtimestamp(second, UTC)
            self._last = (second, moment)
        return moment

    def precise_now(self) -> datetime:
        # Whole milliseconds from the integer count: ``fromtimestamp`` rounds to the microsecond,
        # and a millisecond's float is far nearer than half of one to it, so the moment is exact
        # (``now().replace(microsecond=...)`` parsed its keyword: four times the cost).
        millisecond = time.time_ns() // 1_000_000
        last_millisecond, moment = self._last_precise
        if millisecond != last_millisecond:
            moment = datetime.fromtimestamp(millisecond / 1000, UTC)
            self._last_precise = (millisecond, moment)
        return moment


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


@dataclass(frozen=True, slots=True)
class ClockSetting:
    """Where a virtual clock stands: ahead of real time by ``offset``, or frozen at ``frozen_at``."""

    offset: timedelta
    frozen_at: datetime | None

    def as_dict(self) -> dict[str, Any]:
        frozen = self.frozen_at.isoformat() if self.frozen_at is not None else None
        return {"offset_seconds": self.offset.total_seconds(), "frozen_at": frozen}

    @classmethod
    def from_dict(cls, data: Any) -> ClockSetting:
        """From ``as_dict``; KeyError, TypeError or ValueError when it is not one."""
        frozen = data["frozen_at"]
        return cls(
            timedelta(seconds=float(data["offset_seconds"])),
            datetime.fromisoformat(frozen) if frozen is not None else None,
        )


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
            offset = self._offset
            return self._source.now() + offset if offset else self._source.now()

    def precise_now(self) -> datetime:
        with self._lock:
            if self._frozen_at is not None:
                return self._frozen_at
            offset = self._offset
            return self._source.precise_now() + offset if offset else self._source.precise_now()

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

    def real_now(self) -> datetime:
        """Real time as this clock reads it (its source), before any offset or freeze."""
        return self._source.now()

    def setting(self) -> ClockSetting:
        with self._lock:
            return ClockSetting(self._offset, self._frozen_at)

    def restore(self, setting: ClockSetting) -> None:
        """Stand where ``setting`` says (a recorded setting put back)."""
        with self._lock:
            self._offset, self._frozen_at = setting.offset, setting.frozen_at

    @contextmanager
    def real_time_at(self, moment: datetime) -> Iterator[None]:
        """Read real time as ``moment`` meanwhile: a recorded request played again sees the clock,
        and whatever it does to it (reset, freeze, set), as it did when it was recorded. One
        caller at a time: the journal replays at start, before anything else runs."""
        source = self._source
        self._source = ManualClock(moment)
        try:
            yield
        finally:
            self._source = source
