"""A reset to a seed file puts the world back from the image kept when the file was loaded, exactly
as replaying the file would, and replays the file whenever the image cannot stand for it."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from fakesaas import create_app, seeding
from fakesaas.core.clock import ManualClock
from fakesaas.core.world import World
from fakesaas.seatsio.domain.demo import DEMO_WORKSPACE_SECRET_KEY
from fakesaas.settings import Settings
from tests.seatsio.support import basic
from tests.support import ACCOUNT, API_KEY, ROOMS, T0

AUTH = (ACCOUNT, API_KEY)
READY = 60  # seconds a forked child may take to pickle the demo world on a busy machine


@pytest.fixture
def seed_file(tmp_path: Path) -> Path:
    """Every service's demo, written out as a seed file with its dates fixed."""
    mounted = World(ManualClock(T0))
    create_app(Settings(seed="none"), mounted)
    document = seeding.seed_document(mounted, "demo")
    path = tmp_path / "world.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.fixture
def world(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> World:
    images = tmp_path / "images"
    images.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(images))
    return World(ManualClock(T0))


def started(world: World, seed: Path) -> Flask:
    app = create_app(Settings(seed=str(seed)), world)
    assert world.seed_image.ready.wait(READY), world.seed_image.error
    return app


def dumped(world: World) -> dict[str, Any]:
    return {service.name: service.dump(world.state(service.name)) for service in world.services}


def write_everywhere(app: Flask) -> None:
    client = app.test_client()
    booking = {"schedule_id": ROOMS, "booking": {"start": "2030-02-01 10:00", "finish": "2030-02-01 11:00"}}
    assert client.post("/api/bookings.json", json=booking, auth=AUTH).status_code == 201
    assert client.post("/seatsio/hold-tokens", headers=basic(DEMO_WORKSPACE_SECRET_KEY)).status_code == 201


def test_a_reset_puts_back_what_the_file_loaded_from_the_image(world: World, seed_file: Path) -> None:
    app = started(world, seed_file)
    seeded = dumped(world)
    write_everywhere(app)
    assert dumped(world) != seeded
    answer = app.test_client().post("/_fakesaas/reset")
    assert answer.status_code == 200
    assert answer.get_json()["services"]["supersaas"] == [ACCOUNT]
    assert dumped(world) == seeded
    write_everywhere(app)  # the restored records are the world's own: the image stays as it was
    app.test_client().post("/_fakesaas/reset")
    assert dumped(world) == seeded


def test_the_image_is_what_a_reset_restores(
    world: World, seed_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = started(world, seed_file)
    seeded = dumped(world)
    write_everywhere(app)

    def no_replay(*args: object) -> None:
        raise AssertionError("the seed file was replayed")

    monkeypatch.setattr(seeding, "apply_seed", no_replay)
    assert app.test_client().post("/_fakesaas/reset").status_code == 200
    assert dumped(world) == seeded


def test_a_seed_file_changed_since_the_start_is_replayed(world: World, seed_file: Path) -> None:
    app = started(world, seed_file)
    document = json.loads(seed_file.read_text(encoding="utf-8"))
    document["supersaas"]["accounts"][0]["bookings"] = []
    seed_file.write_text(json.dumps(document), encoding="utf-8")
    app.test_client().post("/_fakesaas/reset")
    bookings = app.test_client().get(f"/api/bookings.json?schedule_id={ROOMS}", auth=AUTH).get_json()
    assert bookings == []
    fresh = World(ManualClock(T0))
    create_app(Settings(seed=str(seed_file)), fresh)
    assert dumped(world) == dumped(fresh)


def test_before_the_image_is_ready_a_reset_replays_the_file_and_keeps_the_image_coming(
    world: World, seed_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = started(world, seed_file)
    seeded = dumped(world)
    image = world.seed_image
    image.ready.clear()  # as while the child is still writing it
    write_everywhere(app)
    assert app.test_client().post("/_fakesaas/reset").status_code == 200
    assert dumped(world) == seeded
    # The image being written is of the same file: the replay leaves it be rather than start
    # another, so resets that come faster than an image is written still get one.
    assert world.seed_image is image
    image.ready.set()
    write_everywhere(app)

    def no_replay(*args: object) -> None:
        raise AssertionError("the seed file was replayed")

    monkeypatch.setattr(seeding, "apply_seed", no_replay)
    assert app.test_client().post("/_fakesaas/reset").status_code == 200
    assert dumped(world) == seeded


def test_an_unreadable_image_is_dropped_and_the_file_replayed(
    world: World, seed_file: Path, tmp_path: Path
) -> None:
    app = started(world, seed_file)
    seeded = dumped(world)
    damaged = tmp_path / "damaged.image"
    damaged.write_bytes(b"not a pickle")
    world.seed_image.close()
    world.seed_image.descriptor = os.open(damaged, os.O_RDONLY)
    write_everywhere(app)
    assert app.test_client().post("/_fakesaas/reset").status_code == 200
    assert dumped(world) == seeded
    assert world.seed_image.ready.wait(READY)  # the replay is kept instead


def test_no_image_file_is_left_on_disk(world: World, seed_file: Path) -> None:
    started(world, seed_file)
    assert list(Path(tempfile.gettempdir()).iterdir()) == []


def test_the_demo_is_replayed_from_the_clock_now(world: World) -> None:
    """The demo is dated from the clock's now: a reset after the clock moved dates it anew."""
    app = create_app(Settings(seed="demo"), world)
    assert world.seed_image is None
    world.clock.set(T0.replace(year=2031))
    app.test_client().post("/_fakesaas/reset")
    fresh = World(ManualClock(T0.replace(year=2031)))
    create_app(Settings(seed="demo"), fresh)
    assert dumped(world) == dumped(fresh)
