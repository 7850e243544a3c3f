"""Browsers on other origins: CORS on every emulated API, and a control plane no web page can steer.

SuperSaaS documents its MD5 checksum for "an AJAX call to be performed by the browser", and SimplyBook.me
its JSON-RPC client for "client side code": both are cross-origin calls, most of them preflighted.

- Under a service's prefix, a preflight (``OPTIONS`` with ``Access-Control-Request-Method``) is answered
  204 here, before fault rules, rate limits and the journal see it; every other answer, errors and
  fault answers included, carries ``Access-Control-Allow-Origin`` and exposes the headers a client
  needs (``Service.cors_exposed``: SuperSaaS's ``location``, ``Retry-After`` on 429).
- The control plane (and the dashboard) answer no CORS at all, refuse a request whose ``Origin`` is
  not their own (a simple cross-origin POST, which browsers send without a preflight) and a ``Host``
  that is neither the address served nor a loopback name (DNS rebinding).
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import Flask, Response

from fakesaas.core.flask_globals import current_request
from fakesaas.core.service import Registry
from fakesaas.core.targets import is_loopback
from fakesaas.core.wsgi import PREFLIGHT
from fakesaas.http_errors import plain_error

MAX_AGE = "600"  # seconds a browser may keep a preflight's answer
ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS"
ALWAYS_EXPOSED = ("Retry-After", "Location")
# The emulator's own steering and pages, guarded against other origins (and never CORS-enabled).
GUARDED_PREFIX = "/_fakesaas"
GUARDED_BLUEPRINTS = frozenset({"control", "dashboard"})


@dataclass(frozen=True, slots=True)
class CorsPolicy:
    """``origins``: ``*`` (any, the default for a local emulator) or patterns (``http://localhost:*``)."""

    enabled: bool = True
    origins: tuple[str, ...] = ("*",)

    @classmethod
    def parse(cls, text: str | None, enabled: bool = True) -> CorsPolicy:
        if not enabled:
            return cls(False, ())
        if text is None or text.strip() in ("", "*"):
            return cls(True, ("*",))
        return cls(True, tuple(part.strip().rstrip("/") for part in text.split(",") if part.strip()))

    def allows(self, origin: str) -> bool:
        return self.enabled and (
            "*" in self.origins or any(fnmatch.fnmatchcase(origin, p) for p in self.origins)
        )


def install(app: Flask, services: Registry, policy: CorsPolicy, served_host: str) -> None:
    """Hooks that run before all others (preflights are answered before fault rules see them)."""
    loopback_only = is_loopback(served_host)

    def preflight() -> Response | None:
        incoming = current_request()
        path = incoming.path
        if path.startswith(GUARDED_PREFIX) or incoming.blueprint in GUARDED_BLUEPRINTS:
            return _guard(loopback_only)
        if not policy.enabled or incoming.method != "OPTIONS":
            return None
        if "Access-Control-Request-Method" not in incoming.headers or services.owner(path) is None:
            return None
        incoming.environ[PREFLIGHT] = True
        origin = incoming.headers.get("Origin", "")
        response = Response(status=204)
        if policy.allows(origin):
            response.headers["Access-Control-Allow-Origin"] = _allowed(policy, origin)
            response.headers["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            requested = incoming.headers.get("Access-Control-Request-Headers")
            if requested:
                response.headers["Access-Control-Allow-Headers"] = requested
            response.headers["Access-Control-Max-Age"] = MAX_AGE
            if "*" not in policy.origins:
                response.headers["Access-Control-Allow-Credentials"] = "true"
        response.headers["Vary"] = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"
        return response

    def headers(response: Response) -> Response:
        if not policy.enabled:
            return response
        incoming = current_request()
        environ = incoming.environ  # read directly: werkzeug's header view costs more per read
        origin = environ.get("HTTP_ORIGIN")
        if origin is None or PREFLIGHT in environ:
            return response
        owner = services.owner(incoming.path)
        if owner is None or not policy.allows(origin):
            return response
        response.headers["Access-Control-Allow-Origin"] = _allowed(policy, origin)
        if "*" not in policy.origins:
            response.headers["Access-Control-Allow-Credentials"] = "true"
        exposed = dict.fromkeys((*ALWAYS_EXPOSED, *owner.cors_exposed))
        response.headers["Access-Control-Expose-Headers"] = ", ".join(exposed)
        response.vary.add("Origin")
        return response

    # First in line: before the fault hooks (installed with the control plane) and the services' own.
    app.before_request_funcs.setdefault(None, []).insert(0, preflight)
    app.after_request_funcs.setdefault(None, []).append(headers)


def _allowed(policy: CorsPolicy, origin: str) -> str:
    return "*" if "*" in policy.origins else origin


def _guard(loopback_only: bool) -> Response | None:
    """Refuse a request to the control plane from another origin, or, on an emulator served on
    loopback, under a Host name that is not a loopback one (a DNS-rebinding page). An emulator served
    on another address has its control token for that (fakesaas/control/guard.py)."""
    incoming = current_request()
    host = incoming.host
    if loopback_only and not is_loopback(_host_name(host)):
        return plain_error(403, f"the control plane answers only to loopback names, not Host {host!r}")
    origin = incoming.headers.get("Origin")
    if origin is None:
        return None
    if origin == "null" or urlsplit(origin).netloc.lower() != host.lower():
        return plain_error(403, f"the control plane cannot be steered from another origin ({origin})")
    return None


def _host_name(host: str) -> str:
    """``127.0.0.1`` of ``127.0.0.1:8080``, ``::1`` of ``[::1]:8080``."""
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host
