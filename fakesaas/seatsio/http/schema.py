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

Path = tuple[str | int, ...]

# The validator's name for each type json.loads gives.
_NAMES: dict[type, str] = {
    type(None): "null",
    bool: "Boolean",
    int: "Integer",
    float: "BigDecimal",
    str: "String",
    list: "JSONArray",
    dict: "JSONObject",
}


def where(path: Path) -> str:
    """``#/categories/0``: a place in the body as the validator names it."""
    return "/".join(("#", *map(str, path)))


class Spec:
    """A shape a JSON value must have. Paths are kept as tuples and written out only for an error:
    most bodies are valid, and every call pays for the check."""

    def check(self, value: Any, path: Path, errors: list[str]) -> None:
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class Type(Spec):
    names: tuple[str, ...]  # JSONObject, JSONArray, String, Integer, Number, Boolean
    nullable: bool = True
    # The Python types json.loads gives for those names: one set lookup accepts a value.
    accepted: frozenset[type] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        accepted = {kind for kind, name in _NAMES.items() if name in self.names}
        if "Number" in self.names:
            accepted |= {int, float}
        object.__setattr__(self, "accepted", frozenset(accepted))

    def check(self, value: Any, path: Path, errors: list[str]) -> None:
        if type(value) in self.accepted or (value is None and self.nullable):
            return
        expected = self.names[0] if len(self.names) == 1 else "one of " + ", ".join(self.names)
        errors.append(f"{where(path)}: expected type: {expected}, found: {type_name(value)}")


@dataclass(frozen=True, slots=True)
class Obj(Spec):
    properties: Mapping[str, Spec] = field(default_factory=dict)
    required: tuple[str, ...] = ()
    values: Spec | None = None  # the shape of every value (maps keyed by label)
    nullable: bool = True

    def check(self, value: Any, path: Path, errors: list[str]) -> None:
        if value is None and self.nullable:
            return
        if not isinstance(value, dict):
            errors.append(f"{where(path)}: expected type: JSONObject, found: {type_name(value)}")
            return
        for name in self.required:
            if value.get(name) is None:
                errors.append(f"{where(path)}: required key [{name}] not found")
        properties = self.properties
        for name, item in value.items():
            spec = properties.get(name)
            if spec is not None:
                if type(spec) is Type and type(item) in spec.accepted:
                    continue  # most values are plain ones of their type: no call, no path
                spec.check(item, (*path, name), errors)
            elif self.values is not None:
                self.values.check(item, (*path, name), errors)


@dataclass(frozen=True, slots=True)
class Arr(Spec):
    items: Spec
    min_items: int = 0
    max_items: int | None = None
    nullable: bool = True
    # Types whose values pass ``items`` by their type alone (labels, keys, label-or-object refs).
    plain: frozenset[type] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        items = self.items.first if isinstance(self.items, Either) else self.items
        object.__setattr__(self, "plain", items.accepted if isinstance(items, Type) else frozenset())

    def check(self, value: Any, path: Path, errors: list[str]) -> None:
        if value is None and self.nullable:
            return
        if not isinstance(value, list):
            errors.append(f"{where(path)}: expected type: JSONArray, found: {type_name(value)}")
            return
        size = len(value)
        if size < self.min_items:
            errors.append(f"{where(path)}: expected minimum item count: {self.min_items}, found: {size}")
        if self.max_items is not None and size > self.max_items:
            errors.append(f"{where(path)}: expected maximum item count: {self.max_items}, found: {size}")
            return  # no need to look at each of too many
        items = self.items
        if self.plain.issuperset(map(type, value)):
            return  # lists of plain values (labels, keys): their types tested in one pass
        for index, item in enumerate(value):
            if item is None:  # null is never an element: its shapes allow null only as a value
                errors.append(f"{where((*path, index))}: expected type: {expected_name(items)}, found: null")
                continue
            items.check(item, (*path, index), errors)
            if len(errors) > 20:
                return


@dataclass(frozen=True, slots=True)
class Min(Spec):
    """An integer no smaller than ``minimum``."""

    minimum: int

    def check(self, value: Any, path: Path, errors: list[str]) -> None:
        if value is None:
            return
        if type_name(value) != "Integer":
            errors.append(f"{where(path)}: expected type: Integer, found: {type_name(value)}")
        elif value < self.minimum:
            errors.append(f"{where(path)}: {value} is not greater or equal to {self.minimum}")


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
    name = _NAMES.get(type(value))
    if name is not None:
        return name
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
    spec.check(value, (), errors)
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

    def check(self, value: Any, path: Path, errors: list[str]) -> None:
        if isinstance(self.first, Type) and type(value) in self.first.accepted:
            return  # the common case (a label where a label or an object may be) without a trial run
        trial: list[str] = []
        self.first.check(value, path, trial)
        if trial:
            self.second.check(value, path, errors)
