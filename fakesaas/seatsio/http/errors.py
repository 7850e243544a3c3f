"""One table from domain errors to HTTP statuses, and the Seats.io error envelope.

``{"status", "messages", "errors": [{"code", "message"}], "warnings", "requestId"}`` with
``Content-Type: application/json``: the SDK parses the body only under that content type and
needs both ``errors`` and ``requestId`` (research/seatsio-simplybook.md §1.3). Errors carry no
``data`` key: the SDK tests compare ``e.errors`` by equality (testChangeObjectStatus).
401 and 403 answer with an empty body, as the docs say the real API does.
"""

from __future__ import annotations

import json
import logging
import uuid

from flask import Response
from werkzeug.exceptions import HTTPException

from fakesaas.core.errors import BadRequest, DomainError, NotFound, PermissionDenied, Unauthenticated
from fakesaas.seatsio.domain.errors import RateLimited
from fakesaas.seatsio.http.schema import MultipleViolations

STATUS: dict[type[DomainError], int] = {
    BadRequest: 400,
    Unauthenticated: 401,
    PermissionDenied: 403,
    NotFound: 404,
    RateLimited: 429,
}

log = logging.getLogger(__name__)


def status_of(error: DomainError) -> int:
    for kind in type(error).__mro__:
        if kind in STATUS:
            return STATUS[kind]
    return 400


def envelope(status: int, errors: list[tuple[str, str]]) -> Response:
    if status in (401, 403):
        return Response(b"", status=status)
    body = {
        "status": status,
        "messages": [message for _, message in errors],
        "errors": [{"code": code, "message": message} for code, message in errors],
        "warnings": [],
        "requestId": str(uuid.uuid4()),
    }
    return Response(json.dumps(body), status=status, content_type="application/json")


def domain_error(error: DomainError) -> Response:
    if isinstance(error, MultipleViolations):
        return envelope(400, [(error.code, message) for message in error.messages])
    return envelope(status_of(error), [(error.code, error.message)])


def http_error(error: HTTPException) -> Response:
    status = error.code or 500
    codes = {404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED", 413: "REQUEST_TOO_LARGE"}
    response = envelope(status, [(codes.get(status, "GENERAL_ERROR"), f"{error.name}: {error.description}")])
    allow = dict(error.get_headers()).get("Allow")
    if allow:
        response.headers["Allow"] = allow
    return response


def unexpected(error: Exception) -> Response:
    log.exception("unhandled error in the Seats.io emulation", exc_info=error)
    return envelope(500, [("GENERAL_ERROR", f"Internal error: {type(error).__name__}")])
