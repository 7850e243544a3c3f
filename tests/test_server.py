"""The in-process servers (werkzeug's for tests, granian's for ``fakesaas serve``): bind 127.0.0.1 on a
free port, serve real HTTP, stop on request."""

from __future__ import annotations

import pytest
import requests

from fakesaas import cli, create_app, production
from fakesaas.production import ProductionServer
from fakesaas.server import ThreadedServer
from fakesaas.settings import Settings


def test_threaded_server_serves_on_loopback_and_stops() -> None:
    with ThreadedServer(create_app(Settings(seed="demo"))) as server:
        assert server.host == "127.0.0.1"
        assert server.port > 0
        response = requests.get(f"{server.url}/api/users.json", auth=("demo", "demo-api-key"), timeout=5)
        assert response.status_code == 200
        assert len(response.json()) == 3
    try:
        requests.get(server.url, timeout=1)
    except requests.ConnectionError:
        pass
    else:
        raise AssertionError("the server still answers after stop()")


def test_two_apps_in_one_process_share_nothing() -> None:
    first, second = create_app(Settings(seed="demo")), create_app(Settings(seed="demo"))
    auth = ("demo", "demo-api-key")
    body = {"user": {"name": "only-in-first@example.com"}}
    assert first.test_client().post("/api/users.json", json=body, auth=auth).status_code == 201
    assert len(first.test_client().get("/api/users.json", auth=auth).get_json()) == 4
    assert len(second.test_client().get("/api/users.json", auth=auth).get_json()) == 3


def test_production_server_serves_on_a_real_port_and_releases_it_on_stop() -> None:
    with ProductionServer(create_app(Settings(seed="demo"))) as server:
        assert server.host == "127.0.0.1"
        assert server.port > 0
        assert server.url == f"http://127.0.0.1:{server.port}"
        session = requests.Session()  # a kept-alive connection must not outlive stop() either
        response = session.get(f"{server.url}/api/users.json", auth=("demo", "demo-api-key"), timeout=5)
        assert response.status_code == 200
        assert len(response.json()) == 3
    with pytest.raises(requests.ConnectionError):
        requests.get(server.url, timeout=1)
    with pytest.raises(requests.ConnectionError):
        session.get(f"{server.url}/api/users.json", auth=("demo", "demo-api-key"), timeout=1)


def test_production_server_writes_and_answers_with_its_own_location() -> None:
    slot = {"start": "2031-01-08 12:00:00", "finish": "2031-01-08 13:00:00", "full_name": "Ann"}
    body = {"schedule_id": 100001, "booking": slot}
    with ProductionServer(create_app(Settings(seed="demo")), threads=2) as server:
        created = requests.post(
            f"{server.url}/api/bookings.json", json=body, auth=("demo", "demo-api-key"), timeout=5
        )
        assert created.status_code == 201
        assert created.headers["location"].startswith(f"{server.url}/api/bookings/")
        again = requests.get(created.headers["location"], auth=("demo", "demo-api-key"), timeout=5)
        assert again.json()["full_name"] == "Ann"


def test_production_server_refuses_a_port_that_is_taken() -> None:
    # No port sharing (SO_REUSEPORT): two emulators on one port would split requests between two worlds.
    with ThreadedServer(create_app(Settings(seed="none"))) as taken, pytest.raises(OSError, match="in use"):
        ProductionServer(create_app(Settings(seed="none")), port=taken.port)


def test_production_server_prints_an_access_log_line_per_request(capfd: pytest.CaptureFixture[str]) -> None:
    with ProductionServer(create_app(Settings(seed="demo")), access_log=True) as server:
        requests.get(f"{server.url}/api/users.json?limit=1", auth=("demo", "demo-api-key"), timeout=5)
        requests.get(f"{server.url}/api/nothing-here", timeout=5)
    lines = capfd.readouterr().err.splitlines()
    assert any('"GET /api/users.json?limit=1 HTTP/1.1" 200' in line for line in lines), lines
    assert any('"GET /api/nothing-here HTTP/1.1" 404' in line for line in lines), lines


def test_serve_falls_back_to_werkzeug_when_granian_cannot_be_embedded(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def unavailable() -> None:
        raise production.GranianUnavailable("granian cannot be embedded: test")

    monkeypatch.setattr(production, "_load_granian", unavailable)
    server = cli._server(create_app(Settings(seed="none")), Settings(port=0), access_log=False)
    assert isinstance(server, ThreadedServer)
    server.stop()
    assert "serving with werkzeug instead" in capsys.readouterr().err
