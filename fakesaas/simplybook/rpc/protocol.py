"""JSON-RPC 2.0 envelopes: reading a body into calls, and writing results and errors.

A success carries ``result`` and no ``error``; an error carries ``error`` and no ``result`` (the
JSON-RPC 2.0 text; clients in the wild take the mere presence of ``error`` as a failure).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from fakesaas.core.json_read import UNREAD, quick_loads
from fakesaas.core.render.json_bytes import dumps
from fakesaas.simplybook.rpc.errors import INVALID_REQUEST, PARSE_ERROR, WireError

MAX_BATCH = 100  # calls in one batch [INF: JSON-RPC sets no limit; one is needed against floods]
NO_ID = object()  # a call without "id": a notification, which gets no answer


class Unreadable(Exception):
    """A body that is not JSON at all (-32700)."""


def read(body: bytes) -> Any:
    """The JSON value of a request body; Unreadable when it is none (bad UTF-8, bad JSON, or
    nesting too deep to read)."""
    data = quick_loads(body)
    if data is not UNREAD:
        return data
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise Unreadable from None


@dataclass(frozen=True, slots=True)
class Request:
    """One checked call: the method, its raw params, and its id (``NO_ID`` for a notification)."""

    method: str
    params: Any
    id: Any


def check(item: object) -> Request | dict[str, Any]:
    """The call ``item`` makes, or the -32600 answer it gets (with its id when that is readable)."""
    if not isinstance(item, dict):
        return error(None, INVALID_REQUEST, "a call is a JSON object")
    raw_id = item.get("id", NO_ID)
    if raw_id is not NO_ID and (
        isinstance(raw_id, bool) or not isinstance(raw_id, str | int | float | type(None))
    ):
        return error(None, INVALID_REQUEST, "id must be a string, a number or null")
    answer_id = None if raw_id is NO_ID else raw_id
    if item.get("jsonrpc") != "2.0":
        return error(answer_id, INVALID_REQUEST, 'jsonrpc must be "2.0"')
    method = item.get("method")
    if not isinstance(method, str) or not method:
        return error(answer_id, INVALID_REQUEST, "method must be a string")
    params = item.get("params")
    if params is not None and not isinstance(params, list | dict):
        return error(answer_id, INVALID_REQUEST, "params must be an array or an object")
    return Request(method, params, raw_id)


def result(call_id: Any, value: Any) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "result": value, "id": call_id}


def error(call_id: Any, wire: WireError, data: Any = None) -> dict[str, Any]:
    body: dict[str, Any] = {"code": wire.code, "message": wire.message}
    if data is not None:
        body["data"] = data
    return {"jsonrpc": "2.0", "error": body, "id": call_id}


def parse_error(detail: str = "the body is not JSON") -> dict[str, Any]:
    return error(None, PARSE_ERROR, detail)


def write(answer: Any) -> bytes:
    return dumps(answer)
