"""Saved worlds: what ``fakesaas serve --state FILE`` keeps across a stop and a start, and how a
state file that cannot be read back is refused instead of becoming an empty world."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests

from fakesaas import create_app
from fakesaas.cli import main
from fakesaas.core.clock import ManualClock, VirtualClock
from fakesaas.core.world import World
from fakesaas.persistence import PersistenceError, load_world, save_world
from fakesaas.seeding import apply_seed
from fakesaas.settings import Settings
from fakesaas.supersaas.domain.snapshot import dump_state
from tests.conftest import Api
from tests.support import (
    ACCOUNT,
    ALICE_INTAKE_FORM,
    ALICE_ROOM_1,
    API_KEY,
    BOB_ROOM_2,
    NEXT_BOOKING_ID,
    NEXT_USER_ID,
    ROOMS,
    T0,
    id_from_location,
    mounted,
    serve,
    supersaas_state,
)

AUTH = (ACCOUNT, API_KEY)
START_TIMEOUT = 30
DEADLINE = 10


# --- in one process ---------------------------------------------------------------------------


def _book(api: Api, start: str, finish: str, name: str = "Saved Sam") -> int:
    body = {"schedule_id": ROOMS, "booking": {"start": start, "finish": finish, "full_name": name}}
    response = api.post("/api/bookings.json", json=body)
    assert response.status_code == 201, response.data
    return id_from_location(response.headers["location"])


def _make_history(api: Api) -> dict[str, int]:
    """A booking created, one changed, one deleted, a user and a promotion added."""
    created = _book(api, "2030-02-01 10:00:00", "2030-02-01 11:00:00")
    renamed = api.put(f"/api/bookings/{BOB_ROOM_2}.json", json={"booking": {"full_name": "Bob B."}})
    assert renamed.status_code == 200
    assert api.delete(f"/api/bookings/{ALICE_ROOM_1}.json").status_code == 200
    user = api.post("/api/users.json", json={"user": {"name": "dora@example.com", "full_name": "Dora"}})
    assert user.status_code == 201
    promotion = api.post("/api/promotions.json", json={"id": "KEPT5", "template_code": "TEMPLATE50"})
    assert promotion.status_code == 201
    return {"booking": created, "user": id_from_location(user.headers["location"])}


def _restarted(path: Path, seed: str = "demo") -> Api:
    """A new app on a fresh world, started as ``--state path`` would start it."""
    return Api(create_app(Settings(seed=seed, state=str(path)), World(ManualClock(T0))).test_client())


def test_a_saved_world_loads_back_exactly_as_it_was(api: Api, world: World, tmp_path: Path) -> None:
    _make_history(api)
    path = tmp_path / "state.json"
    save_world(world, path)
    restored = mounted(World(ManualClock(T0)))
    load_world(restored, path)
    # Every record of every kind (bookings, deleted ones, users, changes, forms, promotions, id
    # sequences) is the same after the round trip.
    assert dump_state(supersaas_state(restored)) == dump_state(supersaas_state(world))


def test_a_restarted_app_serves_the_saved_world_not_the_seed(api: Api, world: World, tmp_path: Path) -> None:
    made = _make_history(api)
    before = {
        "created": api.get(f"/api/bookings/{made['booking']}.json").get_json(),
        "bob": api.get(f"/api/bookings/{BOB_ROOM_2}.json").get_json(),
        "user": api.get(f"/api/users/{made['user']}.json").get_json(),
        "changes": api.get(f"/api/changes/{ROOMS}.json?from=2030-01-01").get_json(),
        "form": api.get(f"/api/forms.json?id={ALICE_INTAKE_FORM}").get_json(),
        "promotions": api.get("/api/promotions.json").get_json(),
    }
    path = tmp_path / "state.json"
    save_world(world, path)

    again = _restarted(path, seed="demo")  # an existing state file wins over --seed
    assert again.get(f"/api/bookings/{made['booking']}.json").get_json() == before["created"]
    assert again.get(f"/api/bookings/{BOB_ROOM_2}.json").get_json()["full_name"] == "Bob B."
    assert again.get(f"/api/bookings/{BOB_ROOM_2}.json").get_json() == before["bob"]
    assert again.get(f"/api/bookings/{ALICE_ROOM_1}.json").status_code == 404
    assert again.get(f"/api/users/{made['user']}.json").get_json() == before["user"]
    changes = again.get(f"/api/changes/{ROOMS}.json?from=2030-01-01").get_json()
    assert changes == before["changes"]
    assert {b["id"]: b["deleted"] for b in changes["bookings"]}[ALICE_ROOM_1] is True
    assert again.get(f"/api/forms.json?id={ALICE_INTAKE_FORM}").get_json() == before["form"]
    assert again.get("/api/promotions.json").get_json() == before["promotions"]
    assert [p["code"] for p in before["promotions"]][-1] == "KEPT5"
    assert len(again.get("/api/users.json").get_json()) == 4


def test_ids_continue_after_a_reload_so_no_id_is_ever_used_twice(
    api: Api, world: World, tmp_path: Path
) -> None:
    first = _book(api, "2030-02-01 10:00:00", "2030-02-01 11:00:00")
    assert first == NEXT_BOOKING_ID
    # Deleted last: a world that reused ids would hand this one out again.
    assert api.delete(f"/api/bookings/{first}.json").status_code == 200
    path = tmp_path / "state.json"
    save_world(world, path)

    again = _restarted(path)
    assert _book(again, "2030-02-01 10:00:00", "2030-02-01 11:00:00") == NEXT_BOOKING_ID + 1
    user = again.post("/api/users.json", json={"user": {"name": "eve@example.com"}})
    assert id_from_location(user.headers["location"]) == NEXT_USER_ID


def test_save_endpoint_writes_the_state_file_and_says_what_it_saved(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    app = create_app(Settings(seed="demo", state=str(path)), World(ManualClock(T0)))
    api = Api(app.test_client())
    assert not path.exists()  # a missing file means "start from the seed"
    created = _book(api, "2030-02-01 10:00:00", "2030-02-01 11:00:00")

    response = api.post("/_fakesaas/save")
    assert response.status_code == 200
    body = response.get_json()
    assert body["saved"] == str(path)
    assert (body["accounts"], body["deleted_bookings"], body["users"]) == (1, 0, 3)  # SuperSaaS's own
    assert body["services"]["supersaas"] == {"accounts": 1, "bookings": 12, "deleted_bookings": 0, "users": 3}
    saved = json.loads(path.read_text())
    assert saved["fakesaas_state"] == 2
    assert created in [b["id"] for b in saved["services"]["supersaas"]["accounts"][0]["bookings"]]
    assert sorted(os.listdir(tmp_path)) == ["state.json"]  # no temporary file left behind


def test_save_endpoint_without_a_state_file_is_refused(api: Api) -> None:
    response = api.post("/_fakesaas/save")
    assert response.status_code == 409
    assert "--state FILE" in response.get_json()["error"]


def test_a_state_file_in_a_missing_directory_is_refused_at_start(tmp_path: Path) -> None:
    path = tmp_path / "no-such-dir" / "state.json"
    with pytest.raises(PersistenceError, match="does not exist"):
        create_app(Settings(seed="demo", state=str(path)), World(ManualClock(T0)))


def _damaged_record(saved: dict[str, Any]) -> dict[str, Any]:
    saved["services"]["supersaas"]["accounts"][0]["bookings"][0]["start"] = "next Tuesday-ish"
    return saved


def _record_without_id(saved: dict[str, Any]) -> dict[str, Any]:
    del saved["services"]["supersaas"]["accounts"][0]["users"][0]["id"]
    return saved


def _wrong_clock(saved: dict[str, Any]) -> dict[str, Any]:
    saved["clock"] = {"frozen": "sometimes"}
    return saved


BAD_FILES = {
    "not-json": (lambda good: '{"fakesaas_state": 2, "services": {', "is not valid JSON: "),
    "empty": (lambda good: "", "is empty"),
    "a-seed-document": (lambda good: '{"accounts": []}', 'not a fakesaas state file (no "fakesaas_state"'),
    "json-list": (lambda good: "[1, 2]", "not a fakesaas state file"),
    "newer-format": (lambda good: json.dumps({**good, "fakesaas_state": 3}), "has state format 3"),
    "no-services": (lambda good: '{"fakesaas_state": 2}', 'no "services" object'),
    "unknown-service": (
        lambda good: json.dumps({**good, "services": {**good["services"], "supersas": {}}}),
        "unknown key 'supersas'",
    ),
    "unknown-key": (lambda good: json.dumps({**good, "clok": {}}), "unknown key 'clok'"),
    "damaged-record": (lambda good: json.dumps(_damaged_record(good)), "the state is damaged"),
    "record-without-id": (lambda good: json.dumps(_record_without_id(good)), "the state is damaged"),
    "damaged-clock": (lambda good: json.dumps(_wrong_clock(good)), "bad clock"),
    "nested-too-deep": (lambda good: "[" * 100_000 + "]" * 100_000, "nested too deeply"),
    "rewound-counter": (
        lambda good: json.dumps(_edit(good, lambda s: s["ids"].update(booking=5000001))),
        "the next booking id, 5000001, is not past booking 5000011",
    ),
    "booking-on-unknown-schedule": (
        lambda good: json.dumps(
            _edit(good, lambda s: s["accounts"][0]["bookings"][0].update(schedule_id=999))
        ),
        "booking 5000001 is on unknown schedule 999",
    ),
    "booking-of-unknown-user": (
        lambda good: json.dumps(_edit(good, lambda s: s["accounts"][0]["bookings"][0].update(user_id=42))),
        "booking 5000001 names unknown user 42",
    ),
    "null-api-key": (
        lambda good: json.dumps(_edit(good, lambda s: s["accounts"][0].update(api_key=None))),
        "an account's api_key must be text",
    ),
    "number-as-text": (
        lambda good: json.dumps(_edit(good, lambda s: s["accounts"][0]["users"][0].update(name=7))),
        "User.name has the wrong type",
    ),
    "duplicate-account": (
        lambda good: json.dumps(_edit(good, lambda s: s["accounts"].append(dict(s["accounts"][0])))),
        "account 'demo' appears twice",
    ),
}


def _edit(saved: dict[str, Any], change: Any) -> dict[str, Any]:
    change(saved["services"]["supersaas"])
    return saved


@pytest.fixture
def demo_world() -> World:
    world = mounted(World(ManualClock(T0)))
    apply_seed(world, "demo")
    return world


@pytest.mark.parametrize(("content", "message"), BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_bad_state_file_is_a_clear_error_and_changes_nothing(
    demo_world: World, tmp_path: Path, content: Any, message: str
) -> None:
    good = tmp_path / "good.json"
    save_world(demo_world, good)
    path = tmp_path / "state.json"
    path.write_text(content(json.loads(good.read_text())))
    original = path.read_bytes()
    before = dump_state(supersaas_state(demo_world))

    with pytest.raises(PersistenceError, match=r"^state file ") as caught:
        load_world(demo_world, path)
    assert str(path) in str(caught.value)
    assert message in str(caught.value)
    assert path.read_bytes() == original
    assert dump_state(supersaas_state(demo_world)) == before  # nothing half-loaded


def test_a_failed_save_keeps_the_previous_file_whole(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "state.json"
    save_world(world, path)
    previous = path.read_bytes()

    def disk_full(source: str, target: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(PersistenceError, match="No space left on device"):
        save_world(world, path)
    assert path.read_bytes() == previous
    assert sorted(os.listdir(tmp_path)) == ["state.json"]


def test_a_frozen_clock_comes_back_frozen_at_the_saved_moment(tmp_path: Path) -> None:
    world = mounted(World(VirtualClock()))
    moment = datetime(2031, 3, 4, 5, 6, 7, tzinfo=UTC)
    world.clock.freeze()
    world.clock.set(moment)
    path = tmp_path / "state.json"
    save_world(world, path)

    restored = mounted(World(VirtualClock()))
    load_world(restored, path)
    assert (restored.clock.frozen, restored.clock.now()) == (True, moment)


def test_a_running_clock_moved_ahead_keeps_its_lead_after_a_reload(tmp_path: Path) -> None:
    world = mounted(World(VirtualClock()))
    world.clock.advance(timedelta(days=3))
    path = tmp_path / "state.json"
    save_world(world, path)

    restored = mounted(World(VirtualClock()))
    load_world(restored, path)
    assert restored.clock.frozen is False
    lead = restored.clock.now() - datetime.now(UTC)
    assert timedelta(days=3) - timedelta(seconds=5) < lead < timedelta(days=3) + timedelta(seconds=5)


def test_save_every_without_a_state_file_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--port", "0", "--save-every", "5"]) == 2
    assert "--save-every needs --state FILE" in capsys.readouterr().err


# --- fakesaas serve as a process --------------------------------------------------------------


@pytest.fixture
def processes() -> Iterator[list[subprocess.Popen[str]]]:
    """Every process a test starts goes here; whatever still runs at the end is killed."""
    started: list[subprocess.Popen[str]] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=START_TIMEOUT)


def _stop(process: subprocess.Popen[str], how: signal.Signals = signal.SIGTERM) -> tuple[str, str]:
    process.send_signal(how)
    out, err = process.communicate(timeout=DEADLINE)
    assert process.returncode == 0, err
    return out, err


def _future_wednesday() -> str:
    day = date.today() + timedelta(days=60)
    return (day + timedelta(days=(2 - day.weekday()) % 7)).isoformat()


def _book_over_http(url: str, day: str, hour: int, name: str) -> int:
    times = {"start": f"{day} {hour:02d}:00:00", "finish": f"{day} {hour:02d}:45:00"}
    body = {"schedule_id": ROOMS, "booking": {**times, "full_name": name}}
    response = requests.post(f"{url}/api/bookings.json", json=body, auth=AUTH, timeout=5)
    assert response.status_code == 201, response.text
    return id_from_location(response.headers["location"])


def _bookings(url: str, ids: list[int]) -> dict[int, Any]:
    return {i: requests.get(f"{url}/api/bookings/{i}.json", auth=AUTH, timeout=5).json() for i in ids}


@pytest.mark.slow
def test_serve_keeps_every_booking_and_user_across_a_stop_and_a_restart(
    processes: list[subprocess.Popen[str]], tmp_path: Path
) -> None:
    path = tmp_path / "state.json"
    process, url = serve("--state", str(path))
    processes.append(process)
    day = _future_wednesday()
    kept = [_book_over_http(url, day, hour, f"Guest {hour}") for hour in (9, 11, 13)]
    gone = _book_over_http(url, day, 15, "Cancelled")
    assert requests.delete(f"{url}/api/bookings/{gone}.json", auth=AUTH, timeout=5).status_code == 200
    fay_body = {"user": {"name": "fay@example.com", "full_name": "Fay"}}
    user = requests.post(f"{url}/api/users.json", json=fay_body, auth=AUTH, timeout=5)
    assert user.status_code == 201
    user_id = id_from_location(user.headers["location"])
    seeded = [ALICE_ROOM_1, BOB_ROOM_2]
    bookings = _bookings(url, [*seeded, *kept])
    fay = requests.get(f"{url}/api/users/{user_id}.json", auth=AUTH, timeout=5).json()

    out, _ = _stop(process)
    assert "fakesaas saved supersaas: 1 accounts, 14 bookings, 4 users" in out
    assert json.loads(path.read_text())["fakesaas_state"] == 2

    process, url = serve("--state", str(path))
    processes.append(process)
    assert _bookings(url, [*seeded, *kept]) == bookings
    assert requests.get(f"{url}/api/bookings/{gone}.json", auth=AUTH, timeout=5).status_code == 404
    assert requests.get(f"{url}/api/users/{user_id}.json", auth=AUTH, timeout=5).json() == fay
    late = _book_over_http(url, day, 17, "After restart")
    assert late == gone + 1

    _stop(process, signal.SIGINT)  # Ctrl-C saves too
    saved = json.loads(path.read_text())
    assert late in [b["id"] for b in saved["services"]["supersaas"]["accounts"][0]["bookings"]]


@pytest.mark.slow
def test_save_every_writes_the_state_file_while_running(
    processes: list[subprocess.Popen[str]], tmp_path: Path
) -> None:
    path = tmp_path / "state.json"
    process, url = serve("--state", str(path), "--save-every", "0.2")
    processes.append(process)
    booked = _book_over_http(url, _future_wednesday(), 10, "Autosaved")

    def saved_ids() -> list[int]:
        try:
            saved = json.loads(path.read_text())
        except (FileNotFoundError, ValueError):
            return []
        return [b["id"] for b in saved["services"]["supersaas"]["accounts"][0]["bookings"]]

    deadline = time.monotonic() + DEADLINE
    while booked not in saved_ids() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert booked in saved_ids()
    assert process.poll() is None  # written by the running server, not on the way out


@pytest.mark.slow
def test_serve_refuses_a_bad_state_file_with_exit_code_2_and_leaves_it_alone(
    demo_world: World, tmp_path: Path
) -> None:
    path = tmp_path / "bad.json"
    save_world(demo_world, path)
    content = json.dumps(_damaged_record(json.loads(path.read_text())))
    path.write_text(content)
    result = subprocess.run(
        [sys.executable, "-m", "fakesaas", "serve", "--port", "0", "--state", str(path)],
        capture_output=True,
        text=True,
        timeout=START_TIMEOUT,
    )
    assert result.returncode == 2
    assert result.stderr.startswith(
        f"fakesaas: state file {path} cannot be loaded: supersaas: the state is damaged"
    )
    assert "Traceback" not in result.stderr
    assert path.read_text() == content


def test_a_state_file_of_format_1_still_loads(tmp_path: Path) -> None:
    """The release before services had sections wrote the SuperSaaS state at the top level."""
    world = mounted(World(ManualClock(T0)))
    apply_seed(world, "demo")
    path = tmp_path / "state.json"
    save_world(world, path)
    current = json.loads(path.read_text())
    old = {key: value for key, value in current.items() if key != "services"}
    path.write_text(json.dumps({**old, "fakesaas_state": 1, "supersaas": current["services"]["supersaas"]}))

    restored = mounted(World(ManualClock(T0)))
    load_world(restored, path)

    assert dump_state(supersaas_state(restored)) == dump_state(supersaas_state(world))


def test_a_service_absent_from_a_state_file_starts_empty(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text(json.dumps({"fakesaas_state": 2, "services": {}}))
    restored = mounted(World(ManualClock(T0)))
    apply_seed(restored, "demo")

    loaded = load_world(restored, path)

    assert supersaas_state(restored).accounts == {}
    assert loaded["services"]["supersaas"]["accounts"] == 0
