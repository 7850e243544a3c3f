"""Around every emulated request: rate limits and fault rules first, the journal last.

Both ask the service that owns the path: who the caller is (``Service.caller``) and how its errors
look (``Service.render_error``). Paths no service owns (the docs pages, the control plane) get no
faults; the control plane and the docs pages are not journaled.
"""

from __future__ import annotations

import time
from typing import Any

from flask import Flask, Request, Response
from werkzeug.exceptions import HTTPException

from fakesaas.core.faults import FaultAction
from fakesaas.core.flask_globals import current_request
from fakesaas.core.journal import BODY_LIMIT
from fakesaas.core.routing import closest_routes
from fakesaas.core.service import Registry, Service
from fakesaas.core.world import World
from fakesaas.core.wsgi import ANSWERED_BY_FAULT, DROP_KEY, HEADER_KEYS, PREFLIGHT, has_body, has_form

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
# Requests of the emulator's own pages, never of an emulated API: not journaled.
_OWN_BLUEPRINTS = frozenset({"openapi_docs", "dashboard"})
STARTED = "fakesaas.started"  # in a request's environ: when the hooks first saw it (perf_counter)


def install(app: Flask, prefix: str, services: Registry) -> None:
    # Read from ``app`` itself: each look-up through Flask's proxies (``current_app``, ``request``,
    # ``g``) costs as much as a few dozen plain attribute reads, and these hooks run on every request.
    def world() -> World:
        return app.extensions["fakesaas"]  # type: ignore[no-any-return]

    @app.before_request
    def _inject_faults() -> Response | None:
        incoming = current_request()
        incoming.environ[STARTED] = time.perf_counter()
        faults = world().faults
        if faults.idle:
            return None
        owner = services.owner(incoming.path)
        if owner is None:
            return None
        account = owner.caller(incoming)
        wait = faults.throttle(owner.name, account)
        if wait is not None:
            incoming.environ[ANSWERED_BY_FAULT] = True
            return _throttled(owner, wait, "Too many requests: the account's rate limit is exceeded")
        rule = faults.fire(incoming.method, incoming.path, account, owner.name)
        if rule is None:
            return None
        if rule.action is FaultAction.LATENCY:
            time.sleep(rule.latency_ms / 1000)
            return None
        # The service never sees the request: the durable journal (fakesaas/durable.py) skips it.
        incoming.environ[ANSWERED_BY_FAULT] = True
        if rule.action is FaultAction.THROTTLE:
            return _throttled(owner, rule.retry_after, "Too many requests (injected fault)")
        if rule.action is FaultAction.DROP:
            # Closed unanswered by the WSGI layer around the app (fakesaas/core/wsgi.py: DropConnection).
            incoming.environ[DROP_KEY] = True
            return Response(b"", status=500)
        title = _STATUS_TITLES.get(rule.status, "Error")
        return owner.render_error(rule.status, f"{title} (injected fault {rule.id})")

    @app.after_request
    def _journal(response: Response) -> Response:
        incoming = current_request()
        path = incoming.path
        environ = incoming.environ
        if path.startswith(prefix) or PREFLIGHT in environ or path == "/favicon.ico":
            return response  # the control plane, or a browser's CORS preflight: not a call of the API
        url_rule = incoming.url_rule
        hints: tuple[str, ...] = ()
        if url_rule is None:
            matched = None
            hints = tuple(closest_routes(_rules(app), incoming.method, path))
        elif url_rule.endpoint.partition(".")[0] in _OWN_BLUEPRINTS:
            return response
        else:
            matched = url_rule.rule
        owner = services.owner(path)
        started = environ.get(STARTED) or time.perf_counter()
        state = world()
        state.journal.record(
            at=state.clock.now(),
            method=incoming.method,
            path=path,
            query=incoming.query_string.decode("latin-1"),
            body=_body_text(incoming, app.config.get("MAX_CONTENT_LENGTH")) if has_body(environ) else "",
            status=response.status_code,
            duration_ms=round((time.perf_counter() - started) * 1000, 3),
            route=matched,
            service=owner.name if owner is not None else None,
            account=owner.caller(incoming) if owner is not None else None,
            hints=hints,
            environ_headers=_headers(environ),
            response_start=_response_start(response),
        )
        return response


def _rules(app: Flask) -> list[tuple[str, set[str]]]:
    return [
        (rule.rule, rule.methods or set()) for rule in app.url_map.iter_rules() if rule.endpoint != "static"
    ]


def _body_text(incoming: Request, limit: int | None) -> str:
    """The body as text for the journal; one too large to read is named, not kept."""
    read: bytes | None = getattr(incoming, "body_read", None)  # read by the service (lean_flask.py)
    if read is not None and not has_form(incoming):
        return read.decode(errors="replace")
    length = incoming.content_length or 0
    if limit is not None and length > limit:
        return f"<{length} bytes, over the limit: not read>"
    try:
        if has_form(incoming) and incoming.form:
            return "&".join(f"{key}={value}" for key, value in incoming.form.items(multi=True))
        return incoming.get_data(cache=True, as_text=True)
    except HTTPException:  # a body the request itself could not read (too large, cut off)
        return "<unreadable body>"


def _headers(environ: dict[str, Any]) -> list[tuple[str, str]]:
    """The request's headers as the WSGI environment holds them (``HTTP_USER_AGENT``); the journal
    names them (``User-Agent``) and redacts credentials when an entry is read."""
    keys = environ.get(HEADER_KEYS)
    if keys is None:
        found = [(key, value) for key, value in environ.items() if key.startswith("HTTP_")]
    else:  # named by the server: a handful of keys rather than a scan of the whole environ
        found = [(key, environ[key]) for key in keys if key in environ]
    for key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
        if environ.get(key):
            found.append((key, str(environ[key])))
    return found


def _response_start(response: Response) -> bytes:
    """The start of the answer's body (a streamed answer is not read)."""
    if response.direct_passthrough:
        return b""
    body = response.response
    if type(body) is list and len(body) == 1 and type(body[0]) is bytes:
        return body[0][:BODY_LIMIT]  # what nearly every answer is: one piece, already encoded
    if response.is_streamed:
        return b""
    return response.get_data()[:BODY_LIMIT]


def _throttled(owner: Service, retry_after: int, message: str) -> Response:
    response = owner.render_error(429, message)
    response.headers["Retry-After"] = str(retry_after)
    return response
