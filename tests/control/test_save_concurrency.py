"""A save holds the world lock only while it takes its moment: requests go on while the state file is
serialised and written, and what it holds is one consistent moment."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import requests

from fakesaas import create_app
from fakesaas.core.clock import ManualClock
from fakesaas.core.world import World
from fakesaas.persistence import load_world, save_world
from fakesaas.production import ProductionServer
from fakesaas.seeding import apply_seed
from fakesaas.settings import Settings
from fakesaas.supersaas.service import SupersaasService
from tests.conftest import Api
from tests.support import ACCOUNT, API_KEY, ROOMS, T0, id_from_location, mounted

SLOW = 1.5  # seconds the patched dump takes


@pytest.fixture
def slow_dump(monkeypatch: pytest.MonkeyPatch) -> None:
    """SuperSaaS's dump taking SLOW seconds, as a world of millions of bookings makes it."""
    dump = SupersaasService.dump

    def slow(self: SupersaasService, state: Any) -> dict[str, Any]:
        time.sleep(SLOW)
        return dump(self, state)

    monkeypatch.setattr(SupersaasService, "dump", slow)


def _book(api: Api, hour: int, day: int = 1) -> int:
    times = {"start": f"2030-03-{day:02d} {hour:02d}:00:00", "finish": f"2030-03-{day:02d} {hour:02d}:30:00"}
    answer = api.post(
        "/api/bookings.json", json={"schedule_id": ROOMS, "booking": {**times, "full_name": "S"}}
    )
    assert answer.status_code == 201, answer.data
    return id_from_location(answer.headers["location"])


def _saved_booking_ids(path: Path) -> set[int]:
    accounts = json.loads(path.read_text())["services"]["supersaas"]["accounts"]
    return {booking["id"] for account in accounts for booking in account["bookings"]}


def test_the_world_lock_is_free_while_a_save_serialises(tmp_path: Path, slow_dump: None) -> None:
    app = create_app(Settings(seed="demo"), World(ManualClock(T0)))
    world = app.extensions["fakesaas"]
    api = Api(app.test_client())
    before = _book(api, 9)
    saver = threading.Thread(target=save_world, args=(world, tmp_path / "state.json"))
    saver.start()
    time.sleep(0.2)  # the save is serialising now

    waited = time.monotonic()
    during = _book(api, 10)  # takes the world lock
    waited = time.monotonic() - waited
    saver.join()

    assert waited < SLOW / 3, f"a write waited {waited:.2f} s for the save"
    saved = _saved_booking_ids(tmp_path / "state.json")
    assert before in saved
    assert during not in saved  # the file is the moment the save began: no half of what came after
    again = mounted(World(ManualClock(T0)))
    load_world(again, tmp_path / "state.json")  # checks ids against counters: a consistent moment
    save_world(world, tmp_path / "state.json")
    assert during in _saved_booking_ids(tmp_path / "state.json")


def test_the_save_endpoint_answers_others_while_it_writes(tmp_path: Path, slow_dump: None) -> None:
    app = create_app(Settings(seed="demo", state=str(tmp_path / "state.json")), World(ManualClock(T0)))
    with ProductionServer(app, threads=1) as server:  # one request at a time: the save steps aside
        answers: list[requests.Response] = []
        saving = threading.Thread(
            target=lambda: answers.append(requests.post(f"{server.url}/_fakesaas/save", timeout=30))
        )
        started = time.monotonic()
        saving.start()
        time.sleep(0.3)
        read = requests.get(f"{server.url}/api/users.json", auth=(ACCOUNT, API_KEY), timeout=30)
        read_at = time.monotonic() - started
        saving.join()
        saved_at = time.monotonic() - started

    assert read.status_code == 200
    assert read_at < SLOW, f"a GET waited until {read_at:.2f} s into the save"
    (answer,) = answers
    assert answer.status_code == 200, answer.text
    assert answer.json()["services"]["supersaas"]["bookings"] == 11
    assert saved_at >= SLOW


@pytest.mark.slow
def test_a_state_file_loads_faster_than_the_same_world_as_a_seed(tmp_path: Path) -> None:
    seed = tmp_path / "seed.json"
    made = subprocess.run(
        [sys.executable, "-m", "fakesaas", "generate", "--bookings", "4000", "--out", str(seed)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert made.returncode == 0, made.stderr
    world = mounted(World(ManualClock(T0)))
    started = time.perf_counter()
    apply_seed(world, str(seed))
    as_seed = time.perf_counter() - started
    save_world(world, tmp_path / "state.json")

    started = time.perf_counter()
    load_world(mounted(World(ManualClock(T0))), tmp_path / "state.json")
    as_state = time.perf_counter() - started

    assert as_state < as_seed, f"state file {as_state:.2f} s, seed {as_seed:.2f} s"
