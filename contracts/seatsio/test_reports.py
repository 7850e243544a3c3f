"""Reports, thumbnails, validation, the account and usage (docs.seats.io "Event reports", "Chart
reports", "Usage reports"; the SDK tests): what an event's reports say after bookings, summaries that
add up, chart reports of the chart's seats."""

from __future__ import annotations

from typing import Any

import pytest

from contracts.seatsio.client import Client
from contracts.seatsio.conftest import Sandbox
from contracts.seatsio.target import Target

CHANGE = "/events/groups/actions/change-object-status"


def _total(summary: dict[str, Any]) -> int:
    return sum(group["count"] for group in summary.values())


@pytest.mark.destructive
def test_an_events_reports_follow_its_bookings(api: Client, sandbox: Sandbox, row: list[str]) -> None:
    event = sandbox.event()
    before = api.get(f"/reports/events/{event}/byStatus/summary").body
    booked = api.post(CHANGE, {"events": [event], "objects": row[:2], "status": "booked", "orderId": "o-1"})
    assert booked.status in (200, 204)

    by_status = api.get(f"/reports/events/{event}/byStatus/booked")
    assert by_status.status == 200
    assert sorted(item["label"] for item in by_status.body["booked"]) == sorted(row[:2])
    by_order = api.get(f"/reports/events/{event}/byOrderId/o-1").body
    assert sorted(item["label"] for item in by_order["o-1"]) == sorted(row[:2])
    after = api.get(f"/reports/events/{event}/byStatus/summary").body
    assert after["booked"]["count"] == 2
    assert after["free"]["count"] == before["free"]["count"] - 2
    assert after["booked"]["byAvailability"] == {"not_available": 2}
    item = api.get(f"/reports/events/{event}/byLabel/{row[0]}").body[row[0]][0]
    assert (item["status"], item["orderId"], item["isAvailable"]) == ("booked", "o-1", False)


@pytest.mark.destructive
def test_every_summary_counts_the_same_places(api: Client, sandbox: Sandbox) -> None:
    event = sandbox.event()
    totals = {
        kind: _total(api.get(f"/reports/events/{event}/{kind}/summary").body)
        for kind in ("byStatus", "byCategoryKey", "bySection", "byObjectType", "byAvailability", "byChannel")
    }
    assert len(set(totals.values())) == 1, totals
    deep = api.get(f"/reports/events/{event}/bySection/summary/deep").body
    for group in deep.values():
        assert sum(inner["count"] for inner in group["byStatus"].values()) == group["count"]


@pytest.mark.destructive
def test_the_flat_report_lists_every_object_once_in_label_order(
    api: Client, sandbox: Sandbox, row: list[str]
) -> None:
    event = sandbox.event()
    flat = api.get(f"/reports/events/{event}").body
    labels = [item["label"] for item in flat]
    assert labels == sorted(labels)
    assert set(row) <= set(labels)
    csv = api.get(f"/reports/events/{event}.csv")
    assert csv.status == 200
    assert row[0] in csv.raw.decode("utf-8")


def test_a_chart_report_lists_the_charts_seats(api: Client, target: Target, row: list[str]) -> None:
    by_label = api.get(f"/reports/charts/{target.chart_key}/byLabel")
    assert by_label.status == 200
    assert all(by_label.body[label][0]["objectType"] == "seat" for label in row)
    summary = api.get(f"/reports/charts/{target.chart_key}/byObjectType/summary").body
    assert set(summary) >= {"seat", "table", "generalAdmission", "booth"}
    assert summary["seat"]["count"] >= len(row)


def test_the_thumbnail_is_a_png(api: Client, target: Target) -> None:
    answer = api.get(f"/charts/{target.chart_key}/version/published/thumbnail")
    assert answer.status == 200
    assert answer.raw[:8] == b"\x89PNG\r\n\x1a\n"


def test_validation_lists_errors_and_warnings(api: Client, target: Target) -> None:
    answer = api.post(f"/charts/{target.chart_key}/version/published/actions/validate")
    assert answer.status == 200
    assert isinstance(answer.body["errors"], list)
    assert isinstance(answer.body["warnings"], list)


def test_the_account_and_usage_need_the_company_admin_key(api: Client) -> None:
    account = api.get("/accounts/me")
    if account.status == 403:
        pytest.skip("the key is a workspace key, not the company's admin key")
    assert account.status == 200
    rules = set(account.body["settings"]["chartValidation"])
    assert rules >= {"VALIDATE_DUPLICATE_LABELS", "VALIDATE_FOCAL_POINT"}
    usage = api.get("/reports/usage", version="2")
    assert usage.status == 200
    assert isinstance(usage.body["usage"], list)
    assert usage.body["usageCutoffDate"]
