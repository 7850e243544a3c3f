"""Usage reports over HTTP: what a company's events used, per month, event and object, on the
world's clock; a seeded history before it; billable renderings; the admin key only."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from fakesaas.core.clock import ManualClock
from fakesaas.core.service import SectionError
from fakesaas.seatsio.domain.seed import load_section
from fakesaas.seatsio.domain.snapshot import dump_state, load_state
from fakesaas.seatsio.domain.state import Seatsio
from tests.seatsio.conftest import Api
from tests.seatsio.support import PREFIX, T0, Company, basic

ROOT = Path(__file__).resolve().parents[2]
MONTH = f"{T0.year}-{T0.month:02d}"
HISTORY: dict[str, Any] = {
    "cutoff": "2029-12-31T00:00:00Z",
    "months": [
        {"month": "2014-02", "used_objects": 36},
        {
            "month": "2021-11",
            "events": [
                {
                    "chart": {"key": "stadium", "name": "Stadium"},
                    "id": 580293,
                    "key": "bigMatch",
                    "objects": [
                        {"object": "102-9-14", "first_selections": 1},
                        {"object": "102-9-15", "first_bookings": 1, "first_selections": 1},
                    ],
                }
            ],
        },
    ],
    "renderings": [{"month": "2029-11", "chart": "stadium", "count": 12}],
}


def book(api: Api, event: str, objects: list[Any], status: str = "booked") -> None:
    body = {"events": [event], "objects": objects, "status": status}
    assert api.post("/events/groups/actions/change-object-status", json=body).status_code == 204


def test_an_object_counts_once_per_event_in_the_month_it_was_first_booked(
    api: Api, event: str, clock: ManualClock
) -> None:
    book(api, event, ["A-1", "A-2"])
    book(api, event, ["A-1"], "free")
    book(api, event, ["A-1"], "vip")  # used already: not again
    book(api, event, [{"objectId": "GA1", "quantity": 3}])
    token = api.post("/hold-tokens").get_json()["holdToken"]
    body = {"events": [event], "objects": ["B-1"], "status": "reservedByToken", "holdToken": token}
    api.post("/events/groups/actions/change-object-status", json=body)  # a hold uses nothing

    summary = api.get("/reports/usage?version=2").get_json()
    assert summary["usage"] == [{"month": {"year": T0.year, "month": T0.month}, "numUsedObjects": 2 + 3}]
    month = api.get(f"/reports/usage/month/{MONTH}").get_json()
    events = month[0]["usageByChart"][0]["usageByEvent"]
    event_id = events[0]["event"]["id"]
    assert events == [{"event": {"id": event_id, "key": event, "deleted": False}, "numUsedObjects": 5}]
    objects = api.get(f"/reports/usage/month/{MONTH}/event/{event_id}").get_json()
    assert objects[0] == {"object": "A-1", "numUsedObjects": 1, "usageByReason": {"STATUS_CHANGED": 1}}
    assert {item["object"]: item["numUsedObjects"] for item in objects} == {"A-1": 1, "A-2": 1, "GA1": 3}

    clock.advance(timedelta(days=40))
    book(api, event, ["C-1"])
    months = [entry["month"]["month"] for entry in api.get("/reports/usage?version=2").get_json()["usage"]]
    assert months == [T0.month, T0.month + 1]


def test_a_seeded_history_comes_first_in_the_shape_of_its_time(client: FlaskClient, state: Seatsio) -> None:
    load_section(state, {"companies": [{"name": "old", "admin_key": "old-key", "usage": HISTORY}]})
    api = Api(client, "old-key")
    summary = api.get("/reports/usage?version=2").get_json()
    assert summary["usage"][0] == {"month": {"year": 2014, "month": 2}, "numUsedObjects": 36}
    assert summary["usage"][1]["numUsedObjects"] == 2
    assert summary["usageCutoffDate"] == "2030-01-07T08:00:00.000Z"  # the clock is past the history's
    assert api.get("/reports/usage").get_json() == summary["usage"]  # the first version: months only
    chart = api.get("/reports/usage/month/2021-11").get_json()[0]["usageByChart"][0]
    assert chart["chart"] == {"name": "Stadium", "key": "stadium"}
    objects = api.get("/reports/usage/month/2021-11/event/580293").get_json()
    assert objects[0] == {
        "object": "102-9-14",
        "numFirstBookings": 0,
        "numFirstSelections": 1,
        "numFirstBookingsOrSelections": 1,
    }
    assert api.get("/reports/usage/month/2021-10/event/580293").get_json() == []


def test_billable_renderings_come_from_the_history(client: FlaskClient, state: Seatsio) -> None:
    load_section(state, {"companies": [{"name": "old", "admin_key": "old-key", "usage": HISTORY}]})
    api = Api(client, "old-key")
    company_id = state.company_by_name("old").id  # type: ignore[union-attr]
    workspace = state.company_by_name("old").default_workspace  # type: ignore[union-attr]
    every = api.get("/reports/usage/rendering").get_json()
    expected = {
        "workspaceKey": workspace.key,
        "workspaceId": workspace.id,
        "usage": {"stadium": {"chartKey": "stadium", "numBillableRenderings": 12}},
    }
    assert every == {
        "companyId": company_id,
        "usage": {"2029-11": {"month": {"year": 2029, "month": 11}, "usage": {workspace.key: expected}}},
    }
    month = api.get("/reports/usage/rendering/month/2029-11").get_json()
    assert month["usage"] == {workspace.key: expected}
    chart = api.get("/reports/usage/rendering/month/2029-11/chart/stadium").get_json()
    assert chart == {"chartKey": "stadium", "numBillableRenderings": 12}


def test_usage_needs_the_company_admin_key(client: FlaskClient, company: Company) -> None:
    answer = client.get(f"{PREFIX}/reports/usage?version=2", headers=basic(company.workspace_secret_key))
    assert answer.status_code == 403


@pytest.mark.parametrize("month", ["2021-13", "21-11", "november"])
def test_a_month_that_is_no_month_is_400(api: Api, month: str) -> None:
    assert api.get(f"/reports/usage/month/{month}").status_code == 400


def test_a_state_file_keeps_the_history(state: Seatsio, clock: ManualClock) -> None:
    load_section(state, {"companies": [{"name": "old", "admin_key": "old-key", "usage": HISTORY}]})
    data = json.loads(json.dumps(dump_state(state)))
    again = load_state(clock, data)
    assert dump_state(again) == data
    history = again.company_by_name("old").usage  # type: ignore[union-attr]
    assert sum(len(events) for events in history.events.values()) == 1
    assert history.renderings[0].count == 12


@pytest.mark.parametrize(
    ("usage", "named"),
    [
        ({"months": [{"month": "2021/11"}]}, "usage.months[0].month"),
        ({"months": [{"month": "2021-11", "used_objects": -1}]}, "usage.months[0].used_objects"),
        ({"renderings": [{"month": "2021-11", "workspace": "ws", "chart": "c", "count": 1}]}, "key 'ws'"),
        ({"months": [], "colour": "blue"}, "unknown keys"),
    ],
)
def test_a_history_that_cannot_be_read_names_the_place(state: Seatsio, usage: Any, named: str) -> None:
    with pytest.raises(SectionError, match=named.replace("[", r"\[").replace("]", r"\]")):
        load_section(state, {"companies": [{"name": "old", "usage": usage}]})
    assert state.company_by_name("old") is None


def test_the_official_suites_demo_company_loads(state: Seatsio) -> None:
    document = json.loads((ROOT / "scripts" / "official-suite-demo-company.json").read_text())
    assert load_section(state, document["seatsio"]) == ["usage-demo"]
