"""Routes for /events: create one or many, read, list, update, delete, for-sale settings, moves."""

from __future__ import annotations

from flask import Blueprint, Response

from fakesaas.seatsio import present
from fakesaas.seatsio.domain import catalog, programme
from fakesaas.seatsio.http import body, context
from fakesaas.seatsio.http.params import page_request
from fakesaas.seatsio.http.requests import (
    EVENT_CREATE,
    EVENT_UPDATE,
    EVENTS_CREATE,
    FOR_SALE_EDIT,
    FOR_SALE_EDITS,
    FOR_SALE_MARK,
    event_spec,
    for_sale_edit,
)
from fakesaas.seatsio.http.responses import json_response, no_content
from fakesaas.seatsio.http.views import event_json


def register(blueprint: Blueprint) -> None:
    @blueprint.route("/events", methods=["POST"])
    def events_create() -> Response:
        data = body.read_object(EVENT_CREATE)
        with context.domain() as scope:
            created = programme.create_events(scope, data["chartKey"], [event_spec(data)])[0]
            return json_response(event_json(scope, created), 201)

    @blueprint.route("/events/actions/create-multiple", methods=["POST"])
    def events_create_multiple() -> Response:
        data = body.read_object(EVENTS_CREATE)
        specs = [event_spec(item) for item in data.get("events") or []]
        with context.domain() as scope:
            created = programme.create_events(scope, data["chartKey"], specs)
            return json_response({"events": [event_json(scope, event) for event in created]}, 201)

    @blueprint.route("/events", methods=["GET"])
    def events_list() -> Response:
        with context.domain() as scope:
            found = programme.list_events(scope, page_request())
            return json_response(present.page(found, lambda event: event_json(scope, event)))

    @blueprint.route("/events/<path:key>", methods=["GET"])
    def events_retrieve(key: str) -> Response:
        with context.domain() as scope:
            return json_response(event_json(scope, programme.event(scope, key)))

    @blueprint.route("/events/<path:key>", methods=["POST"])
    def events_update(key: str) -> Response:
        spec = event_spec(body.read_object(EVENT_UPDATE))
        with context.domain() as scope:
            programme.update_event(scope, key, spec)
        return no_content()

    @blueprint.route("/events/<path:key>", methods=["DELETE"])
    def events_delete(key: str) -> Response:
        with context.domain() as scope:
            programme.delete_event(scope, key)
        return no_content()

    @blueprint.route("/events/<path:key>/actions/move-to-new-chart-copy", methods=["POST"])
    def events_move_to_new_chart_copy(key: str) -> Response:
        with context.domain() as scope:
            found = programme.event(scope, key)
            copy = catalog.copy_chart(scope, found.chart_key)
            copy.used = True
            found.chart_key = copy.key
            return json_response(event_json(scope, found))

    # --- for sale ----------------------------------------------------------------------------
    @blueprint.route("/events/<path:key>/actions/edit-for-sale-config", methods=["POST"])
    def events_edit_for_sale_config(key: str) -> Response:
        edit = for_sale_edit(body.read_object(FOR_SALE_EDIT))
        with context.domain() as scope:
            result = programme.edit_for_sale_config(scope, {key: edit})[key]
            return json_response(present.for_sale_result(result))

    @blueprint.route("/events/actions/edit-for-sale-config", methods=["POST"])
    def events_edit_for_sale_configs() -> Response:
        data = body.read_object(FOR_SALE_EDITS)
        edits = {key: for_sale_edit(value or {}) for key, value in data["events"].items()}
        with context.domain() as scope:
            results = programme.edit_for_sale_config(scope, edits)
            return json_response({key: present.for_sale_result(result) for key, result in results.items()})

    @blueprint.route(
        "/events/<path:key>/actions/<any('mark-as-for-sale', 'mark-as-not-for-sale'):action>",
        methods=["POST"],
    )
    def events_mark_for_sale(key: str, action: str) -> Response:
        data = body.read_object(FOR_SALE_MARK)
        with context.domain() as scope:
            programme.replace_for_sale(
                scope,
                key,
                action == "mark-as-for-sale",
                data.get("objects") or [],
                data.get("areaPlaces") or {},
                [str(c) for c in data.get("categories") or []],
            )
        return no_content()

    everything = "any('mark-everything-as-for-sale', 'mark-everything-as-not-for-sale')"

    @blueprint.route(f"/events/<path:key>/actions/<{everything}:action>", methods=["POST"])
    def events_mark_everything(key: str, action: str) -> Response:
        with context.domain() as scope:
            programme.everything_for_sale(scope, key, action == "mark-everything-as-for-sale")
        return no_content()
