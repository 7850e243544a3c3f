"""Routes for /seasons, and an event's choice between its own and its season's object status."""

from __future__ import annotations

from flask import Blueprint, Response

from fakesaas.seatsio.domain import seasons, statuses
from fakesaas.seatsio.domain.statuses import ChangeKind, StatusRequest
from fakesaas.seatsio.http import body, context
from fakesaas.seatsio.http.requests import (
    PARTIAL_SEASON,
    SEASON_CREATE,
    SEASON_EVENTS,
    SEASON_OBJECTS,
    event_spec,
    object_refs,
)
from fakesaas.seatsio.http.responses import json_response, no_content
from fakesaas.seatsio.http.views import event_json


def register(blueprint: Blueprint) -> None:
    @blueprint.route("/seasons", methods=["POST"])
    def seasons_create() -> Response:
        data = body.read_object(SEASON_CREATE)
        spec = event_spec({**data, "eventKey": data.get("key")})
        with context.domain() as scope:
            created = seasons.create_season(
                scope,
                data["chartKey"],
                spec,
                data.get("eventKeys") or [],
                data.get("numberOfEvents") or 0,
                data.get("forSalePropagated"),
            )
            return json_response(event_json(scope, created), 201)

    @blueprint.route("/seasons/<path:key>/actions/create-events", methods=["POST"])
    def seasons_create_events(key: str) -> Response:
        data = body.read_object(SEASON_EVENTS)
        with context.domain() as scope:
            created = seasons.create_events(
                scope, key, data.get("eventKeys") or [], data.get("numberOfEvents") or 0
            )
            return json_response({"events": [event_json(scope, event) for event in created]}, 201)

    @blueprint.route("/seasons/<path:key>/partial-seasons", methods=["POST"])
    def seasons_create_partial_season(key: str) -> Response:
        data = body.read_object(PARTIAL_SEASON)
        with context.domain() as scope:
            partial = seasons.create_partial_season(
                scope, key, data.get("key"), data.get("name"), data.get("eventKeys") or []
            )
            return json_response(event_json(scope, partial), 201)

    @blueprint.route(
        "/seasons/<path:key>/partial-seasons/<path:partial>/actions/add-events", methods=["POST"]
    )
    def seasons_add_events(key: str, partial: str) -> Response:
        data = body.read_object(SEASON_EVENTS)
        with context.domain() as scope:
            found = seasons.add_events(scope, key, partial, data.get("eventKeys") or [])
            return json_response(event_json(scope, found))

    @blueprint.route(
        "/seasons/<path:key>/partial-seasons/<path:partial>/events/<path:event>", methods=["DELETE"]
    )
    def seasons_remove_event(key: str, partial: str, event: str) -> Response:
        with context.domain() as scope:
            found = seasons.remove_event(scope, key, partial, event)
            return json_response(event_json(scope, found))

    @blueprint.route(
        "/events/<path:key>/actions/<any('override-season-status', 'use-season-status'):action>",
        methods=["POST"],
    )
    def seasons_object_status(key: str, action: str) -> Response:
        data = body.read_object(SEASON_OBJECTS)
        kind = (
            ChangeKind.OVERRIDE_SEASON_STATUS
            if action == "override-season-status"
            else ChangeKind.USE_SEASON_STATUS
        )
        change = StatusRequest(kind, (key,), object_refs(data["objects"]), season=data.get("season"))
        with context.domain() as scope:
            statuses.change(scope, [change], context.origin())
        return no_content()
