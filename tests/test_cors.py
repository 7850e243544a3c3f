"""Browser clients on other origins: CORS on every emulated API (preflights and headers), and a control
plane that a page on another origin, or behind a rebinding name, cannot steer."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from fakesaas import create_app
from fakesaas.core.clock import ManualClock
from fakesaas.core.world import World
from fakesaas.settings import Settings
from tests.support import T0

PAGE = "http://widget.example:3000"
AUTH = ("demo", "demo-api-key")
PREFLIGHTS = [
    ("/api/agenda/100001.json", "GET", "authorization"),
    ("/api/bookings.json", "POST", "content-type, authorization"),
    ("/simplybook/", "POST", "content-type, x-company-login, x-token"),
    ("/simplybook/login", "POST", "content-type"),
    ("/seatsio/events/demo-event/actions/book", "POST", "authorization, content-type, x-workspace-key"),
]


def preflight(client: FlaskClient, path: str, method: str, headers: str, origin: str = PAGE):
    return client.options(path, headers={
        "Origin": origin, "Access-Control-Request-Method": method, "Access-Control-Request-Headers": headers,
    })  # fmt: skip


@pytest.mark.parametrize(("path", "method", "headers"), PREFLIGHTS)
def test_a_preflight_is_answered_for_every_emulated_api(client: FlaskClient, path, method, headers) -> None:
    answer = preflight(client, path, method, headers)
    assert answer.status_code == 204
    assert answer.headers["Access-Control-Allow-Origin"] == "*"
    assert method in answer.headers["Access-Control-Allow-Methods"]
    assert answer.headers["Access-Control-Allow-Headers"] == headers
    assert int(answer.headers["Access-Control-Max-Age"]) > 0


def test_preflights_are_neither_journaled_nor_faulted_nor_limited(client: FlaskClient) -> None:
    client.post("/_fakesaas/faults", json={"action": "status", "status": 503})
    client.put("/_fakesaas/rate-limit", json={"account": "demo", "per_second": 1})
    for _ in range(3):
        assert preflight(client, "/api/bookings.json", "POST", "authorization").status_code == 204
    assert client.get("/_fakesaas/requests").get_json()["requests"] == []


def test_answers_errors_and_faults_carry_the_allowed_origin_and_expose_what_clients_read(client) -> None:
    ok = client.get("/api/schedules.json", auth=AUTH, headers={"Origin": PAGE})
    assert ok.headers["Access-Control-Allow-Origin"] == "*"
    exposed = {name.strip().lower() for name in ok.headers["Access-Control-Expose-Headers"].split(",")}
    assert {"location", "retry-after", "last-modified"} <= exposed
    refused = client.get("/api/schedules.json", headers={"Origin": PAGE})
    assert (refused.status_code, refused.headers["Access-Control-Allow-Origin"]) == (401, "*")
    client.post("/_fakesaas/faults", json={"action": "throttle", "retry_after": 3})
    throttled = client.get("/api/schedules.json", auth=AUTH, headers={"Origin": PAGE})
    assert (throttled.status_code, throttled.headers["Access-Control-Allow-Origin"]) == (429, "*")
    call = {"jsonrpc": "2.0", "method": "getToken", "params": [], "id": 1}
    rpc = client.post("/simplybook/login", json=call, headers={"Origin": PAGE})
    assert rpc.headers["Access-Control-Allow-Origin"] == "*"


def test_a_create_from_another_origin_can_read_its_location(client: FlaskClient) -> None:
    body = {"schedule_id": 100001, "booking": {"start": "2030-02-01 10:00", "finish": "2030-02-01 11:00"}}
    created = client.post("/api/bookings.json", json=body, auth=AUTH, headers={"Origin": PAGE})
    assert created.status_code == 201
    assert "location" in created.headers["Access-Control-Expose-Headers"].lower()


def test_listed_origins_narrow_who_may_call() -> None:
    app = create_app(Settings(seed="demo", cors_origins="http://localhost:*,https://*.example.com"),
                     World(ManualClock(T0)))  # fmt: skip
    client = app.test_client()
    allowed = preflight(client, "/api/schedules.json", "GET", "authorization", "https://shop.example.com")
    assert allowed.headers["Access-Control-Allow-Origin"] == "https://shop.example.com"
    assert "Origin" in allowed.headers["Vary"]
    other = preflight(client, "/api/schedules.json", "GET", "authorization", "https://evil.test")
    assert "Access-Control-Allow-Origin" not in other.headers
    answer = client.get("/api/schedules.json", auth=AUTH, headers={"Origin": "http://localhost:5173"})
    assert answer.headers["Access-Control-Allow-Origin"] == "http://localhost:5173"
    refused = client.get("/api/schedules.json", auth=AUTH, headers={"Origin": "https://evil.test"})
    assert "Access-Control-Allow-Origin" not in refused.headers


def test_without_cors_there_is_no_preflight_answer_and_no_header() -> None:
    client = create_app(Settings(seed="demo", cors=False), World(ManualClock(T0))).test_client()
    assert preflight(client, "/api/schedules.json", "GET", "authorization").status_code == 405
    answer = client.get("/api/schedules.json", auth=AUTH, headers={"Origin": PAGE})
    assert "Access-Control-Allow-Origin" not in answer.headers


# --- the control plane ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "kwargs"),
    [
        (
            "POST",
            "/_fakesaas/reset",
            {"data": "x", "content_type": "text/plain"},
        ),  # a simple POST: no preflight
        ("POST", "/_fakesaas/clock/advance", {"json": {"days": 10}}),
        (
            "POST",
            "/_fakesaas/faults",
            {"data": "action=drop", "content_type": "application/x-www-form-urlencoded"},
        ),
        ("GET", "/_fakesaas/state", {}),
    ],
)
def test_a_page_on_another_origin_cannot_steer_or_read_the_control_plane(
    client, method, path, kwargs
) -> None:
    before = client.get("/_fakesaas/clock").get_json()
    answer = client.open(path, method=method, headers={"Origin": PAGE}, **kwargs)
    assert answer.status_code == 403
    assert "Access-Control-Allow-Origin" not in answer.headers
    assert client.get("/_fakesaas/clock").get_json() == before
    assert client.get("/_fakesaas/faults").get_json()["rules"] == []


def test_the_control_plane_answers_no_preflight(client: FlaskClient) -> None:
    answer = preflight(client, "/_fakesaas/reset", "POST", "content-type")
    assert answer.status_code == 403
    assert "Access-Control-Allow-Origin" not in answer.headers


def test_a_rebinding_host_name_is_refused_and_loopback_names_pass(client: FlaskClient) -> None:
    assert client.get("/_fakesaas/state", headers={"Host": "attacker.example:8080"}).status_code == 403
    for host in ("localhost:8080", "127.0.0.1:8080", "[::1]:8080", "app.localhost"):
        assert client.get("/_fakesaas/clock", headers={"Host": host}).status_code == 200, host
    # The emulated APIs answer any Host: SDKs and browsers reach them by whatever name.
    assert (
        client.get("/api/schedules.json", auth=AUTH, headers={"Host": "attacker.example"}).status_code == 200
    )


def test_the_control_plane_takes_requests_from_its_own_origin(client: FlaskClient) -> None:
    own = client.post("/_fakesaas/clock/advance", json={"days": 1}, headers={"Origin": "http://localhost"})
    assert own.status_code == 200
