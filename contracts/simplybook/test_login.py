"""Login and tokens (User API guide, research §2.2): getToken, the headers, refused tokens."""

from __future__ import annotations

import pytest

from contracts.simplybook.conftest import Target
from contracts.simplybook.rpc import Company, RpcError


def test_a_token_opens_the_public_service(company: Company) -> None:
    assert isinstance(company.public.getEventList(), dict | list)


@pytest.mark.parametrize(
    ("params", "code"),
    [(("no-such-company-contracts", "x"), -33001), ((None, "not-the-api-key"), -33002)],
    ids=["company", "api-key"],
)
def test_get_token_errors(company: Company, target: Target, params: tuple, code: int) -> None:
    login, key = params
    with pytest.raises(RpcError) as caught:
        company.login.getToken(login or target.company, key)
    assert caught.value.code == code


def test_a_wrong_token_is_access_denied(company: Company) -> None:
    stranger = company.service("/", {"X-Token": "0" * 64})
    with pytest.raises(RpcError) as caught:
        stranger.getEventList()
    assert (caught.value.code, caught.value.message) == (-32600, "Access denied")


def test_a_wrong_user_password_is_33003(company: Company, target: Target) -> None:
    with pytest.raises(RpcError) as caught:
        company.login.getUserToken(target.company, target.user or "someone", "not-the-password-contracts")
    assert caught.value.code == -33003
