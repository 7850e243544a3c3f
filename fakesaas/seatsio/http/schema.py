"""Request bodies checked against their shape, with the real API's messages for what is wrong.

The messages follow the JSON-schema validator behind the real API, as its SDK tests pin them:
``#/categories/0: expected type: JSONObject, found: String`` (testUpdateChart) and
``#/events: expected minimum item count: 1, found: 0`` (seatsio-js createEvents.test.ts).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from fakesaas.seatsio.domain.errors import InvalidRequest


class Spec:
    """A shape a JSON value must have."""

    def check(self, value: Any, path: str, errors: list[str]) -> None:
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class Type(Spec):
    names: tuple[str, ...]  # JSONObject, JSONArray, String, Integer, Number, Boolean
    nullable: bool = True

    def check(self, value: Any, path: str, errors: list[str]) -> None:
        if value is None and self.nullable:
            return
        if type_name(value) in self.names or (
            "Number" in self.names and type_name(value) in ("Integer", "BigDecimal")
        ):
            return
        expected = self.names[0] if len(self.names) == 1 else "one of " + ", ".join(self.names)
        errors.append(f"{path}: expected type: {expected}, found: {type_name(value)}")


@dataclass(frozen=True, slots=True)
class Obj(Spec):
    properties: Mapping[str, Spec] = field(default_factory=dict)
    required: tuple[str, ...] = ()
    values: Spec | None = None  # the shape of every value (maps keyed by label)
    nullable: bool = True

    def check(self, value: Any, path: str, errors: list[str]) -> None:
        if value is None and self.nullable:
            return
        if not isinstance(value, dict):
            errors.append(f"{path}: expected type: JSONObject, found: {type_name(value)}")
            return
        for name in self.required:
            if value.get(name) is None:
                errors.append(f"{path}: required key [{name}] not found")
        for name, spec in self.properties.items():
            if name in value:
                spec.check(value[name], f"{path}/{name}", errors)
        if self.values is not None:
            for name, item in value.items():
                if name not in self.properties:
                    self.values.check(item, f"{path}/{name}", errors)


@dataclass(frozen=True, slots=True)
class Arr(Spec):
    items: Spec
    min_items: int = 0
    max_items: int | None = None
    nullable: bool = True

    def check(self, value: Any, path: str, errors: list[str]) -> None:
        if value is None and self.nullable:
            return
        if not isinstance(value, list):
            errors.append(f"{path}: expected type: JSONArray, found: {type_name(value)}")
            return
        if len(value) < self.min_items:
            errors.append(f"{path}: expected minimum item count: {self.min_items}, found: {len(value)}")
        if self.max_items is not None and len(value) > self.max_items:
            errors.append(f"{path}: expected maximum item count: {self.max_items}, found: {len(value)}")
        for index, item in enumerate(value):
            if item is None:  # null is never an element: its shapes allow null only as a value
                errors.append(f"{path}/{index}: expected type: {expected_name(self.items)}, found: null")
                continue
            self.items.check(item, f"{path}/{index}", errors)
            if len(errors) > 20:
                return


@dataclass(frozen=True, slots=True)
class Min(Spec):
    """An integer no smaller than ``minimum``."""

    minimum: int

    def check(self, value: Any, path: str, errors: list[str]) -> None:
        if value is None:
            return
        if type_name(value) != "Integer":
            errors.append(f"{path}: expected type: Integer, found: {type_name(value)}")
        elif value < self.minimum:
            errors.append(f"{path}: {value} is not greater or equal to {self.minimum}")


STRING = Type(("String",))
INTEGER = Type(("Integer",))
NUMBER = Type(("Number",))
BOOLEAN = Type(("Boolean",))
ANY_OBJECT = Type(("JSONObject",))
KEY = Type(("String", "Integer"))  # category keys keep their JSON type
ANY = Type(("JSONObject", "JSONArray", "String", "Integer", "BigDecimal", "Boolean"))


def expected_name(spec: Spec) -> str:
    if isinstance(spec, Type):
        return spec.names[0] if len(spec.names) == 1 else "one of " + ", ".join(spec.names)
    if isinstance(spec, Either):
        return f"{expected_name(spec.first)} or {expected_name(spec.second)}"
    if isinstance(spec, Arr):
        return "JSONArray"
    return "JSONObject"


def type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "Boolean"
    if isinstance(value, int):
        return "Integer"
    if isinstance(value, float):
        return "BigDecimal"
    if isinstance(value, str):
        return "String"
    if isinstance(value, list):
        return "JSONArray"
    return "JSONObject"


def validate(value: Any, spec: Spec) -> None:
    """InvalidRequest listing every violation, or nothing."""
    errors: list[str] = []
    spec.check(value, "#", errors)
    if errors:
        raise InvalidRequest("; ".join(errors)) if len(errors) == 1 else MultipleViolations(errors)


class MultipleViolations(InvalidRequest):
    """Several violations at once: each becomes an error of the envelope."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass(frozen=True, slots=True)
class Either(Spec):
    """A value of one of two shapes; the second one's messages are shown when neither fits."""

    first: Spec
    second: Spec

    def check(self, value: Any, path: str, errors: list[str]) -> None:
        trial: list[str] = []
        self.first.check(value, path, trial)
        if trial:
            self.second.check(value, path, errors)
