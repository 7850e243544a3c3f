"""The /_fakesaas control plane over HTTP: reset, seed, state, clock, faults, rate limits, journal.

Most tests use the Flask test client of a demo app on a manual clock at T0; those about the wire
(dropped connections, latency seen by a client, the official SDK) use a real served emulator.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
import requests
import SuperSaaS
from flask import Flask
from flask.testing import FlaskClient
from lxml import etree

from fakesaas import __version__, create_app
from fakesaas.core.clock import ManualClock, VirtualClock
from fakesaas.core.world import World
from fakesaas.production import ProductionServer
from fakesaas.server import ThreadedServer
from fakesaas.services import all_services
from fakesaas.settings import Settings
from tests.support import (
    ACCOUNT,
    ALICE,
    ALICE_ROOM_1,
    API_KEY,
    CLASSES,
    NEXT_BOOKING_ID,
    ROOMS,
    T0,
    TOMORROW,
    error_titles,
)

ACME = {
    "accounts": [
        {
            "name": "acme",
            "api_key": "acme-key",
            "password": "acme-password",
            "users": [{"name": "ann@example.com", "full_name": "Ann Archer"}],
            "schedules": [
                {"name": "Desks", "kind": "resource", "timezone": "Europe/London", "resources": ["Desk A"]}
            ],
        }
    ]
}
ACME_YAML = """\
accounts:
  - name: acme
    api_key: acme-key
    password: acme-password
    users:
      - {name: ann@example.com, full_name: Ann Archer}
    schedules:
      - name: Desks
        kind: resource
        timezone: Europe/London
        resources: [Desk A]
"""
ACME_AUTH = ("acme", "acme-key")
DEMO_AUTH = (ACCOUNT, API_KEY)
NEW_BOOKING = {
    "schedule_id": ROOMS,
    "booking": {"start": "2030-02-01 10:00:00", "finish": "2030-02-01 11:00:00", "full_name": "Walk-in Ann"},
}


def control(client: FlaskClient, method: str, path: str, **kwargs: Any) -> tuple[int, Any]:
    """Call a control endpoint; answer the status and the parsed JSON body (control answers only JSON)."""
    response = client.open(f"/_fakesaas{path}", method=method, **kwargs)
    assert response.headers["Content-Type"].startswith("application/json"), response.data
    return response.status_code, json.loads(response.data)


def account_names(client: FlaskClient) -> list[str]:
    return [account["name"] for account in control(client, "GET", "/state")[1]["supersaas"]["accounts"]]


def statuses(client: FlaskClient, path: str, times: int, auth: tuple[str, str] = DEMO_AUTH) -> list[int]:
    return [client.get(path, auth=auth).status_code for _ in range(times)]


@pytest.fixture
def served(app: Flask) -> Iterator[ThreadedServer]:
    with ThreadedServer(app, host="127.0.0.1", port=0) as server:
        yield server


def sdk_client(url: str) -> Any:
    configuration = SuperSaaS.Configuration()
    configuration.host, configuration.account_name, configuration.api_key = url, ACCOUNT, API_KEY
    client = SuperSaaS.Client(configuration)
    client.rate_limiter.throttle = lambda: None
    return client


# --- probe -----------------------------------------------------------------------------------------


def test_probe_tells_an_emulator_apart_and_lists_every_control_endpoint(client) -> None:
    status, body = control(client, "GET", "/")
    assert status == 200
    assert body["fakesaas"] == __version__
    assert body["services"] == [service.name for service in all_services()]
    listed: dict[str, set[str]] = {}
    for entry in body["endpoints"]:
        methods, path = entry.rsplit(" ", 1)
        listed.setdefault(path, set()).update(methods.split())
    for endpoint in (
        "GET /_fakesaas/",
        "POST /_fakesaas/reset",
        "POST /_fakesaas/seed",
        "GET /_fakesaas/state",
        "GET PUT /_fakesaas/clock",
        "POST /_fakesaas/clock/advance",
        "DELETE GET POST /_fakesaas/faults",
        "DELETE /_fakesaas/faults/<int:rule_id>",
        "PUT /_fakesaas/rate-limit",
        "DELETE GET /_fakesaas/requests",
    ):
        methods, path = endpoint.rsplit(" ", 1)
        assert set(methods.split()) <= listed.get(path, set()), endpoint


# --- reset -----------------------------------------------------------------------------------------


def test_reset_undoes_every_write_and_restores_the_demo(client, api) -> None:
    assert api.post("/api/bookings.json", json=NEW_BOOKING).status_code == 201
    assert api.delete(f"/api/users/{ALICE}.json").status_code == 200

    status, body = control(client, "POST", "/reset")

    assert (status, body["reset"], body["services"]["supersaas"]) == (200, "all", ["demo"])
    assert api.get(f"/api/bookings/{NEXT_BOOKING_ID}.json").status_code == 404
    assert api.get(f"/api/users/{ALICE}.json").get_json()["name"] == "alice@example.com"
    # Id sequences start over too: the same calls give the same ids after every reset.
    created = api.post("/api/bookings.json", json=NEW_BOOKING)
    assert created.headers["location"].endswith(f"/api/bookings/{NEXT_BOOKING_ID}.json")


def test_reset_of_one_account_leaves_the_other_accounts_alone(client, api) -> None:
    assert control(client, "POST", "/seed", json=ACME)[0] == 201
    assert api.post("/api/bookings.json", json=NEW_BOOKING).status_code == 201
    new_user = {"user": {"name": "bo@example.com"}}
    assert api.post("/api/users.json", json=new_user, auth=ACME_AUTH).status_code == 201

    status, body = control(client, "POST", "/reset", json={"account": "demo"})
    assert (status, body["reset"], body["services"]["supersaas"]) == (200, "demo", ["acme", "demo"])

    assert api.get(f"/api/bookings/{NEXT_BOOKING_ID}.json").status_code == 404
    assert [u["name"] for u in api.get("/api/users.json", auth=ACME_AUTH).get_json()] == [
        "ann@example.com",
        "bo@example.com",
    ]


def test_reset_of_an_unknown_account_is_a_404_naming_it(client) -> None:
    assert control(client, "POST", "/reset", json={"account": "nobody"}) == (
        404,
        {"error": "no account named 'nobody'"},
    )


def test_reset_keeps_clock_faults_and_journal_unless_asked_to_reset_them(client, api) -> None:
    control(client, "POST", "/clock/advance", json={"hours": 5})
    control(client, "POST", "/faults", json={"action": "status", "status": 503, "path": "/api/promotions*"})
    api.get("/api/schedules.json")

    control(client, "POST", "/reset")
    assert control(client, "GET", "/clock")[1]["now"] == "2030-01-07T13:00:00Z"
    assert len(control(client, "GET", "/faults")[1]["rules"]) == 1
    assert len(control(client, "GET", "/requests")[1]["requests"]) == 1

    control(client, "POST", "/reset", json={"clock": True, "faults": True, "journal": True})
    assert control(client, "GET", "/clock")[1]["now"] == "2030-01-07T08:00:00Z"
    assert control(client, "GET", "/faults")[1] == {"rules": [], "rate_limits": {}}
    assert control(client, "GET", "/requests")[1] == {"requests": [], "more": False}
    assert api.get("/api/promotions.json").status_code == 200


def test_reset_with_the_clock_dates_the_demo_from_the_restored_time(client, api) -> None:
    control(client, "POST", "/clock/advance", json={"days": 3})

    control(client, "POST", "/reset", json={"clock": True})

    # "Tomorrow" of the demo is the day after the clock's time once the reset is done.
    assert api.get(f"/api/bookings/{ALICE_ROOM_1}.json").get_json()["start"] == f"{TOMORROW} 10:00:00"


# --- seed ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("payload", "content_type"),
    [(json.dumps(ACME), "application/json"), (ACME_YAML, "application/yaml")],
    ids=["json", "yaml"],
)
def test_seed_adds_the_accounts_of_a_json_or_yaml_document(client, api, payload, content_type) -> None:
    status, body = control(client, "POST", "/seed", data=payload, content_type=content_type)

    assert (status, body) == (201, {"loaded": ["acme"], "services": {"supersaas": ["acme"]}})
    assert api.get("/api/schedules.json", auth=ACME_AUTH).get_json()[0]["name"] == "Desks"
    assert [u["name"] for u in api.get("/api/users.json", auth=ACME_AUTH).get_json()] == ["ann@example.com"]
    assert api.get("/api/schedules.json").status_code == 200  # the demo is still there
    assert account_names(client) == ["demo", "acme"]


def test_seed_by_name_loads_the_demo_again_over_the_changed_one(client, api) -> None:
    assert api.delete(f"/api/bookings/{ALICE_ROOM_1}.json").status_code == 200

    status, body = control(client, "POST", "/seed?name=demo")
    assert (status, body["services"]["supersaas"]) == (201, ["demo"])

    (demo,) = control(client, "GET", "/state")[1]["supersaas"]["accounts"]
    assert len(demo["bookings"]) == NEXT_BOOKING_ID - ALICE_ROOM_1
    assert not any(booking["deleted"] for booking in demo["bookings"])
    assert control(client, "POST", "/seed?name=acme") == (400, {"error": "the only built-in seed is 'demo'"})


@pytest.mark.parametrize(
    ("payload", "content_type", "message"),
    [
        ("{not json", "application/json", "not valid JSON"),
        ("accounts: [\n  - {name: x", "application/yaml", "not valid YAML"),
        ('["demo"]', "application/json", "must be an object with a section per service"),
        ('{"users": []}', "application/json", "unknown section 'users' (allowed: supersaas"),
        ('{"accounts": [{"name": "acme"}]}', "application/json", "api_key"),
        (
            '{"accounts": [{"name": "acme", "api_key": "k", "password": "p",'
            ' "schedules": [{"name": "S", "kind": "hotel"}]}]}',
            "application/json",
            "'hotel' is not one of ['resource', 'capacity', 'service']",
        ),
    ],
    ids=["bad-json", "bad-yaml", "not-an-object", "no-accounts", "no-api-key", "bad-schedule-kind"],
)
def test_a_bad_seed_is_refused_with_422_and_a_message_naming_the_problem(
    client, payload, content_type, message
) -> None:
    status, body = control(client, "POST", "/seed", data=payload, content_type=content_type)

    assert status == 422
    assert message in body["error"]
    assert account_names(client) == ["demo"]


def test_a_refused_seed_loads_none_of_its_accounts(client) -> None:
    good_then_bad = {"accounts": [*ACME["accounts"], {"name": "broken"}]}

    assert control(client, "POST", "/seed", json=good_then_bad)[0] == 422

    assert account_names(client) == ["demo"]


# --- state -----------------------------------------------------------------------------------------


def test_state_dumps_every_record_and_follows_writes(client, api) -> None:
    status, dump = control(client, "GET", "/state")
    assert status == 200
    assert list(dump) == [service.name for service in all_services()]
    assert dump["supersaas"]["format"] == 1
    assert dump["supersaas"]["ids"]["booking"] == NEXT_BOOKING_ID
    (demo,) = dump["supersaas"]["accounts"]
    assert (demo["name"], demo["api_key"]) == (ACCOUNT, API_KEY)
    assert [b["id"] for b in demo["bookings"]] == list(range(ALICE_ROOM_1, NEXT_BOOKING_ID))
    assert [u["name"] for u in demo["users"]] == ["alice@example.com", "bob@example.com", "carol@example.com"]

    api.post("/api/bookings.json", json=NEW_BOOKING)

    account = control(client, "GET", f"/state?account={ACCOUNT}")[1]
    assert account["bookings"][-1]["id"] == NEXT_BOOKING_ID
    assert account["bookings"][-1]["full_name"] == "Walk-in Ann"
    assert control(client, "GET", "/state?service=supersaas")[1]["ids"]["booking"] == NEXT_BOOKING_ID + 1


def test_state_of_an_unknown_account_is_a_404(client) -> None:
    assert control(client, "GET", "/state?account=nobody") == (404, {"error": "no account named 'nobody'"})


# --- clock -----------------------------------------------------------------------------------------


def test_clock_can_be_read_set_and_advanced(client) -> None:
    assert control(client, "GET", "/clock") == (200, {"now": "2030-01-07T08:00:00Z", "frozen": True})

    assert control(client, "PUT", "/clock", json={"now": "2030-02-01T12:00:00Z"})[1]["now"] == (
        "2030-02-01T12:00:00Z"
    )
    # An offset is converted to UTC; no offset at all means UTC.
    assert control(client, "PUT", "/clock", json={"now": "2030-02-01T12:00:00+01:00"})[1]["now"] == (
        "2030-02-01T11:00:00Z"
    )
    assert control(client, "PUT", "/clock", json={"now": "2030-02-01T12:00:00"})[1]["now"] == (
        "2030-02-01T12:00:00Z"
    )
    advanced = control(client, "POST", "/clock/advance", json={"days": 1, "hours": 2, "minutes": 30})
    assert advanced == (200, {"now": "2030-02-02T14:30:00Z", "frozen": True})
    assert control(client, "GET", "/clock")[1]["now"] == "2030-02-02T14:30:00Z"


@pytest.mark.parametrize(
    ("method", "path", "body", "message"),
    [
        ("PUT", "/clock", {"now": "next tuesday"}, "ISO 8601"),
        ("PUT", "/clock", {}, "ISO 8601"),
        ("POST", "/clock/advance", {}, "non-zero"),
        ("POST", "/clock/advance", {"hours": "two"}, "hours must be a number"),
    ],
)
def test_clock_requests_that_cannot_be_understood_are_a_400(client, method, path, body, message) -> None:
    status, answer = control(client, method, path, json=body)
    assert status == 400
    assert message in answer["error"]
    assert control(client, "GET", "/clock")[1]["now"] == "2030-01-07T08:00:00Z"


def test_a_frozen_clock_stands_still_and_resumes_from_where_it_stood() -> None:
    real = ManualClock(T0)  # stands in for the system clock under the virtual one
    client = create_app(Settings(seed="demo"), World(VirtualClock(real))).test_client()
    assert control(client, "GET", "/clock")[1] == {"now": "2030-01-07T08:00:00Z", "frozen": False}

    assert control(client, "POST", "/clock/freeze")[1] == {"now": "2030-01-07T08:00:00Z", "frozen": True}
    real.advance(timedelta(hours=1))
    assert control(client, "GET", "/clock")[1]["now"] == "2030-01-07T08:00:00Z"
    assert control(client, "POST", "/clock/advance", json={"minutes": 10})[1]["now"] == "2030-01-07T08:10:00Z"

    assert control(client, "POST", "/clock/resume")[1] == {"now": "2030-01-07T08:10:00Z", "frozen": False}
    real.advance(timedelta(minutes=5))
    assert control(client, "GET", "/clock")[1] == {"now": "2030-01-07T08:15:00Z", "frozen": False}


def test_advancing_the_clock_moves_what_free_answers(client, api) -> None:
    def first_free_class() -> str:
        return api.get(f"/api/free/{CLASSES}.json?maxresults=1").get_json()["slots"][0]["start"]

    assert first_free_class() == f"{TOMORROW} 09:00:00"  # tomorrow's spinning is full

    control(client, "POST", "/clock/advance", json={"days": 1, "hours": 2})  # Tuesday 11:00 in Amsterdam

    assert first_free_class() == "2030-01-09 09:00:00"


# --- faults ----------------------------------------------------------------------------------------


def test_a_status_fault_makes_the_sdk_raise_with_that_status(served) -> None:
    rule = requests.post(
        f"{served.url}/_fakesaas/faults",
        json={"action": "status", "status": 503, "path": "/api/schedules*"},
        timeout=5,
    )
    assert rule.status_code == 201
    assert rule.json()["id"] == 1
    sdk = sdk_client(served.url)

    with pytest.raises(SuperSaaS.Error) as caught:
        sdk.schedules.list()

    cause = caught.value.__cause__
    assert cause.code == 503
    with cause:
        assert error_titles(json.loads(cause.read())) == ["Service unavailable (injected fault 1)"]
    assert len(sdk.users.list()) == 3  # other paths answer as usual


def test_a_rule_with_a_count_fires_that_many_times_then_goes_away(client) -> None:
    control(client, "POST", "/faults", json={"action": "status", "status": 500, "count": 2})

    assert statuses(client, "/api/schedules.json", 3) == [500, 500, 200]
    assert control(client, "GET", "/faults")[1]["rules"] == []


def test_a_probability_rule_fails_the_same_requests_for_the_same_seed(client) -> None:
    def run(seed: int) -> list[int]:
        control(client, "DELETE", "/faults", json={"seed": seed})
        control(client, "POST", "/faults", json={"action": "status", "status": 500, "probability": 0.5})
        return statuses(client, "/api/schedules.json", 20)

    first = run(7)
    assert set(first) == {200, 500}
    assert run(7) == first
    assert run(8) != first


def test_a_latency_rule_delays_the_answer(served) -> None:
    requests.post(
        f"{served.url}/_fakesaas/faults",
        json={"action": "latency", "latency_ms": 200, "path": "/api/schedules*"},
        timeout=5,
    )

    started = time.perf_counter()
    response = requests.get(f"{served.url}/api/schedules.json", auth=DEMO_AUTH, timeout=5)
    elapsed = time.perf_counter() - started

    assert response.status_code == 200
    assert len(response.json()) == 4
    assert elapsed >= 0.2
    (entry,) = requests.get(f"{served.url}/_fakesaas/requests", timeout=5).json()["requests"]
    assert entry["duration_ms"] >= 200


def test_a_throttle_rule_answers_429_with_retry_after_in_the_services_error_format(client) -> None:
    control(client, "POST", "/faults", json={"action": "throttle", "retry_after": 7})

    as_json = client.get("/api/schedules.json", auth=DEMO_AUTH)
    as_xml = client.get("/api/schedules.xml", auth=DEMO_AUTH)

    assert (as_json.status_code, as_json.headers["Retry-After"]) == (429, "7")
    assert error_titles(as_json.get_json()) == ["Too many requests (injected fault)"]
    assert (as_xml.status_code, as_xml.headers["Retry-After"]) == (429, "7")
    assert etree.fromstring(as_xml.data).findtext("error/status") == "429"


@pytest.fixture(params=["werkzeug", "granian"])
def either_server(app: Flask, request: pytest.FixtureRequest) -> Iterator[ThreadedServer | ProductionServer]:
    """The test server and the one ``fakesaas serve`` runs on."""
    server_class = ThreadedServer if request.param == "werkzeug" else ProductionServer
    with server_class(app, host="127.0.0.1", port=0) as server:
        yield server


def test_a_drop_rule_closes_the_connection_without_an_answer(either_server) -> None:
    served = either_server
    requests.post(f"{served.url}/_fakesaas/faults", json={"action": "drop", "path": "/api/users*"}, timeout=5)
    # A client on a kept-alive connection of its own is not the one dropped.
    bystander = requests.Session()
    assert bystander.get(f"{served.url}/api/schedules.json", auth=DEMO_AUTH, timeout=5).status_code == 200

    with pytest.raises(requests.ConnectionError, match=r"without response|Connection aborted|reset"):
        requests.get(f"{served.url}/api/users.json", auth=DEMO_AUTH, timeout=5)
    assert bystander.get(f"{served.url}/api/groups.json", auth=DEMO_AUTH, timeout=5).status_code == 200

    with pytest.raises(requests.ConnectionError):
        requests.get(f"{served.url}/api/users.json", auth=DEMO_AUTH, timeout=5)
    with pytest.raises(ConnectionError):  # urllib under the SDK: the server hung up
        sdk_client(served.url).users.list()

    assert requests.get(f"{served.url}/api/schedules.json", auth=DEMO_AUTH, timeout=5).status_code == 200
    requests.delete(f"{served.url}/_fakesaas/faults", timeout=5)
    assert requests.get(f"{served.url}/api/users.json", auth=DEMO_AUTH, timeout=5).status_code == 200


def test_a_rule_matches_by_method_path_glob_and_account(client, api) -> None:
    rule = {"action": "status", "status": 500, "method": "delete", "path": "/api/bookings/*"}
    rule["account"] = "DEMO"  # accounts match whatever their case
    control(client, "POST", "/faults", json=rule)

    assert api.get(f"/api/bookings/{ALICE_ROOM_1}.json").status_code == 200  # another method
    assert api.delete("/api/users/1000002.json").status_code == 200  # another path
    assert api.delete(f"/api/bookings/{ALICE_ROOM_1}.json").status_code == 500
    # The fault answered before the API did: the booking is still there.
    assert api.get(f"/api/bookings/{ALICE_ROOM_1}.json").get_json()["deleted"] is False

    control(client, "POST", "/seed", json=ACME)
    control(client, "DELETE", "/faults")
    control(client, "POST", "/faults", json={"action": "status", "status": 502, "account": "acme"})
    assert statuses(client, "/api/schedules.json", 1, auth=ACME_AUTH) == [502]
    assert statuses(client, "/api/schedules.json", 1) == [200]


def test_fault_rules_are_listed_and_removed_one_by_one_or_all_at_once(client) -> None:
    first = control(client, "POST", "/faults", json={"action": "status", "path": "/api/users*"})[1]
    second = control(client, "POST", "/faults", json={"action": "throttle", "path": "/api/groups*"})[1]
    assert first == {
        "id": 1, "action": "status", "method": "*", "path": "/api/users*", "service": None, "account": None,
        "status": 500, "latency_ms": 0, "retry_after": 1, "count": None, "probability": 1.0, "fired": 0,
    }  # fmt: skip
    assert [r["id"] for r in control(client, "GET", "/faults")[1]["rules"]] == [1, 2]

    assert control(client, "DELETE", f"/faults/{first['id']}") == (200, {"deleted": 1})
    assert control(client, "GET", "/faults")[1]["rules"] == [{**second, "fired": 0}]
    assert statuses(client, "/api/users.json", 1) == [200]
    assert control(client, "DELETE", "/faults/99") == (404, {"error": "no fault rule 99"})

    assert control(client, "DELETE", "/faults") == (200, {"rules": [], "rate_limits": {}})
    assert statuses(client, "/api/groups.json", 1) == [200]


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ({"action": "explode"}, "action must be one of latency, status, throttle, drop"),
        ({"action": "status", "status": 99}, "status must be an HTTP status"),
        ({"action": "status", "status": "bad"}, "status must be a number"),
        ({"action": "status", "probability": 1.5}, "probability is 0..1"),
        ({"action": "status", "count": 0}, "count >= 1"),
        ({"action": "latency", "latency_ms": -5}, "latency_ms >= 0"),
        (["status"], "the body must be a JSON object"),
    ],
)
def test_a_fault_rule_that_cannot_be_understood_is_a_400_naming_the_field(client, rule, message) -> None:
    status, body = control(client, "POST", "/faults", json=rule)
    assert status == 400
    assert message in body["error"]
    assert control(client, "GET", "/faults")[1]["rules"] == []


def test_faults_never_touch_the_control_plane_itself(client) -> None:
    control(client, "POST", "/faults", json={"action": "status", "status": 500, "path": "*"})

    assert control(client, "GET", "/")[0] == 200
    assert control(client, "DELETE", "/faults")[0] == 200
    assert statuses(client, "/api/schedules.json", 1) == [200]


# --- rate limit ------------------------------------------------------------------------------------


def test_a_rate_limit_throttles_that_account_only_until_it_is_lifted(client) -> None:
    control(client, "POST", "/seed", json=ACME)

    assert control(client, "PUT", "/rate-limit", json={"account": "demo", "per_second": 2}) == (
        200,
        {"rate_limits": {"demo": 2.0}},
    )
    answers = [client.get("/api/schedules.json", auth=DEMO_AUTH) for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert answers[2].headers["Retry-After"] == "1"
    assert "rate limit" in error_titles(answers[2].get_json())[0]
    assert statuses(client, "/api/schedules.json", 3, auth=ACME_AUTH) == [200, 200, 200]
    assert control(client, "GET", "/faults")[1]["rate_limits"] == {"demo": 2.0}

    assert control(client, "PUT", "/rate-limit", json={"account": "demo", "per_second": 0})[1] == {
        "rate_limits": {}
    }
    assert statuses(client, "/api/schedules.json", 3) == [200, 200, 200]


@pytest.mark.parametrize(
    ("body", "message"),
    [({"per_second": 2}, 'send {"account"'), ({"account": "demo", "per_second": "fast"}, "must be a number")],
)
def test_a_rate_limit_without_account_or_number_is_a_400(client, body, message) -> None:
    status, answer = control(client, "PUT", "/rate-limit", json=body)
    assert status == 400
    assert message in answer["error"]


# --- journal ---------------------------------------------------------------------------------------


def test_the_journal_records_each_api_request_with_what_was_asked_and_answered(client, api) -> None:
    api.post("/api/bookings.json?webhook=false", json=NEW_BOOKING)
    api.post("/api/users.json", data={"user[name]": "form@example.com"})

    status, body = control(client, "GET", "/requests")

    assert status == 200
    booking, user = body["requests"]
    assert booking["seq"] < user["seq"]
    assert booking["at"] == T0.isoformat()
    assert (booking["method"], booking["path"]) == ("POST", "/api/bookings.json")
    assert booking["query"] == "webhook=false"
    assert json.loads(booking["body"]) == NEW_BOOKING
    assert (booking["status"], booking["account"], booking["hints"]) == (201, ACCOUNT, [])
    assert booking["route"].startswith("/api/bookings.")
    assert isinstance(booking["duration_ms"], float)
    assert booking["duration_ms"] >= 0
    assert (user["body"], user["status"]) == ("user[name]=form@example.com", 201)


def test_the_journal_can_be_filtered_and_limited(client, api) -> None:
    control(client, "POST", "/seed", json=ACME)
    api.get("/api/schedules.json")
    api.get("/api/users.json")
    api.get("/api/users/999.json")
    api.get("/api/users.json", auth=ACME_AUTH)
    api.post("/api/bookings.json", json=NEW_BOOKING)

    def paths(query: str) -> list[str]:
        return [(e["method"], e["path"]) for e in control(client, "GET", f"/requests?{query}")[1]["requests"]]

    assert paths("method=post") == [("POST", "/api/bookings.json")]
    assert paths("path=users") == [
        ("GET", "/api/users.json"),
        ("GET", "/api/users/999.json"),
        ("GET", "/api/users.json"),
    ]
    assert paths("status=404") == [("GET", "/api/users/999.json")]
    assert paths("account=acme") == [("GET", "/api/users.json")]
    assert paths("limit=2") == [("GET", "/api/users.json"), ("POST", "/api/bookings.json")]
    assert paths("method=GET&path=users&account=demo&limit=1") == [("GET", "/api/users/999.json")]


def test_an_unmatched_request_is_answered_and_journaled_with_the_closest_routes(client, api) -> None:
    api.get("/api/schedules.json")
    answer = api.get("/api/bookinks")

    assert answer.status_code == 404
    assert "closest: GET POST /api/bookings" in error_titles(answer.get_json())[0]
    (entry,) = control(client, "GET", "/requests?unmatched=true")[1]["requests"]
    assert (entry["path"], entry["route"], entry["status"]) == ("/api/bookinks", None, 404)
    assert entry["hints"][0] == "GET POST /api/bookings"


def test_control_calls_stay_out_of_the_journal_and_it_can_be_cleared(client, api) -> None:
    api.get("/api/schedules.json")
    control(client, "GET", "/clock")
    control(client, "GET", "/state")

    assert [e["path"] for e in control(client, "GET", "/requests")[1]["requests"]] == ["/api/schedules.json"]
    assert control(client, "DELETE", "/requests") == (200, {"requests": []})
    assert control(client, "GET", "/requests")[1] == {"requests": [], "more": False}


# --- without the control plane --------------------------------------------------------------------


def test_without_control_the_prefix_is_an_unknown_api_path_and_the_api_is_intact() -> None:
    world = World(ManualClock(T0))
    client = create_app(Settings(seed="demo", control=False), world).test_client()

    for method, path in (("GET", "/_fakesaas/"), ("POST", "/_fakesaas/reset"), ("PUT", "/_fakesaas/clock")):
        answer = client.open(path, method=method, json={"now": "2031-01-01T00:00:00Z"})
        # Nobody owns the path: a neutral answer, not SuperSaaS's error document.
        assert answer.status_code == 404
        assert answer.get_json()["error"].startswith("Not found")
    assert world.clock.now() == T0
    assert client.get("/api/schedules.json", auth=DEMO_AUTH).get_json()[0]["name"] == "Rooms"
    created = client.post("/api/bookings.json", json=NEW_BOOKING, auth=DEMO_AUTH)
    assert created.status_code == 201
