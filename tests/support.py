"""Facts about the demo seed that tests rely on, and small helpers for HTTP assertions."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from datetime import UTC, datetime

from fakesaas.core.world import World
from fakesaas.services import all_services
from fakesaas.supersaas.domain.accounts import SuperSaas

# A Monday, 09:00 in Amsterdam: "tomorrow" in the demo seed is Tuesday 2030-01-08.
T0 = datetime(2030, 1, 7, 8, 0, tzinfo=UTC)
TOMORROW = "2030-01-08"

ACCOUNT, API_KEY, PASSWORD = "demo", "demo-api-key", "demo-password"
ROOMS, CLASSES, SERVICES, WORKSHOPS = 100001, 100002, 100003, 100004
ROOM_1, ROOM_2 = 200001, 200002
ALICE, BOB, CAROL = 1000001, 1000002, 1000003
ALICE_NAME, BOB_NAME = "alice@example.com", "bob@example.com"
ALICE_FK = "1001fk"
# Bookings of the demo, in seed order.
ALICE_ROOM_1, BOB_ROOM_2, CAROL_ROOM_1, ALICE_YOGA, ALICE_SPINNING, BOB_SPINNING, CAROL_HAIRCUT = range(
    5000001, 5000008
)
YOGA_TOMORROW, SPINNING_TOMORROW = 300001, 300002  # capacities 10 and 2 (spinning is full)
POTTERY_TOMORROW = 300043  # Workshops (waiting list allowed): capacity 3, full, one waiting
ALICE_POTTERY, BOB_POTTERY, CAROL_POTTERY, WENDY_WAITING = range(5000008, 5000012)
NEXT_BOOKING_ID, NEXT_USER_ID = 5000012, 1000004
INTAKE, FEEDBACK = 450001, 450002  # super forms
ALICE_INTAKE_FORM, CAROL_FEEDBACK_FORM, BOB_INTAKE_FORM = 460002, 460001, 460003


def checksum(user_name: str, secret: str = API_KEY, account: str = ACCOUNT) -> str:
    return hashlib.md5((account + secret + user_name).encode()).hexdigest()


def id_from_location(location: str) -> int:
    match = re.search(r"/(\d+)\.(?:json|xml)\Z", location)
    assert match, f"location {location!r} does not end in /{{id}}.json"
    return int(match.group(1))


def error_titles(body: dict) -> list[str]:
    return [error["title"] for error in body["errors"]]


def serve(*args: str) -> tuple[subprocess.Popen[str], str]:
    """``python -m fakesaas serve --port 0 ARGS`` as a user runs it; returns the process and the URL
    from its first line. The caller stops the process."""
    process = subprocess.Popen(
        [sys.executable, "-m", "fakesaas", "serve", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    if " listening on http://127.0.0.1:" not in first:
        process.kill()
        raise AssertionError(first + process.communicate(timeout=30)[1])
    return process, first.rsplit(" ", 1)[-1].strip()


def mounted(world: World) -> World:
    """``world`` serving every registered service, as the app factory would mount them."""
    world.mount(all_services())
    return world


def supersaas_state(world: World) -> SuperSaas:
    """The SuperSaaS state of a world (what its HTTP layer works on)."""
    return world.state("supersaas")  # type: ignore[no-any-return]
