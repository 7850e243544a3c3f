"""Emulator only: hold tokens expire on the emulator's clock (moved through /_fakesaas/clock) and
what they held is free again."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import requests

from contracts.seatsio.client import Client
from contracts.seatsio.conftest import Sandbox
from contracts.seatsio.target import Target

pytestmark = [pytest.mark.emulator_only, pytest.mark.destructive]


def test_an_expired_token_frees_its_seats(
    api: Client,
    sandbox: Sandbox,
    target: Target,
    row: list[str],
    statuses: Callable[[str, list[str]], dict[str, str]],
) -> None:
    event = sandbox.event()
    token = sandbox.token(1)
    body = {
        "events": [event],
        "objects": row[:2],
        "type": "CHANGE_STATUS_TO",
        "status": "reservedByToken",
        "holdToken": token,
    }
    assert api.post("/events/groups/actions/change-object-status", body).status in (200, 204)
    advanced = requests.post(
        f"{target.emulator_root}/_fakesaas/clock/advance", json={"minutes": 2}, timeout=10
    )
    assert advanced.status_code == 200
    assert statuses(event, row[:2]) == {row[0]: "free", row[1]: "free"}
    assert api.get(f"/hold-tokens/{token}").status == 404
