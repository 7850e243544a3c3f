"""Around every emulated request: rate limits and fault rules first, the journal last."""

from __future__ import annotations

import contextlib
import socket
import time
from collections.abc import Callable

from flask import Flask, Response, current_app, g, request
from werkzeug.exceptions import HTTPException

from fakesaas.core.faults import FaultAction
from fakesaas.core.routing import closest_routes
from fakesaas.core.world import World
from fakesaas.core.wsgi import has_body

ErrorRenderer = Callable[[int, str], Response]

_STATUS_TITLES = {
    400: "Bad request",
    401: "Not authorised",
    403: "Forbidden",
    404: "Not found",
    422: "Unprocessable entity",
    429: "Too many requests",
    500: "Internal server error",
    502: "Bad gateway",
    503: "Service unavailable",
    504: "Gateway timeout",
}


def install(app: Flask, prefix: str, render_error: ErrorRenderer) -> None:
    def world() -> World:
        return current_app.extensions["fakesaas"]  # type: ignore[no-any-return]

    @app.before_request
    def _inject_faults() -> Response | None:
        g.fakesaas_started = time.perf_counter()
        faults = world().faults
        if faults.idle or request.path.startswith(prefix):
            return None
        account = _account_named()
        wait = faults.throttle(account)
        if wait is not None:
            return _throttled(render_error, wait, "Too many requests: the account's rate limit is exceeded")
        rule = faults.fire(request.method, request.path, account)
        if rule is None:
            return None
        if rule.action is FaultAction.LATENCY:
            time.sleep(rule.latency_ms / 1000)
            return None
        if rule.action is FaultAction.THROTTLE:
            return _throttled(render_error, rule.retry_after, "Too many requests (injected fault)")
        if rule.action is FaultAction.DROP:
            _drop_connection()
            return Response(b"", status=500)  # written into a closed socket: nobody reads it
        title = _STATUS_TITLES.get(rule.status, "Error")
        return render_error(rule.status, f"{title} (injected fault {rule.id})")

    @app.after_request
    def _journal(response: Response) -> Response:
        incoming = request._get_current_object()  # type: ignore[attr-defined]  # once, not per field
        if incoming.path.startswith(prefix):
            return response
        matched = incoming.url_rule.rule if incoming.url_rule is not None else None
        hints: tuple[str, ...] = ()
        if matched is None:
            hints = tuple(closest_routes(_rules(app), incoming.method, incoming.path))
        principal = g.get("principal")
        started = g.get("fakesaas_started", time.perf_counter())
        state = world()
        state.journal.record(
            at=state.clock.now(),
            method=incoming.method,
            path=incoming.path,
            query=incoming.query_string.decode("latin-1"),
            body=_body_text() if has_body(incoming.environ) else "",
            status=response.status_code,
            duration_ms=round((time.perf_counter() - started) * 1000, 3),
            route=matched,
            account=principal.account.name if principal is not None else _account_named(),
            hints=hints,
        )
        return response


def _rules(app: Flask) -> list[tuple[str, set[str]]]:
    return [
        (rule.rule, rule.methods or set()) for rule in app.url_map.iter_rules() if rule.endpoint != "static"
    ]


def _body_text() -> str:
    """The body as text for the journal; one too large to read is named, not kept."""
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    if limit is not None and (request.content_length or 0) > limit:
        return f"<{request.content_length} bytes, over the limit: not read>"
    try:
        if request.form:
            return "&".join(f"{key}={value}" for key, value in request.form.items(multi=True))
        return request.get_data(cache=True, as_text=True)
    except HTTPException:  # a body the request itself could not read (too large, cut off)
        return "<unreadable body>"


def _account_named() -> str | None:
    """The account a request names, read cheaply (before and apart from authentication)."""
    auth = request.authorization
    if auth is not None and auth.type == "basic" and auth.username:
        return auth.username
    return request.args.get("account") or request.args.get("account_name")


def _throttled(render_error: ErrorRenderer, retry_after: int, message: str) -> Response:
    response = render_error(429, message)
    response.headers["Retry-After"] = str(retry_after)
    return response


def _drop_connection() -> None:
    """Close the client's connection without a word, as a crashed or partitioned server would."""
    sock = request.environ.get("werkzeug.socket")
    if isinstance(sock, socket.socket):
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
