"""Per request: the world, the Seats.io state in it, the caller's credentials and the locked scope."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from flask import current_app, g, request

from fakesaas.core.world import World
from fakesaas.seatsio.domain import statuses
from fakesaas.seatsio.domain.history import API_CALL, Origin
from fakesaas.seatsio.domain.state import DEFAULT_SYSTEM_SECRET, Scope, Seatsio

NAME = "seatsio"


def system_secret_from_env() -> str:
    """The system API secret the test-company endpoint wants (FAKESAAS_SEATSIO_SYSTEM_SECRET);
    the official harness's default otherwise."""
    return os.environ.get("FAKESAAS_SEATSIO_SYSTEM_SECRET") or DEFAULT_SYSTEM_SECRET


def world() -> World:
    return current_app.extensions["fakesaas"]  # type: ignore[no-any-return]


def state_of(target: World) -> Seatsio:
    return target.state(NAME)  # type: ignore[no-any-return]


def state() -> Seatsio:
    return state_of(world())


def credentials() -> tuple[str | None, str | None]:
    """(secret key, workspace key): HTTP Basic with the key as user and an empty password."""
    auth = request.authorization
    secret = auth.username if auth is not None and auth.type == "basic" else None
    return secret or None, request.headers.get("X-Workspace-Key") or None


def origin() -> Origin:
    return Origin(API_CALL, request.remote_addr or "127.0.0.1")


@contextmanager
def domain() -> Iterator[Scope]:
    """The caller's scope, under the world lock for the whole call, with expired hold tokens
    of its workspace swept first (nothing expires on a timer)."""
    secret, workspace = credentials()
    target = world()
    with target.lock:
        scope = state_of(target).authenticate(secret, workspace)
        statuses.sweep(scope)
        g.seatsio_scope = scope
        yield scope
