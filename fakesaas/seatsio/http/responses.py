"""Answers: JSON bodies (the API's only format), 201 and 204 without a body, raw bytes."""

from __future__ import annotations

from typing import Any

from flask import Response, request

from fakesaas.core.render.json_bytes import dumps
from fakesaas.lean_flask import bytes_response, empty_response

JSON_TYPE = "application/json"


def json_text(data: Any) -> str:
    return dumps(data).decode("utf-8")


def json_response(data: Any, status: int = 200) -> Response:
    return bytes_response(dumps(data), status, JSON_TYPE)


def no_content() -> Response:
    """204: what the docs give for updates, deletes and actions (the SDK reads no body)."""
    return empty_response(204)


def created() -> Response:
    """201 with no body: the test harness wants exactly 201 from the system chart endpoint."""
    return empty_response(201)


def png(data: bytes) -> Response:
    return Response(data, status=200, content_type="image/png")


def base_url() -> str:
    """This emulation's base URL, for the links an answer carries (thumbnails)."""
    return request.host_url.rstrip("/") + request.script_root + "/seatsio"
