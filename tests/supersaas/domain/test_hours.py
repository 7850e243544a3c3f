"""Weekly opening hours: reading a specification, the spans of a day, and open-time checks."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from fakesaas.supersaas.domain.hours import DAY_NAMES, HoursError, OpeningHours

MONDAY = date(2030, 1, 7)
FRIDAY, SATURDAY, SUNDAY = date(2030, 1, 11), date(2030, 1, 12), date(2030, 1, 13)
CLOSED: tuple[tuple[int, int], ...] = ()


def minutes(text: str) -> int:
    hours, mins = text.split(":")
    return int(hours) * 60 + int(mins)


def span(opens: str, closes: str) -> tuple[int, int]:
    return minutes(opens), minutes(closes)


def wall(day: date, clock_time: str) -> datetime:
    return datetime.fromisoformat(f"{day.isoformat()} {clock_time}")


# --- parse ----------------------------------------------------------------------------------------


def test_days_left_out_are_closed_and_a_single_string_is_one_span() -> None:
    hours = OpeningHours.parse({"mon": ["08:00-18:00"], "sat": "10:00-14:00"})
    assert hours.weekly == (
        (span("08:00", "18:00"),),
        CLOSED,
        CLOSED,
        CLOSED,
        CLOSED,
        (span("10:00", "14:00"),),
        CLOSED,
    )


def test_several_spans_of_a_day_come_out_sorted_and_disjoint() -> None:
    hours = OpeningHours.parse({"tue": ["13:00-18:00", "08:00-12:00"]})
    assert hours.weekly[1] == (span("08:00", "12:00"), span("13:00", "18:00"))


@pytest.mark.parametrize(
    ("spans", "merged"),
    [
        (["08:00-12:00", "11:00-14:00"], ((480, 840),)),  # overlapping
        (["12:00-13:00", "08:00-12:00"], ((480, 780),)),  # touching, given out of order
        (["08:00-18:00", "09:00-10:00"], ((480, 1080),)),  # one inside the other
        (["14:00-15:00", "08:00-09:00", "08:30-14:30"], ((480, 900),)),  # a chain
        (["08:00-09:00", "09:30-10:00", "08:15-08:45"], ((480, 540), (570, 600))),
    ],
)
def test_overlapping_or_touching_spans_of_a_day_are_merged(
    spans: list[str], merged: tuple[tuple[int, int], ...]
) -> None:
    assert OpeningHours.parse({"wed": spans}).weekly[2] == merged


def test_a_span_may_close_at_midnight_written_24_00() -> None:
    hours = OpeningHours.parse({"fri": "20:00-24:00", "sun": "00:00-24:00"})
    assert hours.weekly[4] == ((1200, 1440),)
    assert hours.weekly[6] == ((0, 1440),)


def test_spans_may_use_one_digit_hours_and_spaces_around_the_dash() -> None:
    assert OpeningHours.parse({"thu": " 8:00 - 9:30 "}).weekly[3] == ((480, 570),)


def test_an_empty_list_is_a_closed_day() -> None:
    assert OpeningHours.parse({"mon": []}).weekly == (CLOSED,) * 7


def test_around_the_clock_is_the_whole_of_every_day() -> None:
    assert OpeningHours.always().weekly == (((0, 1440),),) * 7
    assert OpeningHours.parse(dict.fromkeys(DAY_NAMES, "00:00-24:00")) == OpeningHours.always()


@pytest.mark.parametrize(
    "spec",
    [
        {"monday": "08:00-18:00"},  # weekday spelled out
        {"Mon": "08:00-18:00"},  # upper case
        {"mon": "08:00-18:00", "xyz": "09:00-10:00"},
    ],
)
def test_an_unknown_weekday_is_refused(spec: dict[str, object]) -> None:
    with pytest.raises(HoursError, match="unknown weekday"):
        OpeningHours.parse(spec)


@pytest.mark.parametrize(
    "text",
    [
        "9-5",
        "09:00",
        "09:00-",
        "09:00 to 17:00",
        "0900-1700",
        "09:00-17:00:00",
        "",
    ],
)
def test_a_span_not_written_hh_mm_dash_hh_mm_is_refused(text: str) -> None:
    with pytest.raises(HoursError, match="not a span like"):
        OpeningHours.parse({"tue": [text]})


@pytest.mark.parametrize("raw", [9, None, ["08:00", "17:00"], {"from": "08:00"}])
def test_a_span_that_is_not_text_is_refused(raw: object) -> None:
    with pytest.raises(HoursError):
        OpeningHours.parse({"tue": [raw]})


@pytest.mark.parametrize(
    "text",
    [
        "18:00-08:00",  # closes before it opens
        "10:00-10:00",  # empty
        "25:00-26:00",  # no such hour
        "09:00-25:00",  # past the day
        "24:00-24:00",
        "09:60-10:00",  # no such minute
        "09:00-10:75",
        "22:00-02:00",  # across midnight belongs to two days
    ],
)
def test_a_span_that_does_not_open_before_it_closes_within_the_day_is_refused(text: str) -> None:
    with pytest.raises(HoursError, match="must open before it closes"):
        OpeningHours.parse({"sat": text})


def test_the_refusal_names_the_day_and_the_span() -> None:
    with pytest.raises(HoursError) as exc:
        OpeningHours.parse({"mon": "08:00-12:00", "fri": ["09:00-10:00", "17:00-16:00"]})
    assert "fri" in str(exc.value)
    assert "17:00-16:00" in str(exc.value)


def test_a_refused_specification_is_a_value_error() -> None:
    # Seed loading reports a ValueError as a broken document, so HoursError must be one.
    with pytest.raises(ValueError, match="9-5"):
        OpeningHours.parse({"mon": "9-5"})


# --- spans_on -------------------------------------------------------------------------------------


def test_spans_on_gives_wall_clock_times_of_that_calendar_day() -> None:
    hours = OpeningHours.parse({"mon": ["13:00-18:00", "08:00-12:00"], "sat": "10:00-14:00"})
    assert list(hours.spans_on(MONDAY)) == [
        (wall(MONDAY, "08:00"), wall(MONDAY, "12:00")),
        (wall(MONDAY, "13:00"), wall(MONDAY, "18:00")),
    ]
    assert list(hours.spans_on(SATURDAY)) == [(wall(SATURDAY, "10:00"), wall(SATURDAY, "14:00"))]
    assert list(hours.spans_on(SUNDAY)) == []


def test_a_span_closing_at_24_00_ends_at_the_next_midnight() -> None:
    hours = OpeningHours.parse({"fri": "20:00-24:00"})
    assert list(hours.spans_on(FRIDAY)) == [(wall(FRIDAY, "20:00"), wall(SATURDAY, "00:00"))]


def test_spans_on_follows_the_weekday_not_the_date() -> None:
    hours = OpeningHours.parse({"mon": "08:00-09:00"})
    next_monday = date(2030, 1, 14)
    assert list(hours.spans_on(next_monday)) == [(wall(next_monday, "08:00"), wall(next_monday, "09:00"))]
    assert list(hours.spans_on(date(2030, 1, 8))) == []


# --- is_open --------------------------------------------------------------------------------------

NIGHT_CLUB = {"fri": "20:00-24:00", "sat": ["00:00-03:00", "20:00-24:00"], "sun": "00:00-02:00"}


@pytest.mark.parametrize(
    ("start", "finish", "is_open"),
    [
        (wall(FRIDAY, "20:00"), wall(FRIDAY, "23:59"), True),
        (wall(FRIDAY, "22:00"), wall(SATURDAY, "01:00"), True),  # over midnight
        (wall(FRIDAY, "20:00"), wall(SATURDAY, "03:00"), True),  # exactly the whole night
        (wall(FRIDAY, "22:00"), wall(SATURDAY, "03:01"), False),  # past closing
        (wall(FRIDAY, "19:59"), wall(FRIDAY, "21:00"), False),  # before opening
        (wall(SATURDAY, "02:00"), wall(SATURDAY, "21:00"), False),  # over the closed afternoon
        (wall(SATURDAY, "23:00"), wall(SUNDAY, "02:00"), True),
        (wall(FRIDAY, "21:00"), wall(SUNDAY, "01:00"), False),  # two nights with a gap between
        (wall(MONDAY, "10:00"), wall(MONDAY, "11:00"), False),  # a closed day
    ],
)
def test_is_open_follows_open_time_across_midnight(start: datetime, finish: datetime, is_open: bool) -> None:
    assert OpeningHours.parse(NIGHT_CLUB).is_open(start, finish) is is_open


def test_is_open_bridges_two_spans_of_a_day_only_when_they_touch() -> None:
    touching = OpeningHours.parse({"mon": ["08:00-12:00", "12:00-18:00"]})
    gap = OpeningHours.parse({"mon": ["08:00-12:00", "12:30-18:00"]})
    assert touching.is_open(wall(MONDAY, "11:00"), wall(MONDAY, "13:00"))
    assert not gap.is_open(wall(MONDAY, "11:00"), wall(MONDAY, "13:00"))
    assert gap.is_open(wall(MONDAY, "12:30"), wall(MONDAY, "18:00"))


def test_around_the_clock_is_open_for_a_whole_week_and_more() -> None:
    assert OpeningHours.always().is_open(wall(MONDAY, "07:13"), wall(date(2030, 1, 20), "05:00"))


# --- describe -------------------------------------------------------------------------------------


def test_describe_writes_spans_as_hh_mm_and_leaves_closed_days_out() -> None:
    hours = OpeningHours.parse({"mon": ["13:00-18:00", "8:00-12:00"], "fri": "20:00-24:00"})
    assert hours.describe() == {"mon": ["08:00-12:00", "13:00-18:00"], "fri": ["20:00-24:00"]}


def test_describe_of_around_the_clock_names_every_day() -> None:
    assert OpeningHours.always().describe() == {day: ["00:00-24:00"] for day in DAY_NAMES}


@pytest.mark.parametrize(
    "spec",
    [
        {},
        {"mon": ["08:00-18:00"], "sat": "10:00-14:00"},
        {"tue": ["13:00-18:00", "08:00-12:00", "11:00-12:30"], "sun": "00:00-24:00"},
        NIGHT_CLUB,
        {"wed": ["00:00-00:01", "23:59-24:00"]},
    ],
)
def test_describe_reads_back_as_the_same_hours(spec: dict[str, object]) -> None:
    hours = OpeningHours.parse(spec)
    assert OpeningHours.parse(hours.describe()) == hours
