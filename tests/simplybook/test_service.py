"""SimplyBook on the shared machinery: lossless state, seed sections, reset of one company, faults
and rate limits in the JSON-RPC shape, the journal naming the company, the banner and summary."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from flask.testing import FlaskClient

from fakesaas import create_app
from fakesaas.core.clock import ManualClock
from fakesaas.core.service import SectionError
from fakesaas.core.world import World
from fakesaas.settings import Settings
from fakesaas.simplybook.client import SimplybookClient
from fakesaas.simplybook.service import SimplybookService
from tests.simplybook.support import (
    ANNA,
    API_KEY,
    CLIENT,
    COMPANY,
    HAIRCUT,
    SECRET_KEY,
    T0,
    TUESDAY,
    rpc_error,
)


def control(http: FlaskClient, method: str, path: str, **kwargs) -> tuple[int, dict]:
    response = http.open(f"/_fakesaas{path}", method=method, **kwargs)
    return response.status_code, response.get_json()


def test_state_round_trips_losslessly_after_writes(api: SimplybookClient, world: World, service) -> None:
    public = api.public
    booked = public.book(HAIRCUT, ANNA, TUESDAY, "11:00:00", CLIENT, {"promocode": "WELCOME10"})["bookings"][
        0
    ]
    public.cancelBooking(booked["id"], api.sign(booked["id"], booked["hash"]))
    api.admin.setStatus(1, 2)
    dumped = service.dump(world.state(service.name))
    text = json.dumps(dumped)
    loaded = service.load(world, json.loads(text))
    assert service.dump(loaded) == dumped
    # The loaded state answers as the old one did, tokens included.
    world.install(service.name, loaded)
    assert public.getBooking(booked["id"], api.sign(booked["id"], booked["hash"]))["is_cancelled"] == "1"
    assert "11:00:00" in public.getStartTimeMatrix(TUESDAY, TUESDAY, HAIRCUT, ANNA, 1)[TUESDAY]


def test_a_damaged_state_is_refused(world: World, service) -> None:
    for bad in ({"format": 99}, {"format": 1, "companies": [{"login": "x"}], "tokens": []}, [], None):
        with pytest.raises(SectionError):
            service.load(world, bad)


def test_the_state_endpoint_shows_the_section_and_one_company(http: FlaskClient) -> None:
    status, everything = control(http, "GET", "/state")
    assert status == 200
    assert [c["login"] for c in everything["simplybook"]["companies"]] == [COMPANY]
    status, company = control(http, "GET", f"/state?account={COMPANY}")
    assert status == 200
    assert company["api_key"] == API_KEY


@pytest.mark.parametrize(
    ("section", "fragment"),
    [
        ({"companies": [{"login": "x"}]}, "api_key is required"),
        ({"tenants": []}, "unknown key(s) in the simplybook section: tenants"),
        (
            {"companies": [{"login": "x", "api_key": "k", "secret_key": "s", "colour": 1}]},
            "unknown key(s) colour",
        ),
        (
            {"companies": [{"login": "x", "api_key": "k", "secret_key": "s", "params": {"timeframe": 7}}]},
            "timeframe",
        ),
        ({"companies": [{"login": "x", "api_key": "k", "secret_key": "s", "plugins": ["flying"]}]}, "flying"),
        ({"companies": [{"login": "x", "api_key": "k", "secret_key": "s"}] * 2}, "used twice"),
        (
            {"companies": [{"login": "x", "api_key": "k", "secret_key": "s", "bookings": [{"service": 1}]}]},
            "bookings[0]",
        ),
    ],
)
def test_seed_errors_name_the_value_at_fault(
    http: FlaskClient, world: World, service: SimplybookService, section: dict, fragment: str
) -> None:
    with pytest.raises(SectionError) as refused:
        service.seed(service.new_state(world), section)
    assert fragment in str(refused.value)
    # Posted, the seed is refused before anything loads (by the schema, or else by the loader).
    status, body = control(http, "POST", "/seed", json={"simplybook": section})
    assert status == 422
    assert "simplybook" in body["error"]


def test_a_seeded_company_goes_through_the_booking_rules(http: FlaskClient, world: World, service) -> None:
    company = {
        "login": "salon",
        "api_key": "salon-key",
        "secret_key": "salon-secret",
        "params": {"company_timezone": "Europe/Amsterdam", "timeframe": 15, "require_fields": "email"},
        "providers": [{"id": 7, "name": "Solo", "hours": {"tue": "09:00-12:00"}}],
        "services": [{"id": 3, "name": "Trim", "duration": 15}],
        "clients": [{"name": "Zed", "email": "zed@example.com"}],
        "bookings": [
            {"service": 3, "provider": 7, "client": "zed@example.com", "start": f"{TUESDAY} 09:00"},
            {"service": 3, "provider": 7, "client": "zed@example.com", "start": f"{TUESDAY} 09:00"},
        ],
    }
    status, body = control(http, "POST", "/seed", json={"simplybook": {"companies": [company]}})
    assert status == 422
    assert "Selected time start" in body["error"] or "booked" in body["error"]
    assert world.state(service.name).company("salon") is None  # all or nothing
    company["bookings"].pop()
    status, body = control(http, "POST", "/seed", json={"simplybook": {"companies": [company]}})
    assert status == 201
    assert body["services"]["simplybook"] == ["salon"]


def test_seeding_a_company_again_replaces_it(http: FlaskClient, api: SimplybookClient) -> None:
    api.public.book(HAIRCUT, ANNA, TUESDAY, "11:00:00", CLIENT)
    status, body = control(http, "POST", "/seed?name=demo")
    assert (status, body["services"]["simplybook"]) == (201, [COMPANY])
    api.forget_tokens()  # the company's tokens went with it
    assert len(api.admin.getBookings({})) == 3


def test_reset_of_one_company_restores_its_seed_and_ids(http: FlaskClient, api: SimplybookClient) -> None:
    api.public.book(HAIRCUT, ANNA, TUESDAY, "11:00:00", CLIENT)
    assert len(api.admin.getBookings({})) == 4
    status, _ = control(http, "POST", "/reset", json={"account": COMPANY, "service": "simplybook"})
    assert status == 200
    api.forget_tokens()
    assert [row["id"] for row in api.admin.getBookings({"order": "date_start_asc"})] == ["1", "3", "2"]
    assert api.public.book(HAIRCUT, ANNA, TUESDAY, "11:00:00", CLIENT)["bookings"][0]["id"] == "4"


def test_a_fault_answers_as_a_client_of_simplybook_sees_it(http: FlaskClient, api: SimplybookClient) -> None:
    """A 500 is SimplyBook's own Internal error in the error member (HTTP 200); a 503 from in
    front of it keeps its HTTP status, with a JSON-RPC error body."""
    public = api.public
    control(
        http, "POST", "/faults", json={"action": "status", "status": 500, "path": "/simplybook/", "count": 1}
    )
    with rpc_error(-32603, "Internal error") as caught:
        public.getEventList()
    assert "injected fault" in caught.value.data
    control(
        http, "POST", "/faults", json={"action": "status", "status": 503, "path": "/simplybook/*", "count": 1}
    )
    status, body = public.post(json.dumps({"jsonrpc": "2.0", "method": "getEventList", "id": 9}).encode())
    assert status == 503
    answer = json.loads(body)
    assert answer["id"] == 9
    assert answer["error"]["code"] == -32603
    assert public.getTimeframe() == 30  # the rules fired their count and went away


def test_a_fault_rule_can_name_the_company(http: FlaskClient, api: SimplybookClient) -> None:
    public = api.public
    rule = {"action": "status", "status": 403, "path": "/simplybook*", "account": "other-company"}
    control(http, "POST", "/faults", json=rule)
    assert public.getTimeframe() == 30
    control(http, "POST", "/faults", json={**rule, "account": COMPANY})
    with rpc_error(-32600, "Access denied"):
        public.getTimeframe()


def test_rate_limits_answer_429(http: FlaskClient, api: SimplybookClient) -> None:
    public = api.public
    control(http, "PUT", "/rate-limit", json={"account": COMPANY, "per_second": 1, "service": "simplybook"})
    assert public.getTimeframe() == 30
    status, body = public.post(json.dumps({"jsonrpc": "2.0", "method": "getTimeframe", "id": 1}).encode())
    assert status == 429
    assert "error" in json.loads(body)


def test_the_journal_names_the_company_of_each_call(http: FlaskClient, api: SimplybookClient) -> None:
    api.public.getTimeframe()
    _status, body = control(http, "GET", "/requests?service=simplybook")
    entries = body["requests"]
    assert [e["path"] for e in entries] == ["/simplybook/login", "/simplybook/"]
    assert {e["account"] for e in entries} == {COMPANY}  # the login call names it in its params


def test_caller_reads_the_header_or_the_login_params(app, service: SimplybookService) -> None:
    with app.test_request_context("/simplybook/", method="POST", headers={"X-Company-Login": "acme"}):
        from flask import request

        assert service.caller(request) == "acme"
    body = json.dumps({"jsonrpc": "2.0", "method": "getToken", "params": ["shop", "key"], "id": 1})
    with app.test_request_context("/simplybook/login", method="POST", data=body):
        from flask import request

        assert service.caller(request) == "shop"
    with app.test_request_context("/simplybook/login", method="POST", data=b"{broken"):
        from flask import request

        assert service.caller(request) is None


def test_summary_and_banner_show_the_demo_credentials(app, world: World, service: SimplybookService) -> None:
    summary = service.summary(world.state(service.name))
    assert summary.counts["companies"] == 1
    assert summary.counts["bookings"] == 3
    credentials = dict(summary.tenants[0].credentials)
    assert credentials == {
        "company": COMPANY,
        "api_key": API_KEY,
        "secret_key": SECRET_KEY,
        "user": "admin",
        "password": "demo-password",
    }
    lines = service.banner(world.state(service.name), "http://127.0.0.1:8080")
    assert any("demo-secret-key" in line and "admin / demo-password" in line for line in lines)


def test_the_client_takes_the_summary_credentials_as_they_are(app, world: World, service, http) -> None:
    """What the pytest plugin will do: SimplybookClient(base_url, **credentials)."""
    from tests.simplybook.conftest import flask_transport

    credentials = dict(service.summary(world.state(service.name)).tenants[0].credentials)
    client = SimplybookClient("http://localhost/simplybook", transport=flask_transport(http), **credentials)
    assert client.admin.getCurrentUserDetails()["login"] == "admin"


def test_the_demo_is_dated_from_the_clock() -> None:
    clock = ManualClock(T0 + timedelta(days=30))
    world = World(clock)
    create_app(Settings(seed="demo"), world, services=[SimplybookService()])
    company = world.state("simplybook").company(COMPANY)
    starts = sorted(b.start for b in company.bookings.values())
    assert starts[0].date().isoformat() > "2030-02-06"


def test_every_service_mounted_together(clock: ManualClock) -> None:
    world = World(clock)
    app = create_app(Settings(seed="demo"), world)
    assert "simplybook" in world.services.names
    http = app.test_client()
    assert http.get("/simplybook/openrpc.json").status_code == 200
    assert http.get("/openapi/simplybook.json").get_json()["openrpc"].startswith("1.")


def test_the_generated_demo_grows_the_past_and_leaves_the_days_ahead_alone() -> None:
    from tests.simplybook.conftest import flask_transport

    service = SimplybookService()
    section = service.generate(T0, 500, 7)
    assert service.generate(T0, 500, 7) == section  # the same seed, the same section
    matrices = []
    for chosen, expected in ((section, 503), (service.demo(T0), 3)):
        world = World(ManualClock(T0))
        app = create_app(Settings(seed="none"), world, services=[service])
        service.seed(world.state(service.name), chosen)
        assert len(world.state(service.name).company(COMPANY).bookings) == expected
        api = SimplybookClient(
            "http://localhost/simplybook",
            COMPANY,
            api_key=API_KEY,
            transport=flask_transport(app.test_client()),
        )
        matrices.append(api.public.getStartTimeMatrix("2030-01-07", "2030-02-05", HAIRCUT, None, 1))
    assert matrices[0] == matrices[1]
