"""Who may steer the emulator: no webhook delivery (not even one aimed at the emulator itself), no
loop of deliveries, and, when a control token is set, only its holders; where webhooks may go."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from fakesaas import create_app
from fakesaas.app import exposure_defaults
from fakesaas.core.clock import ManualClock
from fakesaas.core.targets import TargetMode, TargetPolicy, TargetsError
from fakesaas.core.world import World
from fakesaas.server import ThreadedServer
from fakesaas.settings import Settings
from tests.support import ACCOUNT, ALICE_FK, API_KEY, T0, supersaas_state

AUTH = (ACCOUNT, API_KEY)


@pytest.fixture
def served() -> Iterator[tuple[str, World]]:
    world = World(ManualClock(T0))
    app = create_app(Settings(seed="demo"), world)
    world.webhooks.backoff = 0.01
    with ThreadedServer(app) as server:
        yield server.url, world
    world.webhooks.stop()


def _settled(url: str, count: int) -> list[dict[str, Any]]:
    deadline = time.monotonic() + 5
    while True:
        log = requests.get(f"{url}/_fakesaas/webhooks", timeout=5).json()
        if (log["idle"] and len(log["webhooks"]) >= count) or time.monotonic() > deadline:
            return list(log["webhooks"])
        time.sleep(0.02)


def _hook(url: str, event: str, parent: object, target: str) -> requests.Response:
    body = {"event": event, "parent_id": parent, "target_url": target}
    return requests.post(f"{url}/api/hooks.json", json=body, auth=AUTH, timeout=5)


def test_a_hook_aimed_at_the_control_plane_cannot_steer_the_emulator(served) -> None:
    url, world = served
    for path in ("/_fakesaas/reset?account=demo", "/_fakesaas/clock/advance?days=3650", "/_fakesaas/faults"):
        assert _hook(url, "U", ACCOUNT, url + path).status_code == 201
    clock_before = world.clock.now()

    created = requests.post(
        f"{url}/api/users.json?webhook=true", json={"user": {"name": "new@example.com"}}, auth=AUTH, timeout=5
    )

    assert created.status_code == 201
    log = _settled(url, 3)
    assert [entry["last_status"] for entry in log] == [403, 403, 403]
    assert world.clock.now() == clock_before
    assert world.faults.rules == []
    assert supersaas_state(world).account(ACCOUNT).users.named("new@example.com") is not None  # not reset


def test_a_hook_aimed_at_its_own_api_fires_once_not_for_ever(served) -> None:
    """A changed-user hook whose target changes that user again, with webhook=true."""
    url, world = served
    target = f"{url}/api/users/{ALICE_FK}.json?account={ACCOUNT}&api_key={API_KEY}&webhook=true"
    assert _hook(url, "M", ACCOUNT, target).status_code == 201

    requests.put(
        f"{url}/api/users/{ALICE_FK}.json?webhook=true", json={"user": {"phone": "1"}}, auth=AUTH, timeout=5
    )

    time.sleep(0.5)  # long enough for a loop to go round many times
    log = _settled(url, 2)
    assert [entry["status"] for entry in log] == ["delivered", "refused"]
    assert "loop guard" in log[1]["refused"]
    changes = supersaas_state(world).account(ACCOUNT).changes
    assert len([c for c in changes if c.webhook]) == 2  # the test's change and the delivery's, no more


def test_a_receivers_answer_is_kept_only_in_part(served) -> None:
    url, _ = served
    assert _hook(url, "U", ACCOUNT, f"{url}/openapi.json").status_code == 201
    requests.post(f"{url}/api/users.json?webhook=true", json={"user": {"name": "n@example.com"}}, auth=AUTH)
    (entry,) = _settled(url, 1)
    assert len(entry["history"][0]["response"]) <= 256


# --- the control token ---------------------------------------------------------------------------------


def test_with_a_token_the_control_plane_answers_only_its_holders() -> None:
    client = create_app(Settings(seed="demo", control_token="s3cret"), World(ManualClock(T0))).test_client()

    refused = client.post("/_fakesaas/reset")
    assert refused.status_code == 401
    assert refused.headers["WWW-Authenticate"].startswith("Bearer")
    assert client.get("/_fakesaas/state", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/_fakesaas/state", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    assert client.get("/_fakesaas/clock", headers={"X-Fakesaas-Token": "s3cret"}).status_code == 200
    assert client.get("/_fakesaas/health").status_code == 200  # never needs it
    assert client.get("/api/schedules.json", auth=AUTH).status_code == 200  # the API is not behind it


def test_an_exposed_emulator_makes_up_a_token_unless_told_otherwise() -> None:
    assert exposure_defaults(Settings(host="127.0.0.1")).control_token is None
    made_up = exposure_defaults(Settings(host="0.0.0.0")).control_token
    assert made_up is not None
    assert len(made_up) >= 24
    assert exposure_defaults(Settings(host="0.0.0.0")).control_token != made_up
    assert exposure_defaults(Settings(host="0.0.0.0", control_token="mine")).control_token == "mine"
    assert exposure_defaults(Settings(host="0.0.0.0", insecure_control=True)).control_token is None
    assert exposure_defaults(Settings(host="0.0.0.0", control=False)).control_token is None


def test_the_health_check_answers_without_the_control_plane() -> None:
    client = create_app(Settings(seed="demo", control=False), World(ManualClock(T0))).test_client()
    answer = client.get("/_fakesaas/health")
    assert (answer.status_code, answer.get_json()["status"]) == (200, "ok")
    assert client.get("/_fakesaas/").status_code == 404


# --- where webhooks may go ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("policy", "url", "allowed"),
    [
        ("any", "http://169.254.169.254/latest/meta-data", True),
        ("public", "http://169.254.169.254/latest/meta-data", False),
        ("public", "http://10.0.0.1:6379/", False),
        ("public", "http://127.0.0.1:9000/hook", False),
        ("public", "http://[::1]:9000/hook", False),
        ("public", "http://93.184.216.34/hook", True),
        ("none", "http://93.184.216.34/hook", False),
        ("127.0.0.1:9000,*.example.com", "http://127.0.0.1:9000/hook", True),
        ("127.0.0.1:9000,*.example.com", "http://127.0.0.1:9001/hook", False),
        ("127.0.0.1:9000,*.example.com", "https://hooks.example.com/x", True),
        ("127.0.0.1:9000,*.example.com", "http://example.com.evil.net/x", False),
    ],
)
def test_the_webhook_target_policy(policy: str, url: str, allowed: bool) -> None:
    assert (TargetPolicy.parse(policy).refusal(url, resolve=lambda host: []) is None) is allowed


def test_a_public_policy_checks_every_address_a_name_resolves_to() -> None:
    policy = TargetPolicy(TargetMode.PUBLIC)
    assert policy.refusal("http://hooks.test/x", resolve=lambda host: ["93.184.216.34"]) is None
    assert "not a public address" in (
        policy.refusal("http://hooks.test/x", resolve=lambda host: ["93.184.216.34", "10.1.2.3"]) or ""
    )
    assert "does not resolve" in (policy.refusal("http://nowhere.test/", resolve=lambda host: []) or "")


@pytest.mark.parametrize("bad", ["", " , ", "http://x/y", "a b"])
def test_a_bad_target_list_is_refused(bad: str) -> None:
    with pytest.raises(TargetsError):
        TargetPolicy.parse(bad)


def test_a_hook_to_a_target_the_policy_refuses_is_a_400_and_is_never_sent() -> None:
    world = World(ManualClock(T0))
    client = create_app(Settings(seed="demo", webhook_targets="127.0.0.1:9000"), world).test_client()
    body = {"event": "U", "parent_id": ACCOUNT, "target_url": "http://10.0.0.1:6379/"}
    refused = client.post("/api/hooks.json", json=body, auth=AUTH)
    assert refused.status_code == 400
    assert "not allowed here" in refused.get_json()["errors"][0]["title"]
    assert client.get("/api/hooks.json", auth=AUTH).get_json() == []


def test_an_exposed_emulator_sends_webhooks_to_public_hosts_only() -> None:
    world = World(ManualClock(T0))
    app = create_app(Settings(seed="demo", host="0.0.0.0", insecure_control=True), world)
    assert world.webhooks.policy.mode is TargetMode.PUBLIC
    body = {"event": "U", "parent_id": ACCOUNT, "target_url": "http://169.254.169.254/"}
    assert app.test_client().post("/api/hooks.json", json=body, auth=AUTH).status_code == 400
