"""The ``additional`` argument of ``book``: intake field values and the promo code."""

from __future__ import annotations

import re
from collections.abc import Mapping

from fakesaas.simplybook.domain.catalog import AdditionalField, FieldType
from fakesaas.simplybook.domain.errors import Failure, fail

PROMO_KEYS = ("promocode", "promo_code")
VALUE_LIMIT = 1000
_DIGITS = re.compile(r"\A-?\d{1,18}\Z")
_DATE = re.compile(r"\A\d{4}-\d{2}-\d{2}\Z")
_TRUE, _FALSE = ("1", "true", "on", "yes"), ("0", "false", "off", "no", "")


def normalise(raw: object) -> dict[str, str]:
    """``{name: value}`` from an object, or from a list of ``{"name", "value"}`` items (the
    seed's promo code example); None and ``[]`` are empty. -32070 for anything else."""
    if raw is None:
        return {}
    items: list[tuple[object, object]]
    if isinstance(raw, Mapping):
        items = list(raw.items())
    elif isinstance(raw, list):
        items = []
        for entry in raw:
            if not isinstance(entry, Mapping) or "name" not in entry:
                raise fail(
                    Failure.ADDITIONAL_FIELDS_WRONG, "additional items need a name and a value", "additional"
                )
            items.append((entry.get("name"), entry.get("value")))
    else:
        raise fail(Failure.ADDITIONAL_FIELDS_WRONG, "additional must be an object or a list", "additional")
    values: dict[str, str] = {}
    for key, value in items:
        if not isinstance(key, str | int) or isinstance(key, bool):
            raise fail(Failure.ADDITIONAL_FIELDS_WRONG, f"{key!r} is not a field name", "additional")
        values[str(key)] = _scalar(str(key), value)
    return values


def _scalar(key: str, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str) and len(value) <= VALUE_LIMIT:
        return value
    raise fail(
        Failure.ADDITIONAL_FIELDS_WRONG,
        f"the value of {key} is not text of at most {VALUE_LIMIT} characters",
        key,
    )


def promo_code(values: Mapping[str, str]) -> str:
    return next((values[key].strip() for key in PROMO_KEYS if values.get(key, "").strip()), "")


def check_fields(fields: list[AdditionalField], values: Mapping[str, str]) -> dict[str, str]:
    """The values of ``fields`` (found by name or id), each checked; -32070 names the first wrong one."""
    checked: dict[str, str] = {}
    for spec in fields:
        value = values.get(spec.name, values.get(str(spec.id), spec.default)).strip()
        if not value:
            if not spec.optional:
                raise fail(Failure.ADDITIONAL_FIELDS_WRONG, f"{spec.title} is required", spec.name)
            continue
        checked[spec.name] = _checked(spec, value)
    return checked


def _checked(spec: AdditionalField, value: str) -> str:
    if spec.type is FieldType.SELECT and value not in spec.values:
        raise fail(
            Failure.ADDITIONAL_FIELDS_WRONG,
            f"{spec.title} must be one of {', '.join(spec.values)}",
            spec.name,
        )
    if spec.type is FieldType.DIGITS and not _DIGITS.match(value):
        raise fail(Failure.ADDITIONAL_FIELDS_WRONG, f"{spec.title} must be a whole number", spec.name)
    if spec.type is FieldType.DATE and not _DATE.match(value):
        raise fail(Failure.ADDITIONAL_FIELDS_WRONG, f"{spec.title} must be a date as Y-m-d", spec.name)
    if spec.type is FieldType.CHECKBOX:
        lowered = value.lower()
        if lowered not in _TRUE + _FALSE:
            raise fail(
                Failure.ADDITIONAL_FIELDS_WRONG, f"{spec.title} must be checked (1) or not (0)", spec.name
            )
        return "1" if lowered in _TRUE else "0"
    return value
