"""The login service and the token check: getToken, getUserToken, one-hour tokens on the world's
clock, and the headers each service asks for."""

from __future__ import annotations

from datetime import timedelta

import pytest

from fakesaas.core.clock import ManualClock
from fakesaas.simplybook.client import JsonRpcClient, SimplybookClient
from fakesaas.simplybook.domain.companies import Simplybook
from fakesaas.simplybook.domain.settings import Plugin
from tests.simplybook.support import API_KEY, COMPANY, PASSWORD, USER, rpc_error


def test_get_token_opens_the_public_service(api: SimplybookClient) -> None:
    token = api.login.getToken(COMPANY, API_KEY)
    assert isinstance(token, str)
    assert len(token) == 64
    public = api.service("/", {"X-Token": token})
    assert public.getTimeframe() == 30


def test_the_company_login_is_matched_in_any_case(api: SimplybookClient) -> None:
    """SimplyBook's iOS app lowercases the company login; any case works."""
    token = api.login.getToken("DEMO", API_KEY)
    assert api.service("/", {"X-Token": token}).getTimeframe() == 30


@pytest.mark.parametrize(
    ("params", "code", "message"),
    [
        pytest.param(("nobody", API_KEY), -33001, "Company does not exist", id="company"),
        pytest.param((COMPANY, "wrong"), -33002, "Wrong API key", id="key"),
    ],
)
def test_get_token_errors(api: SimplybookClient, params: tuple[str, str], code: int, message: str) -> None:
    with rpc_error(code, message):
        api.login.getToken(*params)


@pytest.mark.parametrize(
    ("params", "code"),
    [
        pytest.param(("nobody", USER, PASSWORD), -33001, id="company"),
        pytest.param((COMPANY, USER, "wrong"), -33003, id="password"),
        pytest.param((COMPANY, "someone", PASSWORD), -33003, id="user"),
    ],
)
def test_get_user_token_errors(api: SimplybookClient, params: tuple[str, str, str], code: int) -> None:
    with rpc_error(code):
        api.login.getUserToken(*params)


def test_a_blocked_user_gets_no_token_and_loses_the_one_it_had(
    api: SimplybookClient, state: Simplybook
) -> None:
    admin = api.admin
    assert admin.getCurrentUserDetails()["login"] == USER
    next(iter(state.company(COMPANY).users.values())).blocked = True
    with rpc_error(-33004, "User is blocked"):
        api.login.getUserToken(COMPANY, USER, PASSWORD)
    with rpc_error(-32600, "Access denied"):
        admin.getCurrentUserDetails()


def test_the_hipaa_plugin_closes_the_public_api(api: SimplybookClient, state: Simplybook) -> None:
    company = state.company(COMPANY)
    company.settings.plugins = company.settings.plugins | {Plugin.HIPAA}
    with rpc_error(-33005):
        api.login.getToken(COMPANY, API_KEY)


def test_without_the_api_plugin_there_is_no_token(api: SimplybookClient, state: Simplybook) -> None:
    company = state.company(COMPANY)
    company.settings.plugins = company.settings.plugins - {Plugin.API}
    with rpc_error(-32001, "Plugin is not activated"):
        api.login.getToken(COMPANY, API_KEY)


def test_a_token_lasts_one_hour_on_the_worlds_clock(api: SimplybookClient, clock: ManualClock) -> None:
    public = api.public
    clock.advance(timedelta(minutes=59, seconds=59))
    assert public.getTimeframe() == 30
    clock.advance(timedelta(seconds=1))
    with rpc_error(-32600, "Access denied"):
        public.getTimeframe()
    api.forget_tokens()
    assert api.public.getTimeframe() == 30


def test_admin_tokens_expire_too(api: SimplybookClient, clock: ManualClock) -> None:
    admin = api.admin
    clock.advance(timedelta(hours=1))
    with rpc_error(-32600, "Access denied"):
        admin.getBookings({})


def test_a_new_token_leaves_the_older_one_working(api: SimplybookClient) -> None:
    first = api.service("/", {"X-Token": api.login.getToken(COMPANY, API_KEY)})
    second = api.service("/", {"X-Token": api.login.getToken(COMPANY, API_KEY)})
    assert first.getTimeframe() == second.getTimeframe() == 30


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        pytest.param({}, "Company does not exists", id="no-headers"),
        pytest.param({"X-Company-Login": COMPANY}, "Access denied", id="no-token"),
        pytest.param({"X-Company-Login": COMPANY, "X-Token": "0" * 64}, "Access denied", id="wrong-token"),
        pytest.param(
            {"X-Company-Login": "nobody", "X-Token": "0" * 64}, "Company does not exists", id="company"
        ),
    ],
)
def test_calls_without_a_live_token_are_refused(
    api: SimplybookClient, headers: dict[str, str], message: str
) -> None:
    client = JsonRpcClient(f"{api.base_url}/", headers, transport=api.transport)
    with rpc_error(-32600, message):
        client.getEventList()


def test_a_token_works_for_its_own_company_and_service_only(api: SimplybookClient, state: Simplybook) -> None:
    public_token = api.login.getToken(COMPANY, API_KEY)
    admin_token = api.login.getUserToken(COMPANY, USER, PASSWORD)
    on_admin = JsonRpcClient(
        f"{api.base_url}/admin",
        {"X-Company-Login": COMPANY, "X-User-Token": public_token},
        transport=api.transport,
    )
    with rpc_error(-32600, "Access denied"):
        on_admin.getBookings({})
    on_public = api.service("/", {"X-Token": admin_token})
    with rpc_error(-32600, "Access denied"):
        on_public.getEventList()
    # The admin service reads X-User-Token, not X-Token.
    wrong_header = api.service("/admin", {"X-Token": admin_token})
    with rpc_error(-32600, "Access denied"):
        wrong_header.getBookings({})


def test_get_service_url_points_back_at_the_emulator(api: SimplybookClient) -> None:
    assert api.login.getServiceUrl(COMPANY) == "http://localhost/simplybook"
    with rpc_error(-33001):
        api.login.getServiceUrl("nobody")


def test_the_login_service_has_only_login_methods(api: SimplybookClient) -> None:
    with rpc_error(-32601):
        api.login.getEventList()
