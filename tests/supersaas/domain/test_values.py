"""Plain values the API accepts: times, flags, ids, e-mail addresses and countries."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fakesaas.core.errors import FieldError
from fakesaas.supersaas.domain.values import (
    check_email,
    format_time,
    local_to_utc,
    normalise_country,
    parse_flag,
    parse_int,
    parse_time,
    text,
    utc_to_local,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2030-1-2 9:0:00", datetime(2030, 1, 2, 9, 0)),
        ("2030-01-02 09:00", datetime(2030, 1, 2, 9, 0)),
        ("2030-01-02 09:00:30", datetime(2030, 1, 2, 9, 0, 30)),
        ("2030-01-02T09:00:00", datetime(2030, 1, 2, 9, 0)),
        ("2030-01-02", datetime(2030, 1, 2, 0, 0)),
        ("  2030-01-02 09:00  ", datetime(2030, 1, 2, 9, 0)),
        (datetime(2030, 1, 2, 9, 0, tzinfo=UTC), datetime(2030, 1, 2, 9, 0)),
        (date(2030, 1, 2), datetime(2030, 1, 2)),
    ],
)
def test_parse_time_reads_every_format_the_sdks_send(raw: object, expected: datetime) -> None:
    assert parse_time(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "2030-13-01 00:00",
        "2030-02-30 10:00",
        "2030-01-02 25:00",
        "2030-01-02 09:61",
        "tomorrow",
        "",
        "2030-01-02 09:00 extra",
        "02-01-2030 09:00",
        12345,
        None,
        ["2030-01-02"],
    ],
)
def test_parse_time_refuses_what_is_not_a_real_time(raw: object) -> None:
    assert parse_time(raw) is None


def test_parsed_times_are_wall_clock_times_without_a_zone() -> None:
    parsed = parse_time("2030-01-02 09:00")
    assert parsed is not None
    assert parsed.tzinfo is None


def test_format_time_writes_seconds_always() -> None:
    assert format_time(datetime(2030, 1, 2, 9, 5)) == "2030-01-02 09:05:00"


@settings(max_examples=300)
@given(moment=st.datetimes(timezones=st.none() | st.timezones()), again=st.booleans())
def test_a_time_reads_as_its_wall_clock_however_often_it_is_written(moment: datetime, again: bool) -> None:
    """Rule: a time is written as its wall clock with a four-digit year and whole seconds, the
    same the first time and every time after (naive times keep their text between answers)."""
    expected = f"{moment.year:04d}-{moment:%m-%d %H:%M:%S}"
    assert format_time(moment) == expected
    if again:
        assert format_time(moment.replace()) == expected


def test_one_instant_in_two_zones_reads_as_each_zone_wall_clock() -> None:
    """Two aware times of one instant are equal and hash alike; each still reads in its own zone,
    whichever was written first."""
    amsterdam = datetime(2030, 1, 7, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    in_utc = amsterdam.astimezone(UTC)
    assert amsterdam == in_utc
    assert [format_time(amsterdam), format_time(in_utc), format_time(amsterdam)] == [
        "2030-01-07 09:00:00",
        "2030-01-07 08:00:00",
        "2030-01-07 09:00:00",
    ]


def test_local_and_utc_conversions_follow_the_zone_and_its_summer_time() -> None:
    winter_utc = local_to_utc(datetime(2030, 1, 7, 9, 0), "Europe/Amsterdam")
    summer_utc = local_to_utc(datetime(2030, 7, 1, 9, 0), "Europe/Amsterdam")
    assert winter_utc == datetime(2030, 1, 7, 8, 0, tzinfo=UTC)
    assert summer_utc == datetime(2030, 7, 1, 7, 0, tzinfo=UTC)
    assert utc_to_local(winter_utc, "Europe/Amsterdam") == datetime(2030, 1, 7, 9, 0)


@pytest.mark.parametrize("raw", [True, "true", "True", " TRUE ", 1, "1", 1.0, "yes", "on"])
def test_parse_flag_takes_every_spelling_of_yes(raw: object) -> None:
    assert parse_flag(raw) is True


@pytest.mark.parametrize("raw", [False, "false", "False", 0, "0", "", None, "no", "maybe", [1]])
def test_parse_flag_treats_anything_else_as_no(raw: object) -> None:
    assert parse_flag(raw) is False


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(5000001, 5000001), ("5000001", 5000001), (" 42 ", 42), ("-1", -1), (3.0, 3)],
)
def test_parse_int_reads_numbers_and_digit_strings(raw: object, expected: int) -> None:
    assert parse_int(raw) == expected


@pytest.mark.parametrize("raw", [True, False, None, "abc", "12abc", "1.5", 1.5, "", "1001fk"])
def test_parse_int_refuses_booleans_fractions_and_words(raw: object) -> None:
    assert parse_int(raw) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("Ann", "Ann"), ("", ""), (None, None), (12, "12"), (1.5, "1.5"), (True, "true"), (False, "false")],
)
def test_text_keeps_strings_and_writes_numbers_as_sent(raw: object, expected: str | None) -> None:
    assert text(raw) == expected


def test_text_drops_values_that_are_not_scalars() -> None:
    assert text({"nested": 1}) is None


@pytest.mark.parametrize("raw", ["alice@example.com", "a.b+c@sub.example.co.uk", None, ""])
def test_check_email_accepts_addresses_and_absence(raw: str | None) -> None:
    assert check_email(raw) is None


@pytest.mark.parametrize(
    "raw", ["alice", "alice@example", "al ice@example.com", "a@@example.com", "@example.com"]
)
def test_check_email_names_the_field_of_a_bad_address(raw: str) -> None:
    assert check_email(raw, "email") == FieldError("Email is invalid", "email")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("NL", "NL"), ("nl", "NL"), (" gb ", "GB"), ("Jp", "JP"), (None, None), ("  ", None)],
)
def test_country_codes_are_stored_in_upper_case(raw: str | None, expected: str | None) -> None:
    assert normalise_country(raw) == (expected, None)


@pytest.mark.parametrize("raw", ["XX", "UK", "NLD", "Netherlands", "N"])
def test_country_must_be_an_iso_3166_alpha_2_code(raw: str) -> None:
    code, error = normalise_country(raw)
    assert code is None
    assert error == FieldError("Country is not a two letter ISO 3166-1 country code", "country")


def _read_by_the_pattern(text: str) -> datetime | None:
    """How every time was read before the C parser's shortcut: the pattern, then the calendar."""
    import re

    pattern = r"\A\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?\s*\Z"
    match = re.match(pattern, text)
    if not match:
        return None
    year, month, day, hour, minute, second = (int(part) if part else 0 for part in match.groups())
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None


_NEAR_A_TIME = st.builds(
    lambda pieces: "".join(pieces),
    st.lists(
        st.sampled_from(["2030", "0000", "9999", "-", "01", "1", "12", "13", "29", "31", " ", "T", "t", "W",
                         ":", "00", "09", "23", "24", "59", "60", "+01", "Z", ".5", "\u0669", "x", "  "]),
        max_size=12,
    ),
)  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(st.one_of(_NEAR_A_TIME, st.text(max_size=22)))
def test_a_time_is_read_as_the_pattern_reads_it(text: str) -> None:
    """The API's usual "YYYY-MM-DD HH:MM:SS" goes through ``datetime.fromisoformat``, which reads
    far more forms than the API takes (any separator, week dates, offsets): whatever the text, the
    answer must be the pattern's."""
    assert parse_time(text) == _read_by_the_pattern(text)


@pytest.mark.parametrize(
    "text",
    ["2030-01-02 09:00:00", "2030-01-02T09:00:00", "2030-W01-2 09:00:00", "2030-01-02X09:00:00",
     "2030-01-02 09:00+01", "2030-01-02 24:00:00", "2030-02-30 09:00:00", "0000-01-02 09:00:00",
     "2014-10-10 12:00", "2014-10-10T12:00", "2014-10-10X12:00", "2014-10-10 12:0Z", "2014-W41-5 12:00"],
)  # fmt: skip
def test_the_usual_form_and_its_near_misses_read_as_the_pattern_reads_them(text: str) -> None:
    assert parse_time(text) == _read_by_the_pattern(text)
