"""Putting data into a world at start or on reset: the built-in demo, nothing, or a seed file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fakesaas.core.world import World
from fakesaas.supersaas.domain.accounts import Account
from fakesaas.supersaas.domain.demo import demo_document
from fakesaas.supersaas.domain.seed import Progress, SeedError, load_seed
from fakesaas.supersaas.http.context import state_of

__all__ = [
    "Progress",
    "SeedError",
    "apply_seed",
    "load_document",
    "reset_account",
    "reset_world",
    "seed_document",
]


def seed_document(world: World, seed: str) -> dict[str, Any]:
    """The seed document ``seed`` names: the demo (dated from the world's now), nothing, or a
    JSON (or, with PyYAML, YAML) file."""
    if seed == "none":
        return {"accounts": []}
    if seed == "demo":
        return demo_document(world.clock.now())
    path = Path(seed)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise SeedError(f"cannot read seed file {path}: {error.strerror}") from None
    return parse_seed_text(text, yaml=path.suffix in (".yaml", ".yml"), source=str(path))


def parse_seed_text(text: str, yaml: bool = False, source: str = "the seed") -> dict[str, Any]:
    try:
        if yaml:
            import yaml as pyyaml  # optional: only YAML seeds need it

            document = pyyaml.safe_load(text)
        else:
            document = json.loads(text)
    except ImportError:
        raise SeedError("YAML seeds need PyYAML (pip install pyyaml)") from None
    except Exception as error:  # json.JSONDecodeError, yaml.YAMLError: the text is not a document
        raise SeedError(f"{source} is not valid {'YAML' if yaml else 'JSON'}: {error}") from None
    if not isinstance(document, dict):
        raise SeedError(f'{source} must be an object with a list under "accounts"')
    return document


def apply_seed(world: World, seed: str, progress: Progress | None = None) -> list[Account]:
    """``demo`` loads the demo account, ``none`` nothing, anything else is a seed file."""
    return load_document(world, seed_document(world, seed), progress)


def load_document(world: World, document: dict[str, Any], progress: Progress | None = None) -> list[Account]:
    with world.lock:
        return load_seed(state_of(world), document, progress)


def reset_account(world: World, seed: str, name: str) -> bool:
    """Forget one account, then load it again if the start-up seed has it. False if unknown."""
    with world.lock:
        backend = state_of(world)
        account = backend.account(name)
        if account is None:
            return False
        del backend.accounts[account.name.casefold()]
        document = seed_document(world, seed)
        specs = [
            a for a in document.get("accounts", []) if str(a.get("name", "")).casefold() == name.casefold()
        ]
        load_seed(backend, {"accounts": specs})
        return True


def reset_world(world: World, seed: str) -> list[Account]:
    """Forget everything, then seed again: what a test does between cases."""
    with world.lock:
        world.reset()
        return apply_seed(world, seed)
