"""Who may steer the emulator: never a webhook delivery, and only a holder of the control token when
one is set (``--control-token``; made up on an exposed emulator). The dashboard asks the same guard."""

from __future__ import annotations

import hmac

from flask import Response, current_app, request
from werkzeug.wrappers import Response as AnyResponse

from fakesaas.core.webhooks import DELIVERY_HEADER
from fakesaas.core.wsgi import REPLAYED
from fakesaas.http_errors import plain_error

TOKEN_HEADER = "X-Fakesaas-Token"
TOKEN_COOKIE = "fakesaas_control_token"


def admit() -> Response | None:
    """None to let a control request through, else the refusal to answer it with."""
    if request.environ.get(REPLAYED):
        # Played again from the durable journal at start, after it was admitted once; the token
        # it carried may be one made up by an earlier run.
        return None
    if DELIVERY_HEADER in request.headers:
        # A hook aimed at the emulator (any address it answers on) must not reset, fault or
        # re-clock it: pinned by tests/control/test_guard.py.
        return plain_error(403, "a webhook delivery cannot steer the control plane")
    token = current_app.extensions["fakesaas.settings"].control_token
    if token and not holds(token):
        response = plain_error(
            401,
            f"the control plane needs its token: send Authorization: Bearer TOKEN or {TOKEN_HEADER}: TOKEN",
        )
        response.headers["WWW-Authenticate"] = 'Bearer realm="fakesaas control"'
        return response
    return None


def remember(response: AnyResponse, token: str) -> AnyResponse:
    """Keep ``token`` in the browser that signed in: a cookie scripts cannot read (HttpOnly) and that
    no other site's page or form sends along (SameSite=Strict), so the dashboard's own requests to
    the control plane carry it and nobody else's do."""
    response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="Strict", secure=request.is_secure)
    return response


def forget(response: AnyResponse) -> AnyResponse:
    response.delete_cookie(TOKEN_COOKIE, httponly=True, samesite="Strict", secure=request.is_secure)
    return response


def holds(token: str) -> bool:
    """Whether the current request carries ``token`` (header, bearer or the dashboard's cookie)."""
    given = request.headers.get(TOKEN_HEADER) or request.cookies.get(TOKEN_COOKIE) or ""
    authorization = request.headers.get("Authorization", "")
    if not given and authorization[:7].lower() == "bearer ":
        given = authorization[7:].strip()
    return hmac.compare_digest(given.encode(), token.encode())
