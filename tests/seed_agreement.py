"""Checking that a service's seed schema and its seed loader agree: variations of a full section
(every key of every key table in use) with optional keys left out, and at most one fault put in (an
unknown key, a value of a type the key does not take, a required key left out)."""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st
from jsonschema import Draft202012Validator

# Values of every JSON type: a fault puts in one the key's schema refuses.
SAMPLES: tuple[Any, ...] = (None, True, 7, "x", [], {}, [{}], {"k": 1})
TYPO = "colour_typo"


@dataclass(frozen=True, slots=True)
class Place:
    """A key of an object in the section: where it is, and the schemas of the object and the key."""

    path: tuple[str | int, ...]  # of the object
    key: str
    owner: dict[str, Any]
    schema: dict[str, Any]

    @property
    def pattern(self) -> str:
        """The path with list positions as ``*`` and the key last: ``companies/*/bookings/*/provider``."""
        return "/".join("*" if isinstance(part, int) else part for part in (*self.path, self.key))


def objects(
    value: Any, schema: dict[str, Any], path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], dict[str, Any], dict[str, Any]]]:
    """Every object of ``value`` that its schema describes by properties, with that schema."""
    if isinstance(value, dict) and "properties" in schema:
        yield path, value, schema
        for key, item in value.items():
            if key in schema["properties"]:
                yield from objects(item, schema["properties"][key], (*path, key))
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for index, item in enumerate(value):
            yield from objects(item, schema["items"], (*path, index))


def places(section: Any, schema: dict[str, Any]) -> list[Place]:
    return [
        Place(path, key, owner, owner_schema["properties"][key])
        for path, _, owner_schema in objects(section, schema)
        for owner in [_at(section, path)]
        for key in owner
        if key in owner_schema["properties"]
    ]


def key_patterns(section: Any, schema: dict[str, Any]) -> dict[str, set[str]]:
    """The keys in use under each object path pattern (``companies/*``: {"name", ...})."""
    used: dict[str, set[str]] = {}
    for path, value, _ in objects(section, schema):
        used.setdefault("/".join("*" if isinstance(p, int) else p for p in path), set()).update(value)
    return used


def schema_patterns(schema: dict[str, Any], path: str = "") -> dict[str, set[str]]:
    """The keys the schema describes under each object path pattern."""
    found: dict[str, set[str]] = {}
    if "properties" in schema:
        found[path] = set(schema["properties"])
        for key, sub in schema["properties"].items():
            found.update(schema_patterns(sub, f"{path}/{key}" if path else key))
    items = schema.get("items")
    if isinstance(items, dict):
        found.update(schema_patterns(items, f"{path}/*"))
    return found


def _at(value: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        value = value[part]
    return value


@dataclass(frozen=True, slots=True)
class Variant:
    section: dict[str, Any]
    fault: str  # "" for none, else what was put in
    typo: str | None = None  # the unknown key put in, if that was the fault


def variants(
    full: dict[str, Any], schema: dict[str, Any], keep: frozenset[str]
) -> st.SearchStrategy[Variant]:
    """``full`` with some optional keys left out (never those whose pattern is in ``keep``: other
    records rely on them) and at most one fault."""
    optional = [
        place
        for place in places(full, schema)
        if place.key not in place_schema_required(full, schema, place) and place.pattern not in keep
    ]

    refusals: dict[int, list[Any]] = {}

    def refused(key_schema: dict[str, Any]) -> list[Any]:
        """The samples ``key_schema`` refuses (worked out once per schema)."""
        if id(key_schema) not in refusals:
            check = Draft202012Validator(key_schema)
            refusals[id(key_schema)] = [value for value in SAMPLES if not check.is_valid(value)]
        return refusals[id(key_schema)]

    @st.composite
    def build(draw: Callable[..., Any]) -> Variant:
        section = copy.deepcopy(full)
        dropped = draw(st.sets(st.sampled_from(range(len(optional))), max_size=len(optional)))
        # Deepest first, so a key left out never takes a place still to be visited with it.
        for index in sorted(dropped, key=lambda i: -len(optional[i].path)):
            place = optional[index]
            with contextlib.suppress(KeyError, IndexError, TypeError):
                del _at(section, place.path)[place.key]
        kind = draw(st.sampled_from(["none", "unknown key", "wrong type", "required key left out"]))
        if kind == "unknown key":
            owners = [
                (path, value)
                for path, value, sub in objects(section, schema)
                if sub.get("additionalProperties") is False
            ]
            if not owners:
                return Variant(section, "")
            path, owner = draw(st.sampled_from(owners))
            owner[TYPO] = 1
            return Variant(section, f"unknown key at {'/'.join(map(str, path)) or '(the section)'}", TYPO)
        if kind == "wrong type":
            choices = [(place, value) for place in places(section, schema) for value in refused(place.schema)]
            if not choices:
                return Variant(section, "")
            place, value = draw(st.sampled_from(choices))
            _at(section, place.path)[place.key] = value
            return Variant(section, f"{place.pattern} = {value!r}")
        if kind == "required key left out":
            choices = [
                (path, key)
                for path, value, sub in objects(section, schema)
                for key in sub.get("required", [])
                if key in value
            ]
            if choices:
                path, key = draw(st.sampled_from(choices))
                del _at(section, path)[key]
                return Variant(section, f"{'/'.join(map(str, path))} without {key}")
        return Variant(section, "")

    return build()


def place_schema_required(full: dict[str, Any], schema: dict[str, Any], place: Place) -> list[str]:
    for path, _, sub in objects(full, schema):
        if path == place.path:
            return list(sub.get("required", []))
    return []


@dataclass(frozen=True, slots=True)
class Verdicts:
    """What a service's seed schema and its seed loader each say of a section: None when it is
    taken, else the message. ``full`` is the section that uses every key."""

    service: Any
    full: dict[str, Any]
    start: Any  # the clock's start for a fresh state

    def loader(self, section: Any) -> str | None:
        from fakesaas.core.clock import ManualClock
        from fakesaas.core.service import SectionError
        from fakesaas.core.world import World

        state = self.service.new_state(World(ManualClock(self.start)))
        try:
            self.service.seed(state, section)
        except SectionError as error:
            return str(error)
        return None

    def schema(self, section: Any) -> str | None:
        from fakesaas.core.service import Registry
        from fakesaas.seeding import SeedError, checked

        try:
            checked({self.service.name: section}, Registry([self.service]))
        except SeedError as error:
            return str(error)
        return None

    def with_key(self, path: str, key: str, value: Any = 1) -> dict[str, Any]:
        """The full section with ``key`` put into the object at ``path`` (dot-separated; digits are
        positions)."""
        section = copy.deepcopy(self.full)
        node: Any = section
        for part in filter(None, path.split(".")):
            node = node[int(part)] if part.isdigit() else node[part]
        node[key] = value
        return section

    def assert_both_name(self, section: Any, typo: str) -> None:
        by_schema, by_loader = self.schema(section), self.loader(section)
        assert by_schema is not None
        assert typo in by_schema
        assert by_loader is not None
        assert typo in by_loader

    def assert_agree(self, variant: Variant) -> None:
        by_schema, by_loader = self.schema(variant.section), self.loader(variant.section)
        assert (by_schema is None) == (by_loader is None), (variant.fault, by_schema, by_loader)
        assert (by_schema is None) == (variant.fault == "")
        if variant.typo is not None:
            self.assert_both_name(variant.section, variant.typo)
