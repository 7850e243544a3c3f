"""``fakesaas.Control``: the control API from Python against a served emulator, and ``fakesaas wait``."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import requests

from fakesaas import Control, ControlError, create_app
from fakesaas.core.clock import ManualClock, VirtualClock
from fakesaas.core.world import World
from fakesaas.server import ThreadedServer
from fakesaas.settings import Settings
from tests.support import ACCOUNT, API_KEY, T0

AUTH = (ACCOUNT, API_KEY)


@pytest.fixture
def served() -> Iterator[str]:
    with ThreadedServer(create_app(Settings(seed="demo"), World(VirtualClock(ManualClock(T0))))) as server:
        yield server.url


def test_the_client_steers_a_served_emulator(served: str) -> None:
    control = Control(served)
    control.wait(timeout=5)
    assert control.health()["status"] == "ok"

    control.freeze()
    moved = control.advance(days=1, hours=2)
    assert moved == datetime(2030, 1, 8, 10, 0, tzinfo=UTC)
    assert control.now() == moved
    assert control.set_time(datetime(2030, 3, 1, 12, 0)) == datetime(2030, 3, 1, 12, 0, tzinfo=UTC)

    rule = control.fault(action="status", status=503, path="/api/users*", count=1)
    assert requests.get(f"{served}/api/users.json", auth=AUTH, timeout=5).status_code == 503
    assert control.faults()["rules"] == []  # count=1: gone after firing
    assert rule["id"] == 1
    control.rate_limit(ACCOUNT, 100)
    assert control.faults()["rate_limits"] == {"demo": 100}
    control.clear_faults(seed=7)

    assert [entry["status"] for entry in control.requests(path="/api/users")] == [503]
    control.clear_requests()
    assert control.requests() == []

    control.seed({"supersaas": {"accounts": [{"name": "acme", "api_key": "k", "password": "p"}]}})
    assert [a["name"] for a in control.state(service="supersaas")["accounts"]] == ["demo", "acme"]
    assert control.state(account="acme")["api_key"] == "k"
    assert control.reset(clock=True)["accounts"] == ["demo"]
    assert control.webhooks() == []


def test_a_refusal_raises_with_the_status_and_message(served: str) -> None:
    control = Control(served)
    with pytest.raises(ControlError) as caught:
        control.fault(action="explode")
    assert caught.value.status == 400
    assert "action must be one of" in caught.value.message
    with pytest.raises(ControlError) as missing:
        control.state(account="nobody")
    assert missing.value.status == 404


def test_the_client_sends_the_control_token() -> None:
    app = create_app(Settings(seed="demo", control_token="t0k"), World(ManualClock(T0)))
    with ThreadedServer(app) as server:
        with pytest.raises(ControlError) as caught:
            Control(server.url).now()
        assert caught.value.status == 401
        assert Control(server.url, token="t0k").now() == T0


def test_an_emulator_that_is_not_there_is_a_clear_error() -> None:
    with pytest.raises(ControlError, match="cannot reach"):
        Control("http://127.0.0.1:9").health()


@pytest.mark.slow
def test_fakesaas_wait_returns_quietly_once_up_and_fails_in_one_line_when_not(served: str) -> None:
    up = subprocess.run([sys.executable, "-m", "fakesaas", "wait", served, "--timeout", "5"],
                        capture_output=True, text=True, timeout=30)  # fmt: skip
    assert (up.returncode, up.stdout, up.stderr) == (0, "", "")
    command = [sys.executable, "-m", "fakesaas", "wait", "http://127.0.0.1:9", "--timeout", "0.3"]
    down = subprocess.run(command, capture_output=True, text=True, timeout=30)
    assert down.returncode == 1
    assert down.stdout == ""
    assert down.stderr.startswith("fakesaas: http://127.0.0.1:9/_fakesaas/health did not answer within 0.3 s")
    assert down.stderr.count("\n") == 1
