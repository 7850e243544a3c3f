"""The in-process server: binds 127.0.0.1 on a free port, serves real HTTP, stops on request."""

from __future__ import annotations

import requests

from fakesaas import create_app
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
