"""Reading a seed section's values: objects with known keys, texts, whole numbers, ids, dates, flags.

Each reader names the key at fault in the ValueError (or SeedError) it raises.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from fakesaas.simplybook.domain.companies import Company
from fakesaas.simplybook.domain.values import whole

DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class SeedError(ValueError):
    """A section that cannot be loaded; the message names the company and the value at fault."""


def object_of(spec: object, where: str, allowed: tuple[str, ...]) -> Mapping[str, Any]:
    if not isinstance(spec, Mapping):
        raise SeedError(f"{where} must be an object")
    unknown = set(spec) - set(allowed)
    if unknown:
        raise SeedError(
            f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))} (allowed: {', '.join(allowed)})"
        )
    return spec


def mapping(value: object, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ValueError(f"{where} must be an object")
    return value


def text(data: Mapping[str, Any], key: str, where: str, required: bool = False, default: str = "") -> str:
    value = data.get(key)
    if value is None:
        if required:
            raise SeedError(f"{where}: {key} is required")
        return default
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise SeedError(f"{where}: {key} must be text")
    text = str(value)
    if required and not text.strip():
        raise SeedError(f"{where}: {key} must not be empty")
    return text


def whole_number(data: Mapping[str, Any], key: str, default: int, low: int = 0) -> int:
    value = data.get(key, default)
    number = value if isinstance(value, int) and not isinstance(value, bool) else whole(value)
    if number is None:
        raise ValueError(f"{key} must be a whole number")
    if number < low:
        raise ValueError(f"{key} must be at least {low}")
    return number


def ids(value: object, key: str) -> tuple[int, ...]:
    if not isinstance(value, list) or not all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        raise ValueError(f"{key} must be a list of ids")
    return tuple(value)


def dates(value: object, where: str) -> list[date]:
    if not isinstance(value, list):
        raise ValueError(f"{where} must be a list of dates")
    try:
        # Y-m-d only: fromisoformat alone would take 20300101 and week dates too.
        if not all(isinstance(v, str) and DATE.fullmatch(v) for v in value):
            raise ValueError(value)
        return [date.fromisoformat(v) for v in value]
    except (TypeError, ValueError):
        raise ValueError(f"{where} must be a list of Y-m-d dates") from None


def flag(data: Mapping[str, Any], key: str, default: bool) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise ValueError(f"{key} must be true or false")
    return value


def put(table: dict[int, Any], key: int, value: object, kind: str, company: Company) -> None:
    if key in table:
        raise ValueError(f"id {key} is used twice")
    table[key] = value
    company.note_id(kind, key)


def next_id(table: Mapping[int, Any], data: Mapping[str, Any]) -> int:
    return whole_number(data, "id", max(table, default=0) + 1, 1)


def known(ids: tuple[int, ...], table: Mapping[int, Any], kind: str) -> None:
    missing = [i for i in ids if i not in table]
    if missing:
        raise ValueError(f"unknown {kind} id(s) {', '.join(map(str, missing))}")
