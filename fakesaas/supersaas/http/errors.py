"""One table from domain errors to HTTP statuses, and the handlers that render every error."""

from __future__ import annotations

import logging

from flask import Flask, Response, current_app, g, request
from werkzeug.exceptions import HTTPException

from fakesaas.core.errors import (
    BadRequest,
    DomainError,
    FieldError,
    NotForCapacity,
    NotForService,
    NotFound,
    NotSupported,
    PermissionDenied,
    Unauthenticated,
    Unprocessable,
)
from fakesaas.core.render import Format
from fakesaas.core.routing import closest_routes
from fakesaas.supersaas import present
from fakesaas.supersaas.http.negotiation import choose_format

STATUS: dict[type[DomainError], int] = {
    BadRequest: 400,
    Unauthenticated: 401,
    PermissionDenied: 403,
    NotFound: 404,
    # Ruby's SDK names these two: 405 "Not available for capacity type schedule",
    # 501 "Not yet implemented for service type schedule".
    NotForCapacity: 405,
    Unprocessable: 422,
    NotForService: 501,
    NotSupported: 501,
}

log = logging.getLogger(__name__)


def status_of(error: DomainError) -> int:
    for kind in type(error).__mro__:
        if kind in STATUS:
            return STATUS[kind]
    return 400


def error_response(status: int, details: list[FieldError]) -> Response:
    fmt: Format = g.get("format") or choose_format(
        request.path, request.headers.get("Accept", ""), request.headers.get("Content-Type", "")
    )
    response = Response(fmt.render(present.errors(status, details)), status=status, mimetype=None)
    response.headers["Content-Type"] = fmt.media_type
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Basic realm="SuperSaaS API"'
    return response


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def _domain_error(error: DomainError) -> Response:
        return error_response(status_of(error), error.details)

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> Response:
        status = error.code or 500
        if status == 404:
            message = f"Not found: no API path {request.method} {request.path}"
            rules = [(r.rule, r.methods or set()) for r in current_app.url_map.iter_rules()]
            hints = closest_routes(rules, request.method, request.path)
            if hints:
                message += "; closest: " + ", ".join(hints)
        elif status == 405:
            message = f"Method not allowed: {request.method} {request.path}"
        elif status == 413:
            message = "Request entity too large: bodies are limited to 1 MiB"
        else:
            message = f"{error.name}: {error.description}"
        response = error_response(status, [FieldError(message)])
        allow = dict(error.get_headers()).get("Allow")
        if allow:
            response.headers["Allow"] = allow
        return response

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> Response:
        # A defect of the emulator; answered in the API's error shape so clients fail clearly.
        log.exception("unhandled error in %s %s", request.method, request.path)
        return error_response(500, [FieldError(f"Internal error: {type(error).__name__}")])
