"""Keys and the error envelope (docs.seats.io "Error handling"; the SDK's exceptions.py): read-only."""

from __future__ import annotations

from contracts.seatsio.client import Client
from contracts.seatsio.target import Target


def test_an_unknown_secret_key_is_401(target: Target) -> None:
    answer = Client(target.base_url, "not-a-key-of-anyone").get("/charts")
    assert answer.status == 401


def test_no_credentials_is_401(target: Target) -> None:
    assert Client(target.base_url, None).get("/charts").status == 401


def test_the_key_lists_charts_newest_first(api: Client) -> None:
    answer = api.get("/charts", limit=5)
    assert answer.status == 200
    ids = [chart["id"] for chart in answer.body["items"]]
    assert ids == sorted(ids, reverse=True)
    assert all(isinstance(chart_id, int) for chart_id in ids)  # the SDK pages by int(id)


def test_an_unknown_chart_is_404_in_the_envelope(api: Client) -> None:
    answer = api.get("/charts/no-such-chart-fakesaas-contracts")
    assert answer.status == 404
    assert "application/json" in answer.content_type
    assert answer.error_codes() == ["CHART_NOT_FOUND"]
    assert "Chart not found: no-such-chart-fakesaas-contracts" in answer.body["errors"][0]["message"]
    assert answer.body["requestId"]
    assert answer.body["status"] == 404


def test_an_unknown_event_is_404_in_the_envelope(api: Client) -> None:
    answer = api.get("/events/no-such-event-fakesaas-contracts")
    assert answer.status == 404
    assert answer.error_codes() == ["EVENT_NOT_FOUND"]


def test_the_chart_reads_back_with_its_published_drawing(api: Client, target: Target) -> None:
    chart = api.get(f"/charts/{target.chart_key}")
    assert chart.status == 200
    assert chart.body["key"] == target.chart_key
    assert chart.body["status"] in ("NOT_USED", "PUBLISHED", "PUBLISHED_WITH_DRAFT")
    drawing = api.get(f"/charts/{target.chart_key}/version/published")
    assert drawing.status == 200
    assert isinstance(drawing.body.get("categories", {}).get("list", []), list)
