"""Races over real HTTP: 32 threads at once never over-book a slot or a resource, and every
accepted booking is readable afterwards with an id of its own."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator

import pytest
import requests

from fakesaas import create_app
from fakesaas.core.clock import ManualClock
from fakesaas.core.world import World
from fakesaas.server import ThreadedServer
from fakesaas.settings import Settings
from tests.support import ACCOUNT, API_KEY, ROOM_1, ROOMS, T0, WORKSHOPS

THREADS = 32


@pytest.fixture
def server() -> Iterator[ThreadedServer]:
    with ThreadedServer(create_app(Settings(seed="demo"), World(ManualClock(T0)))) as running:
        yield running


def _race(call: Callable[[int], requests.Response]) -> list[requests.Response]:
    """Run ``call(i)`` for i in 0..31, all released together, and collect the answers."""
    barrier = threading.Barrier(THREADS)
    answers: list[requests.Response | None] = [None] * THREADS

    def worker(index: int) -> None:
        barrier.wait()
        answers[index] = call(index)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert all(answer is not None for answer in answers)
    return answers  # type: ignore[return-value]


def _ids(answers: list[requests.Response]) -> list[int]:
    return [
        int(re.search(r"/(\d+)\.json$", a.headers["location"]).group(1))
        for a in answers
        if a.status_code == 201
    ]


def test_thirty_two_threads_racing_for_the_last_places_never_over_book(server: ThreadedServer) -> None:
    free = requests.get(
        f"{server.url}/api/free/{WORKSHOPS}.json?full=true&maxresults=3", auth=(ACCOUNT, API_KEY), timeout=10
    ).json()["slots"]
    slot = next(s for s in free if s["count"] == 3)  # an empty pottery slot: 3 places

    def book(index: int) -> requests.Response:
        body = {"schedule_id": WORKSHOPS, "booking": {"slot_id": slot["id"], "full_name": f"Racer {index}"}}
        return requests.post(
            f"{server.url}/api/bookings.json", json=body, auth=(ACCOUNT, API_KEY), timeout=30
        )

    answers = _race(book)
    assert {a.status_code for a in answers} == {201}  # Workshops has a waiting list: nobody is refused
    ids = _ids(answers)
    assert len(set(ids)) == THREADS
    read = [
        requests.get(f"{server.url}/api/bookings/{i}.json", auth=(ACCOUNT, API_KEY), timeout=10).json()
        for i in ids
    ]
    seated = [b for b in read if not b["waitlisted"]]
    assert len(seated) == 3
    assert {b["slot_id"] for b in read} == {slot["id"]}


def test_thirty_two_threads_booking_one_hour_of_one_room_get_exactly_one_booking(
    server: ThreadedServer,
) -> None:
    def book(index: int) -> requests.Response:
        times = {"start": "2030-03-04 10:00:00", "finish": "2030-03-04 11:00:00", "resource_id": ROOM_1}
        body = {"schedule_id": ROOMS, "booking": {**times, "full_name": f"Racer {index}"}}
        return requests.post(
            f"{server.url}/api/bookings.json", json=body, auth=(ACCOUNT, API_KEY), timeout=30
        )

    answers = _race(book)
    statuses = sorted(a.status_code for a in answers)
    assert statuses == [201] + [422] * (THREADS - 1)
    [booking_id] = _ids(answers)
    listed = requests.get(
        f"{server.url}/api/range/{ROOMS}.json?from=2030-03-04 00:00:00&to=2030-03-05 00:00:00",
        auth=(ACCOUNT, API_KEY),
        timeout=10,
    ).json()["bookings"]
    assert [b["id"] for b in listed] == [booking_id]


def test_racing_writers_on_different_resources_each_get_a_unique_readable_booking(
    server: ThreadedServer,
) -> None:
    def book(index: int) -> requests.Response:
        day = 4 + index // 8  # 4 days x 8 hours, so no two racers want the same hour of Room 2
        hour = 8 + index % 8
        body = {
            "schedule_id": ROOMS,
            "booking": {"start": f"2030-04-0{day} {hour:02d}:00", "finish": f"2030-04-0{day} {hour:02d}:30",
                        "resource_id": "Room 2", "full_name": f"Racer {index}"},
        }  # fmt: skip
        return requests.post(
            f"{server.url}/api/bookings.json", json=body, auth=(ACCOUNT, API_KEY), timeout=30
        )

    answers = _race(book)
    assert {a.status_code for a in answers} == {201}
    ids = _ids(answers)
    assert len(set(ids)) == THREADS
    names = {
        requests.get(f"{server.url}/api/bookings/{i}.json", auth=(ACCOUNT, API_KEY), timeout=10).json()[
            "full_name"
        ]
        for i in ids
    }
    assert names == {f"Racer {i}" for i in range(THREADS)}
