"""Routes for /reports/usage: used objects per month, per event and per object (the company admin
key only), and billable renderings."""

from __future__ import annotations

from flask import Blueprint, Response, request

from fakesaas.seatsio import present
from fakesaas.seatsio.domain import usage
from fakesaas.seatsio.domain.errors import InvalidRequest
from fakesaas.seatsio.domain.usage_records import Month
from fakesaas.seatsio.http import context
from fakesaas.seatsio.http.responses import json_response


def register(blueprint: Blueprint) -> None:
    @blueprint.route("/reports/usage", methods=["GET"])
    def usage_summary() -> Response:
        """``version=2`` (what the SDKs ask) adds the cutoff date around the months; without it,
        the months alone (the docs, "Usage summary for all months")."""
        with context.domain() as scope:
            found = usage.summary(scope)
        if request.args.get("version") == "2":
            return json_response(present.usage_summary(found))
        return json_response(present.usage_months(found))

    @blueprint.route("/reports/usage/month/<month>", methods=["GET"])
    def usage_month(month: str) -> Response:
        wanted = Month.parse(month)
        with context.domain() as scope:
            return json_response(present.usage_month(usage.month_details(scope, wanted)))

    @blueprint.route("/reports/usage/month/<month>/event/<event_id>", methods=["GET"])
    def usage_event(month: str, event_id: str) -> Response:
        """By the event's id (a number), not its key (the docs, "Usage details for event in month")."""
        wanted = Month.parse(month)
        try:
            number = int(event_id)
        except ValueError:
            raise InvalidRequest(f"An event id is a number, found: {event_id}") from None
        with context.domain() as scope:
            found = usage.event_details(scope, wanted, number)
            return json_response(present.usage_objects(wanted, found))

    @blueprint.route("/reports/usage/rendering", methods=["GET"])
    def usage_renderings() -> Response:
        with context.domain() as scope:
            return json_response(present.renderings(scope.company.id, usage.renderings(scope)))

    @blueprint.route("/reports/usage/rendering/month/<month>", methods=["GET"])
    def usage_renderings_month(month: str) -> Response:
        wanted = Month.parse(month)
        with context.domain() as scope:
            found = usage.renderings(scope, wanted)
            return json_response(present.renderings_in_month(scope.company.id, wanted, found))

    @blueprint.route("/reports/usage/rendering/month/<month>/chart/<path:chart_key>", methods=["GET"])
    def usage_renderings_chart(month: str, chart_key: str) -> Response:
        wanted = Month.parse(month)
        with context.domain() as scope:
            found = usage.renderings(scope, wanted, chart_key)
            return json_response(present.chart_renderings(chart_key, found))
