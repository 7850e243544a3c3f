"""Putting data into a world at start or on reset: the built-in demo, nothing, or a seed file."""

from __future__ import annotations

import json
from pathlib import Path

from fakesaas.core.world import World
from fakesaas.supersaas.domain.accounts import Account
from fakesaas.supersaas.domain.demo import demo_document
from fakesaas.supersaas.domain.seed import SeedError, load_seed
from fakesaas.supersaas.http.context import state_of

__all__ = ["SeedError", "apply_seed", "reset_world"]


def apply_seed(world: World, seed: str) -> list[Account]:
    """``demo`` loads the demo account, ``none`` nothing, anything else is a JSON seed file."""
    if seed == "none":
        state_of(world)
        return []
    if seed == "demo":
        document = demo_document(world.clock.now())
    else:
        path = Path(seed)
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise SeedError(f"cannot read seed file {path}: {error.strerror}") from None
        except ValueError as error:
            raise SeedError(f"seed file {path} is not valid JSON: {error}") from None
    with world.lock:
        return load_seed(state_of(world), document)


def reset_world(world: World, seed: str) -> list[Account]:
    """Forget everything, then seed again: what a test does between cases."""
    with world.lock:
        world.reset()
        return apply_seed(world, seed)
