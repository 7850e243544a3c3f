"""Errors no route answered itself (404, 405, 408, 413, defects): each in the shape of whoever owns the
path.

Under a service's prefix the service renders it (SuperSaaS's ``{"errors": [...]}`` in the request's
format, Seats.io's envelope, ...); under the control plane, and on paths nobody owns, the answer is
``{"error": "..."}``.
"""

from __future__ import annotations

import json
import logging

from flask import Flask, Response, current_app, request
from werkzeug.exceptions import HTTPException, RequestTimeout

from fakesaas.core.flask_globals import current_request
from fakesaas.core.routing import closest_routes
from fakesaas.core.service import Registry
from fakesaas.core.wsgi import BODY_TIMED_OUT

log = logging.getLogger(__name__)


def refuse_stalled_bodies(app: Flask) -> None:
    """A request whose body the server gave up waiting for (``BODY_TIMED_OUT``) is answered 408
    before the fault hooks, the routes or the world see it (only the CORS hook, which reads no
    body, comes earlier)."""

    @app.before_request
    def _timed_out() -> None:
        if BODY_TIMED_OUT in current_request().environ:  # every request asks: no proxy
            raise RequestTimeout()


def install(app: Flask, services: Registry) -> None:
    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> Response:
        status = error.code or 500
        response = answer(services, status, _message(error, status, services))
        allow = dict(error.get_headers()).get("Allow")
        if allow:
            response.headers["Allow"] = allow
        return response

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> Response:
        # A defect of the emulator, answered in the owner's error shape so clients fail clearly.
        log.exception("unhandled error in %s %s", request.method, request.path)
        return answer(services, 500, f"Internal error: {type(error).__name__}")


def answer(services: Registry, status: int, message: str) -> Response:
    """An error answer for the current request, in its owner's shape."""
    owner = services.owner(request.path)
    if owner is not None:
        return owner.render_error(status, message)
    return plain_error(status, message)


def plain_error(status: int, message: str) -> Response:
    """``{"error": message}``: the control plane's shape, and the answer on paths nobody owns."""
    body = json.dumps({"error": message}, ensure_ascii=False)
    return Response(body, status=status, mimetype="application/json")


def _message(error: HTTPException, status: int, services: Registry) -> str:
    if status == 404:
        message = f"Not found: no API path {request.method} {request.path}"
        owner = services.owner(request.path)
        scope = owner.prefix if owner is not None else ""
        rules = [
            (rule.rule, rule.methods or set())
            for rule in current_app.url_map.iter_rules()
            if rule.rule.startswith(scope) and rule.endpoint != "static"
        ]
        hints = closest_routes(rules, request.method, request.path)
        return message + ("; closest: " + ", ".join(hints) if hints else "")
    if status == 405:
        return f"Method not allowed: {request.method} {request.path}"
    if status == 408:
        seconds = request.environ.get(BODY_TIMED_OUT)
        within = f" within {seconds:g} s" if isinstance(seconds, int | float) else " in time"
        return f"Request timeout: the request body did not arrive{within}"
    if status == 413:
        limit = _size(current_app.config.get("MAX_CONTENT_LENGTH"))
        return f"Request entity too large: bodies are limited to {limit}"
    return f"{error.name}: {error.description}"


def _size(limit: object) -> str:
    """A byte count as people write it: ``1 MiB``, ``64 KiB``, ``1000 bytes``."""
    if not isinstance(limit, int):
        return "the configured limit"
    for unit, factor in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if limit >= factor and limit % factor == 0:
            return f"{limit // factor} {unit}"
    return f"{limit} bytes"
