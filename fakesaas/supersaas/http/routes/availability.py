"""Route for /api/free: free time on resource schedules, places left in capacity slots."""

from __future__ import annotations

from flask import Blueprint, Response, request

from fakesaas.supersaas import present
from fakesaas.supersaas.domain import queries
from fakesaas.supersaas.http.context import domain, params
from fakesaas.supersaas.http.responses import conditional
from fakesaas.supersaas.http.routes import api_route

DEFAULT_MAXRESULTS = 10  # The docs: "maxresults: Limit the number of returned results. Default is 10."


def register(blueprint: Blueprint) -> None:
    @api_route(blueprint, "/free/<ref:schedule_id>", methods=["GET"])
    def free_index(schedule_id: str) -> Response:
        p = params()
        # "maxresults" is what the docs and four SDKs send; the C# client sends "limit".
        limit = p.count("maxresults", p.count("limit", DEFAULT_MAXRESULTS, minimum=1), minimum=1)
        with domain() as ctx:
            schedule, spaces = queries.free(
                ctx,
                schedule_id,
                p.time("from"),
                p.count("length", 0, minimum=1) or None,
                p.scalar("resource"),
                p.flag("full"),
                limit,
            )
            modified = ctx.account.schedule_modified.get(schedule.id)
            return conditional(present.free_spaces(spaces), modified, request.if_modified_since)
