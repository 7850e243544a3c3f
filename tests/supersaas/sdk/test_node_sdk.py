"""The official Node SDK (npm ``supersaas-api-client``) against the emulator, host changed only.

The package is installed from the npm registry into ``.cache/node-sdk`` on first use, so the
suite needs ``node`` and ``npm`` on the machine (both are on every machine of this project).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support import ALICE, ROOMS, WORKSHOPS

NODE_SDK = "supersaas-api-client@2.0.1"
ROOT = Path(__file__).resolve().parents[3]
CACHE = ROOT / ".cache" / "node-sdk"


@pytest.fixture(scope="session")
def node_modules() -> Path:
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.fail("the Node SDK check needs node and npm on the PATH")
    installed = CACHE / "node_modules" / "supersaas-api-client"
    if not installed.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--silent", "--prefix", str(CACHE), NODE_SDK],
            check=True,
            timeout=300,
        )
    return CACHE / "node_modules"


@pytest.fixture
def node_run(node_modules: Path, emulator, tmp_path: Path) -> dict:
    result_file = tmp_path / "result.json"
    env = {
        **os.environ,
        "NODE_PATH": str(node_modules),
        "SSS_API_HOST": emulator.url,
        "SSS_API_ACCOUNT_NAME": "demo",
        "SSS_API_KEY": "demo-api-key",
        "ROOMS": str(ROOMS),
        "WORKSHOPS": str(WORKSHOPS),
        "ALICE": str(ALICE),
    }
    driver = Path(__file__).with_name("node_driver.js")
    run = subprocess.run(
        ["node", str(driver), str(result_file)], env=env, capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return json.loads(result_file.read_text())


def test_node_sdk_crud_and_reads_work_with_only_the_host_changed(node_run: dict) -> None:
    assert [name for _, name in node_run["schedules"]] == ["Rooms", "Classes", "Services", "Workshops"]
    # Node returns the location header of a 201 (it needs Content-Type on every 2xx, which it gets).
    assert node_run["created"].endswith(".json")
    booking_id = int(node_run["created"].rsplit("/", 1)[1].removesuffix(".json"))
    read = node_run["read"]
    assert (read["id"], read["full_name"], read["res_name"], read["start"]) == (
        booking_id,
        "Node Booker",
        "Room 2",
        "2030-02-04 10:00:00",
    )
    assert node_run["reread"]["full_name"] == "Node Renamed"
    assert node_run["reread"]["start"] == "2030-02-04 10:00:00"
    assert booking_id in node_run["listed"]
    assert node_run["free"][0] == ["2030-02-04 08:00:00", "2030-02-04 10:00:00", "Room 2"]
    assert node_run["after_delete"] == "Request failed with status 404"


def test_node_sdk_reads_slot_trees_users_and_catalogues(node_run: dict) -> None:
    slots = dict((slot_id, bookings) for slot_id, bookings in node_run["changes"])
    assert any(len(bookings) == 4 for bookings in slots.values())  # tomorrow's pottery: 3 seated, 1 waiting
    assert node_run["user_created"].endswith(".json")
    assert (node_run["user"]["name"], node_run["user"]["fk"]) == ("node@example.com", "4242fk")
    assert node_run["user_reread"] == "Node Person"
    assert node_run["promotions"] == ["WELCOME10", "SPRING25", "TEMPLATE50"]
    assert node_run["super_forms"] == ["Intake questionnaire", "Feedback"]
