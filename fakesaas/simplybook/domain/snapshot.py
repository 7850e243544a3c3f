"""The whole SimplyBook state as plain JSON data and back, losslessly (state files, /state).

Records are written field by field from their type hints: dates and datetimes in ISO 8601 (UTC
instants aware, wall times naive), Decimals as strings, enums by value, maps with their keys as
strings. The booking index is not written: it is rebuilt from the bookings.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any

from fakesaas.core.clock import Clock
from fakesaas.simplybook.domain.companies import Company, Simplybook
from fakesaas.simplybook.domain.tokens import Token

FORMAT = 1


class SnapshotError(ValueError):
    """A snapshot that cannot be read back; the message says what is wrong."""


def dump_state(state: Simplybook) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "companies": [dump_company(company) for company in state],
        "tokens": [encode(token) for token in state.tokens.values()],
    }


def dump_company(company: Company) -> dict[str, Any]:
    return {
        f.name: encode(getattr(company, f.name)) for f in dataclasses.fields(company) if f.name != "index"
    }


def load_state(clock: Clock, document: Any) -> Simplybook:
    """A state from ``dump_state`` output; anything else raises SnapshotError."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise SnapshotError(f"not a fakesaas SimplyBook state (expected format {FORMAT})")
    state = Simplybook(clock)
    try:
        for spec in document["companies"]:
            state.add_company(load_company(spec))
        for spec in document["tokens"]:
            token = decode(Token, spec)
            state.tokens[token.value] = token
    except (KeyError, TypeError, ValueError, AttributeError, ArithmeticError) as error:
        what = f"missing {error}" if isinstance(error, KeyError) else str(error)
        raise SnapshotError(f"the state is damaged ({what})") from None
    return state


def load_company(spec: dict[str, Any]) -> Company:
    company = typing.cast(Company, decode(Company, spec))
    for booking in company.bookings.values():
        if booking.active:
            company.index.add(booking)
    return company


def encode(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value) if f.name != "index"
        }
    if isinstance(value, frozenset | set):
        return sorted((encode(v) for v in value), key=str)
    if isinstance(value, tuple | list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    raise TypeError(f"cannot write {type(value).__name__}")


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def decode(hint: Any, value: Any) -> Any:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        return decode(next(a for a in args if a is not type(None)), value)
    if hint is Any:
        return value
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if not isinstance(value, dict):
            raise TypeError(f"{hint.__name__} must be an object")
        hints = _hints(hint)
        known = {f.name for f in dataclasses.fields(hint) if f.init}
        return hint(**{k: decode(hints[k], v) for k, v in value.items() if k in known})
    if origin is dict:
        key_type, value_type = args
        return {decode(key_type, k): decode(value_type, v) for k, v in value.items()}
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(decode(args[0], v) for v in value)
        return tuple(decode(a, v) for a, v in zip(args, value, strict=True))
    if origin is list:
        return [decode(args[0], v) for v in value]
    if origin is frozenset:
        return frozenset(decode(args[0], v) for v in value)
    if hint is datetime:
        return datetime.fromisoformat(value)
    if hint is date:
        return date.fromisoformat(value)
    if hint is Decimal:
        return Decimal(value)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint(value)
    if hint is int:
        return int(value)
    if hint in (str, bool, float):
        if not isinstance(value, hint):
            raise TypeError(f"expected {hint.__name__}, got {type(value).__name__}")
        return value
    return value
