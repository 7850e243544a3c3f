"""Seats.io under the shared machinery: the demo seed, the control plane's state, reset, faults,
rate limits and journal under /seatsio, and state files that bring it all back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from fakesaas.app import create_app
from fakesaas.core.clock import ManualClock
from fakesaas.core.world import World
from fakesaas.persistence import save_world
from fakesaas.settings import Settings
from tests.seatsio.support import PREFIX, T0, basic, new_company

DEMO_KEY = "demo-secret-key"
CHANGE = f"{PREFIX}/events/groups/actions/change-object-status"


@pytest.fixture
def demo() -> FlaskClient:
    return create_app(Settings(seed="demo"), World(ManualClock(T0))).test_client()


def control(client: FlaskClient, method: str, path: str, **kwargs: Any) -> Any:
    answer = client.open("/_fakesaas" + path, method=method, **kwargs)
    assert answer.status_code < 300, answer.data
    return answer.get_json()


def status_of(client: FlaskClient, label: str) -> str:
    infos = client.get(
        f"{PREFIX}/events/demo-event/objects?label={label}", headers=basic(DEMO_KEY)
    ).get_json()
    return str(infos[label]["status"])


def test_the_demo_seed_serves_the_demo_company(demo: FlaskClient) -> None:
    charts = demo.get(f"{PREFIX}/charts", headers=basic(DEMO_KEY)).get_json()["items"]
    assert [chart["name"] for chart in charts] == ["Demo theatre"]
    assert status_of(demo, "A-5") == "booked"
    assert status_of(demo, "C-6") == "reservedByToken"


def test_the_state_and_one_company_are_dumped_by_the_control_plane(demo: FlaskClient) -> None:
    dump = control(demo, "GET", "/state")
    assert dump["seatsio"]["companies"][0]["admin_key"] == DEMO_KEY
    assert control(demo, "GET", "/state?service=seatsio&account=demo")["admin_key"] == DEMO_KEY


def test_reset_undoes_seatsio_writes(demo: FlaskClient) -> None:
    demo.post(
        CHANGE,
        json={"events": ["demo-event"], "objects": ["A-1"], "status": "booked"},
        headers=basic(DEMO_KEY),
    )
    assert status_of(demo, "A-1") == "booked"
    control(demo, "POST", "/reset")
    assert status_of(demo, "A-1") == "free"


def test_a_fault_under_the_prefix_answers_in_the_seatsio_envelope(demo: FlaskClient) -> None:
    control(
        demo,
        "POST",
        "/faults",
        json={"action": "status", "status": 503, "path": "/seatsio/charts*", "count": 1},
    )
    answer = demo.get(f"{PREFIX}/charts", headers=basic(DEMO_KEY))
    assert answer.status_code == 503
    body = answer.get_json()
    assert set(body) == {"status", "messages", "errors", "warnings", "requestId"}
    assert demo.get(f"{PREFIX}/charts", headers=basic(DEMO_KEY)).status_code == 200


def test_a_rate_limit_on_the_company_answers_429(demo: FlaskClient) -> None:
    control(demo, "PUT", "/rate-limit", json={"account": "demo", "per_second": 1})
    statuses = [demo.get(f"{PREFIX}/charts", headers=basic(DEMO_KEY)).status_code for _ in range(3)]
    assert 429 in statuses
    assert statuses[0] == 200


def test_the_journal_names_the_company_of_the_key(demo: FlaskClient) -> None:
    demo.get(f"{PREFIX}/charts", headers=basic(DEMO_KEY))
    entries = control(demo, "GET", "/requests?path=/seatsio/charts")["requests"]
    assert entries[-1]["account"] == "demo"


def test_the_journal_names_the_company_of_a_workspace_key_and_no_one_for_an_unknown_key(
    demo: FlaskClient,
) -> None:
    company = new_company(demo)
    named = demo.application.extensions["fakesaas"].state("seatsio").caller(company.admin_key)
    assert named
    assert named != "demo"
    demo.get(f"{PREFIX}/charts", headers=basic(company.workspace_secret_key))
    demo.post(CHANGE, json={"events": ["nowhere"], "objects": ["A-1"], "status": "booked"},
              headers=basic(company.workspace_secret_key))  # fmt: skip
    demo.get(f"{PREFIX}/charts", headers=basic("no-such-key"))
    entries = control(demo, "GET", "/requests?path=/seatsio/")["requests"]
    assert [(e["status"], e["account"]) for e in entries[-3:]] == [(200, named), (404, named), (401, None)]


def test_a_saved_world_comes_back_with_its_seats_and_hold_tokens(demo: FlaskClient, tmp_path: Path) -> None:
    world: World = demo.application.extensions["fakesaas"]
    demo.post(
        CHANGE,
        json={"events": ["demo-event"], "objects": ["D-1"], "status": "booked"},
        headers=basic(DEMO_KEY),
    )
    save_world(world, tmp_path / "state.json")
    again = create_app(
        Settings(seed="none", state=str(tmp_path / "state.json")), World(ManualClock(T0))
    ).test_client()
    assert status_of(again, "D-1") == "booked"
    assert status_of(again, "C-6") == "reservedByToken"
    token = again.get(f"{PREFIX}/hold-tokens/demoHoldToken", headers=basic(DEMO_KEY))
    assert token.status_code == 200


def test_a_seed_document_with_only_a_seatsio_section(tmp_path: Path) -> None:
    seed = tmp_path / "seed.json"
    seed.write_text(
        '{"seatsio": {"companies": [{"name": "acme", "admin_key": "acme-key", "workspaces": '
        '[{"charts": [{"key": "hall", "sketch": {"rows": 2, "seats": 3}}]}]}]}}'
    )
    client = create_app(Settings(seed=str(seed)), World(ManualClock(T0))).test_client()
    chart = client.get(f"{PREFIX}/charts/hall", headers=basic("acme-key"))
    assert chart.status_code == 200
    assert client.get(f"{PREFIX}/charts", headers=basic(DEMO_KEY)).status_code == 401
