"""The window of days a calendar page shows (a day, or the week around it) and its links: earlier,
today, later, day or week. Shared by every service's calendar views, so they all move alike."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from fakesaas.core.panels import CalendarColumn, Link
from fakesaas.core.views import ViewQuery

FIRST_DAY, LAST_DAY = date(1, 1, 8), date(9999, 12, 20)  # room for a week either side

Params = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Frame:
    """What a calendar page shows: ``mode`` ("day" or "week"), its days, the local today and now,
    and the parameters that keep it (for links that change one thing)."""

    mode: str
    days: tuple[date, ...]
    today: date
    now: datetime
    params: Params

    @property
    def start(self) -> datetime:
        return datetime.combine(self.days[0], time())

    @property
    def end(self) -> datetime:
        return datetime.combine(self.days[-1], time()) + timedelta(days=1)

    @property
    def title(self) -> str:
        if self.mode == "week":
            first, last = self.days[0], self.days[-1]
            return f"Week of {first.strftime('%a %d %b %Y')} to {last.strftime('%a %d %b')}"
        return self.days[0].strftime("%A %d %B %Y")

    def navigation(self, path: str) -> tuple[Link, ...]:
        """Previous, Today and Next, a day or a week at a time."""
        step = timedelta(days=7 if self.mode == "week" else 1)
        shown = self.days[0]
        links = []
        for label, day in (("Previous", shown - step), ("Today", self.today), ("Next", shown + step)):
            if FIRST_DAY <= day <= LAST_DAY:
                links.append(Link(label, path, with_params(self.params, date=day.isoformat())))
        return tuple(links)

    def views(self, path: str) -> tuple[Link, ...]:
        return tuple(
            Link(label, path, with_params(self.params, view=mode), current=self.mode == mode)
            for label, mode in (("Day", "day"), ("Week", "week"))
        )

    def day_columns(self) -> list[CalendarColumn]:
        """A column per day of the frame, today marked."""
        return [
            CalendarColumn(
                day.isoformat(), day.strftime("%a %d %b"), day, "today" if day == self.today else ""
            )
            for day in self.days
        ]

    def link(self, label: str, path: str, **changes: str) -> Link:
        """The same frame, with ``changes`` to its parameters (a booking opened beside it)."""
        return Link(label, path, with_params(self.params, **changes))


def frame_of(query: ViewQuery, now: datetime, keep: tuple[str, ...] = ()) -> Frame:
    """The frame ``query`` asks for (``view=day|week``, ``date``), around the local ``now`` by
    default; ``keep`` names further parameters its links carry (``resource``, ``cols``...)."""
    mode = "week" if query.text("view") == "week" else "day"
    day = min(max(query.day() or now.date(), FIRST_DAY), LAST_DAY)
    if mode == "week":
        monday = day - timedelta(days=day.weekday())
        days = tuple(monday + timedelta(days=n) for n in range(7))
    else:
        days = (day,)
    params = [("view", mode), ("date", day.isoformat())]
    params += [(name, query.text(name)) for name in keep if query.text(name)]
    return Frame(mode, days, now.date(), now, tuple(params))


def with_params(params: Params, **changes: str) -> Params:
    kept = [(key, value) for key, value in params if key not in changes]
    return (*kept, *changes.items())


def hour_span(spans: list[tuple[int, int]], unit: int) -> tuple[int, int]:
    """The hours that hold ``spans`` (pairs of offsets from midnight in ``unit``s: 60 for minutes,
    3600 for seconds); 08-18 when there are none or they cover the whole day."""
    if not spans or all(start == 0 and end >= 24 * 3600 // unit for start, end in spans):
        return (8, 18)
    per_hour = 3600 // unit
    return (min(s for s, _ in spans) // per_hour, -(-max(e for _, e in spans) // per_hour))
