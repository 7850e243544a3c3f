"""The Seats.io HTTP adapter: one blueprint under /seatsio, its request pipeline and error handlers.

Pipeline per request: keys put back into path values from the raw path (a key may hold an
encoded ``/``) -> credentials (HTTP Basic, the secret key as user) -> route (parse the body,
call the domain under the lock, answer JSON).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote, urlsplit

from flask import Blueprint, Flask, Response, current_app, request
from werkzeug.exceptions import HTTPException, NotFound

from fakesaas.core.errors import DomainError
from fakesaas.core.flask_globals import current_request
from fakesaas.seatsio.domain.drawing import DRAWING_LIMIT
from fakesaas.seatsio.http import context
from fakesaas.seatsio.http.errors import domain_error, envelope, http_error, unexpected
from fakesaas.seatsio.http.routes import (
    accounts,
    activity,
    channels,
    charts,
    events,
    hold_tokens,
    objects,
    reports,
    seasons,
    system,
    usage,
    workspaces,
)

PREFIX = "/seatsio"
_SLASH = "\ue000"  # stands in for an encoded "/" while the raw path is matched
_ENCODED_SLASH = re.compile("%2f", re.IGNORECASE)


def create_blueprint() -> Blueprint:
    blueprint = Blueprint("seatsio", __name__, url_prefix=PREFIX)
    blueprint.url_value_preprocessor(_raw_path_values)
    blueprint.before_request(_prepare)
    for module in (
        system,
        charts,
        events,
        objects,
        channels,
        seasons,
        hold_tokens,
        workspaces,
        activity,
        reports,
        usage,
        accounts,
    ):
        module.register(blueprint)
    blueprint.register_error_handler(DomainError, domain_error)
    blueprint.register_error_handler(HTTPException, http_error)
    blueprint.register_error_handler(Exception, unexpected)
    return blueprint


def register(app: Flask) -> None:
    app.register_blueprint(create_blueprint())


def render_error(status: int, message: str) -> Response:
    """An error in the Seats.io envelope, for faults and unmatched paths under /seatsio."""
    codes = {404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED", 429: "RATE_LIMIT_EXCEEDED"}
    return envelope(status, [(codes.get(status, "GENERAL_ERROR"), message)])


def not_found_message() -> str:
    return f"Not found: no Seats.io API path {request.method} {request.path}"


SYSTEM_ENDPOINTS = frozenset({"seatsio.system_create_test_company", "seatsio.system_create_chart"})


def _prepare() -> None:
    # The request taken once and without its proxy (fakesaas/core/flask_globals.py): every call
    # pays for this.
    incoming = current_request()
    endpoint = incoming.endpoint
    if endpoint == "seatsio.system_create_chart":
        incoming.max_content_length = max(DRAWING_LIMIT, current_app.config.get("MAX_CONTENT_LENGTH") or 0)
    if endpoint in SYSTEM_ENDPOINTS or endpoint is None:
        return
    secret, workspace = context.credentials(incoming.environ)
    target = context.world()
    with target.lock:
        # 401 before the body is even read, as the real API does.
        scope = context.state_of(target).authenticate(secret, workspace)
    incoming.environ[context.ACCOUNT_KEY] = scope.company.name  # for the journal (SeatsioService.caller)


def _raw_path_values(endpoint: str | None, values: dict[str, Any] | None) -> None:
    """Path values from the raw request line where the server keeps it: werkzeug decodes
    ``%2F`` before routing, so ``tags/a%2Fb`` would otherwise read as two segments
    (testAddTag::testSpecialCharacters)."""
    if not values or endpoint is None:
        return
    environ = current_request().environ  # every request with path values asks: no proxy
    raw = environ.get("RAW_URI") or environ.get("REQUEST_URI")
    if not raw or not _ENCODED_SLASH.search(raw):
        return
    path = urlsplit(raw).path
    marked = unquote(_ENCODED_SLASH.sub(_SLASH, path))
    adapter = current_app.url_map.bind_to_environ(request.environ)
    try:
        matched, found = adapter.match(marked, method=request.method)
    except (HTTPException, NotFound):
        return
    if matched == endpoint:
        values.update({name: str(value).replace(_SLASH, "/") for name, value in found.items()})
