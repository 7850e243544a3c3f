"""The dashboard's shared pages over the Flask test client: the overview, journal, webhooks, faults, clock
and state; where the dashboard lives (and where it never does); what a stray path answers."""

from __future__ import annotations

import json

import pytest
from flask import Flask
from flask.testing import FlaskClient

from fakesaas import create_app
from fakesaas.core.clock import ManualClock
from fakesaas.core.world import World
from fakesaas.dashboard import PREFIX, RESERVED
from fakesaas.settings import Settings
from tests.dashboard.support import BROWSER, fetch, text, texts
from tests.support import ACCOUNT, API_KEY, T0

AUTH = (ACCOUNT, API_KEY)


def test_the_overview_shows_each_service_with_credentials_base_url_snippets_and_counts(client) -> None:
    page = fetch(client, "/")

    titles = texts(page, "//section[contains(@class, 'service-card')]/div/h2")
    assert titles == ["SuperSaaS", "Seats.io", "SimplyBook.me"]
    supersaas = page.xpath("//section[@id='service-supersaas']")[0]
    assert text(supersaas, ".//code[@id='base-supersaas']") == "http://localhost"
    credentials = dict(
        zip(
            texts(supersaas, ".//dl[@class='credentials']//dt"),
            texts(supersaas, ".//dl[@class='credentials']//dd/code"),
            strict=True,
        )
    )
    assert credentials == {"account": "demo", "api_key": "demo-api-key", "password": "demo-password"}
    counts = dict(
        zip(
            texts(supersaas, ".//dl[@class='counts']//dt"),
            texts(supersaas, ".//dl[@class='counts']//dd"),
            strict=True,
        )
    )
    assert counts == {"accounts": "1", "bookings": "11", "users": "3"}
    snippets = texts(supersaas, ".//details[@class='snippet']/summary")
    assert snippets == [
        "Python: supersaas-api-client",
        "Ruby: supersaas-api-client",
        "PHP: supersaas/supersaas-api-client",
        "Node: supersaas-api-client",
        "curl",
    ]
    python = text(supersaas, ".//details[1]//code")
    assert 'os.environ["SSS_API_HOST"] = "http://localhost"' in python
    assert 'os.environ["SSS_API_KEY"] = "demo-api-key"' in python
    simplybook = page.xpath("//section[@id='service-simplybook']")[0]
    assert text(simplybook, ".//code[@id='base-simplybook']") == "http://localhost/simplybook"
    assert "getToken" in text(simplybook, ".//details[1]//code")


def test_every_copy_button_names_an_element_that_holds_the_text(client) -> None:
    page = fetch(client, "/")

    buttons = page.xpath("//button[@data-copy]")
    assert len(buttons) > 10
    for button in buttons:
        (target,) = page.xpath(f"//*[@id='{button.get('data-copy')}']")
        assert target.text_content().strip()
        assert button.get("aria-label", "").startswith("Copy ")


def test_the_overview_counts_follow_the_world(client) -> None:
    body = {
        "schedule_id": 100001,
        "booking": {"start": "2030-01-09 10:00:00", "finish": "2030-01-09 11:00:00", "full_name": "Ann"},
    }
    assert client.post("/api/bookings.json", json=body, auth=AUTH).status_code == 201

    counts = texts(fetch(client, "/"), "//section[@id='service-supersaas']//dl[@class='counts']//dd")

    assert counts[1] == "12"


def test_a_deleted_booking_leaves_the_count_and_joins_the_deleted(client, app) -> None:
    assert client.delete("/api/bookings/5000001.json", auth=AUTH).status_code == 200
    supersaas = app.extensions["fakesaas"].services.named("supersaas")

    counts = texts(fetch(client, "/"), "//section[@id='service-supersaas']//dl[@class='counts']//dd")

    assert counts[1] == "10"
    summary = supersaas.summary(app.extensions["fakesaas"].state("supersaas"))
    assert (summary.counts["bookings"], summary.counts["deleted_bookings"]) == (10, 1)


def test_each_page_is_marked_current_in_the_navigation(client) -> None:
    for path, current in (
        ("/", "Overview"),
        (f"{PREFIX}/supersaas/", "SuperSaaS"),
        (f"{PREFIX}/simplybook/demo", "SimplyBook.me"),
        (f"{PREFIX}/journal", "Journal"),
        (f"{PREFIX}/webhooks", "Webhooks"),
        (f"{PREFIX}/faults", "Faults"),
        (f"{PREFIX}/controls", "Clock & state"),
    ):
        page = fetch(client, path)
        assert texts(page, "//nav[@aria-label='Dashboard']//a[@aria-current='page']") == [current], path


def test_the_header_shows_the_worlds_clock(client, clock: ManualClock) -> None:
    page = fetch(client, "/")

    (shown,) = page.xpath("//time[@id='world-clock']")
    assert shown.get("data-now") == "2030-01-07T08:00:00Z"
    assert shown.text_content() == "2030-01-07 08:00:00 UTC"
    assert text(page, "//*[@id='world-clock-state']") == "frozen"  # a manual clock only moves when told


def test_every_form_control_has_a_label(client) -> None:
    week = f"{PREFIX}/supersaas/demo/schedules/100001?view=week"
    for path in (
        f"{PREFIX}/journal",
        f"{PREFIX}/webhooks",
        f"{PREFIX}/faults",
        f"{PREFIX}/controls",
        week,
    ):
        page = fetch(client, path)
        fields = page.xpath("//input[not(@type='hidden')] | //select")
        assert fields, path
        for field in fields:
            assert page.xpath(f"//label[@for='{field.get('id')}']"), (
                f"{path}: {field.get('name')} has no label"
            )


def test_pages_carry_no_outside_asset_and_no_inline_script(client) -> None:
    for path in ("/", f"{PREFIX}/journal", f"{PREFIX}/supersaas/demo/schedules/100002"):
        response = client.get(path, headers=BROWSER)
        page = fetch(client, path)
        sources = page.xpath("//script/@src | //link/@href | //img/@src")
        assert all(source.startswith(("/", "data:")) for source in sources), sources
        assert all(script.get("src") for script in page.xpath("//script"))
        assert "default-src 'self'" in response.headers["Content-Security-Policy"]
        assert response.headers["Cache-Control"] == "no-store"


def test_the_static_files_are_served_from_the_package(client) -> None:
    script = client.get(f"{PREFIX}/static/dashboard.js")
    style = client.get(f"{PREFIX}/static/dashboard.css")

    assert script.status_code == 200
    assert "/_fakesaas" in script.get_data(as_text=True)
    assert style.status_code == 200
    assert style.mimetype == "text/css"


# --- the journal ------------------------------------------------------------------------------


def _traffic(client: FlaskClient) -> None:
    client.get("/api/schedules.json", auth=AUTH)
    client.get("/api/bookings/5000001.json", auth=AUTH)
    client.get("/api/bokings.json", auth=AUTH)  # a typo: no route
    client.post(
        "/api/users.json", json={"user": {"name": "new@example.com", "password": "s3cret-pass"}}, auth=AUTH
    )


def test_the_journal_lists_requests_newest_first(client) -> None:
    _traffic(client)

    page = fetch(client, f"{PREFIX}/journal")

    paths = texts(page, "//table[@class='journal']//td[@class='path']/a")
    assert paths == [
        "/api/users.json",
        "/api/bokings.json",
        "/api/bookings/5000001.json",
        "/api/schedules.json",
    ]
    assert text(page, "//h2[@id='h-journal']") == "4 requests"
    assert texts(page, "//table[@class='journal']//td[@class='path']/span") == ["no route"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("method=POST", ["/api/users.json"], id="method"),
        pytest.param("status=404", ["/api/bokings.json"], id="status"),
        pytest.param("path=bookings", ["/api/bookings/5000001.json"], id="path"),
        pytest.param("unmatched=1", ["/api/bokings.json"], id="unmatched"),
        pytest.param("service=simplybook", [], id="service"),
        pytest.param(
            "status=abc",
            ["/api/users.json", "/api/bokings.json", "/api/bookings/5000001.json", "/api/schedules.json"],
            id="unreadable-status-ignored",
        ),
    ],
)
def test_the_journal_filters_by_service_method_status_and_path(
    client, query: str, expected: list[str]
) -> None:
    _traffic(client)

    page = fetch(client, f"{PREFIX}/journal?{query}")

    assert texts(page, "//table[@class='journal']//td[@class='path']/a") == expected


def test_a_request_opens_with_its_headers_body_answer_and_no_credential(client) -> None:
    _traffic(client)
    seq = fetch(client, f"{PREFIX}/journal?method=POST").xpath("//a[@data-request]/@data-request")[0]

    page = fetch(client, f"{PREFIX}/journal?method=POST&seq={seq}")

    details = page.xpath("//section[@id='request-details']")[0]
    assert text(details, "./p/code") == "POST /api/users.json"
    headers = dict(
        zip(
            texts(details, ".//table[@class='kv']//th"),
            texts(details, ".//table[@class='kv']//td"),
            strict=True,
        )
    )
    assert headers["Authorization"] == "[redacted]"
    assert headers["Content-Type"] == "application/json"
    body = json.loads(text(details, ".//h3[.='Request body']/following-sibling::pre[1]"))
    assert body == {"user": {"name": "new@example.com", "password": "[redacted]"}}
    assert "s3cret" not in page.text_content()
    assert text(details, ".//dt[.='Status']/following-sibling::dd") == "201"
    assert page.xpath("//tr[@aria-current='true']//a/@data-request") == [seq]


def test_an_unmatched_request_shows_the_closest_routes(client) -> None:
    _traffic(client)
    seq = fetch(client, f"{PREFIX}/journal?unmatched=1").xpath("//a[@data-request]/@data-request")[0]

    page = fetch(client, f"{PREFIX}/journal?seq={seq}")

    hints = texts(page, "//section[@id='request-details']//div[contains(@class, 'notice')]//code")
    assert "GET POST /api/bookings" in hints


def test_a_request_gone_from_the_journal_says_so(client) -> None:
    page = fetch(client, f"{PREFIX}/journal?seq=999")

    assert "No longer in the journal" in text(page, "//section[@id='request-details']")


def test_the_journal_pages_back_a_hundred_at_a_time(client) -> None:
    for _ in range(130):
        client.get("/api/schedules.json", auth=AUTH)

    first = fetch(client, f"{PREFIX}/journal")
    older = first.xpath("//nav[@class='pager']/a[.='Older']/@href")[0]
    second = fetch(client, older)

    assert len(first.xpath("//table[@class='journal']/tbody/tr")) == 100
    assert len(second.xpath("//table[@class='journal']/tbody/tr")) == 30
    assert texts(second, "//table[@class='journal']/tbody/tr[1]/td[1]") == ["30"]


def test_dashboard_pages_are_not_journaled(client, world: World) -> None:
    for path in ("/", f"{PREFIX}/journal", f"{PREFIX}/supersaas/demo", f"{PREFIX}/static/dashboard.js"):
        client.get(path, headers=BROWSER)

    assert len(world.journal) == 0


# --- webhooks, faults, clock and state ------------------------------------------------------------


def test_the_webhook_page_lists_deliveries_and_opens_one(client, world: World) -> None:
    # Refused as a delivery's own echo: logged, never sent, so no receiver is needed.
    world.webhooks.enqueue("http://127.0.0.1:9/hook", {"event": "create", "id": 5}, caused_by_delivery=True)
    page = fetch(client, f"{PREFIX}/webhooks")
    delivery = page.xpath("//section[@id='webhook-list']//tbody/tr/td[1]")[0].text_content()

    opened = fetch(client, f"{PREFIX}/webhooks?id={delivery}")

    assert texts(page, "//section[@id='webhook-list']//tbody//td[4]") == ["create"]
    assert json.loads(text(opened, "//section[@id='delivery-details']//pre")) == {"event": "create", "id": 5}


def test_the_fault_page_lists_rules_with_a_way_to_remove_each(client, world: World) -> None:
    world.faults.add({"action": "status", "status": 503, "path": "/api/bookings*", "count": 2})

    page = fetch(client, f"{PREFIX}/faults")

    (row,) = page.xpath("//section[@id='fault-list']//tbody/tr")
    assert "GET" not in row.text_content()
    assert "/api/bookings*" in row.text_content()
    assert row.xpath(".//button/@data-call") == ["DELETE /_fakesaas/faults/1"]
    assert page.xpath("//form[@id='add-fault']/@data-control") == ["POST /_fakesaas/faults"]


def test_the_actions_on_the_page_are_control_plane_endpoints_that_exist(app: Flask, client) -> None:
    """Every action a page sends goes to a route of /_fakesaas with that method: none is a copy."""
    adapter = app.url_map.bind("localhost")
    calls = []
    for path in (f"{PREFIX}/faults", f"{PREFIX}/controls", f"{PREFIX}/webhooks"):
        page = fetch(client, path)
        calls += page.xpath("//button/@data-call | //form/@data-control")
    assert len(calls) >= 10
    for call in calls:
        method, url = call.split(" ")
        endpoint, _ = adapter.match(url.split("?")[0], method=method)
        assert endpoint.startswith("control."), call


def test_the_controls_page_offers_every_account_to_reset(client) -> None:
    page = fetch(client, f"{PREFIX}/controls")

    options = texts(page, "//select[@id='reset-account']/option")
    assert options == ["every account", "demo (supersaas)", "demo (seatsio)", "demo (simplybook)"]
    assert page.xpath("//select[@id='reset-account']/option[2]/@data-also") == ['{"service": "supersaas"}']
    assert "nowhere to save" in page.text_content()


# --- where the dashboard lives ---------------------------------------------------------------------


def test_no_dashboard_path_is_a_service_docs_or_control_path(app: Flask) -> None:
    services = app.extensions["fakesaas"].services
    own = [rule.rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("dashboard.")]

    assert "/" in own
    for rule in own:
        assert services.owner(rule) is None, rule
        assert not rule.startswith(RESERVED), rule
        assert rule == "/" or rule.startswith(PREFIX + "/"), rule


def test_a_stray_path_answers_json_unless_a_browser_asks_for_a_page(client) -> None:
    plain = client.get("/nothing/here")
    page = fetch(client, "/nothing/here", status=404)

    assert plain.status_code == 404
    assert plain.get_json()["error"].startswith("Not found: no API path GET /nothing/here")
    assert "Not found: no API path GET /nothing/here" in text(page, "//main")


def test_a_service_or_control_path_keeps_its_own_404_for_a_browser_too(client) -> None:
    api = client.get("/api/nothing.json", headers=BROWSER)
    control = client.get("/_fakesaas/nothing", headers=BROWSER)

    assert api.status_code == control.status_code == 404
    assert api.mimetype == "application/json"
    assert control.get_json()["error"]


def test_an_unknown_service_page_is_a_404_page(client) -> None:
    page = fetch(client, f"{PREFIX}/nope/", status=404)

    assert "no service 'nope'" in text(page, "//main")


def test_without_the_control_plane_there_is_no_dashboard() -> None:
    client = create_app(Settings(seed="demo", control=False), World(ManualClock(T0))).test_client()

    assert client.get("/", headers=BROWSER).status_code == 404
    assert client.get("/").get_json()["error"].startswith("Not found")
    assert client.get(f"{PREFIX}/journal", headers=BROWSER).status_code == 404
