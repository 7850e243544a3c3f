"""Routes for /api/schedules: the account's schedules by id and name."""

from __future__ import annotations

from flask import Blueprint, Response

from fakesaas.supersaas import present
from fakesaas.supersaas.domain.catalog import list_schedules
from fakesaas.supersaas.http.context import domain
from fakesaas.supersaas.http.responses import document
from fakesaas.supersaas.http.routes import api_route


def register(blueprint: Blueprint) -> None:
    @api_route(blueprint, "/schedules", methods=["GET"])
    def schedules_index() -> Response:
        with domain() as ctx:
            return document(present.schedules(list_schedules(ctx)))
