"""Who may steer the emulator: never a webhook delivery, and only a holder of the control token when
one is set (``--control-token``; made up on an exposed emulator). The dashboard asks the same guard."""

from __future__ import annotations

import hmac

from flask import Response, current_app, request

from fakesaas.core.webhooks import DELIVERY_HEADER
from fakesaas.http_errors import plain_error

TOKEN_HEADER = "X-Fakesaas-Token"
TOKEN_COOKIE = "fakesaas_control_token"


def admit() -> Response | None:
    """None to let a control request through, else the refusal to answer it with."""
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


def holds(token: str) -> bool:
    """Whether the current request carries ``token`` (header, bearer or the dashboard's cookie)."""
    given = request.headers.get(TOKEN_HEADER) or request.cookies.get(TOKEN_COOKIE) or ""
    authorization = request.headers.get("Authorization", "")
    if not given and authorization[:7].lower() == "bearer ":
        given = authorization[7:].strip()
    return hmac.compare_digest(given.encode(), token.encode())
