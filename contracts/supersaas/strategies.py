"""Hypothesis strategies for what the suite writes: field values, field sets and times on a half-hour grid."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import strategies as st

from contracts.supersaas.lab import CLOSES, OPENS, at

# Letters and digits of the Basic Multilingual Plane (accents, kana, kanji: "stored unchanged as
# UTF-8", 001), in words joined by single spaces.
_WORD = st.text(st.characters(categories=("L", "N"), max_codepoint=0xFFFF), min_size=1, max_size=10)
words = st.lists(_WORD, min_size=1, max_size=3).map(" ".join)
phones = st.from_regex(r"\+?[0-9]{6,12}", fullmatch=True)
countries = st.sampled_from(["NL", "GB", "DE", "FR", "JP", "US", "BE"])  # 001: ISO 3166-1 codes
emails = st.from_regex(r"[a-z][a-z0-9]{0,11}", fullmatch=True).map(lambda local: f"{local}@example.com")

# 001, Data Format: the booking fields the API stores as given.
BOOKING_VALUES = {
    "full_name": words,
    "email": emails,
    "address": words,
    "mobile": phones,
    "phone": phones,
    "country": countries,
    "field_1": words,
    "field_2": words,
    "field_1_r": words,
    "field_2_r": words,
    "super_field": words,
}
# 000: the user attributes the SDK passes through (name and e-mail stay as the sandbox made them).
USER_VALUES = {
    "full_name": words,
    "address": words,
    "mobile": phones,
    "phone": phones,
    "country": countries,
    "field_1": words,
    "field_2": words,
}


def booking_fields(required: tuple[str, ...] = ("full_name",)) -> st.SearchStrategy[dict[str, str]]:
    return st.fixed_dictionaries(
        {name: BOOKING_VALUES[name] for name in required},
        optional={name: s for name, s in BOOKING_VALUES.items() if name not in required},
    )


def user_fields() -> st.SearchStrategy[dict[str, str]]:
    optional = {name: s for name, s in USER_VALUES.items() if name != "full_name"}
    return st.fixed_dictionaries({"full_name": words}, optional=optional)


def some_of(values: dict[str, st.SearchStrategy[str]]) -> st.SearchStrategy[dict[str, str]]:
    """A non-empty subset of the fields with new values: what an update sends."""
    return st.fixed_dictionaries({}, optional=values).filter(bool)


HALF_HOURS = (CLOSES.hour - OPENS.hour) * 2  # 20 half-hours between opening and closing


def spans(max_length: int = 6) -> st.SearchStrategy[tuple[int, int]]:
    """(first half-hour, number of half-hours) inside opening hours."""
    return st.integers(0, HALF_HOURS - 1).flatmap(
        lambda first: st.tuples(st.just(first), st.integers(1, min(max_length, HALF_HOURS - first)))
    )


def span_times(day: date, span: tuple[int, int]) -> tuple[datetime, datetime]:
    first, length = span
    start = at(day, OPENS.hour) + timedelta(minutes=30 * first)
    return start, start + timedelta(minutes=30 * length)
