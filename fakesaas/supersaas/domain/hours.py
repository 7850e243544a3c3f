"""Weekly opening hours of a schedule: when, on each weekday, it can be booked."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_SPAN = re.compile(r"\A\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*\Z")
_MINUTES_PER_DAY = 24 * 60


class HoursError(ValueError):
    """An opening-hours specification that cannot be read."""


@dataclass(frozen=True, slots=True)
class OpeningHours:
    """Per weekday (Monday first), the open spans as minutes after midnight, sorted and disjoint.

    A span may end at 24:00, so a schedule open around the clock is ``00:00-24:00`` every day.
    """

    weekly: tuple[tuple[tuple[int, int], ...], ...]

    @classmethod
    def always(cls) -> OpeningHours:
        return cls(tuple(((0, _MINUTES_PER_DAY),) for _ in DAY_NAMES))

    @classmethod
    def parse(cls, spec: Mapping[str, object]) -> OpeningHours:
        """``{"mon": ["08:00-12:00", "13:00-18:00"], "sat": "10:00-14:00"}``; days left out are closed."""
        unknown = set(spec) - set(DAY_NAMES)
        if unknown:
            raise HoursError(f"unknown weekday {sorted(unknown)[0]!r}; use {', '.join(DAY_NAMES)}")
        weekly = []
        for day in DAY_NAMES:
            raw = spec.get(day, [])
            spans = [raw] if isinstance(raw, str) else list(raw)  # type: ignore[call-overload]
            weekly.append(_merge(sorted(_span(day, text) for text in spans)))
        return cls(tuple(weekly))

    @property
    def offsets(self) -> tuple[tuple[tuple[timedelta, timedelta], ...], ...]:
        """Per weekday (Monday first), the open spans as offsets from midnight."""
        return _week_offsets(self.weekly)

    def spans_on(self, day: date) -> Iterator[tuple[datetime, datetime]]:
        """The open spans of one calendar day as wall-clock datetimes."""
        midnight = datetime.combine(day, time())
        for opens, closes in _as_offsets(self.weekly[day.weekday()]):
            if day == date.max and midnight + opens >= _LAST_MINUTE:
                continue
            # 24:00 of the calendar's last day is past the last moment there is: end there.
            end = midnight + closes if day != date.max else min(midnight + (closes - _TICK), _LAST_MINUTE)
            yield midnight + opens, end

    def is_open(self, start: datetime, finish: datetime) -> bool:
        """Whether ``[start, finish)`` lies wholly in open time (it may run over midnight)."""
        cursor = start
        while cursor < finish:
            span = next((s for s in self.spans_on(cursor.date()) if s[0] <= cursor < s[1]), None)
            if span is None:
                return False
            cursor = span[1]
        return True

    def describe(self) -> dict[str, list[str]]:
        return {
            day: [f"{o // 60:02d}:{o % 60:02d}-{c // 60:02d}:{c % 60:02d}" for o, c in spans]
            for day, spans in zip(DAY_NAMES, self.weekly, strict=True)
            if spans
        }


_TICK = timedelta(microseconds=1)
_LAST_MINUTE = datetime.max.replace(second=0, microsecond=0)


@functools.cache
def _as_offsets(spans: tuple[tuple[int, int], ...]) -> tuple[tuple[timedelta, timedelta], ...]:
    # Free-time searches ask for the same weekdays over and over: build the offsets once.
    return tuple((timedelta(minutes=opens), timedelta(minutes=closes)) for opens, closes in spans)


@functools.cache
def _week_offsets(
    weekly: tuple[tuple[tuple[int, int], ...], ...],
) -> tuple[tuple[tuple[timedelta, timedelta], ...], ...]:
    return tuple(_as_offsets(spans) for spans in weekly)


def _span(day: str, text: object) -> tuple[int, int]:
    match = _SPAN.match(text) if isinstance(text, str) else None
    if not match:
        raise HoursError(f"{day}: {text!r} is not a span like 09:00-17:00")
    oh, om, ch, cm = (int(part) for part in match.groups())
    opens, closes = oh * 60 + om, ch * 60 + cm
    if om > 59 or cm > 59 or not 0 <= opens < closes <= _MINUTES_PER_DAY:
        raise HoursError(f"{day}: {text!r} must open before it closes, within the day")
    return opens, closes


def _merge(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for opens, closes in spans:
        if merged and opens <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], closes))
        else:
            merged.append((opens, closes))
    return tuple(merged)
