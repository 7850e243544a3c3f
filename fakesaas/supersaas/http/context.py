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

NAME = "supersaas"  # this service's key in the world (fakesaas/supersaas/service.py)


def world() -> World:
    return current_app.extensions["fakesaas"]  # type: ignore[no-any-return]


def backend() -> SuperSaas:
    return world().state(NAME)  # type: ignore[no-any-return]


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
