"""Account isolation under fuzz: requests made with a second account's key (or none, or garbled
credentials) over every /api route never change the demo account, never answer with its records
and never fail with a 5xx; the second account's own writes land in it alone."""

from __future__ import annotations

import base64

import pytest

from fakesaas import create_app
from fakesaas.core.clock import ManualClock
from fakesaas.core.world import World
from fakesaas.settings import Settings
from tests.isolation import (
    Probe,
    Tenants,
    contract_fields,
    fuzz,
    identifying_values,
    rest_probes,
    routes,
    secret_values,
    seed_tenant,
    service_named,
    tenant_dump,
    tenant_hash,
    values_strategy,
)
from tests.support import ACCOUNT, T0

QUICK, SLOW = 300, 5000  # hypothesis examples: one request each
RIVAL, RIVAL_KEY, RIVAL_PASSWORD = "rival", "rival-api-key", "rival-password"
RIVAL_SECTION = {
    "accounts": [
        {
            "name": RIVAL,
            "api_key": RIVAL_KEY,
            "password": RIVAL_PASSWORD,
            "users": [{"name": "zed@rival.example", "full_name": "Zed Rival"}],
            "schedules": [
                {"name": "Courts", "kind": "resource", "timezone": "UTC", "resources": ["Court A"]},
                {
                    "name": "Spin",
                    "kind": "capacity",
                    "timezone": "UTC",
                    "slots": [{"start": "2030-01-09 07:00", "finish": "2030-01-09 08:00", "capacity": 1}],
                },
            ],
            "bookings": [
                {"schedule": "Courts", "user": "zed@rival.example", "resource": "Court A",
                 "start": "2030-01-08 10:00", "finish": "2030-01-08 11:00"},
            ],
        }
    ]
}  # fmt: skip
IDENTIFYING = (
    *("name", "full_name", "email", "api_key", "password", "title", "description", "location", "phone"),
    *("address", "company", "field_1", "field_2", "super_field", "code", "url", "target_url"),
)


def basic(user: str, password: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


# Whatever the second account may present: its own key and password, its key with the demo's
# name, nothing, and credentials that decode to nothing anyone holds.
CREDENTIALS = [
    basic(RIVAL, RIVAL_KEY),
    basic(RIVAL, RIVAL_PASSWORD),
    basic(ACCOUNT, RIVAL_KEY),
    {"Authorization": f"Bearer {RIVAL_KEY}"},
    {},
    {"Authorization": "Basic !!not-base64!!"},
    basic("", ""),
    basic(RIVAL, "demo-api-key-but-wrong"),
]


def build() -> Tenants:
    world = World(ManualClock(T0))
    app = create_app(Settings(seed="demo"), world)
    service = service_named("supersaas")
    assert seed_tenant(world, service, RIVAL_SECTION) == [RIVAL]
    demo, rival = tenant_dump(world, service, ACCOUNT), tenant_dump(world, service, RIVAL)
    candidates = identifying_values(demo, IDENTIFYING, min_id=100000)
    secrets = secret_values(candidates, rival)
    ours = [*sorted(identifying_values(demo, ("name", "full_name", "email"), 1, min_id=1)), ACCOUNT]
    theirs = [*sorted(identifying_values(rival, ("name", "full_name", "email"), 1, min_id=1)), RIVAL]
    return Tenants(world, app, app.test_client(), service, ACCOUNT, ours, theirs, secrets)


@pytest.fixture
def tenants() -> Tenants:
    return build()


def test_the_secrets_checked_for_are_the_demos_own(tenants: Tenants) -> None:
    """The leak check looks for the demo's keys, names and ids, none of which the rival holds."""
    for value in ("demo-api-key", "demo-password", "alice@example.com", "Room 1", "5000001", "100001"):
        assert value in tenants.secrets
    assert not {"rival-api-key", "zed@rival.example", "Court A"} & set(tenants.secrets)


def test_every_route_and_method_with_the_demos_ids_in_the_path(tenants: Tenants) -> None:
    """Directed: each route, each method, each kind of demo id in each path argument, with the
    rival's key, its key under the demo's name, and nothing; with the rival's key, the reads of
    its own lists answer."""
    demo_ids = ["100001", "5000001", "1000001", "300001", "460001"]  # schedule, booking, user, slot, form
    credentials = [basic(RIVAL, RIVAL_KEY), basic(ACCOUNT, RIVAL_KEY), {}]
    demo_refs = {
        "schedule_id": 100001,
        "user_id": 1000001,
        "booking": {"user_id": 1000001, "slot_id": 300001},
    }
    for route in routes(tenants.app, "/api"):
        free = any(choices is None for _, choices in route.arguments)
        for method in route.methods:
            for value in demo_ids if free else [""]:
                arguments = {name: (choices[0] if choices else value) for name, choices in route.arguments}
                for auth in credentials:
                    body = demo_refs if method != "GET" else None
                    tenants.probe(
                        Probe(method, route.path(arguments), dict(auth), {"schedule_id": "100001"}, body)
                    )
    assert len(tenants.tally.routes) >= len(routes(tenants.app, "/api"))
    assert tenants.tally.statuses.get(200, 0) > 0  # the rival's own lists answered
    print(f"supersaas directed isolation: {tenants.tally.sent} requests")


def test_the_rivals_writes_land_in_the_rival_only(tenants: Tenants) -> None:
    rival_before = tenant_hash(tenants.world, tenants.service, RIVAL)
    auth = basic(RIVAL, RIVAL_KEY)
    schedule = next(s["id"] for s in tenant_dump(tenants.world, tenants.service, RIVAL)["schedules"])
    created, _ = tenants.probe(
        Probe(
            "POST",
            "/api/bookings.json",
            auth,
            body={
                "schedule_id": schedule,
                "booking": {
                    "start": "2030-01-10 10:00",
                    "finish": "2030-01-10 11:00",
                    "resource_id": "Court A",
                    "full_name": "Yan Rival",
                },
            },
        )
    )
    user, _ = tenants.probe(
        Probe("POST", "/api/users.json", auth, body={"user": {"name": "yan@rival.example"}})
    )
    assert (created, user) == (201, 201)
    rival = str(tenant_dump(tenants.world, tenants.service, RIVAL))
    assert "Yan Rival" in rival
    assert "yan@rival.example" in rival
    assert tenant_hash(tenants.world, tenants.service, RIVAL) != rival_before


def _fuzz(tenants: Tenants, examples: int) -> None:
    queries, fields = contract_fields(tenants.service)
    values = values_strategy(tenants.ours, tenants.theirs)
    fuzz(tenants, rest_probes(routes(tenants.app, "/api"), values, queries, fields, CREDENTIALS), examples)


def test_fuzzed_requests_never_touch_or_show_the_demo_account(tenants: Tenants) -> None:
    _fuzz(tenants, QUICK)


@pytest.mark.slow
def test_fuzzed_requests_never_touch_or_show_the_demo_account_at_length(tenants: Tenants) -> None:
    _fuzz(tenants, SLOW)


def test_a_probe_that_writes_into_the_demo_is_caught(tenants: Tenants) -> None:
    """The check itself can fail: the demo's own key does change the demo."""
    probe = Probe("DELETE", "/api/bookings/5000001.json", basic(ACCOUNT, "demo-api-key"))
    with pytest.raises(AssertionError, match="changed demo"):
        tenants.probe(probe)


def test_a_probe_that_reads_the_demo_is_caught(tenants: Tenants) -> None:
    probe = Probe("GET", "/api/users.json", basic(ACCOUNT, "demo-api-key"))
    with pytest.raises(AssertionError, match="answered demo's"):
        tenants.probe(probe)


def test_probes_are_drawn_over_every_route() -> None:
    tenants = build()
    paths = {route.rule for route in routes(tenants.app, "/api")}
    assert {"/api/bookings/<ref:booking_id>.<any(json, xml):fmt>", "/api/users", "/api/hooks"} <= paths
