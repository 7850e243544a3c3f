"""Races over real HTTP: 32 threads calling ``book`` on the public service for the same slot of a
provider who takes one client at a time: exactly one booking exists afterwards, the others are
refused with "Selected time start is not available"."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
import requests

from fakesaas import create_app
from fakesaas.core.clock import ManualClock
from fakesaas.core.world import World
from fakesaas.server import ThreadedServer
from fakesaas.settings import Settings
from fakesaas.simplybook.domain.companies import Simplybook
from tests.races import THREADS, race
from tests.simplybook.support import ANNA, API_KEY, COMPANY, HAIRCUT, T0

QUICK_ROUNDS, SLOW_ROUNDS = 10, 60
NOT_AVAILABLE = -32054
# Anna (one client at a time) works 09:00-17:00 on weekdays with lunch at 12:00: from the week
# after the demo's bookings, seven free haircut slots a day.
TIMES = ["09:00:00", "10:00:00", "11:00:00", "13:00:00", "14:00:00", "15:00:00", "16:00:00"]
DAYS = [
    date(2030, 1, 14) + timedelta(days=d)
    for d in range(14)
    if (date(2030, 1, 14) + timedelta(days=d)).weekday() < 5
]
SLOTS = [(day.isoformat(), time) for day in DAYS for time in TIMES]


@pytest.fixture
def served() -> Iterator[tuple[ThreadedServer, World]]:
    world = World(ManualClock(T0))
    with ThreadedServer(create_app(Settings(seed="demo"), world)) as running:
        yield running, world


def _rpc(
    url: str, method: str, params: list[Any], headers: dict[str, str] | None = None
) -> requests.Response:
    body = {"jsonrpc": "2.0", "id": 1, "method": method, "params": params}
    return requests.post(url, json=body, headers=headers or {}, timeout=30)


def _rounds(served: tuple[ThreadedServer, World], rounds: int) -> None:
    server, world = served
    token = _rpc(f"{server.url}/simplybook/login", "getToken", [COMPANY, API_KEY]).json()["result"]
    headers = {"X-Company-Login": COMPANY, "X-Token": token}
    assert rounds <= len(SLOTS)
    for day, time in SLOTS[:rounds]:

        def book(index: int, day: str = day, time: str = time) -> requests.Response:
            client = {
                "name": f"Racer {index}",
                "email": f"racer{index}@example.org",
                "phone": f"+31 6 5551 {index:04d}",
            }
            return _rpc(f"{server.url}/simplybook/", "book", [HAIRCUT, ANNA, day, time, client], headers)

        answers = [answer.json() for answer in race(book)]
        won = [answer for answer in answers if "result" in answer]
        assert len(won) == 1, answers
        refused = [answer["error"] for answer in answers if "error" in answer]
        assert len(refused) == THREADS - 1
        assert {(error["code"], error["message"]) for error in refused} == {
            (NOT_AVAILABLE, "Selected time start is not available")
        }
        [booking] = won[0]["result"]["bookings"]
        assert booking["start_date_time"] == f"{day} {time}"
        with world.lock:
            state: Simplybook = world.state("simplybook")
            company = state.company(COMPANY)
            assert company is not None
            at = [
                b
                for b in company.bookings.values()
                if b.active and b.unit_id == ANNA and b.start.isoformat(" ") == f"{day} {time}"
            ]
        assert [b.id for b in at] == [int(booking["id"])]


def test_thirty_two_threads_booking_one_single_place_slot_leave_one_booking(
    served: tuple[ThreadedServer, World],
) -> None:
    _rounds(served, QUICK_ROUNDS)


@pytest.mark.slow
def test_booking_races_over_many_slots(served: tuple[ThreadedServer, World]) -> None:
    _rounds(served, SLOW_ROUNDS)
