"""The parts of a dashboard page: links, cells, tables, details, notices and calendars, as plain data.

Everything here is a frozen record a service's views fill in and the dashboard's generic templates
draw (see fakesaas/core/views.py for pages and the interface).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum


class Tone(Enum):
    """How a cell or calendar entry is coloured; the dashboard keeps one palette for all services."""

    NEUTRAL = "neutral"
    FREE = "free"  # bookable, places left
    BOOKED = "booked"  # taken
    HELD = "held"  # reserved for a while (a hold, a pending booking)
    FULL = "full"  # no places left, or people waiting
    MUTED = "muted"  # cancelled, deleted, past
    BAD = "bad"  # failed, refused


@dataclass(frozen=True, slots=True)
class Link:
    """A place in the service's pages: ``path`` below the service, and query parameters."""

    label: str
    path: str = ""
    params: tuple[tuple[str, str], ...] = ()
    current: bool = False


@dataclass(frozen=True, slots=True)
class Cell:
    """One value of a table or details list. ``expires`` (UTC) makes it a countdown to that moment
    on the world's clock; ``mono`` sets it in a fixed-width face (ids, keys, JSON)."""

    text: str
    link: Link | None = None
    tone: Tone | None = None
    mono: bool = False
    expires: datetime | None = None


def cell(value: object, link: Link | None = None, tone: Tone | None = None, mono: bool = False) -> Cell:
    """A cell showing ``value`` as text (None as an empty cell)."""
    return Cell("" if value is None else str(value), link, tone, mono)


@dataclass(frozen=True, slots=True)
class Pager:
    """Where a window of a long list stands, and the links to the windows around it."""

    summary: str  # "51-100 of 1,003"
    previous: Link | None = None
    next: Link | None = None


@dataclass(frozen=True, slots=True)
class Choice:
    """A choice that reloads the page with ``name`` set (a resource of a week calendar, a filter)."""

    label: str
    name: str
    options: tuple[tuple[str, str], ...]  # (value, label)
    selected: str = ""
    # Parameters the reload keeps (the date, the view), so choosing changes only ``name``.
    keep: tuple[tuple[str, str], ...] = ()
    path: str = ""


@dataclass(frozen=True, slots=True)
class Table:
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    pager: Pager | None = None
    empty: str = "Nothing here yet."
    key: str = ""  # a stable name for the panel (its HTML id), when a page has several tables


@dataclass(frozen=True, slots=True)
class Details:
    """Labelled values of one object (a booking, a user, a seat); ``close`` leads back without it."""

    title: str
    items: tuple[tuple[str, Cell], ...]
    close: Link | None = None
    key: str = "details"


@dataclass(frozen=True, slots=True)
class Notice:
    """A line of text for the reader: what a page shows, why something is missing."""

    text: str
    tone: Tone = Tone.NEUTRAL


@dataclass(frozen=True, slots=True)
class CalendarColumn:
    """A column of a calendar: a resource on one day, or a day of one resource."""

    key: str
    label: str
    day: date
    note: str = ""


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    """A booking or a slot in a column. Times are wall times of the calendar (naive)."""

    column: str
    start: datetime
    end: datetime
    title: str
    lines: tuple[str, ...] = ()
    tone: Tone = Tone.BOOKED
    link: Link | None = None
    selected: bool = False


@dataclass(frozen=True, slots=True)
class Calendar:
    """Columns of a day (resources side by side) or of a week (days side by side).

    ``hours`` is the span of the day drawn, widened by the dashboard to hold every entry;
    ``navigation`` moves in time (previous, today, next), ``views`` switches day and week,
    ``choices`` narrow it (the resource a week shows), ``pager`` moves along many columns.
    """

    title: str
    columns: tuple[CalendarColumn, ...]
    entries: tuple[CalendarEntry, ...]
    timezone: str = "UTC"
    hours: tuple[int, int] = (8, 18)
    now: datetime | None = None  # the world's now as a wall time of the calendar
    navigation: tuple[Link, ...] = ()
    views: tuple[Link, ...] = ()
    choices: tuple[Choice, ...] = ()
    pager: Pager | None = None
    key: str = "calendar"


def window(total: int, offset: int, size: int) -> tuple[int, int]:
    """The [start, stop) of the window at ``offset`` of ``size`` items, within ``total``."""
    start = max(0, min(offset, max(total - 1, 0)))
    return start, min(total, start + size)


def pager(total: int, start: int, stop: int, size: int, link: Link, name: str = "offset") -> Pager | None:
    """Previous and next links around the window [start, stop) of ``total`` items, None when all
    of them fit in one window. ``link`` is the page itself; ``name`` the parameter it pages by."""
    if total <= size and start == 0:
        return None
    kept = tuple((key, value) for key, value in link.params if key != name)

    def to(offset: int, label: str) -> Link:
        return Link(label, link.path, (*kept, (name, str(offset))))

    return Pager(
        f"{start + 1:,}-{stop:,} of {total:,}" if total else "none",
        to(max(0, start - size), "Previous") if start > 0 else None,
        to(stop, "Next") if stop < total else None,
    )
