"""SimplyBook's wire values: dates ``Y-m-d``, times ``H:i:s``, datetimes, flags, md5 signatures.

Times are kept as seconds from midnight (``int``); datetimes of bookings are naive wall times in
the company's timezone, as the API shows them.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import zoneinfo
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from fakesaas.simplybook.domain.errors import Failure, fail

_DATE = re.compile(r"\A(\d{4})-(\d{2})-(\d{2})\Z")
# H:i:s, and H:i which clients send too (research §2.1: "H:i is accepted on input").
_TIME = re.compile(r"\A(\d{1,2}):(\d{2})(?::(\d{2}))?\Z")
_DATETIME = re.compile(r"\A(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2}(?::\d{2})?)\Z")

DAY = 24 * 3600
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def parse_date(text: object, field: str = "date") -> date:
    """A ``Y-m-d`` date; anything else is Invalid params naming ``field``."""
    if isinstance(text, str) and len(text) == 10:  # Y-m-d: only such strings are kept
        found = _date_of(text)
        if found is not None:
            return found
    match = _DATE.match(text) if isinstance(text, str) else None
    if match is None:
        raise fail(Failure.INVALID_PARAMS, f"{field} must be a date as Y-m-d, not {text!r}", field)
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise fail(
            Failure.INVALID_PARAMS, f"{field} is not a date of the calendar: {text!r}", field
        ) from None


@lru_cache(maxsize=4096)
def _date_of(text: str) -> date | None:
    """``text`` as a date when it is a good one, else None; kept, as a widget sends the same
    few ranges over and over (the regular expression and the date took 10k instructions)."""
    match = _DATE.match(text)
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def parse_time(text: object, field: str = "time") -> int:
    """``H:i:s`` or ``H:i`` as seconds from midnight (24:00:00 is allowed, as a closing time)."""
    match = _TIME.match(text) if isinstance(text, str) else None
    if match is None:
        raise fail(Failure.INVALID_PARAMS, f"{field} must be a time as H:i:s, not {text!r}", field)
    hours, minutes, seconds = int(match[1]), int(match[2]), int(match[3] or 0)
    if minutes > 59 or seconds > 59 or hours > 24 or (hours == 24 and (minutes or seconds)):
        raise fail(Failure.INVALID_PARAMS, f"{field} is not a time of day: {text!r}", field)
    return hours * 3600 + minutes * 60 + seconds


def parse_datetime(text: object, field: str = "datetime") -> datetime:
    """``Y-m-d H:i:s`` (or with ``H:i``) as a naive wall time."""
    match = _DATETIME.match(text) if isinstance(text, str) else None
    if match is None:
        raise fail(Failure.INVALID_PARAMS, f"{field} must be a datetime as Y-m-d H:i:s, not {text!r}", field)
    day = parse_date(match[1], field)
    seconds = parse_time(match[2], field)
    return at(day, seconds)


_WHOLE = re.compile(r"\A-?[0-9]{1,18}\Z")


def whole(text: object) -> int | None:
    """The integer an id or count is written as (``"12"``, ``" -3 "``), ASCII digits only (``"²"``
    is a digit to str.isdigit, but no number to int); None for anything else."""
    if not isinstance(text, str):
        return None
    stripped = text.strip()
    return int(stripped) if _WHOLE.match(stripped) else None


def format_date(day: date) -> str:
    return day.isoformat()


# Every whole minute of two days as H:i:s, made once: a month's matrix writes hundreds of times.
_MINUTES = tuple(f"{m // 60:02d}:{m % 60:02d}:00" for m in range(2 * 24 * 60))


def format_time(seconds: int) -> str:
    if seconds % 60 == 0 and 0 <= seconds < 2 * DAY:
        return _MINUTES[seconds // 60]
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def format_datetime(moment: datetime) -> str:
    # A third of strftime's cost, and the same text for a naive wall time from the year 1000 on
    # (isoformat pads a year to four digits, and names an aware one's offset).
    if moment.tzinfo is None and moment.year >= 1000:
        return moment.isoformat(" ", "seconds")
    return moment.strftime("%Y-%m-%d %H:%M:%S")


_MIDNIGHT = time()
ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=1024)
def delta(count: int) -> timedelta:
    """``timedelta(seconds=count)``, kept: making a timedelta from keywords costs more than most
    of what is done with it, and settings ask for the same few lengths (hours of lead time,
    days of horizon) on every call."""
    return timedelta(seconds=count)


def at(day: date, seconds: int) -> datetime:
    """The wall time ``seconds`` after the midnight that starts ``day``."""
    midnight = datetime.combine(day, _MIDNIGHT)
    # A timedelta costs more to make than the datetime: midnight itself, the most asked, needs none.
    return midnight + delta(seconds) if seconds else midnight


def seconds_of(moment: datetime) -> int:
    return moment.hour * 3600 + moment.minute * 60 + moment.second


def parse_hhmm_range(text: str) -> tuple[int, int]:
    """``"09:00-17:00"`` as seconds from midnight; ValueError when it is not a forward range."""
    start, sep, end = text.partition("-")
    if not sep:
        raise ValueError(f"{text!r} is not a range like 09:00-17:00")
    try:
        begin, finish = parse_time(start.strip()), parse_time(end.strip())
    except Exception:
        raise ValueError(f"{text!r} is not a range like 09:00-17:00") from None
    if finish <= begin:
        raise ValueError(f"{text!r} ends before it starts")
    return begin, finish


def local_now(now: datetime, timezone: str) -> datetime:
    """``now`` (aware UTC) as the company's naive wall time."""
    local = now.astimezone(zoneinfo.ZoneInfo(timezone))
    # combine, not replace(tzinfo=None): replace parses its keywords, five times the cost.
    return datetime.combine(local.date(), local.time())


def utc_offset(now: datetime, timezone: str) -> int:
    """The company's offset from UTC at ``now``, in seconds."""
    offset = now.astimezone(zoneinfo.ZoneInfo(timezone)).utcoffset()
    return int(offset.total_seconds()) if offset is not None else 0


def valid_timezone(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


def utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def md5(*parts: object) -> str:
    return hashlib.md5("".join(map(str, parts)).encode("utf-8")).hexdigest()


def same_secret(given: object, expected: str) -> bool:
    """Constant-time comparison of a signature (case-insensitive hex) or password."""
    return isinstance(given, str) and hmac.compare_digest(given.lower().encode(), expected.lower().encode())


def money(value: object) -> Decimal:
    """A price: a number or a numeric string; ValueError otherwise."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a price")
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a price") from None
    if not amount.is_finite() or amount < 0:
        raise ValueError(f"{value!r} is not a price")
    return amount


def format_money(amount: Decimal) -> str:
    """PHP's decimal(…, 4) as the API shows prices: ``"300.0000"``."""
    return f"{amount:.4f}"
