"""Routes for the information API: resources, field lists, groups and super forms; and the ping."""

from __future__ import annotations

from flask import Blueprint, Response

from fakesaas.supersaas import present
from fakesaas.supersaas.domain import catalog
from fakesaas.supersaas.http.context import domain, params
from fakesaas.supersaas.http.responses import document, empty
from fakesaas.supersaas.http.routes import api_route


def register(blueprint: Blueprint) -> None:
    @api_route(blueprint, "/resources", methods=["GET"])
    def resources_index() -> Response:
        with domain() as ctx:
            return document(present.resources(catalog.resources(ctx, params().scalar("schedule_id"))))

    @api_route(blueprint, "/field_list", methods=["GET"])
    def field_list_index() -> Response:
        with domain() as ctx:
            return document(present.field_list(catalog.field_list(ctx, params().scalar("schedule_id"))))

    @api_route(blueprint, "/groups", methods=["GET"])
    def groups_index() -> Response:
        with domain() as ctx:
            return document(present.groups(catalog.groups(ctx)))

    @api_route(blueprint, "/super_forms", methods=["GET"])
    def super_forms_index() -> Response:
        with domain() as ctx:
            return document(present.super_forms(catalog.super_forms(ctx)))

    @api_route(blueprint, "/ping", methods=["GET"])
    def ping_index() -> Response:
        """The official n8n node tests credentials with ``GET /api/ping``: 200 when they hold (the
        request pipeline has authenticated the caller by now), 401/403 when not."""
        return empty()
