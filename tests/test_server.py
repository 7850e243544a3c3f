"""The in-process servers (werkzeug's for tests, granian's for ``fakesaas serve``): bind 127.0.0.1 on a
free port, serve real HTTP, stop on request."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from typing import Any

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


# --- request bodies that stall (issue 17, item 2) ----------------------------------------------

DEMO_BASIC = "Authorization: Basic ZGVtbzpkZW1vLWFwaS1rZXk=\r\n"  # demo:demo-api-key
JSON_FROM_LOOPBACK = "Host: 127.0.0.1\r\nContent-Type: application/json\r\n"


@pytest.fixture(params=["werkzeug", "granian"])
def impatient_server(request: pytest.FixtureRequest) -> Iterator[ThreadedServer | ProductionServer]:
    """Either server, waiting at most one second for a request body."""
    server_class = ThreadedServer if request.param == "werkzeug" else ProductionServer
    with server_class(create_app(Settings(seed="demo", body_timeout=1.0))) as server:
        yield server


def _stall(port: int, path: str, chunked: bool) -> socket.socket:
    """A client that sends a POST's headers and 10 bytes of its body, then nothing more."""
    connection = socket.create_connection(("127.0.0.1", port), timeout=10)
    framing = "Transfer-Encoding: chunked\r\n" if chunked else "Content-Length: 1000\r\n"
    head = f"POST {path} HTTP/1.1\r\n{JSON_FROM_LOOPBACK}{DEMO_BASIC}{framing}\r\n"
    connection.sendall(head.encode() + (b'a\r\n{"user": {\r\n' if chunked else b'{"user": {'))
    return connection


def _answer_of(connection: socket.socket) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of the one answer on ``connection``, which the server then closes."""
    received = b""
    while chunk := connection.recv(65536):
        received += chunk
    connection.close()
    head, _, body = received.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {name.lower(): value.strip() for name, _, value in (line.partition(":") for line in lines)}
    return int(status_line.split()[1]), headers, body


def test_stalled_uploads_hold_up_no_other_request_and_get_408_in_their_services_shape(
    impatient_server: ThreadedServer | ProductionServer,
) -> None:
    served = impatient_server
    stalled = [_stall(served.port, "/api/users.json", chunked=n % 2 == 1) for n in range(6)]
    stalled += [_stall(served.port, "/simplybook/login", chunked=False)]
    stalled += [_stall(served.port, "/_fakesaas/seed", chunked=True)]
    time.sleep(0.2)  # every one of them is now waiting for the rest of its body

    started = time.monotonic()
    users = requests.get(f"{served.url}/api/users.json", auth=("demo", "demo-api-key"), timeout=5)
    clock = requests.get(f"{served.url}/_fakesaas/clock", timeout=5)
    elapsed = time.monotonic() - started
    assert (users.status_code, clock.status_code) == (200, 200)
    assert elapsed < 0.5, f"a GET waited {elapsed:.2f} s behind stalled uploads"

    answers = [_answer_of(connection) for connection in stalled]
    assert time.monotonic() - started < 3
    message = "Request timeout: the request body did not arrive within 1 s"
    for status, headers, body in answers[:6]:
        assert status == 408
        assert headers.get("connection") == "close"
        assert json.loads(body) == {"errors": [{"status": "408", "title": message}]}
    simplybook_status, _, simplybook_body = answers[6]
    assert simplybook_status == 408
    assert set(json.loads(simplybook_body)) == {"jsonrpc", "error", "id"}  # JSON-RPC's error shape
    control_status, _, control_body = answers[7]
    assert control_status == 408
    assert json.loads(control_body) == {"error": message}
    # Nothing of the stalled bodies reached the world.
    after = requests.get(f"{served.url}/api/users.json", auth=("demo", "demo-api-key"), timeout=5)
    assert len(after.json()) == 3


def test_a_body_that_arrives_in_parts_within_the_deadline_is_served(
    impatient_server: ThreadedServer | ProductionServer,
) -> None:
    body = json.dumps({"user": {"name": "slow@example.com"}}).encode()
    for chunked in (False, True):
        connection = socket.create_connection(("127.0.0.1", impatient_server.port), timeout=10)
        framing = "Transfer-Encoding: chunked\r\n" if chunked else f"Content-Length: {len(body)}\r\n"
        connection.sendall(
            f"POST /api/users.json HTTP/1.1\r\n{JSON_FROM_LOOPBACK}{DEMO_BASIC}"
            f"{framing}Connection: close\r\n\r\n".encode()
        )
        parts = [body[:10], body[10:]]
        for part in parts:
            time.sleep(0.3)
            connection.sendall(f"{len(part):x}\r\n".encode() + part + b"\r\n" if chunked else part)
        if chunked:
            connection.sendall(b"0\r\n\r\n")
        status, headers, _ = _answer_of(connection)
        assert status == 201, (chunked, status)
        assert "/api/users/" in headers["location"]
        body = body.replace(b"slow@", b"slower@")


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_a_body_past_the_limit_is_refused_413_without_being_read_to_its_end(
    impatient_server: ThreadedServer | ProductionServer, chunked: bool
) -> None:
    connection = socket.create_connection(("127.0.0.1", impatient_server.port), timeout=10)
    size = (1 << 20) + 1
    framing = "Transfer-Encoding: chunked\r\n" if chunked else f"Content-Length: {50 * size}\r\n"
    connection.sendall(
        f"POST /api/users.json HTTP/1.1\r\n{JSON_FROM_LOOPBACK}{DEMO_BASIC}{framing}\r\n".encode()
    )
    if chunked:  # one byte past the limit, then the client would go on for ever
        connection.sendall(f"{size:x}\r\n".encode() + b"x" * size + b"\r\n")
    status, _, body = _answer_of(connection)
    assert status == 413
    assert "limited to 1 MiB" in body.decode()


def test_both_servers_take_the_body_deadline_from_the_settings() -> None:
    app = create_app(Settings.from_env({"FAKESAAS_BODY_TIMEOUT": "0.5"}, seed="none"))
    with ThreadedServer(app) as threaded, ProductionServer(app) as production:
        assert (threaded.body_timeout, production.body_timeout) == (0.5, 0.5)
    with ThreadedServer(app, body_timeout=3) as given:
        assert given.body_timeout == 3


@pytest.mark.parametrize("server_kind", [ProductionServer, ThreadedServer], ids=["granian", "werkzeug"])
def test_a_route_that_takes_more_than_the_body_limit_gets_its_whole_body(server_kind: Any) -> None:
    """Seats.io's chart drawings run to megabytes (the official suite posts one of 2.6 MB) while
    --max-body-bytes is 1 MiB: the servers read a body up to the most any route takes, and the
    other routes still refuse a body over the limit."""
    import base64

    from fakesaas.seatsio.domain.state import DEFAULT_SYSTEM_SECRET

    app = create_app(Settings(seed="none"))
    with server_kind(app) as server:
        system = (DEFAULT_SYSTEM_SECRET, "")
        company = requests.post(
            f"{server.url}/seatsio/system/private/create-test-company", auth=system, timeout=30
        )
        key = company.json()["admin"]["secretKey"]
        padding = [{"label": f"pad-{number}", "x": 0} for number in range(40_000)]
        drawing = {"name": "big", "categories": {"list": []}, "subChart": {"rows": []}, "padding": padding}
        body = json.dumps(drawing).encode()
        assert len(body) > app.config["MAX_CONTENT_LENGTH"]
        created = requests.post(
            f"{server.url}/seatsio/system/public/charts/big-chart", data=body, auth=(key, ""), timeout=60
        )
        assert created.status_code == 201, created.text[:300]
        too_big = requests.post(
            f"{server.url}/api/bookings.json", data=body, timeout=60,
            headers={"Authorization": "Basic " + base64.b64encode(b"demo:demo-api-key").decode()},
        )  # fmt: skip
        assert too_big.status_code == 413


@pytest.mark.parametrize("server_class", [ThreadedServer, ProductionServer], ids=["werkzeug", "granian"])
def test_the_journal_keeps_the_headers_as_sent_whichever_server_took_them(server_class: Any) -> None:
    """granian's bridge names the header keys for the journal (``HEADER_KEYS``) instead of the
    journal scanning the environ: a repeated header, the body's type and length, and a Host the
    client sent all show as werkzeug's server gives them."""
    body = b'{"user": {"name": "journal@example.com"}}'
    head = (
        "POST /api/users.json HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"{DEMO_BASIC}X-Trace: first\r\nX-Trace: second\r\nConnection: close\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    with server_class(create_app(Settings(seed="demo"))) as server:
        connection = socket.create_connection(("127.0.0.1", server.port), timeout=10)
        connection.sendall(head.encode() + body)
        status, _, _ = _answer_of(connection)
        assert status == 201
        (entry,) = requests.get(f"{server.url}/_fakesaas/requests", timeout=5).json()["requests"]
    assert entry["headers"] == {
        "Host": "127.0.0.1",
        "Content-Type": "application/json",
        "Authorization": "[redacted]",
        "X-Trace": "first,second",
        "Connection": "close",
        "Content-Length": str(len(body)),
    }


# --- bodies read without the loop's thread (bridge.BridgeLoop) ---------------------------------------


def test_a_server_that_took_many_bodies_keeps_none_of_them_once_answered() -> None:
    """Each body is read by granian and answered from the read's completion. granian's awaitable
    keeps its done-callback for good and is not in the cyclic GC, so a callback that kept the
    awaitable would keep every request with a body, its environ and its body, for ever."""
    import gc

    from fakesaas.bridge import _BodyArrival

    padding = "x" * 10_000
    with ProductionServer(create_app(Settings(seed="demo"))) as server, requests.Session() as session:
        for number in range(200):
            answer = session.post(
                f"{server.url}/api/users.json",
                json={"user": {"name": f"kept-{number}@example.com", "address": padding}},
                auth=("demo", "demo-api-key"),
                timeout=10,
            )
            assert answer.status_code == 201, answer.text[:200]
        gc.collect()
        alive = sum(1 for thing in gc.get_objects() if type(thing) is _BodyArrival)
    assert alive <= 2  # at most one under way when counted


def test_a_client_that_goes_away_mid_body_changes_nothing_and_the_next_is_served() -> None:
    with ProductionServer(create_app(Settings(seed="demo"))) as server:
        for _ in range(5):
            connection = socket.create_connection(("127.0.0.1", server.port), timeout=10)
            head = f"POST /api/users.json HTTP/1.1\r\n{JSON_FROM_LOOPBACK}{DEMO_BASIC}Content-Length: 999\r\n"
            connection.sendall(head.encode() + b'\r\n{"user": {"name": "gone@')
            connection.close()
        time.sleep(0.3)
        users = requests.get(f"{server.url}/api/users.json", auth=("demo", "demo-api-key"), timeout=5)
        assert users.status_code == 200
        assert len(users.json()) == 3  # the demo's three, nothing half-made
        made = requests.post(
            f"{server.url}/api/users.json",
            json={"user": {"name": "after@example.com"}},
            auth=("demo", "demo-api-key"),
            timeout=5,
        )
        assert made.status_code == 201
