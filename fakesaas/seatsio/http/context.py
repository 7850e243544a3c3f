"""Per request: the world, the Seats.io state in it, the caller's credentials and the locked scope."""

from __future__ import annotations

import base64
import binascii
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fakesaas.core.flask_globals import current_app_object, current_request
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
    return current_app_object().extensions["fakesaas"]  # type: ignore[no-any-return]


def state_of(target: World) -> Seatsio:
    return target.state(NAME)  # type: ignore[no-any-return]


def state() -> Seatsio:
    return state_of(world())


_CREDENTIALS = "fakesaas.seatsio.credentials"
ACCOUNT_KEY = "fakesaas.seatsio.account"  # the request's company, by name, once authenticated


def credentials(environ: dict[str, Any] | None = None) -> tuple[str | None, str | None]:
    """(secret key, workspace key): HTTP Basic with the key as user and an empty password. Read
    once per request: the pipeline, the route and the journal's caller all ask. ``environ`` is the
    request's, when the caller has it at hand."""
    if environ is None:
        environ = current_request().environ
    found: tuple[str | None, str | None] | None = environ.get(_CREDENTIALS)
    if found is None:
        found = (basic_user(environ.get("HTTP_AUTHORIZATION")), environ.get("HTTP_X_WORKSPACE_KEY") or None)
        environ[_CREDENTIALS] = found
    return found


def basic_user(header: str | None) -> str | None:
    """The user of an ``Authorization: Basic ...`` header (the secret key); None for anything else."""
    if not header or header[:6].lower() != "basic ":
        return None
    try:
        decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return decoded.partition(":")[0] or None


def origin() -> Origin:
    return Origin(API_CALL, current_request().remote_addr or "127.0.0.1")


@contextmanager
def domain() -> Iterator[Scope]:
    """The caller's scope, under the world lock for the whole call, with expired hold tokens
    of its workspace swept first (nothing expires on a timer)."""
    secret, workspace = credentials()
    target = world()
    with target.lock:
        scope = state_of(target).authenticate(secret, workspace)
        statuses.sweep(scope)
        yield scope
