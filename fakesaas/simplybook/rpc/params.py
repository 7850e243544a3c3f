"""Method parameters: their kinds, JSON schemas, and the coercion that turns a call's positional
(or named) params into Python values, or -32602 / -32010 naming the parameter at fault.

PHP clients send ids as numbers or numeric strings and flags as booleans, 0/1 or "0"/"1"; all of
those are taken. A required parameter sent as null is -32010 "Some required params are missed";
a wrong type, or too many or too few params, is -32602 "Invalid params".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from fakesaas.simplybook.domain.errors import Failure, fail
from fakesaas.simplybook.domain.values import whole

MAX_INT = 2**31 - 1  # ids are MySQL INTs
MAX_TEXT = 64 * 1024
MAX_ITEMS = 1000  # the longest list or object a parameter may hold


class Kind(Enum):
    INT = "integer"
    STRING = "string"
    BOOL = "boolean"
    OBJECT = "object"
    ARRAY = "array"
    STRUCTURE = "array|object"  # PHP's "array|Object": a list, or an object
    ANY = "any"


_SCHEMAS: dict[Kind, dict[str, Any]] = {
    Kind.INT: {"oneOf": [{"type": "integer"}, {"type": "string", "pattern": "^-?[0-9]+$"}]},
    Kind.STRING: {"type": "string"},
    Kind.BOOL: {"oneOf": [{"type": "boolean"}, {"enum": [0, 1, "0", "1"]}]},
    Kind.OBJECT: {"type": "object"},
    Kind.ARRAY: {"type": "array"},
    Kind.STRUCTURE: {"type": ["object", "array"]},
    Kind.ANY: {},
}


@dataclass(frozen=True, slots=True)
class Param:
    """One positional parameter. ``schema`` overrides the kind's JSON schema in the contract."""

    name: str
    kind: Kind
    required: bool = True
    description: str = ""
    schema: Mapping[str, Any] | None = None
    nullable: bool = False  # a required parameter that may be null (unitId: any provider)
    examples: tuple[Any, ...] = field(default_factory=tuple)

    def json_schema(self) -> dict[str, Any]:
        base = dict(self.schema if self.schema is not None else _SCHEMAS[self.kind])
        if self.nullable or not self.required:
            return {"oneOf": [base, {"type": "null"}]} if base else {}
        return base


def bind(params: tuple[Param, ...], given: object) -> list[Any]:
    """Positional values for ``params`` from a call's ``params`` (a list, an object by name, or
    absent), each coerced; missing optional ones are None."""
    if given is None:
        values: list[Any] = []
    elif isinstance(given, list):
        values = list(given)
    elif isinstance(given, Mapping):
        unknown = set(given) - {p.name for p in params}
        if unknown:
            raise fail(
                Failure.INVALID_PARAMS, f"unknown parameter(s): {', '.join(sorted(map(str, unknown)))}"
            )
        missing = [p.name for p in params if p.required and p.name not in given]
        if missing:
            raise fail(Failure.INVALID_PARAMS, f"missing parameter(s): {', '.join(missing)}", missing[0])
        values = [given.get(p.name) for p in params]
        while values and values[-1] is None and not params[len(values) - 1].required:
            values.pop()
    else:
        raise fail(Failure.INVALID_PARAMS, "params must be an array or an object")
    required = _required(params)
    if len(values) > len(params) or len(values) < required:
        expected = f"{required}" if required == len(params) else f"{required} to {len(params)}"
        raise fail(Failure.INVALID_PARAMS, f"expected {expected} params, got {len(values)}")
    values += [None] * (len(params) - len(values))
    return [coerce(param, value) for param, value in zip(params, values, strict=True)]


# How many of a method's params are required, by the identity of its params; each entry holds
# them, so no other tuple can take the id while it is kept. Methods are few and made once.
_REQUIRED: dict[int, tuple[tuple[Param, ...], int]] = {}


def _required(params: tuple[Param, ...]) -> int:
    kept = _REQUIRED.get(id(params))
    if kept is None:
        if len(_REQUIRED) >= 4096:  # never more than the methods, but bounded all the same
            _REQUIRED.clear()
        kept = _REQUIRED[id(params)] = (params, sum(1 for p in params if p.required))
    return kept[1]


def coerce(param: Param, value: object) -> Any:
    # The forms most calls send, passed as they are: text for text, an int in range for an int.
    kind = param.kind
    if type(value) is str:
        if kind is Kind.STRING and len(value) <= MAX_TEXT:
            return value
    elif type(value) is int and kind is Kind.INT and -MAX_INT <= value <= MAX_INT:
        return value
    if value is None:
        if param.required and not param.nullable:
            raise fail(Failure.REQUIRED_PARAMS_MISSING, f"{param.name} is required", param.name)
        return None
    if kind is Kind.INT:
        return _int(param.name, value)
    if kind is Kind.STRING:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise _wrong(param, value)
        text = value if isinstance(value, str) else str(value)
        if len(text) > MAX_TEXT:
            raise fail(
                Failure.INVALID_PARAMS, f"{param.name} is longer than {MAX_TEXT} characters", param.name
            )
        return text
    if kind is Kind.BOOL:
        return _bool(param, value)
    if kind in (Kind.OBJECT, Kind.STRUCTURE, Kind.ARRAY):
        return _structure(param, value)
    return value


def _int(name: str, value: object) -> int:
    if isinstance(value, bool):
        raise fail(Failure.INVALID_PARAMS, f"{name} must be a whole number, not {value!r}", name)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and whole(value) is not None:
        value = whole(value)
    if not isinstance(value, int) or abs(value) > MAX_INT:
        raise fail(Failure.INVALID_PARAMS, f"{name} must be a whole number, not {_show(value)}", name)
    return value


def _bool(param: Param, value: object) -> bool:
    if isinstance(value, bool):
        return value
    if value in (0, 1, "0", "1", "", "true", "false"):
        return value in (1, "1", "true")
    raise _wrong(param, value)


def _structure(param: Param, value: object) -> Any:
    if isinstance(value, list):
        if param.kind is Kind.OBJECT and value:
            raise _wrong(param, value)
        if len(value) > MAX_ITEMS:
            raise fail(Failure.INVALID_PARAMS, f"{param.name} holds more than {MAX_ITEMS} items", param.name)
        # PHP's empty array is also its empty object: [] is taken where an object belongs.
        return {} if param.kind is Kind.OBJECT else value
    if isinstance(value, Mapping):
        if param.kind is Kind.ARRAY:
            raise fail(Failure.PARAMS_NOT_ARRAY, f"{param.name} must be an array", param.name)
        if len(value) > MAX_ITEMS:
            raise fail(Failure.INVALID_PARAMS, f"{param.name} holds more than {MAX_ITEMS} items", param.name)
        return dict(value)
    if param.kind is Kind.ARRAY:
        raise fail(Failure.PARAMS_NOT_ARRAY, f"{param.name} must be an array", param.name)
    raise _wrong(param, value)


def _wrong(param: Param, value: object) -> Exception:
    return fail(
        Failure.INVALID_PARAMS, f"{param.name} must be {param.kind.value}, not {_show(value)}", param.name
    )


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
