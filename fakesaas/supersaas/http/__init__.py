"""The SuperSaaS HTTP adapter: one blueprint under /api, its request pipeline and error handlers.

Pipeline per request: format (negotiation) -> parameters (every source merged) -> credentials
(auth) -> route (parse, call the domain under the lock, return a document) -> renderer.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

from flask import Blueprint, Flask, Request, Response
from werkzeug.exceptions import HTTPException
from werkzeug.routing import BaseConverter

from fakesaas.core.errors import DomainError, FieldError
from fakesaas.core.flask_globals import current_g, current_request
from fakesaas.core.wsgi import has_body, has_form
from fakesaas.supersaas.domain.accounts import SuperSaas
from fakesaas.supersaas.http import context
from fakesaas.supersaas.http.auth import authenticate, authorization, named_account
from fakesaas.supersaas.http.errors import error_response, status_of
from fakesaas.supersaas.http.negotiation import choose_format
from fakesaas.supersaas.http.params import Params, collect
from fakesaas.supersaas.http.routes import (
    availability,
    bookings,
    forms,
    hooks,
    information,
    reports,
    schedules,
    users,
)

PREFIX = "/api"


class RefConverter(BaseConverter):
    """An id in a path (``123``, ``6789fk``); stops at a dot so ``12.json`` splits off its format."""

    regex = r"[^/.]+"


def create_blueprint() -> Blueprint:
    blueprint = Blueprint("supersaas", __name__, url_prefix=PREFIX)
    blueprint.before_request(_prepare)
    blueprint.register_error_handler(DomainError, _domain_error)
    for module in (schedules, bookings, users, reports, availability, information, forms, hooks):
        module.register(blueprint)
    return blueprint


def register(app: Flask) -> None:
    app.url_map.converters["ref"] = RefConverter
    app.register_blueprint(create_blueprint())


def render_error(status: int, message: str) -> Response:
    """An error answer in this service's shape and the request's format (faults, stray errors)."""
    return error_response(status, [FieldError(message)])


def caller(incoming: Request) -> str | None:
    """The account a request names: the authenticated one, else what its credentials say (HTTP
    Basic, or ``account`` / ``account_name`` in the query, a form or a JSON or XML body)."""
    state = current_g()
    current: context.Call | None = state.__dict__.get("supersaas")
    if current is not None:
        return current.principal.account.name
    try:
        return named_account(authorization(incoming.environ), _params(incoming, state))
    except (DomainError, HTTPException):  # a body that cannot be read names nobody; the route says why
        return None


def _domain_error(error: DomainError) -> Response:
    return error_response(status_of(error), error.details)


def _params(incoming: Request, state: Any) -> Params:
    """The request's parameters, parsed once per request (faults may ask before the route does);
    ``state`` is the request's ``g``."""
    params: Params | None = state.__dict__.get("params")  # getattr would raise and catch when unset
    if params is None:
        environ = incoming.environ
        with_body = has_body(environ)
        if not with_body and not environ.get("QUERY_STRING"):
            params = state.params = Params({})  # most reads: nothing to parse
            return params
        params = collect(
            _query_pairs(incoming) if environ.get("QUERY_STRING") else (),
            incoming.form.items(multi=True) if has_form(incoming) else (),
            incoming.get_data(cache=True) if with_body else b"",
            environ.get("CONTENT_TYPE", ""),
        )
        state.params = params
    return params


def _query_pairs(incoming: Request) -> list[tuple[str, str]]:
    """``request.args.items(multi=True)``, parsed the same way without building the MultiDict."""
    query = incoming.query_string.decode()
    if "%" not in query and "+" not in query:
        # Nothing to unquote (``user=1000001&from=2031-01-06``, what SDKs send for most reads):
        # the split parse_qsl makes, without its per-field unquoting.
        fields = (field.partition("=") for field in query.split("&") if field)
        return [(name, value) for name, _, value in fields]
    return parse_qsl(query, keep_blank_values=True, errors="werkzeug.url_quote")


def _prepare() -> None:
    # Flask's request and g, read once and without their proxies (fakesaas/core/flask_globals.py).
    incoming = current_request()
    state = current_g()
    environ = incoming.environ  # headers read from it: werkzeug's header view costs more per read
    fmt = state.format = choose_format(
        incoming.path, environ.get("HTTP_ACCEPT", ""), environ.get("CONTENT_TYPE", "")
    )
    params = _params(incoming, state)
    view_args = incoming.view_args or {}
    view_args.pop("fmt", None)  # the path's .json or .xml: chosen above; no view takes it
    schedule_ref = view_args.get("schedule_id") or params.get("schedule_id")
    world = context.world()
    backend: SuperSaas = world.state(context.NAME)
    principal = authenticate(backend, authorization(environ), params, schedule_ref)
    state.supersaas = context.Call(fmt, params, principal, world, backend)
