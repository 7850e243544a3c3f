"""Putting data into a world at start or on reset: the built-in demo, nothing, or a seed file.

A seed document has one section per service, under its name: ``{"supersaas": {...}, "seatsio":
{...}, "simplybook": {...}}``; a service left out starts empty. A document written before there
were sections (its keys all belong to one service, such as SuperSaaS's ``accounts``) is that
service's section.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fakesaas import seed_image
from fakesaas.core.service import Progress, Registry, SectionError
from fakesaas.core.world import World

__all__ = [
    "Progress",
    "SeedError",
    "apply_seed",
    "checked",
    "document_schema",
    "load_document",
    "parse_seed_text",
    "reset_tenant",
    "reset_world",
    "sectioned",
    "seed_document",
]


class SeedError(ValueError):
    """A seed that cannot be loaded; the message names the service, the key or value at fault."""


def seed_document(world: World, seed: str) -> dict[str, Any]:
    """The sectioned seed document ``seed`` names: ``demo`` (every service's demo, dated from the
    world's now), ``none``, or the path of a JSON or YAML file."""
    if seed == "none":
        return {}
    if seed == "demo":
        now = world.clock.now()
        return {service.name: service.demo(now) for service in world.services}
    path = Path(seed)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise SeedError(f"cannot read seed file {path}: {error.strerror}") from None
    document = parse_seed_text(text, yaml=path.suffix in (".yaml", ".yml"), source=str(path))
    large = len(text) >= COMPILED_CHECK_FROM
    return checked(sectioned(document, world.services, str(path)), world.services, str(path), large)


def document_schema(services: Registry) -> dict[str, Any]:
    """The JSON Schema of a whole seed document: a section per service, each its own schema."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://fakesaas.invalid/seed.schema.json",
        "title": "fakesaas seed document",
        "description": "One section per service, under its name; a service left out starts empty.",
        "type": "object",
        "additionalProperties": False,
        "properties": {service.name: service.seed_schema() or {"type": "object"} for service in services},
    }


def checked(
    document: dict[str, Any], services: Registry, source: str = "the seed", large: bool = False
) -> dict[str, Any]:
    """``document`` when each section holds to its service's schema; SeedError naming the first place
    that does not (the loaders check it again, and the rules of the API besides). A ``large``
    document is first run through a validator compiled from the schema, which passes a million
    bookings in seconds where jsonschema takes minutes; only when it fails does jsonschema look for
    the place to name."""
    from jsonschema import Draft202012Validator  # only seeds from outside need it: start-up stays quick

    for service in services:
        schema = service.seed_schema()
        if schema is None or service.name not in document:
            continue
        if large and _conforms(schema, document[service.name]):
            continue
        error = next(
            iter(sorted(Draft202012Validator(schema).iter_errors(document[service.name]), key=_depth)), None
        )
        if error is not None:
            where = "/".join(str(part) for part in error.absolute_path) or "(the section)"
            raise SeedError(f"{source}: {service.name} at {where}: {_plain(error)}")
    return document


COMPILED_CHECK_FROM = 1 << 20  # bytes of seed text: below, compiling costs more than it saves


def _conforms(schema: dict[str, Any], section: Any) -> bool:
    import fastjsonschema  # only large seed files need it

    try:
        _compiled(json.dumps(schema, sort_keys=True))(section)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


@functools.lru_cache(maxsize=8)
def _compiled(schema_text: str) -> Callable[[Any], Any]:
    import fastjsonschema

    return fastjsonschema.compile(json.loads(schema_text))


def _plain(error: Any) -> str:
    """A schema error as the loaders word theirs: an unknown key is named with the keys allowed."""
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = sorted(error.schema.get("properties", {}))
        unknown = sorted(str(key) for key in error.instance if key not in allowed)
        if unknown:
            return f"unknown key {unknown[0]!r} (allowed: {', '.join(allowed)})"
    if error.validator == "required":
        return str(error.message).replace("is a required property", "is needed")
    return str(error.message)


def _depth(error: Any) -> int:
    return -len(error.absolute_path)


def parse_seed_text(text: str, yaml: bool = False, source: str = "the seed") -> dict[str, Any]:
    try:
        if yaml:
            import yaml as pyyaml  # optional: only YAML seeds need it

            document = pyyaml.safe_load(text)
        else:
            document = json.loads(text)
    except ImportError:
        raise SeedError("YAML seeds need PyYAML (pip install pyyaml)") from None
    except RecursionError:
        raise SeedError(f"{source} is nested too deeply") from None
    except Exception as error:  # json.JSONDecodeError, yaml.YAMLError: the text is not a document
        raise SeedError(f"{source} is not valid {'YAML' if yaml else 'JSON'}: {error}") from None
    if not isinstance(document, dict):
        raise SeedError(f"{source} must be an object with a section per service")
    return document


def sectioned(document: dict[str, Any], services: Registry, source: str = "the seed") -> dict[str, Any]:
    """``document`` with a section per service; an unknown section is refused, naming it."""
    for service in services:
        if document and service.legacy_seed_keys and set(document) <= service.legacy_seed_keys:
            return {service.name: document}
    unknown = sorted(str(key) for key in document if key not in services.names)
    if unknown:
        raise SeedError(f"{source}: unknown section {unknown[0]!r} (allowed: {', '.join(services.names)})")
    return document


def apply_seed(world: World, seed: str, progress: Progress | None = None) -> dict[str, list[str]]:
    """``demo`` loads every service's demo, ``none`` nothing, anything else is a seed file."""
    return load_document(world, seed_document(world, seed), progress)


def load_document(
    world: World, document: dict[str, Any], progress: Progress | None = None
) -> dict[str, list[str]]:
    """Load every section of a sectioned document; answer the tenants loaded, per service.

    All or nothing: each service loads its section all or nothing, and when a document has
    several, every section but the first is first tried on an empty state, so a bad later
    section is refused before the first one changes anything.
    """
    document = sectioned(document, world.services)
    present = [service for service in world.services if service.name in document]
    with world.lock:
        for service in present[1:]:
            _seed(service, service.new_state(world), document[service.name], None)
        return {
            service.name: _seed(service, world.state(service.name), document[service.name], progress)
            for service in present
        }


def reset_world(world: World, seed: str) -> dict[str, list[str]]:
    """Forget everything, then seed again: what a test does between cases. A seed file's result is
    restored from its kept image when there is one (fakesaas/seed_image.py), and kept after a
    replay otherwise."""
    with world.lock:
        if seed_image.restore(world, seed):
            return {name: list(tenants) for name, tenants in world.seed_image.loaded.items()}
        world.reset()
        loaded = apply_seed(world, seed)
        seed_image.keep(world, seed, loaded)
        return loaded


def reset_tenant(world: World, seed: str, name: str, service_name: str | None = None) -> list[str]:
    """Put the account or company ``name`` back as the start-up seed has it, with the ids it had
    (in the one service named, or in every service that has it); answer the services where it
    was found."""
    with world.lock:
        document = seed_document(world, seed)
        found = []
        for service in world.services:
            if service_name is not None and service.name != service_name:
                continue
            section = document.get(service.name)
            try:
                if service.reset_tenant(world, world.state(service.name), section, name):
                    found.append(service.name)
            except SectionError as error:
                raise SeedError(f"{service.name}: {error}") from None
        return found


def _seed(service: Any, state: Any, section: Any, progress: Progress | None) -> list[str]:
    try:
        return list(service.seed(state, section, progress))
    except SectionError as error:
        raise SeedError(f"{service.name}: {error}") from None
