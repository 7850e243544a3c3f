"""Who may see the dashboard: whoever may steer the control plane (fakesaas/control/guard.py).

No webhook delivery ever; when a control token is set, only a holder of it. A person proves it once,
by the sign-in form or a link with ``?token=``, and the guard's cookie keeps it from then on (the
same cookie lets the page's own calls reach ``/_fakesaas``).
"""

from __future__ import annotations

import hmac
from urllib.parse import urlencode

from flask import Blueprint, Response, redirect, request
from werkzeug.wrappers import Response as AnyResponse

from fakesaas.control import guard
from fakesaas.core.webhooks import DELIVERY_HEADER
from fakesaas.dashboard.context import control_token, render
from fakesaas.http_errors import plain_error

SIGN_IN = "/dashboard/sign-in"
SIGN_OUT = "/dashboard/sign-out"
_OPEN_ENDPOINTS = frozenset({"dashboard.static", "dashboard.sign_in", "dashboard.sign_in_post"})


def admit() -> AnyResponse | None:
    """None to let a dashboard request through, else the answer to give instead."""
    if DELIVERY_HEADER in request.headers:
        # A hook aimed at the dashboard reads no state and signs nobody in (as for /_fakesaas).
        return plain_error(403, "a webhook delivery cannot reach the dashboard")
    token = control_token()
    if not token or request.endpoint in _OPEN_ENDPOINTS:
        return None
    given = request.args.get("token")
    if given is not None:
        if hmac.compare_digest(given.encode(), token.encode()):
            # Into the cookie, and out of the address bar (and so out of history and server logs).
            return guard.remember(redirect(_here_without_token(), 303), token)
        return sign_in_page("That is not the control token.", _here_without_token())
    if guard.holds(token):
        return None
    if wants_html():
        return sign_in_page(None, request.full_path if request.query_string else request.path)
    return plain_error(401, f"the dashboard needs the control token: sign in at {SIGN_IN}")


def wants_html() -> bool:
    """Whether the client prefers HTML to JSON: a browser does, curl (``*/*``) and SDKs do not."""
    accepted = request.accept_mimetypes
    return accepted.best_match(["application/json", "text/html"]) == "text/html" and accepted["text/html"] > 0


def sign_in_page(error: str | None, next_path: str, status: int = 401) -> Response:
    response = render("sign_in.html", "", status=status, bare=True, error=error, next_path=_local(next_path))
    response.headers["WWW-Authenticate"] = 'Bearer realm="fakesaas control"'
    return response


def register(blueprint: Blueprint) -> None:
    @blueprint.get(SIGN_IN)
    def sign_in() -> AnyResponse:
        if not control_token():
            return redirect(_local(request.args.get("next", "/")), 303)
        return sign_in_page(None, request.args.get("next", "/"), status=200)

    @blueprint.post(SIGN_IN)
    def sign_in_post() -> AnyResponse:
        token = control_token()
        target = _local(request.form.get("next", "/"))
        if not token:
            return redirect(target, 303)
        given = request.form.get("token", "")
        if not hmac.compare_digest(given.encode(), token.encode()):
            return sign_in_page("That is not the control token.", target)
        return guard.remember(redirect(target, 303), token)

    @blueprint.post(SIGN_OUT)
    def sign_out() -> AnyResponse:
        return guard.forget(redirect(SIGN_IN if control_token() else "/", 303))


def _here_without_token() -> str:
    kept = [(key, value) for key, value in request.args.items(multi=True) if key != "token"]
    return request.path + (f"?{urlencode(kept)}" if kept else "")


def _local(target: str) -> str:
    """``target`` if it is a path of this server, else ``/``: signing in never sends anyone elsewhere."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target or target.startswith("/\t"):
        return "/"
    return target
