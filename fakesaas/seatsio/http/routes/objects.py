"""Routes for what happens to objects: status changes (group, batch, per event, best available),
object infos, extra data and status-change history."""

from __future__ import annotations

from flask import Blueprint, Response, request

from fakesaas.core.flask_globals import current_request
from fakesaas.seatsio import present
from fakesaas.seatsio.domain import best_available, programme, statuses
from fakesaas.seatsio.domain.errors import InvalidRequest, ObjectNotFound
from fakesaas.seatsio.domain.events import describe
from fakesaas.seatsio.domain.history import listing
from fakesaas.seatsio.domain.objects import BOOKED, HELD
from fakesaas.seatsio.domain.pages import paginate
from fakesaas.seatsio.domain.statuses import ChangeKind
from fakesaas.seatsio.http import body, context
from fakesaas.seatsio.http.params import page_request
from fakesaas.seatsio.http.requests import (
    BATCH_CHANGE,
    EVENT_CHANGE,
    EXTRA_DATA,
    EXTRA_DATAS,
    GROUP_CHANGE,
    MAX_OBJECTS,
    best_available_request,
    status_request,
)
from fakesaas.seatsio.http.responses import json_response, no_content

_ACTION_STATUS = {"book": BOOKED, "hold": HELD}


def _expanded() -> bool:
    if "expand" not in current_request().environ.get("QUERY_STRING", ""):
        return False  # most calls: no need to parse the query
    return "objects" in {part for value in request.args.getlist("expand") for part in value.split(",")}


def register(blueprint: Blueprint) -> None:
    @blueprint.route("/events/groups/actions/change-object-status", methods=["POST"])
    def objects_change_status() -> Response:
        """What the SDK's book, hold, release and change_object_status call, for one or many events."""
        data = body.read_object(GROUP_CHANGE)
        change = status_request(data, tuple(data["events"]))
        with context.domain() as scope:
            outcome = statuses.change(scope, [change], context.origin())[0]
            if not _expanded():
                return no_content()
            return json_response({"objects": present.object_infos(outcome.objects.values())})

    @blueprint.route("/events/actions/change-object-status", methods=["POST"])
    def objects_change_status_in_batch() -> Response:
        data = body.read_object(BATCH_CHANGE)
        changes = [status_request(item, (item["event"],)) for item in data["statusChanges"]]
        with context.domain() as scope:
            outcomes = statuses.change(scope, changes, context.origin())
            if not _expanded():
                return no_content()
            return json_response(
                {"results": [{"objects": present.object_infos(o.objects.values())} for o in outcomes]}
            )

    @blueprint.route("/events/<path:key>/actions/change-object-status", methods=["POST"])
    def objects_change_status_for_event(key: str) -> Response:
        """Best available when the body asks for it; otherwise the docs' per-event change."""
        data = body.read_object(EVENT_CHANGE)
        with context.domain() as scope:
            if data.get("bestAvailable") is not None:
                result = best_available.change_best_available(
                    scope, key, best_available_request(data), context.origin()
                )
                return json_response(present.best_available(result))
            if not data.get("objects"):
                raise InvalidRequest("#: required key [objects] not found")
            outcome = statuses.change(scope, [status_request(data, (key,))], context.origin())[0]
            return _answer(outcome)

    @blueprint.route("/events/<path:key>/actions/<any('book', 'hold', 'release'):action>", methods=["POST"])
    def objects_action(key: str, action: str) -> Response:
        data = body.read_object(EVENT_CHANGE)
        if not data.get("objects"):
            raise InvalidRequest("#: required key [objects] not found")
        if action == "release":
            data = {**data, "type": ChangeKind.RELEASE.value}
        change = status_request(data, (key,), _ACTION_STATUS.get(action))
        with context.domain() as scope:
            outcome = statuses.change(scope, [change], context.origin())[0]
            return _answer(outcome)

    def _answer(outcome: statuses.Outcome) -> Response:
        if not _expanded():
            return no_content()
        return json_response({"objects": present.object_infos(outcome.objects.values())})

    @blueprint.route("/events/<path:key>/objects", methods=["GET"])
    def objects_infos(key: str) -> Response:
        labels = request.args.getlist("label")
        if len(labels) > MAX_OBJECTS:
            raise InvalidRequest(f"At most {MAX_OBJECTS} labels per call, found: {len(labels)}")
        with context.domain() as scope:
            event = programme.event(scope, key)
            layout = statuses.layout_of(scope, event)
            missing = [label for label in labels if label not in layout.objects]
            if missing:
                raise ObjectNotFound(f"Object not found: {', '.join(missing[:10])}")
            infos = [describe(event, layout, layout.objects[label]) for label in dict.fromkeys(labels)]
            return json_response(present.object_infos(infos))

    @blueprint.route("/events/<path:key>/objects/<path:label>/actions/update-extra-data", methods=["POST"])
    def objects_update_extra_data(key: str, label: str) -> Response:
        data = body.read_object(EXTRA_DATA)
        with context.domain() as scope:
            statuses.set_extra_data(scope, key, {label: data.get("extraData")})
        return no_content()

    @blueprint.route("/events/<path:key>/actions/update-extra-data", methods=["POST"])
    def objects_update_extra_datas(key: str) -> Response:
        data = body.read_object(EXTRA_DATAS)
        with context.domain() as scope:
            statuses.set_extra_data(scope, key, data.get("extraData") or {})
        return no_content()

    @blueprint.route("/events/<path:key>/status-changes", methods=["GET"])
    def objects_status_changes(key: str) -> Response:
        with context.domain() as scope:
            event = programme.event(scope, key)
            chosen = listing(event.history.changes, request.args.get("filter"), request.args.get("sort"))
            found = paginate(chosen, lambda change: change.id, page_request())
            layout = statuses.layout_of(scope, event)
            return json_response(
                present.page(found, lambda change: present.status_change(change, event, layout))
            )

    @blueprint.route("/events/<path:key>/objects/<path:label>/status-changes", methods=["GET"])
    def objects_status_changes_for_object(key: str, label: str) -> Response:
        with context.domain() as scope:
            event = programme.event(scope, key)
            chosen = listing(event.history.by_label.get(label, []), None, request.args.get("sort"))
            found = paginate(chosen, lambda change: change.id, page_request())
            layout = statuses.layout_of(scope, event)
            return json_response(
                present.page(found, lambda change: present.status_change(change, event, layout))
            )
