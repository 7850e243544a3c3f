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
    content_type = request.headers.get("Content-Type", "")
    g.format = choose_format(request.path, request.headers.get("Accept", ""), content_type)
    with_body = has_body(request.environ)
    g.params = collect(
        request.args.items(multi=True),
        request.form.items(multi=True) if with_body else (),
        request.get_data(cache=True) if with_body else b"",
        content_type,
    )
    schedule_ref = (request.view_args or {}).get("schedule_id") or g.params.get("schedule_id")
    g.principal = authenticate(context.backend(), request.authorization, g.params, schedule_ref)
