"""Hold tokens (docs.seats.io "Hold tokens"; testCreateHoldToken): 15 minutes unless told, extendable."""

from __future__ import annotations

import pytest

from contracts.seatsio.client import Client
from contracts.seatsio.conftest import Sandbox

pytestmark = pytest.mark.destructive


def test_a_new_token_lasts_fifteen_minutes(api: Client, sandbox: Sandbox) -> None:
    token = sandbox.token()
    answer = api.get(f"/hold-tokens/{token}")
    assert answer.status == 200
    assert 14 * 60 <= answer.body["expiresInSeconds"] <= 15 * 60
    assert answer.body["holdToken"] == token
    assert answer.body["workspaceKey"]


def test_expiry_can_be_moved(api: Client, sandbox: Sandbox) -> None:
    token = sandbox.token(5)
    answer = api.post(f"/hold-tokens/{token}", {"expiresInMinutes": 30})
    assert answer.status == 200
    assert 29 * 60 <= answer.body["expiresInSeconds"] <= 30 * 60


def test_an_unknown_token_is_404(api: Client) -> None:
    assert api.get("/hold-tokens/noSuchTokenFakesaas").status == 404
