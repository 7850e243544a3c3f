"""The collector in a long-running server: what survives a collection is frozen out of later walks
while nothing makes reference cycles (fakesaas/core/collector.py)."""

from __future__ import annotations

import base64
import gc
import json
import weakref
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from werkzeug.test import EnvironBuilder

from fakesaas import create_app
from fakesaas.core.collector import SurvivorFreezing
from fakesaas.settings import Settings


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


SUPERSAAS = {"Authorization": _basic("demo", "demo-api-key")}
SEATSIO = {"Authorization": _basic("demo-secret-key", "")}
JSON = "application/json"


def _request(method: str, path: str, headers: dict[str, str], **more: Any) -> Callable[[int], EnvironBuilder]:
    return lambda n: EnvironBuilder(path=path, method=method, headers=headers, **more)


def _posted_booking(n: int) -> EnvironBuilder:
    # Each its own half hour, so each one is made (201).
    day, half = divmod(n, 20)
    start = f"2031-02-{1 + day:02d} {8 + half // 2:02d}:{30 * (half % 2):02d}"
    finish = f"2031-02-{1 + day:02d} {8 + half // 2:02d}:{30 * (half % 2) + 29:02d}"
    body = {"schedule_id": 100001, "booking": {"start": start, "finish": finish}}
    return EnvironBuilder(path="/api/bookings.json", method="POST", headers=SUPERSAAS, json=body)


# What a client of each service does most, and its usual mistakes: the status each one answers.
REQUESTS: dict[str, tuple[Callable[[int], EnvironBuilder], str]] = {
    "supersaas: a booking": (_request("GET", "/api/bookings/5000001.json", SUPERSAAS), "200"),
    "supersaas: a booking as XML": (_request("GET", "/api/bookings/5000001.xml", SUPERSAAS), "200"),
    "supersaas: agenda": (
        _request("GET", "/api/agenda/100001.json", SUPERSAAS, query_string={"user": "1000001"}),
        "200",
    ),
    "supersaas: free time": (_request("GET", "/api/free/100001.json", SUPERSAAS), "200"),
    "supersaas: a booking made": (_posted_booking, "201"),
    "supersaas: a booking that is not there": (_request("GET", "/api/bookings/9.json", SUPERSAAS), "404"),
    "supersaas: a wrong key": (
        _request("GET", "/api/bookings/5000001.json", {"Authorization": _basic("demo", "wrong")}),
        "403",
    ),
    "supersaas: a booking without times": (
        _request("POST", "/api/bookings.json", SUPERSAAS, json={"schedule_id": 100001, "booking": {}}),
        "422",
    ),
    "supersaas: a body that is not JSON": (
        _request(
            "POST", "/api/bookings.json", SUPERSAAS, data=b'{"schedule_id":', content_type="application/json"
        ),
        "400",
    ),
    "seatsio: an event": (_request("GET", "/seatsio/events/demo-event", SEATSIO), "200"),
    "seatsio: an event that is not there": (_request("GET", "/seatsio/events/nope", SEATSIO), "404"),
    "seatsio: a hold token": (_request("POST", "/seatsio/hold-tokens", SEATSIO), "201"),
    "seatsio: seats booked and released in a batch": (
        _request(
            "POST",
            "/seatsio/events/actions/change-object-status",
            SEATSIO,
            json={
                "statusChanges": [
                    {
                        "event": "demo-event",
                        "type": "CHANGE_STATUS_TO",
                        "status": "booked",
                        "objects": ["B-1"],
                    },
                    {"event": "demo-event", "type": "RELEASE", "objects": ["B-1"]},
                ]
            },
        ),
        "204",
    ),
    "seatsio: the best two seats booked": (
        _request(
            "POST",
            "/seatsio/events/demo-event/actions/change-object-status",
            SEATSIO,
            json={"status": "booked", "bestAvailable": {"number": 2}},
        ),
        "200",
    ),
    "simplybook: a token": (
        _request(
            "POST",
            "/simplybook/login",
            {},
            json={"jsonrpc": "2.0", "method": "getToken", "params": ["demo", "demo-api-key"], "id": 1},
        ),
        "200",
    ),
    "simplybook: a method that is not there": (
        _request(
            "POST", "/simplybook/login", {}, json={"jsonrpc": "2.0", "method": "nope", "params": [], "id": 1}
        ),
        "200",
    ),
    "control plane: the clock": (_request("GET", "/_fakesaas/clock", {}), "200"),
}


@pytest.fixture(scope="module")
def app() -> Flask:
    return create_app(Settings(seed="demo"))


def _answer(app: Flask, environ: dict[str, Any]) -> str:
    status: list[str] = []
    body = app(environ, lambda line, headers, exc_info=None: status.append(line))
    try:
        b"".join(body)
    finally:
        close = getattr(body, "close", None)
        if close is not None:
            close()
    return status[0]


@pytest.mark.parametrize("kind", REQUESTS)
def test_a_request_leaves_no_reference_cycles_behind(app: Flask, kind: str) -> None:
    """Rule: the requests clients make, right or wrong, leave nothing for the cyclic collector:
    what they make is freed by reference counts as they end. Freezing survivors relies on it."""
    make, expected = REQUESTS[kind]
    environs = [make(n).get_environ() for n in range(31)]
    assert _answer(app, environs.pop()).startswith(expected)  # the first of a kind fills caches
    gc.collect()
    gc.disable()
    try:
        statuses = {_answer(app, environ).split()[0] for environ in environs}
        left = gc.collect()
    finally:
        gc.enable()
    assert statuses == {expected}
    assert left == 0


class _Cycle:
    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def freezing() -> Iterator[SurvivorFreezing]:
    policy = SurvivorFreezing()
    gc.collect()
    policy.install()
    try:
        yield policy
    finally:
        policy.uninstall()
        gc.unfreeze()
        gc.collect()


def test_what_survives_a_collection_that_freed_nothing_is_frozen(freezing: SurvivorFreezing) -> None:
    frozen = gc.get_freeze_count()
    kept = [[n] for n in range(1000)]
    assert gc.collect(0) == 0
    assert gc.get_freeze_count() >= frozen + len(kept)
    assert gc.get_count()[0] == 0
    assert not gc.get_objects(1)
    assert not gc.get_objects(2)


def test_a_collection_that_frees_a_cycle_stops_the_freezing_until_a_full_one(
    freezing: SurvivorFreezing,
) -> None:
    _Cycle()
    assert gc.collect(0) > 0
    assert freezing.waiting_for_full
    kept = [[n] for n in range(100)]
    frozen = gc.get_freeze_count()
    gc.collect(0)
    assert gc.get_freeze_count() == frozen  # the survivors stay where the collector sees them
    gc.collect()
    assert not freezing.waiting_for_full
    assert gc.get_freeze_count() >= frozen + len(kept)


def test_a_state_handed_back_is_freed_at_the_next_full_collection(freezing: SurvivorFreezing) -> None:
    """A reset or load replaces the world; the old one may hold cycles, frozen since start."""
    old_world = _Cycle()
    gone = weakref.ref(old_world)
    gc.collect(0)  # frozen: it was in use
    freezing.release()
    del old_world
    gc.collect(0)
    gc.collect(1)
    assert gone() is not None or not freezing.waiting_for_full  # young collections need not find it
    gc.collect()
    assert gone() is None
    assert not freezing.waiting_for_full


def test_a_served_world_keeps_its_new_bookings_frozen_and_answers_as_before(
    freezing: SurvivorFreezing,
) -> None:
    app = create_app(Settings(seed="demo"))
    environs = [_posted_booking(n).get_environ() for n in range(201)]
    assert _answer(app, environs.pop()).startswith("201")  # the first fills caches
    gc.collect()
    frozen = gc.get_freeze_count()
    for environ in environs:
        assert _answer(app, environ).startswith("201")
    gc.collect(0)
    assert not freezing.waiting_for_full
    assert gc.get_freeze_count() > frozen + 200  # a booking, its change record, its journal entry...
    listing = app.test_client().get("/api/bookings.json?schedule_id=100001&limit=1000", headers=SUPERSAAS)
    assert len(json.loads(listing.data)) >= 200
