"""Per-request state: one object with the chosen format, the parsed parameters, the caller, and the
locked domain."""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from fakesaas.core.flask_globals import current_app_object, current_g
from fakesaas.core.render import Format
from fakesaas.core.world import World
from fakesaas.supersaas.domain.accounts import SuperSaas
from fakesaas.supersaas.domain.context import Context
from fakesaas.supersaas.http.auth import Principal
from fakesaas.supersaas.http.params import Params

NAME = "supersaas"  # this service's key in the world (fakesaas/supersaas/service.py)


@dataclass(slots=True)  # not frozen: made on every request, and a frozen one sets fields the slow way
class Call:
    """One authenticated request, as the routes see it (made by the blueprint's ``_prepare``)."""

    format: Format
    params: Params
    principal: Principal
    world: World
    backend: SuperSaas


def world() -> World:
    return current_app_object().extensions["fakesaas"]  # type: ignore[no-any-return]


def backend() -> SuperSaas:
    return world().state(NAME)  # type: ignore[no-any-return]


def call() -> Call:
    # The request's ``g`` read without its proxy (fakesaas/core/flask_globals.py): every accessor
    # below comes through here, several times a request.
    return current_g().supersaas  # type: ignore[no-any-return]


def params() -> Params:
    return call().params


def output_format() -> Format:
    return call().format


def domain() -> Locked:
    """The caller's domain context, under the world lock for the whole call."""
    current = call()
    principal = current.principal
    return Locked(current.world.lock, Context(current.backend, principal.account, principal.actor))


class Locked:
    """``with domain() as ctx``: the world lock held while the block runs, released however it
    ends. A class rather than a ``@contextmanager`` generator, at a quarter of its cost (every
    route of the service enters one)."""

    __slots__ = ("_context", "_lock")

    def __init__(self, lock: AbstractContextManager[Any], context: Context) -> None:
        self._lock = lock
        self._context = context

    def __enter__(self) -> Context:
        self._lock.__enter__()
        return self._context

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._lock.__exit__(kind, error, trace)
