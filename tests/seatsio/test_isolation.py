"""Company isolation under fuzz: requests made with a second company's keys (admin or workspace
secret, with or without the demo's workspace key), with none or with garbled ones, over every
/seatsio route never change the demo company, never answer with its charts, events, hold tokens
or keys, and never fail with a 5xx; the second company's writes land in it alone."""

from __future__ import annotations

import base64
import itertools
from datetime import timedelta

import pytest

from fakesaas import create_app
from fakesaas.core.clock import ManualClock
from fakesaas.core.world import World
from fakesaas.seatsio.domain.demo import (
    DEMO_CHART_KEY,
    DEMO_EVENT_KEY,
    DEMO_HOLD_TOKEN,
    DEMO_SECRET_KEY,
    DEMO_WORKSPACE_KEY,
    DEMO_WORKSPACE_SECRET_KEY,
)
from fakesaas.seatsio.domain.workspaces import DEFAULT_WORKSPACE_NAME
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
from tests.seatsio.support import PREFIX, T0

QUICK, SLOW = 400, 5000  # hypothesis examples: one request each
DEMO = "demo"
RIVAL, RIVAL_KEY, RIVAL_WORKSPACE, RIVAL_WORKSPACE_SECRET = (
    "rival",
    "rival-secret-key",
    "rival-workspace-key",
    "rival-workspace-secret-key",
)
RIVAL_SECTION = {
    "companies": [
        {
            "name": RIVAL,
            "admin_key": RIVAL_KEY,
            "designer_key": "rival-designer-key",
            "workspaces": [
                {
                    "name": "Rival workspace",
                    "key": RIVAL_WORKSPACE,
                    "secret_key": RIVAL_WORKSPACE_SECRET,
                    "charts": [
                        {"key": "rival-hall", "name": "Rival hall", "sketch": {"rows": 3, "seats": 4}}
                    ],
                    "events": [
                        {
                            "key": "rival-gig",
                            "chart": "rival-hall",
                            "name": "Rival gig",
                            "date": (T0 + timedelta(days=9)).date().isoformat(),
                            "booked": ["A-1"],
                            "holds": [
                                {"token": "rivalHoldToken", "expires_in_minutes": 60, "objects": ["B-1"]}
                            ],
                        }
                    ],
                },
                {"name": "Rival staging", "key": "rival-staging-key", "secret_key": "rival-staging-secret"},
            ],
        }
    ]
}
IDENTIFYING = ("name", "key", "admin_key", "designer_key", "default_workspace_key", "secret_keys", "token")


def basic(key: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{key}:".encode()).decode()}


# What the second company may present: its admin key (on its default workspace or naming one of
# the demo's), its workspace secret key (alone or naming the demo's workspace), the demo's
# public workspace key as if it were a secret, nothing, and headers that decode to nobody.
CREDENTIALS = [
    basic(RIVAL_KEY),
    {**basic(RIVAL_KEY), "X-Workspace-Key": "rival-staging-key"},
    {**basic(RIVAL_KEY), "X-Workspace-Key": DEMO_WORKSPACE_KEY},
    basic(RIVAL_WORKSPACE_SECRET),
    {**basic(RIVAL_WORKSPACE_SECRET), "X-Workspace-Key": DEMO_WORKSPACE_KEY},
    basic(DEMO_WORKSPACE_KEY),
    {},
    {"Authorization": "Basic !!not-base64!!"},
    {"Authorization": f"Bearer {RIVAL_KEY}"},
]
DEMO_OBJECTS = ["A-5", "C-6", "J-1", "T3", "T1-1", "Standing"]  # booked, held, free, a table, a GA area


def build() -> Tenants:
    world = World(ManualClock(T0))
    app = create_app(Settings(seed="demo"), world)
    service = service_named("seatsio")
    assert seed_tenant(world, service, RIVAL_SECTION) == [RIVAL]
    demo, rival = tenant_dump(world, service, DEMO), tenant_dump(world, service, RIVAL)
    # The default workspace name is every company's first workspace's: not the demo's to leak.
    secrets = [
        value
        for value in secret_values(identifying_values(demo, IDENTIFYING), rival)
        if value != DEFAULT_WORKSPACE_NAME
    ]
    ids = [str(value) for value in sorted(identifying_values(demo, (), min_id=1), key=int)]
    ours = [*sorted(identifying_values(demo, ("key", "token", "name"), 1)), *DEMO_OBJECTS, *ids, DEMO]
    theirs = [*sorted(identifying_values(rival, ("key", "token", "name"), 1)), "A-1", "B-1", "A-2", RIVAL]
    tenants = Tenants(world, app, app.test_client(), service, DEMO, ours, theirs, secrets)

    def restore() -> None:
        """The rival's keys back, when a probe regenerated or removed them."""
        with world.lock:
            scope = world.state("seatsio")
            company = scope.company_by_name(RIVAL)
            workspaces = list(company.workspaces.values()) if company is not None else []
            intact = (
                company is not None
                and company.admin_key == RIVAL_KEY
                and len(workspaces) >= 2
                and all(w.is_active for w in workspaces[:2])
                and RIVAL_WORKSPACE_SECRET in workspaces[0].secret_keys
                and company.default_workspace_key == RIVAL_WORKSPACE
            )
        if not intact:
            seed_tenant(world, service, RIVAL_SECTION)

    tenants.restore = restore
    return tenants


@pytest.fixture
def tenants() -> Tenants:
    return build()


def test_the_secrets_checked_for_are_the_demos_own(tenants: Tenants) -> None:
    for value in (
        DEMO_SECRET_KEY,
        DEMO_WORKSPACE_SECRET_KEY,
        DEMO_CHART_KEY,
        DEMO_EVENT_KEY,
        DEMO_HOLD_TOKEN,
    ):
        assert value in tenants.secrets
    assert "Opening night" in tenants.secrets
    assert not {RIVAL_KEY, "rival-hall", "rival-gig", "rivalHoldToken"} & set(tenants.secrets)


def test_every_route_and_method_with_the_demos_keys_in_the_path(tenants: Tenants) -> None:
    """Directed: each route and method, the demo's chart, event, workspace and hold token keys in
    every path argument, a body naming the demo's event, objects and hold token, with the rival's
    keys and with the demo's workspace key named beside them."""
    served = routes(tenants.app, PREFIX)
    demo_keys = [DEMO_CHART_KEY, DEMO_EVENT_KEY, DEMO_WORKSPACE_KEY, DEMO_HOLD_TOKEN]
    body = {
        "events": [DEMO_EVENT_KEY],
        "eventKey": DEMO_EVENT_KEY,
        "eventKeys": [DEMO_EVENT_KEY],
        "chartKey": DEMO_CHART_KEY,
        "objects": ["C-6", "J-1"],
        "holdToken": DEMO_HOLD_TOKEN,
        "status": "free",
        "workspaceKey": DEMO_WORKSPACE_KEY,
    }
    credentials = [CREDENTIALS[0], CREDENTIALS[2], CREDENTIALS[3], CREDENTIALS[5]]
    for route in served:
        free = any(choices is None for _, choices in route.arguments)
        for method in route.methods:
            for value in demo_keys if free else [""]:
                arguments = {name: (choices[0] if choices else value) for name, choices in route.arguments}
                for auth in credentials:
                    sent = body if method != "GET" else None
                    tenants.probe(Probe(method, route.path(arguments), dict(auth), {}, sent))
    assert len(tenants.tally.routes) >= len(served)
    assert tenants.tally.statuses.get(200, 0) > 0
    print(f"seatsio directed isolation: {tenants.tally.sent} requests")


def _candidates(argument: str, demo_event_id: str, rival_event_id: str) -> list[str]:
    """What a path argument of this name may name: the demo's and the rival's."""
    keys = [DEMO_CHART_KEY, DEMO_EVENT_KEY, DEMO_WORKSPACE_KEY, DEMO_HOLD_TOKEN]
    rival = ["rival-hall", "rival-gig", RIVAL_WORKSPACE, "rivalHoldToken"]
    by_name = {
        "key": keys + rival,
        "to_workspace": [DEMO_WORKSPACE_KEY, RIVAL_WORKSPACE, "rival-staging-key"],
        "from_workspace": [DEMO_WORKSPACE_KEY, RIVAL_WORKSPACE, "rival-staging-key"],
        "label": ["C-6", "A-1"],
        "chart_key": [DEMO_CHART_KEY, "rival-hall"],
        "event_id": [demo_event_id, rival_event_id],
        "month": ["2030-01"],
    }
    return by_name.get(argument, [DEMO_EVENT_KEY, "rival-gig"])


def test_every_route_with_the_demos_and_the_rivals_keys_mixed(tenants: Tenants) -> None:
    """Directed: with the rival's admin key, each route with every mix of the demo's and the
    rival's keys over its arguments (the rival's chart copied to the demo's workspace, the
    demo's chart from the demo's workspace to the rival's, ...)."""
    served = routes(tenants.app, PREFIX)
    demo_event = tenant_dump(tenants.world, tenants.service, DEMO)["workspaces"][0]["events"][0]["id"]
    rival_event = tenant_dump(tenants.world, tenants.service, RIVAL)["workspaces"][0]["events"][0]["id"]
    for route in served:
        options = [
            [choices[0]] if choices else _candidates(name, str(demo_event), str(rival_event))
            for name, choices in route.arguments
        ]
        for method in route.methods:
            for values in itertools.product(*options):
                arguments = dict(zip([name for name, _ in route.arguments], values, strict=True))
                tenants.probe(Probe(method, route.path(arguments), basic(RIVAL_KEY)))
    assert len(tenants.tally.routes) >= len(served)
    print(f"seatsio mixed-key isolation: {tenants.tally.sent} requests")


def test_the_rivals_writes_land_in_the_rival_only(tenants: Tenants) -> None:
    before = tenant_hash(tenants.world, tenants.service, RIVAL)
    auth = basic(RIVAL_KEY)
    book, _ = tenants.probe(
        Probe("POST", f"{PREFIX}/events/rival-gig/actions/book", auth, body={"objects": ["A-2"]})
    )
    event, _ = tenants.probe(
        Probe("POST", f"{PREFIX}/events", auth, body={"chartKey": "rival-hall", "eventKey": DEMO_EVENT_KEY})
    )
    assert (book, event) == (204, 201)  # the book action answers no body
    rival = tenant_dump(tenants.world, tenants.service, RIVAL)
    assert DEMO_EVENT_KEY in str(rival["workspaces"][0]["events"])  # the rival's own event of that key
    assert tenant_hash(tenants.world, tenants.service, RIVAL) != before


def _fuzz(tenants: Tenants, examples: int) -> None:
    queries, fields = contract_fields(tenants.service)
    values = values_strategy(tenants.ours, tenants.theirs)
    fuzz(tenants, rest_probes(routes(tenants.app, PREFIX), values, queries, fields, CREDENTIALS), examples)


def test_fuzzed_requests_never_touch_or_show_the_demo_company(tenants: Tenants) -> None:
    _fuzz(tenants, QUICK)


@pytest.mark.slow
def test_fuzzed_requests_never_touch_or_show_the_demo_company_at_length(tenants: Tenants) -> None:
    _fuzz(tenants, SLOW)


def test_a_probe_that_writes_into_the_demo_is_caught(tenants: Tenants) -> None:
    probe = Probe(
        "POST",
        f"{PREFIX}/events/{DEMO_EVENT_KEY}/actions/book",
        basic(DEMO_SECRET_KEY),
        body={"objects": ["J-1"]},
    )
    with pytest.raises(AssertionError, match="changed demo"):
        tenants.probe(probe)


def test_a_probe_that_reads_the_demo_is_caught(tenants: Tenants) -> None:
    with pytest.raises(AssertionError, match="answered demo's"):
        tenants.probe(Probe("GET", f"{PREFIX}/charts", basic(DEMO_SECRET_KEY)))
