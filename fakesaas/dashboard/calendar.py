"""Where each entry of a calendar panel is drawn: the hours shown, and entries that overlap side by side.

Pure arithmetic over the view model (``fakesaas.core.panels.Calendar``); the template only places
what this computes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from fakesaas.core.panels import Calendar, CalendarColumn, CalendarEntry

HOUR_PX = 48  # the height of an hour on screen
SHORT = timedelta(minutes=50)  # an entry shorter than this draws its time and title on one line


@dataclass(frozen=True, slots=True)
class Placed:
    """An entry and where it sits in its column, in percent of the column's height and width."""

    entry: CalendarEntry
    top: float
    height: float
    left: float
    width: float
    clipped: bool  # it runs on before or after the hours shown
    short: bool  # too short for its time and title on lines of their own


@dataclass(frozen=True, slots=True)
class Laid:
    """A calendar ready to draw: the hours shown and each column's placed entries."""

    first: int
    last: int
    columns: tuple[tuple[CalendarColumn, tuple[Placed, ...]], ...]
    now_top: float | None  # where the "now" line is, in percent, when now falls in the columns' days
    now_column: str | None

    @property
    def hours(self) -> range:
        return range(self.first, self.last)

    @property
    def height_px(self) -> int:
        return (self.last - self.first) * HOUR_PX


def lay_out(calendar: Calendar) -> Laid:
    by_column: dict[str, list[CalendarEntry]] = {column.key: [] for column in calendar.columns}
    for entry in calendar.entries:
        if entry.column in by_column:
            by_column[entry.column].append(entry)
    first, last = _hours(calendar, by_column)
    columns = []
    for column in calendar.columns:
        begin = datetime.combine(column.day, time()) + timedelta(hours=first)
        end = datetime.combine(column.day, time()) + timedelta(hours=last)
        columns.append((column, tuple(_place(by_column[column.key], begin, end))))
    now_top = now_column = None
    if calendar.now is not None:
        for column in calendar.columns:
            begin = datetime.combine(column.day, time()) + timedelta(hours=first)
            end = datetime.combine(column.day, time()) + timedelta(hours=last)
            if begin <= calendar.now < end:
                now_top = _share(calendar.now - begin, end - begin)
                now_column = column.key
                break
    return Laid(first, last, tuple(columns), now_top, now_column)


def _hours(calendar: Calendar, by_column: dict[str, list[CalendarEntry]]) -> tuple[int, int]:
    """The view's hours, widened to hold every entry that starts or ends on its column's day."""
    first, last = calendar.hours
    first, last = max(0, min(first, 23)), min(24, max(last, first + 1))
    days = {column.key: column.day for column in calendar.columns}
    for key, entries in by_column.items():
        day = days[key]
        midnight = datetime.combine(day, time())
        for entry in entries:
            if entry.start.date() == day:
                first = min(first, entry.start.hour)
            if entry.end.date() == day and entry.end > midnight:
                last = max(last, math.ceil((entry.end - midnight) / timedelta(hours=1)))
            elif entry.end.date() > day and entry.start.date() <= day:
                last = 24
    return first, max(last, first + 1)


def _place(entries: list[CalendarEntry], begin: datetime, end: datetime) -> list[Placed]:
    """Entries that overlap share the column's width: each cluster of overlapping entries gets as
    many lanes as it needs at most, and each entry the first lane free at its start."""
    shown = sorted(
        (entry for entry in entries if entry.start < end and entry.end > begin),
        key=lambda entry: (entry.start, entry.end),
    )
    placed: list[Placed] = []
    cluster: list[tuple[CalendarEntry, int]] = []
    lane_ends: list[datetime] = []
    cluster_end: datetime | None = None

    def flush() -> None:
        lanes = max(len(lane_ends), 1)
        for entry, lane in cluster:
            start, finish = max(entry.start, begin), min(entry.end, end)
            placed.append(
                Placed(
                    entry,
                    top=_share(start - begin, end - begin),
                    height=max(_share(finish - start, end - begin), 1.5),
                    left=100.0 * lane / lanes,
                    width=100.0 / lanes,
                    clipped=entry.start < begin or entry.end > end,
                    short=(finish - start) < SHORT,
                )
            )

    for entry in shown:
        if cluster_end is not None and entry.start >= cluster_end:
            flush()
            cluster, lane_ends, cluster_end = [], [], None
        lane = next((index for index, free_at in enumerate(lane_ends) if free_at <= entry.start), None)
        if lane is None:
            lane = len(lane_ends)
            lane_ends.append(entry.end)
        else:
            lane_ends[lane] = entry.end
        cluster.append((entry, lane))
        cluster_end = entry.end if cluster_end is None else max(cluster_end, entry.end)
    if cluster:
        flush()
    return placed


def _share(part: timedelta, whole: timedelta) -> float:
    return round(100.0 * (part / whole), 3) if whole else 0.0
