"""One table from domain errors to HTTP statuses, and the error answer in the request's format."""

from __future__ import annotations

from flask import Response, g, request

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
