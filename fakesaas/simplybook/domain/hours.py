"""Working time: weekly hours with breaks, days off, and a day's bookable intervals."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from fakesaas.simplybook.domain.values import DAY, WEEKDAYS, format_time, parse_hhmm_range

Interval = tuple[int, int]  # [start, end) in seconds from midnight


@dataclass(frozen=True, slots=True)
class WeeklyHours:
    """Open intervals per weekday (0 = Monday), breaks already cut out; days left out are closed."""

    days: tuple[tuple[Interval, ...], ...] = ((), (), (), (), (), (), ())

    def on(self, day: date) -> tuple[Interval, ...]:
        return self.days[day.weekday()]

    def describe(self) -> dict[str, list[str]]:
        """The seed form: ``{"mon": ["09:00-12:00", "13:00-17:00"], ...}``."""
        return {
            WEEKDAYS[weekday]: [f"{format_time(a)[:5]}-{format_time(b)[:5]}" for a, b in intervals]
            for weekday, intervals in enumerate(self.days)
            if intervals
        }

    @classmethod
    def parse(cls, hours: object, breaks: object = None) -> WeeklyHours:
        """``{"mon": "09:00-17:00" | ["09:00-12:00", ...], ...}`` less ``breaks`` of the same form;
        ValueError says what is wrong."""
        opened = _weekly(hours, "hours")
        closed = _weekly(breaks or {}, "breaks")
        return cls(tuple(tuple(subtract(opened[d], closed[d])) for d in range(7)))


def _weekly(spec: object, what: str) -> list[list[Interval]]:
    if not isinstance(spec, Mapping):
        raise ValueError(f"{what} must be an object keyed by weekday (mon..sun)")
    days: list[list[Interval]] = [[] for _ in range(7)]
    for key, value in spec.items():
        if key not in WEEKDAYS:
            raise ValueError(f"{what}: {key!r} is not a weekday (mon..sun)")
        ranges = [value] if isinstance(value, str) else value
        if not isinstance(ranges, list) or not all(isinstance(r, str) for r in ranges):
            raise ValueError(f"{what}.{key} must be a range like 09:00-17:00 or a list of them")
        days[WEEKDAYS.index(key)] = merge(parse_hhmm_range(r) for r in ranges)
    return days


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, with overlapping or touching intervals joined."""
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def subtract(intervals: Iterable[Interval], holes: Iterable[Interval]) -> list[Interval]:
    """``intervals`` with every part covered by ``holes`` removed."""
    result = list(intervals)
    for hole_start, hole_end in holes:
        cut: list[Interval] = []
        for start, end in result:
            if hole_end <= start or hole_start >= end:
                cut.append((start, end))
                continue
            if start < hole_start:
                cut.append((start, hole_start))
            if hole_end < end:
                cut.append((hole_end, end))
        result = cut
    return result


@dataclass(frozen=True, slots=True)
class Workdays:
    """When someone works: weekly hours less days off (the company's holidays apply to all)."""

    hours: WeeklyHours
    days_off: frozenset[date] = field(default_factory=frozenset)

    def intervals(self, day: date, holidays: frozenset[date] = frozenset()) -> tuple[Interval, ...]:
        if day in self.days_off or day in holidays:
            return ()
        return self.hours.on(day)


ALWAYS_CLOSED = WeeklyHours()
FULL_DAY: Interval = (0, DAY)
