"""``fakesaas generate``: the demo grown to N bookings, loadable as a seed with the demo's ids intact."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests

from fakesaas.cli import main
from fakesaas.core.clock import ManualClock
from fakesaas.progress import ProgressBar
from fakesaas.supersaas.domain.accounts import SuperSaas
from fakesaas.supersaas.domain.demo import demo_document
from fakesaas.supersaas.domain.scale import ADDED_ROOMS, ADDED_USERS, COURSES, scaled_document
from fakesaas.supersaas.domain.seed import load_seed
from tests.support import serve

NOW = datetime(2030, 1, 7, 7, 0, tzinfo=UTC)


def loaded(document: dict) -> SuperSaas:
    backend = SuperSaas(ManualClock(NOW))
    load_seed(backend, document)
    return backend


def test_the_grown_demo_keeps_every_demo_id_and_adds_exactly_n_bookings() -> None:
    demo = loaded(demo_document(NOW)).account("demo")
    grown = loaded(scaled_document(NOW, 500)).account("demo")
    assert demo is not None
    assert grown is not None
    assert len(grown.bookings) == len(demo.bookings) + 500
    for booking_id, booking in demo.bookings.items():
        assert grown.bookings[booking_id] == booking
    assert [u.id for u in demo.users.ordered()] == [u.id for u in grown.users.ordered()][: len(demo.users)]
    assert len(grown.users) == len(demo.users) + ADDED_USERS
    for schedule_id, schedule in demo.schedules.items():
        assert set(schedule.slots) <= set(grown.schedules[schedule_id].slots)
    names = [s.name for s in grown.schedules.values()]
    assert names == [*(s.name for s in demo.schedules.values()), COURSES]


def test_added_bookings_leave_the_demos_rooms_and_users_alone() -> None:
    """So an answer about the demo's own data is the same at any size."""
    demo = loaded(demo_document(NOW)).account("demo")
    grown = loaded(scaled_document(NOW, 2000)).account("demo")
    assert demo is not None
    assert grown is not None
    rooms = grown.schedules[100001]
    added_rooms = {r.id for r in rooms.resources if r.name in ADDED_ROOMS}
    demo_users = {u.id for u in demo.users.ordered()}
    added = [b for b_id, b in grown.bookings.items() if b_id not in demo.bookings]
    assert all(b.user_id not in demo_users for b in added)
    on_rooms = [b for b in added if b.schedule_id == rooms.id]
    assert all(b.resource_id in added_rooms for b in on_rooms)
    assert len(on_rooms) == 1800  # nine in ten; the tenth in Courses, half full
    in_courses = [b for b in added if b.schedule_id != rooms.id]
    assert {grown.schedules[b.schedule_id].name for b in in_courses} == {COURSES}
    assert not any(b.waitlisted for b in in_courses)
    spread = [b.start for b in on_rooms if b.start is not None]
    assert max(spread) - min(spread) > timedelta(days=3000)  # over the ten years, not bunched


def test_the_same_random_seed_gives_the_same_document() -> None:
    assert scaled_document(NOW, 300, seed=7) == scaled_document(NOW, 300, seed=7)
    assert scaled_document(NOW, 300, seed=7) != scaled_document(NOW, 300, seed=8)


def test_a_negative_size_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        scaled_document(NOW, -1)


@pytest.mark.slow
def test_generate_writes_a_seed_that_serve_loads(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed = tmp_path / "grown.json"
    assert main(["generate", "--bookings", "1_000", "--out", str(seed)]) == 0
    assert "bookings 1,000 added" in capsys.readouterr().out
    assert len(json.loads(seed.read_text())["supersaas"]["accounts"][0]["bookings"]) == 1011
    process, url = serve("--seed", str(seed))
    try:
        auth = ("demo", "demo-api-key")
        last = requests.get(f"{url}/api/bookings/{5_000_011 + 1_000}.json", auth=auth, timeout=5)
        assert last.status_code == 200
        assert last.json()["schedule_name"] == COURSES  # the tenth of the added bookings come last
        alice = requests.get(f"{url}/api/agenda/100001.json?user=alice@example.com", auth=auth, timeout=5)
        assert alice.status_code == 200
        assert alice.json()["bookings"]  # the demo's own upcoming bookings are still hers
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_generate_refuses_a_size_that_is_not_a_count(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["generate", "--bookings", "many", "--out", "x.json"])
    assert "not a whole number" in capsys.readouterr().err


def test_the_progress_bar_is_silent_for_small_totals_and_ends_once() -> None:
    small, large = io.StringIO(), io.StringIO()
    for done in range(0, 101, 10):
        ProgressBar("loading", small, from_total=1000)(done, 100)
    bar = ProgressBar("loading", large, from_total=1000)
    for done in range(0, 20_001, 1000):
        bar(done, 20_000)
    bar(20_000, 20_000)
    assert small.getvalue() == ""
    lines = large.getvalue().splitlines()
    assert lines[-1].startswith("loading [" + "#" * 30 + "] 100% 20,000/20,000 in ")
    assert sum("100%" in line for line in lines) == 1
    assert len(lines) <= 11  # not a terminal: a line per tenth
