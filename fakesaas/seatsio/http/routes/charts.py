"""Routes for /charts: create, read, list, edit, versions, copies, tags, archive, categories."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, request

from fakesaas.seatsio import present
from fakesaas.seatsio.domain import catalog
from fakesaas.seatsio.domain.catalog import ChartQuery
from fakesaas.seatsio.domain.charts import Chart
from fakesaas.seatsio.domain.state import Scope
from fakesaas.seatsio.http import body, context
from fakesaas.seatsio.http.params import expand, page_request, positive_int
from fakesaas.seatsio.http.requests import CATEGORY, CATEGORY_UPDATE, CHART
from fakesaas.seatsio.http.responses import base_url, json_response, no_content, png
from fakesaas.seatsio.http.views import event_json


def _chart(
    scope: Scope, found: Chart, wanted: set[str], zones: bool, events_limit: int | None = None
) -> dict[str, Any]:
    events = None
    if "events" in wanted:
        listed = catalog.events_of(scope, found.key)[:events_limit]  # newest first
        events = [event_json(scope, event) for event in listed]
    return present.chart(
        found,
        base_url(),
        events=events,
        validation=(
            present.validation(catalog.published_validation(scope, found)) if "validation" in wanted else None
        ),
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
        # seatsio-js listAllCharts.test.ts: eventsLimit keeps that many of each chart's newest events.
        limit = positive_int("eventsLimit")
        with context.domain() as scope:
            found = catalog.list_charts(scope, query, page_request())
            return json_response(
                present.page(found, lambda c: _chart(scope, c, wanted, "zones" in wanted, limit))
            )

    @blueprint.route("/charts/tags", methods=["GET"])
    def charts_tags() -> Response:
        with context.domain() as scope:
            return json_response({"tags": catalog.all_tags(scope)})

    @blueprint.route("/charts/<path:key>", methods=["GET"])
    def charts_retrieve(key: str) -> Response:
        wanted = expand()
        with context.domain() as scope:
            # seatsio-js retrieveChart.test.ts: a chart read alone tells its venue type unasked.
            return json_response(_chart(scope, catalog.chart(scope, key), wanted | {"venueType"}, zones=True))

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
        """A PNG, as the real API serves (testRetrievePublishedVersionThumbnail looks for its
        signature); the same picture in SVG for a client that asks for image/svg+xml first."""
        wanted = request.accept_mimetypes.best_match(["image/png", "image/svg+xml"], default="image/png")
        with context.domain() as scope:
            version = catalog.version(scope, key, which == "draft")
            if wanted == "image/svg+xml":
                return Response(version.thumbnail_svg(), status=200, content_type="image/svg+xml")
            return png(version.thumbnail_png())

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
            return json_response(present.validation(catalog.validate(scope, key, which == "draft")))

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
            catalog.add_category(scope, key, data)
        return no_content()

    @blueprint.route("/charts/<path:key>/categories/<path:category>", methods=["POST"])
    def charts_update_category(key: str, category: str) -> Response:
        data = body.read_object(CATEGORY_UPDATE)
        with context.domain() as scope:
            catalog.update_category(
                scope, key, category, data.get("label"), data.get("color"), data.get("accessible")
            )
        return no_content()

    @blueprint.route("/charts/<path:key>/categories/<path:category>", methods=["DELETE"])
    def charts_remove_category(key: str, category: str) -> Response:
        with context.domain() as scope:
            catalog.remove_category(scope, key, category)
        return no_content()
