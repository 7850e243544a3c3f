"""Webhook delivery: changes made with webhook=true reach a local receiver, failures are retried and
logged at /_fakesaas/webhooks, and no receiver can slow down or break an API call."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import SuperSaaS
from flask import Flask

from fakesaas.core.clock import ManualClock
from fakesaas.core.webhooks import Dispatcher
from fakesaas.core.world import World
from fakesaas.server import ThreadedServer
from tests.support import (
    ACCOUNT,
    ALICE,
    ALICE_POTTERY,
    ALICE_ROOM_1,
    API_KEY,
    CLASSES,
    ROOMS,
    T0,
    WENDY_WAITING,
    WORKSHOPS,
    id_from_location,
)

NEW_BOOKING = {"start": "2030-02-01 10:00:00", "finish": "2030-02-01 11:00:00", "full_name": "Hook Tester"}
WAIT_LIMIT = 5.0  # seconds a delivery may take before a test gives up on it


class Receiver:
    """A webhook receiver on 127.0.0.1: keeps every POST and answers the statuses it is given in
    turn (200 once they run out)."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.answers: list[int] = []
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with receiver._lock:
                    receiver.received.append(
                        {
                            "path": self.path,
                            "content_type": self.headers.get("Content-Type"),
                            "body": json.loads(body),
                        }
                    )
                    status = receiver.answers.pop(0) if receiver.answers else 200
                self.send_response(status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    def url(self, path: str = "/hook") -> str:
        return f"http://127.0.0.1:{self._server.server_port}{path}"

    def bodies(self, path: str | None = None) -> list[dict[str, Any]]:
        with self._lock:
            return [r["body"] for r in self.received if path is None or r["path"] == path]

    def start(self) -> Receiver:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(autouse=True)
def quick_retries(world: World) -> Iterator[None]:
    world.webhooks.backoff = 0.01  # retry at once: the delays are the same code path, only shorter
    yield
    world.webhooks.stop()


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 nobody listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def hook(api, event: str, parent: object, url: str) -> dict[str, Any]:
    response = api.post("/api/hooks", json={"event": event, "parent_id": parent, "target_url": url})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def deliveries(api, **query: str) -> dict[str, Any]:
    response = api.get("/_fakesaas/webhooks", query_string=query, auth=None)
    assert response.status_code == 200
    return response.get_json()


def settled(api) -> list[dict[str, Any]]:
    """The delivery log once the sender has nothing left to do (bounded wait)."""
    deadline = time.monotonic() + WAIT_LIMIT
    while True:
        log = deliveries(api)
        if log["idle"]:
            return log["webhooks"]
        assert time.monotonic() < deadline, f"deliveries still unfinished: {log['webhooks']}"
        time.sleep(0.01)


def create_booking(api, webhook: object = True, **extra: Any) -> int:
    body = {"schedule_id": ROOMS, "booking": {**NEW_BOOKING, **extra}}
    if webhook is not None:
        body["webhook"] = webhook
    response = api.post("/api/bookings.json", json=body)
    assert response.status_code == 201
    return id_from_location(response.headers["location"])


def booking_json(api, booking_id: int) -> dict[str, Any]:
    response = api.get(f"/api/bookings/{booking_id}.json")
    assert response.status_code == 200
    return response.get_json()


def test_a_booking_created_with_webhook_true_is_posted_as_the_appointment_with_event_create(
    api, receiver: Receiver
) -> None:
    hook(api, "N", ROOMS, receiver.url())
    booking_id = create_booking(api)
    log = settled(api)
    expected = {**booking_json(api, booking_id), "event": "create"}
    assert receiver.bodies() == [expected]
    assert receiver.received[0]["content_type"] == "application/json"
    assert [(d["status"], d["attempts"], d["payload"]) for d in log] == [("delivered", 1, expected)]


def test_update_posts_edit_and_delete_posts_destroy_with_deleted_true(api, receiver: Receiver, clock) -> None:
    hook(api, "C", ROOMS, receiver.url())
    updated = api.put(
        f"/api/bookings/{ALICE_ROOM_1}.json", json={"webhook": True, "booking": {"full_name": "Al"}}
    )
    assert updated.status_code == 200
    after_update = booking_json(api, ALICE_ROOM_1)
    clock.advance(timedelta(minutes=5))
    deleted = api.delete(f"/api/bookings/{ALICE_ROOM_1}.json", json={"webhook": True})
    assert deleted.status_code == 200
    settled(api)
    edit, destroy = receiver.bodies()
    assert edit == {**after_update, "event": "edit"}
    assert edit["full_name"] == "Al"
    assert destroy == {
        **after_update,
        "deleted": True,
        "updated_on": "2030-01-07 08:05:00",
        "event": "destroy",
    }


def test_a_new_booking_fires_both_the_new_and_the_changed_appointment_hooks(api, receiver: Receiver) -> None:
    hook(api, "N", ROOMS, receiver.url("/new"))
    hook(api, "C", ROOMS, receiver.url("/changed"))
    booking_id = create_booking(api)
    settled(api)
    assert [b["id"] for b in receiver.bodies("/new")] == [booking_id]
    assert [(b["id"], b["event"]) for b in receiver.bodies("/changed")] == [(booking_id, "create")]


def test_a_hook_on_another_schedule_or_a_removed_hook_hears_nothing(api, receiver: Receiver) -> None:
    hook(api, "N", CLASSES, receiver.url("/classes"))
    gone = hook(api, "N", ROOMS, receiver.url("/gone"))
    assert api.delete("/api/hooks", json={"id": gone["id"], "parent_id": ROOMS}).status_code == 200
    hook(api, "N", ROOMS, receiver.url("/rooms"))
    booking_id = create_booking(api)
    log = settled(api)
    assert [d["target"] for d in log] == [receiver.url("/rooms")]
    assert [r["path"] for r in receiver.received] == ["/rooms"]
    assert receiver.bodies()[0]["id"] == booking_id


def test_user_changes_post_new_change_and_delete_to_the_user_hooks(api, receiver: Receiver) -> None:
    hook(api, "U", ACCOUNT, receiver.url("/new-user"))
    hook(api, "M", ACCOUNT, receiver.url("/changed-user"))
    created = api.post(
        "/api/users.json?webhook=true", json={"user": {"name": "zoe@example.com", "full_name": "Zoe"}}
    )
    user_id = id_from_location(created.headers["location"])
    as_created = api.get(f"/api/users/{user_id}.json").get_json()
    assert (
        api.put(f"/api/users/{user_id}.json?webhook=true", json={"user": {"full_name": "Zoe Z"}}).status_code
        == 200
    )
    as_updated = api.get(f"/api/users/{user_id}.json").get_json()
    assert api.delete(f"/api/users/{user_id}.json", json={"webhook": True}).status_code == 200
    settled(api)
    assert receiver.bodies("/new-user") == [{**as_created, "event": "new"}]
    assert receiver.bodies("/changed-user") == [
        {**as_created, "event": "new"},
        {**as_updated, "event": "change"},
        {**as_updated, "event": "delete"},
    ]
    assert "password" not in as_created


def test_nothing_is_queued_without_webhook_true(api, receiver: Receiver) -> None:
    for event, parent in (("N", ROOMS), ("C", ROOMS), ("U", ACCOUNT), ("M", ACCOUNT)):
        hook(api, event, parent, receiver.url())
    create_booking(api, webhook=None)
    create_booking(api, webhook=False, start="2030-02-02 10:00:00", finish="2030-02-02 11:00:00")
    writes = [
        api.put(f"/api/bookings/{ALICE_ROOM_1}.json?webhook=false", json={"booking": {"full_name": "A"}}),
        api.delete(f"/api/bookings/{ALICE_ROOM_1}.json"),
        api.post("/api/users.json", json={"user": {"name": "quiet@example.com"}}),
        api.delete(f"/api/users/{ALICE}.json", json={"webhook": False}),
    ]
    assert [w.status_code for w in writes] == [200, 200, 201, 200]
    # Deliveries are queued by the call itself, so an empty log right after it means none.
    assert deliveries(api) == {"webhooks": [], "idle": True}
    assert receiver.received == []


def test_a_waitlist_promotion_fires_only_when_the_freeing_call_asked_for_webhooks(
    api, receiver: Receiver
) -> None:
    hook(api, "C", WORKSHOPS, receiver.url())
    assert api.delete(f"/api/bookings/{ALICE_POTTERY}.json", json={"webhook": True}).status_code == 200
    settled(api)
    assert [(b["id"], b["event"], b["deleted"], b["waitlisted"]) for b in receiver.bodies()] == [
        (ALICE_POTTERY, "destroy", True, False),
        (WENDY_WAITING, "edit", False, False),
    ]


def test_a_waitlist_promotion_after_a_call_without_webhook_sends_nothing(api, receiver: Receiver) -> None:
    hook(api, "C", WORKSHOPS, receiver.url())
    assert api.delete(f"/api/bookings/{ALICE_POTTERY}.json").status_code == 200
    assert api.get(f"/api/bookings/{WENDY_WAITING}.json").get_json()["waitlisted"] is False
    assert deliveries(api)["webhooks"] == []


def test_a_receiver_answering_500_is_retried_and_every_attempt_is_logged(api, receiver: Receiver) -> None:
    receiver.answers = [500, 500, 500]
    hook(api, "N", ROOMS, receiver.url())
    booking_id = create_booking(api)
    (delivery,) = settled(api)
    assert (delivery["status"], delivery["attempts"], delivery["last_status"]) == ("failed", 3, 500)
    assert [(a["attempt"], a["status"], a["error"]) for a in delivery["history"]] == [
        (1, 500, "HTTP 500"),
        (2, 500, "HTTP 500"),
        (3, 500, "HTTP 500"),
    ]
    # Timestamps come from the world's clock (frozen at T0 here), not from the wall clock.
    assert {a["at"] for a in delivery["history"]} == {"2030-01-07T08:00:00Z"}
    assert delivery["finished_at"] == "2030-01-07T08:00:00Z"
    assert [b["id"] for b in receiver.bodies()] == [booking_id] * 3


def test_a_receiver_failing_once_gets_the_delivery_on_the_retry(api, receiver: Receiver) -> None:
    receiver.answers = [503]
    hook(api, "N", ROOMS, receiver.url())
    create_booking(api)
    (delivery,) = settled(api)
    assert (delivery["status"], [a["status"] for a in delivery["history"]]) == ("delivered", [503, 200])
    assert len(receiver.bodies()) == 2


def test_an_unreachable_target_is_logged_as_failed_and_the_api_keeps_answering(api, closed_port: int) -> None:
    hook(api, "N", ROOMS, f"http://127.0.0.1:{closed_port}/hook")
    booking_id = create_booking(api)
    (delivery,) = settled(api)
    assert (delivery["status"], delivery["attempts"], delivery["last_status"]) == ("failed", 3, None)
    assert all("refused" in a["error"].lower() for a in delivery["history"])
    assert api.get(f"/api/bookings/{booking_id}.json").status_code == 200


def test_a_receiver_that_never_answers_times_out_while_the_api_call_returns_at_once(
    api, world: World
) -> None:
    world.webhooks.timeout, world.webhooks.max_attempts = 1.0, 1
    with socket.socket() as silent:  # accepts connections (backlog) but never reads nor answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(4)
        hook(api, "N", ROOMS, f"http://127.0.0.1:{silent.getsockname()[1]}/hook")
        started = time.monotonic()
        create_booking(api)
        assert time.monotonic() - started < 0.5  # well before the receiver could have timed out
        assert [d["status"] for d in deliveries(api)["webhooks"]] == ["pending"]
        (delivery,) = settled(api)
    assert delivery["status"] == "failed"
    assert "timed out" in delivery["last_error"].lower()


def test_the_log_filters_by_status_and_can_be_emptied(api, receiver: Receiver, closed_port: int) -> None:
    hook(api, "N", ROOMS, receiver.url())
    hook(api, "C", ROOMS, f"http://127.0.0.1:{closed_port}/hook")
    create_booking(api)
    settled(api)
    assert [d["target"] for d in deliveries(api, status="delivered")["webhooks"]] == [receiver.url()]
    assert [d["status"] for d in deliveries(api, status="failed")["webhooks"]] == ["failed"]
    assert deliveries(api, status="pending")["webhooks"] == []
    assert [d["target"] for d in deliveries(api, limit="1")["webhooks"]] == [
        f"http://127.0.0.1:{closed_port}/hook"
    ]
    refused = api.get("/_fakesaas/webhooks?status=lost", auth=None)
    assert (refused.status_code, refused.get_json()) == (
        400,
        {"error": "status must be one of pending, delivered, failed, refused"},
    )
    assert api.delete("/_fakesaas/webhooks", auth=None).get_json() == {"webhooks": []}
    assert deliveries(api)["webhooks"] == []


def test_reset_empties_the_log_only_when_asked(api, receiver: Receiver) -> None:
    hook(api, "N", ROOMS, receiver.url())
    create_booking(api)
    settled(api)
    api.post("/_fakesaas/reset", auth=None)
    assert len(deliveries(api)["webhooks"]) == 1
    api.post("/_fakesaas/reset", json={"webhooks": True}, auth=None)
    assert deliveries(api)["webhooks"] == []


def test_the_log_keeps_only_the_newest_deliveries(closed_port: int) -> None:
    dispatcher = Dispatcher(ManualClock(T0), max_attempts=1, capacity=2)
    try:
        for number in range(3):
            dispatcher.enqueue(f"http://127.0.0.1:{closed_port}/{number}", {"n": number})
        assert [d["payload"]["n"] for d in dispatcher.deliveries()] == [1, 2]
    finally:
        dispatcher.stop()


@pytest.fixture
def sdk(app: Flask, monkeypatch: pytest.MonkeyPatch) -> Iterator[SuperSaaS.Client]:
    """The official SDK, pointed through SSS_API_HOST at this test's app served on a real socket."""
    with ThreadedServer(app) as server:
        monkeypatch.setenv("SSS_API_HOST", server.url)
        monkeypatch.setenv("SSS_API_ACCOUNT_NAME", ACCOUNT)
        monkeypatch.setenv("SSS_API_KEY", API_KEY)
        client = SuperSaaS.Client(SuperSaaS.Configuration())
        client.rate_limiter.throttle = lambda: None  # client-side pacing, not wire behaviour
        yield client


def test_the_sdk_creating_an_appointment_with_webhook_true_fires_the_hook(
    api, sdk: SuperSaaS.Client, receiver: Receiver
) -> None:
    hook(api, "N", ROOMS, receiver.url())
    answer = sdk.appointments.create(ROOMS, None, dict(NEW_BOOKING), webhook=True)
    booking_id = id_from_location(answer["location"])
    settled(api)
    assert receiver.bodies() == [{**booking_json(api, booking_id), "event": "create"}]


def test_the_sdk_creating_a_user_with_webhook_true_fires_the_user_hook(
    api, sdk: SuperSaaS.Client, receiver: Receiver
) -> None:
    hook(api, "U", ACCOUNT, receiver.url())
    answer = sdk.users.create({"name": "sdk@example.com", "full_name": "Sdk User"}, webhook=True)
    user_id = id_from_location(answer["location"])
    settled(api)
    assert receiver.bodies() == [{**api.get(f"/api/users/{user_id}.json").get_json(), "event": "new"}]


def test_the_sdk_creating_an_appointment_without_webhook_fires_nothing(
    api, sdk: SuperSaaS.Client, receiver: Receiver
) -> None:
    hook(api, "N", ROOMS, receiver.url())
    sdk.appointments.create(ROOMS, None, dict(NEW_BOOKING))
    assert deliveries(api)["webhooks"] == []


def test_the_log_never_shows_a_delivery_pending_beside_idle_true(api, receiver: Receiver) -> None:
    """``idle`` is what a test waits on before reading the log, so the two are read together: a
    delivery finishing between them once showed up as pending in an idle log."""
    hook(api, "N", ROOMS, receiver.url())
    for day in range(40):
        start = datetime(2031, 3, 3, 10) + timedelta(days=day)
        create_booking(api, start=f"{start:%Y-%m-%d %H:%M:%S}", finish=f"{start:%Y-%m-%d} 11:00:00")
    deadline = time.monotonic() + WAIT_LIMIT
    while True:
        log = deliveries(api)
        if log["idle"]:
            assert [d["status"] for d in log["webhooks"]] == ["delivered"] * 40
            break
        assert time.monotonic() < deadline, "deliveries still unfinished"
