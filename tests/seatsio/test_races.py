"""Races over real HTTP: 32 threads booking (or holding, each with its own hold token) the same
objects of an event at once: exactly one wins, the others get ILLEGAL_STATUS_CHANGE, and the
objects' status and status-change history agree with the winner."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from fakesaas import create_app
from fakesaas.core.clock import ManualClock
from fakesaas.core.world import World
from fakesaas.seatsio.domain.demo import DEMO_CHART_KEY, DEMO_SECRET_KEY
from fakesaas.server import ThreadedServer
from fakesaas.settings import Settings
from tests.races import THREADS, race
from tests.seatsio.support import PREFIX, T0, basic

QUICK_ROUNDS, SLOW_ROUNDS = 10, 60
OBJECTS = ["D-1", "D-2", "Standing"]  # two seats and a place in the standing area, in one request
AUTH = basic(DEMO_SECRET_KEY)


@pytest.fixture
def server() -> Iterator[ThreadedServer]:
    with ThreadedServer(create_app(Settings(seed="demo"), World(ManualClock(T0)))) as running:
        yield running


def _api(server: ThreadedServer, method: str, path: str, **kwargs: Any) -> requests.Response:
    return requests.request(method, server.url + PREFIX + path, headers=AUTH, timeout=30, **kwargs)


def _new_event(server: ThreadedServer) -> str:
    answer = _api(server, "POST", "/events", json={"chartKey": DEMO_CHART_KEY})
    assert answer.status_code == 201, answer.text
    return str(answer.json()["key"])


def _one_winner(answers: list[requests.Response]) -> int:
    """The index of the one racer that got 204; every other got ILLEGAL_STATUS_CHANGE."""
    winners = [i for i, answer in enumerate(answers) if answer.status_code == 204]
    assert len(winners) == 1, [answer.status_code for answer in answers]
    for index, answer in enumerate(answers):
        if index != winners[0]:
            assert answer.status_code == 400, answer.text
            assert [error["code"] for error in answer.json()["errors"]] == ["ILLEGAL_STATUS_CHANGE"]
    return winners[0]


def _state(server: ThreadedServer, event: str) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """Each object's info, and its status-change history."""
    infos = _api(server, "GET", f"/events/{event}/objects", params=[("label", label) for label in OBJECTS])
    assert infos.status_code == 200, infos.text
    history = {
        label: _api(server, "GET", f"/events/{event}/objects/{label}/status-changes").json()["items"]
        for label in OBJECTS
    }
    return infos.json(), history


def _book_rounds(server: ThreadedServer, rounds: int) -> None:
    for _ in range(rounds):
        event = _new_event(server)
        answers = race(
            lambda i, event=event: _api(  # type: ignore[misc]
                server,
                "POST",
                f"/events/{event}/actions/book",
                json={"objects": OBJECTS, "orderId": f"order-{i}"},
            )
        )
        winner = _one_winner(answers)
        infos, history = _state(server, event)
        for label in OBJECTS:
            assert infos[label]["status"] == "booked"
            changes = history[label]
            assert [(c["status"], c["orderId"]) for c in changes] == [("booked", f"order-{winner}")]
        assert infos["Standing"]["numBooked"] == 1


def _hold_rounds(server: ThreadedServer, rounds: int) -> None:
    tokens = [_api(server, "POST", "/hold-tokens").json()["holdToken"] for _ in range(THREADS)]
    assert len(set(tokens)) == THREADS
    for _ in range(rounds):
        event = _new_event(server)
        answers = race(
            lambda i, event=event: _api(  # type: ignore[misc]
                server,
                "POST",
                f"/events/{event}/actions/hold",
                json={"objects": OBJECTS[:2], "holdToken": tokens[i]},
            )
        )
        winner = tokens[_one_winner(answers)]
        infos, history = _state(server, event)
        for label in OBJECTS[:2]:
            assert infos[label]["status"] == "reservedByToken"
            assert infos[label]["holdToken"] == winner
            assert [(c["status"], c["holdToken"]) for c in history[label]] == [("reservedByToken", winner)]
        assert history["Standing"] == []


def test_thirty_two_threads_booking_the_same_objects_leave_one_booking(server: ThreadedServer) -> None:
    _book_rounds(server, QUICK_ROUNDS)


def test_thirty_two_hold_tokens_racing_for_the_same_seats_leave_one_hold(server: ThreadedServer) -> None:
    _hold_rounds(server, QUICK_ROUNDS)


@pytest.mark.slow
def test_booking_races_over_many_rounds(server: ThreadedServer) -> None:
    _book_rounds(server, SLOW_ROUNDS)


@pytest.mark.slow
def test_hold_races_over_many_rounds(server: ThreadedServer) -> None:
    _hold_rounds(server, SLOW_ROUNDS)
