"""The whole SimplyBook state as plain JSON data and back, losslessly (state files, /state).

Records are written field by field from their type hints: dates and datetimes in ISO 8601 (UTC
instants aware, wall times naive), Decimals as strings, enums by value, maps with their keys as
strings. The booking index is not written: it is rebuilt from the bookings.
"""

from __future__ import annotations

import dataclasses
import enum
import operator
import types
import typing
from collections.abc import Callable
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
    if type(value) in _SCALARS:
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        names, read = _fields_of(type(value))
        values = read(value) if len(names) > 1 else (read(value),)
        return {name: encode(field) for name, field in zip(names, values, strict=True)}
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, frozenset | set):
        return sorted((encode(v) for v in value), key=str)
    if isinstance(value, tuple | list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    raise TypeError(f"cannot write {type(value).__name__}")


_SCALARS = frozenset({str, int, bool, float, type(None)})


@cache
def _fields_of(cls: type) -> tuple[tuple[str, ...], Callable[[Any], Any]]:
    """A record class's written fields (all but the index) and a getter of their values, once."""
    names = tuple(f.name for f in dataclasses.fields(cls) if f.name != "index")
    return names, operator.attrgetter(*names) if names else (lambda item: ())


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def decode(hint: Any, value: Any) -> Any:
    return _decoder(hint)(value)


@cache
def _decoder(hint: Any) -> Callable[[Any], Any]:
    """A function that reads a value of type ``hint``, worked out once per type: a state holds
    millions of records, and walking the type hints for each of their fields is most of a load."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        inner = _decoder(next(a for a in args if a is not type(None)))
        return lambda value: None if value is None else inner(value)
    if hint is Any:
        return _same
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _record_decoder(hint)
    if origin is dict:
        keys, values = _decoder(args[0]), _decoder(args[1])
        return lambda value: {keys(k): values(v) for k, v in value.items()}
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            each = _decoder(args[0])
            return lambda value: tuple(each(v) for v in value)
        parts = tuple(_decoder(a) for a in args)
        return lambda value: tuple(part(v) for part, v in zip(parts, value, strict=True))
    if origin is list:
        each = _decoder(args[0])
        return lambda value: [each(v) for v in value]
    if origin is frozenset:
        each = _decoder(args[0])
        return lambda value: frozenset(each(v) for v in value)
    if hint is datetime:
        return datetime.fromisoformat
    if hint is date:
        return date.fromisoformat
    if hint is Decimal:
        return Decimal
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint
    if hint is int:
        return int
    if hint in (str, bool, float):
        return _checked(hint)
    return _same


def _record_decoder(cls: type) -> Callable[[Any], Any]:
    hints = _hints(cls)
    fields = {f.name: _decoder(hints[f.name]) for f in dataclasses.fields(cls) if f.init}

    def record(value: Any) -> Any:
        if not isinstance(value, dict):
            raise TypeError(f"{cls.__name__} must be an object")
        return cls(**{k: fields[k](v) for k, v in value.items() if k in fields})

    return record


def _checked(kind: type) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if not isinstance(value, kind):
            raise TypeError(f"expected {kind.__name__}, got {type(value).__name__}")
        return value

    return check


def _same(value: Any) -> Any:
    return value
