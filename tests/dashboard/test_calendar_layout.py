"""Where a calendar draws its entries: the hours shown grow to hold every entry, and entries that
overlap share their column side by side, never on top of each other."""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import given
from hypothesis import strategies as st

from fakesaas.core.panels import Calendar, CalendarColumn, CalendarEntry
from fakesaas.dashboard.calendar import lay_out

DAY = date(2030, 1, 8)


def _entry(
    start: tuple[int, int], end: tuple[int, int], column: str = "a", title: str = "x"
) -> CalendarEntry:
    return CalendarEntry(column, datetime(2030, 1, 8, *start), datetime(2030, 1, 8, *end), title)


def _calendar(
    *entries: CalendarEntry, hours: tuple[int, int] = (8, 18), now: datetime | None = None
) -> Calendar:
    columns = (CalendarColumn("a", "A", DAY), CalendarColumn("b", "B", DAY))
    return Calendar("t", columns, entries, hours=hours, now=now)


def test_an_entry_sits_at_its_time_within_the_hours_shown() -> None:
    laid = lay_out(_calendar(_entry((10, 0), (11, 30))))

    (placed,) = laid.columns[0][1]
    assert (laid.first, laid.last) == (8, 18)
    assert (placed.top, placed.height, placed.left, placed.width) == (20.0, 15.0, 0.0, 100.0)


def test_the_hours_grow_to_hold_an_early_or_late_entry() -> None:
    laid = lay_out(_calendar(_entry((6, 30), (7, 0)), _entry((19, 0), (20, 15), "b")))

    assert (laid.first, laid.last) == (6, 21)


def test_overlapping_entries_share_the_width_and_the_next_one_gets_it_back() -> None:
    long, short = _entry((9, 0), (11, 0), title="long"), _entry((10, 0), (10, 30), title="short")
    laid = lay_out(_calendar(long, short, _entry((12, 0), (13, 0), title="later")))

    lanes = {placed.entry.title: (placed.left, placed.width) for placed in laid.columns[0][1]}
    assert lanes == {"long": (0.0, 50.0), "short": (50.0, 50.0), "later": (0.0, 100.0)}


def test_an_entry_of_another_column_or_outside_the_day_is_not_drawn_there() -> None:
    elsewhere = CalendarEntry("a", datetime(2030, 1, 9, 10), datetime(2030, 1, 9, 11), "tomorrow")
    laid = lay_out(_calendar(elsewhere, _entry((10, 0), (11, 0), "b"), _entry((10, 0), (11, 0), "zz")))

    assert laid.columns[0][1] == ()
    assert [placed.entry.column for placed in laid.columns[1][1]] == ["b"]


def test_now_is_drawn_in_its_column() -> None:
    laid = lay_out(_calendar(now=datetime(2030, 1, 8, 13, 0)))

    assert (laid.now_column, laid.now_top) == ("a", 50.0)


@given(st.lists(st.tuples(st.integers(0, 23 * 4), st.integers(1, 16)), max_size=25))
def test_entries_drawn_side_by_side_never_cover_each_other(spans: list[tuple[int, int]]) -> None:
    midnight = datetime(2030, 1, 8)
    entries = [
        CalendarEntry("a", midnight + start * _QUARTER, midnight + (start + length) * _QUARTER, str(n))
        for n, (start, length) in enumerate(spans)
    ]
    laid = lay_out(_calendar(*entries))

    placed = laid.columns[0][1]
    assert len(placed) == len(entries)
    for one in placed:
        assert 0 <= one.top <= 100
        assert one.left + one.width <= 100.001
        for other in placed:
            if one is other:
                continue
            in_time = one.entry.start < other.entry.end and other.entry.start < one.entry.end
            side_by_side = (
                one.left + one.width <= other.left + 0.001 or other.left + other.width <= one.left + 0.001
            )
            assert not in_time or side_by_side


_QUARTER = datetime(2030, 1, 1, 0, 15) - datetime(2030, 1, 1)
