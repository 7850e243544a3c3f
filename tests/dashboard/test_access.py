"""Who may see the dashboard: with a control token, only its holders (a sign-in form or ?token= sets the
guard's cookie, which the page's calls to /_fakesaas then carry); never a webhook delivery."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from fakesaas import create_app
from fakesaas.control.guard import TOKEN_COOKIE
from fakesaas.core.clock import ManualClock
from fakesaas.core.webhooks import DELIVERY_HEADER
from fakesaas.core.world import World
from fakesaas.dashboard import PREFIX
from fakesaas.settings import Settings
from tests.dashboard.support import BROWSER, fetch, text
from tests.support import T0

TOKEN = "s3cret-token"


@pytest.fixture
def guarded() -> FlaskClient:
    return create_app(Settings(seed="demo", control_token=TOKEN), World(ManualClock(T0))).test_client()


def _cookie(response) -> str:
    (header,) = [value for name, value in response.headers if name == "Set-Cookie"]
    return header


def test_without_the_token_a_browser_gets_the_sign_in_form_and_nothing_of_the_world(guarded) -> None:
    page = fetch(guarded, f"{PREFIX}/supersaas/demo", status=401)

    assert page.xpath("//form//input[@type='password']/@name") == ["token"]
    assert page.xpath("//input[@name='next']/@value") == [f"{PREFIX}/supersaas/demo"]
    assert page.xpath("//nav[@aria-label='Dashboard']") == []
    assert page.xpath("//time[@id='world-clock']") == []
    assert "demo-api-key" not in page.text_content()


def test_without_the_token_a_script_gets_a_json_401(guarded) -> None:
    answer = guarded.get("/")

    assert answer.status_code == 401
    assert "sign in at /dashboard/sign-in" in answer.get_json()["error"]


def test_a_link_with_the_token_signs_in_and_leaves_it_out_of_the_address(guarded) -> None:
    answer = guarded.get(f"{PREFIX}/journal?token={TOKEN}&method=GET", headers=BROWSER)

    assert answer.status_code == 303
    assert answer.headers["Location"] == f"{PREFIX}/journal?method=GET"
    cookie = _cookie(answer)
    assert cookie.startswith(f"{TOKEN_COOKIE}={TOKEN};")
    assert "HttpOnly" in cookie
    assert "SameSite=Strict" in cookie
    page = fetch(guarded, f"{PREFIX}/journal?method=GET")
    assert text(page, "//h1") == "Request journal"


def test_the_cookie_also_opens_the_control_plane_for_the_pages_calls(guarded) -> None:
    assert guarded.post("/_fakesaas/clock/advance?hours=1").status_code == 401
    guarded.get(f"/?token={TOKEN}", headers=BROWSER)

    assert guarded.post("/_fakesaas/clock/advance?hours=1").get_json()["now"] == "2030-01-07T09:00:00Z"


def test_a_wrong_token_in_the_link_is_refused(guarded) -> None:
    page = fetch(guarded, "/?token=guess", status=401)

    assert "not the control token" in text(page, "//*[@role='alert']")
    assert guarded.get("/", headers=BROWSER).status_code == 401


def test_the_sign_in_form_sets_the_cookie_and_goes_where_it_was_asked(guarded) -> None:
    answer = guarded.post(f"{PREFIX}/sign-in", data={"token": TOKEN, "next": f"{PREFIX}/faults"})

    assert answer.status_code == 303
    assert answer.headers["Location"] == f"{PREFIX}/faults"
    assert "HttpOnly" in _cookie(answer)
    assert text(fetch(guarded, f"{PREFIX}/faults"), "//h1") == "Fault rules"


@pytest.mark.parametrize(
    "target", ["//evil.example/", "https://evil.example/", "\\\\evil", "javascript:alert(1)"]
)
def test_signing_in_never_sends_anyone_to_another_site(guarded, target: str) -> None:
    answer = guarded.post(f"{PREFIX}/sign-in", data={"token": TOKEN, "next": target})

    assert answer.headers["Location"] == "/"


def test_a_wrong_token_in_the_form_is_refused(guarded) -> None:
    answer = guarded.post(f"{PREFIX}/sign-in", data={"token": "guess", "next": "/"}, headers=BROWSER)

    assert answer.status_code == 401
    assert "Set-Cookie" not in answer.headers


def test_signing_out_forgets_the_cookie(guarded) -> None:
    guarded.get(f"/?token={TOKEN}", headers=BROWSER)

    answer = guarded.post(f"{PREFIX}/sign-out")

    assert answer.status_code == 303
    assert guarded.get("/", headers=BROWSER).status_code == 401


def test_the_sign_in_page_and_the_static_files_need_no_token(guarded) -> None:
    assert fetch(guarded, f"{PREFIX}/sign-in").xpath("//h1/text()") == ["Sign in"]
    assert guarded.get(f"{PREFIX}/static/dashboard.css").status_code == 200


def test_a_stray_page_tells_nothing_of_the_world_without_the_token(guarded) -> None:
    page = fetch(guarded, "/nothing", status=404)

    assert page.xpath("//nav[@aria-label='Dashboard']") == []


def test_without_a_token_set_the_dashboard_is_open_and_sign_in_leads_home(client: FlaskClient) -> None:
    assert client.get(f"{PREFIX}/sign-in").headers["Location"] == "/"
    assert client.get("/", headers=BROWSER).status_code == 200


@pytest.mark.parametrize("path", ["/", f"{PREFIX}/journal", f"{PREFIX}/sign-in", f"/?token={TOKEN}"])
def test_a_webhook_delivery_is_refused_even_with_the_token(guarded, path: str) -> None:
    headers = {DELIVERY_HEADER: "1", "Authorization": f"Bearer {TOKEN}", **BROWSER}

    answer = guarded.get(path, headers=headers)

    assert answer.status_code == 403
    assert "Set-Cookie" not in answer.headers


def test_a_webhook_delivery_cannot_sign_in(guarded) -> None:
    answer = guarded.post(f"{PREFIX}/sign-in", data={"token": TOKEN}, headers={DELIVERY_HEADER: "1"})

    assert answer.status_code == 403
    assert "Set-Cookie" not in answer.headers


def test_an_exposed_emulator_guards_its_dashboard_with_the_token_it_made_up() -> None:
    client = create_app(Settings(seed="demo", host="0.0.0.0"), World(ManualClock(T0))).test_client()

    assert client.get("/", headers=BROWSER).status_code == 401
