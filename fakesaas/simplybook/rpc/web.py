"""The Flask side: one view per service URL (POST runs calls, GET describes the service), the
contract at /simplybook/openrpc.json, and errors in the service's shape for everything else under
/simplybook."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from flask import Flask, Response, current_app, request
from werkzeug.exceptions import HTTPException

from fakesaas.core.flask_globals import current_app_object, current_request
from fakesaas.core.service import World
from fakesaas.core.wsgi import host_url
from fakesaas.lean_flask import bytes_response
from fakesaas.simplybook.domain.companies import Simplybook
from fakesaas.simplybook.rpc import protocol
from fakesaas.simplybook.rpc.describe import PREFIX, smd
from fakesaas.simplybook.rpc.dispatch import Caller, Dispatcher, header
from fakesaas.simplybook.rpc.errors import (
    INTERNAL_ERROR,
    INVALID_REQUEST,
    METHOD_NOT_FOUND,
    SERVER_ERROR,
    WireError,
)
from fakesaas.simplybook.rpc.registry import Endpoint

JSON_TYPE = "application/json; charset=utf-8"
# Browsers call the API from the business's own site (the official JS client): the emulator's
# CORS (fakesaas/cors.py, for every service alike) answers their preflights and marks the answers.
METHODS = ["GET", "POST"]
# A fault or HTTP refusal as a client sees it: SimplyBook's application answers its own refusals
# and failures in the JSON-RPC error member with HTTP 200; anything else (rate limits, gateways,
# too large bodies, unknown paths) keeps its HTTP status, with a JSON-RPC error body.
IN_BAND: dict[int, WireError] = {
    400: INVALID_REQUEST,
    401: WireError(-32600, "Access denied"),
    403: WireError(-32600, "Access denied"),
    500: INTERNAL_ERROR,
}
OUT_OF_BAND: dict[int, WireError] = {
    404: METHOD_NOT_FOUND,
    405: INVALID_REQUEST,
    413: INVALID_REQUEST,
}


def json_response(body: bytes | None, status: int = 200) -> Response:
    if body is None:
        return Response(b"", status=status)
    return bytes_response(body, status, JSON_TYPE)


def error_response(status: int, message: str) -> Response:
    """An error in the JSON-RPC shape for the current request, as ``render_error`` needs it."""
    wire = IN_BAND.get(status)
    http_status = 200 if wire is not None else status
    wire = wire or OUT_OF_BAND.get(status) or (INTERNAL_ERROR if status >= 500 else SERVER_ERROR)
    answer = protocol.error(_request_id(), wire, message)
    return json_response(protocol.write(answer), http_status)


def _request_id() -> Any:
    """The id of the call being answered, when its body is one readable call."""
    try:
        limit = current_app.config.get("MAX_CONTENT_LENGTH") or 1 << 20
        if request.method != "POST" or (request.content_length or 0) > limit:
            return None
        parsed = json.loads(request.get_data(cache=True) or b"null")
    except (ValueError, HTTPException, RuntimeError):
        return None
    if isinstance(parsed, dict):
        value = parsed.get("id")
        return value if isinstance(value, str | int | float) and not isinstance(value, bool) else None
    return None


def register(app: Flask, dispatcher: Dispatcher, name: str, contract: Callable[[], bytes]) -> None:
    """Mount the three services and the contract. Other paths and methods under /simplybook are
    the app's 404 and 405, which it answers through ``render_error``."""
    for endpoint in Endpoint:
        view = _service_view(endpoint, dispatcher, name)
        paths = {PREFIX + endpoint.path, (PREFIX + endpoint.path).rstrip("/") or PREFIX}
        paths |= {path.rstrip("/") + "/" for path in paths}
        for path in sorted(paths):
            app.add_url_rule(
                path, f"simplybook_{endpoint.value}", view, methods=METHODS, strict_slashes=False
            )

    def openrpc() -> Response:
        return json_response(contract())

    app.add_url_rule(f"{PREFIX}/openrpc.json", "simplybook_openrpc", openrpc, methods=["GET"])


def _service_view(endpoint: Endpoint, dispatcher: Dispatcher, name: str) -> Callable[[], Response]:
    def view() -> Response:
        incoming = current_request()  # once, and without the proxy (fakesaas/core/flask_globals.py)
        if incoming.method == "GET":
            return json_response(protocol.write(smd(dispatcher.table, endpoint)))
        try:
            body = incoming.get_data(cache=True)
        except HTTPException as refused:
            return error_response(refused.code or 400, f"{refused.name}: the body could not be read")
        world: World = current_app_object().extensions["fakesaas"]
        state: Simplybook = world.state(name)
        environ = incoming.environ  # headers read from it: werkzeug's header view costs more per read
        token_header = "HTTP_X_USER_TOKEN" if endpoint is Endpoint.ADMIN else "HTTP_X_TOKEN"
        caller = Caller(
            endpoint,
            header(environ, "HTTP_X_COMPANY_LOGIN"),
            header(environ, token_header),
            host_url(incoming).rstrip("/"),
        )
        answer = dispatcher.answer(body, caller, state, world.lock, world.clock.now)
        return json_response(answer.body, answer.status)

    view.__name__ = f"simplybook_{endpoint.value}"
    return view
