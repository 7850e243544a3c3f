"""The SuperSaaS HTTP adapter: one blueprint under /api, its request pipeline and error handlers.

Pipeline per request: format (negotiation) -> parameters (every source merged) -> credentials
(auth) -> route (parse, call the domain under the lock, return a document) -> renderer.
"""

from __future__ import annotations

from flask import Blueprint, Flask, Response, g, request
from werkzeug.routing import BaseConverter

from fakesaas.core.errors import FieldError
from fakesaas.core.wsgi import has_body
from fakesaas.supersaas.http import context
from fakesaas.supersaas.http.auth import authenticate
from fakesaas.supersaas.http.errors import error_response, register_error_handlers
from fakesaas.supersaas.http.negotiation import choose_format
from fakesaas.supersaas.http.params import collect
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


class RefConverter(BaseConverter):
    """An id in a path (``123``, ``6789fk``); stops at a dot so ``12.json`` splits off its format."""

    regex = r"[^/.]+"


def create_blueprint() -> Blueprint:
    blueprint = Blueprint("supersaas", __name__, url_prefix="/api")
    blueprint.before_request(_prepare)
    blueprint.url_value_preprocessor(lambda endpoint, values: (values or {}).pop("fmt", None))
    for module in (schedules, bookings, users, reports, availability, information, forms, hooks):
        module.register(blueprint)
    return blueprint


def render_error(status: int, message: str) -> Response:
    """An error answer in this service's shape and the request's format (for faults)."""
    return error_response(status, [FieldError(message)])


def register(app: Flask) -> None:
    app.url_map.converters["ref"] = RefConverter
    app.register_blueprint(create_blueprint())
    register_error_handlers(app)


def _prepare() -> None:
    # Each look-up through Flask's ``request`` proxy costs a context-variable read: take the
    # request once, as every call pays for this.
    incoming = request._get_current_object()  # type: ignore[attr-defined]
    headers = incoming.headers
    content_type = headers.get("Content-Type", "")
    chosen = choose_format(incoming.path, headers.get("Accept", ""), content_type)
    with_body = has_body(incoming.environ)
    params = collect(
        incoming.args.items(multi=True),
        incoming.form.items(multi=True) if with_body else (),
        incoming.get_data(cache=True) if with_body else b"",
        content_type,
    )
    schedule_ref = (incoming.view_args or {}).get("schedule_id") or params.get("schedule_id")
    g.format, g.params = chosen, params
    g.principal = authenticate(context.backend(), incoming.authorization, params, schedule_ref)
