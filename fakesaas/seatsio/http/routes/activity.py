"""Routes for /event-log and /ticket-buyers."""

from __future__ import annotations

from flask import Blueprint, Response

from fakesaas.seatsio import present
from fakesaas.seatsio.domain import activity
from fakesaas.seatsio.http import body, context
from fakesaas.seatsio.http.params import page_request
from fakesaas.seatsio.http.requests import TICKET_BUYERS
from fakesaas.seatsio.http.responses import json_response


def register(blueprint: Blueprint) -> None:
    @blueprint.route("/event-log", methods=["GET"])
    def event_log_list() -> Response:
        with context.domain() as scope:
            return json_response(present.page(activity.event_log(scope, page_request()), present.log_entry))

    @blueprint.route("/ticket-buyers", methods=["GET"])
    def ticket_buyers_list() -> Response:
        """A page of ids; the cursors are numbers, as the SDK pages by ``int(...)``."""
        with context.domain() as scope:
            found = activity.ticket_buyers(scope, page_request())
            return json_response(present.page(found, lambda item: item[1]))  # type: ignore[arg-type,return-value]

    @blueprint.route("/ticket-buyers", methods=["POST"])
    def ticket_buyers_add() -> Response:
        ids = body.read_object(TICKET_BUYERS)["ids"]
        with context.domain() as scope:
            change = activity.add_ticket_buyers(scope, ids)
            return json_response({"added": change.done, "alreadyPresent": change.skipped})

    @blueprint.route("/ticket-buyers", methods=["DELETE"])
    def ticket_buyers_remove() -> Response:
        ids = body.read_object(TICKET_BUYERS)["ids"]
        with context.domain() as scope:
            change = activity.remove_ticket_buyers(scope, ids)
            return json_response({"removed": change.done, "notPresent": change.skipped})
