"""Parsing and checking of the plain values the API accepts: times, ids, e-mail, country, flags."""

from __future__ import annotations

import functools
import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from fakesaas.core.errors import FieldError
from fakesaas.supersaas.domain.countries import ISO_3166_ALPHA2

TIME_FORMAT = "%Y-%m-%d %H:%M:%S"

# The SDKs send "2030-01-02 09:00:00" and Node may send "2030-1-2 9:0:00"; the docs' own example
# leaves the seconds out ("2014-10-10 12:00"); a T separator is accepted as ISO 8601 readers expect.
_DATETIME = re.compile(r"\A\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?\s*\Z")
_EMAIL = re.compile(r"\A[^@\s]+@[^@\s]+\.[^@\s.]+\Z")
_TRUE = {"true", "1", "yes", "on"}


def parse_time(text: object) -> datetime | None:
    """A wall-clock time (naive) from the API's formats; a bare date means its midnight."""
    if isinstance(text, datetime):
        return text.replace(tzinfo=None)
    if isinstance(text, date):
        return datetime(text.year, text.month, text.day)
    if not isinstance(text, str):
        return None
    length = len(text)
    if (
        (length == 16 or (length == 19 and text[16] == ":"))
        and text[10] in " T"
        and text[4] == text[7] == "-"
        and text[13] == ":"
        and text.isascii()
    ):
        # What the SDKs send ("2030-01-02 09:00:00") and the docs' examples ("2014-10-10 12:00"),
        # read by the C parser at a fifth of the pattern's cost. The checks above leave it no form
        # the pattern refuses (its other separators, week dates, offsets); what it cannot read
        # goes the pattern's way.
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            pass
    match = _DATETIME.match(text)
    if not match:
        return None
    parts = [int(part) if part else 0 for part in match.groups()]
    try:
        return datetime(*parts)  # type: ignore[arg-type]
    except ValueError:
        return None


def format_time(moment: datetime) -> str:
    """ "YYYY-MM-DD HH:MM:SS", the year always four digits (strftime writes year 999 as "999"); an
    aware time as its own wall clock, without an offset."""
    if moment.tzinfo is None:
        return _recent_wall_clock(moment)
    return _wall_clock_text(moment)


def _wall_clock_text(moment: datetime) -> str:
    # Pairs of digits from a table, the year as two of them: under half the cost of isoformat(" ",
    # "seconds") with its printf-style formatting, and answers format a few times per record.
    year = moment.year
    return (
        f"{_TWO_DIGITS[year // 100]}{_TWO_DIGITS[year % 100]}-{_TWO_DIGITS[moment.month]}-"
        f"{_TWO_DIGITS[moment.day]} {_TWO_DIGITS[moment.hour]}:{_TWO_DIGITS[moment.minute]}:"
        f"{_TWO_DIGITS[moment.second]}"
    )


_TWO_DIGITS = tuple(f"{number:02d}" for number in range(100))
# Answers write the same times over and over: the openings and closings free time starts and ends
# at, shared by every resource, and the bookings a listing reads again. A naive time keeps its
# text (a look-up is a third of the writing). Only naive ones: two aware times may be one instant,
# equal with one hash, and still read differently, each in its own zone.
_recent_wall_clock = functools.lru_cache(maxsize=4096)(_wall_clock_text)


def utc_to_local(moment: datetime, timezone: str) -> datetime:
    """An aware UTC instant as naive wall-clock time in ``timezone``."""
    local = moment.astimezone(ZoneInfo(timezone))
    # ``local.replace(tzinfo=None)``, at a quarter of its cost (its keywords are parsed on every
    # call); ``time()`` keeps the fold, so the later of a repeated hour stays the later one.
    return _combine(local.date(), local.time())


_combine = datetime.combine


def local_to_utc(moment: datetime, timezone: str) -> datetime:
    return moment.replace(tzinfo=ZoneInfo(timezone)).astimezone(UTC)


def parse_flag(value: object) -> bool:
    """``true``, ``True`` (Python's str), ``1`` (PHP) and JSON true all mean yes."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0
    if isinstance(value, str):
        return value.strip().lower() in _TRUE
    return False


def parse_int(value: object) -> int | None:
    """An integer id or count from JSON numbers or digit strings; anything else is None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.isdecimal():
        # Plain digits, as in every id of a path: what the pattern below allows, at a fraction of
        # the cost (isdecimal and \d accept the same Unicode digits, and int reads them all).
        return int(value) if len(value) <= MAX_DIGITS else None
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
        # Python refuses to convert more than 4,300 digits; no id or count is that long.
        digits = value.strip().lstrip("-")
        return int(value) if len(digits) <= MAX_DIGITS else None
    return None


MAX_DIGITS = 30  # beyond any id, count or offset (2**63 has 19 digits)


def text(value: object) -> str | None:
    """A stored text field: strings unchanged, numbers as written, empty stays empty."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | str):
        return str(value)
    return None


def check_email(value: str | None, field: str = "email") -> FieldError | None:
    if value and not _EMAIL.match(value):
        return FieldError("Email is invalid", field)
    return None


def normalise_country(value: str | None) -> tuple[str | None, FieldError | None]:
    """Either absent or a two-letter ISO 3166-1 code (any case in, upper case stored)."""
    if value is None or value.strip() == "":
        return None, None
    code = value.strip().upper()
    if code not in ISO_3166_ALPHA2:
        return None, FieldError("Country is not a two letter ISO 3166-1 country code", "country")
    return code, None
