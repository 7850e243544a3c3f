"""Per-request state: the chosen format, the parsed parameters, the caller, and the locked domain."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import current_app, g

from fakesaas.core.render import Format
from fakesaas.core.world import World
from fakesaas.supersaas.domain.accounts import SuperSaas
from fakesaas.supersaas.domain.context import Context
from fakesaas.supersaas.http.auth import Principal
from fakesaas.supersaas.http.params import Params
from fakesaas.supersaas.http.webhooks import subscribe


def world() -> World:
    return current_app.extensions["fakesaas"]  # type: ignore[no-any-return]


def backend() -> SuperSaas:
    return state_of(world())


def state_of(target: World) -> SuperSaas:
    """The SuperSaaS state of a world, created empty on first use. Its webhooks fire on the
    world's dispatcher, also when the state was installed from a saved world."""
    with target.lock:
        backend = target.service("supersaas", lambda w: SuperSaas(w.clock))
        subscribe(backend, target.webhooks)
        return backend


def params() -> Params:
    return g.params  # type: ignore[no-any-return]


def output_format() -> Format:
    return g.format  # type: ignore[no-any-return]


@contextmanager
def domain() -> Iterator[Context]:
    """The caller's domain context, under the world lock for the whole call."""
    principal: Principal = g.principal
    with world().lock:
        yield Context(backend(), principal.account, principal.actor)
