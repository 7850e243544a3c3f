"""What only the emulator can show (its clock is steerable): a token stops working after one hour."""

from __future__ import annotations

import pytest
import requests

from contracts.simplybook.rpc import Company, RpcError

pytestmark = pytest.mark.emulator_only


def test_a_token_lasts_one_hour(company: Company, control_url: str) -> None:
    fresh = company.service("/", {"X-Token": company.login.getToken(company.company, company.api_key)})
    assert isinstance(fresh.getTimeframe(), int)
    before = requests.get(f"{control_url}/clock", timeout=10).json()["now"]
    requests.post(f"{control_url}/clock/advance", json={"seconds": 3599}, timeout=10).raise_for_status()
    try:
        assert isinstance(fresh.getTimeframe(), int)
        requests.post(f"{control_url}/clock/advance", json={"seconds": 2}, timeout=10).raise_for_status()
        with pytest.raises(RpcError) as caught:
            fresh.getTimeframe()
        assert caught.value.code == -32600
    finally:
        requests.put(f"{control_url}/clock", json={"now": before}, timeout=10)
