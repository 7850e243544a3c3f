"""Routes for /charts: create, read, list, edit, versions, copies, tags, archive, categories."""

from __future__ import annotations

import struct
import zlib
from typing import Any

from flask import Blueprint, Response, request

from fakesaas.seatsio import present
from fakesaas.seatsio.domain import catalog
from fakesaas.seatsio.domain.catalog import ChartQuery
from fakesaas.seatsio.domain.charts import Chart, validation
from fakesaas.seatsio.domain.state import Scope
from fakesaas.seatsio.http import body, context
from fakesaas.seatsio.http.params import expand, page_request
from fakesaas.seatsio.http.requests import CATEGORY, CATEGORY_UPDATE, CHART
from fakesaas.seatsio.http.responses import base_url, json_response, no_content, png
from fakesaas.seatsio.http.views import event_json


def _png() -> bytes:
    """A 1x1 grey PNG: the thumbnails (the SDK tests only look for the PNG signature)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xc0"))
        + chunk(b"IEND", b"")
    )


THUMBNAIL = _png()


def _chart(scope: Scope, found: Chart, wanted: set[str], zones: bool) -> dict[str, Any]:
    events = None
    if "events" in wanted:
        events = [event_json(scope, event) for event in catalog.events_of(scope, found.key)]
    return present.chart(
        found,
        base_url(),
        events=events,
        validation=validation(found.published) if "validation" in wanted else None,
        venue_type="venueType" in wanted,
        zones=zones,
    )


def register(blueprint: Blueprint) -> None:
    @blueprint.route("/charts", methods=["POST"])
    def charts_create() -> Response:
        data = body.read_object(CHART)
        with context.domain() as scope:
            found = catalog.create_chart(
                scope, data.get("name"), data.get("venueType"), data.get("categories")
            )
            return json_response(_chart(scope, found, set(), zones=True), 201)

    @blueprint.route("/charts", methods=["GET"])
    def charts_list() -> Response:
        return _listing(None)

    @blueprint.route("/charts/archive", methods=["GET"])
    def charts_archive() -> Response:
        return _listing(True)

    def _listing(archived: bool | None) -> Response:
        query = ChartQuery(request.args.get("filter") or None, request.args.get("tag") or None, archived)
        wanted = expand()
        with context.domain() as scope:
            found = catalog.list_charts(scope, query, page_request())
            return json_response(
                present.page(found, lambda c: _chart(scope, c, wanted, zones="zones" in wanted))
            )

    @blueprint.route("/charts/tags", methods=["GET"])
    def charts_tags() -> Response:
        with context.domain() as scope:
            return json_response({"tags": catalog.all_tags(scope)})

    @blueprint.route("/charts/<path:key>", methods=["GET"])
    def charts_retrieve(key: str) -> Response:
        wanted = expand()
        with context.domain() as scope:
            return json_response(_chart(scope, catalog.chart(scope, key), wanted, zones=True))

    @blueprint.route("/charts/<path:key>", methods=["POST"])
    def charts_update(key: str) -> Response:
        data = body.read_object(CHART)
        with context.domain() as scope:
            catalog.update_chart(scope, key, data.get("name"), data.get("categories"))
        return no_content()

    @blueprint.route("/charts/<path:key>/version/<any('published', 'draft'):which>", methods=["GET"])
    def charts_version(key: str, which: str) -> Response:
        with context.domain() as scope:
            return json_response(catalog.version(scope, key, which == "draft").drawing)

    @blueprint.route(
        "/charts/<path:key>/version/<any('published', 'draft'):which>/thumbnail", methods=["GET"]
    )
    def charts_thumbnail(key: str, which: str) -> Response:
        with context.domain() as scope:
            catalog.version(scope, key, which == "draft")
        return png(THUMBNAIL)

    @blueprint.route("/charts/<path:key>/version/draft/actions/publish", methods=["POST"])
    def charts_publish_draft(key: str) -> Response:
        with context.domain() as scope:
            catalog.publish_draft(scope, key)
        return no_content()

    @blueprint.route("/charts/<path:key>/version/draft/actions/discard", methods=["POST"])
    def charts_discard_draft(key: str) -> Response:
        with context.domain() as scope:
            catalog.chart(scope, key).discard_draft()
        return no_content()

    @blueprint.route(
        "/charts/<path:key>/version/<any('published', 'draft'):which>/actions/copy", methods=["POST"]
    )
    def charts_copy(key: str, which: str) -> Response:
        with context.domain() as scope:
            found = catalog.copy_chart(scope, key, which == "draft")
            return json_response(_chart(scope, found, set(), zones=True), 201)

    @blueprint.route(
        "/charts/<path:key>/version/published/actions/copy-to-workspace/<path:to_workspace>", methods=["POST"]
    )
    def charts_copy_to_workspace(key: str, to_workspace: str) -> Response:
        with context.domain() as scope:
            found = catalog.copy_to_workspace(scope, key, to_workspace)
            return json_response(_chart(scope, found, set(), zones=True), 201)

    @blueprint.route(
        "/charts/<path:key>/version/published/actions/copy/from/<path:from_workspace>/to/<path:to_workspace>",
        methods=["POST"],
    )
    def charts_copy_between_workspaces(key: str, from_workspace: str, to_workspace: str) -> Response:
        with context.domain() as scope:
            found = catalog.copy_to_workspace(scope, key, to_workspace, from_workspace)
            return json_response(_chart(scope, found, set(), zones=True), 201)

    @blueprint.route(
        "/charts/<path:key>/version/<any('published', 'draft'):which>/actions/validate", methods=["POST"]
    )
    def charts_validate(key: str, which: str) -> Response:
        with context.domain() as scope:
            return json_response(catalog.validate(scope, key, which == "draft"))

    @blueprint.route(
        "/charts/<path:key>/actions/<any('move-to-archive', 'move-out-of-archive'):action>", methods=["POST"]
    )
    def charts_archive_action(key: str, action: str) -> Response:
        with context.domain() as scope:
            catalog.set_archived(scope, key, action == "move-to-archive")
        return no_content()

    @blueprint.route("/charts/<path:key>/tags/<path:tag>", methods=["POST"])
    def charts_add_tag(key: str, tag: str) -> Response:
        with context.domain() as scope:
            catalog.chart(scope, key).add_tag(tag)
        return no_content()

    @blueprint.route("/charts/<path:key>/tags/<path:tag>", methods=["DELETE"])
    def charts_remove_tag(key: str, tag: str) -> Response:
        with context.domain() as scope:
            catalog.chart(scope, key).remove_tag(tag)
        return no_content()

    @blueprint.route("/charts/<path:key>/categories", methods=["GET"])
    def charts_categories(key: str) -> Response:
        with context.domain() as scope:
            return json_response({"categories": catalog.chart(scope, key).categories()})

    @blueprint.route("/charts/<path:key>/categories", methods=["POST"])
    def charts_add_category(key: str) -> Response:
        data = body.read_object(CATEGORY)
        with context.domain() as scope:
            catalog.chart(scope, key).add_category(data)
        return no_content()

    @blueprint.route("/charts/<path:key>/categories/<path:category>", methods=["POST"])
    def charts_update_category(key: str, category: str) -> Response:
        data = body.read_object(CATEGORY_UPDATE)
        with context.domain() as scope:
            catalog.chart(scope, key).update_category(
                category, data.get("label"), data.get("color"), data.get("accessible")
            )
        return no_content()

    @blueprint.route("/charts/<path:key>/categories/<path:category>", methods=["DELETE"])
    def charts_remove_category(key: str, category: str) -> Response:
        with context.domain() as scope:
            catalog.chart(scope, key).remove_category(category)
        return no_content()
