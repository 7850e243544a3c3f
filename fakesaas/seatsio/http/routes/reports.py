"""Routes for /reports/events and /reports/charts: detailed reports (with or without a filter),
summaries, deep summaries, the flat list and its CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from json.encoder import encode_basestring  # JSON text of a string, as json.dumps writes it

from flask import Blueprint, Response, request

from fakesaas.seatsio import present
from fakesaas.seatsio.domain import chart_reports, event_reports
from fakesaas.seatsio.domain.chart_reports import Tables
from fakesaas.seatsio.domain.errors import InvalidRequest
from fakesaas.seatsio.domain.event_reports import Listing
from fakesaas.seatsio.domain.grouping import Dimension
from fakesaas.seatsio.http import context
from fakesaas.seatsio.http.responses import JSON_TYPE, json_response, json_text


def _any(dimensions: Iterable[Dimension]) -> str:
    return "any(" + ", ".join(f"'{dimension.value}'" for dimension in dimensions) + ")"


EVENT = _any(Dimension)
EVENT_SUMMARY = _any(event_reports.SUMMARY)
CHART = _any(chart_reports.DETAIL)
CHART_SUMMARY = _any(chart_reports.SUMMARY)


def _version() -> bool:
    """``version=draft`` reports on the draft drawing; ``published`` (or none) on the published."""
    version = request.args.get("version") or "published"
    if version not in ("published", "draft"):
        raise InvalidRequest(f"version must be published or draft, found: {version}")
    return version == "draft"


def register(blueprint: Blueprint) -> None:
    @blueprint.route("/reports/events/<path:key>", methods=["GET"])
    def reports_event_flat(key: str) -> Response:
        with context.domain() as scope:
            listing = event_reports.flat(scope, key)
            return _json_text("[" + ",".join(_entries(listing, listing.groups[""])) + "]")

    @blueprint.route("/reports/events/<path:key>.csv", methods=["GET"])
    def reports_event_flat_csv(key: str) -> Response:
        with context.domain() as scope:
            listing = event_reports.flat(scope, key)
            infos = (listing.info(label) for label in listing.groups[""])
            text = io.StringIO()
            csv.writer(text, lineterminator="\r\n").writerows(present.csv_rows(infos))
        return Response(text.getvalue(), status=200, content_type="text/csv; charset=utf-8")

    @blueprint.route(f"/reports/events/<path:key>/<{EVENT}:report>", methods=["GET"])
    def reports_event(key: str, report: str) -> Response:
        with context.domain() as scope:
            return _report(event_reports.detail(scope, key, Dimension(report)))

    @blueprint.route(f"/reports/events/<path:key>/<{EVENT}:report>/<group>", methods=["GET"])
    def reports_event_filtered(key: str, report: str, group: str) -> Response:
        """One group only: ``{"<group>": [...]}``, or ``{}`` for a group nobody is in."""
        with context.domain() as scope:
            return _report(event_reports.detail(scope, key, Dimension(report), group))

    @blueprint.route(f"/reports/events/<path:key>/<{EVENT_SUMMARY}:report>/summary", methods=["GET"])
    def reports_event_summary(key: str, report: str) -> Response:
        with context.domain() as scope:
            return json_response(present.summary(event_reports.summary(scope, key, Dimension(report))))

    @blueprint.route(f"/reports/events/<path:key>/<{EVENT_SUMMARY}:report>/summary/deep", methods=["GET"])
    def reports_event_deep_summary(key: str, report: str) -> Response:
        with context.domain() as scope:
            found = event_reports.deep_summary(scope, key, Dimension(report))
            return json_response(present.deep_summary(found))

    @blueprint.route(f"/reports/charts/<path:key>/<{CHART}:report>", methods=["GET"])
    def reports_chart(key: str, report: str) -> Response:
        tables = Tables.of(request.args.get("bookWholeTables"))
        draft = _version()
        with context.domain() as scope:
            layout, groups = chart_reports.detail(scope, key, Dimension(report), tables, draft)
            return json_response(present.chart_report(layout, groups))

    @blueprint.route(f"/reports/charts/<path:key>/<{CHART_SUMMARY}:report>/summary", methods=["GET"])
    def reports_chart_summary(key: str, report: str) -> Response:
        tables = Tables.of(request.args.get("bookWholeTables"))
        draft = _version()
        with context.domain() as scope:
            found = chart_reports.summary(scope, key, Dimension(report), tables, draft)
            return json_response(present.summary(found))


def _entries(listing: Listing, labels: list[str]) -> Iterator[str]:
    """Each object's report entry as JSON text, written once and kept by the event's index until
    the object changes."""
    rendered = listing.tally.rendered
    for label in labels:
        text = rendered.get(label)
        if text is None:
            text = rendered[label] = json_text(present.object_info(listing.info(label)))
        yield text


def _report(listing: Listing) -> Response:
    groups = listing.groups.items()
    parts = (f"{encode_basestring(name)}:[{','.join(_entries(listing, labels))}]" for name, labels in groups)
    return _json_text("{" + ",".join(parts) + "}")


def _json_text(text: str) -> Response:
    return Response(text, status=200, content_type=JSON_TYPE)
