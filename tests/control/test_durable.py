"""``--durable``: every acknowledged write is journaled next to the state file before it is answered,
and a start after a crash (no save) plays the journal back, so nothing acknowledged is lost."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask

from fakesaas import create_app
from fakesaas.core.clock import ManualClock, VirtualClock
from fakesaas.core.world import World
from fakesaas.durable import JournalError
from fakesaas.persistence import PersistenceError, save_world
from fakesaas.settings import Settings, SettingsError
from tests.conftest import Api
from tests.support import NEXT_BOOKING_ID, ROOMS, T0, id_from_location

LOGIN = "/simplybook/login"


def _start(path: Path, durable: bool = True, at: ManualClock | None = None) -> Flask:
    """An app as ``fakesaas serve --state path [--durable]`` starts it, on a clock of its own."""
    world = World(VirtualClock(at or ManualClock(T0)))
    return create_app(Settings(seed="demo", state=str(path), durable=durable), world)


def _book(api: Api, hour: int, name: str = "Journaled Jo") -> int:
    times = {"start": f"2030-02-01 {hour:02d}:00:00", "finish": f"2030-02-01 {hour:02d}:30:00"}
    response = api.post(
        "/api/bookings.json", json={"schedule_id": ROOMS, "booking": {**times, "full_name": name}}
    )
    assert response.status_code == 201, response.data
    return id_from_location(response.headers["location"])


def _token(app: Flask) -> str:
    call = {"jsonrpc": "2.0", "method": "getToken", "params": ["demo", "demo-api-key"], "id": 1}
    answer = app.test_client().post(LOGIN, json=call)
    return str(answer.get_json()["result"])


def _journal(path: Path) -> list[Path]:
    return sorted(path.parent.glob(path.name + ".journal-*"))


def test_writes_since_the_last_save_come_back_after_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    app = _start(path)
    api = Api(app.test_client())
    booked = [_book(api, hour) for hour in (9, 10, 11)]
    renamed = api.put(f"/api/bookings/{booked[0]}.json", json={"booking": {"full_name": "Renamed"}})
    assert renamed.status_code == 200
    assert api.delete(f"/api/bookings/{booked[1]}.json").status_code == 200
    user = api.post("/api/users.json", json={"user": {"name": "jo@example.com"}})
    assert app.test_client().post("/_fakesaas/clock/advance", json={"seconds": 3600}).status_code == 200
    token = _token(app)  # drawn at random: the journal keeps it, so the replay draws it again
    before = app.test_client().get("/_fakesaas/state").get_json()
    assert not path.exists()  # nothing saved: only the journal has the writes
    assert _journal(path)

    again = _start(path)  # as after a SIGKILL: no save happened

    assert again.test_client().get("/_fakesaas/state").get_json() == before
    replayed = Api(again.test_client())
    assert replayed.get(f"/api/bookings/{booked[0]}.json").get_json()["full_name"] == "Renamed"
    assert replayed.get(f"/api/bookings/{booked[1]}.json").status_code == 404
    assert replayed.get(user.headers["location"].split("localhost")[-1]).status_code == 200
    assert again.test_client().get("/_fakesaas/clock").get_json()["now"] == "2030-01-07T09:00:00Z"
    call = {"jsonrpc": "2.0", "method": "getCompanyInfo", "params": [], "id": 2}
    headers = {"X-Company-Login": "demo", "X-Token": token}
    assert "result" in again.test_client().post("/simplybook", json=call, headers=headers).get_json()
    assert _book(replayed, 12) == booked[-1] + 1  # ids go on after the replayed ones


def test_a_save_takes_the_journal_in_and_nothing_is_played_twice(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    app = _start(path)
    api = Api(app.test_client())
    first = _book(api, 9)
    save_world(app.extensions["fakesaas"], path)
    assert _journal(path) == []  # every write it held is in the state file now
    second = _book(api, 10)
    assert len(_journal(path)) == 1
    assert json.loads(path.read_text())["journal_seq"] == 1

    again = Api(_start(path).test_client())

    assert again.get(f"/api/bookings/{first}.json").status_code == 200
    assert again.get(f"/api/bookings/{second}.json").status_code == 200
    assert _book(again, 11) == second + 1  # the second booking was made once, not twice


def test_refusals_and_injected_faults_are_not_journaled(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    app = _start(path)
    api = Api(app.test_client())
    clash = {"start": "2030-02-01 09:00:00", "finish": "2030-02-01 09:30:00", "full_name": "Late"}
    _book(api, 9)
    _book(api, 9)  # the other room
    assert api.post("/api/bookings.json", json={"schedule_id": ROOMS, "booking": clash}).status_code == 422
    fault = {"action": "status", "status": 503, "path": "/api/bookings*", "count": 1}
    assert app.test_client().post("/_fakesaas/faults", json=fault).status_code == 201
    assert api.post("/api/bookings.json", json={"schedule_id": ROOMS, "booking": clash}).status_code == 503
    lines = [json.loads(line) for file in _journal(path) for line in file.read_text().splitlines()]
    assert [(entry["environ"]["REQUEST_METHOD"], entry["status"]) for entry in lines] == [("POST", 201)] * 2
    assert [entry["seq"] for entry in lines] == [1, 2]


def test_webhooks_are_not_sent_again_when_writes_are_played_back(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    app = _start(path)
    api = Api(app.test_client())
    hook = {"event": "N", "parent_id": ROOMS, "target_url": "http://127.0.0.1:9/hook"}
    assert api.post("/api/hooks.json", json=hook).status_code == 201
    times = {"start": "2030-02-01 09:00:00", "finish": "2030-02-01 09:30:00", "full_name": "Hooked"}
    body = {"schedule_id": ROOMS, "booking": times}
    assert api.post("/api/bookings.json?webhook=true", json=body).status_code == 201
    sent = app.extensions["fakesaas"].webhooks
    sent.stop()
    assert len(sent.deliveries()) == 1

    again = _start(path)

    assert again.extensions["fakesaas"].webhooks.deliveries() == []
    assert again.test_client().get("/_fakesaas/requests").get_json()["requests"] == []


def test_a_write_cut_off_by_a_crash_is_skipped_and_a_damaged_journal_refused(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    api = Api(_start(path).test_client())
    kept = _book(api, 9)
    (segment,) = _journal(path)
    segment.write_bytes(segment.read_bytes() + b'{"seq": 2, "environ": {"REQUEST_')  # never acknowledged

    assert Api(_start(path).test_client()).get(f"/api/bookings/{kept}.json").status_code == 200

    segment.write_bytes(b"not json\n" + segment.read_bytes())
    with pytest.raises(JournalError, match=r"write journal .*journal-000000000001 is damaged at line 1"):
        _start(path)


def test_a_journal_with_writes_missing_before_it_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    api = Api(_start(path).test_client())
    _book(api, 9)
    _book(api, 10)
    (segment,) = _journal(path)
    second = segment.read_text().splitlines()[1]
    segment.unlink()
    (tmp_path / "state.json.journal-000000000002").write_text(second + "\n")
    with pytest.raises(JournalError, match=r"writes 1 to 1 are missing"):
        _start(path)


def test_a_journal_is_never_ignored_by_a_start_without_durable(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    _book(Api(_start(path).test_client()), 9)
    with pytest.raises(PersistenceError, match="start with --durable to play it back"):
        _start(path, durable=False)


def test_durable_needs_a_state_file() -> None:
    with pytest.raises(SettingsError, match="--durable needs --state FILE"):
        create_app(Settings(seed="none", durable=True))


def test_the_clock_of_each_write_is_the_one_it_had(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    real = ManualClock(T0)
    app = _start(path, at=real)
    api = Api(app.test_client())
    first = _book(api, 9)
    real.advance(timedelta(hours=5))  # real time goes on between the writes
    second = _book(api, 10)
    made = {n: api.get(f"/api/bookings/{n}.json").get_json()["created_on"] for n in (first, second)}

    again = Api(_start(path, at=ManualClock(T0 + timedelta(days=30))).test_client())  # restarted a month on

    assert {n: again.get(f"/api/bookings/{n}.json").get_json()["created_on"] for n in made} == made
    assert first == NEXT_BOOKING_ID
