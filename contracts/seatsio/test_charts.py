"""Charts made through the API (docs.seats.io "Charts"; testCreateChart, testListFirstPageOfCharts,
testUpdateChart, testAddTag): read back, listed, renamed, tagged, archived."""

from __future__ import annotations

import pytest

from contracts.seatsio.client import Client
from contracts.seatsio.conftest import Sandbox, unique

pytestmark = pytest.mark.destructive


def test_a_new_chart_reads_back_with_its_categories(api: Client, sandbox: Sandbox) -> None:
    chart = sandbox.chart(categories=[{"key": 1, "label": "One", "color": "#aaaaaa"}])
    assert chart["status"] == "NOT_USED"
    assert chart["tags"] == []
    assert chart["archived"] is False
    drawing = api.get(f"/charts/{chart['key']}/version/published").body
    assert drawing["categories"]["list"] == [
        {"key": 1, "label": "One", "color": "#aaaaaa", "accessible": False}
    ]


def test_charts_are_listed_newest_first_and_filtered_by_name(api: Client, sandbox: Sandbox) -> None:
    word = unique("findme")
    older = sandbox.chart(name=f"{word} one")
    newer = sandbox.chart(name=f"{word} two")
    found = api.get("/charts", filter=word).body["items"]
    assert [chart["key"] for chart in found] == [newer["key"], older["key"]]


def test_a_rename_and_a_tag_show_on_the_chart(api: Client, sandbox: Sandbox) -> None:
    chart = sandbox.chart()
    assert api.post(f"/charts/{chart['key']}", {"name": "renamed"}).status in (200, 204)
    tag = unique("tag")
    assert api.post(f"/charts/{chart['key']}/tags/{tag}").status in (200, 204)
    read = api.get(f"/charts/{chart['key']}").body
    assert read["name"] == "renamed"
    assert tag in read["tags"]


def test_archived_charts_are_listed_in_the_archive(api: Client, sandbox: Sandbox) -> None:
    chart = sandbox.chart()
    assert api.post(f"/charts/{chart['key']}/actions/move-to-archive").status in (200, 204)
    assert api.get(f"/charts/{chart['key']}").body["archived"] is True
    archived = [item["key"] for item in api.get("/charts/archive").body["items"]]
    assert chart["key"] in archived


def test_categories_of_the_wrong_shape_are_400(api: Client, sandbox: Sandbox) -> None:
    chart = sandbox.chart()
    answer = api.post(f"/charts/{chart['key']}", {"categories": ["not an object"]})
    assert answer.status == 400
    assert answer.body["errors"][0]["message"] == "#/categories/0: expected type: JSONObject, found: String"
